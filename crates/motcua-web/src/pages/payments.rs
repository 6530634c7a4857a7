//! Paying online: the citizen's "pay" button sends them to the gateway with
//! a signed order; the gateway's server-to-server notification and the
//! citizen's return both report the result, and whichever comes first
//! settles the order.

use axum::Form;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use motcua_app::gateway::PayRequest;
use motcua_domain::payments::{Gateway, OrderStatus, RefundStatus};
use motcua_i18n::{MessageId, msg, text};
use serde::Deserialize;

use super::guard::Citizen;
use super::{PageLocale, date, layout, ltr, vi};
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

/// A gateway's name, in the page's language.
pub(super) fn gateway_name(gateway: Gateway) -> MessageId {
    match gateway {
        Gateway::Vnpay => msg::GATEWAY_VNPAY,
        Gateway::NationalPlatform => msg::GATEWAY_NATIONAL_PLATFORM,
    }
}

/// `GET /bien-lai/{number}`: what anyone holding a receipt's number (or
/// scanning its QR code) may check of it: paid, how much, when, to whom,
/// for which dossier; and whether it was refunded. Nothing personal.
pub(crate) async fn check_receipt(
    State(state): State<AppState>,
    page: PageLocale,
    axum::extract::Path(number): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let checked = state.app.check_receipt(&number).await?;
    let order = &checked.order;
    let refunded = order.refund.as_ref().filter(|r| r.status == RefundStatus::Refunded);
    let body = html! {
        h1 { (text(l, msg::RECEIPT_CHECK)) }
        @match refunded {
            Some(refund) => p.notice role="status" #receipt-state data-state="refunded" {
                (text(l, msg::RECEIPT_REFUNDED))
                @if let Some(at) = refund.done_at { " · " (ltr(&date(at))) }
            },
            None => p.notice role="status" #receipt-state data-state="valid" { (text(l, msg::RECEIPT_VALID)) },
        }
        dl {
            dt { (text(l, msg::RECEIPT_NUMBER)) } dd { (ltr(&order.id)) }
            dt { (text(l, msg::DOSSIER_CODE)) } dd { (ltr(&checked.dossier_code)) }
            dt { (text(l, msg::COLLECTED_BY)) } dd { (vi(&checked.agency_name)) }
            dt { (text(l, msg::AMOUNT_PAID)) } dd { (ltr(&format!("{} đ", super::group_digits(order.amount_dong)))) }
            @if let Some(at) = order.settled_at { dt { (text(l, msg::PAID_AT)) } dd { (ltr(&date(at))) } }
            dt { (text(l, msg::PAYMENT_GATEWAY)) } dd { (text(l, gateway_name(order.gateway))) }
            @if !order.transaction_no.is_empty() {
                dt { (text(l, msg::TRANSACTION_NO)) } dd { (ltr(&order.transaction_no)) }
            }
        }
    };
    // The address the receipt's QR code holds.
    let path = motcua_app::dossiers::receipt_check_path(&order.id);
    Ok(layout(page, &text(l, msg::RECEIPT_CHECK), &path, body))
}
