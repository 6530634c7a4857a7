//! Password-reset links: only a token's hash is kept, a link is used once
//! before it expires, and using it sets the new password and ends the
//! account's sessions in one write.

use chrono::{DateTime, Utc};

use crate::encoding::instant;
use crate::outbox::{NotificationRecord, enqueue};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreResult};

/// A one-time password-reset link; only its token's hash is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordResetRecord {
    pub token_hash: String,
    pub citizen_id: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A reset link's row; `used_at` is set once, when the link is used.
#[derive(Debug, Clone, Default, PartialEq)]
struct PasswordResetRow {
    token_hash: String,
    citizen_id: String,
    created_at: String,
    expires_at: String,
    used_at: Option<String>,
}

impl Row for PasswordResetRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("token_hash", &mut self.token_hash);
        c.text("citizen_id", &mut self.citizen_id);
        c.text("created_at", &mut self.created_at);
        c.text("expires_at", &mut self.expires_at);
        c.optional_text("used_at", &mut self.used_at);
    }
}

impl From<&PasswordResetRecord> for PasswordResetRow {
    /// The row of a new link, not used yet.
    fn from(r: &PasswordResetRecord) -> PasswordResetRow {
        PasswordResetRow {
            token_hash: r.token_hash.clone(),
            citizen_id: r.citizen_id.clone(),
            created_at: instant(r.created_at),
            expires_at: instant(r.expires_at),
            used_at: None,
        }
    }
}

impl Store {
    /// Stores a reset link and queues the message that carries it, together.
    pub async fn create_password_reset(
        &self,
        reset: &PasswordResetRecord,
        message: &NotificationRecord,
    ) -> StoreResult<()> {
        let (row, message) = (PasswordResetRow::from(reset), message.clone());
        self.write(move |conn| {
            Box::pin(async move {
                row::insert("password_resets", &row).build().execute(&mut *conn).await?;
                enqueue(conn, &message).await
            })
        })
        .await
    }

    /// Whether a reset link can still be used at `now`.
    pub async fn password_reset_usable(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<bool> {
        let citizen: Option<String> = sqlx::query_scalar(
            "SELECT citizen_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(instant(now))
        .fetch_optional(&self.pool)
        .await?;
        Ok(citizen.is_some())
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
                let citizen: String =
                    sqlx::query_scalar("SELECT citizen_id FROM password_resets WHERE token_hash = $1")
                        .bind(&token_hash)
                        .fetch_one(&mut *conn)
                        .await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_reset_row_has_its_column() {
        row::tests::round_trips(&PasswordResetRow {
            token_hash: "a".into(),
            citizen_id: "b".into(),
            created_at: "c".into(),
            expires_at: "d".into(),
            used_at: Some("e".into()),
        });
    }
}
