//! The processing control slip (form 06) as a view of a dossier's history:
//! one row per hand-over, saying who gave, who received, when, and whether
//! that step ended early, on time or late.

use chrono::{DateTime, Utc};

use super::{Event, EventKind, Status, Step};
use crate::clock::Timeliness;

/// One row of the control slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipRow {
    pub sequence: i64,
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    /// Who handed the dossier on, and in what role.
    pub giver: String,
    pub giver_role: String,
    pub service_point: String,
    /// Who received it: the officer or agency named, else whoever acted next.
    pub receiver: String,
    pub from_step: Option<Step>,
    pub to_step: Step,
    pub to_status: Status,
    /// Whether the step ended early, on time or late; none where no deadline applied yet.
    pub timeliness: Option<Timeliness>,
    pub note: String,
}

/// The control slip of a history given in order.
pub fn control_slip(events: &[Event]) -> Vec<SlipRow> {
    events
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let receiver = if event.handed_to.is_empty() {
                events.get(i + 1).map(|next| next.actor.clone()).unwrap_or_default()
            } else {
                event.handed_to.clone()
            };
            SlipRow {
                sequence: event.sequence,
                at: event.at,
                kind: event.kind,
                giver: event.actor.clone(),
                giver_role: event.role.clone(),
                service_point: event.service_point.clone(),
                receiver,
                from_step: event.from_step,
                to_step: event.to_step,
                to_status: event.to_status,
                timeliness: event.timeliness,
                note: event.note.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(sequence: i64, actor: &str, handed_to: &str) -> Event {
        let record = crate::dossier::EventRecord {
            sequence: sequence + 1,
            dossier_id: "d".into(),
            at: "2025-11-03T01:00:00.000000Z".into(),
            actor: actor.into(),
            role: "r".into(),
            service_point: String::new(),
            action: "hand_over".into(),
            from_status: "received".into(),
            to_status: "processing".into(),
            from_step: "review".into(),
            to_step: "approval".into(),
            handed_to: handed_to.into(),
            timeliness: "on_time".into(),
            note: String::new(),
            data: "{}".into(),
        };
        Event::from_record(&record).expect("event")
    }

    #[test]
    fn the_receiver_is_the_one_named_or_the_next_to_act() {
        let slip = control_slip(&[event(1, "a", ""), event(2, "b", "000.04.01.H29"), event(3, "c", "")]);
        let receivers: Vec<&str> = slip.iter().map(|r| r.receiver.as_str()).collect();
        assert_eq!(receivers, ["b", "000.04.01.H29", ""]);
    }
}
