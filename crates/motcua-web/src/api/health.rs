//! `GET /healthz`: the process is up and the database answers.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::AppState;
use crate::problem::ApiError;

pub(crate) async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    match state.app.health().await {
        Ok(()) => Ok(Json(json!({ "status": "ok" }))),
        Err(error) => {
            tracing::warn!(%error, "health check failed");
            Err(ApiError::unavailable())
        }
    }
}
