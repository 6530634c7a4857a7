//! Who is calling: a bearer token (API) or the session cookie (pages), turned
//! into a [`Principal`] by the app. Handlers that need one take [`Signed`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use motcua_app::AppError;
use motcua_domain::access::Principal;

use crate::AppState;
use crate::problem::{ApiError, Problem};
use sha2::{Digest, Sha256};

/// The name of the session cookie pages use.
pub const SESSION_COOKIE: &str = "motcua_session";

/// A signed-in caller, and the token that proved it.
#[derive(Debug, Clone)]
pub struct Signed {
    pub principal: Principal,
    pub token: String,
}

/// The name of the hidden field that carries [`Signed::form_token`].
pub const FORM_TOKEN_FIELD: &str = "csrf";

impl Signed {
    /// A token that page forms carry in a hidden field: derived from the
    /// session, so another site, which cannot read the page, cannot forge a
    /// form that changes anything (on top of the `SameSite=Lax` cookie).
    pub fn form_token(&self) -> String {
        let digest = Sha256::digest(format!("motcua-form:{}", self.token).as_bytes());
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }

    /// Refuses a form whose token is not this session's.
    pub fn check_form(&self, given: &str) -> Result<(), ApiError> {
        let expected = self.form_token();
        let same = given.len() == expected.len()
            && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if same { Ok(()) } else { Err(ApiError::new(StatusCode::FORBIDDEN, Problem::StaleForm)) }
    }
}

/// The session token of a request: `Authorization: Bearer …`, else the cookie.
pub fn token_of(parts: &Parts) -> Option<String> {
    let bearer = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if let Some(token) = bearer {
        return Some(token.to_owned());
    }
    parts.headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(
        |pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == SESSION_COOKIE && !value.is_empty()).then(|| value.to_owned())
        },
    )
}

/// The session token a request carries, valid or not, without looking it
/// up: what a sign-in ends before opening a new session.
#[derive(Debug, Clone, Default)]
pub struct PresentedToken(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for PresentedToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PresentedToken, Self::Rejection> {
        Ok(PresentedToken(token_of(parts)))
    }
}

impl axum::extract::OptionalFromRequestParts<AppState> for Signed {
    type Rejection = ApiError;

    /// No token means nobody signed in; a token that no longer works, too.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Signed>, ApiError> {
        let Some(token) = token_of(parts) else { return Ok(None) };
        match state.app.authenticate(&token).await {
            Ok(principal) => Ok(Some(Signed { principal, token })),
            Err(AppError::Unauthenticated) => Ok(None),
            Err(other) => Err(other.into()),
        }
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Signed, ApiError> {
        let token = token_of(parts).ok_or(AppError::Unauthenticated)?;
        let principal = state.app.authenticate(&token).await?;
        Ok(Signed { principal, token })
    }
}
