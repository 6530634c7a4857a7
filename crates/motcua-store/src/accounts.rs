//! Citizens' accounts and sign-in sessions (for both citizens and officers).

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::encoding::{instant, optional_instant, parse_instant};
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

/// Failed sign-ins within a window: to one account from one address, and
/// from that address to any account, each with the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SignInFailures {
    pub to_account: i64,
    pub to_account_last: Option<DateTime<Utc>>,
    pub from_address: i64,
    pub from_address_last: Option<DateTime<Utc>>,
}

/// The failed sign-ins to an account between its owner's previous sign-in
/// and the latest, and where and when the last of them came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInNotice {
    pub signed_in_at: DateTime<Utc>,
    pub failures: i64,
    pub last_address: Option<String>,
    pub last_failed_at: Option<DateTime<Utc>>,
}

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

    /// Records a failed sign-in to `account_key` from `address`, and forgets
    /// every failure older than `forget_before`.
    pub async fn record_sign_in_failure(
        &self,
        account_key: &str,
        address: &str,
        at: DateTime<Utc>,
        forget_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        let (key, address) = (account_key.to_owned(), address.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
                    .bind(instant(forget_before))
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("INSERT INTO sign_in_failures (account_key, address, failed_at) VALUES ($1, $2, $3)")
                    .bind(&key)
                    .bind(&address)
                    .bind(instant(at))
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// The failed sign-ins since `since` to `account_key` from `address`, and
    /// from `address` to any account.
    pub async fn sign_in_failures(
        &self,
        account_key: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<SignInFailures> {
        let pair = sqlx::query(
            "SELECT COUNT(*) AS n, MAX(failed_at) AS last FROM sign_in_failures
             WHERE account_key = $1 AND address = $2 AND failed_at >= $3",
        )
        .bind(account_key)
        .bind(address)
        .bind(instant(since))
        .fetch_one(&self.pool)
        .await?;
        let from_address = sqlx::query(
            "SELECT COUNT(*) AS n, MAX(failed_at) AS last FROM sign_in_failures WHERE address = $1 AND failed_at >= $2",
        )
        .bind(address)
        .bind(instant(since))
        .fetch_one(&self.pool)
        .await?;
        Ok(SignInFailures {
            to_account: pair.try_get("n")?,
            to_account_last: optional_instant(&pair, "last")?,
            from_address: from_address.try_get("n")?,
            from_address_last: optional_instant(&from_address, "last")?,
        })
    }

    /// A successful sign-in to `account` (typed as `account_key`) from
    /// `address`, in one transaction: the failures to `account_key` since the
    /// account's previous sign-in become its notice, and the failures of this
    /// key from this address are forgotten (they were the owner's).
    pub async fn record_sign_in(
        &self,
        account_key: &str,
        account: &str,
        address: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let (key, account, address) = (account_key.to_owned(), account.to_owned(), address.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                let previous = sqlx::query("SELECT signed_in_at FROM sign_in_notices WHERE account = $1")
                    .bind(&account)
                    .fetch_optional(&mut *conn)
                    .await?
                    .map(|row| row.try_get::<String, _>("signed_in_at"))
                    .transpose()?
                    .unwrap_or_default();
                let summary = sqlx::query(
                    "SELECT COUNT(*) AS n, MAX(failed_at) AS last FROM sign_in_failures
                     WHERE account_key = $1 AND failed_at > $2",
                )
                .bind(&key)
                .bind(&previous)
                .fetch_one(&mut *conn)
                .await?;
                let failures: i64 = summary.try_get("n")?;
                let last_at: Option<String> = summary.try_get("last")?;
                let last_address: Option<String> = match &last_at {
                    Some(last) => sqlx::query(
                        "SELECT address FROM sign_in_failures WHERE account_key = $1 AND failed_at = $2 LIMIT 1",
                    )
                    .bind(&key)
                    .bind(last)
                    .fetch_optional(&mut *conn)
                    .await?
                    .map(|row| row.try_get::<String, _>("address"))
                    .transpose()?,
                    None => None,
                };
                sqlx::query(
                    "INSERT INTO sign_in_notices (account, signed_in_at, failures, last_address, last_failed_at)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (account) DO UPDATE SET signed_in_at = excluded.signed_in_at,
                       failures = excluded.failures, last_address = excluded.last_address,
                       last_failed_at = excluded.last_failed_at",
                )
                .bind(&account)
                .bind(instant(at))
                .bind(failures)
                .bind(last_address)
                .bind(last_at)
                .execute(&mut *conn)
                .await?;
                sqlx::query("DELETE FROM sign_in_failures WHERE account_key = $1 AND address = $2")
                    .bind(&key)
                    .bind(&address)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// What `account`'s owner is told about the sign-ins that failed before
    /// their latest one.
    pub async fn sign_in_notice(&self, account: &str) -> StoreResult<Option<SignInNotice>> {
        let row = sqlx::query(
            "SELECT signed_in_at, failures, last_address, last_failed_at FROM sign_in_notices WHERE account = $1",
        )
        .bind(account)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(SignInNotice {
            signed_in_at: parse_instant(&row.try_get::<String, _>("signed_in_at")?)?,
            failures: row.try_get("failures")?,
            last_address: row.try_get("last_address")?,
            last_failed_at: optional_instant(&row, "last_failed_at")?,
        }))
    }
}
