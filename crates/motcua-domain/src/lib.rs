//! The rules of the one-stop shop (một cửa), free of I/O.
//!
//! Everything here is plain data and pure functions: administrative units,
//! agencies and service points, the procedure catalogue, the calendar and the
//! working-time clock. The store persists these types, the app composes them
//! into use cases, and the web crate shows them; none of that leaks back here.

pub mod access;
pub mod calendar;
pub mod catalogue;
pub mod clock;
pub mod dossier;
pub mod error;
pub mod identity;
pub mod organisation;
pub mod text;
pub mod units;

pub use error::DomainError;
