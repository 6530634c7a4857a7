//! Forgotten password: ask for a one-time link by identification number,
//! then set a new password with it. The answer to the request is the same
//! whether the number has an account or not.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use motcua_app::AppError;
use motcua_i18n::{msg, text};
use serde::Deserialize;

use super::form::{FieldError, field_error, input};
use super::{PageLocale, layout};
use crate::AppState;
use crate::problem::ApiError;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ForgotForm {
    id_number: String,
}

fn forgot_page(page: PageLocale, id_number: &str, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let body = html! {
        h1 { (text(l, msg::FORGOT_TITLE)) }
        p { (text(l, msg::FORGOT_INTRO)) }
        form method="post" action="/quen-mat-khau" novalidate {
            (input(l, "id_number", msg::ID_NUMBER, "text", id_number, &error))
            button type="submit" { (text(l, msg::SEND_LINK)) }
        }
        p { a href="/dang-nhap" { (text(l, msg::SIGN_IN)) } }
    };
    (status, layout(page, &text(l, msg::FORGOT_TITLE), "/quen-mat-khau", body)).into_response()
}

pub(crate) async fn forgot_form(page: PageLocale) -> Response {
    forgot_page(page, "", None, StatusCode::OK)
}

pub(crate) async fn forgot(
    State(state): State<AppState>,
    page: PageLocale,
    Form(form): Form<ForgotForm>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    match state.app.request_password_reset(&form.id_number).await {
        Ok(()) => {
            let body = html! {
                h1 { (text(l, msg::FORGOT_TITLE)) }
                p role="status" { (text(l, msg::LINK_SENT)) }
                p { a href="/dang-nhap" { (text(l, msg::SIGN_IN)) } }
            };
            Ok(layout(page, &text(l, msg::FORGOT_TITLE), "/quen-mat-khau", body))
        }
        Err(error) => match field_error(l, &error) {
            Some(mistake) => Ok(forgot_page(page, &form.id_number, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)),
            None => Err(error.into()),
        },
    }
}

fn reset_page(page: PageLocale, token: &str, usable: bool, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let path = format!("/dat-lai-mat-khau/{token}");
    let body = html! {
        h1 { (text(l, msg::RESET_TITLE)) }
        @if usable {
            form method="post" action=(path) novalidate {
                (input(l, "password", msg::PASSWORD_NEW, "password", "", &error))
                button type="submit" { (text(l, msg::RESET_BUTTON)) }
            }
        } @else {
            p role="alert" { (text(l, msg::LINK_UNUSABLE)) }
            p { a href="/quen-mat-khau" { (text(l, msg::FORGOT_TITLE)) } }
        }
    };
    (status, layout(page, &text(l, msg::RESET_TITLE), &path, body)).into_response()
}

pub(crate) async fn reset_form(
    State(state): State<AppState>,
    page: PageLocale,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let usable = state.app.reset_link_usable(&token).await?;
    let status = if usable { StatusCode::OK } else { StatusCode::GONE };
    Ok(reset_page(page, &token, usable, None, status))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ResetForm {
    password: String,
}

pub(crate) async fn reset(
    State(state): State<AppState>,
    page: PageLocale,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    match state.app.reset_password(&token, &form.password).await {
        Ok(()) => {
            let body = html! {
                h1 { (text(l, msg::RESET_TITLE)) }
                p role="status" { (text(l, msg::PASSWORD_CHANGED)) }
                p { a href="/dang-nhap" { (text(l, msg::SIGN_IN)) } }
            };
            Ok(layout(page, &text(l, msg::RESET_TITLE), "/dang-nhap", body))
        }
        Err(AppError::NotFound { .. }) => Ok(reset_page(page, &token, false, None, StatusCode::GONE)),
        Err(error) => match field_error(l, &error) {
            Some(mistake) => Ok(reset_page(page, &token, true, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)),
            None => Err(error.into()),
        },
    }
}
