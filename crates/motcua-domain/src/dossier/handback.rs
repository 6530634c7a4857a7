//! Handing a result back in person (trả kết quả trực tiếp), at a centre's
//! counter or at an agent point, against the recipient's signature.

use serde::{Deserialize, Serialize};

use crate::dossier::Delivery;
use crate::identity::PersonalId;
use crate::{DomainError, Reason};

/// Who signed for a result handed over in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientSignature {
    pub signed_by_recipient: bool,
    pub recipient_name: String,
    pub recipient_id_number: String,
}

impl RecipientSignature {
    /// The recipient signed the return slip, and gave their name and
    /// personal identification number.
    pub fn parse(signed: bool, name: Option<&str>, id_number: Option<&str>) -> Result<RecipientSignature, DomainError> {
        if !signed {
            return Err(DomainError::invalid("signed_by_recipient", Reason::RecipientSigns));
        }
        let name = name
            .map(str::trim)
            .filter(|n| n.chars().count() >= 2)
            .ok_or_else(|| DomainError::invalid("recipient_name", Reason::Required))?;
        let id = PersonalId::parse(id_number.unwrap_or_default()).map_err(|e| match e {
            DomainError::InvalidValue { reason, .. } => {
                DomainError::InvalidValue { field: "recipient_id_number", reason }
            }
            other => other,
        })?;
        Ok(RecipientSignature {
            signed_by_recipient: true,
            recipient_name: name.to_owned(),
            recipient_id_number: id.as_str().to_owned(),
        })
    }
}

/// Whether an agent point hands this result back: one collected there, or
/// received there and collected in person; never one sent by post.
pub fn agent_point_returns(agent_point: &str, received_at: &str, delivery: &Delivery) -> bool {
    match delivery {
        Delivery::Post { .. } => false,
        Delivery::Counter { service_point } => service_point == agent_point || received_at == agent_point,
        Delivery::Online => received_at == agent_point,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_needs_the_flag_a_name_and_a_valid_number() {
        let signed = RecipientSignature::parse(true, Some(" Nguyễn Văn An "), Some("001099012345")).expect("signed");
        assert_eq!(
            (signed.recipient_name.as_str(), signed.recipient_id_number.as_str()),
            ("Nguyễn Văn An", "001099012345")
        );
        let field = |r: Result<RecipientSignature, DomainError>| match r {
            Err(DomainError::InvalidValue { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(RecipientSignature::parse(false, Some("An Nguyễn"), Some("001099012345"))),
            "signed_by_recipient"
        );
        assert_eq!(field(RecipientSignature::parse(true, Some(" "), Some("001099012345"))), "recipient_name");
        assert_eq!(field(RecipientSignature::parse(true, Some("An Nguyễn"), Some("12345"))), "recipient_id_number");
        assert_eq!(field(RecipientSignature::parse(true, Some("An Nguyễn"), None)), "recipient_id_number");
    }

    #[test]
    fn an_agent_point_returns_what_is_collected_or_was_received_there() {
        let at = |point: &str| Delivery::Counter { service_point: point.to_owned() };
        assert!(agent_point_returns("HN-BD-POST", "HN-BADINH", &at("HN-BD-POST")), "collected there");
        assert!(agent_point_returns("HN-BD-POST", "HN-BD-POST", &at("HN-BADINH")), "received there");
        assert!(agent_point_returns("HN-BD-POST", "HN-BD-POST", &Delivery::Online));
        assert!(!agent_point_returns("HN-BD-POST", "HN-BADINH", &at("HN-BADINH")), "another point's");
        assert!(!agent_point_returns("HN-BD-POST", "HN-BADINH", &Delivery::Online));
        let post = Delivery::Post { address: "25 Liễu Giai, Ba Đình, Hà Nội".into() };
        assert!(!agent_point_returns("HN-BD-POST", "HN-BD-POST", &post), "the post carries it");
    }
}
