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
use motcua_domain::access::{Applicant, DossierPlaces, Principal, can_see, collects_here, may_act, may_submit};
use motcua_domain::catalogue::{Procedure, StatedTime, SubmissionMethod};
use motcua_domain::clock::{ProcessingTime, TimeUnit, Timeliness, to_vietnam_time};
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
    /// The officer checked the applicant's identity card against the
    /// details: only then can the dossier reach the applicant's verified
    /// online account.
    #[serde(default)]
    pub applicant_identity_checked: bool,
    #[serde(default)]
    pub form_data: serde_json::Value,
    /// Documents from the submitter's store, one per component they fill.
    #[serde(default)]
    pub documents: Vec<DocumentChoice>,
    pub delivery: Delivery,
    /// At a desk: what the officer decides on the spot (default: receive).
    #[serde(default)]
    pub outcome: DeskOutcome,
    /// For an outreach session's dossier entered by an officer after the
    /// session: why it is entered late (kept in the history).
    #[serde(default)]
    pub late_entry_reason: Option<String>,
    /// At a desk, for a procedure whose catalogue gives no time limit: the
    /// time limit the officer states at reception (from the province's
    /// published list), from which the due date is counted. Required to
    /// receive a procedure known only from its catalogue entry.
    #[serde(default)]
    pub time_limit: Option<ProcessingTime>,
}

/// Whether a desk named at least one document handed in, as the generic
/// reception of a catalogue entry without details must (the catalogue lists
/// none to tick).
fn names_a_document(form_data: &serde_json::Value) -> bool {
    form_data["received_components"]
        .as_array()
        .is_some_and(|items| items.iter().any(|item| item["name"].as_str().is_some_and(|n| !n.trim().is_empty())))
}

/// The processing time of a dossier: the procedure's own, else the time
/// limit stated at a desk, which only a procedure without one may take and
/// which a catalogue entry without details must be given to be received.
fn time_limit_of(
    stated_by_procedure: Option<ProcessingTime>,
    request: &SubmitDossier,
    catalogue_entry: bool,
    received_now: bool,
) -> Result<Option<ProcessingTime>, DomainError> {
    match (stated_by_procedure, request.time_limit) {
        (Some(_), Some(_)) => {
            Err(DomainError::invalid("time_limit", "this procedure's time limit is in the catalogue"))
        }
        (Some(time), None) => Ok(Some(time)),
        (None, Some(_)) if request.channel == Channel::Online => {
            Err(DomainError::invalid("time_limit", "only a desk states a time limit"))
        }
        (None, Some(time)) => {
            let computable = !matches!(time.unit, TimeUnit::Other | TimeUnit::SameDay);
            if !(computable && time.amount > 0.0 && time.amount <= 365.0) {
                return Err(DomainError::invalid("time_limit", "must be a number above 0 and at most 365"));
            }
            Ok(Some(time))
        }
        (None, None) if catalogue_entry && received_now => Err(DomainError::invalid(
            "time_limit",
            "the catalogue gives no time limit for this procedure: state the one the province published",
        )),
        (None, None) => Ok(None),
    }
}

/// What a desk decides when an applicant hands a dossier in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "decision")]
pub enum DeskOutcome {
    /// Receive it: a code and a due date at once (form 01).
    #[default]
    Receive,
    /// Hand back a request to complete it (form 02); it waits, not received.
    RequestSupplement { reason: String },
    /// Refuse it, with the legal reason (form 03).
    Refuse { reason: String },
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
    /// For the applicant's payment: the payment service's transaction reference.
    #[serde(default)]
    pub transaction_reference: Option<String>,
    /// For a payment at a counter: cash, pos or transfer (the amount is `amount_dong`).
    #[serde(default)]
    pub payment_method: Option<String>,
    /// For a payment at a counter: the receipt's number.
    #[serde(default)]
    pub receipt_number: Option<String>,
    /// For a result handed over in person: the recipient signed for it.
    #[serde(default)]
    pub signed_by_recipient: bool,
    /// For a result handed over in person: who took it.
    #[serde(default)]
    pub recipient_name: Option<String>,
    /// For a result handed over in person: the recipient's personal identification number.
    #[serde(default)]
    pub recipient_id_number: Option<String>,
}

/// A dossier with its history, as its owner or an officer in scope sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierView {
    pub dossier: DossierRecord,
    pub events: Vec<EventRecord>,
    pub documents: Vec<motcua_store::AttachedDocument>,
    /// While a payment is requested: how much, and where to pay.
    pub payment_due: Option<PaymentDue>,
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

/// The service point where the applicant collects the result, if in person.
pub(crate) fn pickup_point(d: &DossierRecord) -> Option<String> {
    match serde_json::from_str(&d.delivery) {
        Ok(Delivery::Counter { service_point }) => Some(service_point),
        _ => None,
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
pub(crate) fn processing_time(procedure: &Procedure, case_code: &str, channel: Channel) -> Option<ProcessingTime> {
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

pub(crate) fn fee_of(procedure: &Procedure, channel: Channel) -> i64 {
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

mod act;
mod desk;
mod names;
mod outreach;
mod payment;
mod rate;
mod submit;
mod views;
mod worklist;

pub use desk::Colleague;
pub use names::NamedSlipRow;
pub use payment::PaymentDue;
pub use rate::RatingRecord;
pub use worklist::{WorkItem, WorklistFilter, WorklistPage};

impl App {
    /// The working sessions of the service point a dossier belongs to.
    /// When a step entered at `now` must be done, if the unit set its time.
    async fn step_due(
        &self,
        dossier: &DossierRecord,
        step: Step,
        now: DateTime<Utc>,
    ) -> AppResult<Option<DateTime<Utc>>> {
        let time =
            self.step_time(&dossier.procedure_code, &dossier.province_code, &dossier.competent_unit, step).await?;
        match time {
            Some(time) => {
                let hours = self.working_hours_of(&dossier.service_point).await?;
                Ok(Some(self.due_at_with(&hours, now, time).await?))
            }
            None => Ok(None),
        }
    }

    async fn working_hours_of(&self, service_point: &str) -> AppResult<motcua_domain::clock::WorkingHours> {
        Ok(self.store().service_point(service_point).await?.map(|p| p.working_hours).unwrap_or_default())
    }

    /// A dossier the caller may see, or "not found".
    async fn visible_dossier(&self, principal: &Principal, reference: &str) -> AppResult<DossierRecord> {
        let dossier = self.store().dossier(reference.trim()).await?;
        match dossier {
            Some(d)
                if can_see(principal, &places(&d))
                    || pickup_point(&d).is_some_and(|p| collects_here(principal, &p)) =>
            {
                Ok(d)
            }
            _ => Err(AppError::not_found("dossier", reference.trim())),
        }
    }

    async fn view_of(&self, dossier: DossierRecord) -> AppResult<DossierView> {
        let events = self.store().dossier_events(&dossier.province_code, &dossier.id).await?;
        let documents = self.store().dossier_documents(&dossier.province_code, &dossier.id).await?;
        let payment_due = self.payment_due(&dossier).await?;
        Ok(DossierView { events: events.into_iter().map(|(e, _)| e).collect(), documents, dossier, payment_due })
    }
}
