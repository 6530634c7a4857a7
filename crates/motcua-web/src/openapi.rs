//! `GET /api/v1/openapi.json`: the API's contract, written by hand in
//! `openapi.json` and checked against the router by the integration tests.

use axum::http::header;
use axum::response::IntoResponse;

const DOCUMENT: &str = include_str!("openapi.json");

pub(crate) async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
