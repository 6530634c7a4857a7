//! Account pages: register, sign in, sign out, and "my dossiers". Plain
//! forms that work without JavaScript; a mistake is shown beside its field,
//! in the page's language, and the form keeps what was typed (but never the
//! password).

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::accounts::{NewSession, Registration};
use motcua_domain::DomainError;
use motcua_domain::access::Principal;
use serde::Deserialize;

use super::words::t;
use super::{PageLocale, date, event_time, layout, ltr, vi};
use crate::AppState;
use crate::auth::{SESSION_COOKIE, Signed};
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

/// A field's mistake, ready to show beside it.
#[derive(Debug, Default)]
struct FieldError {
    field: String,
    message: String,
}

fn field_error(l: Locale, error: &AppError) -> Option<FieldError> {
    match error {
        AppError::Domain(DomainError::InvalidValue { field, reason }) => {
            Some(FieldError { field: (*field).to_owned(), message: i18n::reason(l, reason) })
        }
        AppError::AlreadyRegistered => Some(FieldError {
            field: "id_number".to_owned(),
            message: l
                .pick(
                    "Số định danh này đã có tài khoản. Xin đăng nhập.",
                    "This number already has an account. Please sign in.",
                    "لهذا الرقم حساب بالفعل. يرجى تسجيل الدخول.",
                )
                .to_owned(),
        }),
        AppError::WrongCredentials => Some(FieldError {
            field: "password".to_owned(),
            message: l
                .pick(
                    "Số định danh hoặc mật khẩu chưa đúng.",
                    "The number or the password is wrong.",
                    "الرقم أو كلمة المرور غير صحيحة.",
                )
                .to_owned(),
        }),
        _ => None,
    }
}

/// One labelled input, with its mistake if it has one.
fn input(l: Locale, name: &str, label_key: &str, kind: &str, value: &str, error: &Option<FieldError>) -> Markup {
    let mistake = error.as_ref().filter(|e| e.field == name);
    let error_id = format!("{name}-error");
    html! {
        label for=(name) { (t(l, label_key)) }
        @if let Some(mistake) = mistake { p.error id=(error_id) { (mistake.message) } }
        input id=(name) name=(name) type=(kind) value=(value) dir=(if name == "full_name" { "auto" } else { "ltr" })
            autocomplete=(match name { "password" => "current-password", "full_name" => "name", "phone" => "tel", "email" => "email", _ => "username" })
            aria-invalid=[mistake.map(|_| "true")] aria-describedby=[mistake.map(|_| error_id.as_str())];
    }
}

fn with_session(mut response: Response, session: &NewSession) -> Response {
    let cookie = format!("{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200", session.token);
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct RegisterForm {
    #[serde(default)]
    id_number: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn register_page(page: PageLocale, form: &RegisterForm, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let body = html! {
        h1 { (t(l, "register")) }
        p { (t(l, "register_intro")) }
        form method="post" action="/dang-ky" novalidate {
            (input(l, "id_number", "id_number", "text", &form.id_number, &error))
            (input(l, "full_name", "full_name", "text", &form.full_name, &error))
            (input(l, "phone", "phone", "tel", &form.phone, &error))
            (input(l, "email", "email_optional", "email", &form.email, &error))
            (input(l, "password", "password_new", "password", "", &error))
            button type="submit" { (t(l, "register")) }
        }
        p { a href="/dang-nhap" { (t(l, "have_account")) } }
    };
    (status, layout(page, t(l, "register"), "/dang-ky", body)).into_response()
}

pub(crate) async fn register_form(page: PageLocale) -> Response {
    register_page(page, &RegisterForm::default(), None, StatusCode::OK)
}

pub(crate) async fn register(
    State(state): State<AppState>,
    page: PageLocale,
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
        state.app.sign_in_citizen(&form.id_number, &form.password).await
    }
    .await;
    match outcome {
        Ok(session) => Ok(with_session(Redirect::to("/ho-so-cua-toi").into_response(), &session)),
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => Ok(register_page(page, &form, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)),
            None => Err(error.into()),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    id_number: String,
    #[serde(default)]
    password: String,
}

fn sign_in_page(page: PageLocale, id_number: &str, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let body = html! {
        h1 { (t(l, "sign_in")) }
        form method="post" action="/dang-nhap" novalidate {
            (input(l, "id_number", "id_number", "text", id_number, &error))
            (input(l, "password", "password", "password", "", &error))
            button type="submit" { (t(l, "sign_in")) }
        }
        p { a href="/dang-ky" { (t(l, "no_account")) } }
    };
    (status, layout(page, t(l, "sign_in"), "/dang-nhap", body)).into_response()
}

pub(crate) async fn sign_in_form(page: PageLocale) -> Response {
    sign_in_page(page, "", None, StatusCode::OK)
}

pub(crate) async fn sign_in(
    State(state): State<AppState>,
    page: PageLocale,
    Form(form): Form<SignInForm>,
) -> Result<Response, ApiError> {
    match state.app.sign_in_citizen(&form.id_number, &form.password).await {
        Ok(session) => Ok(with_session(Redirect::to("/ho-so-cua-toi").into_response(), &session)),
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => Ok(sign_in_page(page, &form.id_number, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)),
            None => Err(error.into()),
        },
    }
}

pub(crate) async fn sign_out(State(state): State<AppState>, signed: Option<Signed>) -> Result<Response, ApiError> {
    if let Some(signed) = signed {
        state.app.sign_out(&signed.token).await?;
    }
    let mut response = Redirect::to("/").into_response();
    let expired = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    if let Ok(value) = HeaderValue::from_str(&expired) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// "My dossiers": the citizen's dossiers with status, due date and whether late.
pub(crate) async fn my_dossiers(
    State(state): State<AppState>,
    page: PageLocale,
    signed: Option<Signed>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let Some(signed) = signed else { return Ok(Redirect::to("/dang-nhap").into_response()) };
    if !matches!(signed.principal, Principal::Citizen { .. }) {
        return Ok(Redirect::to("/").into_response());
    }
    let dossiers = state.app.dossiers(&signed.principal, None, 1).await?;
    let body = html! {
        h1 { (t(l, "my_dossiers")) }
        @if dossiers.is_empty() { p { (t(l, "no_dossiers")) } }
        @for dossier in &dossiers {
            div.card {
                h2 { a href=(format!("/ho-so-cua-toi/{}", dossier.code.as_deref().unwrap_or(&dossier.id))) { (ltr(dossier.code.as_deref().unwrap_or(&dossier.id))) } }
                p { (t(l, "code")) ": " (ltr(&dossier.procedure_code)) }
                p { strong { (t(l, "status")) ": " } (i18n::status(l, &dossier.status)) }
                @if let Some(due) = dossier.due_at { p { (t(l, "due_at")) ": " (ltr(&date(due))) } }
                @if dossier.late { p.error { (t(l, "late")) } }
                @if dossier.applicant_name.is_empty() {} @else { p.muted { (vi(&dossier.applicant_name)) } }
            }
        }
        form method="post" action="/dang-xuat" { button type="submit" { (t(l, "sign_out")) } }
    };
    Ok(layout(page, t(l, "my_dossiers"), "/ho-so-cua-toi", body))
}

/// One of the citizen's dossiers: its status, history in plain words,
/// documents and result, and withdrawal while that is still possible.
pub(crate) async fn my_dossier(
    State(state): State<AppState>,
    page: PageLocale,
    signed: Option<Signed>,
    axum::extract::Path(reference): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let Some(signed) = signed else { return Ok(Redirect::to("/dang-nhap").into_response()) };
    let view = state.app.dossier(&signed.principal, &reference).await?;
    let dossier = &view.dossier;
    let name = state.app.procedure(&dossier.procedure_code).await.map(|p| p.entry.summary.name).unwrap_or_default();
    let status = motcua_domain::dossier::Status::parse(&dossier.status)?;
    let can_withdraw = !status.is_final() && status != motcua_domain::dossier::Status::Resolved;
    let shown = dossier.code.clone().unwrap_or_else(|| dossier.id.clone());
    let path = format!("/ho-so-cua-toi/{shown}");
    let body = html! {
        h1 { (t(l, "dossier_code")) " " (ltr(&shown)) }
        p { (vi(&name)) }
        p { strong { (t(l, "status")) ": " } (i18n::status(l, &dossier.status)) }
        @if let Some(due) = dossier.due_at { p { (t(l, "due_at")) ": " (ltr(&date(due))) } }
        @if dossier.late { p.error { (t(l, "late")) } }
        h2 { (t(l, "history")) }
        ol {
            @for event in &view.events {
                li {
                    (ltr(&event_time(&event.at))) " — " (t(l, &event.action))
                    @if !event.note.is_empty() { ": " (vi(&event.note)) }
                    @if let Some(reason) = serde_json::from_str::<serde_json::Value>(&event.data).ok().and_then(|d| d["reason"].as_str().map(str::to_owned)) {
                        " (" (vi(&reason)) ")"
                    }
                }
            }
        }
        @if !view.documents.is_empty() {
            h2 { (t(l, "my_documents")) }
            ul {
                @for document in &view.documents {
                    li { a href=(format!("/api/v1/documents/{}", document.sha256)) download { (vi(&document.file_name)) } }
                }
            }
        }
        @if can_withdraw {
            h2 { (t(l, "withdraw_title")) }
            form method="post" action=(format!("{path}/rut")) {
                label.check {
                    input type="checkbox" name="confirm" value="1" required;
                    (t(l, "withdraw_confirm"))
                }
                button type="submit" { (t(l, "withdraw_button")) }
            }
        }
        p { a href="/ho-so-cua-toi" { (t(l, "my_dossiers")) } }
    };
    Ok(layout(page, t(l, "my_dossiers"), &path, body))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct WithdrawForm {
    #[serde(default)]
    confirm: String,
}

/// Withdraws the citizen's dossier when they confirmed it; otherwise shows the page again.
pub(crate) async fn withdraw(
    State(state): State<AppState>,
    signed: Option<Signed>,
    axum::extract::Path(reference): axum::extract::Path<String>,
    Form(form): Form<WithdrawForm>,
) -> Result<Response, ApiError> {
    let Some(signed) = signed else { return Ok(Redirect::to("/dang-nhap").into_response()) };
    if form.confirm == "1" {
        let details = motcua_app::dossiers::ActionDetails::default();
        state.app.act(&signed.principal, &reference, motcua_domain::dossier::Action::Withdraw, &details).await?;
    }
    Ok(Redirect::to(&format!("/ho-so-cua-toi/{reference}")).into_response())
}
