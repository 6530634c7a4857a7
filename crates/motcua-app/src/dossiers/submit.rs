//! Submitting a dossier on any channel.

use super::*;

impl App {
    /// Creates a dossier. Online dossiers wait for reception; a dossier taken
    /// at a counter, an agent point or an outreach session is received at once
    /// and gets its code and due date.
    pub async fn submit_dossier(
        &self,
        principal: &Principal,
        request: &SubmitDossier,
        idempotency_key: Option<&str>,
    ) -> AppResult<DossierRecord> {
        if !may_submit(principal, request.channel) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "submit" });
        }
        request.delivery.validate()?;
        let agency_code = AgencyCode::parse(&request.competent_agency)?;
        let agency = self
            .store()
            .agency(agency_code.as_str())
            .await?
            .ok_or_else(|| AppError::not_found("agency", agency_code.as_str()))?;
        let version = self.procedure_at(&request.procedure_code, &agency.province_code, &agency.unit_code).await?;
        let procedure = &version.procedure;
        if request.channel == Channel::Online && !procedure.accepts_online() {
            return Err(DomainError::invalid("channel", "this procedure cannot be submitted online").into());
        }
        let case_code = match &request.case_code {
            Some(code) if !procedure.cases.iter().any(|c| &c.code == code) => {
                return Err(DomainError::invalid("case_code", "not a case of this procedure").into());
            }
            Some(code) => code.clone(),
            None => procedure.cases.first().map(|c| c.code.clone()).unwrap_or_default(),
        };
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
            return Err(DomainError::invalid("service_point", "must be in the competent agency's province").into());
        }
        let now = Utc::now();
        let late_entry = self.outreach_reception(principal, &point, request, now).await?;
        if let Principal::Officer { scope, .. } = principal
            && late_entry.is_none()
            && scope.code() != point.code
            && scope.code() != point.unit_code
            && scope.code() != point.province_code
        {
            return Err(DomainError::invalid("service_point", "is not the service point you work at").into());
        }
        // A commune centre receives another commune's dossier only for a
        // procedure accepted regardless of boundary.
        if point.kind == ServicePointKind::CommuneCentre
            && point.unit_code != agency.unit_code
            && !procedure.boundary_free
        {
            return Err(DomainError::invalid(
                "service_point",
                "this procedure is not accepted regardless of boundary here",
            )
            .into());
        }
        let expected_kind = match request.channel {
            Channel::AgentPoint => Some([ServicePointKind::BankAgent, ServicePointKind::PostOfficeAgent]),
            Channel::Outreach => Some([ServicePointKind::OutreachSession, ServicePointKind::OutreachSession]),
            _ => None,
        };
        if let Some(kinds) = expected_kind
            && !kinds.contains(&point.kind)
        {
            return Err(DomainError::invalid("service_point", "does not match the channel").into());
        }

        let (applicant_id, personal_id, name, phone, email, address, submitter_kind) =
            self.resolve_applicant(principal, request).await?;
        let received_now = request.channel != Channel::Online && request.outcome == DeskOutcome::Receive;
        let processing = time_limit_of(
            processing_time(procedure, &case_code, request.channel),
            request,
            version.is_catalogue_entry(),
            received_now,
        )?;
        if version.is_catalogue_entry() && received_now && !names_a_document(&request.form_data) {
            return Err(DomainError::invalid("documents", "name the documents handed in").into());
        }
        let decision = match &request.outcome {
            DeskOutcome::Receive => None,
            _ if request.channel == Channel::Online => {
                return Err(DomainError::invalid("outcome", "only a desk decides on the spot").into());
            }
            DeskOutcome::RequestSupplement { reason } => Some((Action::RequestSupplement, reason.clone())),
            DeskOutcome::Refuse { reason } => Some((Action::RefuseAtReception, reason.clone())),
        };
        if let Some((action, reason)) = &decision {
            if !may_act(principal, *action) {
                return Err(AppError::Forbidden { role: principal.role_name(), action: action.name() });
            }
            if reason.trim().is_empty() {
                return Err(DomainError::invalid("reason", "is required").into());
            }
        }
        let mut lifecycle = Lifecycle::submitted();
        let mut due_at = None;
        if received_now {
            lifecycle = lifecycle.apply(Action::Receive)?;
            if let Some(time) = processing {
                due_at = Some(self.due_at_with(&point.working_hours, now, time).await?);
            }
        }
        let (amount, unit) = processing.map(|p| (p.amount, p.unit.as_str())).unwrap_or((0.0, TimeUnit::Other.as_str()));
        let dossier_id = random_id();
        let event = EventRecord {
            sequence: 1,
            dossier_id: dossier_id.clone(),
            at: crate::instant_text(now),
            actor: principal.account_id().to_owned(),
            role: principal.role_name().to_owned(),
            service_point: point.code.clone(),
            action: if received_now { "receive".to_owned() } else { "submit".to_owned() },
            from_status: String::new(),
            to_status: lifecycle.status.as_str().to_owned(),
            from_step: String::new(),
            to_step: lifecycle.step.as_str().to_owned(),
            handed_to: String::new(),
            timeliness: String::new(),
            note: late_entry.clone().unwrap_or_default(),
            data: {
                let mut data = serde_json::json!({
                    "channel": request.channel.as_str(),
                    "consent": request.applicant_consents,
                    "identity_checked": request.applicant_identity_checked,
                });
                if let Some(reason) = &late_entry {
                    data["late_entry_reason"] = reason.clone().into();
                }
                data
            }
            .to_string(),
        };
        let hash = chain_hash(GENESIS_HASH, &event);
        let record = DossierRecord {
            province_code: agency.province_code.clone(),
            id: dossier_id,
            code: None,
            procedure_code: procedure.code.to_string(),
            procedure_version: version.version,
            case_code,
            applicant_id,
            applicant_personal_id: personal_id,
            applicant_name: name,
            applicant_phone: phone,
            applicant_email: email,
            applicant_address: address,
            submitter_kind: submitter_kind.to_owned(),
            submitter_account: principal.account_id().to_owned(),
            channel: request.channel.as_str().to_owned(),
            service_point: point.code.clone(),
            service_point_unit: point.unit_code.clone(),
            competent_agency: agency.code.to_string(),
            competent_unit: agency.unit_code.clone(),
            agencies_involved: String::new(),
            form_data: request.form_data.to_string(),
            delivery: serde_json::to_string(&request.delivery).unwrap_or_default(),
            fee_dong: fee_of(procedure, request.channel),
            processing_amount: amount,
            processing_unit: unit.to_owned(),
            status: lifecycle.status.as_str().to_owned(),
            step: lifecycle.step.as_str().to_owned(),
            supplement_requests: 0,
            resume_to: None,
            submitted_at: now,
            received_at: received_now.then_some(now),
            due_at,
            paused_at: None,
            step_started_at: now,
            step_due_at: None,
            resolved_at: None,
            returned_at: None,
            result_document: None,
            tracking_number: None,
            late: false,
            event_count: 1,
            last_hash: hash.clone(),
            updated_at: now,
        };
        let record = if received_now {
            let step_due_at = self.step_due(&record, lifecycle.step, now).await?;
            DossierRecord { step_due_at, ..record }
        } else {
            record
        };
        let code =
            received_now.then(|| CodeRequest { agency: agency.code.clone(), day: to_vietnam_time(now).date_naive() });
        let claim = idempotency_key.map(|key| IdempotencyClaim {
            account_id: principal.account_id().to_owned(),
            key: key.to_owned(),
            request_hash: request_digest(request),
        });
        let documents = self.attachments(principal, &record.applicant_personal_id, &request.documents).await?;
        let messages: Vec<_> = if received_now {
            crate::notify::status_message(&record, Action::Receive, None, None, self.public_url()).into_iter().collect()
        } else {
            Vec::new()
        };
        match self
            .store()
            .create_dossier(
                &record,
                &event,
                &hash,
                code.as_ref(),
                claim.as_ref(),
                motcua_store::Along { documents: &documents, messages: &messages },
            )
            .await?
        {
            Created::New { code } => match decision {
                None => Ok(DossierRecord { code, ..record }),
                // The desk's decision is the dossier's next event; were it
                // lost, the dossier would wait in the desk's queue to receive.
                Some((action, reason)) => {
                    let details = ActionDetails { reason: Some(reason), ..ActionDetails::default() };
                    Ok(self.act(principal, &record.id, action, &details).await?.dossier)
                }
            },
            Created::Replayed { dossier_id, .. } => {
                self.store().dossier(&dossier_id).await?.ok_or_else(|| AppError::not_found("dossier", dossier_id))
            }
            Created::KeyReused => Err(AppError::IdempotencyKeyReused),
        }
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
    #[allow(clippy::type_complexity)]
    async fn resolve_applicant(
        &self,
        principal: &Principal,
        request: &SubmitDossier,
    ) -> AppResult<(String, String, String, String, String, String, &'static str)> {
        match (principal, &request.applicant) {
            (Principal::Citizen { id }, None) => {
                let citizen = self.store().citizen(id).await?.ok_or(AppError::Unauthenticated)?;
                Ok((
                    citizen.id,
                    citizen.personal_id,
                    citizen.full_name,
                    citizen.phone,
                    citizen.email,
                    request.form_data["address"].as_str().unwrap_or_default().trim().to_owned(),
                    "self",
                ))
            }
            (principal, Some(details)) => {
                let personal_id = PersonalId::parse(&details.id_number)?;
                if details.full_name.trim().chars().count() < 2 {
                    return Err(DomainError::invalid("full_name", "is required").into());
                }
                let phone = normalise_phone(&details.phone)?;
                let kind = match principal {
                    Principal::Citizen { .. } => "representative",
                    Principal::Officer { .. } if !request.applicant_consents => {
                        return Err(DomainError::invalid(
                            "applicant_consents",
                            "the applicant must be present and consent",
                        )
                        .into());
                    }
                    Principal::Officer { role, .. } if role.as_str() == "intake_officer" => "officer_assisted",
                    Principal::Officer { .. } => "agent",
                };
                let verified = self.store().verified_citizen(personal_id.as_str()).await?;
                let checked = request.applicant_identity_checked && matches!(principal, Principal::Officer { .. });
                let online = matches!(principal, Principal::Citizen { .. });
                let applicant_id = Applicant::of_details(
                    personal_id.as_str(),
                    verified.as_ref().map(|c| c.id.as_str()),
                    checked,
                    online,
                )
                .key();
                Ok((
                    applicant_id,
                    personal_id.as_str().to_owned(),
                    details.full_name.trim().to_owned(),
                    phone,
                    details.email.trim().to_owned(),
                    details.address.trim().to_owned(),
                    kind,
                ))
            }
            (Principal::Officer { .. }, None) => Err(DomainError::invalid("applicant", "is required").into()),
        }
    }
}
