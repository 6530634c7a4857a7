//! The errors a use case can end in. The web crate maps each to a response
//! in one place; a store failure is never shown to users as it is.

use motcua_domain::DomainError;
use motcua_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    /// The input breaks a domain rule; the user can fix it.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The thing asked for does not exist (or is not the caller's to see).
    #[error("{what} {key:?} not found")]
    NotFound { what: &'static str, key: String },
    /// A file being imported is malformed at a given line.
    #[error("line {line}: {reason}")]
    Import { line: usize, reason: String },
    /// The database failed; details are logged, not shown.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppError {
    pub fn not_found(what: &'static str, key: impl Into<String>) -> AppError {
        AppError::NotFound { what, key: key.into() }
    }
}

pub type AppResult<T> = Result<T, AppError>;
