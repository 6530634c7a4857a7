//! Seeded databases kept as templates, so that a test gets a fresh copy of a
//! seeded database in a moment instead of seeding one of its own.
//!
//! A template is made once per [`TemplateKey`] and kept between test runs:
//! a SQLite file in `<temp>/motcua-test-templates/`, or a PostgreSQL
//! database named `motcua_template_<key>` that allows no connections. Test
//! processes (nextest runs each test in its own) agree through one lock file
//! in that folder: copying a template holds it shared, seeding or removing
//! one holds it exclusively. A template whose seeding was cut short is never
//! used: it is seeded under another name (`motcua_seeding_<key>`, or a
//! `seeding-…` folder) and only renamed once complete.
//!
//! A new template replaces the older templates of its family (those seeded
//! by the same program file: a rebuilt binary seeds anew) and any template
//! more than a day old, whoever seeded it; templates of other programs
//! (another checkout's binary) are left alone while they are recent.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::any::install_default_drivers;
use sqlx::{AnyConnection, Connection, Executor, Row};

use crate::{Cleanup, TestBackend, TestDatabase, postgres_admin_url, replace_database, unique_suffix};

/// Which template a test wants: the program that seeds it, as it is now, and the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateKey {
    /// The program's path: templates of one family replace each other.
    family: u64,
    /// The program file's size and modification time.
    version: u64,
    /// Days since 1970-01-01 in Vietnam (UTC+7): a seed may hold things "today".
    day: u64,
}

/// FNV-1a, 64 bits: stable across builds and processes, unlike `DefaultHasher`'s promise.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

fn seconds_since_epoch(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl TemplateKey {
    /// The key of the templates `program` seeds today. Panics if the program
    /// file cannot be read, since nothing could seed the template then.
    pub fn for_program(program: &Path) -> TemplateKey {
        let metadata = std::fs::metadata(program)
            .unwrap_or_else(|e| panic!("the program that seeds templates, {}: {e}", program.display()));
        let modified = metadata.modified().map(seconds_since_epoch).unwrap_or(0);
        let modified_nanos =
            metadata.modified().ok().and_then(|m| m.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.subsec_nanos());
        let stamp = format!("{}:{modified}.{modified_nanos:09}", metadata.len());
        let vietnam_seconds = seconds_since_epoch(SystemTime::now()) + 7 * 3600;
        TemplateKey {
            family: fingerprint(program.to_string_lossy().as_bytes()),
            version: fingerprint(stamp.as_bytes()),
            day: vietnam_seconds / 86_400,
        }
    }

    /// `<family>_<day>_<version>`: lower-case hex and digits, fit for a database name.
    fn name(&self) -> String {
        format!("{:016x}_{}_{:016x}", self.family, self.day, self.version)
    }
}

/// A template's name read back: its family and its day.
fn parse_name(name: &str) -> Option<(u64, u64)> {
    let mut parts = name.split('_');
    let family = u64::from_str_radix(parts.next()?, 16).ok()?;
    let day = parts.next()?.parse().ok()?;
    u64::from_str_radix(parts.next()?, 16).ok()?;
    parts.next().is_none().then_some((family, day))
}

/// Whether an existing template `name` should go now that `key` is wanted.
fn is_stale(name: &str, key: &TemplateKey) -> bool {
    let wanted = key.name();
    match parse_name(name) {
        Some((family, day)) => name != wanted && (family == key.family || day + 1 < key.day),
        // Not a name this module writes: someone else's, left alone.
        None => false,
    }
}

const SQLITE_SUFFIX: &str = ".sqlite";
const SQLITE_SEEDING_PREFIX: &str = "seeding-";
const POSTGRES_TEMPLATE_PREFIX: &str = "motcua_template_";
const POSTGRES_SEEDING_PREFIX: &str = "motcua_seeding_";

fn templates_dir() -> PathBuf {
    let dir = std::env::temp_dir().join("motcua-test-templates");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("the templates folder {}: {e}", dir.display()));
    dir
}

fn lock_file(dir: &Path) -> File {
    let path = dir.join("templates.lock");
    File::options()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("the templates' lock file {}: {e}", path.display()))
}

impl TestDatabase {
    /// A fresh database holding a copy of the template `key`. If no process
    /// has made that template yet, this one does first: `seed` is given the
    /// URL of an empty database and must leave it seeded, with nothing
    /// connected to it any more, when it returns.
    pub async fn from_template(backend: TestBackend, key: &TemplateKey, seed: impl FnOnce(&str)) -> TestDatabase {
        let dir = templates_dir();
        let lock = lock_file(&dir);
        lock.lock_shared().expect("a shared lock on the templates");
        if template_exists(backend, &dir, key).await {
            let copy = copy_template(backend, &dir, key).await;
            lock.unlock().ok();
            return copy;
        }
        lock.unlock().ok();
        lock.lock().expect("an exclusive lock on the templates");
        if !template_exists(backend, &dir, key).await {
            remove_stale_templates(backend, &dir, key).await;
            seed_template(backend, &dir, key, seed).await;
        }
        let copy = copy_template(backend, &dir, key).await;
        lock.unlock().ok();
        copy
    }
}

fn sqlite_template(dir: &Path, key: &TemplateKey) -> PathBuf {
    dir.join(format!("{}{SQLITE_SUFFIX}", key.name()))
}

fn postgres_template(key: &TemplateKey) -> String {
    format!("{POSTGRES_TEMPLATE_PREFIX}{}", key.name())
}

async fn admin_connection() -> AnyConnection {
    install_default_drivers();
    let admin_url = postgres_admin_url();
    AnyConnection::connect(&admin_url).await.unwrap_or_else(|e| {
        panic!("PostgreSQL at {admin_url} is needed for this test (or set MOTCUA_SKIP_POSTGRES=1): {e}")
    })
}

async fn postgres_databases(admin: &mut AnyConnection) -> Vec<String> {
    let rows = admin
        .fetch_all("SELECT datname::text FROM pg_database WHERE datname LIKE 'motcua\\_%'")
        .await
        .expect("the list of databases");
    rows.iter().filter_map(|row| row.try_get::<String, _>(0).ok()).collect()
}

async fn template_exists(backend: TestBackend, dir: &Path, key: &TemplateKey) -> bool {
    match backend {
        TestBackend::Sqlite => sqlite_template(dir, key).is_file(),
        TestBackend::Postgres => {
            let mut admin = admin_connection().await;
            let wanted = postgres_template(key);
            let exists = postgres_databases(&mut admin).await.contains(&wanted);
            admin.close().await.ok();
            exists
        }
    }
}

async fn remove_stale_templates(backend: TestBackend, dir: &Path, key: &TemplateKey) {
    match backend {
        TestBackend::Sqlite => {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                if file_name.starts_with(SQLITE_SEEDING_PREFIX) {
                    // Only the holder of the exclusive lock seeds: this one was cut short.
                    std::fs::remove_dir_all(entry.path()).ok();
                } else if let Some(name) = file_name.strip_suffix(SQLITE_SUFFIX)
                    && is_stale(name, key)
                {
                    std::fs::remove_file(entry.path()).ok();
                }
            }
        }
        TestBackend::Postgres => {
            let mut admin = admin_connection().await;
            for database in postgres_databases(&mut admin).await {
                let stale = match database.strip_prefix(POSTGRES_TEMPLATE_PREFIX) {
                    Some(name) => is_stale(name, key),
                    None => database.starts_with(POSTGRES_SEEDING_PREFIX),
                };
                if stale {
                    admin
                        .execute(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)").as_str())
                        .await
                        .unwrap_or_else(|e| panic!("cannot remove the stale template {database}: {e}"));
                }
            }
            admin.close().await.ok();
        }
    }
}

async fn seed_template(backend: TestBackend, dir: &Path, key: &TemplateKey, seed: impl FnOnce(&str)) {
    match backend {
        TestBackend::Sqlite => {
            let seeding = dir.join(format!("{SQLITE_SEEDING_PREFIX}{}", key.name()));
            std::fs::create_dir_all(&seeding).expect("a folder to seed the template in");
            let file = seeding.join("template.db");
            let url = format!("sqlite://{}", file.display());
            seed(&url);
            fold_write_ahead_log(&url, &file).await;
            std::fs::rename(&file, sqlite_template(dir, key)).expect("the seeded template in place");
            std::fs::remove_dir_all(&seeding).ok();
        }
        TestBackend::Postgres => {
            let seeding = format!("{POSTGRES_SEEDING_PREFIX}{}", key.name());
            let template = postgres_template(key);
            let mut admin = admin_connection().await;
            admin
                .execute(format!("CREATE DATABASE {seeding}").as_str())
                .await
                .unwrap_or_else(|e| panic!("cannot create {seeding}: {e}"));
            seed(&replace_database(&postgres_admin_url(), &seeding));
            rename_when_unused(&mut admin, &seeding, &template).await;
            admin
                .execute(format!("ALTER DATABASE {template} WITH ALLOW_CONNECTIONS false").as_str())
                .await
                .unwrap_or_else(|e| panic!("cannot close {template} to connections: {e}"));
            admin.close().await.ok();
        }
    }
}

/// Moves everything the write-ahead log holds into the database file and
/// checks that the log is gone, so that the file alone is the whole database.
async fn fold_write_ahead_log(url: &str, file: &Path) {
    install_default_drivers();
    let mut connection = AnyConnection::connect(url).await.unwrap_or_else(|e| panic!("the seeded template {url}: {e}"));
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").await.expect("a checkpoint of the seeded template");
    connection.close().await.expect("the seeded template closed");
    let log = PathBuf::from(format!("{}-wal", file.display()));
    let left = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    assert_eq!(left, 0, "{} still holds {left} bytes after the checkpoint", log.display());
    std::fs::remove_file(&log).ok();
    std::fs::remove_file(format!("{}-shm", file.display())).ok();
}

/// Renames a database once the connections of whoever seeded it are gone;
/// a killed server's sessions can take a moment to end.
async fn rename_when_unused(admin: &mut AnyConnection, from: &str, to: &str) {
    let mut last_error = String::new();
    for _ in 0..100 {
        admin
            .execute(
                format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{from}'").as_str(),
            )
            .await
            .ok();
        match admin.execute(format!("ALTER DATABASE {from} RENAME TO {to}").as_str()).await {
            Ok(_) => return,
            Err(error) => last_error = error.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("cannot rename the seeded {from} to {to}: {last_error}")
}

async fn copy_template(backend: TestBackend, dir: &Path, key: &TemplateKey) -> TestDatabase {
    match backend {
        TestBackend::Sqlite => {
            let test_dir = std::env::temp_dir().join(format!("motcua-test-{}", unique_suffix()));
            std::fs::create_dir_all(&test_dir).expect("a temporary directory for the test database");
            let file = test_dir.join("test.db");
            std::fs::copy(sqlite_template(dir, key), &file).expect("a copy of the template");
            TestDatabase { url: format!("sqlite://{}", file.display()), cleanup: Cleanup::Directory(test_dir) }
        }
        TestBackend::Postgres => {
            let template = postgres_template(key);
            let name = format!("motcua_test_{}", unique_suffix());
            let mut admin = admin_connection().await;
            let statement = format!("CREATE DATABASE {name} TEMPLATE {template}");
            let mut attempts = 0;
            while let Err(error) = admin.execute(statement.as_str()).await {
                // Another copy of the same template may hold it for a moment.
                attempts += 1;
                assert!(attempts < 50, "cannot copy {template} into {name}: {error}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            admin.close().await.ok();
            let admin_url = postgres_admin_url();
            TestDatabase {
                url: replace_database(&admin_url, &name),
                cleanup: Cleanup::PostgresDatabase { admin_url, name },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{TemplateKey, is_stale, parse_name};

    fn key(family: u64, day: u64, version: u64) -> TemplateKey {
        TemplateKey { family, version, day }
    }

    #[test]
    fn a_name_reads_back_as_its_family_and_day() {
        let name = key(0xab, 20_429, 7).name();
        assert_eq!(name, "00000000000000ab_20429_0000000000000007");
        assert_eq!(parse_name(&name), Some((0xab, 20_429)));
        assert_eq!(parse_name("notes"), None);
        assert_eq!(parse_name("00ab_1_02_extra"), None);
    }

    #[test]
    fn a_rebuilt_program_or_an_old_day_makes_a_template_stale() {
        let wanted = key(1, 100, 5);
        assert!(!is_stale(&wanted.name(), &wanted), "the wanted template stays");
        assert!(is_stale(&key(1, 100, 4).name(), &wanted), "the same program, rebuilt");
        assert!(is_stale(&key(1, 99, 5).name(), &wanted), "the same program, yesterday");
        assert!(!is_stale(&key(2, 99, 9).name(), &wanted), "another program's, recent");
        assert!(is_stale(&key(2, 98, 9).name(), &wanted), "another program's, two days old");
        assert!(!is_stale("someone_else", &wanted), "not ours");
    }

    #[test]
    fn the_key_follows_the_program_file() {
        let dir = std::env::temp_dir().join(format!("motcua-template-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let program = dir.join("program");
        std::fs::write(&program, b"one").expect("write");
        let first = TemplateKey::for_program(&program);
        assert_eq!(first, TemplateKey::for_program(&program), "the same file, the same key");
        std::fs::write(&program, b"longer").expect("write");
        let second = TemplateKey::for_program(&program);
        assert_eq!(first.family, second.family);
        assert_ne!(first.version, second.version, "a changed file is a new version");
        std::fs::remove_dir_all(&dir).ok();
    }
}
