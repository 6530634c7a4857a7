//! Administrative units.

use axum::Json;
use axum::extract::{Path, State};
use motcua_domain::units::AdminUnit;
use serde::Serialize;

use crate::AppState;
use crate::problem::ApiError;

#[derive(Debug, Serialize)]
pub(crate) struct UnitBody {
    code: String,
    name: String,
    #[serde(rename = "type")]
    unit_type: String,
    province_code: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    area_km2: Option<f64>,
    valid_from: chrono::NaiveDate,
}

impl From<AdminUnit> for UnitBody {
    fn from(unit: AdminUnit) -> UnitBody {
        UnitBody {
            code: unit.code,
            name: unit.name,
            unit_type: unit.unit_type,
            province_code: unit.province_code,
            latitude: unit.latitude,
            longitude: unit.longitude,
            area_km2: unit.area_km2,
            valid_from: unit.valid_from,
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct UnitList {
    items: Vec<UnitBody>,
    total: usize,
}

impl UnitList {
    fn new(units: Vec<AdminUnit>) -> UnitList {
        let items: Vec<UnitBody> = units.into_iter().map(UnitBody::from).collect();
        UnitList { total: items.len(), items }
    }
}

pub(crate) async fn provinces(State(state): State<AppState>) -> Result<Json<UnitList>, ApiError> {
    Ok(Json(UnitList::new(state.app.provinces().await?)))
}

pub(crate) async fn communes(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<UnitList>, ApiError> {
    Ok(Json(UnitList::new(state.app.communes(&code).await?)))
}
