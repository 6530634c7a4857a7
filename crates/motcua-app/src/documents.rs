//! The applicant's document store: what they uploaded and the results they
//! received, reusable in new dossiers so nobody hands in the same paper twice.
//!
//! Uploads are checked whole ([`crate::files::check`]) and against the
//! citizen's quota before any is stored; several posted together are stored
//! all or none. Uploads that come with an action ([`App::with_uploads`]) are
//! removed again, row and bytes, when the action is refused.

use std::future::Future;

use chrono::Utc;
use motcua_domain::access::{Principal, can_see};
use motcua_domain::{DomainError, Reason};
pub use motcua_store::DocumentRecord;
use motcua_store::{AttachedDocument, SavedUpload};

use crate::files::{self, FileError, StoredFile};
use crate::{App, AppError, AppResult};

/// What each citizen's uploads may take when nothing else is configured: 200 MiB.
pub const DEFAULT_UPLOAD_QUOTA: u64 = 200 * 1024 * 1024;

/// A file posted by a client: the name it gave and the bytes.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    pub client_name: &'a str,
    pub bytes: &'a [u8],
}

pub use motcua_domain::dossier::DocumentChoice;

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
        let (mut stored, _) = self.store_uploads(principal, &[Upload { client_name: name, bytes }]).await?;
        Ok(stored.remove(0))
    }

    /// Stores uploads posted together (none if any is refused), then takes
    /// the action `then` with what was stored; if the action fails, the
    /// uploads it brought are removed again, so a refused action leaves no
    /// document behind.
    pub async fn with_uploads<T, F, Fut>(&self, principal: &Principal, uploads: &[Upload<'_>], then: F) -> AppResult<T>
    where
        F: FnOnce(Vec<StoredFile>) -> Fut,
        Fut: Future<Output = AppResult<T>>,
    {
        let (stored, added) = self.store_uploads(principal, uploads).await?;
        let outcome = then(stored).await;
        if outcome.is_err() {
            self.discard_uploads(principal, &added).await?;
        }
        outcome
    }

    /// Checks every upload, then the quota, then stores them all; answers
    /// what was stored and the hashes newly added to the uploader's store.
    async fn store_uploads(
        &self,
        principal: &Principal,
        uploads: &[Upload<'_>],
    ) -> AppResult<(Vec<StoredFile>, Vec<String>)> {
        let owner = principal.account_id();
        let mut checked = Vec::with_capacity(uploads.len());
        for upload in uploads {
            checked.push(files::check(upload.bytes, upload.client_name, self.files().max_size()).await?);
        }
        // Officers upload for the many applicants they serve: the quota is a citizen's.
        let quota = matches!(principal, Principal::Citizen { .. }).then_some(self.upload_quota);
        if let Some(quota) = quota {
            let mut added = 0u64;
            let mut seen = Vec::new();
            for file in &checked {
                if !seen.contains(&file.sha256) && self.store().document(owner, &file.sha256).await?.is_none() {
                    added += file.size;
                }
                seen.push(file.sha256.clone());
            }
            let used = u64::try_from(self.store().upload_usage(owner).await?).unwrap_or(0);
            if used.saturating_add(added) > quota {
                return Err(FileError::QuotaExceeded { quota }.into());
            }
        }

        let guard = self.uploads.lock().await;
        let mut stored = Vec::with_capacity(uploads.len());
        let mut added: Vec<String> = Vec::new();
        for (upload, file) in uploads.iter().zip(&checked) {
            let outcome = async {
                let put = self.files().put(upload.bytes, upload.client_name).await?;
                let record = DocumentRecord {
                    owner_id: owner.to_owned(),
                    sha256: put.sha256.clone(),
                    file_name: file.file_name.clone(),
                    media_type: put.media_type.mime().to_owned(),
                    size: i64::try_from(put.size).unwrap_or(i64::MAX),
                    origin: "upload".to_owned(),
                    dossier_code: None,
                    created_at: Utc::now(),
                };
                let quota = quota.map(|q| i64::try_from(q).unwrap_or(i64::MAX));
                Ok::<_, AppError>((put, self.store().save_upload(&record, quota).await?))
            }
            .await;
            let failure = match outcome {
                Ok((put, SavedUpload::Saved)) => {
                    added.push(put.sha256.clone());
                    stored.push(put);
                    continue;
                }
                Ok((put, SavedUpload::AlreadyThere)) => {
                    stored.push(put);
                    continue;
                }
                // Another upload of the same citizen got there first.
                Ok((put, SavedUpload::OverQuota)) => {
                    if !self.store().document_referenced(&put.sha256).await? {
                        self.files().remove(&put.sha256).await?;
                    }
                    AppError::from(FileError::QuotaExceeded { quota: quota.unwrap_or_default() })
                }
                Err(error) => error,
            };
            drop(guard);
            self.discard_uploads(principal, &added).await?;
            return Err(failure);
        }
        Ok((stored, added))
    }

    /// Removes uploads from the uploader's store, and their bytes when
    /// nothing else refers to them.
    async fn discard_uploads(&self, principal: &Principal, added: &[String]) -> AppResult<()> {
        if added.is_empty() {
            return Ok(());
        }
        let _guard = self.uploads.lock().await;
        for sha256 in added {
            self.store().delete_document(principal.account_id(), sha256).await?;
            if !self.store().document_referenced(sha256).await? {
                self.files().remove(sha256).await?;
            }
        }
        Ok(())
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
                return Err(DomainError::invalid("documents", Reason::ComponentCodeNeeded).into());
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
                    if can_see(principal, &dossier.places()) {
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
