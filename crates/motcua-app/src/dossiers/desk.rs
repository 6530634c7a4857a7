//! What the one-stop desk and the back office need besides the actions:
//! which actions are open to an officer now, whom a dossier can be handed
//! to, and how a counter receives.

use motcua_domain::organisation::Role;

use super::*;

/// An officer a dossier can be handed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colleague {
    pub username: String,
    pub display_name: String,
    pub role: String,
}

impl App {
    /// The actions the caller may take on the dossier in its present state:
    /// hand-overs to each later step, then the rest in the order of the
    /// dossier's life.
    pub fn open_actions(&self, principal: &Principal, dossier: &Dossier) -> Vec<Action> {
        let lifecycle = dossier.lifecycle;

        // Each role hands a dossier on to the step after its own (or, for a
        // leader, back to review); other hand-overs are possible through the
        // API but not offered here.
        let offered = |action: &Action| match (principal, action) {
            (Principal::Officer { role, .. }, Action::HandOver { to }) => match role {
                Role::IntakeOfficer => *to == Step::Review && lifecycle.status == Status::Received,
                Role::Specialist => *to == Step::Approval,
                Role::Leader => *to == Step::Review,
                _ => false,
            },
            _ => true,
        };
        Action::ALL
            .into_iter()
            .filter(|a| offered(a) && may_act(principal, *a) && lifecycle.apply(*a).is_ok())
            .collect()
    }

    /// The officers of the dossier's competent agency and receiving service
    /// point, for a hand-over; only for an officer who may see the dossier.
    pub async fn colleagues(&self, principal: &Principal, reference: &str) -> AppResult<Vec<Colleague>> {
        let dossier = self.visible_dossier(principal, reference).await?;
        if !matches!(principal, Principal::Officer { .. }) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "hand over" });
        }
        let officers =
            self.store().officers_in(&[dossier.competent_agency.as_str(), dossier.service_point.as_str()]).await?;
        Ok(officers
            .into_iter()
            .map(|o| Colleague { username: o.username, display_name: o.display_name, role: o.role })
            .collect())
    }

    /// An officer's display name, for slips and histories; the username
    /// itself when there is no such officer (a citizen, the system).
    pub async fn officer_name(&self, username: &str) -> AppResult<String> {
        Ok(self.store().officer(username).await?.map(|o| o.display_name).unwrap_or_else(|| username.to_owned()))
    }

    /// The agencies of a province that can settle a procedure: of a fitting
    /// kind, and whose unit has not turned the procedure off.
    pub async fn fitting_agencies(
        &self,
        procedure_code: &str,
        province_code: &str,
    ) -> AppResult<Vec<motcua_domain::organisation::Agency>> {
        let version = self.receivable_version(procedure_code).await?;
        let mut fitting = Vec::new();
        for agency in self.agencies(province_code).await? {
            match self.as_offered(version.clone(), &agency.province_code, &agency.unit_code).await {
                Ok(version) if version.procedure.fits_agency(agency.kind) => fitting.push(agency),
                Ok(_) | Err(AppError::Domain(_)) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(fitting)
    }

    /// The channel a dossier taken by this officer arrives on: the counter,
    /// an agent point or an outreach session, by the kind of their service point.
    pub async fn desk_channel(&self, principal: &Principal) -> AppResult<(Channel, String)> {
        let Principal::Officer { scope: motcua_domain::organisation::Scope::ServicePoint(code), .. } = principal else {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "receive at a desk" });
        };
        if !motcua_domain::access::may_receive_at_desk(principal) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "receive at a desk" });
        }
        let point =
            self.store().service_point(code).await?.ok_or_else(|| AppError::not_found("service point", code))?;
        let channel = match point.kind {
            ServicePointKind::BankAgent | ServicePointKind::PostOfficeAgent => Channel::AgentPoint,
            ServicePointKind::OutreachSession => Channel::Outreach,
            _ => Channel::Counter,
        };
        Ok((channel, point.province_code))
    }

    /// A registered citizen's details, for a desk that receives for them.
    pub async fn applicant_on_file(
        &self,
        principal: &Principal,
        id_number: &str,
    ) -> AppResult<Option<ApplicantDetails>> {
        if !matches!(principal, Principal::Officer { .. }) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "look up an applicant" });
        }
        let id = PersonalId::parse(id_number)?;
        // Only an account verified for the number speaks for its holder; a
        // mere claim could be anyone's.
        let citizen = self.store().verified_citizen(id.as_str()).await?;
        tracing::info!(officer = principal.account_id(), "applicant looked up at a desk");
        Ok(citizen.map(|c| ApplicantDetails {
            id_number: c.personal_id,
            full_name: c.full_name,
            phone: c.phone,
            email: c.email,
            address: String::new(),
        }))
    }
}
