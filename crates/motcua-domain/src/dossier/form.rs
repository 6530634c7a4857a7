//! What a dossier says besides its place in the workflow: the applicant's
//! answers (tờ khai) and the documents handed in at a desk, and who submitted
//! it for whom.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{DomainError, Reason};

/// One document handed in at a desk: a component of the procedure, or, for
/// a catalogue entry without details, a document the officer named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedComponent {
    /// The procedure's component code; empty when the officer named the document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub component_code: String,
    /// The document's name as the officer wrote it, when no component code applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// An original (bản chính) rather than a copy (bản sao).
    #[serde(default = "original_by_default")]
    pub original: bool,
    /// How many of it were handed in.
    #[serde(default = "one")]
    pub count: u32,
}

fn original_by_default() -> bool {
    true
}

fn one() -> u32 {
    1
}

/// The applicant's answers: the request in a few words, the address, the
/// documents handed in at a desk, and any answers the procedure's own form
/// asks for, kept under their names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormData {
    /// What the applicant asks for (nội dung đề nghị).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub request: String,
    /// Where the applicant lives, as they wrote it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// The documents handed in at a desk, in the order the officer ticked or named them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received_components: Vec<ReceivedComponent>,
    /// The answers of the procedure's own form (e.g. `land_parcel`), by name.
    #[serde(flatten)]
    pub answers: BTreeMap<String, serde_json::Value>,
}

impl FormData {
    /// Whether the desk named at least one document handed in, as the
    /// generic reception of a catalogue entry without details must (the
    /// catalogue lists none to tick).
    pub fn names_a_document(&self) -> bool {
        self.received_components.iter().any(|c| c.name.as_deref().is_some_and(|n| !n.trim().is_empty()))
    }

    /// The component codes of the documents handed in, without the named ones.
    pub fn received_codes(&self) -> impl Iterator<Item = &str> {
        self.received_components.iter().map(|c| c.component_code.as_str()).filter(|c| !c.is_empty())
    }
}

/// Who submitted a dossier, in relation to its applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmitterKind {
    /// The applicant submitted it online for themselves.
    #[serde(rename = "self")]
    Applicant,
    /// A citizen submitted it online for someone else, as their representative.
    Representative,
    /// An intake officer took it at a counter or an outreach session, for a present, consenting applicant.
    OfficerAssisted,
    /// An agent point's clerk or an outreach helper took it for the applicant.
    Agent,
}

impl SubmitterKind {
    pub const ALL: [SubmitterKind; 4] =
        [SubmitterKind::Applicant, SubmitterKind::Representative, SubmitterKind::OfficerAssisted, SubmitterKind::Agent];

    pub fn as_str(self) -> &'static str {
        match self {
            SubmitterKind::Applicant => "self",
            SubmitterKind::Representative => "representative",
            SubmitterKind::OfficerAssisted => "officer_assisted",
            SubmitterKind::Agent => "agent",
        }
    }

    pub fn parse(text: &str) -> Result<SubmitterKind, DomainError> {
        SubmitterKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| DomainError::invalid("submitter_kind", Reason::Unknown(text.to_owned())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_data_keeps_the_procedures_own_answers_beside_the_known_ones() {
        let json = r#"{"request":"Đăng ký tạm trú","land_parcel":"Tờ 12, thửa 345",
            "received_components":[{"component_code":"TK01","original":false},{"name":"Tờ khai"}]}"#;
        let form: FormData = serde_json::from_str(json).expect("form");
        assert_eq!(form.request, "Đăng ký tạm trú");
        assert_eq!(form.answers["land_parcel"], "Tờ 12, thửa 345");
        assert_eq!(
            form.received_components[0],
            ReceivedComponent { component_code: "TK01".into(), name: None, original: false, count: 1 }
        );
        assert!(form.received_components[1].original, "an original unless said otherwise");
        assert!(form.names_a_document());
        assert_eq!(form.received_codes().collect::<Vec<_>>(), ["TK01"]);
        let back: FormData = serde_json::from_str(&serde_json::to_string(&form).expect("json")).expect("form");
        assert_eq!(back, form);
        let answers_only: FormData = serde_json::from_str(r#"{"land_parcel":"khác"}"#).expect("form");
        assert_eq!(serde_json::to_value(&answers_only).expect("json"), serde_json::json!({ "land_parcel": "khác" }));
        assert!(serde_json::from_str::<FormData>(r#"{"request": 5}"#).is_err(), "a request is words");
    }

    #[test]
    fn submitter_kinds_parse_from_their_stored_names() {
        for kind in SubmitterKind::ALL {
            assert_eq!(SubmitterKind::parse(kind.as_str()), Ok(kind));
            assert_eq!(serde_json::to_value(kind).expect("json"), kind.as_str());
        }
        assert!(SubmitterKind::parse("robot").is_err());
    }
}
