//! Submission drafts: the online wizard's answers, kept per account until
//! they are submitted (the draft's id is then the dossier's idempotency key)
//! or deleted.

use chrono::{DateTime, Utc};
use motcua_domain::dossier::DraftAnswers;
use sqlx::any::AnyRow;

use crate::encoding::{corrupt, instant, parse_instant};
use crate::row::{self, Columns, Row};
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

/// A draft's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct DraftRow {
    id: String,
    account_id: String,
    procedure_code: String,
    /// The answers as JSON.
    data: String,
    dossier_id: Option<String>,
    created_at: String,
    updated_at: String,
}

impl Row for DraftRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("id", &mut self.id);
        c.text("account_id", &mut self.account_id);
        c.text("procedure_code", &mut self.procedure_code);
        c.text("data", &mut self.data);
        c.optional_text("dossier_id", &mut self.dossier_id);
        c.text("created_at", &mut self.created_at);
        c.text("updated_at", &mut self.updated_at);
    }
}

impl TryFrom<&DraftRecord> for DraftRow {
    type Error = StoreError;

    fn try_from(d: &DraftRecord) -> StoreResult<DraftRow> {
        Ok(DraftRow {
            id: d.id.clone(),
            account_id: d.account_id.clone(),
            procedure_code: d.procedure_code.clone(),
            data: serde_json::to_string(&d.answers).map_err(|e| corrupt("draft answers", e))?,
            dossier_id: d.dossier_id.clone(),
            created_at: instant(d.created_at),
            updated_at: instant(d.updated_at),
        })
    }
}

impl TryFrom<DraftRow> for DraftRecord {
    type Error = StoreError;

    fn try_from(r: DraftRow) -> StoreResult<DraftRecord> {
        Ok(DraftRecord {
            id: r.id,
            account_id: r.account_id,
            procedure_code: r.procedure_code,
            answers: serde_json::from_str(&r.data).map_err(|e| corrupt("draft answers", e))?,
            dossier_id: r.dossier_id,
            created_at: parse_instant(&r.created_at)?,
            updated_at: parse_instant(&r.updated_at)?,
        })
    }
}

fn read_draft(row: &AnyRow) -> StoreResult<DraftRecord> {
    DraftRecord::try_from(row::read::<DraftRow>(row)?)
}

impl Store {
    /// Creates or updates a draft of its owner that was not submitted yet;
    /// [`StoreError::Conflict`] if the id belongs to someone else or was submitted.
    pub async fn save_draft(&self, draft: &DraftRecord) -> StoreResult<()> {
        // Only `mark_draft_submitted` records the dossier a draft became.
        let row = DraftRow { dossier_id: None, ..DraftRow::try_from(draft)? };
        self.write(move |conn| {
            Box::pin(async move {
                let mut upsert = row::insert("drafts", &row);
                upsert.push(
                    " ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                     WHERE drafts.account_id = excluded.account_id AND drafts.dossier_id IS NULL",
                );
                let changed = upsert.build().execute(&mut *conn).await?.rows_affected();
                if changed == 1 { Ok(()) } else { Err(StoreError::Conflict) }
            })
        })
        .await
    }

    /// One of an account's drafts, submitted or not.
    pub async fn draft(&self, account_id: &str, id: &str) -> StoreResult<Option<DraftRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {} FROM drafts WHERE id = $1 AND account_id = $2",
            row::column_list::<DraftRow>(None)
        ))
        .bind(id)
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(read_draft).transpose()
    }

    /// An account's drafts not yet submitted, the latest first.
    pub async fn open_drafts(&self, account_id: &str) -> StoreResult<Vec<DraftRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM drafts WHERE account_id = $1 AND dossier_id IS NULL ORDER BY updated_at DESC LIMIT 50",
            row::column_list::<DraftRow>(None)
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_draft).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_draft_row_has_its_column() {
        row::tests::round_trips(&DraftRow {
            id: "a".into(),
            account_id: "b".into(),
            procedure_code: "c".into(),
            data: "d".into(),
            dossier_id: Some("e".into()),
            created_at: "f".into(),
            updated_at: "g".into(),
        });
    }
}
