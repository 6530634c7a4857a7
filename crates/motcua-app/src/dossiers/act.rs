//! Acting on a dossier: every transition, checked and written with its event.

use motcua_domain::dossier::{Payment, RecipientSignature, agent_point_returns};
use motcua_domain::organisation::Role;

use super::*;

impl App {
    /// Takes an action on a dossier. Retries once when another writer got there first.
    pub async fn act(
        &self,
        principal: &Principal,
        reference: &str,
        action: Action,
        details: &ActionDetails,
    ) -> AppResult<DossierView> {
        for attempt in 0..2 {
            match self.act_once(principal, reference, action, details).await {
                Err(AppError::Conflict) if attempt == 0 => continue,
                other => return other,
            }
        }
        Err(AppError::Conflict)
    }

    async fn act_once(
        &self,
        principal: &Principal,
        reference: &str,
        action: Action,
        details: &ActionDetails,
    ) -> AppResult<DossierView> {
        let before = self.visible_dossier(principal, reference).await?;
        if !may_act(principal, action) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: action.name() });
        }
        let lifecycle = lifecycle_of(&before)?;
        let next = lifecycle.apply(action)?;
        let now = Utc::now();
        let mut after = before.clone();
        let mut code_request = None;
        let mut handed_to = String::new();
        let mut attached = Vec::new();
        let mut data = serde_json::Map::new();
        match action {
            Action::Receive => {
                after.received_at = Some(now);
                // The dossier follows the procedure version in force at receipt.
                if let Ok(version) =
                    self.procedure_at(&before.procedure_code, &before.province_code, &before.competent_unit).await
                {
                    let channel = Channel::parse(&before.channel)?;
                    if let Some(time) = processing_time(&version.procedure, &before.case_code, channel) {
                        after.processing_amount = time.amount;
                        after.processing_unit = time.unit.as_str().to_owned();
                    }
                    after.procedure_version = version.version;
                }
                if after.processing_unit != TimeUnit::Other.as_str() && after.processing_amount > 0.0 {
                    let time = ProcessingTime {
                        amount: after.processing_amount,
                        unit: TimeUnit::parse(&after.processing_unit)?,
                    };
                    let hours = self.working_hours_of(&before.service_point).await?;
                    after.due_at = Some(self.due_at_with(&hours, now, time).await?);
                }
                code_request = Some(CodeRequest {
                    agency: AgencyCode::parse(&before.competent_agency)?,
                    day: to_vietnam_time(now).date_naive(),
                });
            }
            Action::RefuseAtReception | Action::Refuse | Action::Stop => {
                data.insert("reason".into(), required(&details.reason, "reason")?.into());
            }
            Action::RequestSupplement => {
                data.insert("reason".into(), required(&details.reason, "reason")?.into());
                after.paused_at = Some(now);
            }
            Action::RequestPayment => {
                let amount = details
                    .amount_dong
                    .filter(|a| *a > 0)
                    .ok_or_else(|| DomainError::invalid("amount_dong", "must be a positive number of đồng"))?;
                data.insert("amount_dong".into(), amount.into());
                after.fee_dong = amount;
                after.paused_at = Some(now);
            }
            Action::Supplement | Action::Pay => {
                if action == Action::Pay {
                    record_payment(principal, &before, details, &mut data)?;
                }
                attached = self.attachments(principal, &before.applicant_personal_id, &details.documents).await?;
                if let (Some(due), Some(paused)) = (before.due_at, before.paused_at) {
                    let hours = self.working_hours_of(&before.service_point).await?;
                    after.due_at = Some(self.due_after_pause_with(&hours, due, paused, now).await?);
                }
                after.paused_at = None;
            }
            Action::HandOver { .. } => {
                if let Some(agency) = details.to_agency.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                    let agency =
                        self.store().agency(agency).await?.ok_or_else(|| AppError::not_found("agency", agency))?;
                    if agency.province_code != before.province_code {
                        return Err(DomainError::invalid("to_agency", "must be in the dossier's province").into());
                    }
                    if agency.code.as_str() != before.competent_agency {
                        let mut involved: Vec<&str> =
                            before.agencies_involved.split(',').filter(|a| !a.is_empty()).collect();
                        if !involved.contains(&before.competent_agency.as_str()) {
                            involved.push(&before.competent_agency);
                        }
                        after.agencies_involved = involved.join(",");
                    }
                    after.competent_agency = agency.code.to_string();
                    after.competent_unit = agency.unit_code.clone();
                    handed_to = agency.code.to_string();
                }
                if let Some(officer) = details.to_officer.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
                    self.store().officer(officer).await?.ok_or_else(|| AppError::not_found("officer", officer))?;
                    handed_to = officer.to_owned();
                }
            }
            Action::Extend => {
                let reason = required(&details.reason, "reason")?;
                let new_due = details.new_due_at.ok_or_else(|| DomainError::invalid("new_due_at", "is required"))?;
                if before.due_at.is_some_and(|due| new_due <= due) || new_due <= now {
                    return Err(DomainError::invalid("new_due_at", "must be later than the current due date").into());
                }
                data.insert("reason".into(), reason.into());
                data.insert("previous_due_at".into(), before.due_at.map(crate::instant_text).into());
                data.insert("new_due_at".into(), crate::instant_text(new_due).into());
                after.due_at = Some(new_due);
                after.late = true;
            }
            Action::Approve => {
                if let Some(sha256) = details.result_document.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                    let choice = DocumentChoice { component_code: "result".to_owned(), sha256: sha256.to_owned() };
                    attached = self.attachments(principal, &before.applicant_personal_id, &[choice]).await?;
                    after.result_document = Some(sha256.to_owned());
                }
                after.resolved_at = Some(now);
            }
            Action::Withdraw => {}
            Action::Return => {
                let delivery: Delivery = serde_json::from_str(&before.delivery)
                    .map_err(|_| DomainError::invalid("delivery", "unreadable"))?;
                record_handback(principal, &before, &delivery, details, &mut data)?;
                if matches!(delivery, Delivery::Post { .. }) {
                    let tracking = required(&details.tracking_number, "tracking_number")?;
                    data.insert("tracking_number".into(), tracking.clone().into());
                    after.tracking_number = Some(tracking);
                }
                after.returned_at = Some(now);
            }
        }
        if matches!(action, Action::Refuse) {
            after.resolved_at = Some(now);
        }
        // A hand-over or a decision closes a step: it is judged against the
        // step's own time where the unit set one, else the dossier's due date.
        let closes_step = matches!(action, Action::HandOver { .. } | Action::Approve | Action::Refuse);
        let judged_against = if closes_step { before.step_due_at.or(after.due_at) } else { after.due_at };
        let timeliness = match (action, judged_against) {
            (Action::Receive | Action::Withdraw | Action::RefuseAtReception, _) | (_, None) => String::new(),
            (_, Some(due)) => match Timeliness::classify(now, due) {
                Timeliness::Early => "early",
                Timeliness::OnTime => "on_time",
                Timeliness::Late => "late",
            }
            .to_owned(),
        };
        if matches!(action, Action::Approve | Action::Refuse)
            && (next.late_by_supplements() || after.due_at.is_some_and(|due| now > due))
        {
            after.late = true;
        }
        if next.late_by_supplements() {
            after.late = true;
        }
        after.status = next.status.as_str().to_owned();
        after.step = next.step.as_str().to_owned();
        after.supplement_requests = i64::from(next.supplement_requests);
        after.resume_to = next.resume_to.map(|s| s.as_str().to_owned());
        if next.step != lifecycle.step {
            after.step_started_at = now;
            after.step_due_at = self.step_due(&after, next.step, now).await?;
            if let Some(step_due) = after.step_due_at {
                data.insert("step_due_at".into(), crate::instant_text(step_due).into());
            }
        }
        let event = EventRecord {
            sequence: before.event_count + 1,
            dossier_id: before.id.clone(),
            at: crate::instant_text(now),
            actor: principal.account_id().to_owned(),
            role: principal.role_name().to_owned(),
            service_point: match principal {
                Principal::Officer { scope: motcua_domain::organisation::Scope::ServicePoint(code), .. } => {
                    code.clone()
                }
                _ => String::new(),
            },
            action: action.name().to_owned(),
            from_status: lifecycle.status.as_str().to_owned(),
            to_status: next.status.as_str().to_owned(),
            from_step: lifecycle.step.as_str().to_owned(),
            to_step: next.step.as_str().to_owned(),
            handed_to,
            timeliness,
            note: details.note.trim().to_owned(),
            data: serde_json::Value::Object(data).to_string(),
        };
        let messages: Vec<_> = crate::notify::status_message(
            &after,
            action,
            details.reason.as_deref(),
            details.amount_dong,
            self.public_url(),
        )
        .into_iter()
        .collect();
        let hash = chain_hash(&before.last_hash, &event);
        after.event_count = event.sequence;
        after.last_hash = hash.clone();
        after.updated_at = now;
        let code = self
            .store()
            .update_dossier(
                &after,
                before.event_count,
                &event,
                &hash,
                code_request.as_ref(),
                motcua_store::Along { documents: &attached, messages: &messages },
            )
            .await?;
        after.code = code;
        if action == Action::Approve {
            self.deliver_result(&after, &attached).await?;
        }
        self.view_of(after).await
    }

    /// Puts an electronic result into the applicant's document store, where
    /// it can be downloaded and reused in later dossiers.
    async fn deliver_result(
        &self,
        dossier: &DossierRecord,
        attached: &[motcua_store::AttachedDocument],
    ) -> AppResult<()> {
        let Some(account) = Applicant::parse(&dossier.applicant_id).account().map(str::to_owned) else {
            return Ok(());
        };
        for result in attached {
            self.store()
                .save_document(&motcua_store::DocumentRecord {
                    owner_id: account.clone(),
                    sha256: result.sha256.clone(),
                    file_name: result.file_name.clone(),
                    media_type: result.media_type.clone(),
                    size: result.size,
                    origin: "result".to_owned(),
                    dossier_code: dossier.code.clone(),
                    created_at: Utc::now(),
                })
                .await?;
        }
        Ok(())
    }
}

/// Records how a requested payment was made: the applicant's own through the
/// payment service, with its transaction reference; an officer's at the
/// counter, with the amount (the one requested), the method and the receipt.
fn record_payment(
    principal: &Principal,
    before: &DossierRecord,
    details: &ActionDetails,
    data: &mut serde_json::Map<String, serde_json::Value>,
) -> AppResult<()> {
    // The payment request set the dossier's fee to the amount it asked for.
    let requested = before.fee_dong;
    let (payment, reference_field) = match principal {
        Principal::Citizen { .. } => {
            (Payment::online(details.transaction_reference.as_deref(), requested)?, "transaction_reference")
        }
        Principal::Officer { .. } => (
            Payment::at_counter(
                details.payment_method.as_deref(),
                details.amount_dong,
                details.receipt_number.as_deref(),
                requested,
            )?,
            "receipt_number",
        ),
    };
    data.insert("method".into(), payment.method.as_str().into());
    data.insert("amount_dong".into(), payment.amount_dong.into());
    data.insert(reference_field.into(), payment.reference.into());
    Ok(())
}

/// An agent point hands back only the results collected or received there,
/// and always against the recipient's signature; at a centre the signature
/// is recorded when the officer took it.
fn record_handback(
    principal: &Principal,
    before: &DossierRecord,
    delivery: &Delivery,
    details: &ActionDetails,
    data: &mut serde_json::Map<String, serde_json::Value>,
) -> AppResult<()> {
    let agent_point = match principal {
        Principal::Officer { role: Role::AgentClerk, scope, .. } => Some(scope.code()),
        _ => None,
    };
    if let Some(point) = agent_point
        && !agent_point_returns(point, &before.service_point, delivery)
    {
        return Err(DomainError::invalid("delivery", "this result is not handed back at this point").into());
    }
    if agent_point.is_some() || details.signed_by_recipient {
        let signature = RecipientSignature::parse(
            details.signed_by_recipient,
            details.recipient_name.as_deref(),
            details.recipient_id_number.as_deref(),
        )?;
        data.insert("signed_by_recipient".into(), signature.signed_by_recipient.into());
        data.insert("recipient_name".into(), signature.recipient_name.into());
        data.insert("recipient_id_number".into(), signature.recipient_id_number.into());
    }
    Ok(())
}
