//! The rules of the one-stop shop (một cửa), free of I/O.
//!
//! Everything here is plain data and pure functions: administrative units,
//! agencies and service points, the procedure catalogue, the calendar and the
//! working-time clock. The store persists these types, the app composes them
//! into use cases, and the web crate shows them; none of that leaks back here.

/// Conversions every string newtype of the domain shares: `TryFrom<String>`
/// through its `parse`, `From<T> for String`, and `Display`. The type must be
/// a tuple struct around a `String` with `fn parse(&str) -> Result<Self, DomainError>`.
macro_rules! string_conversions {
    ($($name:ident),*) => {$(
        impl TryFrom<String> for $name {
            type Error = $crate::DomainError;
            fn try_from(value: String) -> Result<Self, $crate::DomainError> {
                $name::parse(&value)
            }
        }
        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

pub mod access;
pub mod calendar;
pub mod catalogue;
pub mod clock;
pub mod dossier;
pub mod error;
pub mod identity;
pub mod indicators;
pub mod organisation;
pub mod payments;
pub mod reason;
pub mod text;
pub mod units;
pub mod worklist;

pub use error::DomainError;
pub use reason::Reason;
