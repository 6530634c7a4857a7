//! Use cases of motcua: what users and administrators can do, composed from
//! domain rules and the store. Handlers call these and nothing below them.
//!
//! Nothing here knows about HTTP; nothing here writes SQL.

pub mod accounts;
pub mod admin;
pub mod calendar;
pub mod catalogue;
pub mod documents;
pub mod dossiers;
pub mod drafts;
pub mod error;
pub mod files;
pub mod gateway;
pub mod generate;
pub mod import;
pub mod indicators;
pub mod notify;
pub mod organisation;
pub mod reconciliation;
pub mod seed;
pub mod units;
pub mod verification;

use std::sync::Arc;

use motcua_store::Store;

use crate::files::FileStore;
use crate::notify::{LogNotifier, Notifier};

pub use error::{AppError, AppResult};

/// The application: the use cases over one store and one file store. Cheap to
/// clone; holds no state of its own, so several nodes can serve the same
/// database (given a file store they share).
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
    files: Arc<dyn FileStore>,
    notifier: Arc<dyn Notifier>,
    /// Where people reach the site, for links in messages (no trailing slash).
    public_url: String,
    /// The most bytes a citizen's uploads may take.
    upload_quota: u64,
    /// Held while uploads are stored and while unused ones are removed, so
    /// a removal never takes bytes another upload of this node just stored.
    uploads: Arc<tokio::sync::Mutex<()>>,
    /// Where citizens pay online, when a gateway is configured.
    gateway: Option<Arc<dyn gateway::PaymentGateway>>,
}

impl App {
    /// An application that sends its messages to the log and links to
    /// `http://127.0.0.1:8080` until told otherwise.
    pub fn new(store: Store, files: Arc<dyn FileStore>) -> App {
        App {
            store,
            files,
            notifier: Arc::new(LogNotifier),
            public_url: "http://127.0.0.1:8080".to_owned(),
            upload_quota: documents::DEFAULT_UPLOAD_QUOTA,
            uploads: Arc::default(),
            gateway: None,
        }
    }

    /// Takes online payments through `gateway`.
    pub fn with_gateway(self, gateway: Arc<dyn gateway::PaymentGateway>) -> App {
        App { gateway: Some(gateway), ..self }
    }

    /// The payment gateway, if one is configured.
    pub fn gateway(&self) -> Option<&dyn gateway::PaymentGateway> {
        self.gateway.as_deref()
    }

    /// Caps what each citizen's uploads may take, in bytes.
    pub fn with_upload_quota(self, bytes: u64) -> App {
        App { upload_quota: bytes, ..self }
    }

    pub fn with_notifier(self, notifier: Arc<dyn Notifier>) -> App {
        App { notifier, ..self }
    }

    pub fn with_public_url(self, url: &str) -> App {
        App { public_url: url.trim_end_matches('/').to_owned(), ..self }
    }

    pub fn notifier(&self) -> &dyn Notifier {
        self.notifier.as_ref()
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
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
