//! Officers' worklists: which dossiers wait for which role, and how urgent
//! each one is. Pure rules; the store answers the queries they describe.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::dossier::{Status, Step};
use crate::organisation::Role;

/// A tab of an officer's worklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Worklist {
    /// Submitted online, waiting to be received (status 1).
    ToReceive,
    /// Received and waiting for the next hand-over or for examination.
    ToProcess,
    /// Waiting for the leader's decision.
    ToApprove,
    /// Resolved; the result waits to be returned.
    ToReturn,
    /// Waiting for the applicant: a supplement or a payment.
    WithApplicant,
    /// Everything received in the officer's scope, whatever its state: what an
    /// agent point or an outreach session took in.
    ReceivedHere,
}

impl Worklist {
    pub const ALL: [Worklist; 6] = [
        Worklist::ToReceive,
        Worklist::ToProcess,
        Worklist::ToApprove,
        Worklist::ToReturn,
        Worklist::WithApplicant,
        Worklist::ReceivedHere,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Worklist::ToReceive => "to_receive",
            Worklist::ToProcess => "to_process",
            Worklist::ToApprove => "to_approve",
            Worklist::ToReturn => "to_return",
            Worklist::WithApplicant => "with_applicant",
            Worklist::ReceivedHere => "received_here",
        }
    }

    pub fn parse(text: &str) -> Option<Worklist> {
        Worklist::ALL.into_iter().find(|w| w.as_str() == text)
    }

    /// The tabs a role works from, in the order they are shown.
    pub fn tabs_of(role: Role) -> &'static [Worklist] {
        match role {
            Role::IntakeOfficer => &[
                Worklist::ToReceive,
                Worklist::ToProcess,
                Worklist::ToReturn,
                Worklist::WithApplicant,
                Worklist::ReceivedHere,
            ],
            Role::Specialist => &[Worklist::ToProcess, Worklist::ToReturn, Worklist::WithApplicant],
            Role::Leader => &[Worklist::ToApprove, Worklist::ToProcess, Worklist::WithApplicant],
            Role::AgentClerk => &[Worklist::ReceivedHere, Worklist::ToReturn, Worklist::WithApplicant],
            Role::OutreachHelper => &[Worklist::ReceivedHere, Worklist::WithApplicant],
            Role::Supervisor | Role::Administrator => &[],
        }
    }

    /// The statuses and steps of the dossiers on this tab for this role (an
    /// empty list means any).
    pub fn criteria(self, role: Role) -> (Vec<Status>, Vec<Step>) {
        use Status::*;
        match self {
            Worklist::ToReceive => (vec![Submitted], vec![]),
            // At the desk: received here and not handed over yet.
            Worklist::ToProcess if role == Role::IntakeOfficer => (vec![Received], vec![]),
            Worklist::ToProcess => {
                let steps = match role {
                    Role::Leader => vec![Step::Review, Step::Approval],
                    _ => vec![Step::Review],
                };
                (vec![Received, Processing], steps)
            }
            Worklist::ToApprove => (vec![Processing], vec![Step::Approval]),
            Worklist::ToReturn => (vec![Resolved], vec![]),
            Worklist::WithApplicant => (vec![SupplementRequested, PaymentRequested], vec![]),
            Worklist::ReceivedHere => (vec![], vec![]),
        }
    }
}

/// How urgent a dossier on a worklist is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// No due date yet (not received), or the clock is stopped.
    NoClock,
    OnTime,
    /// Due within one working day.
    DueSoon,
    Late,
}

impl Urgency {
    /// Judges a due date at `now`, given the instant one working day from now.
    pub fn of(
        due_at: Option<DateTime<Utc>>,
        paused: bool,
        now: DateTime<Utc>,
        one_working_day_on: DateTime<Utc>,
    ) -> Urgency {
        match due_at {
            _ if paused => Urgency::NoClock,
            None => Urgency::NoClock,
            Some(due) if due < now => Urgency::Late,
            Some(due) if due <= one_working_day_on => Urgency::DueSoon,
            Some(_) => Urgency::OnTime,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::NoClock => "no_clock",
            Urgency::OnTime => "on_time",
            Urgency::DueSoon => "due_soon",
            Urgency::Late => "late",
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    #[test]
    fn each_role_sees_its_tabs_and_each_tab_its_statuses() {
        assert_eq!(Worklist::tabs_of(Role::IntakeOfficer)[0], Worklist::ToReceive);
        assert_eq!(Worklist::tabs_of(Role::Leader)[0], Worklist::ToApprove);
        assert!(Worklist::tabs_of(Role::Supervisor).is_empty());
        assert_eq!(Worklist::ToReceive.criteria(Role::IntakeOfficer), (vec![Status::Submitted], vec![]));
        assert_eq!(Worklist::ToProcess.criteria(Role::Specialist).1, vec![Step::Review]);
        assert_eq!(Worklist::ToProcess.criteria(Role::IntakeOfficer), (vec![Status::Received], vec![]));
        for tab in Worklist::ALL {
            assert_eq!(Worklist::parse(tab.as_str()), Some(tab));
        }
    }

    #[test]
    fn urgency_is_late_after_the_due_instant_and_soon_within_a_working_day() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).single().expect("instant");
        let tomorrow = now + Duration::days(3); // a Friday: the next working day is Monday
        assert_eq!(Urgency::of(Some(now - Duration::minutes(1)), false, now, tomorrow), Urgency::Late);
        assert_eq!(Urgency::of(Some(now + Duration::days(2)), false, now, tomorrow), Urgency::DueSoon);
        assert_eq!(Urgency::of(Some(now + Duration::days(4)), false, now, tomorrow), Urgency::OnTime);
        assert_eq!(Urgency::of(Some(now - Duration::days(4)), true, now, tomorrow), Urgency::NoClock, "paused");
        assert_eq!(Urgency::of(None, false, now, tomorrow), Urgency::NoClock);
    }
}
