//! The measures a province is judged by (DOMAIN §7), as pure functions of
//! what each dossier did: the formulas, with their edge cases, in one place.
//! Whatever keeps them current (a running tally, or a rebuild from the
//! histories) must give what these give.

use chrono::{DateTime, Utc};

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
