//! Due-date rules, table-driven against the official 2025 schedule.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::*;
use crate::calendar::{DayKind, ScheduleSource, SpecialDay, WorkCalendar, YearSchedule};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// An instant given as Vietnam wall-clock text, "2025-11-03 08:00".
fn vn(text: &str) -> DateTime<Utc> {
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test instant");
    utc(local)
}

fn calendar_2025() -> WorkCalendar {
    let special = |d: NaiveDate, kind| SpecialDay { date: d, name: String::new(), kind };
    let schedule = YearSchedule::new(
        2025,
        ScheduleSource::Official,
        vec![
            special(day(2025, 4, 26), DayKind::WorkingSaturday),
            special(day(2025, 4, 30), DayKind::Statutory),
            special(day(2025, 5, 1), DayKind::Statutory),
            special(day(2025, 5, 2), DayKind::Swap),
            special(day(2025, 9, 1), DayKind::Statutory),
            special(day(2025, 9, 2), DayKind::Statutory),
        ],
    );
    let mut calendar = WorkCalendar::from_schedules([&schedule]);
    calendar.insert(&YearSchedule::new(2026, ScheduleSource::Official, vec![]));
    calendar
}

fn due(received: &str, amount: f64, unit: TimeUnit) -> Result<String, DomainError> {
    let calendar = calendar_2025();
    let hours = WorkingHours::default();
    let clock = Clock::new(&calendar, &hours);
    clock
        .due_at(vn(received), ProcessingTime { amount, unit })
        .map(|t| to_vietnam_time(t).format("%Y-%m-%d %H:%M").to_string())
}

#[test]
fn due_dates_follow_the_rules() {
    use TimeUnit::*;
    let cases: &[(&str, &str, f64, TimeUnit, &str)] = &[
        ("one working day spills into the next morning", "2025-11-03 08:00", 1.0, WorkingDay, "2025-11-04 08:00"),
        (
            "a full day from opening ends at closing, not next morning",
            "2025-11-03 07:30",
            1.0,
            WorkingDay,
            "2025-11-03 17:00",
        ),
        ("received on Saturday counts from Monday", "2025-11-08 10:00", 1.0, WorkingDay, "2025-11-10 17:00"),
        ("received at lunch counts from 13:00", "2025-11-03 12:00", 1.0, WorkingDay, "2025-11-04 11:30"),
        ("received at closing counts from next morning", "2025-11-03 17:00", 1.0, WorkingDay, "2025-11-04 17:00"),
        ("National Day holidays are skipped", "2025-08-29 16:00", 2.0, WorkingDay, "2025-09-04 16:00"),
        ("a working Saturday is working time", "2025-04-25 16:00", 1.0, WorkingDay, "2025-04-26 16:00"),
        ("swapped day 2 May is skipped", "2025-04-29 13:00", 1.0, WorkingDay, "2025-05-05 11:30"),
        ("fractional working days", "2025-11-03 07:30", 1.5, WorkingDay, "2025-11-04 11:30"),
        ("hours skip lunch", "2025-11-03 10:00", 4.0, Hour, "2025-11-03 15:30"),
        ("hours from before opening", "2025-11-03 06:00", 4.0, Hour, "2025-11-03 11:30"),
        ("calendar days keep the clock time", "2025-11-03 09:00", 15.0, Day, "2025-11-18 09:00"),
        (
            "calendar days landing on Saturday move to Monday's opening",
            "2025-11-03 09:00",
            5.0,
            Day,
            "2025-11-10 07:30",
        ),
        ("calendar days count from the counting start", "2025-11-04 12:00", 1.0, Day, "2025-11-05 13:00"),
        ("calendar days landing on a holiday move on", "2025-08-27 10:00", 5.0, Day, "2025-09-03 07:30"),
        ("a month later, same clock time", "2025-11-12 10:00", 1.0, Month, "2025-12-12 10:00"),
        ("month end clamped, then moved off Sunday", "2025-10-31 10:00", 1.0, Month, "2025-12-01 07:30"),
        ("month end clamped in February, then moved off Saturday", "2026-01-30 10:00", 1.0, Month, "2026-03-02 07:30"),
        ("same day before 15:00", "2025-11-03 14:59", 1.0, SameDay, "2025-11-03 17:00"),
        ("same day before opening", "2025-11-03 06:00", 1.0, SameDay, "2025-11-03 17:00"),
        ("same day at 15:00 is next working day", "2025-11-03 15:00", 1.0, SameDay, "2025-11-04 17:00"),
        ("same day on Friday afternoon is Monday", "2025-11-07 15:30", 1.0, SameDay, "2025-11-10 17:00"),
        ("same day on Saturday is Monday", "2025-11-08 09:00", 1.0, SameDay, "2025-11-10 17:00"),
        ("same day before a long weekend", "2025-08-29 15:30", 1.0, SameDay, "2025-09-03 17:00"),
        ("same day ignores the amount", "2025-11-03 10:00", 0.0, SameDay, "2025-11-03 17:00"),
    ];
    for (name, received, amount, unit, expected) in cases {
        assert_eq!(due(received, *amount, *unit).as_deref(), Ok(*expected), "{name}");
    }
}

#[test]
fn impossible_processing_times_are_refused() {
    for (amount, unit) in [
        (0.0, TimeUnit::WorkingDay),
        (-1.0, TimeUnit::Hour),
        (f64::NAN, TimeUnit::Day),
        (4000.0, TimeUnit::Day),
        (1.5, TimeUnit::Month),
        (3.0, TimeUnit::Other),
    ] {
        assert!(due("2025-11-03 08:00", amount, unit).is_err(), "{amount} {unit:?}");
    }
}

#[test]
fn a_supplement_pause_moves_the_due_date_by_the_working_time_left() {
    let calendar = calendar_2025();
    let hours = WorkingHours::default();
    let clock = Clock::new(&calendar, &hours);
    let due_at = clock
        .due_at(vn("2025-11-03 07:30"), ProcessingTime { amount: 5.0, unit: TimeUnit::WorkingDay })
        .expect("computable");
    assert_eq!(due_at, vn("2025-11-07 17:00"));
    let resumed = clock.due_after_pause(due_at, vn("2025-11-05 07:30"), vn("2025-11-10 10:00")).expect("computable");
    assert_eq!(resumed, vn("2025-11-13 10:00"));
    let paused_after_due =
        clock.due_after_pause(due_at, vn("2025-11-08 09:00"), vn("2025-11-12 09:00")).expect("computable");
    assert_eq!(paused_after_due, due_at);
}

#[test]
fn working_time_between_counts_only_sessions() {
    let calendar = calendar_2025();
    let hours = WorkingHours::default();
    let clock = Clock::new(&calendar, &hours);
    let cases = [
        ("2025-11-03 07:30", "2025-11-03 17:00", 8 * 60),
        ("2025-11-03 11:00", "2025-11-03 13:30", 60),
        ("2025-11-07 16:00", "2025-11-10 08:00", 90),
        ("2025-08-29 07:30", "2025-09-03 07:30", 8 * 60),
        ("2025-11-04 09:00", "2025-11-03 09:00", 0),
    ];
    for (from, to, minutes) in cases {
        assert_eq!(clock.working_time_between(vn(from), vn(to)), Duration::minutes(minutes), "{from} → {to}");
    }
}

#[test]
fn timeliness_is_early_on_time_or_late() {
    let due_at = vn("2025-11-07 17:00");
    assert_eq!(Timeliness::classify(vn("2025-11-06 16:00"), due_at), Timeliness::Early);
    assert_eq!(Timeliness::classify(vn("2025-11-07 08:00"), due_at), Timeliness::OnTime);
    assert_eq!(Timeliness::classify(due_at, due_at), Timeliness::OnTime);
    assert_eq!(Timeliness::classify(due_at + Duration::seconds(1), due_at), Timeliness::Late);
}

#[test]
fn working_hours_are_validated() {
    assert_eq!(WorkingHours::parse("07:30-11:30,13:00-17:00"), Ok(WorkingHours::default()));
    assert_eq!(WorkingHours::default().to_string(), "07:30-11:30,13:00-17:00");
    assert_eq!(WorkingHours::default().day_length(), Duration::hours(8));
    for bad in ["", "08:00", "12:00-08:00", "08:00-12:00,11:00-17:00", "8h-12h"] {
        assert!(WorkingHours::parse(bad).is_err(), "{bad:?}");
    }
}
