//! An online submission in progress (hồ sơ nháp): the answers a citizen
//! gives step by step, and when each step is complete. The draft is kept
//! between steps and becomes a dossier when all of it is.

use serde::{Deserialize, Serialize};

use super::Delivery;
use crate::catalogue::Procedure;
use crate::{DomainError, Reason};

/// A document named for one of a dossier's components: a file of the
/// submitter's document store, by its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentChoice {
    pub component_code: String,
    pub sha256: String,
}

/// The answers of a submission in progress.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftAnswers {
    /// The procedure's case (trường hợp), when it has several.
    #[serde(default)]
    pub case_code: String,
    /// The province of the competent agency, chosen first.
    #[serde(default)]
    pub province_code: String,
    #[serde(default)]
    pub competent_agency: String,
    /// The applicant's residence, as the form asks it.
    #[serde(default)]
    pub address: String,
    /// What the applicant asks for, in their words.
    #[serde(default)]
    pub request: String,
    /// One document per component filled.
    #[serde(default)]
    pub documents: Vec<DocumentChoice>,
    #[serde(default)]
    pub delivery: Option<Delivery>,
}

/// The parts of a submission, in the order the applicant fills them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftPart {
    /// The case and the competent agency.
    Case,
    /// The form: residence and request.
    Form,
    Documents,
    Delivery,
}

impl DraftPart {
    pub const ALL: [DraftPart; 4] = [DraftPart::Case, DraftPart::Form, DraftPart::Documents, DraftPart::Delivery];
}

impl DraftAnswers {
    /// Whether one part is complete; the first problem found, named by its field.
    pub fn check_part(&self, part: DraftPart, procedure: &Procedure) -> Result<(), DomainError> {
        match part {
            DraftPart::Case => {
                if procedure.cases.len() > 1 && !procedure.cases.iter().any(|c| c.code == self.case_code) {
                    return Err(DomainError::invalid("case_code", Reason::ChooseCase));
                }
                if self.competent_agency.trim().is_empty() {
                    return Err(DomainError::invalid("competent_agency", Reason::ChooseSettlingAgency));
                }
            }
            DraftPart::Form => {
                if self.address.trim().chars().count() < 5 {
                    return Err(DomainError::invalid("address", Reason::WriteWhereYouLive));
                }
                if self.request.trim().chars().count() < 3 {
                    return Err(DomainError::invalid("request", Reason::SayWhatYouAskFor));
                }
            }
            DraftPart::Documents => {
                let components = procedure.component_groups.iter().flat_map(|g| &g.components);
                for component in components.filter(|c| c.required) {
                    if !self.documents.iter().any(|d| d.component_code == component.code) {
                        return Err(DomainError::invalid("documents", Reason::AttachEveryRequired));
                    }
                }
            }
            DraftPart::Delivery => match &self.delivery {
                None => return Err(DomainError::invalid("delivery", Reason::ChooseDelivery)),
                Some(delivery) => delivery.validate()?,
            },
        }
        Ok(())
    }

    /// Whether the whole submission is complete.
    pub fn check(&self, procedure: &Procedure) -> Result<(), DomainError> {
        DraftPart::ALL.into_iter().try_for_each(|part| self.check_part(part, procedure))
    }
}
