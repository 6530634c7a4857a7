//! A JSON body extractor whose rejections are problem documents naming what
//! is wrong with the body, in the request's language.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::problem::{ApiError, Problem};

/// Like `axum::Json`, but a malformed body becomes a 400 problem that says why.
#[derive(Debug, Clone, Copy, Default)]
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Body<T>, ApiError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(ApiError::new(axum::http::StatusCode::BAD_REQUEST, body_problem(&rejection))),
        }
    }
}

fn body_problem(rejection: &JsonRejection) -> Problem {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            Problem::BadBody { detail: "Content-Type: application/json".to_owned() }
        }
        other => {
            // serde's message names the field and the line and column; the
            // framework's prefix before the last colon-space adds nothing.
            let text = other.body_text();
            let detail = text.rsplit_once(": ").map(|(_, tail)| tail.to_owned()).unwrap_or(text);
            Problem::BadBody { detail }
        }
    }
}
