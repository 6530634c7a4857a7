//! The procedure catalogue: search and one procedure.

use axum::Json;
use axum::extract::{Path, Query, State};
use motcua_domain::Reason;
use motcua_domain::catalogue::{CatalogueQuery, Procedure, ProcedureSummary};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::problem::ApiError;

#[derive(Debug, Deserialize)]
pub(crate) struct SearchParams {
    q: Option<String>,
    level: Option<String>,
    field: Option<String>,
    full_online: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

fn number(field: &str, text: Option<&str>) -> Result<Option<u32>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|_| ApiError::invalid(field, Reason::ExpectedNumber)),
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct SearchBody {
    items: Vec<ProcedureSummary>,
    total: i64,
    page: u32,
    per_page: u32,
    pages: i64,
}

pub(crate) async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchBody>, ApiError> {
    let mut query = CatalogueQuery::new(
        params.q.as_deref(),
        params.level.as_deref(),
        params.field.as_deref(),
        number("page", params.page.as_deref())?,
        number("per_page", params.per_page.as_deref())?,
    )?;
    query.full_online = match params.full_online.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("true" | "1") => Some(true),
        Some("false" | "0") => Some(false),
        Some(_) => return Err(ApiError::invalid("full_online", Reason::ExpectedBoolean)),
    };
    let page = state.app.search_catalogue(&query).await?;
    let per_page = i64::from(query.per_page);
    Ok(Json(SearchBody {
        items: page.items.into_iter().map(|hit| hit.summary).collect(),
        pages: (page.total + per_page - 1) / per_page,
        total: page.total,
        page: query.page,
        per_page: query.per_page,
    }))
}

#[derive(Debug, Serialize)]
pub(crate) struct VersionBody {
    version: i64,
    effective_from: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ProcedureBody {
    #[serde(flatten)]
    summary: ProcedureSummary,
    /// The version in force; absent for catalogue entries without details.
    version: Option<i64>,
    effective_from: Option<chrono::DateTime<chrono::Utc>>,
    details: Option<Procedure>,
    versions: Vec<VersionBody>,
}

pub(crate) async fn procedure(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<ProcedureBody>, ApiError> {
    let view = state.app.procedure(&code).await?;
    Ok(Json(ProcedureBody {
        summary: view.entry.summary,
        version: view.current.as_ref().map(|v| v.version),
        effective_from: view.current.as_ref().map(|v| v.effective_from),
        details: view.current.map(|v| v.procedure),
        versions: view
            .versions
            .into_iter()
            .map(|(version, effective_from)| VersionBody { version, effective_from })
            .collect(),
    }))
}
