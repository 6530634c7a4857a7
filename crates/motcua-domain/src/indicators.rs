//! The measures a province is judged by (DOMAIN §7), as pure functions of
//! what each dossier did: the formulas, with their edge cases, in one place.
//! Whatever keeps them current (a running tally, or a rebuild from the
//! histories) must give what these give.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

use crate::dossier::{Dossier, RESULT_COMPONENT, Satisfaction, Status};

/// What the measures need to know of one dossier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DossierFacts {
    pub received_at: Option<DateTime<Utc>>,
    /// The due instant, already moved by every supplement or payment pause
    /// (so the time the applicant held the dossier is deducted).
    pub due_at: Option<DateTime<Utc>>,
    /// Approved or refused.
    pub resolved_at: Option<DateTime<Utc>>,
    pub submitted_online: bool,
    pub supplement_requests: u32,
    /// The procedure charges a fee or charge for it.
    pub fee_bearing: bool,
    pub paid_online: bool,
    pub components: u32,
    pub components_digitised: u32,
    pub components_reused: u32,
    pub electronic_result: bool,
    pub rating: Option<Rating>,
    pub complained: bool,
}

/// A document attached to a dossier, as far as the measures care: which
/// component it fills, and whether it was reused from the applicant's own
/// earlier documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedComponent {
    pub component_code: String,
    pub reused: bool,
}

impl DossierFacts {
    /// What a received dossier counts for: its dates (a withdrawn or stopped
    /// dossier finished when it was withdrawn or stopped), its channel, its
    /// supplements and payment, its components (those handed in at a desk and
    /// those attached, the attached ones digitised, the result not among
    /// them), whether its result is electronic, and how it was rated.
    pub fn of(dossier: &Dossier, attached: &[AttachedComponent], rating: Option<Satisfaction>) -> DossierFacts {
        let status = dossier.status();
        let resolved_at = match dossier.resolved_at {
            Some(at) => Some(at),
            None if matches!(status, Status::Withdrawn | Status::Stopped) => Some(dossier.updated_at),
            None => None,
        };
        let filled = attached.iter().filter(|a| a.component_code != RESULT_COMPONENT);
        let mut digitised: Vec<&str> = filled.clone().map(|a| a.component_code.as_str()).collect();
        digitised.sort_unstable();
        digitised.dedup();
        let mut reused: Vec<&str> = filled.filter(|a| a.reused).map(|a| a.component_code.as_str()).collect();
        reused.sort_unstable();
        reused.dedup();
        let mut components: Vec<&str> = dossier.form.received_codes().chain(digitised.iter().copied()).collect();
        components.sort_unstable();
        components.dedup();
        let count = |list: &[&str]| u32::try_from(list.len()).unwrap_or(u32::MAX);
        let decided = matches!(status, Status::Resolved | Status::Returned);
        DossierFacts {
            received_at: dossier.received_at,
            due_at: dossier.due_at,
            resolved_at,
            submitted_online: dossier.channel.is_online(),
            supplement_requests: dossier.lifecycle.supplement_requests,
            // Charged by the state, exemptions left out.
            fee_bearing: dossier.charges.state_total() > 0,
            paid_online: dossier.paid_online,
            components: count(&components),
            components_digitised: count(&digitised),
            components_reused: count(&reused),
            electronic_result: decided && dossier.result_document.is_some(),
            rating: rating.map(|r| match r {
                Satisfaction::NotSatisfied => Rating::NotSatisfied,
                Satisfaction::Satisfied | Satisfaction::VerySatisfied => Rating::Satisfied,
            }),
            complained: false,
        }
    }
}

/// An applicant's answer, as far as the measures care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Satisfied,
    NotSatisfied,
}

/// A period, both ends included: `[from, to]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Period {
    /// The period as it can be judged at `now`: one that has not ended yet
    /// ends now, so that dossiers not yet due are not counted late at an end
    /// that has not come.
    pub fn judged_at(self, now: DateTime<Utc>) -> Period {
        Period { from: self.from, to: self.to.min(now).max(self.from) }
    }

    fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.from <= instant && instant <= self.to
    }
}

/// A rate as its two counts, so that rates of units add up exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    pub count: u64,
    pub of: u64,
}

impl Ratio {
    /// The rate in [0, 1]; `None` when nothing was counted.
    pub fn rate(self) -> Option<f64> {
        (self.of > 0).then(|| self.count as f64 / self.of as f64)
    }

    fn add(&mut self, counts: bool, within: bool) {
        if within {
            self.of += 1;
            if counts {
                self.count += 1;
            }
        }
    }
}

/// The measures of a set of dossiers over a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measures {
    /// Finished by the due date, or unfinished and not yet due at the
    /// period's end, of those received or in progress during the period.
    pub on_time: Ratio,
    /// Submitted online, of those received in the period.
    pub online: Ratio,
    /// Paid online, of the fee-bearing ones received in the period.
    pub e_payment: Ratio,
    /// With every component digitised, of those received in the period.
    pub digitised: Ratio,
    /// Components taken from data already digitised, of all components received.
    pub reuse: Ratio,
    /// With an electronic result, of those resolved in the period.
    pub e_result: Ratio,
    /// Neither rated not satisfied, nor complained of, nor late, of those
    /// resolved in the period.
    pub satisfaction: Ratio,
}

/// Whether a dossier counts as late: finished after its due date, or
/// unfinished past it at `at`, or asked for a supplement more than once.
fn late_at(facts: &DossierFacts, at: DateTime<Utc>) -> bool {
    if facts.supplement_requests > 1 {
        return true;
    }
    match (facts.due_at, facts.resolved_at) {
        (Some(due), Some(resolved)) if resolved <= at => resolved > due,
        (Some(due), _) => at > due,
        (None, _) => false,
    }
}

/// Adds one dossier to the measures of a period.
pub fn tally(measures: &mut Measures, facts: &DossierFacts, period: &Period) {
    let Some(received) = facts.received_at else { return };
    let received_in = period.contains(received);
    let finished_before = facts.resolved_at.is_some_and(|r| r < period.from);
    let active = received <= period.to && !finished_before;
    measures.on_time.add(!late_at(facts, period.to), active);
    measures.online.add(facts.submitted_online, received_in);
    measures.e_payment.add(facts.paid_online, received_in && facts.fee_bearing);
    measures.digitised.add(facts.components > 0 && facts.components_digitised >= facts.components, received_in);
    if received_in {
        measures.reuse.count += u64::from(facts.components_reused);
        measures.reuse.of += u64::from(facts.components);
    }
    let resolved_in = facts.resolved_at.is_some_and(|r| period.contains(r));
    measures.e_result.add(facts.electronic_result, resolved_in);
    let satisfied = facts.rating != Some(Rating::NotSatisfied) && !facts.complained && !late_at(facts, period.to);
    measures.satisfaction.add(satisfied, resolved_in);
}

/// The points an indicator scores: its maximum, times the rate over the
/// target, at most the maximum (Decision 766's rule for threshold indicators).
pub fn points(rate: Option<f64>, target: f64, max_points: f64) -> f64 {
    match rate {
        None => 0.0,
        Some(_) if target <= 0.0 => max_points,
        Some(rate) => max_points * (rate / target).min(1.0),
    }
}

/// A day in Vietnam time as the number `yyyymmdd`: the key of the day cells
/// the running tally keeps.
pub fn day_key(instant: DateTime<Utc>) -> i64 {
    let local = crate::clock::to_vietnam_time(instant).date_naive();
    i64::from(local.year()) * 10_000 + i64::from(local.month()) * 100 + i64::from(local.day())
}

/// The period from the start of one Vietnam day to the end of another.
pub fn period_of_days(from: NaiveDate, to: NaiveDate) -> Period {
    let start = |day: NaiveDate| {
        let local = day.and_hms_opt(0, 0, 0).expect("midnight exists");
        Utc.from_utc_datetime(&(local - chrono::Duration::hours(7)))
    };
    let next = to.succ_opt().unwrap_or(to);
    Period { from: start(from), to: start(next) - chrono::Duration::nanoseconds(1) }
}

/// What dossiers add to one cell of the running tally: the counts of those
/// received on the cell's day, and of those resolved on it. Each is a plain
/// count, so cells of days, units and procedures add up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub received: i64,
    pub online: i64,
    pub fee_bearing: i64,
    pub paid_online: i64,
    pub digitised: i64,
    pub components: i64,
    pub reused: i64,
    pub resolved: i64,
    pub resolved_late: i64,
    pub e_result: i64,
    pub satisfied: i64,
}

impl Counts {
    /// The counts' names, in the order of `values`: also the columns that keep them.
    pub const NAMES: [&'static str; 11] = [
        "received",
        "online",
        "fee_bearing",
        "paid_online",
        "digitised",
        "components",
        "reused",
        "resolved",
        "resolved_late",
        "e_result",
        "satisfied",
    ];

    pub fn values(&self) -> [i64; 11] {
        [
            self.received,
            self.online,
            self.fee_bearing,
            self.paid_online,
            self.digitised,
            self.components,
            self.reused,
            self.resolved,
            self.resolved_late,
            self.e_result,
            self.satisfied,
        ]
    }

    pub fn from_values(values: [i64; 11]) -> Counts {
        let [
            received,
            online,
            fee_bearing,
            paid_online,
            digitised,
            components,
            reused,
            resolved,
            resolved_late,
            e_result,
            satisfied,
        ] = values;
        Counts {
            received,
            online,
            fee_bearing,
            paid_online,
            digitised,
            components,
            reused,
            resolved,
            resolved_late,
            e_result,
            satisfied,
        }
    }

    /// Adds `other` times `sign` (1 to add a dossier, -1 to take it away).
    pub fn add(&mut self, other: &Counts, sign: i64) {
        let mut values = self.values();
        for (value, more) in values.iter_mut().zip(other.values()) {
            *value += sign * more;
        }
        *self = Counts::from_values(values);
    }

    pub fn is_zero(&self) -> bool {
        self.values().iter().all(|v| *v == 0)
    }
}

/// Whether a dossier finished late: after its due date, or after a second
/// supplement request. Only meaningful for a finished dossier.
fn finished_late(facts: &DossierFacts, resolved: DateTime<Utc>) -> bool {
    facts.supplement_requests > 1 || facts.due_at.is_some_and(|due| resolved > due)
}

/// What one dossier adds to the day cells: on the day it was received and
/// on the day it was resolved (the same cell when both fall on one day).
pub fn contributions(facts: &DossierFacts) -> Vec<(i64, Counts)> {
    let Some(received) = facts.received_at else { return Vec::new() };
    let flag = |b: bool| i64::from(b);
    let mut cells = vec![(
        day_key(received),
        Counts {
            received: 1,
            online: flag(facts.submitted_online),
            fee_bearing: flag(facts.fee_bearing),
            paid_online: flag(facts.fee_bearing && facts.paid_online),
            digitised: flag(facts.components > 0 && facts.components_digitised >= facts.components),
            components: i64::from(facts.components),
            reused: i64::from(facts.components_reused),
            ..Counts::default()
        },
    )];
    if let Some(resolved) = facts.resolved_at {
        let late = finished_late(facts, resolved);
        let on_resolution = Counts {
            resolved: 1,
            resolved_late: flag(late),
            e_result: flag(facts.electronic_result),
            satisfied: flag(facts.rating != Some(Rating::NotSatisfied) && !facts.complained && !late),
            ..Counts::default()
        };
        let day = day_key(resolved);
        match cells.iter_mut().find(|(d, _)| *d == day) {
            Some((_, counts)) => counts.add(&on_resolution, 1),
            None => cells.push((day, on_resolution)),
        }
    }
    cells
}

/// The dossiers still open at a period's end, and how many of them are late
/// by then: the part of the on-time rate no day cell can hold, because it
/// depends on where the period ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenAtEnd {
    pub open: i64,
    pub late: i64,
}

impl OpenAtEnd {
    /// Adds one dossier if it was received by `end` and not finished by then.
    pub fn count(&mut self, facts: &DossierFacts, end: DateTime<Utc>) {
        let Some(received) = facts.received_at else { return };
        if received > end || facts.resolved_at.is_some_and(|r| r <= end) {
            return;
        }
        self.open += 1;
        if facts.supplement_requests > 1 || facts.due_at.is_some_and(|due| end > due) {
            self.late += 1;
        }
    }
}

/// The measures of a period from the day cells inside it and the dossiers
/// open at its end: what `tally` gives, without reading every dossier.
pub fn measures_from(cells: &Counts, open: &OpenAtEnd) -> Measures {
    let ratio = |count: i64, of: i64| Ratio { count: count.max(0) as u64, of: of.max(0) as u64 };
    Measures {
        on_time: ratio(cells.resolved - cells.resolved_late + open.open - open.late, cells.resolved + open.open),
        online: ratio(cells.online, cells.received),
        e_payment: ratio(cells.paid_online, cells.fee_bearing),
        digitised: ratio(cells.digitised, cells.received),
        reuse: ratio(cells.reused, cells.components),
        e_result: ratio(cells.e_result, cells.resolved),
        satisfaction: ratio(cells.satisfied, cells.resolved),
    }
}

/// A measure by name, as the index and the pages refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    OnTime,
    Online,
    EPayment,
    Digitised,
    Reuse,
    EResult,
    Satisfaction,
}

impl Measure {
    pub const ALL: [Measure; 7] = [
        Measure::OnTime,
        Measure::Online,
        Measure::EPayment,
        Measure::Digitised,
        Measure::Reuse,
        Measure::EResult,
        Measure::Satisfaction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::OnTime => "on_time",
            Measure::Online => "online",
            Measure::EPayment => "e_payment",
            Measure::Digitised => "digitised",
            Measure::Reuse => "reuse",
            Measure::EResult => "e_result",
            Measure::Satisfaction => "satisfaction",
        }
    }

    pub fn parse(text: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == text)
    }

    pub fn of(self, measures: &Measures) -> Ratio {
        match self {
            Measure::OnTime => measures.on_time,
            Measure::Online => measures.online,
            Measure::EPayment => measures.e_payment,
            Measure::Digitised => measures.digitised,
            Measure::Reuse => measures.reuse,
            Measure::EResult => measures.e_result,
            Measure::Satisfaction => measures.satisfaction,
        }
    }
}

/// One indicator of the Decision 766 index, with the weight and target an
/// administrator may change. `measure` is `None` for indicators whose data
/// motcua does not hold (publication of procedures, complaints): they score
/// nothing and say so.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexIndicator {
    pub number: u32,
    pub group: String,
    pub name: String,
    pub code: String,
    pub max_points: f64,
    /// The rate that earns the full points, in [0, 1].
    pub target: f64,
    pub measure: Option<Measure>,
}

/// An indicator's result for one unit and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub indicator: IndexIndicator,
    pub ratio: Option<Ratio>,
    pub points: f64,
}

/// Scores every indicator from a unit's measures.
pub fn score(indicators: &[IndexIndicator], measures: &Measures) -> Vec<Scored> {
    indicators
        .iter()
        .map(|indicator| {
            let ratio = indicator.measure.map(|m| m.of(measures));
            let points = points(ratio.and_then(Ratio::rate), indicator.target, indicator.max_points);
            Scored { indicator: indicator.clone(), ratio, points }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 3, 0, 0).single().expect("instant")
    }

    fn november() -> Period {
        Period { from: day(1), to: day(30) + Duration::hours(12) }
    }

    fn received(on: u32, due: u32) -> DossierFacts {
        DossierFacts { received_at: Some(day(on)), due_at: Some(day(due)), components: 2, ..DossierFacts::default() }
    }

    fn measure(dossiers: &[DossierFacts]) -> Measures {
        let mut measures = Measures::default();
        for facts in dossiers {
            tally(&mut measures, facts, &november());
        }
        measures
    }

    #[test]
    fn on_time_counts_finished_by_due_and_unfinished_not_yet_due() {
        let dossiers = [
            // Finished a day early: on time.
            DossierFacts { resolved_at: Some(day(9)), ..received(2, 10) },
            // Finished a day late: late.
            DossierFacts { resolved_at: Some(day(11)), ..received(2, 10) },
            // Unfinished at the end of November, due in December: on time so far.
            DossierFacts { due_at: Some(day(30) + Duration::days(5)), ..received(25, 1) },
            // Unfinished and past due at the end of November: late.
            received(3, 20),
            // Received in October, finished in November on time: counted.
            DossierFacts {
                received_at: Some(day(1) - Duration::days(10)),
                resolved_at: Some(day(4)),
                ..received(1, 5)
            },
            // Finished in October: not in November's count at all.
            DossierFacts {
                received_at: Some(day(1) - Duration::days(20)),
                resolved_at: Some(day(1) - Duration::days(2)),
                ..received(1, 1)
            },
        ];
        // Hand count: on time = 1 + 1 + 1 = 3, of 5 active in November.
        assert_eq!(measure(&dossiers).on_time, Ratio { count: 3, of: 5 });
    }

    #[test]
    fn a_period_not_over_yet_is_judged_now() {
        // On the 2nd, the period "November" has not ended: a dossier due on
        // the 20th and still open is on time so far, not late at the 30th.
        let open = received(1, 20);
        let now = day(2);
        let mut judged = Measures::default();
        tally(&mut judged, &open, &november().judged_at(now));
        assert_eq!(judged.on_time, Ratio { count: 1, of: 1 });
        // Judged at the real end it would be late; an ended period is unchanged.
        let mut at_end = Measures::default();
        tally(&mut at_end, &open, &november().judged_at(day(30) + Duration::days(3)));
        assert_eq!(at_end.on_time, Ratio { count: 0, of: 1 });
        assert_eq!(november().judged_at(day(30) + Duration::days(3)), november());
        // A period that starts after now judges nothing past its start.
        let later = Period { from: day(10), to: day(20) };
        assert_eq!(later.judged_at(now), Period { from: day(10), to: day(10) });
    }

    #[test]
    fn supplement_time_is_deducted_and_a_second_request_makes_late() {
        // Due on the 10th, but the applicant held it 4 days for a
        // supplement: the due date moved to the 14th, and finishing on the
        // 13th is on time.
        let once = DossierFacts { resolved_at: Some(day(13)), supplement_requests: 1, ..received(2, 14) };
        // Asked twice: late, however early it finished.
        let twice = DossierFacts { resolved_at: Some(day(5)), supplement_requests: 2, ..received(2, 14) };
        assert_eq!(measure(&[once]).on_time, Ratio { count: 1, of: 1 });
        let measured = measure(&[twice]);
        assert_eq!(measured.on_time, Ratio { count: 0, of: 1 });
        assert_eq!(measured.satisfaction, Ratio { count: 0, of: 1 }, "late is not satisfied");
    }

    #[test]
    fn online_payment_digitisation_and_reuse_count_what_was_received() {
        let dossiers = [
            DossierFacts {
                submitted_online: true,
                fee_bearing: true,
                paid_online: true,
                components_digitised: 2,
                components_reused: 1,
                ..received(5, 20)
            },
            DossierFacts { fee_bearing: true, components_digitised: 1, ..received(6, 20) },
            DossierFacts { submitted_online: true, components_digitised: 2, ..received(7, 20) },
            // Received in December: none of November's business.
            DossierFacts { received_at: Some(day(30) + Duration::days(2)), submitted_online: true, ..received(1, 20) },
        ];
        let measures = measure(&dossiers);
        assert_eq!(measures.online, Ratio { count: 2, of: 3 });
        assert_eq!(measures.e_payment, Ratio { count: 1, of: 2 }, "only fee-bearing dossiers");
        assert_eq!(measures.digitised, Ratio { count: 2, of: 3 }, "every component, not some");
        assert_eq!(measures.reuse, Ratio { count: 1, of: 6 });
    }

    #[test]
    fn satisfaction_takes_off_the_dissatisfied_the_complaints_and_the_late() {
        let resolved = |facts: DossierFacts| DossierFacts { resolved_at: Some(day(8)), ..facts };
        let dossiers = [
            resolved(DossierFacts { rating: Some(Rating::Satisfied), electronic_result: true, ..received(2, 10) }),
            resolved(DossierFacts { rating: Some(Rating::NotSatisfied), ..received(2, 10) }),
            resolved(DossierFacts { complained: true, ..received(2, 10) }),
            resolved(received(2, 5)),
            // Unrated and on time: counts as satisfied.
            resolved(received(2, 10)),
            // Not resolved yet: not in the count.
            received(2, 29),
        ];
        let measures = measure(&dossiers);
        // Hand count: 5 resolved, minus 1 dissatisfied, 1 complaint, 1 late.
        assert_eq!(measures.satisfaction, Ratio { count: 2, of: 5 });
        assert_eq!(measures.e_result, Ratio { count: 1, of: 5 });
    }

    #[test]
    fn points_follow_the_rate_up_to_the_target() {
        // 6 points, target 80 %: 60 % scores 6 × 60/80 = 4.5; 90 % scores the full 6.
        assert!((points(Some(0.6), 0.8, 6.0) - 4.5).abs() < 1e-9);
        assert!((points(Some(0.9), 0.8, 6.0) - 6.0).abs() < 1e-9);
        assert!((points(Some(0.0), 0.8, 6.0)).abs() < 1e-9);
        assert!((points(None, 0.8, 6.0)).abs() < 1e-9, "nothing to count scores nothing");
        assert_eq!(Ratio { count: 0, of: 0 }.rate(), None);
    }

    #[test]
    fn units_add_up_to_their_province() {
        let a = [DossierFacts { resolved_at: Some(day(9)), ..received(2, 10) }, received(3, 20)];
        let b = [DossierFacts { submitted_online: true, ..received(4, 29) }];
        let (left, right) = (measure(&a), measure(&b));
        let all = measure(&[a[0].clone(), a[1].clone(), b[0].clone()]);
        assert_eq!(all.on_time.count, left.on_time.count + right.on_time.count);
        assert_eq!(all.on_time.of, left.on_time.of + right.on_time.of);
        assert_eq!(all.online.count, left.online.count + right.online.count);
    }
}

#[cfg(test)]
mod running_tally {
    //! The day cells plus the dossiers open at a period's end give exactly
    //! what `tally` gives over every dossier, for any history and any period.

    use chrono::{Duration, NaiveDate, TimeZone};
    use proptest::prelude::*;

    use super::*;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, 31, 17, 0, 0).single().expect("instant")
    }

    fn facts() -> impl Strategy<Value = DossierFacts> {
        (
            (0i64..60 * 24, proptest::option::of(1i64..20 * 24), proptest::option::of(0i64..25 * 24), 0u32..4),
            (any::<bool>(), any::<bool>(), any::<bool>(), 0u32..4, 0u32..4, 0u32..4),
            (any::<bool>(), proptest::option::of(any::<bool>()), any::<bool>(), any::<bool>()),
        )
            .prop_map(
                |(
                    (received, due, resolved, supplements),
                    (online, fee, paid, components, digitised, reused),
                    (e_result, rating, complained, unreceived),
                )| {
                    let received_at = start() + Duration::hours(received);
                    DossierFacts {
                        received_at: (!unreceived).then_some(received_at),
                        due_at: due.map(|d| received_at + Duration::hours(d)),
                        resolved_at: resolved.map(|r| received_at + Duration::hours(r)),
                        submitted_online: online,
                        supplement_requests: supplements,
                        fee_bearing: fee,
                        paid_online: paid,
                        components,
                        components_digitised: digitised.min(components),
                        components_reused: reused.min(components),
                        electronic_result: e_result && resolved.is_some(),
                        rating: rating.map(|r| if r { Rating::Satisfied } else { Rating::NotSatisfied }),
                        complained,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn cells_and_open_dossiers_give_what_tally_gives(
            dossiers in proptest::collection::vec(facts(), 0..40),
            first in 0u64..70,
            length in 0u64..40,
        ) {
            let from = NaiveDate::from_ymd_opt(2026, 11, 1).expect("day") + chrono::Days::new(first);
            let to = from + chrono::Days::new(length);
            let period = period_of_days(from, to);
            let (from_key, to_key) = (day_key(period.from), day_key(period.to));
            let mut expected = Measures::default();
            let mut cells = Counts::default();
            let mut open = OpenAtEnd::default();
            for facts in &dossiers {
                tally(&mut expected, facts, &period);
                for (day, counts) in contributions(facts) {
                    if (from_key..=to_key).contains(&day) {
                        cells.add(&counts, 1);
                    }
                }
                open.count(facts, period.to);
            }
            prop_assert_eq!(measures_from(&cells, &open), expected);
        }

        #[test]
        fn taking_a_dossier_away_undoes_adding_it(dossier in facts()) {
            let mut cells = Counts::default();
            for (_, counts) in contributions(&dossier) {
                cells.add(&counts, 1);
            }
            for (_, counts) in contributions(&dossier) {
                cells.add(&counts, -1);
            }
            prop_assert!(cells.is_zero());
        }
    }

    #[test]
    fn days_are_vietnam_days() {
        // 16:59 UTC on the 27th is 23:59 in Hà Nội; 17:00 UTC is the 28th.
        let late_evening = Utc.with_ymd_and_hms(2026, 11, 27, 16, 59, 0).single().expect("instant");
        assert_eq!(day_key(late_evening), 20261127);
        assert_eq!(day_key(late_evening + Duration::minutes(1)), 20261128);
        let period = period_of_days(
            NaiveDate::from_ymd_opt(2026, 11, 28).expect("day"),
            NaiveDate::from_ymd_opt(2026, 11, 28).expect("day"),
        );
        assert_eq!(day_key(period.from), 20261128);
        assert_eq!(day_key(period.to), 20261128);
        assert_eq!(period.from, late_evening + Duration::minutes(1));
    }

    #[test]
    fn index_scores_each_indicator_against_its_target() {
        let indicator = |code: &str, max_points: f64, target: f64, measure: Option<Measure>| IndexIndicator {
            number: 1,
            group: "g".into(),
            name: code.into(),
            code: code.into(),
            max_points,
            target,
            measure,
        };
        let measures = Measures {
            on_time: Ratio { count: 90, of: 100 },
            online: Ratio { count: 40, of: 100 },
            ..Measures::default()
        };
        let scored = score(
            &[
                indicator("on_time", 20.0, 1.0, Some(Measure::OnTime)),
                indicator("online", 12.0, 0.8, Some(Measure::Online)),
                indicator("published", 6.0, 1.0, None),
                indicator("paid", 10.0, 0.5, Some(Measure::EPayment)),
            ],
            &measures,
        );
        // Hand count: 20 × 0.9 = 18; 12 × 0.4 / 0.8 = 6; not measured: 0; nothing to count: 0.
        let points: Vec<f64> = scored.iter().map(|s| s.points).collect();
        assert_eq!(points, vec![18.0, 6.0, 0.0, 0.0]);
        assert_eq!(scored[2].ratio, None);
    }
}
