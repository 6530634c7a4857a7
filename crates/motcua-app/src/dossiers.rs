//! The dossier's use cases: submit on any channel, act on it (receive,
//! hand over, supplement, decide, return, …), read it within one's scope,
//! look it up publicly, and verify every history chain.
//!
//! Each action is checked in this order: the dossier is visible to the caller
//! (else it is "not found"), the caller's role may take the action, the state
//! machine allows it, its data is complete. Only then are the new state and
//! its event written, together, or not at all.

use chrono::{DateTime, TimeZone, Utc};
use motcua_domain::DomainError;
use motcua_domain::access::{DossierPlaces, Principal, can_see, may_act, may_submit};
use motcua_domain::catalogue::{Procedure, StatedTime, SubmissionMethod};
use motcua_domain::clock::{Clock, ProcessingTime, TimeUnit, Timeliness, to_vietnam_time, vietnam_year};
use motcua_domain::dossier::{
    Action, Channel, Delivery, EventRecord, GENESIS_HASH, Lifecycle, SlipRow, Status, Step, chain_hash, control_slip,
    verify_chain,
};
use motcua_domain::identity::PersonalId;
use motcua_domain::organisation::{AgencyCode, ServicePointKind};
pub use motcua_store::DossierRecord;
use motcua_store::{CodeRequest, Created, DossierFilter, IdempotencyClaim};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::accounts::{normalise_phone, random_id};
use crate::documents::DocumentChoice;
use crate::{App, AppError, AppResult};

/// The person a dossier is for, when it is not the signed-in citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantDetails {
    pub id_number: String,
    pub full_name: String,
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub address: String,
}

/// A request to create a dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmitDossier {
    pub procedure_code: String,
    #[serde(default)]
    pub case_code: Option<String>,
    pub channel: Channel,
    /// The service point receiving the dossier; for online dossiers, the centre
    /// that will receive it (default: a centre of the competent agency's unit).
    #[serde(default)]
    pub service_point: Option<String>,
    pub competent_agency: String,
    /// Who the dossier is for: required when an officer submits, or when a
    /// citizen submits for someone else as their representative.
    #[serde(default)]
    pub applicant: Option<ApplicantDetails>,
    /// The applicant, present, agreed to an officer submitting for them.
    #[serde(default)]
    pub applicant_consents: bool,
    #[serde(default)]
    pub form_data: serde_json::Value,
    /// Documents from the submitter's store, one per component they fill.
    #[serde(default)]
    pub documents: Vec<DocumentChoice>,
    pub delivery: Delivery,
}

/// What an action carries besides its name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionDetails {
    #[serde(default)]
    pub note: String,
    /// The legal reason of a refusal or stop, or what a supplement must add.
    #[serde(default)]
    pub reason: Option<String>,
    /// For a hand-over to another agency (liên thông).
    #[serde(default)]
    pub to_agency: Option<String>,
    /// For a hand-over to a named officer.
    #[serde(default)]
    pub to_officer: Option<String>,
    /// For an extension: the new due instant.
    #[serde(default)]
    pub new_due_at: Option<DateTime<Utc>>,
    /// For a payment request: the amount in đồng.
    #[serde(default)]
    pub amount_dong: Option<i64>,
    /// For a postal return: the postal tracking number.
    #[serde(default)]
    pub tracking_number: Option<String>,
    /// For an approval: the SHA-256 of the electronic result, uploaded by the approver.
    #[serde(default)]
    pub result_document: Option<String>,
    /// For a supplement: the documents added.
    #[serde(default)]
    pub documents: Vec<DocumentChoice>,
}

/// A dossier with its history, as its owner or an officer in scope sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierView {
    pub dossier: DossierRecord,
    pub events: Vec<EventRecord>,
    pub documents: Vec<motcua_store::AttachedDocument>,
}

/// What the public lookup answers: nothing about the applicant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicStatus {
    pub code: String,
    pub procedure_code: String,
    pub status: String,
    pub national_status_code: u8,
    pub received_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub history: Vec<PublicEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicEvent {
    pub at: String,
    pub action: String,
    pub status: String,
}

/// One line of the tracking book (form 07).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackingBookRow {
    pub code: String,
    pub procedure_code: String,
    pub sets: u32,
    pub applicant_name: String,
    pub applicant_address: String,
    pub applicant_phone: String,
    pub competent_agency: String,
    pub received_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    /// When the dossier first left the counter.
    pub sent_at: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub returned_at: Option<DateTime<Utc>>,
    pub status: String,
    pub late: bool,
}

/// A dossier whose history does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenHistory {
    pub dossier: String,
    pub first_bad_event: i64,
}

pub(crate) fn places(d: &DossierRecord) -> DossierPlaces<'_> {
    DossierPlaces {
        province_code: &d.province_code,
        service_point: &d.service_point,
        service_point_unit: &d.service_point_unit,
        competent_agency: &d.competent_agency,
        competent_unit: &d.competent_unit,
        agencies_involved: &d.agencies_involved,
        applicant_id: &d.applicant_id,
        submitter_account: &d.submitter_account,
    }
}

fn lifecycle_of(d: &DossierRecord) -> AppResult<Lifecycle> {
    Ok(Lifecycle {
        status: Status::parse(&d.status)?,
        step: Step::parse(&d.step)?,
        supplement_requests: u32::try_from(d.supplement_requests).unwrap_or(u32::MAX),
        resume_to: d.resume_to.as_deref().map(Status::parse).transpose()?,
    })
}

/// The processing time that applies: the case's own, else the channel's.
fn processing_time(procedure: &Procedure, case_code: &str, channel: Channel) -> Option<ProcessingTime> {
    let method = match channel {
        Channel::Online => SubmissionMethod::Online,
        Channel::Postal => SubmissionMethod::Postal,
        Channel::Counter | Channel::AgentPoint | Channel::Outreach => SubmissionMethod::Direct,
    };
    let computable = |t: &StatedTime| {
        t.amount.filter(|a| *a > 0.0 && t.unit != TimeUnit::Other).map(|amount| ProcessingTime { amount, unit: t.unit })
    };
    procedure
        .cases
        .iter()
        .find(|c| c.code == case_code)
        .and_then(|c| c.processing_time.as_ref())
        .and_then(computable)
        .or_else(|| procedure.channel(method).and_then(|c| computable(&c.processing_time)))
        .or_else(|| procedure.channels.iter().find_map(|c| computable(&c.processing_time)))
}

fn fee_of(procedure: &Procedure, channel: Channel) -> i64 {
    let method = if channel == Channel::Online { SubmissionMethod::Online } else { SubmissionMethod::Direct };
    procedure
        .channel(method)
        .or_else(|| procedure.channels.first())
        .map(|c| c.fees.iter().filter_map(|f| f.amount_dong).filter(|a| *a > 0).sum())
        .unwrap_or(0)
}

/// The request's digest, so a retried Idempotency-Key can be told from a reused one.
fn request_digest(request: &SubmitDossier) -> String {
    let bytes = serde_json::to_vec(request).unwrap_or_default();
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn required(value: &Option<String>, field: &'static str) -> Result<String, DomainError> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| DomainError::invalid(field, "is required"))
}

impl App {
    /// A working clock for a service point, covering the years a due date may reach.
    async fn clock_for(
        &self,
        service_point: &str,
        from: DateTime<Utc>,
    ) -> AppResult<(motcua_domain::calendar::WorkCalendar, motcua_domain::clock::WorkingHours)> {
        let hours = self.store().service_point(service_point).await?.map(|p| p.working_hours).unwrap_or_default();
        let year = vietnam_year(from);
        let calendar = self.work_calendar(year, (year + 3).min(motcua_domain::calendar::lunar::LAST_YEAR)).await?;
        Ok((calendar, hours))
    }

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
        let version = self
            .store()
            .current_procedure(request.procedure_code.trim())
            .await?
            .ok_or_else(|| AppError::not_found("procedure", request.procedure_code.trim()))?;
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
        let agency_code = AgencyCode::parse(&request.competent_agency)?;
        let agency = self
            .store()
            .agency(agency_code.as_str())
            .await?
            .ok_or_else(|| AppError::not_found("agency", agency_code.as_str()))?;
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
        if let Principal::Officer { scope, .. } = principal
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
        let now = Utc::now();
        let processing = processing_time(procedure, &case_code, request.channel);
        let received_now = request.channel != Channel::Online;
        let mut lifecycle = Lifecycle::submitted();
        let mut due_at = None;
        if received_now {
            lifecycle = lifecycle.apply(Action::Receive)?;
            if let Some(time) = processing {
                let (calendar, hours) = self.clock_for(&point.code, now).await?;
                due_at = Some(Clock::new(&calendar, &hours).due_at(now, time)?);
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
            note: String::new(),
            data: serde_json::json!({ "channel": request.channel.as_str(), "consent": request.applicant_consents })
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
        let code =
            received_now.then(|| CodeRequest { agency: agency.code.clone(), day: to_vietnam_time(now).date_naive() });
        let claim = idempotency_key.map(|key| IdempotencyClaim {
            account_id: principal.account_id().to_owned(),
            key: key.to_owned(),
            request_hash: request_digest(request),
        });
        let documents = self.attachments(principal, &request.documents).await?;
        match self.store().create_dossier(&record, &event, &hash, code.as_ref(), claim.as_ref(), &documents).await? {
            Created::New { code } => Ok(DossierRecord { code, ..record }),
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
                    String::new(),
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
                let account = self.store().citizen_by_personal_id(personal_id.as_str()).await?;
                let applicant_id =
                    account.map(|c| c.id).unwrap_or_else(|| format!("unregistered:{}", personal_id.as_str()));
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

    /// Puts an electronic result into the applicant's document store, where
    /// it can be downloaded and reused in later dossiers.
    async fn deliver_result(
        &self,
        dossier: &DossierRecord,
        attached: &[motcua_store::AttachedDocument],
    ) -> AppResult<()> {
        if dossier.applicant_id.starts_with("unregistered:") {
            return Ok(());
        }
        for result in attached {
            self.store()
                .save_document(&motcua_store::DocumentRecord {
                    owner_id: dossier.applicant_id.clone(),
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

    /// A dossier the caller may see, or "not found".
    async fn visible_dossier(&self, principal: &Principal, reference: &str) -> AppResult<DossierRecord> {
        let dossier = self.store().dossier(reference.trim()).await?;
        match dossier {
            Some(d) if can_see(principal, &places(&d)) => Ok(d),
            _ => Err(AppError::not_found("dossier", reference.trim())),
        }
    }

    /// A dossier and its history, within the caller's scope.
    pub async fn dossier(&self, principal: &Principal, reference: &str) -> AppResult<DossierView> {
        let dossier = self.visible_dossier(principal, reference).await?;
        self.view_of(dossier).await
    }

    async fn view_of(&self, dossier: DossierRecord) -> AppResult<DossierView> {
        let events = self.store().dossier_events(&dossier.province_code, &dossier.id).await?;
        let documents = self.store().dossier_documents(&dossier.province_code, &dossier.id).await?;
        Ok(DossierView { events: events.into_iter().map(|(e, _)| e).collect(), documents, dossier })
    }

    /// The processing control slip (form 06) of a dossier in the caller's scope.
    pub async fn control_slip(
        &self,
        principal: &Principal,
        reference: &str,
    ) -> AppResult<(DossierRecord, Vec<SlipRow>)> {
        let view = self.dossier(principal, reference).await?;
        let slip = control_slip(&view.events);
        Ok((view.dossier, slip))
    }

    /// The tracking book (form 07): the dossiers received in the officer's
    /// scope between two Vietnam dates, inclusive.
    pub async fn tracking_book(
        &self,
        principal: &Principal,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> AppResult<Vec<TrackingBookRow>> {
        let Principal::Officer { scope, .. } = principal else {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "tracking_book" });
        };
        if to < from || (to - from).num_days() > 366 {
            return Err(DomainError::invalid("to", "must be on or after from, within a year").into());
        }
        let start = |d: chrono::NaiveDate| {
            motcua_domain::clock::vietnam_offset()
                .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
                .single()
                .map(|t| t.with_timezone(&Utc))
        };
        let mut filter = DossierFilter {
            received_from: start(from),
            received_before: to.succ_opt().and_then(start),
            ..DossierFilter::default()
        };
        match scope {
            motcua_domain::organisation::Scope::ServicePoint(code) => filter.service_point = Some(code.clone()),
            motcua_domain::organisation::Scope::Agency(code) => filter.agency = Some(code.clone()),
            motcua_domain::organisation::Scope::Unit(code) => filter.unit = Some(code.clone()),
        }
        let mut rows = Vec::new();
        for dossier in self.store().dossiers(&filter, 5000, 0).await? {
            let events = self.store().dossier_events(&dossier.province_code, &dossier.id).await?;
            let sent_at = events.iter().find(|(e, _)| e.action == "hand_over").map(|(e, _)| e.at.clone());
            rows.push(TrackingBookRow {
                code: dossier.code.clone().unwrap_or_default(),
                procedure_code: dossier.procedure_code,
                sets: 1,
                applicant_name: dossier.applicant_name,
                applicant_address: dossier.applicant_address,
                applicant_phone: dossier.applicant_phone,
                competent_agency: dossier.competent_agency,
                received_at: dossier.received_at,
                due_at: dossier.due_at,
                sent_at,
                resolved_at: dossier.resolved_at,
                returned_at: dossier.returned_at,
                status: dossier.status,
                late: dossier.late,
            });
        }
        rows.sort_by(|a, b| a.received_at.cmp(&b.received_at).then_with(|| a.code.cmp(&b.code)));
        Ok(rows)
    }

    /// The dossiers in the caller's scope, newest first.
    pub async fn dossiers(
        &self,
        principal: &Principal,
        status: Option<&str>,
        page: u32,
    ) -> AppResult<Vec<DossierRecord>> {
        let mut filter = DossierFilter {
            status: status.map(|s| Status::parse(s).map(|s| s.as_str().to_owned())).transpose()?,
            ..DossierFilter::default()
        };
        match principal {
            Principal::Citizen { id } => filter.account = Some(id.clone()),
            Principal::Officer { scope, .. } => match scope {
                motcua_domain::organisation::Scope::ServicePoint(code) => filter.service_point = Some(code.clone()),
                motcua_domain::organisation::Scope::Agency(code) => filter.agency = Some(code.clone()),
                motcua_domain::organisation::Scope::Unit(code) => filter.unit = Some(code.clone()),
            },
        }
        let page = i64::from(page.max(1));
        Ok(self.store().dossiers(&filter, 50, (page - 1) * 50).await?)
    }

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
        let (calendar, hours) = self.clock_for(&before.service_point, before.submitted_at.min(now)).await?;
        let clock = Clock::new(&calendar, &hours);
        match action {
            Action::Receive => {
                after.received_at = Some(now);
                // The dossier follows the procedure version in force at receipt.
                if let Some(version) = self.store().current_procedure(&before.procedure_code).await? {
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
                    after.due_at = Some(clock.due_at(now, time)?);
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
                attached = self.attachments(principal, &details.documents).await?;
                if let (Some(due), Some(paused)) = (before.due_at, before.paused_at) {
                    after.due_at = Some(clock.due_after_pause(due, paused, now)?);
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
                    attached = self.attachments(principal, &[choice]).await?;
                    after.result_document = Some(sha256.to_owned());
                }
                after.resolved_at = Some(now);
            }
            Action::Withdraw => {}
            Action::Return => {
                let delivery: Delivery = serde_json::from_str(&before.delivery)
                    .map_err(|_| DomainError::invalid("delivery", "unreadable"))?;
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
        let timeliness = match (action, after.due_at) {
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
        let hash = chain_hash(&before.last_hash, &event);
        after.event_count = event.sequence;
        after.last_hash = hash.clone();
        after.updated_at = now;
        let code = self
            .store()
            .update_dossier(&after, before.event_count, &event, &hash, code_request.as_ref(), &attached)
            .await?;
        after.code = code;
        if action == Action::Approve {
            self.deliver_result(&after, &attached).await?;
        }
        self.view_of(after).await
    }

    /// The public lookup: status and history summary for whoever holds both
    /// the dossier code and the applicant's identification number or phone.
    /// A wrong pair answers exactly like an unknown code.
    pub async fn lookup(&self, code: &str, id_number: Option<&str>, phone: Option<&str>) -> AppResult<PublicStatus> {
        let not_found = || AppError::not_found("dossier", code.trim());
        let code = motcua_domain::dossier::DossierCode::parse(code).map_err(|_| not_found())?;
        let dossier = self.store().dossier(code.as_str()).await?.ok_or_else(not_found)?;
        let matches = match (id_number, phone) {
            (Some(id), _) => PersonalId::parse(id).is_ok_and(|id| id.as_str() == dossier.applicant_personal_id),
            (None, Some(phone)) => normalise_phone(phone).is_ok_and(|p| p == dossier.applicant_phone),
            (None, None) => false,
        };
        if !matches || dossier.code.as_deref() != Some(code.as_str()) {
            return Err(not_found());
        }
        let status = Status::parse(&dossier.status)?;
        let events = self.store().dossier_events(&dossier.province_code, &dossier.id).await?;
        Ok(PublicStatus {
            code: code.to_string(),
            procedure_code: dossier.procedure_code,
            status: status.as_str().to_owned(),
            national_status_code: status.national_code(),
            received_at: dossier.received_at,
            due_at: dossier.due_at,
            history: events
                .into_iter()
                .map(|(e, _)| PublicEvent { at: e.at, action: e.action, status: e.to_status })
                .collect(),
        })
    }

    /// Checks every dossier's history chain and that its row agrees with it.
    pub async fn verify_histories(&self) -> AppResult<(u64, Vec<BrokenHistory>)> {
        let mut broken = Vec::new();
        let mut checked = 0;
        let mut after: Option<(String, String)> = None;
        loop {
            let keys = self.store().dossier_keys(after.as_ref().map(|(p, i)| (p.as_str(), i.as_str())), 500).await?;
            let Some(last) = keys.last().cloned() else { break };
            for (province, id) in &keys {
                checked += 1;
                let events = self.store().dossier_events(province, id).await?;
                let row = self.store().dossier(id).await?;
                let name = row.as_ref().and_then(|d| d.code.clone()).unwrap_or_else(|| id.clone());
                let chain = verify_chain(events.iter().map(|(e, h)| (e, h.as_str())));
                let agrees = row.as_ref().is_some_and(|d| {
                    d.event_count == events.len() as i64 && events.last().is_some_and(|(_, h)| *h == d.last_hash)
                });
                match chain {
                    Err(sequence) => broken.push(BrokenHistory { dossier: name, first_bad_event: sequence }),
                    Ok(()) if !agrees => {
                        broken.push(BrokenHistory { dossier: name, first_bad_event: events.len() as i64 + 1 })
                    }
                    Ok(()) => {}
                }
            }
            after = Some(last);
        }
        Ok((checked, broken))
    }
}
