//! `cargo xtask test`: every test of the workspace, with what they need.
//!
//! The store suite and the HTTP tests need a PostgreSQL server. If the one
//! named by `MOTCUA_TEST_POSTGRES_URL` (default 127.0.0.1:5432) does not
//! answer, and it is this machine's, the local cluster is started (and
//! PostgreSQL installed from Debian's packages if it is missing).
//!
//! Once the cargo tests pass, the real-browser tests of `browser-tests/` run
//! (see [`crate::browser`]), unless `--no-browser` is given.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Flags of `cargo xtask test`.
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Skip the PostgreSQL half of the suites (they run on SQLite only).
    #[arg(long)]
    no_postgres: bool,
    /// Skip the real-browser tests of browser-tests/ (Chromium, Node.js).
    #[arg(long)]
    no_browser: bool,
    /// Extra arguments for the test runner, after `--`.
    #[arg(last = true)]
    runner_args: Vec<String>,
}

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The host and port of a `postgres://` URL.
fn host_and_port(url: &str) -> Option<(String, u16)> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    match host_port.rsplit_once(':') {
        Some((host, port)) => Some((host.to_owned(), port.parse().ok()?)),
        None => Some((host_port.to_owned(), 5432)),
    }
}

fn answers(address: &str, port: u16) -> bool {
    let addresses: Vec<SocketAddr> = (address, port).to_socket_addrs().map(|a| a.collect()).unwrap_or_default();
    addresses.iter().any(|a| TcpStream::connect_timeout(a, Duration::from_secs(2)).is_ok())
}

fn run(command: &mut Command) -> anyhow::Result<()> {
    let status = command.status().with_context(|| format!("running {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}

/// Starts the machine's PostgreSQL cluster, installing it first if needed.
fn start_local_postgres() -> anyhow::Result<()> {
    let clusters = Path::new("/etc/postgresql");
    if !clusters.exists() {
        eprintln!("xtask: PostgreSQL is not installed; installing it from Debian's packages");
        run(Command::new("apt-get").arg("update").arg("-q"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-q", "postgresql"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    for version in std::fs::read_dir(clusters).context("listing /etc/postgresql")? {
        let version = version?.file_name().to_string_lossy().into_owned();
        eprintln!("xtask: starting PostgreSQL {version}");
        let status = Command::new("pg_ctlcluster")
            .args(["--skip-systemctl-redirect", &version, "main", "start"])
            .status()
            .context("running pg_ctlcluster")?;
        if !status.success() {
            eprintln!("xtask: pg_ctlcluster {version} main start exited with {status}");
        }
    }
    Ok(())
}

/// Makes sure the test PostgreSQL server answers, starting it if it is local.
fn ensure_postgres(url: &str) -> anyhow::Result<()> {
    let (host, port) = host_and_port(url).with_context(|| format!("cannot read host and port from {url:?}"))?;
    if answers(&host, port) {
        return Ok(());
    }
    if !matches!(host.as_str(), "127.0.0.1" | "localhost" | "::1") {
        bail!("PostgreSQL at {host}:{port} does not answer");
    }
    start_local_postgres()?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if answers(&host, port) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    bail!("PostgreSQL at {host}:{port} did not start within 60 s")
}

fn has_nextest() -> bool {
    Command::new("cargo").args(["nextest", "--version"]).output().is_ok_and(|o| o.status.success())
}

pub fn run_tests(args: &TestArgs) -> anyhow::Result<()> {
    let url = std::env::var("MOTCUA_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
    let mut runner = Command::new("cargo");
    if args.no_postgres {
        runner.env("MOTCUA_SKIP_POSTGRES", "1");
    } else {
        ensure_postgres(&url)?;
        runner.env("MOTCUA_TEST_POSTGRES_URL", &url);
    }
    if has_nextest() {
        runner.args(["nextest", "run", "--workspace", "--no-fail-fast"]);
    } else {
        runner.args(["test", "--workspace", "--no-fail-fast"]);
    }
    runner.args(&args.runner_args);
    run(&mut runner)?;
    if args.no_browser {
        eprintln!("xtask: browser tests skipped (--no-browser)");
        return Ok(());
    }
    crate::browser::run_browser_tests()
}

#[cfg(test)]
mod tests {
    use super::host_and_port;

    #[test]
    fn host_and_port_are_read_from_urls() {
        assert_eq!(host_and_port("postgres://postgres@127.0.0.1:5432/postgres"), Some(("127.0.0.1".into(), 5432)));
        assert_eq!(host_and_port("postgres://u:p@db.local/x?sslmode=disable"), Some(("db.local".into(), 5432)));
        assert_eq!(host_and_port("postgresql://localhost:6543"), Some(("localhost".into(), 6543)));
        assert_eq!(host_and_port("nonsense"), None);
    }
}
