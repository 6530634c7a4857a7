//! The calendar: the Vietnamese lunar calendar, the days off of a year and the
//! schedule that says, for any date, whether public offices work.
//!
//! A year's schedule is either *proposed* from the rules of the Labour Code
//! (see [`holidays`]) or *official*, loaded from the government's published
//! schedule; an official schedule always wins.

pub mod holidays;
pub mod lunar;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Why a date is special in a year's schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A public holiday named by the Labour Code 2019, art. 112 (ngày lễ, Tết).
    Statutory,
    /// A day off given because a holiday fell on a weekly rest day (nghỉ bù).
    Compensatory,
    /// A weekday off swapped with a working Saturday (hoán đổi ngày làm việc).
    Swap,
    /// A Saturday worked in exchange for a weekday off (làm bù).
    WorkingSaturday,
}

impl DayKind {
    /// Whether offices are closed on a day of this kind.
    pub fn is_day_off(self) -> bool {
        !matches!(self, DayKind::WorkingSaturday)
    }

    /// The stable text form used in storage and files.
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Statutory => "statutory",
            DayKind::Compensatory => "compensatory",
            DayKind::Swap => "swap",
            DayKind::WorkingSaturday => "working_saturday",
        }
    }

    /// Parses the stored form, and also the free-text `kind` column of the
    /// official schedule file, which starts with one of these words.
    pub fn parse_loose(text: &str) -> Option<DayKind> {
        let text = text.trim().to_lowercase();
        if text.starts_with("working saturday") || text.starts_with("working_saturday") {
            Some(DayKind::WorkingSaturday)
        } else if text.starts_with("compensatory") {
            Some(DayKind::Compensatory)
        } else if text.starts_with("swap") {
            Some(DayKind::Swap)
        } else if text.starts_with("statutory") {
            Some(DayKind::Statutory)
        } else {
            None
        }
    }
}

/// One special date of a year, with its Vietnamese name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialDay {
    pub date: NaiveDate,
    pub name: String,
    pub kind: DayKind,
}

/// Where a year's schedule came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleSource {
    /// Computed from the rules; the government has not published this year.
    Proposed,
    /// Published by the government (loaded from a file or set by an administrator).
    Official,
}

/// The days off and working Saturdays of one Gregorian year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSchedule {
    pub year: i32,
    pub source: ScheduleSource,
    /// Sorted by date, at most one entry per date.
    pub days: Vec<SpecialDay>,
}

impl YearSchedule {
    /// Builds a schedule, sorting the days and keeping the first entry given
    /// for a date that appears twice.
    pub fn new(year: i32, source: ScheduleSource, days: Vec<SpecialDay>) -> YearSchedule {
        let mut by_date = BTreeMap::new();
        for day in days {
            by_date.entry(day.date).or_insert(day);
        }
        YearSchedule { year, source, days: by_date.into_values().collect() }
    }

    /// The days on which offices are closed although they would otherwise work, and the
    /// holidays that fall on weekends, in date order.
    pub fn days_off(&self) -> impl Iterator<Item = &SpecialDay> {
        self.days.iter().filter(|d| d.kind.is_day_off())
    }

    /// Saturdays that are worked in exchange for a weekday off.
    pub fn working_saturdays(&self) -> impl Iterator<Item = &SpecialDay> {
        self.days.iter().filter(|d| !d.kind.is_day_off())
    }
}

/// Answers "do public offices work on this date?" across years.
///
/// Built from the schedules of the years it knows; for any other year it uses
/// the proposed schedule, computed on demand.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    special: BTreeMap<NaiveDate, DayKind>,
    known_years: std::collections::BTreeSet<i32>,
}

impl WorkCalendar {
    /// A calendar that knows the given years' schedules.
    pub fn from_schedules<'a>(schedules: impl IntoIterator<Item = &'a YearSchedule>) -> WorkCalendar {
        let mut calendar = WorkCalendar::default();
        for schedule in schedules {
            calendar.insert(schedule);
        }
        calendar
    }

    /// Adds or replaces one year's schedule.
    pub fn insert(&mut self, schedule: &YearSchedule) {
        let year = schedule.year;
        self.special.retain(|date, _| date.year() != year);
        for day in &schedule.days {
            self.special.insert(day.date, day.kind);
        }
        self.known_years.insert(year);
    }

    /// Makes sure the schedule of `year` is known, proposing it from the rules if needed.
    pub fn ensure_year(&mut self, year: i32) {
        if !self.known_years.contains(&year) && (lunar::FIRST_YEAR..=lunar::LAST_YEAR).contains(&year) {
            self.insert(&holidays::proposed_schedule(year));
        }
    }

    /// Whether the years from `first` to `last` are all known.
    pub fn knows_years(&self, first: i32, last: i32) -> bool {
        (first..=last).all(|y| self.known_years.contains(&y))
    }

    /// Whether offices work on `date`: Monday to Friday unless the date is a
    /// day off, and Saturdays named as working Saturdays.
    ///
    /// Years the calendar does not know count as having no holidays; call
    /// [`WorkCalendar::ensure_year`] first for an exact answer.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.special.get(&date) {
            Some(kind) => !kind.is_day_off(),
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn official_schedule_swaps_weekday_and_saturday() {
        let schedule = YearSchedule::new(
            2026,
            ScheduleSource::Official,
            vec![
                SpecialDay { date: day(2026, 1, 10), name: "Làm bù".into(), kind: DayKind::WorkingSaturday },
                SpecialDay { date: day(2026, 1, 2), name: "Hoán đổi".into(), kind: DayKind::Swap },
            ],
        );
        let calendar = WorkCalendar::from_schedules([&schedule]);
        assert!(!calendar.is_working_day(day(2026, 1, 2)));
        assert!(calendar.is_working_day(day(2026, 1, 10)));
        assert!(calendar.is_working_day(day(2026, 1, 5)));
        assert!(!calendar.is_working_day(day(2026, 1, 11)));
        assert_eq!(schedule.days_off().count(), 1);
        assert_eq!(schedule.working_saturdays().count(), 1);
    }

    #[test]
    fn replacing_a_year_forgets_its_old_days() {
        let mut calendar = WorkCalendar::default();
        calendar.insert(&YearSchedule::new(
            2030,
            ScheduleSource::Proposed,
            vec![SpecialDay { date: day(2030, 3, 4), name: "x".into(), kind: DayKind::Swap }],
        ));
        calendar.insert(&YearSchedule::new(2030, ScheduleSource::Official, vec![]));
        assert!(calendar.is_working_day(day(2030, 3, 4)));
    }

    #[test]
    fn loose_kind_parsing_reads_the_official_file() {
        assert_eq!(DayKind::parse_loose("swap (state sector, PM-approved)"), Some(DayKind::Swap));
        assert_eq!(DayKind::parse_loose("working Saturday — NOT in holidays 0.109"), Some(DayKind::WorkingSaturday));
        assert_eq!(DayKind::parse_loose("compensatory (holiday fell on weekend)"), Some(DayKind::Compensatory));
        assert_eq!(DayKind::parse_loose("statutory"), Some(DayKind::Statutory));
        assert_eq!(DayKind::parse_loose("birthday"), None);
    }
}
