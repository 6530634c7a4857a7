//! Citizens' accounts and sign-in sessions (for both citizens and officers).

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::encoding::{instant, parse_instant};
use crate::{Store, StoreError, StoreResult};

/// A citizen's account. Its identification number is only claimed until an
/// officer checks the holder's card at a counter: several accounts may claim
/// a number, one may hold it verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenRecord {
    pub id: String,
    pub personal_id: String,
    pub full_name: String,
    pub phone: String,
    pub email: String,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
    /// When, by whom and where the card was checked, if it was.
    pub verified: Option<Verification>,
}

/// An identity card checked at a counter for an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub at: DateTime<Utc>,
    /// The officer's username.
    pub by: String,
    pub service_point: String,
}

pub(crate) const CITIZEN_COLUMNS: &str =
    "id, personal_id, full_name, phone, email, password_hash, created_at, verified_at, verified_by, verified_at_point";

/// A signed-in session: only the token's hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub token_hash: String,
    /// `citizen` or `officer`.
    pub account_kind: String,
    /// A citizen's id or an officer's username.
    pub account_id: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub(crate) fn citizen_from_row(row: &sqlx::any::AnyRow) -> StoreResult<CitizenRecord> {
    let verified = match row.try_get::<Option<String>, _>("verified_at")? {
        Some(at) => Some(Verification {
            at: parse_instant(&at)?,
            by: row.try_get("verified_by")?,
            service_point: row.try_get("verified_at_point")?,
        }),
        None => None,
    };
    Ok(CitizenRecord {
        id: row.try_get("id")?,
        personal_id: row.try_get("personal_id")?,
        full_name: row.try_get("full_name")?,
        phone: row.try_get("phone")?,
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
        created_at: parse_instant(&row.try_get::<String, _>("created_at")?)?,
        verified,
    })
}

impl Store {
    /// Creates a citizen's account, unverified; [`StoreError::Duplicate`]
    /// if its id exists.
    pub async fn create_citizen(&self, citizen: &CitizenRecord) -> StoreResult<()> {
        let citizen = citizen.clone();
        self.write(move |conn| {
            Box::pin(async move {
                let result = sqlx::query(
                    "INSERT INTO citizens (id, personal_id, full_name, phone, email, password_hash, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
                )
                .bind(&citizen.id)
                .bind(&citizen.personal_id)
                .bind(&citizen.full_name)
                .bind(&citizen.phone)
                .bind(&citizen.email)
                .bind(&citizen.password_hash)
                .bind(instant(citizen.created_at))
                .execute(&mut *conn)
                .await?;
                if result.rows_affected() == 1 { Ok(()) } else { Err(StoreError::Duplicate) }
            })
        })
        .await
    }

    /// The accounts claiming a number: the verified one first, then the
    /// newest, at most `limit`.
    pub async fn citizens_by_personal_id(&self, personal_id: &str, limit: i64) -> StoreResult<Vec<CitizenRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {CITIZEN_COLUMNS} FROM citizens WHERE personal_id = $1
             ORDER BY CASE WHEN verified_at IS NULL THEN 1 ELSE 0 END, created_at DESC, id LIMIT $2"
        ))
        .bind(personal_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(citizen_from_row).collect()
    }

    /// The account that holds a number verified, if one does.
    pub async fn verified_citizen(&self, personal_id: &str) -> StoreResult<Option<CitizenRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {CITIZEN_COLUMNS} FROM citizens WHERE personal_id = $1 AND verified_at IS NOT NULL"
        ))
        .bind(personal_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(citizen_from_row).transpose()
    }

    pub async fn citizen(&self, id: &str) -> StoreResult<Option<CitizenRecord>> {
        let row = sqlx::query(&format!("SELECT {CITIZEN_COLUMNS} FROM citizens WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(citizen_from_row).transpose()
    }

    pub async fn create_session(&self, session: &SessionRecord) -> StoreResult<()> {
        let session = session.clone();
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, account_kind, account_id, created_at, expires_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&session.token_hash)
                .bind(&session.account_kind)
                .bind(&session.account_id)
                .bind(instant(session.created_at))
                .bind(instant(session.expires_at))
                .execute(&mut *conn)
                .await?;
                Ok(())
            })
        })
        .await
    }

    /// The session with this token hash, if it has not expired at `now`.
    pub async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<SessionRecord>> {
        let row = sqlx::query(
            "SELECT token_hash, account_kind, account_id, created_at, expires_at FROM sessions
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(instant(now))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(SessionRecord {
            token_hash: row.try_get("token_hash")?,
            account_kind: row.try_get("account_kind")?,
            account_id: row.try_get("account_id")?,
            created_at: parse_instant(&row.try_get::<String, _>("created_at")?)?,
            expires_at: parse_instant(&row.try_get::<String, _>("expires_at")?)?,
        }))
    }

    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        let token_hash = token_hash.to_owned();
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&mut *conn).await?;
                Ok(())
            })
        })
        .await
    }

    /// Records a failed sign-in, and forgets failures older than `forget_before`.
    pub async fn record_sign_in_failure(
        &self,
        account_key: &str,
        at: DateTime<Utc>,
        forget_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        let key = account_key.to_owned();
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("DELETE FROM sign_in_failures WHERE account_key = $1 AND failed_at < $2")
                    .bind(&key)
                    .bind(instant(forget_before))
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("INSERT INTO sign_in_failures (account_key, failed_at) VALUES ($1, $2)")
                    .bind(&key)
                    .bind(instant(at))
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// How many sign-ins to this account failed since `since`.
    pub async fn sign_in_failures_since(&self, account_key: &str, since: DateTime<Utc>) -> StoreResult<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM sign_in_failures WHERE account_key = $1 AND failed_at >= $2")
            .bind(account_key)
            .bind(instant(since))
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Forgets an account's failed sign-ins, after a successful one.
    pub async fn clear_sign_in_failures(&self, account_key: &str) -> StoreResult<()> {
        let key = account_key.to_owned();
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("DELETE FROM sign_in_failures WHERE account_key = $1")
                    .bind(key)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }
}
