//! `GET /static/{file}`: the site's one stylesheet, served as a file whose
//! name carries a hash of its content (`/static/motcua-<hash>.css`): cached for a year, and still
//! fresh after each release, because a new content is a new name. Pages link
//! to it instead of carrying styles inline, so the Content-Security-Policy
//! can refuse every inline style and script.

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::problem::{ApiError, Problem};
use crate::stylesheet::{STYLESHEET, STYLESHEET_HASH, stylesheet_path};

/// `GET /static/{file}`: the stylesheet under its current name; anything
/// else, including an older name, is not found.
pub(crate) async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    if format!("/static/{file}") != stylesheet_path() {
        return Err(ApiError::new(StatusCode::NOT_FOUND, Problem::NotFound { what: "file".to_owned(), key: file }));
    }
    let etag = format!("\"{}\"", *STYLESHEET_HASH);
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|given| given.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
    let mut response = if unchanged { StatusCode::NOT_MODIFIED.into_response() } else { STYLESHEET.into_response() };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    Ok(response)
}
