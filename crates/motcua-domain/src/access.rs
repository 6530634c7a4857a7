//! Who may see and do what: the scope rules every request is checked against.
//!
//! An officer sees only dossiers received at, or handled by, the places of
//! their scope; a citizen only their own and those they submitted for someone
//! else. A dossier outside one's scope is answered as if it did not exist.

use serde::{Deserialize, Serialize};

use crate::dossier::{Action, Channel};
use crate::organisation::{AgencyCode, Role, Scope};

/// The role recorded in the history for anything an applicant does
/// themselves (submit, supplement, pay, withdraw, rate): one name for the
/// live use cases, the history generator and the indicators that read it.
pub const APPLICANT_ROLE: &str = "applicant";

/// The signed-in party behind a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Principal {
    Citizen { id: String },
    Officer { username: String, role: Role, scope: Scope },
}

impl Principal {
    /// The account id recorded as actor in the history.
    pub fn account_id(&self) -> &str {
        match self {
            Principal::Citizen { id } => id,
            Principal::Officer { username, .. } => username,
        }
    }

    /// The role recorded in the history.
    pub fn role_name(&self) -> &'static str {
        match self {
            Principal::Citizen { .. } => APPLICANT_ROLE,
            Principal::Officer { role, .. } => role.as_str(),
        }
    }
}

/// The facts about a dossier that scope rules look at.
#[derive(Debug, Clone, Copy)]
pub struct DossierPlaces<'a> {
    pub province_code: &'a str,
    pub service_point: &'a str,
    pub service_point_unit: &'a str,
    pub competent_agency: &'a str,
    pub competent_unit: &'a str,
    /// Agencies the dossier was handed over from.
    pub agencies_involved: &'a [AgencyCode],
    pub applicant: &'a Applicant,
    pub submitter_account: &'a str,
}

/// Whether `principal` may see the dossier at all.
pub fn can_see(principal: &Principal, places: &DossierPlaces<'_>) -> bool {
    match principal {
        Principal::Citizen { id } => places.applicant.account() == Some(id) || places.submitter_account == id,
        // An officer who entered a dossier for another place (an outreach
        // session's late entry) keeps sight of it.
        Principal::Officer { username, .. } if places.submitter_account == username => true,
        Principal::Officer { scope, .. } => match scope {
            Scope::ServicePoint(code) => places.service_point == code,
            Scope::Agency(code) => {
                places.competent_agency == code || places.agencies_involved.iter().any(|a| a.as_str() == code)
            }
            Scope::Unit(code) => {
                places.province_code == code || places.service_point_unit == code || places.competent_unit == code
            }
        },
    }
}

/// Whether an officer of a service point sees a dossier received elsewhere
/// because its result is to be collected at their point.
pub fn collects_here(principal: &Principal, pickup_point: &str) -> bool {
    matches!(principal, Principal::Officer { scope: Scope::ServicePoint(code), .. } if code == pickup_point)
}

/// Whether `principal` may create a dossier arriving by `channel`.
pub fn may_submit(principal: &Principal, channel: Channel) -> bool {
    match principal {
        Principal::Citizen { .. } => channel == Channel::Online,
        Principal::Officer { role, .. } => matches!(
            (role, channel),
            // An intake officer enters an outreach session's dossiers late,
            // with a reason (see `organisation::outreach_entry`).
            (Role::IntakeOfficer, Channel::Counter | Channel::Postal | Channel::Outreach)
                | (Role::AgentClerk, Channel::AgentPoint)
                | (Role::OutreachHelper, Channel::Outreach)
        ),
    }
}

/// Whether `principal` may take dossiers in at a desk: a role that receives
/// (at a counter, an agent point or an outreach session), working at a
/// service point.
pub fn may_receive_at_desk(principal: &Principal) -> bool {
    matches!(
        principal,
        Principal::Officer {
            role: Role::IntakeOfficer | Role::AgentClerk | Role::OutreachHelper,
            scope: Scope::ServicePoint(_),
            ..
        }
    )
}

/// Whether `principal` may read the figures (indicators) of their scope.
pub fn may_read_figures(principal: &Principal) -> bool {
    matches!(principal, Principal::Officer { role: Role::Leader | Role::Supervisor | Role::Administrator, .. })
}

/// Whether `principal`'s role may take `action` (scope is checked separately).
pub fn may_act(principal: &Principal, action: Action) -> bool {
    use Action::*;
    match principal {
        Principal::Citizen { .. } => matches!(action, Withdraw | Supplement | Pay),
        Principal::Officer { role, .. } => match role {
            Role::IntakeOfficer => {
                matches!(
                    action,
                    Receive | RefuseAtReception | RequestSupplement | Supplement | HandOver { .. } | Pay | Return
                )
            }
            // An agent point hands back the results collected there.
            Role::AgentClerk => matches!(action, Supplement | Return),
            Role::OutreachHelper => matches!(action, Supplement),
            Role::Specialist => matches!(action, HandOver { .. } | RequestSupplement | RequestPayment | Return),
            Role::Leader => matches!(action, Approve | Refuse | Extend | Stop | HandOver { .. } | RequestSupplement),
            Role::Supervisor | Role::Administrator => false,
        },
    }
}

/// Whether an officer of `role` may verify a citizen's account by checking
/// their identity card: those who meet applicants at a counter or an agent
/// point.
pub fn may_verify_accounts(role: Role) -> bool {
    matches!(role, Role::IntakeOfficer | Role::AgentClerk)
}

/// How the applicant of a dossier is recorded, which decides which account
/// sees it. An online account is trusted with another person's dossier only
/// once an officer has checked that person's identity card, both on the
/// dossier (at reception) and on the account (at a counter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applicant {
    /// The account that submitted it for itself, or the verified account of
    /// the person whose card was checked.
    Account(String),
    /// A person whose card was checked at reception but who has no verified
    /// account yet: the dossier goes to the account verified for this
    /// number later.
    Identified(String),
    /// A person named but not identified: no account will see the dossier
    /// through this number.
    Named(String),
}

const IDENTIFIED: &str = "identified:";
const NAMED: &str = "unregistered:";

impl Applicant {
    /// Who the applicant of a dossier submitted with someone's details is:
    /// the number's verified account if the card was checked (or, online,
    /// if the number is verified at all), else the number alone.
    pub fn of_details(
        personal_id: &str,
        verified_account: Option<&str>,
        card_checked: bool,
        online: bool,
    ) -> Applicant {
        match verified_account {
            Some(account) if card_checked || online => Applicant::Account(account.to_owned()),
            _ if card_checked => Applicant::Identified(personal_id.to_owned()),
            _ => Applicant::Named(personal_id.to_owned()),
        }
    }

    /// As stored in a dossier's `applicant_id`.
    pub fn key(&self) -> String {
        match self {
            Applicant::Account(id) => id.clone(),
            Applicant::Identified(number) => format!("{IDENTIFIED}{number}"),
            Applicant::Named(number) => format!("{NAMED}{number}"),
        }
    }

    /// Reads a stored `applicant_id`.
    pub fn parse(key: &str) -> Applicant {
        if let Some(number) = key.strip_prefix(IDENTIFIED) {
            Applicant::Identified(number.to_owned())
        } else if let Some(number) = key.strip_prefix(NAMED) {
            Applicant::Named(number.to_owned())
        } else {
            Applicant::Account(key.to_owned())
        }
    }

    /// The account, if the applicant has one on this dossier.
    pub fn account(&self) -> Option<&str> {
        match self {
            Applicant::Account(id) => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn desk_pages_are_for_the_roles_that_use_them() {
        use super::*;
        let officer = |role, scope| Principal::Officer { username: "x".into(), role, scope };
        let point = || Scope::ServicePoint("P".into());
        let agency = || Scope::Agency("A".into());
        assert!(may_receive_at_desk(&officer(Role::AgentClerk, point())));
        assert!(may_receive_at_desk(&officer(Role::IntakeOfficer, point())));
        assert!(!may_receive_at_desk(&officer(Role::IntakeOfficer, agency())), "no desk without a service point");
        assert!(!may_receive_at_desk(&officer(Role::Specialist, point())));
        assert!(!may_read_figures(&officer(Role::AgentClerk, point())));
        assert!(may_read_figures(&officer(Role::Leader, agency())));
        assert!(!may_read_figures(&Principal::Citizen { id: "c".into() }));
    }

    use super::*;
    use crate::dossier::Step;

    /// What a dossier's places borrow from.
    struct Held {
        involved: Vec<AgencyCode>,
        applicant: Applicant,
    }

    fn held() -> Held {
        Held {
            involved: vec![AgencyCode::parse("000.04.01.H29").expect("agency")],
            applicant: Applicant::Account("c1".into()),
        }
    }

    fn places(held: &Held) -> DossierPlaces<'_> {
        DossierPlaces {
            province_code: "01",
            service_point: "HN-BADINH",
            service_point_unit: "00004",
            competent_agency: "000.00.15.H29",
            competent_unit: "01",
            agencies_involved: &held.involved,
            applicant: &held.applicant,
            submitter_account: "c2",
        }
    }

    fn officer(role: Role, scope: Scope) -> Principal {
        Principal::Officer { username: "x".into(), role, scope }
    }

    #[test]
    fn scope_decides_who_sees_a_dossier() {
        let cases = [
            (Principal::Citizen { id: "c1".into() }, true),
            (Principal::Citizen { id: "c2".into() }, true),
            (Principal::Citizen { id: "c3".into() }, false),
            (officer(Role::IntakeOfficer, Scope::ServicePoint("HN-BADINH".into())), true),
            (officer(Role::IntakeOfficer, Scope::ServicePoint("HN-TTHCC".into())), false),
            (officer(Role::Specialist, Scope::Agency("000.00.15.H29".into())), true),
            (officer(Role::Specialist, Scope::Agency("000.89.01.H57".into())), false),
            (officer(Role::Leader, Scope::Agency("000.04.01.H29".into())), true),
            (officer(Role::Leader, Scope::Agency("000.04.01".into())), false),
            (officer(Role::Supervisor, Scope::Unit("01".into())), true),
            (officer(Role::Supervisor, Scope::Unit("00004".into())), true),
            (officer(Role::Supervisor, Scope::Unit("46".into())), false),
        ];
        let held = held();
        for (principal, expected) in cases {
            assert_eq!(can_see(&principal, &places(&held)), expected, "{principal:?}");
        }
        let entered_late = DossierPlaces { submitter_account: "hn.tiepnhan", ..places(&held) };
        let centre = Principal::Officer {
            username: "hn.tiepnhan".into(),
            role: Role::IntakeOfficer,
            scope: Scope::ServicePoint("HN-TTHCC".into()),
        };
        assert!(can_see(&centre, &entered_late) && !can_see(&centre, &places(&held)), "the officer who entered it");
    }

    #[test]
    fn roles_decide_what_can_be_done() {
        let citizen = Principal::Citizen { id: "c1".into() };
        assert!(may_submit(&citizen, Channel::Online) && !may_submit(&citizen, Channel::Counter));
        assert!(may_act(&citizen, Action::Withdraw) && !may_act(&citizen, Action::Receive));
        let intake = officer(Role::IntakeOfficer, Scope::ServicePoint("HN-BADINH".into()));
        assert!(may_submit(&intake, Channel::Counter) && !may_submit(&intake, Channel::Online));
        assert!(may_act(&intake, Action::Receive) && !may_act(&intake, Action::Approve));
        let clerk = officer(Role::AgentClerk, Scope::ServicePoint("HN-BD-POST".into()));
        assert!(may_submit(&clerk, Channel::AgentPoint) && !may_submit(&clerk, Channel::Outreach));
        assert!(may_act(&clerk, Action::Return) && !may_act(&clerk, Action::Pay), "an agent point hands back results");
        assert!(collects_here(&clerk, "HN-BD-POST") && !collects_here(&clerk, "HN-BADINH"));
        assert!(!collects_here(&Principal::Citizen { id: "HN-BD-POST".into() }, "HN-BD-POST"));
        let helper = officer(Role::OutreachHelper, Scope::ServicePoint("HN-SS-OUTREACH".into()));
        assert!(!may_act(&helper, Action::Return));
        assert!(may_submit(&intake, Channel::Outreach), "a late entry for an outreach session");
        let leader = officer(Role::Leader, Scope::Agency("000.00.15.H29".into()));
        assert!(may_act(&leader, Action::Approve) && may_act(&leader, Action::HandOver { to: Step::Review }));
        let supervisor = officer(Role::Supervisor, Scope::Unit("01".into()));
        assert!(!may_act(&supervisor, Action::Receive) && !may_submit(&supervisor, Channel::Counter));
    }

    #[test]
    fn only_a_checked_card_and_a_verified_account_link_someone_elses_dossier() {
        let cases = [
            // (verified account, card checked at reception, online) → applicant
            (Some("acc"), true, false, Applicant::Account("acc".into())),
            (Some("acc"), false, false, Applicant::Named("001099012345".into())),
            (None, true, false, Applicant::Identified("001099012345".into())),
            (None, false, false, Applicant::Named("001099012345".into())),
            // Online for someone else: only a verified owner is linked.
            (Some("acc"), false, true, Applicant::Account("acc".into())),
            (None, false, true, Applicant::Named("001099012345".into())),
        ];
        for (verified, checked, online, expected) in cases {
            let applicant = Applicant::of_details("001099012345", verified, checked, online);
            assert_eq!(applicant, expected, "{verified:?} {checked} {online}");
            assert_eq!(Applicant::parse(&applicant.key()), applicant, "round trip");
        }
        assert_eq!(Applicant::parse("identified:001099012345").account(), None);
        assert_eq!(Applicant::parse("8f3a").account(), Some("8f3a"));
    }
}
