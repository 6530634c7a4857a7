//! Year schedules of the calendar: official ones loaded or edited, replacing
//! the proposal from the rules.

use chrono::{Datelike, Utc};
use motcua_domain::calendar::{DayKind, ScheduleSource, SpecialDay, YearSchedule};

use crate::encoding::{corrupt, date, instant, parse_date};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

fn source_text(source: ScheduleSource) -> &'static str {
    match source {
        ScheduleSource::Proposed => "proposed",
        ScheduleSource::Official => "official",
    }
}

fn source_from_text(text: &str) -> StoreResult<ScheduleSource> {
    match text {
        "official" => Ok(ScheduleSource::Official),
        "proposed" => Ok(ScheduleSource::Proposed),
        other => Err(corrupt("schedule source", other)),
    }
}

/// The row saying that a year has a stored schedule, and where it came from.
#[derive(Debug, Clone, Default, PartialEq)]
struct YearRow {
    year: i64,
    source: String,
    updated_at: String,
}

impl Row for YearRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.int("year", &mut self.year);
        c.text("source", &mut self.source);
        c.text("updated_at", &mut self.updated_at);
    }
}

/// A special day's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct DayRow {
    day: String,
    year: i64,
    kind: String,
    name: String,
}

impl Row for DayRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("day", &mut self.day);
        c.int("year", &mut self.year);
        c.text("kind", &mut self.kind);
        c.text("name", &mut self.name);
    }
}

impl From<&SpecialDay> for DayRow {
    fn from(d: &SpecialDay) -> DayRow {
        DayRow {
            day: date(d.date),
            year: i64::from(d.date.year()),
            kind: d.kind.as_str().to_owned(),
            name: d.name.clone(),
        }
    }
}

impl TryFrom<DayRow> for SpecialDay {
    type Error = StoreError;

    fn try_from(r: DayRow) -> StoreResult<SpecialDay> {
        Ok(SpecialDay {
            date: parse_date(&r.day)?,
            kind: DayKind::parse_loose(&r.kind).ok_or_else(|| corrupt("day kind", &r.kind))?,
            name: r.name,
        })
    }
}

/// The schedule of a year's row with the rows of its days.
fn schedule_of(year: YearRow, days: Vec<DayRow>) -> StoreResult<YearSchedule> {
    let number = i32::try_from(year.year).map_err(|e| corrupt("year", e))?;
    let days = days.into_iter().map(SpecialDay::try_from).collect::<StoreResult<Vec<_>>>()?;
    Ok(YearSchedule::new(number, source_from_text(&year.source)?, days))
}

impl Store {
    /// Replaces the stored schedule of `schedule.year`. Returns false, changing
    /// nothing, when the stored schedule is already the same.
    pub async fn save_year_schedule(&self, schedule: &YearSchedule) -> StoreResult<bool> {
        if self.year_schedule(schedule.year).await?.as_ref() == Some(schedule) {
            return Ok(false);
        }
        let year = YearRow {
            year: i64::from(schedule.year),
            source: source_text(schedule.source).to_owned(),
            updated_at: instant(Utc::now()),
        };
        let days: Vec<DayRow> = schedule.days.iter().map(DayRow::from).collect();
        self.write(move |tx| {
            Box::pin(async move {
                sqlx::query("DELETE FROM calendar_days WHERE year = $1").bind(year.year).execute(&mut *tx).await?;
                row::upsert("calendar_years", &year, &["year"]).build().execute(&mut *tx).await?;
                row::insert_all(tx, "calendar_days", &days).await?;
                Ok(true)
            })
        })
        .await
    }

    /// The stored schedule of a year, if one was saved.
    pub async fn year_schedule(&self, year: i32) -> StoreResult<Option<YearSchedule>> {
        Ok(self.year_schedules_between(year, year).await?.pop())
    }

    /// The stored schedules of the years from `first` to `last`, in two queries
    /// (one when none is stored).
    pub async fn year_schedules_between(&self, first: i32, last: i32) -> StoreResult<Vec<YearSchedule>> {
        let years = sqlx::query(&format!(
            "SELECT {} FROM calendar_years WHERE year >= $1 AND year <= $2 ORDER BY year",
            row::column_list::<YearRow>(None)
        ))
        .bind(i64::from(first))
        .bind(i64::from(last))
        .fetch_all(&self.pool)
        .await?;
        if years.is_empty() {
            return Ok(Vec::new());
        }
        let days = sqlx::query(&format!(
            "SELECT {} FROM calendar_days WHERE year >= $1 AND year <= $2 ORDER BY day",
            row::column_list::<DayRow>(None)
        ))
        .bind(i64::from(first))
        .bind(i64::from(last))
        .fetch_all(&self.pool)
        .await?;
        let mut days = days.iter().map(row::read::<DayRow>).collect::<StoreResult<Vec<_>>>()?;
        let mut schedules = Vec::with_capacity(years.len());
        for row in &years {
            let year = row::read::<YearRow>(row)?;
            let (of_year, rest) = days.into_iter().partition(|d| d.year == year.year);
            days = rest;
            schedules.push(schedule_of(year, of_year)?);
        }
        Ok(schedules)
    }

    /// The years that have a stored schedule.
    pub async fn scheduled_years(&self) -> StoreResult<Vec<i32>> {
        let years =
            sqlx::query_scalar::<_, i64>("SELECT year FROM calendar_years ORDER BY year").fetch_all(&self.pool).await?;
        years.into_iter().map(|y| i32::try_from(y).map_err(|e| corrupt("year", e))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_calendar_rows_has_its_column() {
        row::tests::round_trips(&YearRow { year: 2026, source: "a".into(), updated_at: "b".into() });
        row::tests::round_trips(&DayRow { day: "a".into(), year: 2026, kind: "b".into(), name: "c".into() });
    }
}
