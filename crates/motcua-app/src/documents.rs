//! The applicant's document store: what they uploaded and the results they
//! received, reusable in new dossiers so nobody hands in the same paper twice.

use chrono::Utc;
use motcua_domain::DomainError;
use motcua_domain::access::{Principal, can_see};
use motcua_store::AttachedDocument;
pub use motcua_store::DocumentRecord;
use serde::{Deserialize, Serialize};

use crate::files::StoredFile;
use crate::{App, AppError, AppResult};

/// A document named in a submission or a supplement, for one dossier component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentChoice {
    pub component_code: String,
    pub sha256: String,
}

/// A document's bytes and how to serve them.
#[derive(Debug, Clone)]
pub struct DocumentContent {
    pub bytes: Vec<u8>,
    pub media_type: String,
    pub file_name: String,
}

impl App {
    /// Stores an upload and adds it to the uploader's documents.
    pub async fn upload_document(&self, principal: &Principal, bytes: &[u8], name: &str) -> AppResult<StoredFile> {
        let stored = self.files().put(bytes, name).await?;
        self.store()
            .save_document(&DocumentRecord {
                owner_id: principal.account_id().to_owned(),
                sha256: stored.sha256.clone(),
                file_name: stored.file_name.clone(),
                media_type: stored.media_type.mime().to_owned(),
                size: i64::try_from(stored.size).unwrap_or(i64::MAX),
                origin: "upload".to_owned(),
                dossier_code: None,
                created_at: Utc::now(),
            })
            .await?;
        Ok(stored)
    }

    /// The caller's own documents: uploads and results received.
    pub async fn my_documents(&self, principal: &Principal) -> AppResult<Vec<DocumentRecord>> {
        Ok(self.store().documents_of(principal.account_id()).await?)
    }

    /// Resolves chosen documents into attachments for a dossier of the
    /// applicant with `applicant_personal_id`: each must be in the caller's
    /// store; a result issued to the caller, or a document already handed in
    /// with an earlier dossier of the same applicant, is reused.
    pub(crate) async fn attachments(
        &self,
        principal: &Principal,
        applicant_personal_id: &str,
        choices: &[DocumentChoice],
    ) -> AppResult<Vec<AttachedDocument>> {
        let mut attached = Vec::with_capacity(choices.len());
        for choice in choices {
            if choice.component_code.trim().is_empty() {
                return Err(DomainError::invalid("documents", "each document needs its component code").into());
            }
            let document = self
                .store()
                .document(principal.account_id(), choice.sha256.trim())
                .await?
                .ok_or_else(|| AppError::not_found("document", choice.sha256.trim()))?;
            let reused = document.origin == "result"
                || self.store().applicant_document_uses(applicant_personal_id, &document.sha256).await? > 0;
            attached.push(AttachedDocument {
                component_code: choice.component_code.trim().to_owned(),
                sha256: document.sha256,
                file_name: document.file_name,
                media_type: document.media_type,
                size: document.size,
                reused,
                added_by: principal.account_id().to_owned(),
                added_at: Utc::now(),
            });
        }
        Ok(attached)
    }

    /// A document's content, for its owner or anyone who may see a dossier it is attached to.
    pub async fn document_content(&self, principal: &Principal, sha256: &str) -> AppResult<DocumentContent> {
        let not_found = || AppError::not_found("document", sha256);
        let described = match self.store().document(principal.account_id(), sha256).await? {
            Some(own) => Some((own.media_type, own.file_name)),
            None => {
                let mut found = None;
                for (_, id) in self.store().dossiers_with_document(sha256).await? {
                    let Some(dossier) = self.store().dossier(&id).await? else { continue };
                    if can_see(principal, &crate::dossiers::places(&dossier)) {
                        let documents = self.store().dossier_documents(&dossier.province_code, &dossier.id).await?;
                        found = documents.into_iter().find(|d| d.sha256 == sha256).map(|d| (d.media_type, d.file_name));
                        break;
                    }
                }
                found
            }
        };
        let (media_type, file_name) = described.ok_or_else(not_found)?;
        let bytes = self.files().get(sha256).await?;
        Ok(DocumentContent { bytes, media_type, file_name })
    }
}
