//! The one place where errors become HTTP responses.
//!
//! A handler's error turns into a status plus a [`Problem`] stored in the
//! response's extensions, with no text yet. The [`localise_problems`]
//! middleware, which knows the request's language, writes it out as
//! `application/problem+json` (RFC 9457). Error responses produced by the
//! framework itself (an unknown route, a malformed path) are rewritten the
//! same way, so every error a client sees has one shape. A 5xx body says
//! nothing internal; the cause goes to the log.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use motcua_app::AppError;
use motcua_domain::{DomainError, Reason};
use serde_json::json;

use motcua_app::files::{FileError, Refusal};
use motcua_i18n::{Args, msg, text, text_with};

use crate::i18n::{self, Locale, ltr};

/// What went wrong, as data; rendered in the request's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    NotFound {
        what: String,
        key: String,
    },
    InvalidValue {
        field: String,
        reason: Reason,
        /// The line of an imported file the value is on.
        line: Option<usize>,
    },
    YearOutOfRange {
        year: i32,
        first: i32,
        last: i32,
    },
    TransitionNotAllowed {
        status: String,
        action: String,
    },
    Unauthenticated,
    WrongCredentials,
    TooManyAttempts {
        seconds: i64,
    },
    Forbidden {
        role: String,
        action: String,
    },
    Conflict,
    /// A page form without this session's form token: stale, or forged by another site.
    StaleForm,
    AlreadyRegistered,
    IdempotencyKeyReused,
    /// An upload refused, and why.
    FileRefused(FileRefusal),
    /// A form (multipart or URL-encoded) sent where the file itself is expected.
    UploadNotRaw,
    /// The request body is not the JSON expected; `detail` is the parser's own words.
    BadBody {
        detail: String,
    },
    BadRequest,
    MethodNotAllowed,
    Unavailable,
    Internal,
}

/// An error a handler returns.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    problem: Problem,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, problem: Problem) -> ApiError {
        ApiError { status, problem }
    }

    pub fn invalid(field: &str, reason: Reason) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            problem: Problem::InvalidValue { field: field.to_owned(), reason, line: None },
        }
    }

    pub fn unavailable() -> ApiError {
        ApiError { status: StatusCode::SERVICE_UNAVAILABLE, problem: Problem::Unavailable }
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> ApiError {
        let problem = match error {
            DomainError::InvalidValue { field, reason } => {
                Problem::InvalidValue { field: field.to_owned(), reason, line: None }
            }
            DomainError::YearOutOfRange { year, first, last } => Problem::YearOutOfRange { year, first, last },
            DomainError::UnknownTimeUnit(_) => {
                Problem::InvalidValue { field: "unit".to_owned(), reason: Reason::ExpectedTimeUnit, line: None }
            }
            DomainError::TransitionNotAllowed { status, action } => {
                let problem = Problem::TransitionNotAllowed { status: status.to_owned(), action: action.to_owned() };
                return ApiError { status: StatusCode::CONFLICT, problem };
            }
            DomainError::NoWorkingTime => {
                tracing::error!("the working calendar has no working time");
                return ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, problem: Problem::Internal };
            }
        };
        ApiError { status: StatusCode::BAD_REQUEST, problem }
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> ApiError {
        match error {
            AppError::Domain(error) => error.into(),
            AppError::NotFound { what, key } => {
                ApiError { status: StatusCode::NOT_FOUND, problem: Problem::NotFound { what: what.to_owned(), key } }
            }
            AppError::Unauthenticated => {
                ApiError { status: StatusCode::UNAUTHORIZED, problem: Problem::Unauthenticated }
            }
            AppError::TooManyAttempts { seconds } => {
                ApiError { status: StatusCode::TOO_MANY_REQUESTS, problem: Problem::TooManyAttempts { seconds } }
            }
            AppError::WrongCredentials => {
                ApiError { status: StatusCode::UNAUTHORIZED, problem: Problem::WrongCredentials }
            }
            AppError::Forbidden { role, action } => ApiError {
                status: StatusCode::FORBIDDEN,
                problem: Problem::Forbidden { role: role.to_owned(), action: action.to_owned() },
            },
            AppError::Conflict => ApiError { status: StatusCode::CONFLICT, problem: Problem::Conflict },
            AppError::AlreadyRegistered => {
                ApiError { status: StatusCode::CONFLICT, problem: Problem::AlreadyRegistered }
            }
            AppError::PaymentsOff => ApiError {
                status: StatusCode::NOT_FOUND,
                problem: Problem::NotFound { what: "page".to_owned(), key: String::new() },
            },
            AppError::IdempotencyKeyReused => {
                ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, problem: Problem::IdempotencyKeyReused }
            }
            AppError::File(error) => match (FileRefusal::of(&error), error) {
                (Some(refusal), FileError::TooLarge { .. }) => {
                    ApiError { status: StatusCode::PAYLOAD_TOO_LARGE, problem: Problem::FileRefused(refusal) }
                }
                (Some(refusal), _) => {
                    ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, problem: Problem::FileRefused(refusal) }
                }
                (None, FileError::Io(error)) => {
                    tracing::error!(%error, "file store failure");
                    ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, problem: Problem::Internal }
                }
                (None, _) => ApiError {
                    status: StatusCode::NOT_FOUND,
                    problem: Problem::NotFound { what: "document".to_owned(), key: String::new() },
                },
            },
            AppError::Import { line, error } => match ApiError::from(error) {
                ApiError { status, problem: Problem::InvalidValue { field, reason, .. } } => {
                    ApiError { status, problem: Problem::InvalidValue { field, reason, line: Some(line) } }
                }
                other => other,
            },
            AppError::Internal(error) => {
                tracing::error!(%error, "internal failure");
                ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, problem: Problem::Internal }
            }
            AppError::Store(error) => {
                tracing::error!(%error, "store failure");
                ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, problem: Problem::Internal }
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self.problem);
        response
    }
}

impl Problem {
    /// The problem a bare framework error status stands for.
    fn for_status(status: StatusCode) -> Problem {
        match status {
            StatusCode::NOT_FOUND => Problem::NotFound { what: "page".to_owned(), key: String::new() },
            StatusCode::METHOD_NOT_ALLOWED => Problem::MethodNotAllowed,
            StatusCode::SERVICE_UNAVAILABLE => Problem::Unavailable,
            s if s.is_server_error() => Problem::Internal,
            _ => Problem::BadRequest,
        }
    }

    fn slug(&self) -> &'static str {
        match self {
            Problem::NotFound { .. } => "not-found",
            Problem::InvalidValue { .. } => "invalid-value",
            Problem::YearOutOfRange { .. } => "year-out-of-range",
            Problem::TransitionNotAllowed { .. } => "transition-not-allowed",
            Problem::Unauthenticated => "unauthenticated",
            Problem::WrongCredentials => "wrong-credentials",
            Problem::TooManyAttempts { .. } => "too-many-attempts",
            Problem::Forbidden { .. } => "forbidden",
            Problem::Conflict => "conflict",
            Problem::StaleForm => "stale-form",
            Problem::AlreadyRegistered => "already-registered",
            Problem::IdempotencyKeyReused => "idempotency-key-reused",
            Problem::FileRefused { .. } => "file-refused",
            Problem::UploadNotRaw => "upload-not-raw",
            Problem::BadBody { .. } => "bad-body",
            Problem::BadRequest => "bad-request",
            Problem::MethodNotAllowed => "method-not-allowed",
            Problem::Unavailable => "unavailable",
            Problem::Internal => "internal",
        }
    }

    /// Title and detail in `locale`.
    fn text(&self, locale: Locale) -> (String, String) {
        let l = locale;
        let plain = |title, detail| (text(l, title), text(l, detail));
        match self {
            Problem::NotFound { what, key } if key.is_empty() && what == "document" => {
                plain(msg::PROBLEM_NOT_FOUND_TITLE, msg::PROBLEM_NO_SUCH_DOCUMENT)
            }
            Problem::NotFound { key, .. } if key.is_empty() => {
                plain(msg::PROBLEM_NOT_FOUND_TITLE, msg::PROBLEM_NO_SUCH_PAGE)
            }
            Problem::NotFound { what, key } => {
                let args = Args::new().text("thing", i18n::thing(l, what)).text("key", ltr(l, key));
                (text(l, msg::PROBLEM_NOT_FOUND_TITLE), text_with(l, msg::PROBLEM_NOT_FOUND_DETAIL, &args))
            }
            Problem::InvalidValue { field, reason, line } => {
                let args = Args::new().text("field", i18n::field(l, field)).text("reason", i18n::reason(l, reason));
                let detail = match line {
                    None => text_with(l, msg::PROBLEM_INVALID_VALUE_DETAIL, &args),
                    Some(line) => {
                        text_with(l, msg::PROBLEM_INVALID_LINE_DETAIL, &args.text("line", ltr(l, &line.to_string())))
                    }
                };
                (text(l, msg::PROBLEM_INVALID_VALUE_TITLE), detail)
            }
            Problem::YearOutOfRange { year, first, last } => {
                let args = Args::new()
                    .text("year", ltr(l, &year.to_string()))
                    .text("first", ltr(l, &first.to_string()))
                    .text("last", ltr(l, &last.to_string()));
                (
                    text(l, msg::PROBLEM_YEAR_OUT_OF_RANGE_TITLE),
                    text_with(l, msg::PROBLEM_YEAR_OUT_OF_RANGE_DETAIL, &args),
                )
            }
            Problem::TransitionNotAllowed { status, action } => {
                let args = Args::new()
                    .text("status", i18n::status_named(l, status))
                    .text("action", i18n::action_named(l, action));
                (
                    text(l, msg::PROBLEM_TRANSITION_NOT_ALLOWED_TITLE),
                    text_with(l, msg::PROBLEM_TRANSITION_NOT_ALLOWED_DETAIL, &args),
                )
            }
            Problem::Unauthenticated => plain(msg::PROBLEM_UNAUTHENTICATED_TITLE, msg::PROBLEM_UNAUTHENTICATED_DETAIL),
            Problem::TooManyAttempts { seconds } => {
                (text(l, msg::PROBLEM_TOO_MANY_ATTEMPTS_TITLE), too_many_attempts(l, *seconds))
            }
            Problem::WrongCredentials => {
                plain(msg::PROBLEM_WRONG_CREDENTIALS_TITLE, msg::PROBLEM_WRONG_CREDENTIALS_DETAIL)
            }
            Problem::Forbidden { role, action } => {
                let args = Args::new().text("role", role.as_str()).text("action", i18n::action_named(l, action));
                (text(l, msg::PROBLEM_FORBIDDEN_TITLE), text_with(l, msg::PROBLEM_FORBIDDEN_DETAIL, &args))
            }
            Problem::Conflict => plain(msg::PROBLEM_CONFLICT_TITLE, msg::PROBLEM_CONFLICT_DETAIL),
            Problem::StaleForm => plain(msg::PROBLEM_STALE_FORM_TITLE, msg::PROBLEM_STALE_FORM_DETAIL),
            Problem::AlreadyRegistered => {
                plain(msg::PROBLEM_ALREADY_REGISTERED_TITLE, msg::PROBLEM_ALREADY_REGISTERED_DETAIL)
            }
            Problem::IdempotencyKeyReused => {
                plain(msg::PROBLEM_IDEMPOTENCY_KEY_REUSED_TITLE, msg::PROBLEM_IDEMPOTENCY_KEY_REUSED_DETAIL)
            }
            Problem::FileRefused(refusal) => (text(l, msg::PROBLEM_FILE_REFUSED_TITLE), file_refusal(l, *refusal)),
            Problem::BadBody { detail } => {
                let args = Args::new().text("detail", ltr(l, detail));
                (text(l, msg::PROBLEM_BAD_REQUEST_TITLE), text_with(l, msg::PROBLEM_BAD_BODY_DETAIL, &args))
            }
            Problem::BadRequest => plain(msg::PROBLEM_BAD_REQUEST_TITLE, msg::PROBLEM_BAD_REQUEST_DETAIL),
            Problem::UploadNotRaw => {
                let example = ltr(l, "curl --data-binary @scan.pdf \"…/api/v1/documents?name=scan.pdf\"");
                let args = Args::new().text("example", example);
                (text(l, msg::PROBLEM_UPLOAD_NOT_RAW_TITLE), text_with(l, msg::PROBLEM_UPLOAD_NOT_RAW_DETAIL, &args))
            }
            Problem::MethodNotAllowed => {
                plain(msg::PROBLEM_METHOD_NOT_ALLOWED_TITLE, msg::PROBLEM_METHOD_NOT_ALLOWED_DETAIL)
            }
            Problem::Unavailable => plain(msg::PROBLEM_UNAVAILABLE_TITLE, msg::PROBLEM_UNAVAILABLE_DETAIL),
            Problem::Internal => plain(msg::PROBLEM_INTERNAL_TITLE, msg::PROBLEM_INTERNAL_DETAIL),
        }
    }

    /// The problem document, in `locale`.
    pub fn render(&self, status: StatusCode, locale: Locale) -> Response {
        let (title, detail) = self.text(locale);
        let mut body = json!({
            "type": format!("/problems/{}", self.slug()),
            "title": title,
            "status": status.as_u16(),
            "detail": detail,
            "lang": locale.tag(),
        });
        if let Problem::InvalidValue { field, line, .. } = self {
            body["field"] = json!(field);
            if let Some(line) = line {
                body["line"] = json!(line);
            }
        }
        let mut response = (status, body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(locale.tag()));
        response
    }
}

impl Problem {
    /// The problem as a small page, for a person in a browser.
    fn render_page(&self, status: StatusCode, locale: Locale) -> Response {
        let (title, detail) = self.text(locale);
        let home = text(locale, msg::PROBLEM_BACK_HOME);
        let page = maud::html! {
            (maud::DOCTYPE)
            html lang=(locale.tag()) dir=(locale.dir()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                    link rel="stylesheet" href=(crate::stylesheet::stylesheet_path());
                }
                body.plain {
                    main { h1 { (title) } p { (detail) } p { a href="/" { (home) } } }
                }
            }
        };
        let mut response = (status, page).into_response();
        response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(locale.tag()));
        response
    }
}

/// Renders every error response in the request's language: a problem document
/// for the API, a small page for a browser asking for a page.
pub async fn localise_problems(request: Request, next: Next) -> Response {
    let locale = i18n::negotiate(request.uri().query(), request.headers());
    let wants_page = !request.uri().path().starts_with("/api/")
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    let mut response = next.run(request).await;
    let status = response.status();
    // Error responses the framework makes come as plain text; a page that
    // answers an error with its own HTML (a form shown again with its
    // mistakes) is left as it is.
    let framework_made = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|kind| kind.starts_with("text/plain"));
    let problem = match response.extensions_mut().remove::<Problem>() {
        Some(problem) => problem,
        None if (status.is_client_error() || status.is_server_error()) && framework_made => Problem::for_status(status),
        None => return response,
    };
    let mut response = if wants_page { problem.render_page(status, locale) } else { problem.render(status, locale) };
    if let Problem::TooManyAttempts { seconds } = problem {
        response.headers_mut().insert(header::RETRY_AFTER, retry_after(seconds));
    }
    response
}

/// A `Retry-After` header of whole seconds.
pub fn retry_after(seconds: i64) -> HeaderValue {
    HeaderValue::from(seconds.max(1))
}

/// What a person is told after too many failed sign-ins: how long to wait,
/// in seconds or, from two minutes on, in whole minutes rounded up.
pub fn too_many_attempts(l: Locale, seconds: i64) -> String {
    let wait = if seconds < 120 {
        text_with(l, msg::PROBLEM_WAIT_SECONDS, &Args::new().count("count", seconds))
    } else {
        text_with(l, msg::PROBLEM_WAIT_MINUTES, &Args::new().count("count", (seconds + 59) / 60))
    };
    text_with(l, msg::PROBLEM_TOO_MANY_ATTEMPTS_DETAIL, &Args::new().text("wait", wait))
}

/// Why an upload was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRefusal {
    Empty,
    TooLarge,
    /// The owner's documents would exceed their quota, in MiB.
    Quota {
        mib: u64,
    },
    /// The file's content was refused on inspection.
    Refused(Refusal),
}

impl FileRefusal {
    /// Why `error` refused an upload; none when it was not the upload's
    /// fault (a missing file, a failing disk).
    pub fn of(error: &FileError) -> Option<FileRefusal> {
        Some(match error {
            FileError::Empty => FileRefusal::Empty,
            FileError::TooLarge { .. } => FileRefusal::TooLarge,
            FileError::QuotaExceeded { quota } => FileRefusal::Quota { mib: quota / (1024 * 1024) },
            FileError::Refused(refusal) => FileRefusal::Refused(*refusal),
            FileError::BadHash | FileError::NotFound | FileError::Io(_) => return None,
        })
    }
}

/// Why an upload was refused, in the user's language.
pub(crate) fn file_refusal(l: Locale, refusal: FileRefusal) -> String {
    let id = match refusal {
        FileRefusal::Empty => msg::FILE_REFUSED_EMPTY,
        FileRefusal::TooLarge => msg::FILE_REFUSED_TOO_LARGE,
        FileRefusal::Quota { mib } => {
            return text_with(l, msg::FILE_REFUSED_QUOTA, &Args::new().text("quota", ltr(l, &format!("{mib} MB"))));
        }
        FileRefusal::Refused(Refusal::NotAccepted) => msg::FILE_REFUSED_NOT_ACCEPTED,
        FileRefusal::Refused(Refusal::LegacyOffice) => msg::FILE_REFUSED_LEGACY_OFFICE,
        FileRefusal::Refused(Refusal::Damaged) => msg::FILE_REFUSED_DAMAGED,
        FileRefusal::Refused(Refusal::HiddenContent) => msg::FILE_REFUSED_HIDDEN_CONTENT,
        FileRefusal::Refused(Refusal::ActiveContent) => msg::FILE_REFUSED_ACTIVE_CONTENT,
        FileRefusal::Refused(Refusal::Encrypted) => msg::FILE_REFUSED_ENCRYPTED,
        FileRefusal::Refused(Refusal::TooManyPages) => msg::FILE_REFUSED_TOO_MANY_PAGES,
        FileRefusal::Refused(Refusal::Unpacks) => msg::FILE_REFUSED_UNPACKS,
        FileRefusal::Refused(Refusal::TooManyPixels) => msg::FILE_REFUSED_TOO_MANY_PIXELS,
    };
    text(l, id)
}
