//! All SQL of motcua, for SQLite and PostgreSQL from one code path.
//!
//! The store speaks to either database through sqlx's `Any` driver, so each
//! query is written once. Queries use `$1…$n` placeholders in order of
//! appearance and never reuse one (SQLite numbers named parameters by first
//! appearance). Values cross the boundary as the few types both databases
//! share: `TEXT`, 64-bit integers, doubles. Dates are `YYYY-MM-DD` text, instants
//! fixed-width RFC 3339 text in UTC, flags 0/1. The two migration folders differ
//! only where DDL must.

mod accounts;
mod bench;
mod calendar;
mod catalogue;
mod documents;
mod dossier_rows;
mod dossiers;
mod drafts;
mod encoding;
mod indicators;
mod officers;
mod organisation;
mod outbox;
mod password_resets;
mod payments;
mod query;
mod ratings;
mod row;
mod settings;
mod units;
mod verification;
mod writer;

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyConnection, AnyPool, Executor};
use thiserror::Error;

use crate::row::{Columns, Row};
use crate::writer::{BoxFuture, GroupWriter, WriteOp, unbox, write_in_transaction};

pub use accounts::{CitizenRecord, SessionRecord, SignInFailures, SignInNotice, Verification};
pub use catalogue::{CatalogueHit, CataloguePage, SavedVersion};
pub use documents::{AttachedDocument, DocumentRecord, SavedUpload};
pub use dossiers::{Along, CodeRequest, Created, DossierFilter, IdempotencyClaim, WholeDossier};
pub use drafts::DraftRecord;
pub use indicators::{Breakdown, CountedDossier, IndicatorFilter, MeasureRecord, Place, Rebuilt, Tallied};
pub use officers::OfficerRecord;
pub use outbox::NotificationRecord;
pub use password_resets::PasswordResetRecord;
pub use payments::{CallKind, PaymentCall};
pub use ratings::RatingRecord;
pub use verification::{AccountEvent, Verified};

/// A failure of the store. The web layer shows none of its text to users.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("the record changed since it was read")]
    Conflict,
    #[error("a record with the same key exists")]
    Duplicate,
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("the database writer has stopped")]
    WriterStopped,
    #[error("a group commit failed: {0}")]
    CommitFailed(String),
    #[error("unsupported database URL {0:?}: use sqlite://… or postgres://…")]
    UnsupportedUrl(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Which database engine a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Recognises `sqlite:` and `postgres:`/`postgresql:` URLs.
    pub fn from_url(url: &str) -> StoreResult<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(url.to_owned()))
        }
    }
}

/// The database, shared by every request. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// On SQLite, the task that owns the one writing connection and commits
    /// concurrent writes together; absent on PostgreSQL.
    group_writer: Option<Arc<GroupWriter>>,
}

/// Set on every SQLite connection, the readers' and the writer's.
pub(crate) const SQLITE_PRAGMAS: &[&str] = &[
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
    // Search text is folded to lower case in Rust; a case-sensitive LIKE
    // matches as PostgreSQL's does, and faster.
    "PRAGMA case_sensitive_like = ON",
];

/// Adds `mode=rwc` to a SQLite URL so the file is created when missing.
fn sqlite_url_creating_file(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// A row of the key-value `meta` table.
#[derive(Debug, Clone, Default, PartialEq)]
struct MetaRow {
    key: String,
    value: String,
}

impl Row for MetaRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("key", &mut self.key);
        c.text("value", &mut self.value);
    }
}

impl Store {
    /// Connects to `url` with at most `max_connections` pooled connections.
    ///
    /// SQLite runs in WAL mode with `synchronous=FULL`: a commit of dossier data
    /// is on disk before the request that made it is acknowledged.
    pub async fn connect(url: &str, max_connections: u32) -> StoreResult<Store> {
        install_default_drivers();
        let backend = Backend::from_url(url)?;
        let options =
            AnyPoolOptions::new().max_connections(max_connections.max(1)).acquire_timeout(Duration::from_secs(30));
        let pool = match backend {
            Backend::Sqlite => {
                options
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            for pragma in SQLITE_PRAGMAS {
                                conn.execute(*pragma).await?;
                            }
                            Ok(())
                        })
                    })
                    .connect(&sqlite_url_creating_file(url))
                    .await?
            }
            Backend::Postgres => options.connect(url).await?,
        };
        let group_writer = match backend {
            Backend::Sqlite => Some(Arc::new(GroupWriter::start(&sqlite_url_creating_file(url)).await?)),
            Backend::Postgres => None,
        };
        Ok(Store { pool, backend, group_writer })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> StoreResult<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&self.pool).await?,
        }
        Ok(())
    }

    /// Answers whether the database is reachable.
    pub async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Runs a write: on SQLite in the writing task's next group commit, on
    /// PostgreSQL in a transaction of its own. Answers after the commit.
    pub(crate) async fn write<T, F>(&self, op: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, StoreResult<T>> + Send + 'static,
    {
        let op: WriteOp = Box::new(move |connection| {
            Box::pin(async move { op(connection).await.map(|value| Box::new(value) as Box<dyn std::any::Any + Send>) })
        });
        let answer = match &self.group_writer {
            Some(writer) => writer.write(op).await?,
            None => write_in_transaction(&self.pool, op).await?,
        };
        unbox(answer)
    }

    /// Reads a value of the key-value `meta` table.
    pub async fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        let value = sqlx::query_scalar::<_, String>("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(value)
    }

    /// Sets a value of the key-value `meta` table.
    pub async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        let (key, value) = (key.to_owned(), value.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                row::upsert("meta", &MetaRow { key, value }, &["key"]).build().execute(&mut *conn).await?;
                Ok(())
            })
        })
        .await
    }

    /// Refreshes the planner's statistics (and, on PostgreSQL, the visibility
    /// map that index-only scans need) after a bulk import.
    pub async fn refresh_statistics(&self) -> StoreResult<()> {
        let statement = match self.backend {
            Backend::Sqlite => "ANALYZE",
            Backend::Postgres => "VACUUM (ANALYZE) procedures, procedure_words, admin_units",
        };
        sqlx::query(statement).execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection, waiting for those in use.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_meta_row_has_its_column() {
        row::tests::round_trips(&MetaRow { key: "a".into(), value: "b".into() });
    }
}
