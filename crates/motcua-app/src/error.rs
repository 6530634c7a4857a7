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
    /// No valid session or token came with a request that needs one.
    #[error("sign-in required")]
    Unauthenticated,
    /// Wrong identification number, username or password.
    #[error("wrong credentials")]
    WrongCredentials,
    /// Too many failed sign-ins lately, from this address or to this account
    /// from it; try again after `seconds`.
    #[error("too many failed sign-ins; wait {seconds} seconds")]
    TooManyAttempts { seconds: i64 },
    /// The caller may see the object but their role may not do this to it.
    #[error("{role} may not {action}")]
    Forbidden { role: &'static str, action: &'static str },
    /// Someone else changed the dossier first; read it again and retry.
    #[error("the dossier changed while this request was processed")]
    Conflict,
    /// An account with this identification number or username already exists.
    #[error("already registered")]
    AlreadyRegistered,
    /// An Idempotency-Key sent again with a different request.
    #[error("idempotency key reused with a different request")]
    IdempotencyKeyReused,
    /// An uploaded file was refused, or a stored one could not be read.
    #[error(transparent)]
    File(#[from] crate::files::FileError),
    /// A file being imported is malformed at a given line.
    #[error("line {line}: {error}")]
    Import { line: usize, error: DomainError },
    /// Online payment was asked for but no payment gateway is configured.
    #[error("no payment gateway is configured")]
    PaymentsOff,
    /// Something that should not fail did (hashing a password); logged, not shown.
    #[error("internal failure: {0}")]
    Internal(String),
    /// The database failed; details are logged, not shown.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match error {
            StoreError::Conflict => AppError::Conflict,
            StoreError::Duplicate => AppError::AlreadyRegistered,
            other => AppError::Store(other),
        }
    }
}

impl AppError {
    pub fn not_found(what: &'static str, key: impl Into<String>) -> AppError {
        AppError::NotFound { what, key: key.into() }
    }
}

pub type AppResult<T> = Result<T, AppError>;
