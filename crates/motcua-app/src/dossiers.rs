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
use motcua_domain::access::{Applicant, Principal, can_see, collects_here, may_act, may_submit};
use motcua_domain::calendar::WorkCalendar;
use motcua_domain::clock::{Clock, ProcessingTime, TimeUnit, WorkingHours, to_vietnam_time};
use motcua_domain::dossier::{
    Action, Channel, Delivery, NewDossier, SlipRow, Status, Step, control_slip, verify_chain,
};
pub use motcua_domain::dossier::{ActionInput, Dossier, Event, FormData};
use motcua_domain::identity::PersonalId;
use motcua_domain::organisation::ServicePointKind;
use motcua_store::{CodeRequest, Created, DossierFilter, IdempotencyClaim};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::accounts::{normalise_phone, random_id};
use crate::calendar::years_around;
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
    pub form_data: FormData,
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

/// What an action carries besides its name: the domain's input, and the
/// documents from the actor's store it attaches (a supplement's documents).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionDetails {
    #[serde(flatten)]
    pub input: ActionInput,
    /// For a supplement: the documents added.
    #[serde(default)]
    pub documents: Vec<DocumentChoice>,
}

impl ActionDetails {
    /// Details carrying only a reason.
    pub fn with_reason(reason: impl Into<String>) -> ActionDetails {
        ActionDetails { input: ActionInput::with_reason(reason), documents: Vec::new() }
    }
}

/// A dossier with its history, as its owner or an officer in scope sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierView {
    pub dossier: Dossier,
    pub events: Vec<Event>,
    pub documents: Vec<motcua_store::AttachedDocument>,
    /// While a payment is requested: how much, and where to pay.
    pub payment_due: Option<PaymentDue>,
}

/// What the public lookup answers: nothing about the applicant.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicStatus {
    pub code: String,
    pub procedure_code: String,
    pub status: Status,
    pub received_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub history: Vec<PublicEvent>,
}

/// One step of a dossier's history as the public lookup shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicEvent {
    pub at: DateTime<Utc>,
    pub kind: motcua_domain::dossier::EventKind,
    pub status: Status,
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
    pub sent_at: Option<DateTime<Utc>>,
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

/// The request's digest, so a retried Idempotency-Key can be told from a reused one.
fn request_digest(request: &SubmitDossier) -> String {
    let bytes = serde_json::to_vec(request).unwrap_or_default();
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

mod act;
mod desk;
mod forms;
mod names;
mod outreach;
mod pay_online;
mod payment;
mod rate;
mod receipts;
mod submit;
mod views;
mod worklist;

pub use desk::Colleague;
pub use forms::{FormContent, HandedIn};
pub use names::NamedSlipRow;
pub use pay_online::{CallsMade, MAX_CALL_ATTEMPTS, OrdersQueried, QUERY_AFTER_EXPIRY_MINUTES};
pub use payment::PaymentDue;
pub use rate::RatingRecord;
pub use receipts::{CheckedReceipt, ReceiptContent, receipt_check_path};
pub use worklist::{WorkItem, WorklistFilter, WorklistPage};

/// What the world holds for a dossier's action: the working calendar and
/// the sessions of its service point, and the times the unit holding it set
/// for its steps. The domain's [`motcua_domain::dossier::Facts`] borrow from it.
pub(crate) struct Circumstances {
    calendar: WorkCalendar,
    hours: WorkingHours,
    step_times: Vec<(Step, ProcessingTime)>,
}

impl Circumstances {
    pub(crate) fn facts<'a>(
        &'a self,
        principal: &'a Principal,
        now: DateTime<Utc>,
    ) -> motcua_domain::dossier::Facts<'a> {
        motcua_domain::dossier::Facts {
            now,
            principal,
            clock: Clock::new(&self.calendar, &self.hours),
            step_times: &self.step_times,
            offer: None,
            to_agency: None,
        }
    }
}

impl App {
    /// What an action at `now` needs of the world, for a dossier at its
    /// service point, held after the action by `unit_code`.
    pub(crate) async fn circumstances(
        &self,
        dossier: &Dossier,
        processing: Option<ProcessingTime>,
        unit_code: &str,
        now: DateTime<Utc>,
    ) -> AppResult<Circumstances> {
        let (first, last) = years_around(
            &[dossier.received_at, dossier.paused_at, dossier.due_at],
            now,
            processing.or(dossier.processing),
        );
        Ok(Circumstances {
            calendar: self.work_calendar(first, last).await?,
            hours: self.working_hours_of(&dossier.service_point).await?,
            step_times: self.step_times(&dossier.procedure_code, &dossier.province_code, unit_code).await?,
        })
    }

    async fn working_hours_of(&self, service_point: &str) -> AppResult<WorkingHours> {
        Ok(self.store().service_point(service_point).await?.map(|p| p.working_hours).unwrap_or_default())
    }

    /// A dossier the caller may see, or "not found".
    async fn visible_dossier(&self, principal: &Principal, reference: &str) -> AppResult<Dossier> {
        let dossier = self.store().dossier(reference.trim()).await?;
        match dossier {
            Some(d)
                if can_see(principal, &d.places()) || d.pickup_point().is_some_and(|p| collects_here(principal, p)) =>
            {
                Ok(d)
            }
            _ => Err(AppError::not_found("dossier", reference.trim())),
        }
    }

    async fn view_of(&self, dossier: Dossier) -> AppResult<DossierView> {
        let events = self.store().dossier_events(&dossier.province_code, &dossier.id).await?;
        let documents = self.store().dossier_documents(&dossier.province_code, &dossier.id).await?;
        let payment_due = self.payment_due(&dossier).await?;
        Ok(DossierView { events, documents, dossier, payment_due })
    }
}
