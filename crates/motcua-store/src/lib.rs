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
mod dossiers;
mod encoding;
mod officers;
mod organisation;
mod query;
mod units;

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use thiserror::Error;
use tokio::sync::{Mutex, MutexGuard};

pub use accounts::{CitizenRecord, SessionRecord};
pub use catalogue::{CatalogueHit, CataloguePage, SavedVersion};
pub use documents::{AttachedDocument, DocumentRecord};
pub use dossiers::{CodeRequest, Created, DossierFilter, DossierRecord, IdempotencyClaim};
pub use officers::OfficerRecord;

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
    /// SQLite allows one writer at a time; taking turns in the process avoids
    /// busy errors when two deferred transactions both try to upgrade to write.
    sqlite_writer: Arc<Mutex<()>>,
}

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
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA synchronous = FULL").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            conn.execute("PRAGMA busy_timeout = 10000").await?;
                            // Search text is folded to lower case in Rust; a
                            // case-sensitive LIKE matches as PostgreSQL's does, faster.
                            conn.execute("PRAGMA case_sensitive_like = ON").await?;
                            Ok(())
                        })
                    })
                    .connect(&sqlite_url_creating_file(url))
                    .await?
            }
            Backend::Postgres => options.connect(url).await?,
        };
        Ok(Store { pool, backend, sqlite_writer: Arc::new(Mutex::new(())) })
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

    /// Waits for this process's turn to write, on SQLite; free on PostgreSQL.
    async fn writer(&self) -> Option<MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.sqlite_writer.lock().await),
            Backend::Postgres => None,
        }
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
        let _turn = self.writer().await;
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Closes every connection, waiting for those in use.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
