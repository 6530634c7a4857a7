//! Citizens' accounts and sign-in sessions (for both citizens and officers).

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;

use crate::encoding::{instant, parse_instant, parse_optional_instant};
use crate::row::{self, Columns, Row};
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

/// A citizen's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct CitizenRow {
    id: String,
    personal_id: String,
    full_name: String,
    phone: String,
    email: String,
    password_hash: String,
    created_at: String,
    verification: VerificationRow,
}

impl Row for CitizenRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("id", &mut self.id);
        c.text("personal_id", &mut self.personal_id);
        c.text("full_name", &mut self.full_name);
        c.text("phone", &mut self.phone);
        c.text("email", &mut self.email);
        c.text("password_hash", &mut self.password_hash);
        c.text("created_at", &mut self.created_at);
        self.verification.columns(c);
    }
}

/// The columns of a citizen's row that checking the card at a counter sets;
/// all null or empty while the account is unverified.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct VerificationRow {
    verified_at: Option<String>,
    verified_by: String,
    verified_at_point: String,
}

impl Row for VerificationRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.optional_text("verified_at", &mut self.verified_at);
        c.text("verified_by", &mut self.verified_by);
        c.text("verified_at_point", &mut self.verified_at_point);
    }
}

impl From<&Verification> for VerificationRow {
    fn from(v: &Verification) -> VerificationRow {
        VerificationRow {
            verified_at: Some(instant(v.at)),
            verified_by: v.by.clone(),
            verified_at_point: v.service_point.clone(),
        }
    }
}

impl From<&CitizenRecord> for CitizenRow {
    fn from(c: &CitizenRecord) -> CitizenRow {
        CitizenRow {
            id: c.id.clone(),
            personal_id: c.personal_id.clone(),
            full_name: c.full_name.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            password_hash: c.password_hash.clone(),
            created_at: instant(c.created_at),
            verification: c.verified.as_ref().map(VerificationRow::from).unwrap_or_default(),
        }
    }
}

impl TryFrom<CitizenRow> for CitizenRecord {
    type Error = StoreError;

    fn try_from(r: CitizenRow) -> StoreResult<CitizenRecord> {
        let v = r.verification;
        let verified = match v.verified_at {
            Some(at) => {
                Some(Verification { at: parse_instant(&at)?, by: v.verified_by, service_point: v.verified_at_point })
            }
            None => None,
        };
        Ok(CitizenRecord {
            id: r.id,
            personal_id: r.personal_id,
            full_name: r.full_name,
            phone: r.phone,
            email: r.email,
            password_hash: r.password_hash,
            created_at: parse_instant(&r.created_at)?,
            verified,
        })
    }
}

fn read_citizen(row: &AnyRow) -> StoreResult<CitizenRecord> {
    CitizenRecord::try_from(row::read::<CitizenRow>(row)?)
}

/// A session's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct SessionRow {
    token_hash: String,
    account_kind: String,
    account_id: String,
    created_at: String,
    expires_at: String,
}

impl Row for SessionRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("token_hash", &mut self.token_hash);
        c.text("account_kind", &mut self.account_kind);
        c.text("account_id", &mut self.account_id);
        c.text("created_at", &mut self.created_at);
        c.text("expires_at", &mut self.expires_at);
    }
}

impl From<&SessionRecord> for SessionRow {
    fn from(s: &SessionRecord) -> SessionRow {
        SessionRow {
            token_hash: s.token_hash.clone(),
            account_kind: s.account_kind.clone(),
            account_id: s.account_id.clone(),
            created_at: instant(s.created_at),
            expires_at: instant(s.expires_at),
        }
    }
}

impl TryFrom<SessionRow> for SessionRecord {
    type Error = StoreError;

    fn try_from(r: SessionRow) -> StoreResult<SessionRecord> {
        Ok(SessionRecord {
            token_hash: r.token_hash,
            account_kind: r.account_kind,
            account_id: r.account_id,
            created_at: parse_instant(&r.created_at)?,
            expires_at: parse_instant(&r.expires_at)?,
        })
    }
}

/// A failed sign-in's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct SignInFailureRow {
    account_key: String,
    address: String,
    failed_at: String,
}

impl Row for SignInFailureRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("account_key", &mut self.account_key);
        c.text("address", &mut self.address);
        c.text("failed_at", &mut self.failed_at);
    }
}

/// How many failed sign-ins a question matched, and the latest: the result
/// of `COUNT(*) AS failures, MAX(failed_at) AS last_failed_at`.
#[derive(Debug, Clone, Default, PartialEq)]
struct FailureCountRow {
    failures: i64,
    last_failed_at: Option<String>,
}

impl Row for FailureCountRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.int("failures", &mut self.failures);
        c.optional_text("last_failed_at", &mut self.last_failed_at);
    }
}

/// The select list that gives a [`FailureCountRow`].
const FAILURE_COUNT: &str = "COUNT(*) AS failures, MAX(failed_at) AS last_failed_at";

/// The row of what an account's owner is told after signing in.
#[derive(Debug, Clone, Default, PartialEq)]
struct SignInNoticeRow {
    account: String,
    signed_in_at: String,
    failures: i64,
    last_address: Option<String>,
    last_failed_at: Option<String>,
}

impl Row for SignInNoticeRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("account", &mut self.account);
        c.text("signed_in_at", &mut self.signed_in_at);
        c.int("failures", &mut self.failures);
        c.optional_text("last_address", &mut self.last_address);
        c.optional_text("last_failed_at", &mut self.last_failed_at);
    }
}

impl TryFrom<SignInNoticeRow> for SignInNotice {
    type Error = StoreError;

    fn try_from(r: SignInNoticeRow) -> StoreResult<SignInNotice> {
        Ok(SignInNotice {
            signed_in_at: parse_instant(&r.signed_in_at)?,
            failures: r.failures,
            last_address: r.last_address,
            last_failed_at: parse_optional_instant(r.last_failed_at.as_deref())?,
        })
    }
}

impl Store {
    /// Creates a citizen's account, unverified; [`StoreError::Duplicate`]
    /// if its id exists.
    pub async fn create_citizen(&self, citizen: &CitizenRecord) -> StoreResult<()> {
        // An account is verified only at a counter, by `verify_citizen`.
        let row = CitizenRow::from(&CitizenRecord { verified: None, ..citizen.clone() });
        self.write(move |conn| {
            Box::pin(async move {
                let mut insert = row::insert("citizens", &row);
                insert.push(" ON CONFLICT (id) DO NOTHING");
                let result = insert.build().execute(&mut *conn).await?;
                if result.rows_affected() == 1 { Ok(()) } else { Err(StoreError::Duplicate) }
            })
        })
        .await
    }

    /// The accounts claiming a number: the verified one first, then the
    /// newest, at most `limit`.
    pub async fn citizens_by_personal_id(&self, personal_id: &str, limit: i64) -> StoreResult<Vec<CitizenRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM citizens WHERE personal_id = $1
             ORDER BY CASE WHEN verified_at IS NULL THEN 1 ELSE 0 END, created_at DESC, id LIMIT $2",
            row::column_list::<CitizenRow>(None)
        ))
        .bind(personal_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_citizen).collect()
    }

    /// The account that holds a number verified, if one does.
    pub async fn verified_citizen(&self, personal_id: &str) -> StoreResult<Option<CitizenRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {} FROM citizens WHERE personal_id = $1 AND verified_at IS NOT NULL",
            row::column_list::<CitizenRow>(None)
        ))
        .bind(personal_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(read_citizen).transpose()
    }

    pub async fn citizen(&self, id: &str) -> StoreResult<Option<CitizenRecord>> {
        let row = sqlx::query(&format!("SELECT {} FROM citizens WHERE id = $1", row::column_list::<CitizenRow>(None)))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(read_citizen).transpose()
    }

    pub async fn create_session(&self, session: &SessionRecord) -> StoreResult<()> {
        let row = SessionRow::from(session);
        self.write(move |conn| {
            Box::pin(async move {
                row::insert("sessions", &row).build().execute(&mut *conn).await?;
                Ok(())
            })
        })
        .await
    }

    /// The session with this token hash, if it has not expired at `now`.
    pub async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<SessionRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {} FROM sessions WHERE token_hash = $1 AND expires_at > $2",
            row::column_list::<SessionRow>(None)
        ))
        .bind(token_hash)
        .bind(instant(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(|r| SessionRecord::try_from(row::read::<SessionRow>(r)?)).transpose()
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
        let failure = SignInFailureRow {
            account_key: account_key.to_owned(),
            address: address.to_owned(),
            failed_at: instant(at),
        };
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
                    .bind(instant(forget_before))
                    .execute(&mut *conn)
                    .await?;
                row::insert("sign_in_failures", &failure).build().execute(&mut *conn).await?;
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
        let pair = sqlx::query(&format!(
            "SELECT {FAILURE_COUNT} FROM sign_in_failures WHERE account_key = $1 AND address = $2 AND failed_at >= $3"
        ))
        .bind(account_key)
        .bind(address)
        .bind(instant(since))
        .fetch_one(&self.pool)
        .await?;
        let from_address = sqlx::query(&format!(
            "SELECT {FAILURE_COUNT} FROM sign_in_failures WHERE address = $1 AND failed_at >= $2"
        ))
        .bind(address)
        .bind(instant(since))
        .fetch_one(&self.pool)
        .await?;
        let (pair, from_address) = (row::read::<FailureCountRow>(&pair)?, row::read::<FailureCountRow>(&from_address)?);
        Ok(SignInFailures {
            to_account: pair.failures,
            to_account_last: parse_optional_instant(pair.last_failed_at.as_deref())?,
            from_address: from_address.failures,
            from_address_last: parse_optional_instant(from_address.last_failed_at.as_deref())?,
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
                let previous: String =
                    sqlx::query_scalar("SELECT signed_in_at FROM sign_in_notices WHERE account = $1")
                        .bind(&account)
                        .fetch_optional(&mut *conn)
                        .await?
                        .unwrap_or_default();
                let summary = sqlx::query(&format!(
                    "SELECT {FAILURE_COUNT} FROM sign_in_failures WHERE account_key = $1 AND failed_at > $2"
                ))
                .bind(&key)
                .bind(&previous)
                .fetch_one(&mut *conn)
                .await?;
                let summary = row::read::<FailureCountRow>(&summary)?;
                let last_address: Option<String> =
                    match &summary.last_failed_at {
                        Some(last) => sqlx::query_scalar(
                            "SELECT address FROM sign_in_failures WHERE account_key = $1 AND failed_at = $2 LIMIT 1",
                        )
                        .bind(&key)
                        .bind(last)
                        .fetch_optional(&mut *conn)
                        .await?,
                        None => None,
                    };
                let notice = SignInNoticeRow {
                    account,
                    signed_in_at: instant(at),
                    failures: summary.failures,
                    last_address,
                    last_failed_at: summary.last_failed_at,
                };
                row::upsert("sign_in_notices", &notice, &["account"]).build().execute(&mut *conn).await?;
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
        let row = sqlx::query(&format!(
            "SELECT {} FROM sign_in_notices WHERE account = $1",
            row::column_list::<SignInNoticeRow>(None)
        ))
        .bind(account)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(|r| SignInNotice::try_from(row::read::<SignInNoticeRow>(r)?)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_account_rows_has_its_column() {
        row::tests::round_trips(&CitizenRow {
            id: "a".into(),
            personal_id: "b".into(),
            full_name: "c".into(),
            phone: "d".into(),
            email: "e".into(),
            password_hash: "f".into(),
            created_at: "g".into(),
            verification: VerificationRow {
                verified_at: Some("h".into()),
                verified_by: "i".into(),
                verified_at_point: "j".into(),
            },
        });
        row::tests::round_trips(&SessionRow {
            token_hash: "a".into(),
            account_kind: "b".into(),
            account_id: "c".into(),
            created_at: "d".into(),
            expires_at: "e".into(),
        });
        row::tests::round_trips(&SignInFailureRow {
            account_key: "a".into(),
            address: "b".into(),
            failed_at: "c".into(),
        });
        row::tests::round_trips(&FailureCountRow { failures: 3, last_failed_at: Some("a".into()) });
        row::tests::round_trips(&SignInNoticeRow {
            account: "a".into(),
            signed_in_at: "b".into(),
            failures: 4,
            last_address: Some("c".into()),
            last_failed_at: Some("d".into()),
        });
    }

    #[test]
    fn a_citizen_survives_its_row_verified_or_not() {
        let at = parse_instant("2026-03-04T05:06:07.000008Z").expect("instant");
        let unverified = CitizenRecord {
            id: "c1".into(),
            personal_id: "001203004005".into(),
            full_name: "Nguyễn Văn A".into(),
            phone: "0900000000".into(),
            email: "a@example.vn".into(),
            password_hash: "hash".into(),
            created_at: at,
            verified: None,
        };
        let verified = CitizenRecord {
            verified: Some(Verification { at, by: "officer".into(), service_point: "HN".into() }),
            ..unverified.clone()
        };
        for record in [unverified, verified] {
            assert_eq!(CitizenRecord::try_from(CitizenRow::from(&record)).expect("readable"), record);
        }
    }
}
