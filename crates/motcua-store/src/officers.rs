//! Officer accounts: the account, its role and the scope the role applies to.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::encoding::{instant, parse_instant};
use crate::query::SqlBuilder;
use crate::{Store, StoreResult};

/// An officer account as stored. The password is only ever an argon2 hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerRecord {
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    /// `agency`, `service_point` or `unit`.
    pub scope_kind: String,
    pub scope_code: String,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Creates the account unless one with the same username exists; returns whether it was created.
    pub async fn create_officer(&self, officer: &OfficerRecord) -> StoreResult<bool> {
        let officer = officer.clone();
        self.write(move |conn| {
            Box::pin(async move {
                let result = sqlx::query(
            "INSERT INTO officers (username, display_name, password_hash, role, scope_kind, scope_code, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING",
        )
        .bind(&officer.username)
        .bind(&officer.display_name)
        .bind(&officer.password_hash)
        .bind(&officer.role)
        .bind(&officer.scope_kind)
        .bind(&officer.scope_code)
        .bind(instant(officer.created_at))
        .execute(&mut *conn)
        .await?;
                Ok(result.rows_affected() == 1)
            })
        })
        .await
    }

    pub async fn officer(&self, username: &str) -> StoreResult<Option<OfficerRecord>> {
        let row = sqlx::query(&format!("SELECT {OFFICER_COLUMNS} FROM officers WHERE username = $1"))
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(officer_from_row).transpose()
    }

    /// The officers whose scope is one of `scope_codes` (an agency, a service point), by name.
    pub async fn officers_in(&self, scope_codes: &[&str]) -> StoreResult<Vec<OfficerRecord>> {
        let mut query = SqlBuilder::new(&format!("SELECT {OFFICER_COLUMNS} FROM officers WHERE scope_code IN ("));
        for (i, code) in scope_codes.iter().enumerate() {
            if i > 0 {
                query.push(", ");
            }
            query.text(*code);
        }
        if scope_codes.is_empty() {
            query.text("");
        }
        query.push(") ORDER BY display_name, username LIMIT 200");
        let rows = query.build().fetch_all(&self.pool).await?;
        rows.iter().map(officer_from_row).collect()
    }
}

impl Store {
    /// Every officer account, by username (at most `limit`).
    pub async fn officers(&self, limit: i64) -> StoreResult<Vec<OfficerRecord>> {
        let rows = sqlx::query(&format!("SELECT {OFFICER_COLUMNS} FROM officers ORDER BY username LIMIT $1"))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(officer_from_row).collect()
    }

    /// Gives an officer another role and scope, and ends the officer's
    /// sessions in the same transaction: new powers come with a new session
    /// token, at the next sign-in. Returns whether the account exists.
    pub async fn assign_officer(
        &self,
        username: &str,
        role: &str,
        scope_kind: &str,
        scope_code: &str,
    ) -> StoreResult<bool> {
        let (username, role, kind, code) =
            (username.to_owned(), role.to_owned(), scope_kind.to_owned(), scope_code.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                let changed =
                    sqlx::query("UPDATE officers SET role = $1, scope_kind = $2, scope_code = $3 WHERE username = $4")
                        .bind(role)
                        .bind(kind)
                        .bind(code)
                        .bind(&username)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected();
                sqlx::query("DELETE FROM sessions WHERE account_kind = 'officer' AND account_id = $1")
                    .bind(&username)
                    .execute(&mut *conn)
                    .await?;
                Ok(changed == 1)
            })
        })
        .await
    }
}

const OFFICER_COLUMNS: &str = "username, display_name, password_hash, role, scope_kind, scope_code, created_at";

fn officer_from_row(row: &sqlx::any::AnyRow) -> StoreResult<OfficerRecord> {
    Ok(OfficerRecord {
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        role: row.try_get("role")?,
        scope_kind: row.try_get("scope_kind")?,
        scope_code: row.try_get("scope_code")?,
        created_at: parse_instant(&row.try_get::<String, _>("created_at")?)?,
    })
}
