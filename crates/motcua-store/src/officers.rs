//! Officer accounts: the account, its role and the scope the role applies to.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;

use crate::encoding::{instant, parse_instant};
use crate::query::SqlBuilder;
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

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

/// An officer's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct OfficerRow {
    username: String,
    display_name: String,
    password_hash: String,
    assignment: AssignmentRow,
    created_at: String,
}

impl Row for OfficerRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("username", &mut self.username);
        c.text("display_name", &mut self.display_name);
        c.text("password_hash", &mut self.password_hash);
        self.assignment.columns(c);
        c.text("created_at", &mut self.created_at);
    }
}

/// The columns of an officer's row that assigning the officer changes.
#[derive(Debug, Clone, Default, PartialEq)]
struct AssignmentRow {
    role: String,
    scope_kind: String,
    scope_code: String,
}

impl Row for AssignmentRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("role", &mut self.role);
        c.text("scope_kind", &mut self.scope_kind);
        c.text("scope_code", &mut self.scope_code);
    }
}

impl From<&OfficerRecord> for OfficerRow {
    fn from(o: &OfficerRecord) -> OfficerRow {
        OfficerRow {
            username: o.username.clone(),
            display_name: o.display_name.clone(),
            password_hash: o.password_hash.clone(),
            assignment: AssignmentRow {
                role: o.role.clone(),
                scope_kind: o.scope_kind.clone(),
                scope_code: o.scope_code.clone(),
            },
            created_at: instant(o.created_at),
        }
    }
}

impl TryFrom<OfficerRow> for OfficerRecord {
    type Error = StoreError;

    fn try_from(r: OfficerRow) -> StoreResult<OfficerRecord> {
        Ok(OfficerRecord {
            username: r.username,
            display_name: r.display_name,
            password_hash: r.password_hash,
            role: r.assignment.role,
            scope_kind: r.assignment.scope_kind,
            scope_code: r.assignment.scope_code,
            created_at: parse_instant(&r.created_at)?,
        })
    }
}

fn read_officer(row: &AnyRow) -> StoreResult<OfficerRecord> {
    OfficerRecord::try_from(row::read::<OfficerRow>(row)?)
}

impl Store {
    /// Creates the account unless one with the same username exists; returns whether it was created.
    pub async fn create_officer(&self, officer: &OfficerRecord) -> StoreResult<bool> {
        let row = OfficerRow::from(officer);
        self.write(move |conn| {
            Box::pin(async move {
                let mut insert = row::insert("officers", &row);
                insert.push(" ON CONFLICT (username) DO NOTHING");
                let result = insert.build().execute(&mut *conn).await?;
                Ok(result.rows_affected() == 1)
            })
        })
        .await
    }

    pub async fn officer(&self, username: &str) -> StoreResult<Option<OfficerRecord>> {
        let row =
            sqlx::query(&format!("SELECT {} FROM officers WHERE username = $1", row::column_list::<OfficerRow>(None)))
                .bind(username)
                .fetch_optional(&self.pool)
                .await?;
        row.as_ref().map(read_officer).transpose()
    }

    /// The officers whose scope is one of `scope_codes` (an agency, a service point), by name.
    pub async fn officers_in(&self, scope_codes: &[&str]) -> StoreResult<Vec<OfficerRecord>> {
        let mut query = SqlBuilder::new(&format!(
            "SELECT {} FROM officers WHERE scope_code IN (",
            row::column_list::<OfficerRow>(None)
        ));
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
        rows.iter().map(read_officer).collect()
    }

    /// Every officer account, by username (at most `limit`).
    pub async fn officers(&self, limit: i64) -> StoreResult<Vec<OfficerRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM officers ORDER BY username LIMIT $1",
            row::column_list::<OfficerRow>(None)
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_officer).collect()
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
        let username = username.to_owned();
        let assignment = AssignmentRow {
            role: role.to_owned(),
            scope_kind: scope_kind.to_owned(),
            scope_code: scope_code.to_owned(),
        };
        self.write(move |conn| {
            Box::pin(async move {
                let mut update = row::update("officers", &assignment);
                update.push(" WHERE username = ").text(&username);
                let changed = update.build().execute(&mut *conn).await?.rows_affected();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_an_officer_row_has_its_column() {
        row::tests::round_trips(&OfficerRow {
            username: "a".into(),
            display_name: "b".into(),
            password_hash: "c".into(),
            assignment: AssignmentRow { role: "d".into(), scope_kind: "e".into(), scope_code: "f".into() },
            created_at: "g".into(),
        });
    }
}
