//! Administrative units: saved in batches, read as they stood on a date.

use chrono::NaiveDate;
use motcua_domain::text::fold;
use motcua_domain::units::{AdminUnit, UnitLevel};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::encoding::{Double, corrupt, date, parse_date};
use crate::{Store, StoreResult};

const UNIT_COLUMNS: &str =
    "code, level, valid_from, name, unit_type, province_code, latitude, longitude, area_km2, valid_to, superseded_by";

fn unit_from_row(row: &AnyRow) -> StoreResult<AdminUnit> {
    let level: String = row.try_get("level")?;
    let valid_to: Option<String> = row.try_get("valid_to")?;
    Ok(AdminUnit {
        code: row.try_get("code")?,
        level: UnitLevel::parse(&level).map_err(|e| corrupt("unit level", e))?,
        name: row.try_get("name")?,
        unit_type: row.try_get("unit_type")?,
        province_code: row.try_get("province_code")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        area_km2: row.try_get("area_km2")?,
        valid_from: parse_date(&row.try_get::<String, _>("valid_from")?)?,
        valid_to: valid_to.as_deref().map(parse_date).transpose()?,
        superseded_by: row.try_get("superseded_by")?,
    })
}

impl Store {
    /// Inserts or updates units in one transaction; returns how many rows changed.
    /// Saving the same units again changes nothing.
    pub async fn save_units(&self, units: &[AdminUnit]) -> StoreResult<u64> {
        let units = units.to_vec();
        self.write(move |tx| {
            Box::pin(async move {
                let mut changed = 0;
                for unit in &units {
                    let result = sqlx::query(
                        "INSERT INTO admin_units (code, level, valid_from, name, name_folded, unit_type, province_code,
                     latitude, longitude, area_km2, valid_to, superseded_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                 ON CONFLICT (code, level, valid_from) DO UPDATE SET
                     name = excluded.name, name_folded = excluded.name_folded, unit_type = excluded.unit_type,
                     province_code = excluded.province_code, latitude = excluded.latitude,
                     longitude = excluded.longitude, area_km2 = excluded.area_km2,
                     valid_to = excluded.valid_to, superseded_by = excluded.superseded_by
                 WHERE admin_units.name <> excluded.name
                    OR admin_units.unit_type <> excluded.unit_type
                    OR admin_units.province_code <> excluded.province_code
                    OR COALESCE(admin_units.valid_to, '') <> COALESCE(excluded.valid_to, '')
                    OR COALESCE(admin_units.superseded_by, '') <> COALESCE(excluded.superseded_by, '')
                    OR COALESCE(admin_units.latitude, 0) <> COALESCE(excluded.latitude, 0)
                    OR COALESCE(admin_units.longitude, 0) <> COALESCE(excluded.longitude, 0)
                    OR COALESCE(admin_units.area_km2, 0) <> COALESCE(excluded.area_km2, 0)",
                    )
                    .bind(&unit.code)
                    .bind(unit.level.as_str())
                    .bind(date(unit.valid_from))
                    .bind(&unit.name)
                    .bind(fold(&unit.name))
                    .bind(&unit.unit_type)
                    .bind(&unit.province_code)
                    .bind(Double(unit.latitude))
                    .bind(Double(unit.longitude))
                    .bind(Double(unit.area_km2))
                    .bind(unit.valid_to.map(date))
                    .bind(unit.superseded_by.as_deref())
                    .execute(&mut *tx)
                    .await?;
                    changed += result.rows_affected();
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
            "SELECT {UNIT_COLUMNS} FROM admin_units
             WHERE level = 'province' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $2)
             ORDER BY code"
        ))
        .bind(&day)
        .bind(&day)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(unit_from_row).collect()
    }

    /// The communes of a province as they stood on `on`, by code.
    pub async fn communes(&self, province_code: &str, on: NaiveDate) -> StoreResult<Vec<AdminUnit>> {
        let day = date(on);
        let rows = sqlx::query(&format!(
            "SELECT {UNIT_COLUMNS} FROM admin_units
             WHERE level = 'commune' AND province_code = $1 AND valid_from <= $2
               AND (valid_to IS NULL OR valid_to > $3)
             ORDER BY code"
        ))
        .bind(province_code)
        .bind(&day)
        .bind(&day)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(unit_from_row).collect()
    }

    /// The unit with `code` at `level` as it stood on `on`.
    pub async fn unit(&self, level: UnitLevel, code: &str, on: NaiveDate) -> StoreResult<Option<AdminUnit>> {
        let day = date(on);
        let row = sqlx::query(&format!(
            "SELECT {UNIT_COLUMNS} FROM admin_units
             WHERE level = $1 AND code = $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $4)"
        ))
        .bind(level.as_str())
        .bind(code)
        .bind(&day)
        .bind(&day)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(unit_from_row).transpose()
    }

    /// Every record a unit code has had, oldest first: its history through mergers.
    pub async fn unit_history(&self, level: UnitLevel, code: &str) -> StoreResult<Vec<AdminUnit>> {
        let rows = sqlx::query(&format!(
            "SELECT {UNIT_COLUMNS} FROM admin_units WHERE level = $1 AND code = $2 ORDER BY valid_from"
        ))
        .bind(level.as_str())
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(unit_from_row).collect()
    }
}
