//! The calendar of a year, and due dates.

use axum::Json;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, NaiveDate, Utc};
use motcua_domain::Reason;
use motcua_domain::calendar::{ScheduleSource, SpecialDay};
use motcua_domain::clock::{ProcessingTime, TimeUnit, to_vietnam_time};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::problem::ApiError;

#[derive(Debug, Serialize)]
pub(crate) struct DayBody {
    date: NaiveDate,
    name: String,
    kind: motcua_domain::calendar::DayKind,
}

impl From<SpecialDay> for DayBody {
    fn from(day: SpecialDay) -> DayBody {
        DayBody { date: day.date, name: day.name, kind: day.kind }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct YearBody {
    year: i32,
    tet: NaiveDate,
    hung_kings: NaiveDate,
    source: ScheduleSource,
    days_off: Vec<DayBody>,
    working_saturdays: Vec<DayBody>,
}

pub(crate) async fn year(State(state): State<AppState>, Path(year): Path<String>) -> Result<Json<YearBody>, ApiError> {
    let year: i32 = year.trim().parse().map_err(|_| ApiError::invalid("year", Reason::ExpectedNumber))?;
    let calendar = state.app.calendar_year(year).await?;
    Ok(Json(YearBody {
        year: calendar.year,
        tet: calendar.tet,
        hung_kings: calendar.hung_kings,
        source: calendar.source,
        days_off: calendar.days_off().cloned().map(DayBody::from).collect(),
        working_saturdays: calendar.working_saturdays().cloned().map(DayBody::from).collect(),
    }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct DueParams {
    received_at: Option<String>,
    amount: Option<String>,
    unit: Option<String>,
    service_point: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DueBody {
    received_at: DateTime<chrono::FixedOffset>,
    amount: f64,
    unit: TimeUnit,
    due_at: DateTime<chrono::FixedOffset>,
}

/// Parses an RFC 3339 instant, forgiving a `+` of the offset that arrived as a
/// space because the client did not percent-encode it.
fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| match text.rfind(' ') {
            Some(i) if i > 10 => DateTime::parse_from_rfc3339(&format!("{}+{}", &text[..i], &text[i + 1..])),
            _ => DateTime::parse_from_rfc3339(text),
        })
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

pub(crate) async fn due(
    State(state): State<AppState>,
    Query(params): Query<DueParams>,
) -> Result<Json<DueBody>, ApiError> {
    let received_at = params
        .received_at
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| ApiError::invalid("received_at", Reason::Required))?;
    let received_at =
        parse_instant(received_at).ok_or_else(|| ApiError::invalid("received_at", Reason::ExpectedInstant))?;
    let unit = params
        .unit
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| ApiError::invalid("unit", Reason::Required))?;
    let unit = TimeUnit::parse(unit)?;
    let amount = match params.amount.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => text.parse::<f64>().map_err(|_| ApiError::invalid("amount", Reason::ExpectedNumber))?,
        None if unit == TimeUnit::SameDay => 0.0,
        None => return Err(ApiError::invalid("amount", Reason::Required)),
    };
    let time = ProcessingTime { amount, unit };
    let due_at = state.app.due_at(received_at, time, params.service_point.as_deref()).await?;
    Ok(Json(DueBody { received_at: to_vietnam_time(received_at), amount, unit, due_at: to_vietnam_time(due_at) }))
}

#[cfg(test)]
mod tests {
    use super::parse_instant;

    #[test]
    fn instants_with_an_unencoded_plus_are_understood() {
        let expected = parse_instant("2025-11-03T08:00:00+07:00").expect("valid");
        assert_eq!(parse_instant("2025-11-03T08:00:00 07:00"), Some(expected));
        assert_eq!(parse_instant("2025-11-03T01:00:00Z"), Some(expected));
        assert_eq!(parse_instant("3 November"), None);
    }
}
