//! Agencies and service points.

use motcua_domain::clock::WorkingHours;
use motcua_domain::organisation::{Agency, AgencyCode, AgencyKind, ServicePoint, ServicePointKind};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::encoding::{Double, corrupt, date, parse_date};
use crate::{Store, StoreResult};

fn agency_from_row(row: &AnyRow) -> StoreResult<Agency> {
    let code: String = row.try_get("code")?;
    let kind: String = row.try_get("kind")?;
    Ok(Agency {
        code: AgencyCode::parse(&code).map_err(|e| corrupt("agency code", e))?,
        name: row.try_get("name")?,
        kind: AgencyKind::parse(&kind).map_err(|e| corrupt("agency kind", e))?,
        unit_code: row.try_get("unit_code")?,
        province_code: row.try_get("province_code")?,
    })
}

fn service_point_from_row(row: &AnyRow) -> StoreResult<ServicePoint> {
    let kind: String = row.try_get("kind")?;
    let hours: String = row.try_get("working_hours")?;
    let session_date: Option<String> = row.try_get("session_date")?;
    Ok(ServicePoint {
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        kind: ServicePointKind::parse(&kind).map_err(|e| corrupt("service point kind", e))?,
        unit_code: row.try_get("unit_code")?,
        province_code: row.try_get("province_code")?,
        address: row.try_get("address")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        working_hours: WorkingHours::parse(&hours).map_err(|e| corrupt("working hours", e))?,
        session_date: session_date.as_deref().map(parse_date).transpose()?,
    })
}

impl Store {
    /// Inserts or replaces an agency.
    pub async fn save_agency(&self, agency: &Agency) -> StoreResult<()> {
        let agency = agency.clone();
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query(
                    "INSERT INTO agencies (code, name, kind, unit_code, province_code) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                 unit_code = excluded.unit_code, province_code = excluded.province_code",
                )
                .bind(agency.code.as_str())
                .bind(&agency.name)
                .bind(agency.kind.as_str())
                .bind(&agency.unit_code)
                .bind(&agency.province_code)
                .execute(&mut *conn)
                .await?;
                Ok(())
            })
        })
        .await
    }

    pub async fn agency(&self, code: &str) -> StoreResult<Option<Agency>> {
        let row = sqlx::query("SELECT code, name, kind, unit_code, province_code FROM agencies WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(agency_from_row).transpose()
    }

    /// The agencies of a province, by code.
    pub async fn agencies(&self, province_code: &str) -> StoreResult<Vec<Agency>> {
        let rows = sqlx::query(
            "SELECT code, name, kind, unit_code, province_code FROM agencies WHERE province_code = $1 ORDER BY code",
        )
        .bind(province_code)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(agency_from_row).collect()
    }

    /// Inserts or replaces a service point.
    pub async fn save_service_point(&self, point: &ServicePoint) -> StoreResult<()> {
        let point = point.clone();
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query(
            "INSERT INTO service_points (code, name, kind, unit_code, province_code, address, latitude, longitude,
                 working_hours, session_date)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                 unit_code = excluded.unit_code, province_code = excluded.province_code,
                 address = excluded.address, latitude = excluded.latitude, longitude = excluded.longitude,
                 working_hours = excluded.working_hours, session_date = excluded.session_date",
        )
        .bind(&point.code)
        .bind(&point.name)
        .bind(point.kind.as_str())
        .bind(&point.unit_code)
        .bind(&point.province_code)
        .bind(&point.address)
        .bind(Double(point.latitude))
        .bind(Double(point.longitude))
        .bind(point.working_hours.to_string())
        .bind(point.session_date.map(date))
        .execute(&mut *conn)
        .await?;
                Ok(())
            })
        })
        .await
    }

    pub async fn service_point(&self, code: &str) -> StoreResult<Option<ServicePoint>> {
        let row = sqlx::query(
            "SELECT code, name, kind, unit_code, province_code, address, latitude, longitude, working_hours,
                 session_date FROM service_points WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(service_point_from_row).transpose()
    }

    /// The service points of a province, by code.
    pub async fn service_points(&self, province_code: &str) -> StoreResult<Vec<ServicePoint>> {
        let rows = sqlx::query(
            "SELECT code, name, kind, unit_code, province_code, address, latitude, longitude, working_hours,
                 session_date FROM service_points WHERE province_code = $1 ORDER BY code",
        )
        .bind(province_code)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(service_point_from_row).collect()
    }
}
