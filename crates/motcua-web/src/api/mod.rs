//! The JSON API handlers, one module per resource.

pub(crate) mod accounts;
pub(crate) mod bench;
pub(crate) mod calendar;
pub(crate) mod catalogue;
pub(crate) mod documents;
pub(crate) mod dossiers;
pub(crate) mod health;
pub(crate) mod indicators;
pub(crate) mod organisation;
pub(crate) mod units;

use axum::http::StatusCode;

/// Any path that is not a route.
pub(crate) async fn not_found() -> StatusCode {
    StatusCode::NOT_FOUND
}
