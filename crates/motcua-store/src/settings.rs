//! How each unit offers the procedures of the national catalogue.

use chrono::Utc;
use motcua_domain::catalogue::ProcedureSetting;
use motcua_domain::clock::{ProcessingTime, TimeUnit};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::encoding::{Double, corrupt, flag, instant};
use crate::{Store, StoreResult};

const COLUMNS: &str = "unit_code, procedure_code, enabled, boundary_free, processing_amount, processing_unit, fee_dong,
    review_hours, approval_hours";

fn setting_from_row(row: &AnyRow) -> StoreResult<ProcedureSetting> {
    let amount: Option<f64> = row.try_get("processing_amount")?;
    let unit: Option<String> = row.try_get("processing_unit")?;
    let processing = match (amount, unit) {
        (Some(amount), Some(unit)) => {
            Some(ProcessingTime { amount, unit: TimeUnit::parse(&unit).map_err(|e| corrupt("processing_unit", e))? })
        }
        _ => None,
    };
    Ok(ProcedureSetting {
        unit_code: row.try_get("unit_code")?,
        procedure_code: row.try_get("procedure_code")?,
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        boundary_free: row.try_get::<Option<i64>, _>("boundary_free")?.map(|b| b != 0),
        processing,
        fee_dong: row.try_get("fee_dong")?,
        review_hours: row.try_get("review_hours")?,
        approval_hours: row.try_get("approval_hours")?,
    })
}

impl Store {
    /// Creates or replaces a unit's setting of a procedure.
    pub async fn save_procedure_setting(&self, setting: &ProcedureSetting, by: &str) -> StoreResult<()> {
        let (setting, by) = (setting.clone(), by.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query(
                    "INSERT INTO procedure_settings (unit_code, procedure_code, enabled, boundary_free,
                         processing_amount, processing_unit, fee_dong, review_hours, approval_hours,
                         updated_by, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                     ON CONFLICT (unit_code, procedure_code) DO UPDATE SET enabled = excluded.enabled,
                         boundary_free = excluded.boundary_free, processing_amount = excluded.processing_amount,
                         processing_unit = excluded.processing_unit, fee_dong = excluded.fee_dong,
                         review_hours = excluded.review_hours, approval_hours = excluded.approval_hours,
                         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                )
                .bind(&setting.unit_code)
                .bind(&setting.procedure_code)
                .bind(flag(setting.enabled))
                .bind(setting.boundary_free.map(flag))
                .bind(Double(setting.processing.map(|p| p.amount)))
                .bind(setting.processing.map(|p| p.unit.as_str().to_owned()))
                .bind(setting.fee_dong)
                .bind(Double(setting.review_hours))
                .bind(Double(setting.approval_hours))
                .bind(&by)
                .bind(instant(Utc::now()))
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
            "SELECT {COLUMNS} FROM procedure_settings WHERE procedure_code = $1 AND unit_code IN ($2, $3)"
        ))
        .bind(procedure_code)
        .bind(units[0])
        .bind(units[1])
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(setting_from_row).collect()
    }

    /// Every setting, by unit and procedure (at most `limit`).
    pub async fn procedure_settings(&self, limit: i64) -> StoreResult<Vec<ProcedureSetting>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM procedure_settings ORDER BY unit_code, procedure_code LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(setting_from_row).collect()
    }
}
