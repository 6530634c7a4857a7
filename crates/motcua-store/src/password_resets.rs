//! Password-reset links: only a token's hash is kept, a link is used once
//! before it expires, and using it sets the new password and ends the
//! account's sessions in one write.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::encoding::instant;
use crate::outbox::{NotificationRecord, enqueue};
use crate::{Store, StoreResult};

/// A one-time password-reset link; only its token's hash is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordResetRecord {
    pub token_hash: String,
    pub citizen_id: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl Store {
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
}
