//! One event of a dossier's history, typed: what happened, who did it, the
//! statuses and steps it moved between, and what the action carried (its
//! payload). [`EventRecord`] is the same event as the chain hashes it; the
//! payload's JSON text is kept exactly as it was hashed, so a history written
//! by an older version still verifies.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::{Action, Channel, EventRecord, Payment, PaymentMethod, RecipientSignature, Status, Step};
use crate::clock::Timeliness;
use crate::{DomainError, Reason};

/// What an event records: the dossier's creation, or an action on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// Submitted online, not yet received (the first event only).
    Submit,
    /// An action of the state machine; a dossier taken at a desk starts with `Receive`.
    Act(Action),
}

impl EventKind {
    /// The name the history records.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Submit => "submit",
            EventKind::Act(action) => action.name(),
        }
    }

    /// The action, unless this is an online submission.
    pub fn action(self) -> Option<Action> {
        match self {
            EventKind::Submit => None,
            EventKind::Act(action) => Some(action),
        }
    }

    /// Reads a recorded name; a hand-over names its step separately.
    pub fn parse(name: &str, to_step: Step) -> Result<EventKind, DomainError> {
        if name == "submit" {
            return Ok(EventKind::Submit);
        }
        Action::ALL
            .into_iter()
            .find(|a| {
                a.name() == name && (!matches!(a, Action::HandOver { .. }) || *a == Action::HandOver { to: to_step })
            })
            .map(EventKind::Act)
            .ok_or_else(|| DomainError::invalid("action", Reason::Unknown(name.to_owned())))
    }
}

/// How a dossier arrived, recorded by its first event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    pub channel: Channel,
    /// The applicant, present, agreed to an officer submitting for them.
    pub consent: bool,
    /// The officer checked the applicant's identity card at reception.
    pub identity_checked: bool,
    /// An outreach session's dossier entered after the session: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_entry_reason: Option<String>,
}

/// How a result was handed over: the postal tracking number when it went by
/// post, the recipient's signature when it was handed over in person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handback {
    pub tracking_number: Option<String>,
    pub signature: Option<RecipientSignature>,
}

/// What an action carried, by kind of action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// Nothing beyond the action itself (a receipt, a hand-over, an approval, …).
    Nothing,
    /// The first event: how the dossier arrived.
    Arrival(Arrival),
    /// The legal reason of a refusal or a stop, or what a supplement must add.
    Reason(String),
    /// The amount a payment request asks for.
    PaymentRequest { amount_dong: i64 },
    /// A payment made.
    Payment(Payment),
    /// An extension (form 04): why, the due date it replaces and the new one.
    Extension { reason: String, previous_due_at: Option<DateTime<Utc>>, new_due_at: DateTime<Utc> },
    /// A result handed over.
    Handback(Handback),
}

/// An event's payload: the action's detail, and when the step the dossier
/// entered must be done, where the unit set a time for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub detail: Detail,
    pub step_due_at: Option<DateTime<Utc>>,
}

/// An instant as the history writes it: fixed-width RFC 3339 in UTC.
pub fn instant_text(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn parse_instant(text: &str, field: &'static str) -> Result<DateTime<Utc>, DomainError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| DomainError::invalid(field, Reason::ExpectedInstant))
}

/// The stored JSON of each kind of detail, fields in name order (the order
/// the history has always written them in).
mod stored {
    use serde::{Deserialize, Serialize};

    use crate::dossier::PaymentMethod;

    #[derive(Serialize, Deserialize)]
    pub(super) struct Nothing {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) step_due_at: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct Reason {
        pub(super) reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) step_due_at: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct PaymentRequest {
        pub(super) amount_dong: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) step_due_at: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct Payment {
        pub(super) amount_dong: i64,
        pub(super) method: PaymentMethod,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) receipt_number: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) step_due_at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) transaction_reference: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) exemption_reason: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct Extension {
        pub(super) new_due_at: String,
        pub(super) previous_due_at: Option<String>,
        pub(super) reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) step_due_at: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct Handback {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) recipient_id_number: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) recipient_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) signed_by_recipient: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) step_due_at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub(super) tracking_number: Option<String>,
    }
}

impl Payload {
    /// The payload as the history stores it: a JSON object, its keys in name order.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The payload as a JSON object, for clients that read the history whole.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::to_value;
        let step_due_at = self.step_due_at.map(instant_text);
        let value = match &self.detail {
            Detail::Nothing => to_value(stored::Nothing { step_due_at }),
            // The first event starts the dossier's first step: no step time was set before.
            Detail::Arrival(arrival) => to_value(arrival),
            Detail::Reason(reason) => to_value(stored::Reason { reason: reason.clone(), step_due_at }),
            Detail::PaymentRequest { amount_dong } => {
                to_value(stored::PaymentRequest { amount_dong: *amount_dong, step_due_at })
            }
            Detail::Payment(payment) => {
                let of = |method: PaymentMethod| (payment.method == method).then(|| payment.reference.clone());
                let exempt = payment.method == PaymentMethod::Exempt;
                let at_counter = !exempt && payment.method != PaymentMethod::Online;
                to_value(stored::Payment {
                    amount_dong: payment.amount_dong,
                    method: payment.method,
                    receipt_number: at_counter.then(|| payment.reference.clone()),
                    step_due_at,
                    transaction_reference: of(PaymentMethod::Online),
                    exemption_reason: of(PaymentMethod::Exempt),
                })
            }
            Detail::Extension { reason, previous_due_at, new_due_at } => to_value(stored::Extension {
                new_due_at: instant_text(*new_due_at),
                previous_due_at: previous_due_at.map(instant_text),
                reason: reason.clone(),
                step_due_at,
            }),
            Detail::Handback(handback) => {
                let signature = handback.signature.as_ref();
                to_value(stored::Handback {
                    recipient_id_number: signature.map(|s| s.recipient_id_number.clone()),
                    recipient_name: signature.map(|s| s.recipient_name.clone()),
                    signed_by_recipient: signature.map(|s| s.signed_by_recipient),
                    step_due_at,
                    tracking_number: handback.tracking_number.clone(),
                })
            }
        };
        // Turning plain strings, numbers and booleans into JSON cannot fail.
        value.unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new()))
    }

    /// Reads a stored payload, knowing which event it belongs to.
    pub fn decode(kind: EventKind, first: bool, json: &str) -> Result<Payload, DomainError> {
        fn read<'a, T: Deserialize<'a>>(json: &'a str) -> Result<T, DomainError> {
            serde_json::from_str(json)
                .map_err(|e| DomainError::invalid("event_data", Reason::Unreadable(e.to_string())))
        }
        let step = |text: Option<String>| text.map(|t| parse_instant(&t, "step_due_at")).transpose();
        if first {
            return Ok(Payload { detail: Detail::Arrival(read(json)?), step_due_at: None });
        }
        let Some(action) = kind.action() else {
            return Err(DomainError::invalid("event_data", Reason::FirstEventOnly));
        };
        Ok(match action {
            Action::RefuseAtReception | Action::RequestSupplement | Action::Stop | Action::Refuse => {
                let stored: stored::Reason = read(json)?;
                Payload { detail: Detail::Reason(stored.reason), step_due_at: step(stored.step_due_at)? }
            }
            Action::RequestPayment => {
                let stored: stored::PaymentRequest = read(json)?;
                Payload {
                    detail: Detail::PaymentRequest { amount_dong: stored.amount_dong },
                    step_due_at: step(stored.step_due_at)?,
                }
            }
            Action::Pay => {
                let stored: stored::Payment = read(json)?;
                let reference = stored
                    .transaction_reference
                    .or(stored.receipt_number)
                    .or(stored.exemption_reason)
                    .unwrap_or_default();
                Payload {
                    detail: Detail::Payment(Payment {
                        method: stored.method,
                        amount_dong: stored.amount_dong,
                        reference,
                    }),
                    step_due_at: step(stored.step_due_at)?,
                }
            }
            Action::Extend => {
                let stored: stored::Extension = read(json)?;
                Payload {
                    detail: Detail::Extension {
                        reason: stored.reason,
                        previous_due_at: stored
                            .previous_due_at
                            .map(|t| parse_instant(&t, "previous_due_at"))
                            .transpose()?,
                        new_due_at: parse_instant(&stored.new_due_at, "new_due_at")?,
                    },
                    step_due_at: step(stored.step_due_at)?,
                }
            }
            Action::Return => {
                let stored: stored::Handback = read(json)?;
                let signature = match (stored.signed_by_recipient, stored.recipient_name, stored.recipient_id_number) {
                    (Some(signed), Some(name), Some(number)) => Some(RecipientSignature {
                        signed_by_recipient: signed,
                        recipient_name: name,
                        recipient_id_number: number,
                    }),
                    _ => None,
                };
                Payload {
                    detail: Detail::Handback(Handback { tracking_number: stored.tracking_number, signature }),
                    step_due_at: step(stored.step_due_at)?,
                }
            }
            Action::Receive | Action::Supplement | Action::HandOver { .. } | Action::Withdraw | Action::Approve => {
                let stored: stored::Nothing = read(json)?;
                Payload { detail: Detail::Nothing, step_due_at: step(stored.step_due_at)? }
            }
        })
    }

    /// The reason a refusal, stop, supplement request or extension gave.
    pub fn reason(&self) -> Option<&str> {
        match &self.detail {
            Detail::Reason(reason) | Detail::Extension { reason, .. } => Some(reason),
            Detail::Payment(Payment { method: PaymentMethod::Exempt, reference, .. }) => Some(reference),
            _ => None,
        }
    }
}

/// One event of a dossier's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// 1, 2, 3, … within the dossier.
    pub sequence: i64,
    pub dossier_id: String,
    pub at: DateTime<Utc>,
    /// Who acted: an account id.
    pub actor: String,
    /// The actor's role, or `applicant` (see `access::APPLICANT_ROLE`).
    pub role: String,
    /// The service point the actor worked at, if any.
    pub service_point: String,
    pub kind: EventKind,
    /// The status before; none for the first event.
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub from_step: Option<Step>,
    pub to_step: Step,
    /// Who the dossier was handed to (an officer, an agency), if anyone.
    pub handed_to: String,
    /// Whether the step that ended finished early, on time or late, where a deadline applied.
    pub timeliness: Option<Timeliness>,
    pub note: String,
    pub payload: Payload,
    /// The payload's JSON exactly as the chain hashed it.
    data: String,
}

impl Event {
    /// A new event; its payload is written out once, here, and hashed as written.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        sequence: i64,
        dossier_id: &str,
        at: DateTime<Utc>,
        actor: (&str, &str, &str),
        kind: EventKind,
        from: Option<(Status, Step)>,
        to: (Status, Step),
        handed_to: String,
        timeliness: Option<Timeliness>,
        note: String,
        payload: Payload,
    ) -> Event {
        let (account, role, service_point) = actor;
        Event {
            sequence,
            dossier_id: dossier_id.to_owned(),
            at,
            actor: account.to_owned(),
            role: role.to_owned(),
            service_point: service_point.to_owned(),
            kind,
            from_status: from.map(|(status, _)| status),
            to_status: to.0,
            from_step: from.map(|(_, step)| step),
            to_step: to.1,
            handed_to,
            timeliness,
            note,
            data: payload.to_json(),
            payload,
        }
    }

    /// Reads a stored event: its record, as hashed, gives every field.
    pub fn from_record(record: &EventRecord) -> Result<Event, DomainError> {
        let to_step = Step::parse(&record.to_step)?;
        let kind = EventKind::parse(&record.action, to_step)?;
        let timeliness = match record.timeliness.as_str() {
            "" => None,
            "early" => Some(Timeliness::Early),
            "on_time" => Some(Timeliness::OnTime),
            "late" => Some(Timeliness::Late),
            other => return Err(DomainError::invalid("timeliness", Reason::Unknown(other.to_owned()))),
        };
        Ok(Event {
            sequence: record.sequence,
            dossier_id: record.dossier_id.clone(),
            at: parse_instant(&record.at, "at")?,
            actor: record.actor.clone(),
            role: record.role.clone(),
            service_point: record.service_point.clone(),
            kind,
            from_status: Some(record.from_status.as_str()).filter(|t| !t.is_empty()).map(Status::parse).transpose()?,
            to_status: Status::parse(&record.to_status)?,
            from_step: Some(record.from_step.as_str()).filter(|t| !t.is_empty()).map(Step::parse).transpose()?,
            to_step,
            handed_to: record.handed_to.clone(),
            timeliness,
            note: record.note.clone(),
            payload: Payload::decode(kind, record.sequence == 1, &record.data)?,
            data: record.data.clone(),
        })
    }

    /// The event as the chain hashes and the store keeps it.
    pub fn record(&self) -> EventRecord {
        EventRecord {
            sequence: self.sequence,
            dossier_id: self.dossier_id.clone(),
            at: instant_text(self.at),
            actor: self.actor.clone(),
            role: self.role.clone(),
            service_point: self.service_point.clone(),
            action: self.kind.name().to_owned(),
            from_status: self.from_status.map(Status::as_str).unwrap_or_default().to_owned(),
            to_status: self.to_status.as_str().to_owned(),
            from_step: self.from_step.map(Step::as_str).unwrap_or_default().to_owned(),
            to_step: self.to_step.as_str().to_owned(),
            handed_to: self.handed_to.clone(),
            timeliness: self.timeliness.map(Timeliness::as_str).unwrap_or_default().to_owned(),
            note: self.note.clone(),
            data: self.data.clone(),
        }
    }

    /// The action of this event, if it is one (not an online submission).
    pub fn action(&self) -> Option<Action> {
        self.kind.action()
    }

    /// Whether this event took `action` (any hand-over matches any other).
    pub fn is(&self, action: Action) -> bool {
        self.kind.action().is_some_and(|a| a.name() == action.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        parse_instant(text, "at").expect("instant")
    }

    #[test]
    fn every_payload_reads_back_as_it_was_written() {
        let signature = RecipientSignature {
            signed_by_recipient: true,
            recipient_name: "Nguyễn Văn An".into(),
            recipient_id_number: "001099012345".into(),
        };
        let due = Some(at("2025-11-05T10:00:00Z"));
        let cases = [
            (EventKind::Act(Action::Receive), Detail::Nothing, due),
            (EventKind::Act(Action::Refuse), Detail::Reason("Không đủ điều kiện".into()), None),
            (EventKind::Act(Action::RequestPayment), Detail::PaymentRequest { amount_dong: 50_000 }, None),
            (
                EventKind::Act(Action::Pay),
                Detail::Payment(Payment { method: PaymentMethod::Cash, amount_dong: 50_000, reference: "BL1".into() }),
                None,
            ),
            (
                EventKind::Act(Action::Pay),
                Detail::Payment(Payment { method: PaymentMethod::Online, amount_dong: 1, reference: "GD1".into() }),
                None,
            ),
            (
                EventKind::Act(Action::Extend),
                Detail::Extension {
                    reason: "Cần xác minh".into(),
                    previous_due_at: None,
                    new_due_at: at("2025-12-01T10:00:00Z"),
                },
                None,
            ),
            (
                EventKind::Act(Action::Return),
                Detail::Handback(Handback { tracking_number: Some("EV1VN".into()), signature: Some(signature) }),
                None,
            ),
            (EventKind::Act(Action::HandOver { to: Step::Approval }), Detail::Nothing, due),
        ];
        for (kind, detail, step_due_at) in cases {
            let payload = Payload { detail, step_due_at };
            let json = payload.to_json();
            assert_eq!(Payload::decode(kind, false, &json), Ok(payload.clone()), "{json}");
        }
        let arrival =
            Arrival { channel: Channel::Counter, consent: true, identity_checked: false, late_entry_reason: None };
        let first = Payload { detail: Detail::Arrival(arrival), step_due_at: None };
        assert_eq!(first.to_json(), r#"{"channel":"counter","consent":true,"identity_checked":false}"#);
        assert_eq!(Payload::decode(EventKind::Submit, true, &first.to_json()), Ok(first));
    }

    #[test]
    fn payloads_written_before_they_were_typed_still_read() {
        let payment = r#"{"amount_dong":50000,"method":"online","transaction_reference":"VNP-1"}"#;
        let read = Payload::decode(EventKind::Act(Action::Pay), false, payment).expect("payment");
        assert_eq!(
            read.detail,
            Detail::Payment(Payment { method: PaymentMethod::Online, amount_dong: 50_000, reference: "VNP-1".into() })
        );
        let extension = r#"{"new_due_at":"2025-12-01T10:00:00.000000Z","previous_due_at":null,"reason":"x"}"#;
        assert!(Payload::decode(EventKind::Act(Action::Extend), false, extension).is_ok());
        let late = r#"{"channel":"outreach","consent":true,"identity_checked":true,"late_entry_reason":"mưa"}"#;
        let read = Payload::decode(EventKind::Act(Action::Receive), true, late).expect("arrival");
        assert!(matches!(read.detail, Detail::Arrival(Arrival { late_entry_reason: Some(_), .. })));
        assert!(Payload::decode(EventKind::Act(Action::Refuse), false, "{}").is_err(), "a refusal has its reason");
    }

    #[test]
    fn a_record_converts_to_an_event_and_back_unchanged() {
        let record = EventRecord {
            sequence: 2,
            dossier_id: "d1".into(),
            at: "2025-11-03T01:00:00.000000Z".into(),
            actor: "hn.chuyenvien".into(),
            role: "specialist".into(),
            service_point: String::new(),
            action: "hand_over".into(),
            from_status: "received".into(),
            to_status: "processing".into(),
            from_step: "review".into(),
            to_step: "approval".into(),
            handed_to: "hn.lanhdao".into(),
            timeliness: "early".into(),
            note: String::new(),
            data: "{}".into(),
        };
        let event = Event::from_record(&record).expect("event");
        assert_eq!(event.kind, EventKind::Act(Action::HandOver { to: Step::Approval }));
        assert_eq!(event.timeliness, Some(Timeliness::Early));
        assert_eq!(event.record(), record);
        let mut unknown = record.clone();
        unknown.action = "teleport".into();
        assert!(Event::from_record(&unknown).is_err());
    }
}
