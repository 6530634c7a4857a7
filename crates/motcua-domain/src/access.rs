//! Who may see and do what: the scope rules every request is checked against.
//!
//! An officer sees only dossiers received at, or handled by, the places of
//! their scope; a citizen only their own and those they submitted for someone
//! else. A dossier outside one's scope is answered as if it did not exist.

use serde::{Deserialize, Serialize};

use crate::dossier::{Action, Channel};
use crate::organisation::{Role, Scope};

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
            Principal::Citizen { .. } => "applicant",
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
    /// Agencies the dossier was handed over from, comma-separated.
    pub agencies_involved: &'a str,
    pub applicant_id: &'a str,
    pub submitter_account: &'a str,
}

/// Whether `principal` may see the dossier at all.
pub fn can_see(principal: &Principal, places: &DossierPlaces<'_>) -> bool {
    match principal {
        Principal::Citizen { id } => places.applicant_id == id || places.submitter_account == id,
        Principal::Officer { scope, .. } => match scope {
            Scope::ServicePoint(code) => places.service_point == code,
            Scope::Agency(code) => {
                places.competent_agency == code || places.agencies_involved.split(',').any(|a| a == code)
            }
            Scope::Unit(code) => {
                places.province_code == code || places.service_point_unit == code || places.competent_unit == code
            }
        },
    }
}

/// Whether `principal` may create a dossier arriving by `channel`.
pub fn may_submit(principal: &Principal, channel: Channel) -> bool {
    match principal {
        Principal::Citizen { .. } => channel == Channel::Online,
        Principal::Officer { role, .. } => matches!(
            (role, channel),
            (Role::IntakeOfficer, Channel::Counter | Channel::Postal)
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
            Role::AgentClerk | Role::OutreachHelper => matches!(action, Supplement),
            Role::Specialist => matches!(action, HandOver { .. } | RequestSupplement | RequestPayment | Return),
            Role::Leader => matches!(action, Approve | Refuse | Extend | Stop | HandOver { .. } | RequestSupplement),
            Role::Supervisor | Role::Administrator => false,
        },
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

    fn places<'a>() -> DossierPlaces<'a> {
        DossierPlaces {
            province_code: "01",
            service_point: "HN-BADINH",
            service_point_unit: "00004",
            competent_agency: "000.00.15.H29",
            competent_unit: "01",
            agencies_involved: "000.04.01.H29",
            applicant_id: "c1",
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
        for (principal, expected) in cases {
            assert_eq!(can_see(&principal, &places()), expected, "{principal:?}");
        }
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
        let leader = officer(Role::Leader, Scope::Agency("000.00.15.H29".into()));
        assert!(may_act(&leader, Action::Approve) && may_act(&leader, Action::HandOver { to: Step::Review }));
        let supervisor = officer(Role::Supervisor, Scope::Unit("01".into()));
        assert!(!may_act(&supervisor, Action::Receive) && !may_submit(&supervisor, Channel::Counter));
    }
}
