//! What every form of the pages shares: the session's form token, reading a
//! posted multipart form, labelled inputs, and a mistake shown beside the
//! field it belongs to, in the page's language.

use motcua_i18n::{MessageId, msg, text};
use std::collections::HashMap;

use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_domain::DomainError;

use crate::auth::{FORM_TOKEN_FIELD, Signed};
use crate::i18n::{self, Locale};
use crate::problem::{ApiError, FileRefusal, Problem};

/// A field's mistake, ready to show beside it.
#[derive(Debug, Default)]
pub(super) struct FieldError {
    pub(super) field: String,
    pub(super) message: String,
}

pub(super) fn field_error(l: Locale, error: &AppError) -> Option<FieldError> {
    match error {
        AppError::Domain(DomainError::InvalidValue { field, reason }) => {
            Some(FieldError { field: (*field).to_owned(), message: sentence(&i18n::reason(l, reason)) })
        }
        AppError::AlreadyRegistered => {
            Some(FieldError { field: "id_number".to_owned(), message: text(l, msg::FIELD_ERROR_ALREADY_REGISTERED) })
        }
        AppError::NotFound { what: "account", .. } => {
            Some(FieldError { field: "phone".to_owned(), message: text(l, msg::FIELD_ERROR_NO_ACCOUNT_WITH_PHONE) })
        }
        // An error that is not the upload's fault gets the general error page.
        AppError::File(file_error) => FileRefusal::of(file_error).map(|refusal| FieldError {
            field: "document".to_owned(),
            message: crate::problem::file_refusal(l, refusal),
        }),
        AppError::TooManyAttempts { seconds } => {
            Some(FieldError { field: "password".to_owned(), message: crate::problem::too_many_attempts(l, *seconds) })
        }
        AppError::WrongCredentials => {
            Some(FieldError { field: "password".to_owned(), message: text(l, msg::FIELD_ERROR_WRONG_CREDENTIALS) })
        }
        _ => None,
    }
}

/// A reason shown on its own, as a sentence: capitalised, with a full stop.
fn sentence(reason: &str) -> String {
    let mut chars = reason.trim().chars();
    let mut text: String = chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default();
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

/// One labelled input, with its mistake if it has one.
pub(super) fn input(
    l: Locale,
    name: &str,
    label: MessageId,
    kind: &str,
    value: &str,
    error: &Option<FieldError>,
) -> Markup {
    let mistake = error.as_ref().filter(|e| e.field == name);
    let error_id = format!("{name}-error");
    html! {
        label for=(name) { (text(l, label)) }
        @if let Some(mistake) = mistake { p.error id=(error_id) { (mistake.message) } }
        input id=(name) name=(name) type=(kind) value=(value) dir=(if name == "full_name" { "auto" } else { "ltr" })
            autocomplete=(match name { "password" if label == msg::PASSWORD_NEW => "new-password", "password" => "current-password", "full_name" => "name", "phone" => "tel", "email" => "email", _ => "username" })
            aria-invalid=[mistake.map(|_| "true")] aria-describedby=[mistake.map(|_| error_id.as_str())];
    }
}

/// After a form that changes something: on to `outcome`'s address; or the
/// form's page again, by `again`, with a mistake the person can fix shown
/// where it belongs; or the error page.
pub(super) async fn settle<Fut>(
    locale: Locale,
    outcome: Result<String, AppError>,
    again: impl FnOnce(FieldError) -> Fut,
) -> Result<Response, ApiError>
where
    Fut: Future<Output = Result<Response, ApiError>>,
{
    match outcome {
        Ok(to) => Ok(axum::response::Redirect::to(&to).into_response()),
        Err(error) => match field_error(locale, &error) {
            Some(mistake) => again(mistake).await,
            None => Err(error.into()),
        },
    }
}

pub(super) fn form_token(signed: &Signed) -> Markup {
    html! { input type="hidden" name=(FORM_TOKEN_FIELD) value=(signed.form_token()); }
}

/// The posted fields and files of a step.
#[derive(Debug, Default)]
pub(super) struct Posted {
    pub(super) fields: HashMap<String, String>,
    pub(super) files: Vec<(String, String, Vec<u8>)>,
}

impl Posted {
    pub(super) fn text(&self, name: &str) -> String {
        self.fields.get(name).map(|v| v.trim().to_owned()).unwrap_or_default()
    }
}

pub(super) async fn read_posted(mut multipart: Multipart) -> Result<Posted, ApiError> {
    let bad = |_| ApiError::new(StatusCode::BAD_REQUEST, Problem::BadRequest);
    let mut posted = Posted::default();
    // A form has a few dozen fields at most; stop at a bound whatever is sent.
    for _ in 0..200 {
        let Some(field) = multipart.next_field().await.map_err(bad)? else { return Ok(posted) };
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(bad)?;
                if !bytes.is_empty() {
                    posted.files.push((name, file_name, bytes.to_vec()));
                }
            }
            None => {
                let value = field.text().await.map_err(bad)?;
                posted.fields.insert(name, value);
            }
        }
    }
    Err(ApiError::new(StatusCode::BAD_REQUEST, Problem::BadRequest))
}

/// Radio buttons or a select with the mistake shown beside them.
pub(super) fn mistake_for<'a>(error: &'a Option<FieldError>, field: &str) -> Option<&'a FieldError> {
    error.as_ref().filter(|e| e.field == field)
}

pub(super) fn error_line(error: &Option<FieldError>, field: &str) -> Markup {
    html! {
        @if let Some(mistake) = mistake_for(error, field) {
            p.error id=(format!("{field}-error")) { (mistake.message) }
        }
    }
}
