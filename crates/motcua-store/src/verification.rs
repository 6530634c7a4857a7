//! Identity checked at a counter: an account verified for its number, the
//! dossiers waiting for that verified account, and the account's own log.

use chrono::{DateTime, Utc};

use crate::accounts::{Verification, VerificationRow};
use crate::encoding::{instant, parse_instant};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// Something that happened to an account, shown to its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountEvent {
    pub account_id: String,
    pub occurred_at: DateTime<Utc>,
    /// `verified_at_counter`.
    pub kind: String,
    /// The officer who did it.
    pub actor: String,
    pub service_point: String,
    pub note: String,
}

/// What verifying an account changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// Dossiers received with this number's card checked, now the account's.
    pub dossiers_linked: u64,
}

/// An account event's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct AccountEventRow {
    account_id: String,
    occurred_at: String,
    kind: String,
    actor: String,
    service_point: String,
    note: String,
}

impl Row for AccountEventRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("account_id", &mut self.account_id);
        c.text("occurred_at", &mut self.occurred_at);
        c.text("kind", &mut self.kind);
        c.text("actor", &mut self.actor);
        c.text("service_point", &mut self.service_point);
        c.text("note", &mut self.note);
    }
}

impl From<&AccountEvent> for AccountEventRow {
    fn from(e: &AccountEvent) -> AccountEventRow {
        AccountEventRow {
            account_id: e.account_id.clone(),
            occurred_at: instant(e.occurred_at),
            kind: e.kind.clone(),
            actor: e.actor.clone(),
            service_point: e.service_point.clone(),
            note: e.note.clone(),
        }
    }
}

impl TryFrom<AccountEventRow> for AccountEvent {
    type Error = StoreError;

    fn try_from(r: AccountEventRow) -> StoreResult<AccountEvent> {
        Ok(AccountEvent {
            account_id: r.account_id,
            occurred_at: parse_instant(&r.occurred_at)?,
            kind: r.kind,
            actor: r.actor,
            service_point: r.service_point,
            note: r.note,
        })
    }
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|e| e.is_unique_violation())
}

impl Store {
    /// Marks an account verified for its number, in one transaction: the
    /// dossiers received for the number with the card checked (recorded as
    /// `identified_key`) become the account's, with the electronic results
    /// already issued for them, its sessions end (its rights changed), and
    /// the event is logged. [`StoreError::Duplicate`] when
    /// another account already holds the number verified;
    /// [`StoreError::Conflict`] when this one is verified already.
    pub async fn verify_citizen(
        &self,
        account_id: &str,
        identified_key: &str,
        verification: &Verification,
        note: &str,
    ) -> StoreResult<Verified> {
        let (account_id, identified_key, verification, note) =
            (account_id.to_owned(), identified_key.to_owned(), verification.clone(), note.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                let holder: Option<String> = sqlx::query_scalar(
                    "SELECT c.id FROM citizens c JOIN citizens me ON me.personal_id = c.personal_id
                     WHERE me.id = $1 AND c.verified_at IS NOT NULL",
                )
                .bind(&account_id)
                .fetch_optional(&mut *conn)
                .await?;
                if let Some(holder) = holder {
                    return Err(if holder == account_id { StoreError::Conflict } else { StoreError::Duplicate });
                }
                let mut update = row::update("citizens", &VerificationRow::from(&verification));
                update.push(" WHERE id = ").text(&account_id).push(" AND verified_at IS NULL");
                let updated = update.build().execute(&mut *conn).await;
                match updated {
                    Ok(done) if done.rows_affected() == 1 => {}
                    Ok(_) => return Err(StoreError::Conflict),
                    Err(error) if is_unique_violation(&error) => return Err(StoreError::Duplicate),
                    Err(error) => return Err(error.into()),
                }
                let linked = sqlx::query("UPDATE dossiers SET applicant_id = $1 WHERE applicant_id = $2")
                    .bind(&account_id)
                    .bind(&identified_key)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                // The electronic results already issued for those dossiers
                // reach the account's documents, as they would have at approval.
                sqlx::query(
                    "INSERT INTO documents (owner_id, sha256, file_name, media_type, size, origin, dossier_code, created_at)
                     SELECT d.applicant_id, dd.sha256, dd.file_name, dd.media_type, dd.size, 'result', d.code, $2
                     FROM dossier_documents dd
                     JOIN dossiers d ON d.province_code = dd.province_code AND d.id = dd.dossier_id
                     WHERE d.applicant_id = $1 AND dd.component_code = 'result'
                     ON CONFLICT (owner_id, sha256) DO NOTHING",
                )
                .bind(&account_id)
                .bind(instant(verification.at))
                .execute(&mut *conn)
                .await?;
                sqlx::query("DELETE FROM sessions WHERE account_kind = 'citizen' AND account_id = $1")
                    .bind(&account_id)
                    .execute(&mut *conn)
                    .await?;
                let event = AccountEvent {
                    account_id: account_id.clone(),
                    occurred_at: verification.at,
                    kind: "verified_at_counter".to_owned(),
                    actor: verification.by.clone(),
                    service_point: verification.service_point.clone(),
                    note,
                };
                row::insert("account_events", &AccountEventRow::from(&event)).build().execute(&mut *conn).await?;
                Ok(Verified { dossiers_linked: linked })
            })
        })
        .await
    }

    /// An account's log, newest first.
    pub async fn account_events(&self, account_id: &str) -> StoreResult<Vec<AccountEvent>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM account_events WHERE account_id = $1 ORDER BY occurred_at DESC",
            row::column_list::<AccountEventRow>(None)
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| AccountEvent::try_from(row::read::<AccountEventRow>(r)?)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_an_account_event_row_has_its_column() {
        row::tests::round_trips(&AccountEventRow {
            account_id: "a".into(),
            occurred_at: "b".into(),
            kind: "c".into(),
            actor: "d".into(),
            service_point: "e".into(),
            note: "f".into(),
        });
    }
}
