//! What the citizen portal keeps besides dossiers: submission drafts,
//! password-reset links, the outbox of messages, and satisfaction ratings.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::encoding::{instant, parse_instant};
use crate::indicators::refresh_measures;
use crate::{Store, StoreError, StoreResult};

/// A submission in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRecord {
    pub id: String,
    pub account_id: String,
    pub procedure_code: String,
    /// The wizard's answers, as JSON.
    pub data: String,
    /// The dossier it became, once submitted.
    pub dossier_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A one-time password-reset link; only its token's hash is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordResetRecord {
    pub token_hash: String,
    pub citizen_id: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A message to someone, waiting in the outbox until the notifier sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRecord {
    pub id: String,
    /// `email` or `sms`.
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// An applicant's satisfaction with a returned dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingRecord {
    pub province_code: String,
    pub dossier_id: String,
    /// `very_satisfied`, `satisfied` or `not_satisfied`.
    pub rating: String,
    pub comment: String,
    pub rated_by: String,
    pub rated_at: DateTime<Utc>,
}

const DRAFT_COLUMNS: &str = "id, account_id, procedure_code, data, dossier_id, created_at, updated_at";

fn draft_from_row(row: &AnyRow) -> StoreResult<DraftRecord> {
    Ok(DraftRecord {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        procedure_code: row.try_get("procedure_code")?,
        data: row.try_get("data")?,
        dossier_id: row.try_get("dossier_id")?,
        created_at: parse_instant(&row.try_get::<String, _>("created_at")?)?,
        updated_at: parse_instant(&row.try_get::<String, _>("updated_at")?)?,
    })
}

fn notification_from_row(row: &AnyRow) -> StoreResult<NotificationRecord> {
    Ok(NotificationRecord {
        id: row.try_get("id")?,
        channel: row.try_get("channel")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        created_at: parse_instant(&row.try_get::<String, _>("created_at")?)?,
        sent_at: row.try_get::<Option<String>, _>("sent_at")?.as_deref().map(parse_instant).transpose()?,
    })
}

/// Queues a message inside the caller's write.
pub(crate) async fn enqueue(conn: &mut AnyConnection, message: &NotificationRecord) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO notifications (id, channel, recipient, subject, body, created_at, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL)",
    )
    .bind(&message.id)
    .bind(&message.channel)
    .bind(&message.recipient)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(instant(message.created_at))
    .execute(&mut *conn)
    .await?;
    Ok(())
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
                .bind(&draft.data)
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

    /// Stores a reset link and queues the message that carries it, together.
    pub async fn create_password_reset(
        &self,
        reset: &PasswordResetRecord,
        message: &NotificationRecord,
    ) -> StoreResult<()> {
        let (reset, message) = (reset.clone(), message.clone());
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query(
                    "INSERT INTO password_resets (token_hash, citizen_id, created_at, expires_at, used_at)
                     VALUES ($1, $2, $3, $4, NULL)",
                )
                .bind(&reset.token_hash)
                .bind(&reset.citizen_id)
                .bind(instant(reset.created_at))
                .bind(instant(reset.expires_at))
                .execute(&mut *conn)
                .await?;
                enqueue(conn, &message).await
            })
        })
        .await
    }

    /// Whether a reset link can still be used at `now`.
    pub async fn password_reset_usable(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<bool> {
        let row = sqlx::query(
            "SELECT citizen_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(instant(now))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    /// Uses a reset link: sets the new password hash and ends every session
    /// of the account, all at once. Returns the citizen's id, or `None` if
    /// the link was used, expired or never existed.
    pub async fn use_password_reset(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        password_hash: &str,
    ) -> StoreResult<Option<String>> {
        let (token_hash, password_hash) = (token_hash.to_owned(), password_hash.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                let used = sqlx::query(
                    "UPDATE password_resets SET used_at = $1
                     WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3",
                )
                .bind(instant(now))
                .bind(&token_hash)
                .bind(instant(now))
                .execute(&mut *conn)
                .await?
                .rows_affected();
                if used != 1 {
                    return Ok(None);
                }
                let citizen: String = sqlx::query("SELECT citizen_id FROM password_resets WHERE token_hash = $1")
                    .bind(&token_hash)
                    .fetch_one(&mut *conn)
                    .await?
                    .try_get("citizen_id")?;
                sqlx::query("UPDATE citizens SET password_hash = $1 WHERE id = $2")
                    .bind(&password_hash)
                    .bind(&citizen)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE account_kind = 'citizen' AND account_id = $1")
                    .bind(&citizen)
                    .execute(&mut *conn)
                    .await?;
                Ok(Some(citizen))
            })
        })
        .await
    }

    /// Messages not sent yet, oldest first.
    pub async fn unsent_notifications(&self, limit: i64) -> StoreResult<Vec<NotificationRecord>> {
        let rows = sqlx::query(
            "SELECT id, channel, recipient, subject, body, created_at, sent_at FROM notifications
             WHERE sent_at IS NULL ORDER BY created_at LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(notification_from_row).collect()
    }

    pub async fn mark_notification_sent(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let id = id.to_owned();
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("UPDATE notifications SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
                    .bind(instant(at))
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// Marks every queued message sent without sending it: for a demo's
    /// made-up history, whose messages nobody should receive.
    pub async fn discard_unsent_notifications(&self, at: DateTime<Utc>) -> StoreResult<u64> {
        self.write(move |conn| {
            Box::pin(async move {
                Ok(sqlx::query("UPDATE notifications SET sent_at = $1 WHERE sent_at IS NULL")
                    .bind(instant(at))
                    .execute(&mut *conn)
                    .await?
                    .rows_affected())
            })
        })
        .await
    }

    /// Records a rating; [`StoreError::Duplicate`] if the dossier was rated already.
    pub async fn save_rating(&self, rating: &RatingRecord) -> StoreResult<()> {
        let rating = rating.clone();
        self.write(move |conn| {
            Box::pin(async move {
                let inserted = sqlx::query(
                    "INSERT INTO ratings (province_code, dossier_id, rating, comment, rated_by, rated_at)
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (province_code, dossier_id) DO NOTHING",
                )
                .bind(&rating.province_code)
                .bind(&rating.dossier_id)
                .bind(&rating.rating)
                .bind(&rating.comment)
                .bind(&rating.rated_by)
                .bind(instant(rating.rated_at))
                .execute(&mut *conn)
                .await?
                .rows_affected();
                if inserted != 1 {
                    return Err(StoreError::Duplicate);
                }
                refresh_measures(conn, &rating.province_code, &rating.dossier_id).await
            })
        })
        .await
    }

    pub async fn rating(&self, province_code: &str, dossier_id: &str) -> StoreResult<Option<RatingRecord>> {
        let row = sqlx::query(
            "SELECT province_code, dossier_id, rating, comment, rated_by, rated_at FROM ratings
             WHERE province_code = $1 AND dossier_id = $2",
        )
        .bind(province_code)
        .bind(dossier_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(RatingRecord {
            province_code: row.try_get("province_code")?,
            dossier_id: row.try_get("dossier_id")?,
            rating: row.try_get("rating")?,
            comment: row.try_get("comment")?,
            rated_by: row.try_get("rated_by")?,
            rated_at: parse_instant(&row.try_get::<String, _>("rated_at")?)?,
        }))
    }
}
