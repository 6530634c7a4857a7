//! The real-browser tests of `browser-tests/`: flows through the pages driven
//! in Debian's Chromium by playwright-core, each page checked with axe-core in
//! Vietnamese, English and Arabic. Run by `cargo xtask test` after the cargo
//! tests pass.
//!
//! What they need is made ready first: Chromium and the Noto fonts (Debian's
//! `chromium` and `fonts-noto-core`, installed with apt-get if
//! `/usr/bin/chromium` is missing), the npm packages (`npm ci` when
//! `browser-tests/node_modules` is missing or older than its lock file) and
//! the server's debug binary (`cargo build -p motcua`). Then
//! `node --test --test-concurrency=1` runs every `*.test.mjs` of
//! `browser-tests/flows/`, one file at a time, with `MOTCUA_BINARY` naming the
//! binary; each file starts its own server on a fresh SQLite database.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{Context, bail, ensure};

use crate::bench::{cargo, cargo_layout};

/// The browser playwright-core drives unless `CHROMIUM` names another.
const DEBIAN_CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's packages for the browser, and fonts with Vietnamese and Arabic letters.
const BROWSER_PACKAGES: [&str; 2] = ["chromium", "fonts-noto-core"];
/// The oldest Node.js whose test runner the tests are written for.
const OLDEST_NODE: u32 = 20;

/// Makes what the browser tests need ready and runs them; fails when any fails.
pub fn run_browser_tests() -> anyhow::Result<()> {
    let (workspace_root, target_dir) = cargo_layout()?;
    let tests_dir = workspace_root.join("browser-tests");
    ensure!(tests_dir.is_dir(), "no browser tests at {}", tests_dir.display());

    check_node()?;
    ensure_chromium()?;
    ensure_node_modules(&tests_dir)?;

    eprintln!("xtask: cargo build -p motcua (for the browser tests)");
    run(Command::new(cargo()).args(["build", "-p", "motcua"]).current_dir(&workspace_root))?;
    let binary = target_dir.join("debug").join("motcua");
    ensure!(binary.is_file(), "no server binary at {}", binary.display());

    let files = test_files(&tests_dir.join("flows"))?;
    eprintln!("xtask: browser tests: {} file(s) in browser-tests/flows/", files.len());
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .args(&files)
        .env("MOTCUA_BINARY", &binary)
        .current_dir(&workspace_root))
    .context("the browser tests failed")
}

fn run(command: &mut Command) -> anyhow::Result<()> {
    let status = command.status().with_context(|| format!("running {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}

/// The major version in `node --version`'s answer, e.g. 20 for `v20.19.2`.
fn node_major(version: &str) -> Option<u32> {
    version.trim().strip_prefix('v')?.split('.').next()?.parse().ok()
}

fn check_node() -> anyhow::Result<()> {
    let output = Command::new("node")
        .arg("--version")
        .output()
        .context("Node.js is needed for the browser tests (`node` was not found); install Node.js 20 or later")?;
    let version = String::from_utf8_lossy(&output.stdout).into_owned();
    match node_major(&version) {
        Some(major) if major >= OLDEST_NODE => Ok(()),
        _ => bail!("the browser tests need Node.js {OLDEST_NODE} or later; `node --version` says {:?}", version.trim()),
    }
}

/// Makes sure the browser is there: the one `CHROMIUM` names must exist;
/// otherwise Debian's Chromium and fonts are installed if it is missing.
fn ensure_chromium() -> anyhow::Result<()> {
    if let Some(chosen) = std::env::var_os("CHROMIUM").filter(|c| !c.is_empty()) {
        let chosen = PathBuf::from(chosen);
        ensure!(chosen.is_file(), "CHROMIUM names {}, which does not exist", chosen.display());
        return Ok(());
    }
    if Path::new(DEBIAN_CHROMIUM).is_file() {
        return Ok(());
    }
    eprintln!("xtask: {DEBIAN_CHROMIUM} is missing; installing {} from Debian's packages", BROWSER_PACKAGES.join(" "));
    run(Command::new("apt-get").args(["update", "-q"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(BROWSER_PACKAGES)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    ensure!(Path::new(DEBIAN_CHROMIUM).is_file(), "{DEBIAN_CHROMIUM} is still missing after installing chromium");
    Ok(())
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Whether `npm ci` must run: `node_modules` is missing or older than the lock file.
fn needs_install(node_modules: Option<SystemTime>, lock: Option<SystemTime>) -> bool {
    match (node_modules, lock) {
        (None, _) => true,
        (Some(installed), Some(locked)) => installed < locked,
        (Some(_), None) => false,
    }
}

fn ensure_node_modules(tests_dir: &Path) -> anyhow::Result<()> {
    let lock = tests_dir.join("package-lock.json");
    ensure!(lock.is_file(), "{} is missing", lock.display());
    if needs_install(modified(&tests_dir.join("node_modules")), modified(&lock)) {
        eprintln!("xtask: npm ci (browser-tests)");
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(tests_dir))?;
    }
    Ok(())
}

/// The `*.test.mjs` files of `dir`, sorted, so every Node.js version runs the same list.
fn test_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_file() && path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".test.mjs")) {
            files.push(path);
        }
    }
    files.sort();
    ensure!(!files.is_empty(), "no *.test.mjs file in {}", dir.display());
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::{needs_install, node_major};

    #[test]
    fn node_versions_are_read() {
        assert_eq!(node_major("v20.19.2\n"), Some(20));
        assert_eq!(node_major("v22.1.0"), Some(22));
        assert_eq!(node_major("20.1.0"), None);
        assert_eq!(node_major(""), None);
    }

    #[test]
    fn packages_are_installed_when_missing_or_stale() {
        let earlier = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let later = earlier + Duration::from_secs(60);
        assert!(needs_install(None, Some(earlier)));
        assert!(needs_install(Some(earlier), Some(later)));
        assert!(!needs_install(Some(later), Some(earlier)));
        assert!(!needs_install(Some(later), None));
    }
}
