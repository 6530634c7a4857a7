//! How each unit offers the procedures of the national catalogue.

use chrono::{DateTime, Utc};
use motcua_domain::catalogue::ProcedureSetting;
use motcua_domain::clock::{ProcessingTime, TimeUnit};
use sqlx::any::AnyRow;

use crate::encoding::{corrupt, flag, instant};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// A unit's setting of a procedure, as its row. A null column keeps the
/// catalogue's value.
#[derive(Debug, Clone, Default, PartialEq)]
struct SettingRow {
    unit_code: String,
    procedure_code: String,
    enabled: i64,
    boundary_free: Option<i64>,
    processing_amount: Option<f64>,
    processing_unit: Option<String>,
    fee_dong: Option<i64>,
    review_hours: Option<f64>,
    approval_hours: Option<f64>,
    updated_by: String,
    updated_at: String,
}

impl Row for SettingRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("unit_code", &mut self.unit_code);
        c.text("procedure_code", &mut self.procedure_code);
        c.int("enabled", &mut self.enabled);
        c.optional_int("boundary_free", &mut self.boundary_free);
        c.optional_double("processing_amount", &mut self.processing_amount);
        c.optional_text("processing_unit", &mut self.processing_unit);
        c.optional_int("fee_dong", &mut self.fee_dong);
        c.optional_double("review_hours", &mut self.review_hours);
        c.optional_double("approval_hours", &mut self.approval_hours);
        c.text("updated_by", &mut self.updated_by);
        c.text("updated_at", &mut self.updated_at);
    }
}

impl SettingRow {
    /// The row of `setting`, as changed by `by` at `at`.
    fn of(setting: &ProcedureSetting, by: &str, at: DateTime<Utc>) -> SettingRow {
        SettingRow {
            unit_code: setting.unit_code.clone(),
            procedure_code: setting.procedure_code.clone(),
            enabled: flag(setting.enabled),
            boundary_free: setting.boundary_free.map(flag),
            processing_amount: setting.processing.map(|p| p.amount),
            processing_unit: setting.processing.map(|p| p.unit.as_str().to_owned()),
            fee_dong: setting.fee_dong,
            review_hours: setting.review_hours,
            approval_hours: setting.approval_hours,
            updated_by: by.to_owned(),
            updated_at: instant(at),
        }
    }
}

impl TryFrom<SettingRow> for ProcedureSetting {
    type Error = StoreError;

    fn try_from(r: SettingRow) -> StoreResult<ProcedureSetting> {
        let processing = match (r.processing_amount, r.processing_unit) {
            (Some(amount), Some(unit)) => Some(ProcessingTime {
                amount,
                unit: TimeUnit::parse(&unit).map_err(|e| corrupt("processing_unit", e))?,
            }),
            _ => None,
        };
        Ok(ProcedureSetting {
            unit_code: r.unit_code,
            procedure_code: r.procedure_code,
            enabled: r.enabled != 0,
            boundary_free: r.boundary_free.map(|b| b != 0),
            processing,
            fee_dong: r.fee_dong,
            review_hours: r.review_hours,
            approval_hours: r.approval_hours,
        })
    }
}

fn read_setting(row: &AnyRow) -> StoreResult<ProcedureSetting> {
    ProcedureSetting::try_from(row::read::<SettingRow>(row)?)
}

impl Store {
    /// Creates or replaces a unit's setting of a procedure.
    pub async fn save_procedure_setting(&self, setting: &ProcedureSetting, by: &str) -> StoreResult<()> {
        let row = SettingRow::of(setting, by, Utc::now());
        self.write(move |conn| {
            Box::pin(async move {
                row::upsert("procedure_settings", &row, &["unit_code", "procedure_code"])
                    .build()
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// The settings of a procedure in these units (a province and a commune).
    pub async fn procedure_settings_for(
        &self,
        procedure_code: &str,
        units: [&str; 2],
    ) -> StoreResult<Vec<ProcedureSetting>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM procedure_settings WHERE procedure_code = $1 AND unit_code IN ($2, $3)",
            row::column_list::<SettingRow>(None)
        ))
        .bind(procedure_code)
        .bind(units[0])
        .bind(units[1])
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_setting).collect()
    }

    /// Every setting, by unit and procedure (at most `limit`).
    pub async fn procedure_settings(&self, limit: i64) -> StoreResult<Vec<ProcedureSetting>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM procedure_settings ORDER BY unit_code, procedure_code LIMIT $1",
            row::column_list::<SettingRow>(None)
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_setting).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_setting_row_has_its_column() {
        row::tests::round_trips(&SettingRow {
            unit_code: "a".into(),
            procedure_code: "b".into(),
            enabled: 1,
            boundary_free: Some(2),
            processing_amount: Some(3.5),
            processing_unit: Some("c".into()),
            fee_dong: Some(4),
            review_hours: Some(5.5),
            approval_hours: Some(6.5),
            updated_by: "d".into(),
            updated_at: "e".into(),
        });
    }
}
