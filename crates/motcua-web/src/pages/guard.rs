//! Who may open a page. Each extractor hands its handler the signed-in
//! person of the right kind, and sends everyone else to the sign-in that
//! fits: citizens back to the page they asked for once signed in, officers
//! to the desk's sign-in.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::Method;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use motcua_domain::access::Principal;
use motcua_domain::organisation::Role;

use crate::AppState;
use crate::auth::Signed;

async fn signed(parts: &mut Parts, state: &AppState) -> Result<Option<Signed>, Response> {
    <Signed as OptionalFromRequestParts<AppState>>::from_request_parts(parts, state)
        .await
        .map_err(IntoResponse::into_response)
}

/// A signed-in citizen.
pub(crate) struct Citizen(pub Signed);

impl FromRequestParts<AppState> for Citizen {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Citizen, Response> {
        match signed(parts, state).await? {
            Some(signed) if matches!(signed.principal, Principal::Citizen { .. }) => Ok(Citizen(signed)),
            Some(_) => Err(Redirect::to("/").into_response()),
            None if parts.method == Method::GET => {
                let asked = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
                Err(Redirect::to(&format!("/dang-nhap?next={}", crate::percent_encode(asked))).into_response())
            }
            None => Err(Redirect::to("/dang-nhap").into_response()),
        }
    }
}

/// A signed-in officer, of any role.
pub(crate) struct Officer(pub Signed);

impl FromRequestParts<AppState> for Officer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Officer, Response> {
        match signed(parts, state).await? {
            Some(signed) if matches!(signed.principal, Principal::Officer { .. }) => Ok(Officer(signed)),
            _ => Err(Redirect::to("/can-bo/dang-nhap").into_response()),
        }
    }
}

/// A signed-in administrator.
pub(crate) struct Administrator(pub Signed);

impl FromRequestParts<AppState> for Administrator {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Administrator, Response> {
        match signed(parts, state).await? {
            Some(signed) if matches!(signed.principal, Principal::Officer { role: Role::Administrator, .. }) => {
                Ok(Administrator(signed))
            }
            _ => Err(Redirect::to("/can-bo/dang-nhap").into_response()),
        }
    }
}
