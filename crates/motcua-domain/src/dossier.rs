//! The dossier (hồ sơ) and its life: statuses with their national codes, the
//! actions that move a dossier between them, its public code, and the
//! hash-chained history that is its processing control slip.
//!
//! The state machine ([`Lifecycle::apply`]) is the only authority on which
//! action is allowed when; [`Dossier::apply`] adds everything else an action
//! does (dates, pauses, hand-overs, payments, lateness) and answers the new
//! dossier with its event, so a refused action changes nothing.

mod aggregate;
mod charges;
mod code;
mod draft;
mod event;
mod form;
mod forms;
mod handback;
mod history;
mod intake;
mod lifecycle;
mod payment;
mod slip;

pub use aggregate::{ActionInput, Contact, Dossier, Facts, NewDossier, Offer, time_limit_of};
pub use charges::{Charge, ChargeKind, Charges};
pub use code::DossierCode;
pub use draft::{DocumentChoice, DraftAnswers, DraftPart};
pub use event::{Arrival, Detail, Event, EventKind, Handback, Payload, instant_text};
pub use form::{FormData, ReceivedComponent, SubmitterKind};
pub use forms::{StatutoryForm, printable_forms};
pub use handback::{RecipientSignature, agent_point_returns};
pub use history::{EventRecord, GENESIS_HASH, chain_hash, verify_chain};
pub use intake::{case_code, check_reception, receivable_at};
pub use lifecycle::{Action, Lifecycle, Status, Step};
pub use payment::{Payment, PaymentMethod};
pub use slip::{SlipRow, control_slip};

use serde::{Deserialize, Serialize};

use crate::{DomainError, Reason};

/// The component code under which a dossier's electronic result is attached.
pub const RESULT_COMPONENT: &str = "result";

/// How the dossier reached the administration (kênh tiếp nhận).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Submitted online by the applicant or a representative.
    Online,
    /// Received at a counter of a one-stop centre.
    Counter,
    /// Sent by post.
    Postal,
    /// Received at a bank or post-office agent point.
    AgentPoint,
    /// Received during a mobile outreach session.
    Outreach,
}

impl Channel {
    pub const ALL: [Channel; 5] =
        [Channel::Online, Channel::Counter, Channel::Postal, Channel::AgentPoint, Channel::Outreach];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Counter => "counter",
            Channel::Postal => "postal",
            Channel::AgentPoint => "agent_point",
            Channel::Outreach => "outreach",
        }
    }

    pub fn parse(text: &str) -> Result<Channel, DomainError> {
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str() == text)
            .ok_or_else(|| DomainError::invalid("channel", Reason::ExpectedChannel))
    }

    /// Whether the dossier counts as submitted online in the indicators.
    pub fn is_online(self) -> bool {
        self == Channel::Online
    }
}

/// How satisfied an applicant is with a returned dossier (the portal's three answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    VerySatisfied,
    Satisfied,
    NotSatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] =
        [Satisfaction::VerySatisfied, Satisfaction::Satisfied, Satisfaction::NotSatisfied];

    pub fn as_str(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "very_satisfied",
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::NotSatisfied => "not_satisfied",
        }
    }

    pub fn parse(text: &str) -> Result<Satisfaction, DomainError> {
        Satisfaction::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| DomainError::invalid("rating", Reason::ChooseSatisfaction))
    }

    /// Checks a rating's comment: at most 2,000 characters, and required
    /// when not satisfied, so that the agency learns what went wrong.
    pub fn check_comment(self, comment: &str) -> Result<(), DomainError> {
        let length = comment.trim().chars().count();
        if length > 2000 {
            return Err(DomainError::invalid("comment", Reason::AtMost2000Characters));
        }
        if self == Satisfaction::NotSatisfied && length < 3 {
            return Err(DomainError::invalid("comment", Reason::TellWhatWasWrong));
        }
        Ok(())
    }
}

/// How the result reaches the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Delivery {
    /// An electronic result in the applicant's document store.
    Online,
    /// Collected at a counter of this service point.
    Counter { service_point: String },
    /// Sent by post to this address.
    Post { address: String },
}

impl Delivery {
    pub fn validate(&self) -> Result<(), DomainError> {
        match self {
            Delivery::Post { address } if address.trim().chars().count() < 10 => {
                Err(DomainError::invalid("delivery", Reason::PostalAddressIncomplete))
            }
            Delivery::Counter { service_point } if service_point.trim().is_empty() => {
                Err(DomainError::invalid("delivery", Reason::ChooseCollectionPoint))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod satisfaction_tests {
    use super::Satisfaction;

    #[test]
    fn ratings_parse_and_a_complaint_needs_words() {
        for rating in Satisfaction::ALL {
            assert_eq!(Satisfaction::parse(rating.as_str()), Ok(rating));
        }
        assert!(Satisfaction::parse("angry").is_err());
        assert!(Satisfaction::Satisfied.check_comment("").is_ok());
        assert!(Satisfaction::NotSatisfied.check_comment(" ").is_err());
        assert!(Satisfaction::NotSatisfied.check_comment("Phải chờ lâu").is_ok());
        assert!(Satisfaction::VerySatisfied.check_comment(&"x".repeat(2001)).is_err());
    }
}
