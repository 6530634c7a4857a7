//! Registration and sign-in.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use motcua_app::accounts::{CitizenRecord, Registration};
use motcua_app::verification::CounterVerification;
use motcua_domain::Reason;
use motcua_domain::access::Principal;
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::auth::{PresentedToken, SESSION_COOKIE, Signed};
use crate::json::Body;
use crate::problem::ApiError;
use crate::security::ClientAddress;

#[derive(Debug, Deserialize)]
pub(crate) struct RegistrationBody {
    id_number: String,
    full_name: String,
    phone: String,
    #[serde(default)]
    email: String,
    password: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct CitizenBody {
    id: String,
    id_number: String,
    full_name: String,
    phone: String,
    email: String,
    /// Whether an officer checked the holder's card at a counter; until
    /// then the account sees only what it submitted itself.
    verified: bool,
    verified_at: Option<DateTime<Utc>>,
}

impl From<CitizenRecord> for CitizenBody {
    fn from(citizen: CitizenRecord) -> CitizenBody {
        CitizenBody {
            id: citizen.id,
            id_number: citizen.personal_id,
            full_name: citizen.full_name,
            phone: citizen.phone,
            email: citizen.email,
            verified: citizen.verified.is_some(),
            verified_at: citizen.verified.map(|v| v.at),
        }
    }
}

pub(crate) async fn register(
    State(state): State<AppState>,
    Body(body): Body<RegistrationBody>,
) -> Result<(StatusCode, Json<CitizenBody>), ApiError> {
    let citizen = state
        .app
        .register_citizen(&Registration {
            id_number: body.id_number,
            full_name: body.full_name,
            phone: body.phone,
            email: body.email,
            password: body.password,
        })
        .await?;
    Ok((StatusCode::CREATED, Json(citizen.into())))
}

#[derive(Debug, Deserialize)]
pub(crate) struct SignInBody {
    /// A citizen signs in with the identification number…
    id_number: Option<String>,
    /// …an officer with a username.
    username: Option<String>,
    password: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct SessionBody {
    token: String,
    expires_at: DateTime<Utc>,
    principal: Principal,
}

/// A sign-in opens a new session; the one the caller presented, if any, ends.
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    previous: PresentedToken,
    ClientAddress(address): ClientAddress,
    Body(body): Body<SignInBody>,
) -> Result<Response, ApiError> {
    let address = address.to_string();
    let session = match (&body.id_number, &body.username) {
        (Some(id_number), _) => state.app.sign_in_citizen(id_number, &body.password, &address).await?,
        (None, Some(username)) => state.app.sign_in_officer(username, &body.password, &address).await?,
        (None, None) => return Err(ApiError::invalid("id_number", Reason::Required)),
    };
    if let Some(token) = &previous.0 {
        state.app.sign_out(token).await?;
    }
    let cookie = crate::security::cookie(SESSION_COOKIE, &session.token, 43_200);
    let mut response = (
        StatusCode::CREATED,
        Json(SessionBody { token: session.token, expires_at: session.expires_at, principal: session.principal }),
    )
        .into_response();
    if let Some(value) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

pub(crate) async fn sign_out(State(state): State<AppState>, signed: Signed) -> Result<Response, ApiError> {
    state.app.sign_out(&signed.token).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Some(value) = crate::security::cookie(SESSION_COOKIE, "", 0) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

pub(crate) async fn me(signed: Signed) -> Json<Principal> {
    Json(signed.principal)
}

/// `GET /api/v1/me/account`: the signed-in citizen's account, with whether
/// it is verified.
pub(crate) async fn my_account(State(state): State<AppState>, signed: Signed) -> Result<Json<CitizenBody>, ApiError> {
    Ok(Json(state.app.citizen_profile(&signed.principal).await?.into()))
}

#[derive(Debug, Serialize)]
pub(crate) struct VerifiedBody {
    account: CitizenBody,
    dossiers_linked: u64,
}

/// `POST /api/v1/account-verifications`: an officer at a counter verifies
/// the account of the card's holder.
pub(crate) async fn verify_at_counter(
    State(state): State<AppState>,
    signed: Signed,
    Body(body): Body<CounterVerification>,
) -> Result<Json<VerifiedBody>, ApiError> {
    let verified = state.app.verify_account_at_counter(&signed.principal, &body).await?;
    Ok(Json(VerifiedBody { account: verified.account.into(), dossiers_linked: verified.dossiers_linked }))
}
