//! The statutory forms of one dossier (Circular 03/2025/TT-VPCP, forms
//! 01–06) and which event of its history issues each: a form exists once
//! its event happened, and shows that event (the last one, when it happened
//! more than once). The tracking book (07) covers many dossiers and is not
//! one of these.

use super::{Action, Event};

/// A form issued for one dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatutoryForm {
    /// 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
    Receipt,
    /// 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
    SupplementRequest,
    /// 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ.
    Refusal,
    /// 04 Văn bản xin lỗi và hẹn lại ngày trả kết quả.
    Apology,
    /// 05 Thông báo dừng giải quyết hồ sơ.
    StopNotice,
    /// 06 Phiếu kiểm soát quá trình giải quyết hồ sơ: the whole history.
    ControlSlip,
}

impl StatutoryForm {
    pub const ALL: [StatutoryForm; 6] = [
        StatutoryForm::Receipt,
        StatutoryForm::SupplementRequest,
        StatutoryForm::Refusal,
        StatutoryForm::Apology,
        StatutoryForm::StopNotice,
        StatutoryForm::ControlSlip,
    ];

    /// The form's number in the circular.
    pub fn number(self) -> u8 {
        match self {
            StatutoryForm::Receipt => 1,
            StatutoryForm::SupplementRequest => 2,
            StatutoryForm::Refusal => 3,
            StatutoryForm::Apology => 4,
            StatutoryForm::StopNotice => 5,
            StatutoryForm::ControlSlip => 6,
        }
    }

    pub fn from_number(number: u8) -> Option<StatutoryForm> {
        StatutoryForm::ALL.into_iter().find(|f| f.number() == number)
    }

    /// The action whose event issues the form; none for the control slip,
    /// which every dossier has.
    pub fn issued_by(self) -> Option<Action> {
        match self {
            StatutoryForm::Receipt => Some(Action::Receive),
            StatutoryForm::SupplementRequest => Some(Action::RequestSupplement),
            StatutoryForm::Refusal => Some(Action::RefuseAtReception),
            StatutoryForm::Apology => Some(Action::Extend),
            StatutoryForm::StopNotice => Some(Action::Stop),
            StatutoryForm::ControlSlip => None,
        }
    }

    /// The event the form shows, from a history in order: the last of its
    /// action. `None` when the history has none, or for the control slip.
    pub fn source(self, events: &[Event]) -> Option<&Event> {
        let action = self.issued_by()?;
        events.iter().rev().find(|e| e.is(action))
    }

    /// Whether a dossier with this history has the form.
    pub fn issued(self, events: &[Event]) -> bool {
        self.issued_by().is_none() || self.source(events).is_some()
    }
}

/// The forms a dossier with this history can print, in number order.
pub fn printable_forms(events: &[Event]) -> Vec<StatutoryForm> {
    StatutoryForm::ALL.into_iter().filter(|f| f.issued(events)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::EventRecord;

    fn event(sequence: i64, action: &str, data: &str) -> Event {
        let record = EventRecord {
            sequence,
            dossier_id: "d".into(),
            at: format!("2025-11-03T0{sequence}:00:00.000000Z"),
            actor: format!("officer{sequence}"),
            role: "intake_officer".into(),
            service_point: String::new(),
            action: action.into(),
            from_status: if sequence == 1 { String::new() } else { "received".into() },
            to_status: "received".into(),
            from_step: if sequence == 1 { String::new() } else { "review".into() },
            to_step: "review".into(),
            handed_to: String::new(),
            timeliness: String::new(),
            note: String::new(),
            data: data.into(),
        };
        Event::from_record(&record).expect("event")
    }

    #[test]
    fn each_form_comes_from_the_last_event_of_its_action() {
        let arrival = r#"{"channel":"counter","consent":true,"identity_checked":true}"#;
        let history = [
            event(1, "receive", arrival),
            event(2, "request_supplement", r#"{"reason":"một"}"#),
            event(3, "supplement", "{}"),
            event(4, "request_supplement", r#"{"reason":"hai"}"#),
        ];
        let numbers: Vec<u8> = printable_forms(&history).iter().map(|f| f.number()).collect();
        assert_eq!(numbers, [1, 2, 6]);
        let asked = StatutoryForm::SupplementRequest.source(&history).expect("asked");
        assert_eq!((asked.actor.as_str(), asked.payload.reason()), ("officer4", Some("hai")));
        assert_eq!(StatutoryForm::Receipt.source(&history).map(|e| e.sequence), Some(1));
        assert!(StatutoryForm::Refusal.source(&history).is_none());
        assert!(StatutoryForm::ControlSlip.issued(&history));
        for form in StatutoryForm::ALL {
            assert_eq!(StatutoryForm::from_number(form.number()), Some(form));
        }
        assert_eq!(StatutoryForm::from_number(7), None, "the tracking book is not one dossier's");
    }
}
