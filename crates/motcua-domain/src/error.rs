//! Errors of the domain: a value that cannot exist, or a rule that forbids a step.
//!
//! Each variant is something a user can be told; the web crate turns it into
//! a message in the user's language, so variants carry data and reasons are
//! ids ([`Reason`]), not sentences.

use thiserror::Error;

use crate::Reason;

/// A broken domain rule or an invalid value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("invalid {field}: {reason}")]
    InvalidValue { field: &'static str, reason: Reason },
    #[error("year {year} is outside {first}–{last}")]
    YearOutOfRange { year: i32, first: i32, last: i32 },
    #[error("unknown processing-time unit {0:?}")]
    UnknownTimeUnit(String),
    #[error("the working calendar has no working time")]
    NoWorkingTime,
    #[error("{action} is not allowed on a dossier that is {status}")]
    TransitionNotAllowed { status: &'static str, action: &'static str },
}

impl DomainError {
    /// Shorthand for [`DomainError::InvalidValue`].
    pub fn invalid(field: &'static str, reason: Reason) -> DomainError {
        DomainError::InvalidValue { field, reason }
    }
}
