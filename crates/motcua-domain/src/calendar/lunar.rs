//! The Vietnamese lunar calendar (âm lịch), computed for Vietnam time (UTC+7).
//!
//! This module owns the conversion between Gregorian dates and lunar dates, and
//! the two lunar feast days the schedule of days off needs: Tết (1/1) and Hùng
//! Kings' day (10/3).
//!
//! It follows the rules Hồ Ngọc Đức published for the Vietnamese calendar:
//!
//! - a lunar month starts on the day, in UTC+7, that holds a new moon;
//! - month 11 is the month that contains the winter solstice;
//! - when thirteen months start between one month 11 and the next, the first
//!   of them after month 11 that contains no major solar term (trung khí, a
//!   multiple of 30° of the sun's longitude) is a leap month, and takes the
//!   number of the month before it.
//!
//! New moons come from the truncated series of Meeus (the one the published
//! algorithm uses), and the sun's longitude from Meeus's low-precision formula.
//! The same UTC+7 rules are applied to every supported year; the Chinese
//! calendar, computed for UTC+8, differs in some years (Tết 1985 is 21 January
//! in Vietnam and 20 February in China).
//!
//! Years outside [`FIRST_YEAR`]`..=`[`LAST_YEAR`] are computed by the same
//! formulas, but their accuracy degrades away from the present and is not
//! checked.

use chrono::{Datelike, NaiveDate};

/// The first Gregorian year whose dates are checked against a reference.
pub const FIRST_YEAR: i32 = 1900;
/// The last Gregorian year whose dates are checked against a reference.
pub const LAST_YEAR: i32 = 2100;

/// Vietnam's offset from UTC, in hours.
const TIME_ZONE_HOURS: f64 = 7.0;
/// Mean length of a lunation, in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;
/// Julian date of the mean new moon numbered 0 (early on 1 January 1900).
const NEW_MOON_EPOCH: f64 = 2_415_020.759_33;
/// Julian day number of 1 January 1 CE minus one, to move between chrono's day count and JDN.
const JDN_OF_CE_DAY_ZERO: i64 = 1_721_425;
/// The sun's longitude sector (of twelve, 30° each) that begins at the winter solstice.
const SOLSTICE_SECTOR: u32 = 9;

/// A date in the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LunarDate {
    /// The lunar year, named by the Gregorian year in which its month 1 begins.
    pub year: i32,
    /// The month number, 1 to 12; a leap month repeats the number of the month before it.
    pub month: u32,
    /// The day of the month, 1 to 29 or 30.
    pub day: u32,
    /// Whether the month is the leap month (tháng nhuận) of its year.
    pub leap: bool,
}

/// Converts a Gregorian date to the Vietnamese lunar calendar.
///
/// # Panics
///
/// For dates some 25,000 years before the present, where the new-moon series
/// no longer grows with the lunation number and the months cannot be laid out.
pub fn solar_to_lunar(date: NaiveDate) -> LunarDate {
    let day = julian_day_number(date);
    let year = date.year();
    let month11 = month11_of(i64::from(year));
    // Dates from this year's month 11 on belong to the lunar year that ends
    // with next year's month 10.
    let months = if day >= month11.start {
        LunarYearMonths::between(year.saturating_add(1), month11, month11_of(i64::from(year) + 1))
    } else {
        LunarYearMonths::between(year, month11_of(i64::from(year) - 1), month11)
    };
    let month = months
        .months
        .iter()
        .rev()
        .find(|m| m.start <= day)
        .copied()
        .expect("the months run from a month 11 that starts on or before the date");
    LunarDate {
        year: months.lunar_year_of(month.number),
        month: month.number,
        day: u32::try_from(day - month.start + 1).expect("a day within a month counts from 1 to 30"),
        leap: month.leap,
    }
}

/// Converts a Vietnamese lunar date to the Gregorian calendar.
///
/// `year` names the lunar year by the Gregorian year in which its month 1
/// begins; `leap` selects the leap month numbered `month`. Returns `None` when
/// the lunar date does not exist: a month outside 1 to 12, a day past the end
/// of a 29-day month, or a leap month the year does not have.
pub fn lunar_to_solar(year: i32, month: u32, day: u32, leap: bool) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    // Months 11 and 12 of `year` lie in the run of months that ends with month 10 of `year + 1`.
    let run_year = if month >= 11 { year.checked_add(1)? } else { year };
    let months = LunarYearMonths::for_year(run_year);
    let index = months.months.iter().position(|m| m.number == month && m.leap == leap)?;
    let start = months.months[index].start;
    if i64::from(day) > months.length_of(index) {
        return None;
    }
    date_from_julian_day_number(start + i64::from(day) - 1)
}

/// Tết Nguyên Đán: lunar 1/1, which falls in January or February of `year`.
///
/// # Panics
///
/// Only if `year` is so far from the present that the date cannot be represented.
pub fn tet(year: i32) -> NaiveDate {
    lunar_to_solar(year, 1, 1, false).expect("every lunar year has a month 1 and a day 1")
}

/// Hùng Kings' day (Giỗ Tổ Hùng Vương): lunar 10/3, in the ordinary (not leap) month 3 of `year`.
///
/// # Panics
///
/// Only if `year` is so far from the present that the date cannot be represented.
pub fn hung_kings_day(year: i32) -> NaiveDate {
    lunar_to_solar(year, 3, 10, false).expect("every lunar year has an ordinary month 3 of at least 29 days")
}

/// The last day of the lunar year that ends just before [`tet`]`(year)`: the
/// day of giao thừa (New Year's Eve), 29 or 30 of month 12.
///
/// # Panics
///
/// Only if `year` is so far from the present that the date cannot be represented.
pub fn last_day_of_lunar_year_before(year: i32) -> NaiveDate {
    tet(year).pred_opt().expect("Tết of a representable year is not the first representable date")
}

/// The first day of a lunar month 11, with the number of its new moon.
#[derive(Debug, Clone, Copy)]
struct Month11 {
    new_moon: i64,
    start: i64,
}

/// One lunar month: its first day (JDN), its number and whether it is the leap month.
#[derive(Debug, Clone, Copy)]
struct LunarMonth {
    start: i64,
    number: u32,
    leap: bool,
}

/// The months from month 11 of lunar year `year - 1` to month 10 of lunar
/// year `year`: one turn between two winter solstices, the unit in which a leap
/// month is placed.
#[derive(Debug)]
struct LunarYearMonths {
    /// The Gregorian year in which month 1 of this run begins.
    year: i32,
    /// Twelve or thirteen months, in order.
    months: Vec<LunarMonth>,
    /// The first day of the month 11 that follows the run.
    end: i64,
}

impl LunarYearMonths {
    fn for_year(year: i32) -> LunarYearMonths {
        let year64 = i64::from(year);
        LunarYearMonths::between(year, month11_of(year64 - 1), month11_of(year64))
    }

    fn between(year: i32, first: Month11, next: Month11) -> LunarYearMonths {
        let count = next.new_moon - first.new_moon;
        let starts: Vec<i64> = (0..=count).map(|i| new_moon_day(first.new_moon + i)).collect();
        let leap_index = if count == 13 { leap_month_index(&starts) } else { None };
        let months = starts
            .iter()
            .take(starts.len().saturating_sub(1))
            .enumerate()
            .map(|(index, &start)| {
                let after_leap = leap_index.is_some_and(|leap| index >= leap);
                let ordinal = if after_leap { index - 1 } else { index };
                LunarMonth {
                    start,
                    // Ordinal 0 is month 11, ordinal 2 is month 1.
                    number: u32::try_from((ordinal + 10) % 12).expect("a remainder of 12 fits") + 1,
                    leap: leap_index == Some(index),
                }
            })
            .collect();
        LunarYearMonths { year, months, end: next.start }
    }

    /// Number of days in the month at `index`.
    fn length_of(&self, index: usize) -> i64 {
        let next = self.months.get(index + 1).map_or(self.end, |m| m.start);
        next - self.months[index].start
    }

    /// Months 11 and 12 (and a leap 11 or 12) at the start of the run close the previous lunar year.
    fn lunar_year_of(&self, month: u32) -> i32 {
        if month >= 11 { self.year.saturating_sub(1) } else { self.year }
    }
}

/// In a run of thirteen months (`starts` holds their first days and the first
/// day of the following month 11), the index of the first month after month 11
/// during which the sun's longitude crosses no multiple of 30°.
fn leap_month_index(starts: &[i64]) -> Option<usize> {
    let sectors: Vec<u32> = starts.iter().map(|&day| sun_sector(day)).collect();
    (1..sectors.len().saturating_sub(1)).find(|&i| sectors[i] == sectors[i + 1])
}

/// The month 11 that starts in the last weeks of Gregorian `year`: the month
/// in which the sun reaches 270° (the winter solstice).
fn month11_of(year: i64) -> Month11 {
    let december_31 = julian_day_number_of(year, 12, 31);
    let mut k = ((december_31 as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64;
    // The estimate is off by at most one lunation; the bound keeps the search
    // finite for extreme years, where the series is no longer monotonic.
    for _ in 0..3 {
        if new_moon_day(k) > december_31 {
            k -= 1;
        } else if new_moon_day(k + 1) <= december_31 {
            k += 1;
        } else {
            break;
        }
    }
    // The month holding 31 December is month 11 unless the solstice came
    // before it began; then month 11 is the one before.
    if sun_sector(new_moon_day(k)) >= SOLSTICE_SECTOR {
        k -= 1;
    }
    Month11 { new_moon: k, start: new_moon_day(k) }
}

/// The day (JDN) in Vietnam time on which new moon number `k` after the epoch falls.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24.0).floor() as i64
}

/// The Julian date (UT) of new moon number `k` counted from the new moon of
/// early January 1900, by the truncated series of Meeus.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85; // Julian centuries since 1900
    let t2 = t * t;
    let t3 = t2 * t;
    let sin_deg = |degrees: f64| degrees.to_radians().sin();

    let mean = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.000_117_8 * t2 - 0.000_000_155 * t3
        + 0.000_33 * sin_deg(166.56 + 132.87 * t - 0.009_173 * t2);
    let sun_anomaly = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let moon_anomaly = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let latitude_argument = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let (m, mp, f) = (sun_anomaly, moon_anomaly, latitude_argument);

    let correction = (0.1734 - 0.000_393 * t) * sin_deg(m) + 0.0021 * sin_deg(2.0 * m) - 0.4068 * sin_deg(mp)
        + 0.0161 * sin_deg(2.0 * mp)
        - 0.0004 * sin_deg(3.0 * mp)
        + 0.0104 * sin_deg(2.0 * f)
        - 0.0051 * sin_deg(m + mp)
        - 0.0074 * sin_deg(m - mp)
        + 0.0004 * sin_deg(2.0 * f + m)
        - 0.0004 * sin_deg(2.0 * f - m)
        - 0.0006 * sin_deg(2.0 * f + mp)
        + 0.0010 * sin_deg(2.0 * f - mp)
        + 0.0005 * sin_deg(2.0 * mp + m);

    // The series gives ephemeris time; subtract ΔT (in days) to get universal time.
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    mean + correction - delta_t
}

/// Which twelfth of the ecliptic (0 to 11, 30° each from the March equinox)
/// the sun is in at the start of `day` (JDN), Vietnam time.
fn sun_sector(day: i64) -> u32 {
    let moment = day as f64 - 0.5 - TIME_ZONE_HOURS / 24.0;
    let longitude = sun_longitude_degrees(moment);
    ((longitude / 30.0).floor() as u32).min(11)
}

/// The sun's true geometric longitude, in degrees within [0, 360), at Julian date `jd`.
fn sun_longitude_degrees(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0; // Julian centuries since J2000
    let t2 = t * t;
    let mean_anomaly = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let mean_longitude = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let m = mean_anomaly.to_radians();
    let centre = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * m.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin()
        + 0.000_290 * (3.0 * m).sin();
    (mean_longitude + centre).rem_euclid(360.0)
}

fn julian_day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_OF_CE_DAY_ZERO
}

fn date_from_julian_day_number(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day - JDN_OF_CE_DAY_ZERO).ok()?)
}

/// JDN of a proleptic Gregorian date, for any year (chrono's dates have a narrower range).
fn julian_day_number_of(year: i64, month: i64, day: i64) -> i64 {
    // Count from March so that the leap day ends the counting year.
    let january_or_february = i64::from(month <= 2);
    let y = year + 4800 - january_or_february;
    let m = month + 12 * january_or_february - 3;
    day + (153 * m + 2) / 5 + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) - 32_045
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn iso(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("ISO date in test data")
    }

    fn lunar(year: i32, month: u32, day: u32, leap: bool) -> LunarDate {
        LunarDate { year, month, day, leap }
    }

    const REFERENCE: &str = include_str!("testdata/tet-hung-kings-1900-2100.csv");

    #[test]
    fn julian_day_numbers_agree_with_chrono() {
        assert_eq!(julian_day_number(date(2000, 1, 1)), 2_451_545);
        assert_eq!(julian_day_number_of(2000, 1, 1), 2_451_545);
        assert_eq!(julian_day_number_of(1900, 1, 1), 2_415_021);
        let mut day = date(1899, 1, 1);
        while day <= date(2101, 12, 31) {
            let jdn = julian_day_number(day);
            assert_eq!(julian_day_number_of(i64::from(day.year()), i64::from(day.month()), i64::from(day.day())), jdn);
            assert_eq!(date_from_julian_day_number(jdn), Some(day));
            day = day + chrono::Days::new(13);
        }
    }

    #[test]
    fn tet_and_hung_kings_day_match_the_reference_for_every_year() {
        let mut lines = REFERENCE.lines();
        assert_eq!(lines.next(), Some("year,tet,hung_kings"));
        let mut years = Vec::new();
        for line in lines {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 3, "bad reference line {line:?}");
            let year: i32 = fields[0].parse().expect("year in reference");
            assert_eq!(tet(year), iso(fields[1]), "Tết {year}");
            assert_eq!(hung_kings_day(year), iso(fields[2]), "Hùng Kings' day {year}");
            assert_eq!(solar_to_lunar(iso(fields[1])), lunar(year, 1, 1, false));
            assert_eq!(solar_to_lunar(iso(fields[2])), lunar(year, 3, 10, false));
            years.push(year);
        }
        assert_eq!(years, (FIRST_YEAR..=LAST_YEAR).collect::<Vec<_>>());
    }

    #[test]
    fn vietnamese_dates_where_the_chinese_calendar_differs() {
        // (year, Tết in Vietnam, Tết in China, the Chinese Tết in the Vietnamese calendar)
        let cases = [
            (1969, date(1969, 2, 16), date(1969, 2, 17), lunar(1969, 1, 2, false)),
            (1985, date(1985, 1, 21), date(1985, 2, 20), lunar(1985, 2, 1, false)),
            (2007, date(2007, 2, 17), date(2007, 2, 18), lunar(2007, 1, 2, false)),
            (2030, date(2030, 2, 2), date(2030, 2, 3), lunar(2030, 1, 2, false)),
            (2053, date(2053, 2, 18), date(2053, 2, 19), lunar(2053, 1, 2, false)),
        ];
        for (year, vietnam, china, china_here) in cases {
            assert_eq!(tet(year), vietnam, "Tết {year}");
            assert_eq!(solar_to_lunar(china), china_here, "the Chinese Tết {year}");
        }
        // In Vietnam 1984 has no leap month and 1985 has a leap month 2; in China
        // the leap month is 10 of 1984.
        assert_eq!(solar_to_lunar(date(1984, 11, 23)), lunar(1984, 11, 1, false));
        assert_eq!(lunar_to_solar(1984, 10, 1, true), None);
        assert_eq!(lunar_to_solar(1985, 2, 1, true), Some(date(1985, 3, 21)));
    }

    #[test]
    fn leap_months_start_where_published() {
        // (first day of the leap month, lunar year, month number)
        let cases = [
            (date(1985, 3, 21), 1985, 2),
            (date(2004, 3, 21), 2004, 2),
            (date(2012, 5, 21), 2012, 4),
            (date(2014, 10, 24), 2014, 9),
            (date(2017, 7, 23), 2017, 6),
            (date(2020, 5, 23), 2020, 4),
            (date(2023, 3, 22), 2023, 2),
            (date(2025, 7, 25), 2025, 6),
            (date(2028, 6, 23), 2028, 5),
            (date(2033, 12, 22), 2033, 11),
        ];
        for (first_day, year, month) in cases {
            assert_eq!(solar_to_lunar(first_day), lunar(year, month, 1, true), "leap {month}/{year}");
            assert_eq!(lunar_to_solar(year, month, 1, true), Some(first_day));
            let before = first_day.pred_opt().expect("valid");
            let ordinary = solar_to_lunar(before);
            assert_eq!((ordinary.year, ordinary.month, ordinary.leap), (year, month, false));
            assert!(ordinary.day == 29 || ordinary.day == 30);
        }
        // A year has at most one leap month.
        assert_eq!(lunar_to_solar(2023, 3, 1, true), None);
        assert_eq!(lunar_to_solar(2024, 2, 1, true), None);
    }

    #[test]
    fn every_day_from_1900_to_2100_follows_the_one_before_and_converts_back() {
        let mut day = date(FIRST_YEAR, 1, 1);
        let mut previous = solar_to_lunar(day.pred_opt().expect("valid"));
        let mut leap_months = 0;
        while day <= date(LAST_YEAR, 12, 31) {
            let current = solar_to_lunar(day);
            assert_eq!(lunar_to_solar(current.year, current.month, current.day, current.leap), Some(day), "{day}");
            if current.day == 1 {
                assert!(previous.day == 29 || previous.day == 30, "{day}: month of {} days", previous.day);
                let expected_month = if current.leap { previous.month } else { previous.month % 12 + 1 };
                assert_eq!(current.month, expected_month, "{day}");
                let expected_year = if current.month == 1 && !current.leap { previous.year + 1 } else { previous.year };
                assert_eq!(current.year, expected_year, "{day}");
                if current.leap {
                    leap_months += 1;
                }
            } else {
                assert_eq!(current, LunarDate { day: previous.day + 1, ..previous }, "{day}");
            }
            previous = current;
            day = day.succ_opt().expect("valid");
        }
        // Seven leap months every nineteen years.
        assert_eq!(leap_months, 74);
    }

    #[test]
    fn giao_thua_is_the_last_day_of_month_12() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let eve = last_day_of_lunar_year_before(year);
            assert_eq!(eve.succ_opt(), Some(tet(year)));
            let lunar_eve = solar_to_lunar(eve);
            assert_eq!((lunar_eve.year, lunar_eve.month, lunar_eve.leap), (year - 1, 12, false), "{year}");
            assert!(lunar_eve.day == 29 || lunar_eve.day == 30);
        }
        assert_eq!(last_day_of_lunar_year_before(2025), date(2025, 1, 28));
        assert_eq!(last_day_of_lunar_year_before(2026), date(2026, 2, 16));
    }

    #[test]
    fn impossible_lunar_dates_have_no_solar_date() {
        // (year, month, day, leap): month or day out of range, a leap month the
        // year lacks, day 30 of a 29-day month.
        let cases = [
            (2024, 0, 1, false),
            (2024, 13, 1, false),
            (2024, 1, 0, false),
            (2024, 1, 31, false),
            (2025, 5, 1, true),
            (2024, 1, 30, false),
        ];
        for (year, month, day, leap) in cases {
            assert_eq!(lunar_to_solar(year, month, day, leap), None, "{day}/{month}/{year} leap {leap}");
        }
        // Lunar 1/2024 (Giáp Thìn) has 29 days: 10 February to 9 March 2024.
        assert_eq!(lunar_to_solar(2024, 1, 29, false), Some(date(2024, 3, 9)));
        assert_eq!(lunar_to_solar(2024, 2, 1, false), Some(date(2024, 3, 10)));
    }

    #[test]
    fn known_conversions() {
        let cases = [
            (date(2024, 2, 10), lunar(2024, 1, 1, false)),
            (date(2024, 12, 31), lunar(2024, 12, 1, false)),
            (date(2025, 1, 1), lunar(2024, 12, 2, false)),
            (date(2025, 9, 6), lunar(2025, 7, 15, false)),
            (date(2023, 12, 13), lunar(2023, 11, 1, false)),
            (date(2034, 1, 19), lunar(2033, 11, 29, true)),
            (date(2034, 1, 20), lunar(2033, 12, 1, false)),
        ];
        for (solar, expected) in cases {
            assert_eq!(solar_to_lunar(solar), expected, "{solar}");
            assert_eq!(lunar_to_solar(expected.year, expected.month, expected.day, expected.leap), Some(solar));
        }
    }

    #[test]
    fn years_just_outside_the_supported_range_still_convert() {
        for year in [FIRST_YEAR - 5, LAST_YEAR + 5] {
            let first = tet(year);
            assert_eq!(solar_to_lunar(first), lunar(year, 1, 1, false));
        }
    }
}
