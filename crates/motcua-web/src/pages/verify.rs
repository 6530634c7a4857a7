//! Verifying a citizen's online account at a counter: the officer checks the
//! identity card, and the holder's account then holds its number.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use motcua_app::verification::{CounterVerification, VerifiedAccount};
use motcua_i18n::{msg, text};
use serde::Deserialize;

use super::desk::desk_layout;
use super::form::{FieldError, field_error, form_token, input};
use super::guard::Officer;
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
        h1 { (text(l, msg::VERIFY_ACCOUNT)) }
        @if let Some(done) = done {
            div.notice role="status" {
                h2 { (text(l, msg::ACCOUNT_VERIFIED_DONE)) }
                p { (done.account.full_name) " · " (ltr(&done.account.personal_id)) }
                p { (text(l, msg::DOSSIERS_LINKED)) ": " (ltr(&done.dossiers_linked.to_string())) }
            }
        }
        p { (text(l, msg::VERIFY_ACCOUNT_INTRO)) }
        form method="post" action=(PATH) novalidate {
            (form_token(signed))
            (input(l, "id_number", msg::ID_NUMBER, "text", &form.id_number, &error))
            (input(l, "phone", msg::PHONE, "tel", &form.phone, &error))
            @if let Some(mistake) = card_mistake { p.error #card_checked-error { (mistake.message) } }
            label.check {
                input type="checkbox" name="card_checked" value="1" checked[form.card_checked == "1"]
                    aria-invalid=[card_mistake.map(|_| "true")]
                    aria-describedby=[card_mistake.map(|_| "card_checked-error")];
                (text(l, msg::CARD_CHECKED))
            }
            button type="submit" { (text(l, msg::VERIFY_ACCOUNT)) }
        }
    };
    (status, desk_layout(page, Some(signed), &text(l, msg::VERIFY_ACCOUNT), PATH, body)).into_response()
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
