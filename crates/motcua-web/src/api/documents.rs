//! The caller's documents: upload, list, download.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use motcua_domain::clock::to_vietnam_time;
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::auth::Signed;
use crate::problem::{ApiError, Problem};

#[derive(Debug, Deserialize)]
pub(crate) struct UploadParams {
    name: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct UploadedBody {
    sha256: String,
    file_name: String,
    media_type: &'static str,
    size: u64,
}

/// Stores the request body as one of the caller's documents, named by `?name=`.
pub(crate) async fn upload(
    State(state): State<AppState>,
    signed: Signed,
    Query(params): Query<UploadParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<UploadedBody>), ApiError> {
    // A form would be stored as a file of form fields and refused as an
    // unknown type: say what this endpoint expects instead.
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let content_type = content_type.trim_start().to_ascii_lowercase();
    if content_type.starts_with("multipart/") || content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, Problem::UploadNotRaw));
    }
    let name = params.name.unwrap_or_default();
    let stored = state.app.upload_document(&signed.principal, &body, &name).await?;
    Ok((
        StatusCode::CREATED,
        Json(UploadedBody {
            sha256: stored.sha256,
            file_name: stored.file_name,
            media_type: stored.media_type.mime(),
            size: stored.size,
        }),
    ))
}

#[derive(Debug, Serialize)]
pub(crate) struct DocumentItem {
    sha256: String,
    file_name: String,
    media_type: String,
    size: i64,
    origin: String,
    dossier_code: Option<String>,
    created_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DocumentList {
    items: Vec<DocumentItem>,
}

pub(crate) async fn list(State(state): State<AppState>, signed: Signed) -> Result<Json<DocumentList>, ApiError> {
    let items = state
        .app
        .my_documents(&signed.principal)
        .await?
        .into_iter()
        .map(|d| DocumentItem {
            sha256: d.sha256,
            file_name: d.file_name,
            media_type: d.media_type,
            size: d.size,
            origin: d.origin,
            dossier_code: d.dossier_code,
            created_at: to_vietnam_time(d.created_at),
        })
        .collect();
    Ok(Json(DocumentList { items }))
}

pub(crate) async fn download(
    State(state): State<AppState>,
    signed: Signed,
    Path(sha256): Path<String>,
) -> Result<Response, ApiError> {
    let content = state.app.document_content(&signed.principal, sha256.trim()).await?;
    let ascii: String =
        content.file_name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' }).collect();
    let disposition =
        format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", crate::percent_encode(&content.file_name));
    let mut response = content.bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content.media_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    Ok(response)
}
