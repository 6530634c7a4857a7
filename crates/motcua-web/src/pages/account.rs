//! Account pages: register, sign in, sign out, and "my dossiers". Plain
//! forms that work without JavaScript; a mistake is shown beside its field,
//! in the page's language, and the form keeps what was typed (but never the
//! password).

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::accounts::{FailedSignIns, NewSession, Registration};
use motcua_i18n::{Args, msg, text, text_with};
use serde::Deserialize;

use super::form::{FieldError, field_error, input};
use super::{PageLocale, date, layout, ltr};
use crate::AppState;
use crate::auth::{PresentedToken, SESSION_COOKIE, Signed};
use crate::i18n::Locale;
use crate::problem::ApiError;
use crate::security::ClientAddress;

/// A sign-in form shown again after a refusal, by `page` with its status:
/// 429 with `Retry-After` when the caller must wait first, else 422.
pub(super) fn refused_sign_in(error: &AppError, page: impl FnOnce(StatusCode) -> Response) -> Response {
    match error {
        AppError::TooManyAttempts { seconds } => {
            let mut response = page(StatusCode::TOO_MANY_REQUESTS);
            response.headers_mut().insert(header::RETRY_AFTER, crate::problem::retry_after(*seconds));
            response
        }
        _ => page(StatusCode::UNPROCESSABLE_ENTITY),
    }
}

pub(super) fn with_session(mut response: Response, session: &NewSession) -> Response {
    if let Some(value) = crate::security::cookie(SESSION_COOKIE, &session.token, 43_200) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// A sign-in always opens a new session with a new token; the one the
/// browser already carried, if any, ends then, so that a token planted or
/// seen before the sign-in is worth nothing after it.
pub(super) async fn end_previous_session(state: &AppState, previous: &PresentedToken) -> Result<(), ApiError> {
    if let Some(token) = &previous.0 {
        state.app.sign_out(token).await?;
    }
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RegisterForm {
    id_number: String,
    full_name: String,
    phone: String,
    email: String,
    password: String,
}

fn register_page(page: PageLocale, form: &RegisterForm, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let body = html! {
        h1 { (text(l, msg::REGISTER)) }
        p { (text(l, msg::REGISTER_INTRO)) }
        form method="post" action="/dang-ky" novalidate {
            (input(l, "id_number", msg::ID_NUMBER, "text", &form.id_number, &error))
            (input(l, "full_name", msg::FULL_NAME, "text", &form.full_name, &error))
            (input(l, "phone", msg::PHONE, "tel", &form.phone, &error))
            (input(l, "email", msg::EMAIL_OPTIONAL, "email", &form.email, &error))
            (input(l, "password", msg::PASSWORD_NEW, "password", "", &error))
            button type="submit" { (text(l, msg::REGISTER)) }
        }
        p { a href="/dang-nhap" { (text(l, msg::HAVE_ACCOUNT)) } }
    };
    (status, layout(page, &text(l, msg::REGISTER), "/dang-ky", body)).into_response()
}

pub(crate) async fn register_form(page: PageLocale) -> Response {
    register_page(page, &RegisterForm::default(), None, StatusCode::OK)
}

pub(crate) async fn register(
    State(state): State<AppState>,
    page: PageLocale,
    previous: PresentedToken,
    ClientAddress(address): ClientAddress,
    Form(form): Form<RegisterForm>,
) -> Result<Response, ApiError> {
    let registration = Registration {
        id_number: form.id_number.clone(),
        full_name: form.full_name.clone(),
        phone: form.phone.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
    };
    let outcome = async {
        state.app.register_citizen(&registration).await?;
        state.app.sign_in_citizen(&form.id_number, &form.password, &address.to_string()).await
    }
    .await;
    match outcome {
        Ok(session) => {
            end_previous_session(&state, &previous).await?;
            Ok(with_session(Redirect::to("/ho-so-cua-toi").into_response(), &session))
        }
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => Ok(register_page(page, &form, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)),
            None => Err(error.into()),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SignInForm {
    id_number: String,
    password: String,
    next: String,
}

/// Where to go after signing in: a path of this site only, never elsewhere.
/// Browsers drop tabs and line breaks from addresses and read `\` as `/`,
/// so `/<TAB>/evil.example` or `/\evil.example` would lead off the site: a
/// path with any whitespace, control character or backslash, one that
/// starts with `//`, or one that does any of this once percent-decoded, is
/// refused.
fn local_path(next: &str) -> &str {
    fn plain_local(path: &str) -> bool {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    }
    let mut decoded = next.to_owned();
    let mut safe = plain_local(next);
    // Decoding until nothing changes catches `%2F%2F`, `%252F%252F`, `%09`…
    for _ in 0..4 {
        let once = percent_decode(&decoded);
        safe &= plain_local(&once);
        if once == decoded {
            break;
        }
        decoded = once;
    }
    if safe { next } else { "/ho-so-cua-toi" }
}

/// Percent-decodes text; an incomplete escape stays as it is, and bytes that
/// are not UTF-8 become U+FFFD (which [`local_path`] then sees as text).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn sign_in_page(page: PageLocale, form: &SignInForm, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let next = local_path(&form.next);
    let body = html! {
        h1 { (text(l, msg::SIGN_IN)) }
        form method="post" action="/dang-nhap" novalidate {
            input type="hidden" name="next" value=(next);
            (input(l, "id_number", msg::ID_NUMBER, "text", &form.id_number, &error))
            (input(l, "password", msg::PASSWORD, "password", "", &error))
            button type="submit" { (text(l, msg::SIGN_IN)) }
        }
        p { a href="/quen-mat-khau" { (text(l, msg::FORGOT_TITLE)) } }
        p { a href="/dang-ky" { (text(l, msg::NO_ACCOUNT)) } }
    };
    (status, layout(page, &text(l, msg::SIGN_IN), "/dang-nhap", body)).into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct NextQuery {
    next: String,
}

pub(crate) async fn sign_in_form(page: PageLocale, Query(query): Query<NextQuery>) -> Response {
    sign_in_page(page, &SignInForm { next: query.next, ..SignInForm::default() }, None, StatusCode::OK)
}

pub(crate) async fn sign_in(
    State(state): State<AppState>,
    page: PageLocale,
    previous: PresentedToken,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> Result<Response, ApiError> {
    match state.app.sign_in_citizen(&form.id_number, &form.password, &address.to_string()).await {
        Ok(session) => {
            end_previous_session(&state, &previous).await?;
            Ok(with_session(Redirect::to(local_path(&form.next)).into_response(), &session))
        }
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => Ok(refused_sign_in(&error, |status| sign_in_page(page, &form, Some(mistake), status))),
            None => Err(error.into()),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SignOutForm {
    csrf: String,
}

/// Signing out is a form like any other: without this session's form
/// token it changes nothing, so another site cannot sign a person out.
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    signed: Option<Signed>,
    Form(form): Form<SignOutForm>,
) -> Result<Response, ApiError> {
    if let Some(signed) = signed {
        signed.check_form(&form.csrf)?;
        state.app.sign_out(&signed.token).await?;
    }
    let mut response = Redirect::to("/").into_response();
    if let Some(value) = crate::security::cookie(SESSION_COOKIE, "", 0) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// What the owner of an account is told after signing in when sign-ins to
/// it failed since their previous one: how many, and the last one's masked
/// address and time.
pub(super) fn failed_sign_ins_notice(l: Locale, notice: &Option<FailedSignIns>) -> Markup {
    html! {
        @if let Some(notice) = notice {
            section.notice role="status" aria-label=(text(l, msg::FAILED_SIGN_INS_TITLE)) {
                p {
                    (ltr(&notice.count.to_string())) " " (text_with(l, msg::FAILED_SIGN_INS_SINCE, &Args::new().count("count", notice.count))) ", "
                    (text(l, msg::LAST_FAILURE_FROM)) " " (ltr(&notice.last_address))
                    @if let Some(at) = notice.last_at { " " (text(l, msg::AT_TIME)) " " (ltr(&date(at))) }
                    "."
                }
            }
        }
    }
}
