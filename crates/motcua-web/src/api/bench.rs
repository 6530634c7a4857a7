//! Reference handlers for `cargo xtask bench`: a constant answer (T) and one
//! durable insert (D). Mounted only when benchmarking.

use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;
use crate::problem::ApiError;

pub(crate) async fn trivial() -> &'static str {
    "ok"
}

pub(crate) async fn insert(State(state): State<AppState>) -> Result<StatusCode, ApiError> {
    state.app.bench_insert().await?;
    Ok(StatusCode::CREATED)
}
