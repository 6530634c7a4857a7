//! Submission drafts: the online wizard's answers, kept per account until
//! they are submitted (the draft's id is then the dossier's idempotency key)
//! or deleted.

use chrono::{DateTime, Utc};
use motcua_domain::dossier::DraftAnswers;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::encoding::{corrupt, instant, parse_instant};
use crate::{Store, StoreError, StoreResult};

/// A submission in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftRecord {
    pub id: String,
    pub account_id: String,
    pub procedure_code: String,
    /// The wizard's answers so far.
    pub answers: DraftAnswers,
    /// The dossier it became, once submitted.
    pub dossier_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const DRAFT_COLUMNS: &str = "id, account_id, procedure_code, data, dossier_id, created_at, updated_at";

fn draft_from_row(row: &AnyRow) -> StoreResult<DraftRecord> {
    Ok(DraftRecord {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        procedure_code: row.try_get("procedure_code")?,
        answers: serde_json::from_str(&row.try_get::<String, _>("data")?).map_err(|e| corrupt("draft answers", e))?,
        dossier_id: row.try_get("dossier_id")?,
        created_at: parse_instant(&row.try_get::<String, _>("created_at")?)?,
        updated_at: parse_instant(&row.try_get::<String, _>("updated_at")?)?,
    })
}

impl Store {
    /// Creates or updates a draft of its owner that was not submitted yet;
    /// [`StoreError::Conflict`] if the id belongs to someone else or was submitted.
    pub async fn save_draft(&self, draft: &DraftRecord) -> StoreResult<()> {
        let draft = draft.clone();
        self.write(move |conn| {
            Box::pin(async move {
                let changed = sqlx::query(
                    "INSERT INTO drafts (id, account_id, procedure_code, data, dossier_id, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, NULL, $5, $6)
                     ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                     WHERE drafts.account_id = excluded.account_id AND drafts.dossier_id IS NULL",
                )
                .bind(&draft.id)
                .bind(&draft.account_id)
                .bind(&draft.procedure_code)
                .bind(serde_json::to_string(&draft.answers).map_err(|e| corrupt("draft answers", e))?)
                .bind(instant(draft.created_at))
                .bind(instant(draft.updated_at))
                .execute(&mut *conn)
                .await?
                .rows_affected();
                if changed == 1 { Ok(()) } else { Err(StoreError::Conflict) }
            })
        })
        .await
    }

    /// One of an account's drafts, submitted or not.
    pub async fn draft(&self, account_id: &str, id: &str) -> StoreResult<Option<DraftRecord>> {
        let row = sqlx::query(&format!("SELECT {DRAFT_COLUMNS} FROM drafts WHERE id = $1 AND account_id = $2"))
            .bind(id)
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(draft_from_row).transpose()
    }

    /// An account's drafts not yet submitted, the latest first.
    pub async fn open_drafts(&self, account_id: &str) -> StoreResult<Vec<DraftRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {DRAFT_COLUMNS} FROM drafts WHERE account_id = $1 AND dossier_id IS NULL
             ORDER BY updated_at DESC LIMIT 50"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(draft_from_row).collect()
    }

    /// Records the dossier a draft became.
    pub async fn mark_draft_submitted(&self, account_id: &str, id: &str, dossier_id: &str) -> StoreResult<()> {
        let (account_id, id, dossier_id) = (account_id.to_owned(), id.to_owned(), dossier_id.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("UPDATE drafts SET dossier_id = $1 WHERE id = $2 AND account_id = $3")
                    .bind(dossier_id)
                    .bind(id)
                    .bind(account_id)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// Deletes a draft not yet submitted.
    pub async fn delete_draft(&self, account_id: &str, id: &str) -> StoreResult<()> {
        let (account_id, id) = (account_id.to_owned(), id.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("DELETE FROM drafts WHERE id = $1 AND account_id = $2 AND dossier_id IS NULL")
                    .bind(id)
                    .bind(account_id)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }
}
