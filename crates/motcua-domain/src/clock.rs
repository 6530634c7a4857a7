//! The working-time clock: sessions, due dates, pauses and timeliness.
//!
//! Legal deadlines count working time, not wall time: Monday to Friday (plus
//! working Saturdays), less days off, within each service point's sessions,
//! in Vietnam time (UTC+7, no daylight saving). The rules for each unit of
//! processing time are in [`due_at`]; they are the contract the tests pin down.

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::{DomainError, Reason};

/// How far the clock searches for working time before giving up: a calendar
/// with no working day in ten years is misconfigured, not busy.
const SEARCH_LIMIT_DAYS: i64 = 3660;

/// Vietnam time, UTC+7 all year.
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// An instant shown in Vietnam time.
pub fn to_vietnam_time(instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    instant.with_timezone(&vietnam_offset())
}

fn local(instant: DateTime<Utc>) -> NaiveDateTime {
    to_vietnam_time(instant).naive_local()
}

fn utc(local: NaiveDateTime) -> DateTime<Utc> {
    vietnam_offset()
        .from_local_datetime(&local)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&(local - Duration::hours(7))))
}

/// One working session of a day, e.g. 07:30–11:30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkSession {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// The working sessions of a service point's day, in Vietnam time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<WorkSession>", into = "Vec<WorkSession>")]
pub struct WorkingHours {
    sessions: Vec<WorkSession>,
}

impl TryFrom<Vec<WorkSession>> for WorkingHours {
    type Error = DomainError;
    fn try_from(sessions: Vec<WorkSession>) -> Result<Self, DomainError> {
        WorkingHours::new(sessions)
    }
}

impl From<WorkingHours> for Vec<WorkSession> {
    fn from(hours: WorkingHours) -> Self {
        hours.sessions
    }
}

impl Default for WorkingHours {
    /// 07:30–11:30 and 13:00–17:00.
    fn default() -> Self {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid time of day");
        WorkingHours {
            sessions: vec![
                WorkSession { start: at(7, 30), end: at(11, 30) },
                WorkSession { start: at(13, 0), end: at(17, 0) },
            ],
        }
    }
}

impl WorkingHours {
    /// Sessions must be non-empty, each start before its end, in order and not overlapping.
    pub fn new(sessions: Vec<WorkSession>) -> Result<WorkingHours, DomainError> {
        if sessions.is_empty() {
            return Err(DomainError::invalid("working_hours", Reason::SessionNeeded));
        }
        for (i, session) in sessions.iter().enumerate() {
            if session.start >= session.end {
                return Err(DomainError::invalid("working_hours", Reason::SessionStartsBeforeEnd));
            }
            if i > 0 && sessions[i - 1].end > session.start {
                return Err(DomainError::invalid("working_hours", Reason::SessionsInOrder));
            }
        }
        Ok(WorkingHours { sessions })
    }

    /// Parses "07:30-11:30,13:00-17:00".
    pub fn parse(text: &str) -> Result<WorkingHours, DomainError> {
        let bad = || DomainError::invalid("working_hours", Reason::ExpectedHours);
        let mut sessions = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (start, end) = part.split_once('-').ok_or_else(bad)?;
            let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
            sessions.push(WorkSession { start: time(start)?, end: time(end)? });
        }
        WorkingHours::new(sessions)
    }

    pub fn sessions(&self) -> &[WorkSession] {
        &self.sessions
    }

    /// The length of one full working day (8 h by default).
    pub fn day_length(&self) -> Duration {
        self.sessions.iter().map(|s| s.end - s.start).sum()
    }

    fn day_end(&self) -> NaiveTime {
        self.sessions.last().map(|s| s.end).unwrap_or(NaiveTime::MIN)
    }
}

impl std::fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, s) in self.sessions.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}-{}", s.start.format("%H:%M"), s.end.format("%H:%M"))?;
        }
        Ok(())
    }
}

/// The unit a processing time is counted in, as the national catalogue names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimeUnit {
    WorkingDay,
    Day,
    Hour,
    Month,
    /// "Within the day": received before 15:00 on a working day, due at its close.
    SameDay,
    /// The rule exists only as text; no due date can be computed.
    Other,
}

impl TimeUnit {
    pub fn parse(text: &str) -> Result<TimeUnit, DomainError> {
        match text.trim().to_ascii_uppercase().as_str() {
            "WORKING_DAY" => Ok(TimeUnit::WorkingDay),
            "DAY" => Ok(TimeUnit::Day),
            "HOUR" => Ok(TimeUnit::Hour),
            "MONTH" => Ok(TimeUnit::Month),
            "SAME_DAY" => Ok(TimeUnit::SameDay),
            "OTHER" => Ok(TimeUnit::Other),
            _ => Err(DomainError::UnknownTimeUnit(text.to_owned())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::WorkingDay => "WORKING_DAY",
            TimeUnit::Day => "DAY",
            TimeUnit::Hour => "HOUR",
            TimeUnit::Month => "MONTH",
            TimeUnit::SameDay => "SAME_DAY",
            TimeUnit::Other => "OTHER",
        }
    }
}

/// A processing time: an amount in a unit. Amounts may be fractional
/// (7.5 working days is common in the catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProcessingTime {
    pub amount: f64,
    pub unit: TimeUnit,
}

/// The latest time of day at which a "within the day" dossier is still due the same day.
fn same_day_cutoff() -> NaiveTime {
    NaiveTime::from_hms_opt(15, 0, 0).expect("valid time of day")
}

/// Working time and deadlines for one service point: its sessions and the calendar.
#[derive(Debug, Clone, Copy)]
pub struct Clock<'a> {
    pub calendar: &'a WorkCalendar,
    pub hours: &'a WorkingHours,
}

impl<'a> Clock<'a> {
    pub fn new(calendar: &'a WorkCalendar, hours: &'a WorkingHours) -> Clock<'a> {
        Clock { calendar, hours }
    }

    /// The session containing local instant `t` (start inclusive, end exclusive) on a working day.
    fn session_containing(&self, t: NaiveDateTime) -> Option<WorkSession> {
        if !self.calendar.is_working_day(t.date()) {
            return None;
        }
        self.hours.sessions.iter().copied().find(|s| s.start <= t.time() && t.time() < s.end)
    }

    /// Whether `instant` is working time.
    pub fn is_working_time(&self, instant: DateTime<Utc>) -> bool {
        self.session_containing(local(instant)).is_some()
    }

    /// `t` itself if it is working time, else the start of the next working session.
    fn next_working_local(&self, t: NaiveDateTime) -> Result<NaiveDateTime, DomainError> {
        if self.session_containing(t).is_some() {
            return Ok(t);
        }
        let mut date = t.date();
        for _ in 0..SEARCH_LIMIT_DAYS {
            if self.calendar.is_working_day(date) {
                for session in &self.hours.sessions {
                    let start = date.and_time(session.start);
                    if start >= t {
                        return Ok(start);
                    }
                }
            }
            date = date.succ_opt().ok_or(DomainError::NoWorkingTime)?;
        }
        Err(DomainError::NoWorkingTime)
    }

    /// The instant counting starts from: `instant` if it is working time, else
    /// the start of the next working session.
    pub fn counting_start(&self, instant: DateTime<Utc>) -> Result<DateTime<Utc>, DomainError> {
        self.next_working_local(local(instant)).map(utc)
    }

    /// The moment `amount` of working time, counted from `from`, is used up.
    /// Ends exactly at a session's end when the time runs out there.
    pub fn add_working_time(&self, from: DateTime<Utc>, amount: Duration) -> Result<DateTime<Utc>, DomainError> {
        let mut t = self.next_working_local(local(from))?;
        let mut left = amount.max(Duration::zero());
        for _ in 0..(SEARCH_LIMIT_DAYS * self.hours.sessions.len() as i64) {
            let session = self.session_containing(t).ok_or(DomainError::NoWorkingTime)?;
            let session_end = t.date().and_time(session.end);
            let available = session_end - t;
            if left <= available {
                return Ok(utc(t + left));
            }
            left -= available;
            t = self.next_working_local(session_end)?;
        }
        Err(DomainError::NoWorkingTime)
    }

    /// The working time between two instants (zero if `to` is not after `from`).
    pub fn working_time_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        let (from, to) = (local(from), local(to));
        let mut total = Duration::zero();
        if to <= from {
            return total;
        }
        let mut date = from.date();
        while date <= to.date() {
            if self.calendar.is_working_day(date) {
                for session in &self.hours.sessions {
                    let start = date.and_time(session.start).max(from);
                    let end = date.and_time(session.end).min(to);
                    if end > start {
                        total += end - start;
                    }
                }
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        total
    }

    /// The end of working time on the first working day on or after `date`.
    fn end_of_working_day_from(&self, date: NaiveDate) -> Result<NaiveDateTime, DomainError> {
        let mut date = date;
        for _ in 0..SEARCH_LIMIT_DAYS {
            if self.calendar.is_working_day(date) {
                return Ok(date.and_time(self.hours.day_end()));
            }
            date = date.succ_opt().ok_or(DomainError::NoWorkingTime)?;
        }
        Err(DomainError::NoWorkingTime)
    }

    /// The due instant for a dossier received at `received_at` with processing time `time`.
    ///
    /// * Counting starts at receipt if that is working time, else at the start of
    ///   the next working session.
    /// * `WORKING_DAY n`: n × one working day's length of working time; `HOUR n`:
    ///   n hours of working time. Due the moment that time is used up (17:00, not
    ///   the next morning).
    /// * `DAY n`, `MONTH n`: the same clock time n calendar days or months after the
    ///   counting start (month end clamped), moved to the start of the next working
    ///   session if that instant is not working time.
    /// * `SAME_DAY`: the close of that day if received on a working day before
    ///   15:00, else the close of the next working day.
    pub fn due_at(&self, received_at: DateTime<Utc>, time: ProcessingTime) -> Result<DateTime<Utc>, DomainError> {
        let amount = time.amount;
        if time.unit != TimeUnit::SameDay && !(amount.is_finite() && amount > 0.0 && amount <= 3650.0) {
            return Err(DomainError::invalid("amount", Reason::DaysUpTo3650));
        }
        let seconds = |per_unit: f64| Duration::seconds((amount * per_unit).round() as i64);
        let start = self.counting_start(received_at)?;
        match time.unit {
            TimeUnit::WorkingDay => {
                let day = self.hours.day_length().num_seconds() as f64;
                self.add_working_time(start, seconds(day))
            }
            TimeUnit::Hour => self.add_working_time(start, seconds(3600.0)),
            TimeUnit::Day => self.counting_start(start + seconds(86_400.0)),
            TimeUnit::Month => {
                if amount.fract() != 0.0 {
                    return Err(DomainError::invalid("amount", Reason::MonthsWhole));
                }
                let start_local = local(start);
                let date = start_local
                    .date()
                    .checked_add_months(Months::new(amount as u32))
                    .ok_or_else(|| DomainError::invalid("amount", Reason::TooManyMonths))?;
                self.counting_start(utc(date.and_time(start_local.time())))
            }
            TimeUnit::SameDay => {
                let received = local(received_at);
                let day = received.date();
                if self.calendar.is_working_day(day) && received.time() < same_day_cutoff() {
                    Ok(utc(day.and_time(self.hours.day_end())))
                } else {
                    let next = day.succ_opt().ok_or(DomainError::NoWorkingTime)?;
                    self.end_of_working_day_from(next).map(utc)
                }
            }
            TimeUnit::Other => Err(DomainError::invalid("unit", Reason::OtherUnitHasNoDueDate)),
        }
    }

    /// The due instant after the clock was stopped at `paused_at` (a supplement
    /// request) and restarted at `resumed_at` (the complete supplement arrived):
    /// the working time that was left at the pause is counted again from the
    /// resumption. A pause at or after the due instant changes nothing: the
    /// dossier was already due.
    pub fn due_after_pause(
        &self,
        due_at: DateTime<Utc>,
        paused_at: DateTime<Utc>,
        resumed_at: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, DomainError> {
        if paused_at >= due_at || resumed_at < paused_at {
            return Ok(due_at);
        }
        let left = self.working_time_between(paused_at, due_at);
        let restart = self.counting_start(resumed_at)?;
        self.add_working_time(restart, left)
    }
}

/// Whether a step or a dossier finished early, on time or late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// Finished on a day before the due day (trước hạn).
    Early,
    /// Finished on the due day, by the due instant (đúng hạn).
    OnTime,
    /// Finished after the due instant (trễ hạn).
    Late,
}

impl Timeliness {
    /// The name the history records.
    pub fn as_str(self) -> &'static str {
        match self {
            Timeliness::Early => "early",
            Timeliness::OnTime => "on_time",
            Timeliness::Late => "late",
        }
    }

    /// Classifies a finish against a due instant; days are Vietnam days.
    pub fn classify(finished_at: DateTime<Utc>, due_at: DateTime<Utc>) -> Timeliness {
        if finished_at > due_at {
            Timeliness::Late
        } else if local(finished_at).date() < local(due_at).date() {
            Timeliness::Early
        } else {
            Timeliness::OnTime
        }
    }
}

/// An instant to the microsecond, the precision instants are stored with:
/// what a use case computes from `now` is then exactly what it writes and
/// what it reads back later.
pub fn to_microseconds(instant: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(instant.timestamp_micros()).unwrap_or(instant)
}

/// The year of an instant in Vietnam time, for loading the calendar years a computation needs.
pub fn vietnam_year(instant: DateTime<Utc>) -> i32 {
    local(instant).year()
}

#[cfg(test)]
mod tests;
