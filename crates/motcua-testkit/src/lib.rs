//! A fresh, empty database per test, on either backend.
//!
//! SQLite databases are files in a temporary directory. PostgreSQL databases
//! are created on the server named by `MOTCUA_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`, the server `.ci/run`
//! starts) and dropped when the test ends. A PostgreSQL test fails, rather
//! than passes quietly, when that server cannot be reached; set
//! `MOTCUA_SKIP_POSTGRES=1` to skip them on purpose.
//!
//! A fresh database may also start as a copy of a seeded template
//! ([`TestDatabase::from_template`], in [`templates`]), made once and shared
//! by every test process.

pub mod templates;
pub mod uploads;

pub use templates::TemplateKey;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::any::install_default_drivers;
use sqlx::{AnyConnection, Connection, Executor};

/// The two databases every store test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestBackend {
    Sqlite,
    Postgres,
}

/// An empty database that disappears when dropped.
#[derive(Debug)]
pub struct TestDatabase {
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Directory(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

static SEQUENCE: AtomicU32 = AtomicU32::new(0);

fn unique_suffix() -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{}_{}_{}", std::process::id(), SEQUENCE.fetch_add(1, Ordering::Relaxed), nanos)
}

/// The PostgreSQL server tests use, as an administrator URL.
pub fn postgres_admin_url() -> String {
    std::env::var("MOTCUA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Whether PostgreSQL tests were switched off on purpose.
pub fn postgres_skipped() -> bool {
    std::env::var("MOTCUA_SKIP_POSTGRES").is_ok_and(|v| v == "1")
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let server = match base.rfind('/') {
        Some(slash) if slash > base.find("://").map_or(0, |i| i + 2) => &base[..slash],
        _ => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

impl TestDatabase {
    /// Creates an empty database; panics with a clear message if it cannot.
    pub async fn create(backend: TestBackend) -> TestDatabase {
        match backend {
            TestBackend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("motcua-test-{}", unique_suffix()));
                std::fs::create_dir_all(&dir).expect("a temporary directory for the test database");
                TestDatabase { url: format!("sqlite://{}/test.db", dir.display()), cleanup: Cleanup::Directory(dir) }
            }
            TestBackend::Postgres => {
                install_default_drivers();
                let admin_url = postgres_admin_url();
                let name = format!("motcua_test_{}", unique_suffix());
                let mut admin = AnyConnection::connect(&admin_url).await.unwrap_or_else(|e| {
                    panic!("PostgreSQL at {admin_url} is needed for this test (or set MOTCUA_SKIP_POSTGRES=1): {e}")
                });
                admin
                    .execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
                admin.close().await.ok();
                TestDatabase {
                    url: replace_database(&admin_url, &name),
                    cleanup: Cleanup::PostgresDatabase { admin_url, name },
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Directory(dir) => {
                std::fs::remove_dir_all(dir).ok();
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop may run inside a runtime; a thread of its own may block.
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    runtime.block_on(async {
                        // A busy server may refuse a connection for a moment; a
                        // database left behind would stay until dropped by hand.
                        let mut last_error = String::new();
                        for _ in 0..5 {
                            match drop_database(&admin_url, &name).await {
                                Ok(()) => return Some(()),
                                Err(error) => last_error = error.to_string(),
                            }
                            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                        }
                        eprintln!("the test database {name} was left behind: {last_error}");
                        None
                    })
                });
                dropped.join().ok();
            }
        }
    }
}

async fn drop_database(admin_url: &str, name: &str) -> Result<(), sqlx::Error> {
    let mut admin = AnyConnection::connect(admin_url).await?;
    admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await?;
    admin.close().await
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn the_database_name_is_replaced_and_options_kept() {
        assert_eq!(replace_database("postgres://u@h:5432/postgres", "x"), "postgres://u@h:5432/x");
        assert_eq!(
            replace_database("postgres://u@h/postgres?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(replace_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
