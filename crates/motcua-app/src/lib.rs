//! Use cases of motcua: what users and administrators can do, composed from
//! domain rules and the store. Handlers call these and nothing below them.
//!
//! Nothing here knows about HTTP; nothing here writes SQL.

pub mod accounts;
pub mod calendar;
pub mod catalogue;
mod demo_dossiers;
pub mod documents;
pub mod dossiers;
pub mod error;
pub mod files;
pub mod import;
pub mod organisation;
pub mod seed;
pub mod units;

use std::sync::Arc;

use motcua_store::Store;

use crate::files::FileStore;

pub use error::{AppError, AppResult};

/// The application: the use cases over one store and one file store. Cheap to
/// clone; holds no state of its own, so several nodes can serve the same
/// database (given a file store they share).
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
    files: Arc<dyn FileStore>,
}

impl App {
    pub fn new(store: Store, files: Arc<dyn FileStore>) -> App {
        App { store, files }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn files(&self) -> &dyn FileStore {
        self.files.as_ref()
    }

    /// Whether the database answers.
    pub async fn health(&self) -> AppResult<()> {
        self.store.ping().await?;
        Ok(())
    }

    /// The minimal durable write the benchmarks compare against.
    pub async fn bench_insert(&self) -> AppResult<()> {
        self.store.insert_bench_row().await?;
        Ok(())
    }
}

/// An instant as stored in history records: RFC 3339 in UTC, microseconds.
pub fn instant_text(instant: chrono::DateTime<chrono::Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Reports the progress of a long import; the command line draws a bar with it.
pub trait Progress: Send + Sync {
    fn start(&self, what: &str, total: u64);
    fn advance(&self, by: u64);
    fn finish(&self);
}

/// Progress that shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _what: &str, _total: u64) {}
    fn advance(&self, _by: u64) {}
    fn finish(&self) {}
}
