//! How domain values are written into columns both databases share.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::StoreError;

/// An instant as fixed-width RFC 3339 text in UTC, which sorts as text.
pub(crate) fn instant(value: DateTime<Utc>) -> String {
    value.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_instant(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("instant {text:?}: {e}")))
}

pub(crate) fn date(value: NaiveDate) -> String {
    value.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| StoreError::Corrupt(format!("date {text:?}: {e}")))
}

pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

pub(crate) fn corrupt(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {error}"))
}
