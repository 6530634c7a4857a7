//! The days off a year would have by the rules of the Labour Code 2019
//! (art. 112), proposed for years whose official schedule is not known.
//!
//! The government publishes each year's schedule, often with the Tết days
//! moved and weekdays swapped with Saturdays; that official schedule always
//! replaces this proposal (see [`super::WorkCalendar`]).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{DayKind, ScheduleSource, SpecialDay, YearSchedule, lunar};

/// The schedule of days off that Gregorian `year` would have by the rules alone,
/// with [`ScheduleSource::Proposed`].
///
/// What it proposes, and why:
///
/// - **Statutory days** ([`DayKind::Statutory`]): 1/1 (Tết Dương lịch); five
///   days of Tết Nguyên Đán, taken as the last day of the lunar year (giao
///   thừa) and lunar 1/1 to 4/1, because the law fixes the count but the
///   government picks the days each year and this is the usual core; lunar 10/3
///   (Giỗ Tổ Hùng Vương, in the ordinary month 3 when the year has a leap
///   month 3); 30/4 (Ngày Chiến thắng); 1/5 (Ngày Quốc tế Lao động); 2/9
///   (Quốc khánh) and one adjacent day, 1/9, or 3/9 when 2/9 is a Monday so
///   that the two days off join the weekend rather than split a week.
/// - These days are listed even when they fall on a Saturday or Sunday, so that
///   a calendar can show them.
/// - **Compensatory days** ([`DayKind::Compensatory`], named "Nghỉ bù …" after
///   the holiday): a holiday on a Saturday or Sunday gives a day off on the next
///   day that is a weekday and neither a holiday nor a day off already given,
///   taking the holidays in date order. So Tết days on a weekend push their days
///   off past the end of Tết, one after another. Two holidays on the same date
///   (Hùng Kings' day can fall on 30/4, as in 1947) likewise give one
///   compensatory day for the second, so that no holiday is lost.
/// - No swaps or working Saturdays: those exist only by government decision.
/// - 24/11 (Ngày Văn hóa Việt Nam) is not included: it has been announced as a
///   day off but its enactment is not confirmed; an official schedule can add it.
///
/// # Panics
///
/// If `year` is outside the range of dates chrono can represent. Lunar dates
/// are checked only for [`lunar::FIRST_YEAR`]`..=`[`lunar::LAST_YEAR`].
pub fn proposed_schedule(year: i32) -> YearSchedule {
    let holidays = statutory_days(year);
    let holiday_dates: BTreeSet<NaiveDate> = holidays.iter().map(|(date, _)| *date).collect();
    let mut days_off = holiday_dates.clone();
    let mut listed = BTreeSet::new();
    let mut days = Vec::with_capacity(holidays.len() + 4);

    for (date, name) in holidays {
        let first_on_its_date = listed.insert(date);
        if first_on_its_date {
            days.push(SpecialDay { date, name: name.to_owned(), kind: DayKind::Statutory });
        }
        if !first_on_its_date || is_weekend(date) {
            let mut compensation = next_day(date);
            while is_weekend(compensation) || days_off.contains(&compensation) {
                compensation = next_day(compensation);
            }
            days_off.insert(compensation);
            days.push(SpecialDay {
                date: compensation, name: format!("Nghỉ bù {name}"), kind: DayKind::Compensatory
            });
        }
    }

    YearSchedule::new(year, ScheduleSource::Proposed, days)
}

/// The holidays of art. 112 in `year`, sorted by date; on a shared date the
/// order below is kept.
fn statutory_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let tet = lunar::tet(year);
    let national_day = fixed_day(year, 9, 2);
    let national_day_partner =
        if national_day.weekday() == Weekday::Mon { next_day(national_day) } else { fixed_day(year, 9, 1) };

    let mut days = vec![
        (fixed_day(year, 1, 1), "Tết Dương lịch"),
        (lunar::last_day_of_lunar_year_before(year), "Giao thừa Tết Nguyên Đán"),
        (tet, "Tết Nguyên Đán"),
        (next_day(tet), "Mùng hai Tết Nguyên Đán"),
        (next_day(next_day(tet)), "Mùng ba Tết Nguyên Đán"),
        (next_day(next_day(next_day(tet))), "Mùng bốn Tết Nguyên Đán"),
        (lunar::hung_kings_day(year), "Giỗ Tổ Hùng Vương"),
        (fixed_day(year, 4, 30), "Ngày Chiến thắng"),
        (fixed_day(year, 5, 1), "Ngày Quốc tế Lao động"),
        (national_day_partner, "Quốc khánh"),
        (national_day, "Quốc khánh"),
    ];
    days.sort_by_key(|(date, _)| *date);
    days
}

fn fixed_day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("the year is within chrono's range (documented panic)")
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().expect("holidays fall well before the last date chrono can represent")
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    use DayKind::{Compensatory as C, Statutory as S};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    /// The proposed schedule as (month, day, name, kind) rows.
    fn rows(year: i32) -> Vec<(u32, u32, String, DayKind)> {
        let schedule = proposed_schedule(year);
        assert_eq!(schedule.year, year);
        assert_eq!(schedule.source, ScheduleSource::Proposed);
        schedule
            .days
            .iter()
            .map(|d| {
                assert_eq!(d.date.year(), year);
                (d.date.month(), d.date.day(), d.name.clone(), d.kind)
            })
            .collect()
    }

    fn expected(table: &[(u32, u32, &str, DayKind)]) -> Vec<(u32, u32, String, DayKind)> {
        table.iter().map(|&(m, d, name, kind)| (m, d, name.to_owned(), kind)).collect()
    }

    #[test]
    fn year_2024_checked_by_hand() {
        // 1/1 Monday. Tết 10/2 is a Saturday: giao thừa Fri 9/2, Tết Sat 10/2,
        // mùng hai Sun 11/2, mùng ba Mon 12/2, mùng bốn Tue 13/2; the weekend
        // days are made up on Wed 14/2 and Thu 15/2. Hùng Kings' day Thu 18/4.
        // 30/4 Tue, 1/5 Wed. 2/9 is a Monday, so the adjacent day is Tue 3/9.
        let table = [
            (1, 1, "Tết Dương lịch", S),
            (2, 9, "Giao thừa Tết Nguyên Đán", S),
            (2, 10, "Tết Nguyên Đán", S),
            (2, 11, "Mùng hai Tết Nguyên Đán", S),
            (2, 12, "Mùng ba Tết Nguyên Đán", S),
            (2, 13, "Mùng bốn Tết Nguyên Đán", S),
            (2, 14, "Nghỉ bù Tết Nguyên Đán", C),
            (2, 15, "Nghỉ bù Mùng hai Tết Nguyên Đán", C),
            (4, 18, "Giỗ Tổ Hùng Vương", S),
            (4, 30, "Ngày Chiến thắng", S),
            (5, 1, "Ngày Quốc tế Lao động", S),
            (9, 2, "Quốc khánh", S),
            (9, 3, "Quốc khánh", S),
        ];
        assert_eq!(rows(2024), expected(&table));
    }

    #[test]
    fn year_2023_cascades_over_tet_and_the_end_of_april() {
        // 1/1 is a Sunday. Giao thừa Sat 21/1 and Tết Sun 22/1 are made up after
        // mùng bốn (Wed 25/1). Hùng Kings' day Sat 29/4 and 30/4 Sun are made up
        // after 1/5 (Mon). 2/9 is a Saturday with 1/9 a Friday: made up Mon 4/9.
        let table = [
            (1, 1, "Tết Dương lịch", S),
            (1, 2, "Nghỉ bù Tết Dương lịch", C),
            (1, 21, "Giao thừa Tết Nguyên Đán", S),
            (1, 22, "Tết Nguyên Đán", S),
            (1, 23, "Mùng hai Tết Nguyên Đán", S),
            (1, 24, "Mùng ba Tết Nguyên Đán", S),
            (1, 25, "Mùng bốn Tết Nguyên Đán", S),
            (1, 26, "Nghỉ bù Giao thừa Tết Nguyên Đán", C),
            (1, 27, "Nghỉ bù Tết Nguyên Đán", C),
            (4, 29, "Giỗ Tổ Hùng Vương", S),
            (4, 30, "Ngày Chiến thắng", S),
            (5, 1, "Ngày Quốc tế Lao động", S),
            (5, 2, "Nghỉ bù Giỗ Tổ Hùng Vương", C),
            (5, 3, "Nghỉ bù Ngày Chiến thắng", C),
            (9, 1, "Quốc khánh", S),
            (9, 2, "Quốc khánh", S),
            (9, 4, "Nghỉ bù Quốc khánh", C),
        ];
        assert_eq!(rows(2023), expected(&table));
    }

    #[test]
    fn year_2026_matches_the_official_days_except_swaps() {
        // Official 2026 (shared/data/calendar) without its swap, working
        // Saturdays and the unconfirmed 24/11; Hùng Kings' day is Sunday 26/4.
        let table = [
            (1, 1, "Tết Dương lịch", S),
            (2, 16, "Giao thừa Tết Nguyên Đán", S),
            (2, 17, "Tết Nguyên Đán", S),
            (2, 18, "Mùng hai Tết Nguyên Đán", S),
            (2, 19, "Mùng ba Tết Nguyên Đán", S),
            (2, 20, "Mùng bốn Tết Nguyên Đán", S),
            (4, 26, "Giỗ Tổ Hùng Vương", S),
            (4, 27, "Nghỉ bù Giỗ Tổ Hùng Vương", C),
            (4, 30, "Ngày Chiến thắng", S),
            (5, 1, "Ngày Quốc tế Lao động", S),
            (9, 1, "Quốc khánh", S),
            (9, 2, "Quốc khánh", S),
        ];
        assert_eq!(rows(2026), expected(&table));
    }

    #[test]
    fn compensatory_days_in_chosen_years() {
        // (year, weekend or shared holiday, its compensatory day off)
        let cases = [
            // 2/9 on a Sunday: 1/9 Saturday and 2/9 both made up, Mon 3/9 and Tue 4/9.
            (2029, date(2029, 9, 1), date(2029, 9, 3)),
            (2029, date(2029, 9, 2), date(2029, 9, 4)),
            // Tết 2028 is Wed 26/1, so mùng bốn is Sat 29/1: made up Mon 31/1.
            (2028, date(2028, 1, 29), date(2028, 1, 31)),
            // 1/1/2022 is a Saturday: made up Mon 3/1.
            (2022, date(2022, 1, 1), date(2022, 1, 3)),
            // 30/4/2022 Saturday: Mon 2/5 (1/5 Sunday then gives Tue 3/5).
            (2022, date(2022, 4, 30), date(2022, 5, 2)),
            (2022, date(2022, 5, 1), date(2022, 5, 3)),
            // Hùng Kings' day 1947 is 30/4, a Wednesday: the second holiday of the day is made up Fri 2/5.
            (1947, date(1947, 4, 30), date(1947, 5, 2)),
        ];
        for (year, holiday, compensation) in cases {
            let schedule = proposed_schedule(year);
            let holiday_entry = schedule.days.iter().find(|d| d.date == holiday).expect("holiday listed");
            assert_eq!(holiday_entry.kind, DayKind::Statutory, "{holiday}");
            let entry = schedule.days.iter().find(|d| d.date == compensation).expect("compensation listed");
            assert_eq!(entry.kind, DayKind::Compensatory, "{compensation}");
            assert!(entry.name.starts_with("Nghỉ bù "), "{}", entry.name);
        }
    }

    #[test]
    fn every_year_follows_the_rules() {
        for year in lunar::FIRST_YEAR..=lunar::LAST_YEAR {
            let schedule = proposed_schedule(year);
            let statutory: Vec<_> = schedule.days.iter().filter(|d| d.kind == DayKind::Statutory).collect();
            let compensatory: Vec<_> = schedule.days.iter().filter(|d| d.kind == DayKind::Compensatory).collect();
            // Eleven holidays, one fewer listed date where two coincide.
            let shared_dates = usize::from(lunar::hung_kings_day(year) == date(year, 4, 30));
            assert_eq!(statutory.len(), 11 - shared_dates, "{year}");
            let weekend_holidays = statutory.iter().filter(|d| is_weekend(d.date)).count();
            assert_eq!(compensatory.len(), weekend_holidays + shared_dates, "{year}");
            for day in &compensatory {
                assert!(!is_weekend(day.date), "{year}: {}", day.date);
            }
            assert!(schedule.days.windows(2).all(|w| w[0].date < w[1].date), "{year}: sorted, one per date");
            assert!(schedule.working_saturdays().next().is_none());
            assert!(schedule.days.iter().all(|d| !(d.date.month() == 11 && d.date.day() == 24)));
        }
    }

    #[test]
    fn the_work_calendar_uses_the_proposal_for_unknown_years() {
        let mut calendar = super::super::WorkCalendar::default();
        calendar.ensure_year(2027);
        // Tết 2027 is Sat 6/2: giao thừa Fri 5/2, closed through mùng bốn Tue 9/2,
        // then the Saturday and Sunday holidays made up Wed 10/2 and Thu 11/2.
        assert_eq!(lunar::tet(2027), date(2027, 2, 6));
        for day in 5..=11 {
            assert!(!calendar.is_working_day(date(2027, 2, day)), "2027-02-{day}");
        }
        assert!(calendar.is_working_day(date(2027, 2, 12)));
        assert!(calendar.is_working_day(date(2027, 2, 4)));
    }
}
