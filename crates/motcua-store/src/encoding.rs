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

/// The text of a nullable instant column.
pub(crate) fn parse_optional_instant(text: Option<&str>) -> Result<Option<DateTime<Utc>>, StoreError> {
    text.map(parse_instant).transpose()
}

pub(crate) fn date(value: NaiveDate) -> String {
    value.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| StoreError::Corrupt(format!("date {text:?}: {e}")))
}

/// The text of a nullable date column.
pub(crate) fn parse_optional_date(text: Option<&str>) -> Result<Option<NaiveDate>, StoreError> {
    text.map(parse_date).transpose()
}

pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

pub(crate) fn corrupt(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {error}"))
}

/// A nullable double for binding. sqlx 0.8.6 sends a `None::<f64>` to
/// PostgreSQL typed as `float4` (its Any driver swaps the two float kinds
/// for nulls), so a statement first prepared with a null would then reject
/// real values; this encodes a null the way that arrives as `float8`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Double(pub Option<f64>);

impl sqlx::Type<sqlx::Any> for Double {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <f64 as sqlx::Type<sqlx::Any>>::type_info()
    }
}

impl<'q> sqlx::Encode<'q, sqlx::Any> for Double {
    fn encode_by_ref(
        &self,
        buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        match self.0 {
            Some(value) => <f64 as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&value, buf),
            None => <Option<f32> as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&None, buf),
        }
    }
}
