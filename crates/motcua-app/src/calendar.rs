//! The calendar as users see it, and due dates on it.
//!
//! A year's schedule comes from one place, [`App::year_schedule`]: the
//! official schedule saved in the database, else the official schedule built
//! into the binary (`data/calendar`), else the proposal from the Labour Code's
//! rules. The API, the pages, the CLI and every due date read it from there.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use motcua_domain::DomainError;
use motcua_domain::calendar::{ScheduleSource, SpecialDay, WorkCalendar, YearSchedule, holidays, lunar};
use motcua_domain::clock::{Clock, ProcessingTime, TimeUnit, WorkingHours, vietnam_year};

use crate::{App, AppError, AppResult};

/// The official schedules built into the binary; see `data/PROVENANCE.md`.
pub(crate) const BUILT_IN_CALENDAR: &str = include_str!("../../../data/calendar/days-off-2025-2026.csv");

/// The built-in official schedule of a year, when the binary carries one.
fn built_in_schedule(year: i32) -> Option<YearSchedule> {
    static SCHEDULES: OnceLock<Vec<YearSchedule>> = OnceLock::new();
    SCHEDULES
        .get_or_init(|| {
            // The file is part of the binary and checked by a test: were it
            // ever unreadable, the rules' proposal would stand in for it.
            crate::import::official_schedules(BUILT_IN_CALENDAR).unwrap_or_default()
        })
        .iter()
        .find(|s| s.year == year)
        .cloned()
}

/// A year as the calendar page, the API and the CLI show it.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarYear {
    pub year: i32,
    /// Lunar 1/1.
    pub tet: NaiveDate,
    /// Lunar 10/3.
    pub hung_kings: NaiveDate,
    pub source: ScheduleSource,
    /// Every special day of the year (days off and working Saturdays), in
    /// date order, each date once.
    pub days: Vec<SpecialDay>,
}

impl CalendarYear {
    /// The days on which offices are closed, in date order.
    pub fn days_off(&self) -> impl Iterator<Item = &SpecialDay> {
        self.days.iter().filter(|d| d.kind.is_day_off())
    }

    /// The Saturdays worked in exchange for a weekday off, in date order.
    pub fn working_saturdays(&self) -> impl Iterator<Item = &SpecialDay> {
        self.days.iter().filter(|d| !d.kind.is_day_off())
    }
}

fn check_year(year: i32) -> Result<(), DomainError> {
    if (lunar::FIRST_YEAR..=lunar::LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(DomainError::YearOutOfRange { year, first: lunar::FIRST_YEAR, last: lunar::LAST_YEAR })
    }
}

/// The calendar years a due-date computation may reach: enough to cover the
/// processing time at its slowest (long holidays included), within the range
/// the lunar calendar supports.
fn years_reached(received_year: i32, time: ProcessingTime) -> (i32, i32) {
    let amount = time.amount.max(0.0);
    let years_ahead = match time.unit {
        TimeUnit::WorkingDay | TimeUnit::Hour => (amount / 200.0).ceil() as i32,
        TimeUnit::Day => (amount / 365.0).ceil() as i32,
        TimeUnit::Month => (amount / 12.0).ceil() as i32,
        TimeUnit::SameDay | TimeUnit::Other => 0,
    };
    let last = received_year.saturating_add(years_ahead.saturating_add(1)).min(lunar::LAST_YEAR);
    (received_year.max(lunar::FIRST_YEAR), last.max(received_year.max(lunar::FIRST_YEAR)))
}

/// The calendar years an action at `now` on a dossier may reach: from the
/// earliest of `instants` (its receipt, pause, due date) and `now`, to as far
/// as its processing time can reach from the latest of them. Years outside
/// fall back to the rules' proposal, as they would anyway.
pub(crate) fn years_around(
    instants: &[Option<DateTime<Utc>>],
    now: DateTime<Utc>,
    processing: Option<ProcessingTime>,
) -> (i32, i32) {
    let years = instants.iter().flatten().map(|t| vietnam_year(*t)).chain([vietnam_year(now)]);
    let (first, latest) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let time = processing.unwrap_or(ProcessingTime { amount: 0.0, unit: TimeUnit::Other });
    let (_, last) = years_reached(latest, time);
    let first = first.clamp(lunar::FIRST_YEAR, lunar::LAST_YEAR);
    (first, last.max(first))
}

impl App {
    /// The schedule of a year: the official one if saved, else the official
    /// one built into the binary, else the proposal from the rules.
    pub async fn year_schedule(&self, year: i32) -> AppResult<YearSchedule> {
        check_year(year)?;
        match self.store().year_schedule(year).await? {
            Some(schedule) => Ok(schedule),
            None => Ok(built_in_schedule(year).unwrap_or_else(|| holidays::proposed_schedule(year))),
        }
    }

    /// A year of the calendar, with Tết and Hùng Kings' day.
    pub async fn calendar_year(&self, year: i32) -> AppResult<CalendarYear> {
        let schedule = self.year_schedule(year).await?;
        Ok(CalendarYear {
            year,
            tet: lunar::tet(year),
            hung_kings: lunar::hung_kings_day(year),
            source: schedule.source,
            days: schedule.days,
        })
    }

    /// Saves an official schedule for a year, replacing the proposal; returns
    /// whether anything changed.
    pub async fn save_official_schedule(&self, schedule: &YearSchedule) -> AppResult<bool> {
        check_year(schedule.year)?;
        let official = YearSchedule::new(schedule.year, ScheduleSource::Official, schedule.days.clone());
        Ok(self.store().save_year_schedule(&official).await?)
    }

    /// A working calendar that knows the years from `first` to `last`.
    pub async fn work_calendar(&self, first: i32, last: i32) -> AppResult<WorkCalendar> {
        let mut calendar = WorkCalendar::default();
        for schedule in self.store().year_schedules_between(first, last).await? {
            calendar.insert(&schedule);
        }
        for year in first..=last {
            if !calendar.knows_years(year, year)
                && let Some(schedule) = built_in_schedule(year)
            {
                calendar.insert(&schedule);
            }
            calendar.ensure_year(year);
        }
        Ok(calendar)
    }

    /// The due instant of a dossier received at `received_at` with processing
    /// time `time`, at a service point (or with the default sessions).
    pub async fn due_at(
        &self,
        received_at: DateTime<Utc>,
        time: ProcessingTime,
        service_point: Option<&str>,
    ) -> AppResult<DateTime<Utc>> {
        let hours = match service_point {
            Some(code) => {
                self.store()
                    .service_point(code)
                    .await?
                    .ok_or_else(|| AppError::not_found("service point", code))?
                    .working_hours
            }
            None => WorkingHours::default(),
        };
        self.due_at_with(&hours, received_at, time).await
    }

    /// The due instant on given working sessions, loading only the calendar
    /// years the processing time can reach.
    pub(crate) async fn due_at_with(
        &self,
        hours: &WorkingHours,
        received_at: DateTime<Utc>,
        time: ProcessingTime,
    ) -> AppResult<DateTime<Utc>> {
        let received_year = vietnam_year(received_at);
        check_year(received_year)?;
        let (first, last) = years_reached(received_year, time);
        let calendar = self.work_calendar(first, last).await?;
        Ok(Clock::new(&calendar, hours).due_at(received_at, time)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_years_loaded_cover_the_dossier_and_its_time() {
        use chrono::TimeZone;
        let at = |y: i32| Utc.with_ymd_and_hms(y, 6, 1, 0, 0, 0).single().expect("instant");
        let days = Some(ProcessingTime { amount: 30.0, unit: TimeUnit::WorkingDay });
        assert_eq!(years_around(&[Some(at(2025)), None], at(2026), days), (2025, 2028));
        let months = Some(ProcessingTime { amount: 24.0, unit: TimeUnit::Month });
        assert_eq!(years_around(&[], at(2026), months), (2026, 2029));
        assert_eq!(years_around(&[Some(at(2099))], at(2099), days).1, lunar::LAST_YEAR);
        assert_eq!(
            years_around(&[], at(2026), None),
            (2026, 2027),
            "the next year, for dossiers received late in a year"
        );
    }

    #[test]
    fn the_built_in_schedule_holds_the_official_swaps_of_2026() {
        let schedule = built_in_schedule(2026).expect("2026 is built in");
        assert_eq!(schedule.source, ScheduleSource::Official);
        let kind_on = |month, day| {
            let date = NaiveDate::from_ymd_opt(2026, month, day).expect("date");
            schedule.days.iter().find(|d| d.date == date).map(|d| d.kind)
        };
        assert_eq!(kind_on(1, 2), Some(motcua_domain::calendar::DayKind::Swap));
        assert_eq!(kind_on(1, 10), Some(motcua_domain::calendar::DayKind::WorkingSaturday));
        assert!(built_in_schedule(2025).is_some());
        assert_eq!(built_in_schedule(2027), None, "later years are proposed from the rules");
    }

    #[test]
    fn years_reached_cover_long_processing_times() {
        let time = |amount, unit| ProcessingTime { amount, unit };
        assert_eq!(years_reached(2025, time(10.0, TimeUnit::WorkingDay)), (2025, 2027));
        assert_eq!(years_reached(2025, time(400.0, TimeUnit::WorkingDay)), (2025, 2028));
        assert_eq!(years_reached(2025, time(24.0, TimeUnit::Month)), (2025, 2028));
        assert_eq!(years_reached(2100, time(30.0, TimeUnit::Day)), (2100, 2100));
        assert_eq!(years_reached(2025, time(1.0, TimeUnit::SameDay)), (2025, 2026));
    }
}
