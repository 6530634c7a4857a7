//! Agencies and service points of a province.

use axum::Json;
use axum::extract::{Path, Query, State};
use motcua_domain::organisation::{Agency, ServicePoint};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::problem::ApiError;

#[derive(Debug, Serialize)]
pub(crate) struct AgencyList {
    items: Vec<Agency>,
    total: usize,
}

pub(crate) async fn agencies(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<AgencyList>, ApiError> {
    let items = state.app.agencies(&code).await?;
    Ok(Json(AgencyList { total: items.len(), items }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct NearParams {
    near: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PointBody {
    #[serde(flatten)]
    point: ServicePoint,
    distance_km: Option<f64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PointList {
    items: Vec<PointBody>,
    total: usize,
}

pub(crate) async fn service_points(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(params): Query<NearParams>,
) -> Result<Json<PointList>, ApiError> {
    let near = params.near.as_deref().filter(|n| !n.trim().is_empty());
    let items: Vec<PointBody> = state
        .app
        .service_points(&code, near)
        .await?
        .into_iter()
        .map(|p| PointBody { point: p.point, distance_km: p.distance_km.map(|d| (d * 10.0).round() / 10.0) })
        .collect();
    Ok(Json(PointList { total: items.len(), items }))
}
