//! Paying online: the citizen's "pay" button sends them to the gateway with
//! a signed order; the gateway's server-to-server notification and the
//! citizen's return both report the result, and whichever comes first
//! settles the order.

use axum::Form;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use motcua_app::gateway::PayRequest;
use motcua_domain::payments::OrderStatus;
use motcua_i18n::{msg, text};
use serde::Deserialize;

use super::PageLocale;
use super::guard::Citizen;
use crate::AppState;
use crate::problem::ApiError;
use crate::security::ClientAddress;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PayForm {
    csrf: String,
}

/// Makes an order for what the dossier owes and sends the citizen to pay it.
pub(crate) async fn pay_online(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    ClientAddress(address): ClientAddress,
    axum::extract::Path(reference): axum::extract::Path<String>,
    Form(form): Form<PayForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let l = page.locale;
    let description = format!("{} {reference}", text(l, msg::PAYMENT_FOR_DOSSIER));
    let request = PayRequest { client_ip: &address.to_string(), language: l.tag(), description: &description };
    let (_, url) = state.app.start_payment(&signed.principal, &reference, &request).await?;
    Ok(Redirect::to(&url).into_response())
}

/// The gateway's notification: answered in the gateway's own terms.
pub(crate) async fn payment_notification(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (body, media_type) = state.app.payment_notification(query.as_deref().unwrap_or_default()).await?;
    Ok(([(header::CONTENT_TYPE, media_type)], body).into_response())
}

/// The citizen back from the gateway: to their dossier, which says how it went.
pub(crate) async fn payment_return(
    State(state): State<AppState>,
    Citizen(signed): Citizen,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let order = state.app.payment_return(&signed.principal, query.as_deref().unwrap_or_default()).await?;
    let outcome = match order.status {
        OrderStatus::Paid => "paid",
        OrderStatus::Failed => "failed",
        OrderStatus::Pending => "pending",
    };
    Ok(Redirect::to(&format!("/ho-so-cua-toi/{}?thanh-toan={outcome}", order.dossier_id)).into_response())
}
