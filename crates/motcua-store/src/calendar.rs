//! Year schedules of the calendar: official ones loaded or edited, replacing
//! the proposal from the rules.

use chrono::{Datelike, Utc};
use motcua_domain::calendar::{DayKind, ScheduleSource, SpecialDay, YearSchedule};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::encoding::{corrupt, date, instant, parse_date};
use crate::{Store, StoreResult};

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

fn special_day_from_row(row: &AnyRow) -> StoreResult<SpecialDay> {
    let kind: String = row.try_get("kind")?;
    Ok(SpecialDay {
        date: parse_date(&row.try_get::<String, _>("day")?)?,
        kind: DayKind::parse_loose(&kind).ok_or_else(|| corrupt("day kind", &kind))?,
        name: row.try_get("name")?,
    })
}

impl Store {
    /// Replaces the stored schedule of `schedule.year`. Returns false, changing
    /// nothing, when the stored schedule is already the same.
    pub async fn save_year_schedule(&self, schedule: &YearSchedule) -> StoreResult<bool> {
        if self.year_schedule(schedule.year).await?.as_ref() == Some(schedule) {
            return Ok(false);
        }
        let schedule = schedule.clone();
        self.write(move |tx| {
            Box::pin(async move {
                sqlx::query("DELETE FROM calendar_days WHERE year = $1")
                    .bind(i64::from(schedule.year))
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO calendar_years (year, source, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (year) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at",
                )
                .bind(i64::from(schedule.year))
                .bind(source_text(schedule.source))
                .bind(instant(Utc::now()))
                .execute(&mut *tx)
                .await?;
                for day in &schedule.days {
                    sqlx::query("INSERT INTO calendar_days (day, year, kind, name) VALUES ($1, $2, $3, $4)")
                        .bind(date(day.date))
                        .bind(i64::from(day.date.year()))
                        .bind(day.kind.as_str())
                        .bind(&day.name)
                        .execute(&mut *tx)
                        .await?;
                }
                Ok(true)
            })
        })
        .await
    }

    /// The stored schedule of a year, if one was saved.
    pub async fn year_schedule(&self, year: i32) -> StoreResult<Option<YearSchedule>> {
        let source = sqlx::query_scalar::<_, String>("SELECT source FROM calendar_years WHERE year = $1")
            .bind(i64::from(year))
            .fetch_optional(&self.pool)
            .await?;
        let Some(source) = source else { return Ok(None) };
        let source = source_from_text(&source)?;
        let rows = sqlx::query("SELECT day, kind, name FROM calendar_days WHERE year = $1 ORDER BY day")
            .bind(i64::from(year))
            .fetch_all(&self.pool)
            .await?;
        let days = rows.iter().map(special_day_from_row).collect::<StoreResult<Vec<_>>>()?;
        Ok(Some(YearSchedule::new(year, source, days)))
    }

    /// The stored schedules of the years from `first` to `last`, in two queries.
    pub async fn year_schedules_between(&self, first: i32, last: i32) -> StoreResult<Vec<YearSchedule>> {
        let years =
            sqlx::query("SELECT year, source FROM calendar_years WHERE year >= $1 AND year <= $2 ORDER BY year")
                .bind(i64::from(first))
                .bind(i64::from(last))
                .fetch_all(&self.pool)
                .await?;
        let days =
            sqlx::query("SELECT day, year, kind, name FROM calendar_days WHERE year >= $1 AND year <= $2 ORDER BY day")
                .bind(i64::from(first))
                .bind(i64::from(last))
                .fetch_all(&self.pool)
                .await?;
        let mut schedules = Vec::with_capacity(years.len());
        for row in &years {
            let year: i64 = row.try_get("year")?;
            let source = source_from_text(&row.try_get::<String, _>("source")?)?;
            let mut special = Vec::new();
            for day in days.iter().filter(|d| d.try_get::<i64, _>("year").ok() == Some(year)) {
                special.push(special_day_from_row(day)?);
            }
            let year = i32::try_from(year).map_err(|e| corrupt("year", e))?;
            schedules.push(YearSchedule::new(year, source, special));
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
