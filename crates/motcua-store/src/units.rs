//! Administrative units: saved in batches, read as they stood on a date.

use chrono::NaiveDate;
use motcua_domain::text::fold;
use motcua_domain::units::{AdminUnit, UnitLevel};
use sqlx::any::AnyRow;

use crate::encoding::{corrupt, date, parse_date, parse_optional_date};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// A unit record's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct UnitRow {
    code: String,
    level: String,
    valid_from: String,
    name: String,
    /// The name folded for search; written, never read back.
    name_folded: String,
    unit_type: String,
    province_code: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    area_km2: Option<f64>,
    valid_to: Option<String>,
    superseded_by: Option<String>,
}

impl Row for UnitRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("code", &mut self.code);
        c.text("level", &mut self.level);
        c.text("valid_from", &mut self.valid_from);
        c.text("name", &mut self.name);
        c.text("name_folded", &mut self.name_folded);
        c.text("unit_type", &mut self.unit_type);
        c.text("province_code", &mut self.province_code);
        c.optional_double("latitude", &mut self.latitude);
        c.optional_double("longitude", &mut self.longitude);
        c.optional_double("area_km2", &mut self.area_km2);
        c.optional_text("valid_to", &mut self.valid_to);
        c.optional_text("superseded_by", &mut self.superseded_by);
    }
}

impl From<&AdminUnit> for UnitRow {
    fn from(u: &AdminUnit) -> UnitRow {
        UnitRow {
            code: u.code.clone(),
            level: u.level.as_str().to_owned(),
            valid_from: date(u.valid_from),
            name: u.name.clone(),
            name_folded: fold(&u.name),
            unit_type: u.unit_type.clone(),
            province_code: u.province_code.clone(),
            latitude: u.latitude,
            longitude: u.longitude,
            area_km2: u.area_km2,
            valid_to: u.valid_to.map(date),
            superseded_by: u.superseded_by.clone(),
        }
    }
}

impl TryFrom<UnitRow> for AdminUnit {
    type Error = StoreError;

    fn try_from(r: UnitRow) -> StoreResult<AdminUnit> {
        Ok(AdminUnit {
            code: r.code,
            level: UnitLevel::parse(&r.level).map_err(|e| corrupt("unit level", e))?,
            name: r.name,
            unit_type: r.unit_type,
            province_code: r.province_code,
            latitude: r.latitude,
            longitude: r.longitude,
            area_km2: r.area_km2,
            valid_from: parse_date(&r.valid_from)?,
            valid_to: parse_optional_date(r.valid_to.as_deref())?,
            superseded_by: r.superseded_by,
        })
    }
}

fn read_unit(row: &AnyRow) -> StoreResult<AdminUnit> {
    AdminUnit::try_from(row::read::<UnitRow>(row)?)
}

/// `SELECT` of every unit column, to be followed by the conditions.
fn select_units() -> String {
    format!("SELECT {} FROM admin_units", row::column_list::<UnitRow>(None))
}

impl Store {
    /// Inserts or updates units in one transaction; returns how many rows changed.
    /// Saving the same units again changes nothing.
    pub async fn save_units(&self, units: &[AdminUnit]) -> StoreResult<u64> {
        let rows: Vec<UnitRow> = units.iter().map(UnitRow::from).collect();
        self.write(move |tx| {
            Box::pin(async move {
                let mut changed = 0;
                for unit in &rows {
                    let mut upsert = row::upsert("admin_units", unit, &["code", "level", "valid_from"]);
                    upsert.push(
                        " WHERE admin_units.name <> excluded.name
                            OR admin_units.unit_type <> excluded.unit_type
                            OR admin_units.province_code <> excluded.province_code
                            OR COALESCE(admin_units.valid_to, '') <> COALESCE(excluded.valid_to, '')
                            OR COALESCE(admin_units.superseded_by, '') <> COALESCE(excluded.superseded_by, '')
                            OR COALESCE(admin_units.latitude, 0) <> COALESCE(excluded.latitude, 0)
                            OR COALESCE(admin_units.longitude, 0) <> COALESCE(excluded.longitude, 0)
                            OR COALESCE(admin_units.area_km2, 0) <> COALESCE(excluded.area_km2, 0)",
                    );
                    changed += upsert.build().execute(&mut *tx).await?.rows_affected();
                }
                Ok(changed)
            })
        })
        .await
    }

    /// How many unit records of a level exist on `on`.
    pub async fn count_units(&self, level: UnitLevel, on: NaiveDate) -> StoreResult<i64> {
        let day = date(on);
        let count = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM admin_units
             WHERE level = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $3)",
        )
        .bind(level.as_str())
        .bind(&day)
        .bind(&day)
        .fetch_one(&self.pool)
        .await?;
        Ok(count)
    }

    /// The provinces as they stood on `on`, by code.
    pub async fn provinces(&self, on: NaiveDate) -> StoreResult<Vec<AdminUnit>> {
        let day = date(on);
        let rows = sqlx::query(&format!(
            "{} WHERE level = 'province' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $2) ORDER BY code",
            select_units()
        ))
        .bind(&day)
        .bind(&day)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_unit).collect()
    }

    /// The communes of a province as they stood on `on`, by code.
    pub async fn communes(&self, province_code: &str, on: NaiveDate) -> StoreResult<Vec<AdminUnit>> {
        let day = date(on);
        let rows = sqlx::query(&format!(
            "{} WHERE level = 'commune' AND province_code = $1 AND valid_from <= $2
               AND (valid_to IS NULL OR valid_to > $3)
             ORDER BY code",
            select_units()
        ))
        .bind(province_code)
        .bind(&day)
        .bind(&day)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_unit).collect()
    }

    /// The unit with `code` at `level` as it stood on `on`.
    pub async fn unit(&self, level: UnitLevel, code: &str, on: NaiveDate) -> StoreResult<Option<AdminUnit>> {
        let day = date(on);
        let row = sqlx::query(&format!(
            "{} WHERE level = $1 AND code = $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $4)",
            select_units()
        ))
        .bind(level.as_str())
        .bind(code)
        .bind(&day)
        .bind(&day)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(read_unit).transpose()
    }

    /// Every record a unit code has had, oldest first: its history through mergers.
    pub async fn unit_history(&self, level: UnitLevel, code: &str) -> StoreResult<Vec<AdminUnit>> {
        let rows = sqlx::query(&format!("{} WHERE level = $1 AND code = $2 ORDER BY valid_from", select_units()))
            .bind(level.as_str())
            .bind(code)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(read_unit).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_unit_row_has_its_column() {
        row::tests::round_trips(&UnitRow {
            code: "a".into(),
            level: "b".into(),
            valid_from: "c".into(),
            name: "d".into(),
            name_folded: "e".into(),
            unit_type: "f".into(),
            province_code: "g".into(),
            latitude: Some(21.5),
            longitude: Some(105.25),
            area_km2: Some(3.75),
            valid_to: Some("h".into()),
            superseded_by: Some("i".into()),
        });
    }
}
