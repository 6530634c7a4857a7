//! Verifying a citizen's online account at a counter: the officer checks the
//! identity card, and the holder's account then holds its number.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use motcua_app::verification::{CounterVerification, VerifiedAccount};
use serde::Deserialize;

use super::account::{FieldError, field_error, input};
use super::desk::desk_layout;
use super::guard::Officer;
use super::submit::form_token;
use super::words::t;
use super::{PageLocale, ltr};
use crate::AppState;
use crate::auth::Signed;
use crate::problem::ApiError;

const PATH: &str = "/can-bo/xac-thuc-tai-khoan";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct VerifyForm {
    id_number: String,
    phone: String,
    card_checked: String,
    csrf: String,
}

fn verify_page(
    page: PageLocale,
    signed: &Signed,
    form: &VerifyForm,
    error: Option<FieldError>,
    done: Option<&VerifiedAccount>,
    status: StatusCode,
) -> Response {
    let l = page.locale;
    let card_mistake = error.as_ref().filter(|e| e.field == "card_checked");
    let body = html! {
        h1 { (t(l, "verify_account")) }
        @if let Some(done) = done {
            div.notice role="status" {
                h2 { (t(l, "account_verified_done")) }
                p { (done.account.full_name) " · " (ltr(&done.account.personal_id)) }
                p { (t(l, "dossiers_linked")) ": " (ltr(&done.dossiers_linked.to_string())) }
            }
        }
        p { (t(l, "verify_account_intro")) }
        form method="post" action=(PATH) novalidate {
            (form_token(signed))
            (input(l, "id_number", "id_number", "text", &form.id_number, &error))
            (input(l, "phone", "phone", "tel", &form.phone, &error))
            @if let Some(mistake) = card_mistake { p.error #card_checked-error { (mistake.message) } }
            label.check {
                input type="checkbox" name="card_checked" value="1" checked[form.card_checked == "1"]
                    aria-invalid=[card_mistake.map(|_| "true")]
                    aria-describedby=[card_mistake.map(|_| "card_checked-error")];
                (t(l, "card_checked"))
            }
            button type="submit" { (t(l, "verify_account")) }
        }
    };
    (status, desk_layout(page, Some(signed), t(l, "verify_account"), PATH, body)).into_response()
}

/// `GET /can-bo/xac-thuc-tai-khoan`
pub(crate) async fn verify_form(page: PageLocale, Officer(signed): Officer) -> Response {
    verify_page(page, &signed, &VerifyForm::default(), None, None, StatusCode::OK)
}

/// `POST /can-bo/xac-thuc-tai-khoan`: verifies, then shows the form again,
/// empty, with what was done.
pub(crate) async fn verify(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Form(form): Form<VerifyForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let request = CounterVerification {
        id_number: form.id_number.clone(),
        phone: form.phone.clone(),
        card_checked: form.card_checked == "1",
    };
    match state.app.verify_account_at_counter(&signed.principal, &request).await {
        Ok(done) => Ok(verify_page(page, &signed, &VerifyForm::default(), None, Some(&done), StatusCode::OK)),
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => {
                Ok(verify_page(page, &signed, &form, Some(mistake), None, StatusCode::UNPROCESSABLE_ENTITY))
            }
            None => Err(error.into()),
        },
    }
}
