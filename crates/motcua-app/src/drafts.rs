//! Online submission as a citizen does it: step by step, saved as a draft
//! after every step so it can be resumed later, checked as a whole, then
//! submitted once. The draft's id is the submission's idempotency key:
//! pressing "submit" twice, or again after a crash, makes one dossier.

use chrono::Utc;
use motcua_domain::access::Principal;
use motcua_domain::catalogue::Procedure;
use motcua_domain::dossier::{Channel, Delivery};
use motcua_domain::dossier::{Dossier, FormData};
pub use motcua_domain::dossier::{DraftAnswers, DraftPart};
use motcua_domain::organisation::Agency;
use motcua_domain::{DomainError, Reason};
use motcua_store::DraftRecord;

use crate::accounts::random_id;
use crate::dossiers::{DeskOutcome, SubmitDossier};
use crate::{App, AppError, AppResult};

/// A draft with its answers read.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub record: DraftRecord,
    pub answers: DraftAnswers,
}

fn citizen_only(principal: &Principal) -> AppResult<()> {
    match principal {
        Principal::Citizen { .. } => Ok(()),
        other => Err(AppError::Forbidden { role: other.role_name(), action: "submit" }),
    }
}

/// Why a province offers no agency for a procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAgencyReason {
    /// The province has set up no agency in motcua yet.
    ProvinceNotSetUp,
    /// The province's agencies are set up, but none of them settles this
    /// procedure (of another level, or turned off by the province or commune).
    NoneSettlesIt,
}

/// The agencies an applicant may choose in a province, and why there are
/// none when the list is empty.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyChoice {
    pub agencies: Vec<Agency>,
    pub none_because: Option<NoAgencyReason>,
}

impl App {
    /// Starts a submission of a procedure that can be submitted online.
    pub async fn start_draft(&self, principal: &Principal, procedure_code: &str) -> AppResult<Draft> {
        citizen_only(principal)?;
        let version = self
            .store()
            .current_procedure(procedure_code.trim())
            .await?
            .ok_or_else(|| AppError::not_found("procedure", procedure_code.trim()))?;
        if !version.procedure.accepts_online() {
            return Err(DomainError::invalid("channel", Reason::NotOnline).into());
        }
        let mut answers = DraftAnswers::default();
        if let [only] = version.procedure.cases.as_slice() {
            answers.case_code = only.code.clone();
        }
        let now = Utc::now();
        let record = DraftRecord {
            id: random_id(),
            account_id: principal.account_id().to_owned(),
            procedure_code: version.procedure.code.to_string(),
            answers: answers.clone(),
            dossier_id: None,
            created_at: now,
            updated_at: now,
        };
        self.store().save_draft(&record).await?;
        Ok(Draft { record, answers })
    }

    /// One of the caller's drafts.
    pub async fn draft(&self, principal: &Principal, id: &str) -> AppResult<Draft> {
        citizen_only(principal)?;
        let record =
            self.store().draft(principal.account_id(), id).await?.ok_or_else(|| AppError::not_found("draft", id))?;
        let answers = record.answers.clone();
        Ok(Draft { record, answers })
    }

    /// The caller's drafts not yet submitted, the latest first.
    pub async fn open_drafts(&self, principal: &Principal) -> AppResult<Vec<Draft>> {
        citizen_only(principal)?;
        let records = self.store().open_drafts(principal.account_id()).await?;
        Ok(records.into_iter().map(|record| Draft { answers: record.answers.clone(), record }).collect())
    }

    /// Saves a draft's answers. The documents named must be the caller's,
    /// the agency must exist and fit the procedure; the rest is checked at
    /// submission, so a half-filled draft can be kept.
    pub async fn save_draft(&self, principal: &Principal, id: &str, answers: &DraftAnswers) -> AppResult<Draft> {
        let draft = self.draft(principal, id).await?;
        if draft.record.dossier_id.is_some() {
            return Err(DomainError::invalid("draft", Reason::SubmittedAlready).into());
        }
        if !answers.competent_agency.is_empty() {
            let procedure = self.draft_procedure(&draft).await?;
            let agency = self
                .store()
                .agency(answers.competent_agency.trim())
                .await?
                .ok_or_else(|| DomainError::invalid("competent_agency", Reason::ChooseListedAgency))?;
            if !procedure.fits_agency(agency.kind) {
                return Err(DomainError::invalid("competent_agency", Reason::AgencyDoesNotSettle).into());
            }
        }
        if !answers.case_code.is_empty() {
            let procedure = self.draft_procedure(&draft).await?;
            if !procedure.cases.iter().any(|c| c.code == answers.case_code) {
                return Err(DomainError::invalid("case_code", Reason::NotACaseOfProcedure).into());
            }
        }
        for choice in &answers.documents {
            self.store()
                .document(principal.account_id(), choice.sha256.trim())
                .await?
                .ok_or_else(|| AppError::not_found("document", choice.sha256.trim()))?;
        }
        let record = DraftRecord { answers: answers.clone(), updated_at: Utc::now(), ..draft.record };
        self.store().save_draft(&record).await?;
        Ok(Draft { record, answers: answers.clone() })
    }

    /// Deletes a draft not yet submitted.
    pub async fn discard_draft(&self, principal: &Principal, id: &str) -> AppResult<()> {
        citizen_only(principal)?;
        Ok(self.store().delete_draft(principal.account_id(), id).await?)
    }

    /// The agencies of a province that fit the draft's procedure, or why there are none.
    pub async fn draft_agencies(&self, draft: &Draft, province_code: &str) -> AppResult<AgencyChoice> {
        let agencies = self.fitting_agencies(&draft.record.procedure_code, province_code).await?;
        let none_because = if !agencies.is_empty() {
            None
        } else if self.agencies(province_code).await?.is_empty() {
            Some(NoAgencyReason::ProvinceNotSetUp)
        } else {
            Some(NoAgencyReason::NoneSettlesIt)
        };
        Ok(AgencyChoice { agencies, none_because })
    }

    /// The procedure a draft is for, as in force now.
    pub async fn draft_procedure(&self, draft: &Draft) -> AppResult<Procedure> {
        let code = &draft.record.procedure_code;
        let version =
            self.store().current_procedure(code).await?.ok_or_else(|| AppError::not_found("procedure", code))?;
        Ok(version.procedure)
    }

    /// Submits a complete draft, once: a draft submitted already answers
    /// with the dossier it became.
    pub async fn submit_draft(&self, principal: &Principal, id: &str) -> AppResult<Dossier> {
        let draft = self.draft(principal, id).await?;
        if let Some(dossier_id) = &draft.record.dossier_id {
            return self.store().dossier(dossier_id).await?.ok_or_else(|| AppError::not_found("dossier", dossier_id));
        }
        let procedure = self.draft_procedure(&draft).await?;
        let answers = &draft.answers;
        answers.check(&procedure)?;
        let request = SubmitDossier {
            procedure_code: draft.record.procedure_code.clone(),
            case_code: (!answers.case_code.is_empty()).then(|| answers.case_code.clone()),
            channel: Channel::Online,
            service_point: None,
            competent_agency: answers.competent_agency.clone(),
            applicant: None,
            applicant_consents: false,
            applicant_identity_checked: false,
            form_data: FormData {
                address: answers.address.trim().to_owned(),
                request: answers.request.trim().to_owned(),
                ..FormData::default()
            },
            documents: answers.documents.clone(),
            delivery: answers.delivery.clone().unwrap_or(Delivery::Online),
            outcome: DeskOutcome::Receive,
            late_entry_reason: None,
            time_limit: None,
        };
        let dossier = self.submit_dossier(principal, &request, Some(&format!("draft-{id}"))).await?;
        self.store().mark_draft_submitted(principal.account_id(), id, &dossier.id).await?;
        Ok(dossier)
    }
}
