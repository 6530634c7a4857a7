//! Agencies and service points (outreach sessions among them).

use motcua_domain::clock::WorkingHours;
use motcua_domain::organisation::{Agency, AgencyCode, AgencyKind, ServicePoint, ServicePointKind};

use crate::encoding::{corrupt, date, parse_optional_date};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// An agency's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct AgencyRow {
    code: String,
    name: String,
    kind: String,
    unit_code: String,
    province_code: String,
}

impl Row for AgencyRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("code", &mut self.code);
        c.text("name", &mut self.name);
        c.text("kind", &mut self.kind);
        c.text("unit_code", &mut self.unit_code);
        c.text("province_code", &mut self.province_code);
    }
}

impl From<&Agency> for AgencyRow {
    fn from(a: &Agency) -> AgencyRow {
        AgencyRow {
            code: a.code.to_string(),
            name: a.name.clone(),
            kind: a.kind.as_str().to_owned(),
            unit_code: a.unit_code.clone(),
            province_code: a.province_code.clone(),
        }
    }
}

impl TryFrom<AgencyRow> for Agency {
    type Error = StoreError;

    fn try_from(r: AgencyRow) -> StoreResult<Agency> {
        Ok(Agency {
            code: AgencyCode::parse(&r.code).map_err(|e| corrupt("agency code", e))?,
            name: r.name,
            kind: AgencyKind::parse(&r.kind).map_err(|e| corrupt("agency kind", e))?,
            unit_code: r.unit_code,
            province_code: r.province_code,
        })
    }
}

/// A service point's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct ServicePointRow {
    code: String,
    name: String,
    kind: String,
    unit_code: String,
    province_code: String,
    address: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    working_hours: String,
    session_date: Option<String>,
}

impl Row for ServicePointRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("code", &mut self.code);
        c.text("name", &mut self.name);
        c.text("kind", &mut self.kind);
        c.text("unit_code", &mut self.unit_code);
        c.text("province_code", &mut self.province_code);
        c.text("address", &mut self.address);
        c.optional_double("latitude", &mut self.latitude);
        c.optional_double("longitude", &mut self.longitude);
        c.text("working_hours", &mut self.working_hours);
        c.optional_text("session_date", &mut self.session_date);
    }
}

impl From<&ServicePoint> for ServicePointRow {
    fn from(p: &ServicePoint) -> ServicePointRow {
        ServicePointRow {
            code: p.code.clone(),
            name: p.name.clone(),
            kind: p.kind.as_str().to_owned(),
            unit_code: p.unit_code.clone(),
            province_code: p.province_code.clone(),
            address: p.address.clone(),
            latitude: p.latitude,
            longitude: p.longitude,
            working_hours: p.working_hours.to_string(),
            session_date: p.session_date.map(date),
        }
    }
}

impl TryFrom<ServicePointRow> for ServicePoint {
    type Error = StoreError;

    fn try_from(r: ServicePointRow) -> StoreResult<ServicePoint> {
        Ok(ServicePoint {
            code: r.code,
            name: r.name,
            kind: ServicePointKind::parse(&r.kind).map_err(|e| corrupt("service point kind", e))?,
            unit_code: r.unit_code,
            province_code: r.province_code,
            address: r.address,
            latitude: r.latitude,
            longitude: r.longitude,
            working_hours: WorkingHours::parse(&r.working_hours).map_err(|e| corrupt("working hours", e))?,
            session_date: parse_optional_date(r.session_date.as_deref())?,
        })
    }
}

impl Store {
    /// Inserts or replaces an agency.
    pub async fn save_agency(&self, agency: &Agency) -> StoreResult<()> {
        let row = AgencyRow::from(agency);
        self.write(move |conn| {
            Box::pin(async move {
                row::upsert("agencies", &row, &["code"]).build().execute(&mut *conn).await?;
                Ok(())
            })
        })
        .await
    }

    pub async fn agency(&self, code: &str) -> StoreResult<Option<Agency>> {
        let row = sqlx::query(&format!("SELECT {} FROM agencies WHERE code = $1", row::column_list::<AgencyRow>(None)))
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(|r| Agency::try_from(row::read::<AgencyRow>(r)?)).transpose()
    }

    /// The agencies of a province, by code.
    pub async fn agencies(&self, province_code: &str) -> StoreResult<Vec<Agency>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM agencies WHERE province_code = $1 ORDER BY code",
            row::column_list::<AgencyRow>(None)
        ))
        .bind(province_code)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Agency::try_from(row::read::<AgencyRow>(r)?)).collect()
    }

    /// Inserts or replaces a service point.
    pub async fn save_service_point(&self, point: &ServicePoint) -> StoreResult<()> {
        let row = ServicePointRow::from(point);
        self.write(move |conn| {
            Box::pin(async move {
                row::upsert("service_points", &row, &["code"]).build().execute(&mut *conn).await?;
                Ok(())
            })
        })
        .await
    }

    pub async fn service_point(&self, code: &str) -> StoreResult<Option<ServicePoint>> {
        let row = sqlx::query(&format!(
            "SELECT {} FROM service_points WHERE code = $1",
            row::column_list::<ServicePointRow>(None)
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(|r| ServicePoint::try_from(row::read::<ServicePointRow>(r)?)).transpose()
    }

    /// The service points of a province, by code.
    pub async fn service_points(&self, province_code: &str) -> StoreResult<Vec<ServicePoint>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM service_points WHERE province_code = $1 ORDER BY code",
            row::column_list::<ServicePointRow>(None)
        ))
        .bind(province_code)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| ServicePoint::try_from(row::read::<ServicePointRow>(r)?)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_organisation_rows_has_its_column() {
        row::tests::round_trips(&AgencyRow {
            code: "a".into(),
            name: "b".into(),
            kind: "c".into(),
            unit_code: "d".into(),
            province_code: "e".into(),
        });
        row::tests::round_trips(&ServicePointRow {
            code: "a".into(),
            name: "b".into(),
            kind: "c".into(),
            unit_code: "d".into(),
            province_code: "e".into(),
            address: "f".into(),
            latitude: Some(21.5),
            longitude: Some(105.25),
            working_hours: "g".into(),
            session_date: Some("h".into()),
        });
    }
}
