//! The dossier as one typed value, and everything an action does to it.
//!
//! [`Dossier::open`] creates a dossier with its first event; [`Dossier::apply`]
//! takes an action and answers the dossier after it together with the event
//! that records it, or why the action is refused. Both are pure: what they
//! need from the world (the time, who acts, the working calendar, the
//! procedure in force, the agency handed to) arrives as [`Facts`], gathered
//! by the caller, who then writes the dossier and its event together, or
//! nothing. The live use cases and the history generator call these same
//! functions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::event::{Arrival, Detail, Event, EventKind, Handback, Payload};
use super::{
    Action, Channel, Charges, Delivery, DossierCode, FormData, GENESIS_HASH, Lifecycle, Payment, PaymentMethod,
    RecipientSignature, Status, Step, SubmitterKind, agent_point_returns, chain_hash,
};
use crate::access::{Applicant, DossierPlaces, Principal};
use crate::clock::{Clock, ProcessingTime, TimeUnit, Timeliness};
use crate::organisation::{Agency, AgencyCode, Role, Scope};
use crate::{DomainError, Reason};

/// The person a dossier is for, as they gave their details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// The personal identification number (12 digits).
    pub personal_id: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

/// A dossier (hồ sơ): where it came from, who it is for, where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Dossier {
    pub province_code: String,
    /// The internal id: random, 128 bits, never shown as a sequence.
    pub id: String,
    /// The public code, given at reception.
    pub code: Option<DossierCode>,
    pub procedure_code: String,
    /// The procedure version the dossier is pinned to (0: a catalogue entry without details).
    pub procedure_version: i64,
    pub case_code: String,
    /// Whose dossier it is, which decides which account sees it.
    pub applicant: Applicant,
    pub contact: Contact,
    pub submitter_kind: SubmitterKind,
    pub submitter_account: String,
    pub channel: Channel,
    /// The service point that received it (or, online, will).
    pub service_point: String,
    pub service_point_unit: String,
    pub competent_agency: AgencyCode,
    pub competent_unit: String,
    /// Agencies the dossier was handed over from (liên thông), in order.
    pub agencies_involved: Vec<AgencyCode>,
    pub form: FormData,
    pub delivery: Delivery,
    /// The fee charged, in whole đồng; a payment request sets it to the amount asked.
    pub fee_dong: i64,
    /// What it is charged, item by item: paid, exempted or owed.
    pub charges: Charges,
    /// The legal processing time, when it can be computed.
    pub processing: Option<ProcessingTime>,
    pub lifecycle: Lifecycle,
    pub submitted_at: DateTime<Utc>,
    pub received_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    /// While the clock is stopped (supplement or payment requested): since when.
    pub paused_at: Option<DateTime<Utc>>,
    pub step_started_at: DateTime<Utc>,
    /// When the current step must be done, where the unit set a time for it.
    pub step_due_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub returned_at: Option<DateTime<Utc>>,
    /// The SHA-256 of the electronic result.
    pub result_document: Option<String>,
    pub tracking_number: Option<String>,
    /// Paid by the applicant through the payment service.
    pub paid_online: bool,
    pub late: bool,
    /// How many events its history holds, and the hash of the last.
    pub event_count: i64,
    pub last_hash: String,
    pub updated_at: DateTime<Utc>,
}

/// What an action carries besides its name, as the caller gave it. Which
/// fields an action needs, and what makes them valid, is [`Dossier::apply`]'s
/// to decide.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionInput {
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

impl ActionInput {
    /// An input carrying only a reason.
    pub fn with_reason(reason: impl Into<String>) -> ActionInput {
        ActionInput { reason: Some(reason.into()), ..ActionInput::default() }
    }
}

/// The procedure version in force when a dossier is received, as the
/// competent agency's unit offers it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Offer {
    pub version: i64,
    /// Its processing time for the dossier's case and channel, if computable.
    pub processing: Option<ProcessingTime>,
}

/// What an action needs to know that the dossier does not hold.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub now: DateTime<Utc>,
    /// Who acts.
    pub principal: &'a Principal,
    /// Working time at the dossier's service point.
    pub clock: Clock<'a>,
    /// The time the unit that holds the dossier after the action set for
    /// each step, where it set one.
    pub step_times: &'a [(Step, ProcessingTime)],
    /// At reception: the procedure as offered now; `None` keeps what the dossier has.
    pub offer: Option<Offer>,
    /// For a hand-over naming an agency: that agency, as found.
    pub to_agency: Option<&'a Agency>,
}

impl Facts<'_> {
    fn step_due(&self, step: Step) -> Result<Option<DateTime<Utc>>, DomainError> {
        self.step_times.iter().find(|(s, _)| *s == step).map(|(_, time)| self.clock.due_at(self.now, *time)).transpose()
    }

    /// The account, role and service point an event records for the actor.
    fn actor(&self) -> (&str, &str, &str) {
        let service_point = match self.principal {
            Principal::Officer { scope: Scope::ServicePoint(code), .. } => code.as_str(),
            _ => "",
        };
        (self.principal.account_id(), self.principal.role_name(), service_point)
    }
}

/// A new dossier as the caller made it from a submission: everything but
/// its state, which [`Dossier::open`] decides.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDossier {
    pub province_code: String,
    pub id: String,
    pub procedure_code: String,
    pub procedure_version: i64,
    pub case_code: String,
    pub applicant: Applicant,
    pub contact: Contact,
    pub submitter_kind: SubmitterKind,
    pub channel: Channel,
    pub service_point: String,
    pub service_point_unit: String,
    pub competent_agency: AgencyCode,
    pub competent_unit: String,
    pub form: FormData,
    pub delivery: Delivery,
    /// The procedure's fees for the channel (see [`Charges::of_procedure`]).
    pub charges: Charges,
    pub processing: Option<ProcessingTime>,
    /// Received at once (a desk), or waiting for reception (online).
    pub received_now: bool,
    pub consent: bool,
    pub identity_checked: bool,
    /// An outreach session's dossier entered after the session: why.
    pub late_entry_reason: Option<String>,
}

fn required(value: &Option<String>, field: &'static str) -> Result<String, DomainError> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| DomainError::invalid(field, Reason::Required))
}

fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Dossier {
    /// A new dossier and its first event: an online submission waiting for
    /// reception, or a dossier received at a desk, with its due date.
    pub fn open(new: NewDossier, facts: &Facts<'_>) -> Result<(Dossier, Event), DomainError> {
        let now = facts.now;
        let mut lifecycle = Lifecycle::submitted();
        let mut due_at = None;
        if new.received_now {
            lifecycle = lifecycle.apply(Action::Receive)?;
            if let Some(time) = new.processing {
                due_at = Some(facts.clock.due_at(now, time)?);
            }
        }
        let step_due_at = if new.received_now { facts.step_due(lifecycle.step)? } else { None };
        let kind = if new.received_now { EventKind::Act(Action::Receive) } else { EventKind::Submit };
        let (account, role, _) = facts.actor();
        let arrival = Arrival {
            channel: new.channel,
            consent: new.consent,
            identity_checked: new.identity_checked,
            late_entry_reason: new.late_entry_reason.clone(),
        };
        let event = Event::new(
            1,
            &new.id,
            now,
            (account, role, &new.service_point),
            kind,
            None,
            (lifecycle.status, lifecycle.step),
            String::new(),
            None,
            new.late_entry_reason.unwrap_or_default(),
            Payload { detail: Detail::Arrival(arrival), step_due_at: None },
        );
        let hash = chain_hash(GENESIS_HASH, &event.record());
        let dossier = Dossier {
            province_code: new.province_code,
            id: new.id,
            code: None,
            procedure_code: new.procedure_code,
            procedure_version: new.procedure_version,
            case_code: new.case_code,
            applicant: new.applicant,
            contact: new.contact,
            submitter_kind: new.submitter_kind,
            submitter_account: account.to_owned(),
            channel: new.channel,
            service_point: new.service_point,
            service_point_unit: new.service_point_unit,
            competent_agency: new.competent_agency,
            competent_unit: new.competent_unit,
            agencies_involved: Vec::new(),
            form: new.form,
            delivery: new.delivery,
            fee_dong: new.charges.state_total(),
            charges: new.charges,
            processing: new.processing,
            lifecycle,
            submitted_at: now,
            received_at: new.received_now.then_some(now),
            due_at,
            paused_at: None,
            step_started_at: now,
            step_due_at,
            resolved_at: None,
            returned_at: None,
            result_document: None,
            tracking_number: None,
            paid_online: false,
            late: false,
            event_count: 1,
            last_hash: hash,
            updated_at: now,
        };
        Ok((dossier, event))
    }

    /// The dossier after `action`, and the event that records it; or why
    /// the action is refused, in which case nothing changed. The caller has
    /// already checked that the actor may see the dossier and take the action.
    pub fn apply(
        &self,
        action: Action,
        input: &ActionInput,
        facts: &Facts<'_>,
    ) -> Result<(Dossier, Event), DomainError> {
        let now = facts.now;
        let next = self.lifecycle.apply(action)?;
        let mut after = self.clone();
        let mut handed_to = String::new();
        let mut detail = Detail::Nothing;
        match action {
            Action::Receive => {
                after.received_at = Some(now);
                // The dossier follows the procedure version in force at receipt.
                if let Some(offer) = facts.offer {
                    if offer.processing.is_some() {
                        after.processing = offer.processing;
                    }
                    after.procedure_version = offer.version;
                }
                if let Some(time) = after.processing {
                    after.due_at = Some(facts.clock.due_at(now, time)?);
                }
            }
            Action::RefuseAtReception | Action::Refuse | Action::Stop => {
                detail = Detail::Reason(required(&input.reason, "reason")?);
            }
            Action::RequestSupplement => {
                detail = Detail::Reason(required(&input.reason, "reason")?);
                after.paused_at = Some(now);
            }
            Action::RequestPayment => {
                let amount = input
                    .amount_dong
                    .filter(|a| *a > 0)
                    .ok_or_else(|| DomainError::invalid("amount_dong", Reason::PositiveDong))?;
                detail = Detail::PaymentRequest { amount_dong: amount };
                after.fee_dong = amount;
                after.charges.request(amount, input.reason.as_deref().unwrap_or_default());
                after.paused_at = Some(now);
            }
            Action::Supplement | Action::Pay => {
                if action == Action::Pay {
                    let payment = self.payment(facts.principal, input)?;
                    after.paid_online |= payment.method == PaymentMethod::Online;
                    if payment.method == PaymentMethod::Exempt {
                        after.charges.exempt_outstanding(&payment.reference);
                    } else {
                        after.charges.pay_outstanding(&payment.reference);
                    }
                    detail = Detail::Payment(payment);
                }
                if let (Some(due), Some(paused)) = (self.due_at, self.paused_at) {
                    after.due_at = Some(facts.clock.due_after_pause(due, paused, now)?);
                }
                after.paused_at = None;
            }
            Action::HandOver { .. } => {
                if let Some(agency) = facts.to_agency {
                    if agency.province_code != self.province_code {
                        return Err(DomainError::invalid("to_agency", Reason::InDossierProvince));
                    }
                    if agency.code != self.competent_agency && !after.agencies_involved.contains(&self.competent_agency)
                    {
                        after.agencies_involved.push(self.competent_agency.clone());
                    }
                    after.competent_agency = agency.code.clone();
                    after.competent_unit = agency.unit_code.clone();
                    handed_to = agency.code.to_string();
                }
                if let Some(officer) = filled(&input.to_officer) {
                    handed_to = officer.to_owned();
                }
            }
            Action::Extend => {
                let reason = required(&input.reason, "reason")?;
                let new_due = input.new_due_at.ok_or_else(|| DomainError::invalid("new_due_at", Reason::Required))?;
                if self.due_at.is_some_and(|due| new_due <= due) || new_due <= now {
                    return Err(DomainError::invalid("new_due_at", Reason::LaterThanDue));
                }
                detail = Detail::Extension { reason, previous_due_at: self.due_at, new_due_at: new_due };
                after.due_at = Some(new_due);
                after.late = true;
            }
            Action::Approve => {
                if let Some(sha256) = filled(&input.result_document) {
                    after.result_document = Some(sha256.to_owned());
                }
                after.resolved_at = Some(now);
            }
            Action::Withdraw => {}
            Action::Return => {
                let handback = self.handback(facts.principal, input)?;
                after.tracking_number = handback.tracking_number.clone().or(after.tracking_number);
                detail = Detail::Handback(handback);
                after.returned_at = Some(now);
            }
        }
        if action == Action::Refuse {
            after.resolved_at = Some(now);
        }
        // A hand-over or a decision closes a step: it is judged against the
        // step's own time where the unit set one, else the dossier's due date.
        let closes_step = matches!(action, Action::HandOver { .. } | Action::Approve | Action::Refuse);
        let judged_against = if closes_step { self.step_due_at.or(after.due_at) } else { after.due_at };
        let timeliness = match (action, judged_against) {
            (Action::Receive | Action::Withdraw | Action::RefuseAtReception, _) | (_, None) => None,
            (_, Some(due)) => Some(Timeliness::classify(now, due)),
        };
        let decided_late = matches!(action, Action::Approve | Action::Refuse) && after.due_at.is_some_and(|d| now > d);
        if decided_late || next.late_by_supplements() {
            after.late = true;
        }
        after.lifecycle = next;
        let mut step_due_at = None;
        if next.step != self.lifecycle.step {
            after.step_started_at = now;
            after.step_due_at = facts.step_due(next.step)?;
            step_due_at = after.step_due_at;
        }
        let event = Event::new(
            self.event_count + 1,
            &self.id,
            now,
            facts.actor(),
            EventKind::Act(action),
            Some((self.lifecycle.status, self.lifecycle.step)),
            (next.status, next.step),
            handed_to,
            timeliness,
            input.note.trim().to_owned(),
            Payload { detail, step_due_at },
        );
        after.last_hash = chain_hash(&self.last_hash, &event.record());
        after.event_count = event.sequence;
        after.updated_at = now;
        Ok((after, event))
    }

    /// How a requested payment was made: the applicant's own through the
    /// payment service, with its transaction reference; an officer's at the
    /// counter, with the amount (the one requested), the method and the receipt.
    fn payment(&self, principal: &Principal, input: &ActionInput) -> Result<Payment, DomainError> {
        // The payment request set the dossier's fee to the amount it asked for.
        let requested = self.fee_dong;
        match principal {
            Principal::Citizen { .. } => Payment::online(input.transaction_reference.as_deref(), requested),
            Principal::Officer { .. } if input.payment_method.as_deref() == Some(PaymentMethod::Exempt.as_str()) => {
                Payment::exemption(input.reason.as_deref(), requested)
            }
            Principal::Officer { .. } => Payment::at_counter(
                input.payment_method.as_deref(),
                input.amount_dong,
                input.receipt_number.as_deref(),
                requested,
            ),
        }
    }

    /// How the result is handed over. An agent point hands back only the
    /// results collected or received there, and always against the
    /// recipient's signature; at a centre the signature is recorded when the
    /// officer took it. A result sent by post needs its tracking number.
    fn handback(&self, principal: &Principal, input: &ActionInput) -> Result<Handback, DomainError> {
        let agent_point = match principal {
            Principal::Officer { role: Role::AgentClerk, scope, .. } => Some(scope.code()),
            _ => None,
        };
        if let Some(point) = agent_point
            && !agent_point_returns(point, &self.service_point, &self.delivery)
        {
            return Err(DomainError::invalid("delivery", Reason::NotHandedBackHere));
        }
        let signature = if agent_point.is_some() || input.signed_by_recipient {
            Some(RecipientSignature::parse(
                input.signed_by_recipient,
                input.recipient_name.as_deref(),
                input.recipient_id_number.as_deref(),
            )?)
        } else {
            None
        };
        let tracking_number = match self.delivery {
            Delivery::Post { .. } => Some(required(&input.tracking_number, "tracking_number")?),
            _ => None,
        };
        Ok(Handback { tracking_number, signature })
    }

    /// The places and people the scope rules look at.
    pub fn places(&self) -> DossierPlaces<'_> {
        DossierPlaces {
            province_code: &self.province_code,
            service_point: &self.service_point,
            service_point_unit: &self.service_point_unit,
            competent_agency: self.competent_agency.as_str(),
            competent_unit: &self.competent_unit,
            agencies_involved: &self.agencies_involved,
            applicant: &self.applicant,
            submitter_account: &self.submitter_account,
        }
    }

    pub fn status(&self) -> Status {
        self.lifecycle.status
    }

    pub fn step(&self) -> Step {
        self.lifecycle.step
    }

    /// The code if it has one, else the internal id: how pages and messages name it.
    pub fn reference(&self) -> String {
        self.code.as_ref().map_or_else(|| self.id.clone(), ToString::to_string)
    }

    /// The service point where the applicant collects the result, if in person.
    pub fn pickup_point(&self) -> Option<&str> {
        match &self.delivery {
            Delivery::Counter { service_point } => Some(service_point),
            _ => None,
        }
    }

    /// Whether the result goes by post.
    pub fn goes_by_post(&self) -> bool {
        matches!(self.delivery, Delivery::Post { .. })
    }
}

/// The processing time of a dossier taken at a desk: the procedure's own,
/// else the time limit the officer states, which only a procedure without
/// one may take and which a catalogue entry without details must be given
/// to be received.
pub fn time_limit_of(
    stated_by_procedure: Option<ProcessingTime>,
    stated_at_desk: Option<ProcessingTime>,
    channel: Channel,
    catalogue_entry: bool,
    received_now: bool,
) -> Result<Option<ProcessingTime>, DomainError> {
    match (stated_by_procedure, stated_at_desk) {
        (Some(_), Some(_)) => Err(DomainError::invalid("time_limit", Reason::TimeLimitInCatalogue)),
        (Some(time), None) => Ok(Some(time)),
        (None, Some(_)) if channel == Channel::Online => {
            Err(DomainError::invalid("time_limit", Reason::OnlyDeskStatesTimeLimit))
        }
        (None, Some(time)) => {
            let computable = !matches!(time.unit, TimeUnit::Other | TimeUnit::SameDay);
            if !(computable && time.amount > 0.0 && time.amount <= 365.0) {
                return Err(DomainError::invalid("time_limit", Reason::DaysUpTo365));
            }
            Ok(Some(time))
        }
        (None, None) if catalogue_entry && received_now => {
            Err(DomainError::invalid("time_limit", Reason::StateTheTimeLimit))
        }
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests;
