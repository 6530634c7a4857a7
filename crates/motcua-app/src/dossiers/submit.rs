//! Submitting a dossier on any channel: find what the submission names,
//! check who may submit where, open the dossier, write it with its first
//! event.

use motcua_domain::Reason;
use motcua_domain::dossier::{Contact, SubmitterKind, case_code, check_reception, time_limit_of};
use motcua_domain::organisation::Role;

use super::*;

/// Who a dossier is for, as a submission resolves it.
struct ResolvedApplicant {
    applicant: Applicant,
    contact: Contact,
    kind: SubmitterKind,
}

impl App {
    /// Creates a dossier. Online dossiers wait for reception; a dossier taken
    /// at a counter, an agent point or an outreach session is received at once
    /// and gets its code and due date.
    pub async fn submit_dossier(
        &self,
        principal: &Principal,
        request: &SubmitDossier,
        idempotency_key: Option<&str>,
    ) -> AppResult<Dossier> {
        if !may_submit(principal, request.channel) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "submit" });
        }
        request.delivery.validate()?;
        let agency_code = motcua_domain::organisation::AgencyCode::parse(&request.competent_agency)?;
        let agency = self
            .store()
            .agency(agency_code.as_str())
            .await?
            .ok_or_else(|| AppError::not_found("agency", agency_code.as_str()))?;
        let version = self.procedure_at(&request.procedure_code, &agency.province_code, &agency.unit_code).await?;
        let procedure = &version.procedure;
        if request.channel == Channel::Online && !procedure.accepts_online() {
            return Err(DomainError::invalid("channel", Reason::NotOnline).into());
        }
        let case_code = case_code(procedure, request.case_code.as_deref())?;
        let point_code = match &request.service_point {
            Some(code) => code.trim().to_owned(),
            None => self.default_service_point(&agency.province_code, &agency.unit_code).await?,
        };
        let point = self
            .store()
            .service_point(&point_code)
            .await?
            .ok_or_else(|| AppError::not_found("service point", point_code.as_str()))?;
        if point.province_code != agency.province_code {
            return Err(DomainError::invalid("service_point", Reason::InAgencyProvince).into());
        }
        let now = motcua_domain::clock::to_microseconds(Utc::now());
        let late_entry = self.outreach_reception(principal, &point, request, now).await?;
        if let Principal::Officer { scope, .. } = principal
            && late_entry.is_none()
            && scope.code() != point.code
            && scope.code() != point.unit_code
            && scope.code() != point.province_code
        {
            return Err(DomainError::invalid("service_point", Reason::NotYourServicePoint).into());
        }
        check_reception(procedure, request.channel, &point, &agency)?;
        let resolved = self.resolve_applicant(principal, request).await?;
        let received_now = request.channel != Channel::Online && request.outcome == DeskOutcome::Receive;
        let processing = time_limit_of(
            procedure.processing_time(&case_code, request.channel),
            request.time_limit,
            request.channel,
            version.is_catalogue_entry(),
            received_now,
        )?;
        if version.is_catalogue_entry() && received_now && !request.form_data.names_a_document() {
            return Err(DomainError::invalid("documents", Reason::NameDocumentsHandedIn).into());
        }
        let decision = match &request.outcome {
            DeskOutcome::Receive => None,
            _ if request.channel == Channel::Online => {
                return Err(DomainError::invalid("outcome", Reason::OnlyDeskDecides).into());
            }
            DeskOutcome::RequestSupplement { reason } => Some((Action::RequestSupplement, reason.clone())),
            DeskOutcome::Refuse { reason } => Some((Action::RefuseAtReception, reason.clone())),
        };
        if let Some((action, reason)) = &decision {
            if !may_act(principal, *action) {
                return Err(AppError::Forbidden { role: principal.role_name(), action: action.name() });
            }
            if reason.trim().is_empty() {
                return Err(DomainError::invalid("reason", Reason::Required).into());
            }
        }
        let new = NewDossier {
            province_code: agency.province_code.clone(),
            id: random_id(),
            procedure_code: procedure.code.to_string(),
            procedure_version: version.version,
            case_code,
            applicant: resolved.applicant,
            contact: resolved.contact,
            submitter_kind: resolved.kind,
            channel: request.channel,
            service_point: point.code.clone(),
            service_point_unit: point.unit_code.clone(),
            competent_agency: agency.code.clone(),
            competent_unit: agency.unit_code.clone(),
            form: request.form_data.clone(),
            delivery: request.delivery.clone(),
            charges: motcua_domain::dossier::Charges::of_procedure(procedure, request.channel),
            processing,
            received_now,
            consent: request.applicant_consents,
            identity_checked: request.applicant_identity_checked,
            late_entry_reason: late_entry,
        };
        let calendar = self.work_calendar_around(now, processing).await?;
        let step_times = if received_now {
            self.step_times(&new.procedure_code, &new.province_code, &new.competent_unit).await?
        } else {
            Vec::new()
        };
        let facts = motcua_domain::dossier::Facts {
            now,
            principal,
            clock: Clock::new(&calendar, &point.working_hours),
            step_times: &step_times,
            offer: None,
            to_agency: None,
        };
        let (dossier, event) = Dossier::open(new, &facts)?;
        let code =
            received_now.then(|| CodeRequest { agency: agency.code.clone(), day: to_vietnam_time(now).date_naive() });
        let claim = idempotency_key.map(|key| IdempotencyClaim {
            account_id: principal.account_id().to_owned(),
            key: key.to_owned(),
            request_hash: request_digest(request),
        });
        let documents = self.attachments(principal, &dossier.contact.personal_id, &request.documents).await?;
        let messages: Vec<_> = crate::notify::status_message(&dossier, &event, self.public_url()).into_iter().collect();
        match self
            .store()
            .create_dossier(
                &dossier,
                &event,
                code.as_ref(),
                claim.as_ref(),
                motcua_store::Along { documents: &documents, messages: &messages, ..motcua_store::Along::default() },
            )
            .await?
        {
            Created::New { code } => match decision {
                None => Ok(Dossier { code, ..dossier }),
                // The desk's decision is the dossier's next event; were it
                // lost, the dossier would wait in the desk's queue to receive.
                Some((action, reason)) => {
                    Ok(self.act(principal, &dossier.id, action, &ActionDetails::with_reason(reason)).await?.dossier)
                }
            },
            Created::Replayed { dossier_id, .. } => {
                self.store().dossier(&dossier_id).await?.ok_or_else(|| AppError::not_found("dossier", dossier_id))
            }
            Created::KeyReused => Err(AppError::IdempotencyKeyReused),
        }
    }

    /// A working calendar for a dossier received at `now`: the years its
    /// processing time may reach.
    async fn work_calendar_around(
        &self,
        now: DateTime<Utc>,
        processing: Option<ProcessingTime>,
    ) -> AppResult<WorkCalendar> {
        let (first, last) = years_around(&[], now, processing);
        self.work_calendar(first, last).await
    }

    async fn default_service_point(&self, province_code: &str, unit_code: &str) -> AppResult<String> {
        let points = self.store().service_points(province_code).await?;
        points
            .iter()
            .find(|p| p.unit_code == unit_code && !p.kind.is_agent())
            .or_else(|| points.iter().find(|p| p.kind == ServicePointKind::ProvinceCentre))
            .map(|p| p.code.clone())
            .ok_or_else(|| AppError::not_found("service point", province_code))
    }

    /// Who the dossier is for, and how it was submitted for them.
    async fn resolve_applicant(&self, principal: &Principal, request: &SubmitDossier) -> AppResult<ResolvedApplicant> {
        match (principal, &request.applicant) {
            (Principal::Citizen { id }, None) => {
                let citizen = self.store().citizen(id).await?.ok_or(AppError::Unauthenticated)?;
                Ok(ResolvedApplicant {
                    applicant: Applicant::Account(citizen.id),
                    contact: Contact {
                        personal_id: citizen.personal_id,
                        name: citizen.full_name,
                        phone: citizen.phone,
                        email: citizen.email,
                        address: request.form_data.address.trim().to_owned(),
                    },
                    kind: SubmitterKind::Applicant,
                })
            }
            (principal, Some(details)) => {
                let personal_id = PersonalId::parse(&details.id_number)?;
                if details.full_name.trim().chars().count() < 2 {
                    return Err(DomainError::invalid("full_name", Reason::Required).into());
                }
                let phone = normalise_phone(&details.phone)?;
                let kind = match principal {
                    Principal::Citizen { .. } => SubmitterKind::Representative,
                    Principal::Officer { .. } if !request.applicant_consents => {
                        return Err(
                            DomainError::invalid("applicant_consents", Reason::ApplicantPresentAndConsenting).into()
                        );
                    }
                    Principal::Officer { role: Role::IntakeOfficer, .. } => SubmitterKind::OfficerAssisted,
                    Principal::Officer { .. } => SubmitterKind::Agent,
                };
                let verified = self.store().verified_citizen(personal_id.as_str()).await?;
                let checked = request.applicant_identity_checked && matches!(principal, Principal::Officer { .. });
                let online = matches!(principal, Principal::Citizen { .. });
                let applicant = Applicant::of_details(
                    personal_id.as_str(),
                    verified.as_ref().map(|c| c.id.as_str()),
                    checked,
                    online,
                );
                Ok(ResolvedApplicant {
                    applicant,
                    contact: Contact {
                        personal_id: personal_id.as_str().to_owned(),
                        name: details.full_name.trim().to_owned(),
                        phone,
                        email: details.email.trim().to_owned(),
                        address: details.address.trim().to_owned(),
                    },
                    kind,
                })
            }
            (Principal::Officer { .. }, None) => Err(DomainError::invalid("applicant", Reason::Required).into()),
        }
    }
}
