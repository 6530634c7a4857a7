//! `cargo xtask bench`: build the server, start it pinned to one core, load
//! it from another core with each scenario, and report every throughput as a
//! ratio to the trivial handler T measured in the same run.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, anyhow, bail, ensure};
use serde_json::Value;

use crate::http::{self, Request};
use crate::load::{LoadReport, LoadShape, format_ms};
use crate::scenarios::{self, REFERENCE, SCENARIOS, Scenario};

/// Extra time a load run may take beyond its warm-up, duration and request
/// timeout: process start and scenario setup.
const LOAD_SETUP_ALLOWANCE: Duration = Duration::from_secs(60);
/// How long the server gets to shut down after SIGINT before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(10);

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Each database gets a fresh server: `taskset -c SERVER_CPU target/release/motcua serve \
--listen 127.0.0.1:PORT --database URL` with MOTCUA_BENCH_ENDPOINTS=1, in a new temporary \
directory (for SQLite the URL is sqlite://TMPDIR/bench.db). Once GET /healthz answers 200, the \
load generator (`xtask load`, pinned with `taskset -c LOAD_CPU`) runs every scenario in turn. \
req/s counts 2xx answers in the measured window; any other answer, I/O error or timeout is an \
error. Latencies are those of 2xx answers. `--list` shows the scenarios.")]
pub struct BenchArgs {
    /// Also run against this PostgreSQL database; it must already exist (the server migrates
    /// and seeds it), e.g. postgres://postgres@127.0.0.1:5432/motcua_bench
    #[arg(long, value_name = "URL")]
    pub postgres: Option<String>,
    /// Skip the SQLite run (only with --postgres)
    #[arg(long, requires = "postgres")]
    pub no_sqlite: bool,
    /// Scenarios to measure, comma-separated or repeated [default: all]; T is always measured
    #[arg(long = "scenario", value_name = "NAME", value_delimiter = ',')]
    pub scenarios: Vec<String>,
    #[command(flatten)]
    pub shape: LoadShape,
    /// Also append the results as a markdown section to FILE
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
    /// CPU the server is pinned to
    #[arg(long, value_name = "CPU", default_value_t = 0)]
    pub server_cpu: u32,
    /// CPU the load generator is pinned to
    #[arg(long, value_name = "CPU", default_value_t = 1)]
    pub load_cpu: u32,
    /// Do not pin either process (numbers are then not comparable across runs)
    #[arg(long)]
    pub no_pin: bool,
    /// Use the existing release binary instead of running `cargo build --release -p motcua`
    #[arg(long)]
    pub no_build: bool,
    /// Seconds to wait for the server's GET /healthz to answer 200
    #[arg(long, value_name = "SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub startup_timeout: u64,
    /// List the scenarios and exit
    #[arg(long)]
    pub list: bool,
}

impl BenchArgs {
    fn server_pin(&self) -> Option<u32> {
        (!self.no_pin).then_some(self.server_cpu)
    }

    fn load_pin(&self) -> Option<u32> {
        (!self.no_pin).then_some(self.load_cpu)
    }
}

#[derive(Debug, Clone)]
enum Database {
    Sqlite,
    Postgres(String),
}

impl Database {
    fn label(&self) -> &'static str {
        match self {
            Database::Sqlite => "SQLite",
            Database::Postgres(_) => "PostgreSQL",
        }
    }

    fn url(&self, dir: &Path) -> String {
        match self {
            Database::Sqlite => format!("sqlite://{}/bench.db", dir.display()),
            Database::Postgres(url) => url.clone(),
        }
    }
}

/// The results for one database.
#[derive(Debug)]
struct DatabaseRun {
    label: &'static str,
    url: String,
    reports: Vec<LoadReport>,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    if args.list {
        for scenario in SCENARIOS {
            println!("{:<8} {}", scenario.name, scenario.summary);
        }
        return Ok(());
    }
    let selected = select(&args.scenarios)?;
    let mut databases = Vec::new();
    if !args.no_sqlite {
        databases.push(Database::Sqlite);
    }
    if let Some(url) = &args.postgres {
        ensure!(
            url.starts_with("postgres://") || url.starts_with("postgresql://"),
            "--postgres wants a postgres:// URL"
        );
        databases.push(Database::Postgres(url.clone()));
    }
    if !args.no_pin {
        ensure!(args.server_cpu != args.load_cpu, "the server and the load generator need different CPUs");
        let status = Command::new("taskset").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status();
        ensure!(
            status.is_ok_and(|s| s.success()),
            "`taskset` (util-linux) is needed to pin processes; install it or pass --no-pin"
        );
    }

    let facts = Facts::collect();
    let (workspace_root, target_dir) = cargo_layout()?;
    if !args.no_build {
        eprintln!("bench: cargo build --release -p motcua");
        let status = Command::new(cargo())
            .args(["build", "--release", "-p", "motcua"])
            .current_dir(&workspace_root)
            .status()
            .context("running cargo build")?;
        ensure!(status.success(), "cargo build --release -p motcua failed ({status})");
    }
    let binary = target_dir.join("release").join("motcua");
    ensure!(binary.is_file(), "no server binary at {}", binary.display());
    let xtask = std::env::current_exe().context("locating the xtask binary")?;

    let mut runs = Vec::new();
    for database in &databases {
        let run = run_database(args, database, &binary, &xtask, &selected)?;
        runs.push(run);
    }

    let report = render(&facts, args, &runs);
    println!("{report}");
    if let Some(path) = &args.write {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("opening {}", path.display()))?;
        writeln!(file, "\n{report}").with_context(|| format!("writing {}", path.display()))?;
        eprintln!("bench: appended to {}", path.display());
    }
    Ok(())
}

/// The scenarios to run: the reference first, then the requested ones (all
/// when none are named), each once.
fn select(names: &[String]) -> anyhow::Result<Vec<&'static Scenario>> {
    let reference = scenarios::find(REFERENCE).context("the reference scenario is missing")?;
    let mut selected = vec![reference];
    let wanted: Vec<&'static Scenario> = if names.is_empty() {
        SCENARIOS.iter().collect()
    } else {
        names
            .iter()
            .map(|name| {
                scenarios::find(name.trim()).ok_or_else(|| {
                    let known: Vec<_> = SCENARIOS.iter().map(|s| s.name).collect();
                    anyhow!("unknown scenario {name:?}; known: {}", known.join(", "))
                })
            })
            .collect::<anyhow::Result<_>>()?
    };
    for scenario in wanted {
        if !selected.iter().any(|s| s.name == scenario.name) {
            selected.push(scenario);
        }
    }
    Ok(selected)
}

fn run_database(
    args: &BenchArgs,
    database: &Database,
    binary: &Path,
    xtask: &Path,
    selected: &[&'static Scenario],
) -> anyhow::Result<DatabaseRun> {
    let dir = TempDir::new("motcua-bench")?;
    let url = database.url(dir.path());
    let addr = free_port()?;
    eprintln!("bench: {}: starting server on {addr} ({})", database.label(), redact(&url));
    let mut server = Server::start(binary, args.server_pin(), addr, &url, dir.path())?;
    let started = Instant::now();
    server.wait_ready(Duration::from_secs(args.startup_timeout))?;
    eprintln!("bench: {}: server ready after {:.1} s", database.label(), started.elapsed().as_secs_f64());

    let mut reports = Vec::new();
    for scenario in selected {
        eprintln!(
            "bench: {}: {} ({} s warm-up, {} s measured)",
            database.label(),
            scenario.name,
            args.shape.warmup,
            args.shape.duration
        );
        let report = run_load(xtask, args.load_pin(), addr, scenario.name, &args.shape)
            .with_context(|| format!("scenario {} on {}", scenario.name, database.label()))?;
        server.ensure_running()?;
        eprintln!(
            "bench:   {:.0} req/s, p50 {} ms, p99 {} ms, {} error(s)",
            report.rps(),
            format_ms(report.p50_us),
            format_ms(report.p99_us),
            report.errors
        );
        reports.push(report);
    }
    server.stop();
    let shown = match database {
        Database::Sqlite => database.url(Path::new("$TMPDIR")),
        Database::Postgres(url) => redact(url),
    };
    Ok(DatabaseRun { label: database.label(), url: shown, reports })
}

/// Runs `xtask load` (pinned if asked) and reads its JSON report.
fn run_load(
    xtask: &Path,
    cpu: Option<u32>,
    addr: SocketAddr,
    scenario: &str,
    shape: &LoadShape,
) -> anyhow::Result<LoadReport> {
    let mut command = pinned(cpu, xtask);
    command
        .arg("load")
        .args(["--addr", &addr.to_string(), "--scenario", scenario, "--json"])
        .args(shape.to_args())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut child = command.spawn().context("starting the load generator")?;
    let stdout = child.stdout.take().context("no pipe from the load generator")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        // One JSON line is expected; reading stops after 1 MiB.
        let _ = stdout.take(1 << 20).read_to_string(&mut text);
        text
    });
    let status = wait_bounded(&mut child, shape.max_run_time() + LOAD_SETUP_ALLOWANCE)?
        .context("the load generator overran its time and was killed")?;
    let output = reader.join().map_err(|_| anyhow!("the thread reading the load generator panicked"))?;
    ensure!(status.success(), "the load generator failed ({status})");
    let line =
        output.lines().rev().find(|line| line.starts_with('{')).context("the load generator printed no report")?;
    LoadReport::from_json(&serde_json::from_str(line).context("parsing the load report")?)
}

/// `taskset -c CPU program` when pinned, else just `program`.
fn pinned(cpu: Option<u32>, program: &Path) -> Command {
    match cpu {
        Some(cpu) => {
            let mut command = Command::new("taskset");
            command.arg("-c").arg(cpu.to_string()).arg(program);
            command
        }
        None => Command::new(program),
    }
}

/// Waits for `child` at most `limit`; kills it and returns `None` if it is
/// still running then.
fn wait_bounded(child: &mut Child, limit: Duration) -> anyhow::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> anyhow::Result<SocketAddr> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("finding a free port")?;
    Ok(listener.local_addr()?)
}

/// The server under test; stopped when dropped, so every error path stops it.
#[derive(Debug)]
struct Server {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl Server {
    fn start(binary: &Path, cpu: Option<u32>, addr: SocketAddr, url: &str, dir: &Path) -> anyhow::Result<Server> {
        let log = dir.join("server.log");
        let out = File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        let err = out.try_clone()?;
        let child = pinned(cpu, binary)
            .args(["serve", "--listen", &addr.to_string(), "--database", url])
            .env("MOTCUA_BENCH_ENDPOINTS", "1")
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        Ok(Server { child, addr, log })
    }

    /// Polls GET /healthz until it answers 200, the server exits, or
    /// `timeout` passes.
    fn wait_ready(&mut self, timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        let probe = Request::get("/healthz");
        loop {
            self.ensure_running()?;
            let last = match http::exchange_blocking(self.addr, &probe, Duration::from_secs(5)) {
                Ok(response) if response.status == 200 => return Ok(()),
                Ok(response) => format!("HTTP {}", response.status),
                Err(error) => error.to_string(),
            };
            if Instant::now() >= deadline {
                bail!(
                    "the server did not answer GET /healthz with 200 within {} s (last: {last})\n{}",
                    timeout.as_secs(),
                    self.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    fn ensure_running(&mut self) -> anyhow::Result<()> {
        if let Some(status) = self.child.try_wait()? {
            bail!("the server exited ({status})\n{}", self.log_tail());
        }
        Ok(())
    }

    /// The end of the server's output, for error messages.
    fn log_tail(&self) -> String {
        let text = fs::read(&self.log).map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(30)..].join("\n");
        format!("--- the server's last output lines ---\n{tail}")
    }

    /// SIGINT, then SIGKILL if the server has not exited after a grace period.
    fn stop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(None)) {
            return;
        }
        let interrupted = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !interrupted || matches!(wait_bounded(&mut self.child, STOP_GRACE), Ok(None) | Err(_)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A fresh directory under the system's temporary directory, removed when
/// dropped.
#[derive(Debug)]
struct TempDir(PathBuf);

impl TempDir {
    fn new(prefix: &str) -> anyhow::Result<TempDir> {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or_default();
        let path = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        fs::create_dir(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(TempDir(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

pub(crate) fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// The workspace root and the target directory (which honours
/// CARGO_TARGET_DIR and the cargo configuration), from `cargo metadata`.
pub(crate) fn cargo_layout() -> anyhow::Result<(PathBuf, PathBuf)> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.parent().unwrap_or(manifest_dir);
    let output = Command::new(cargo())
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo metadata")?;
    ensure!(output.status.success(), "cargo metadata failed ({})", output.status);
    let metadata: Value = serde_json::from_slice(&output.stdout).context("parsing cargo metadata")?;
    let field = |key: &str| {
        metadata
            .get(key)
            .and_then(Value::as_str)
            .map(PathBuf::from)
            .with_context(|| format!("cargo metadata lacks {key}"))
    };
    Ok((field("workspace_root")?, field("target_directory")?))
}

/// Facts about the machine, printed with every result.
#[derive(Debug)]
struct Facts {
    date: String,
    nproc: String,
    cpu: String,
    kernel: String,
    rustc: String,
}

impl Facts {
    fn collect() -> Facts {
        let nproc = command_line("nproc", &[]).unwrap_or_else(|| {
            std::thread::available_parallelism().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
        });
        let cpu = fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find(|line| line.starts_with("model name"))
                    .and_then(|line| line.split_once(':'))
                    .map(|(_, model)| model.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let kernel = fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|text| text.trim().to_owned())
            .unwrap_or_else(|_| "unknown".into());
        let rustc_program = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
        let rustc = command_line(&rustc_program, &["--version"]).unwrap_or_else(|| "unknown".into());
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
        Facts { date: utc_minute(now), nproc, cpu, kernel, rustc }
    }
}

/// The first line a command prints, if it succeeds.
fn command_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).stderr(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines().next().map(|line| line.trim().to_owned()).filter(|line| !line.is_empty())
}

/// `YYYY-MM-DD HH:MM UTC` for seconds since the Unix epoch.
fn utc_minute(unix_seconds: u64) -> String {
    let days = i64::try_from(unix_seconds / 86_400).unwrap_or_default();
    let (year, month, day) = scenarios::civil_from_days(days);
    let minutes = unix_seconds % 86_400 / 60;
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", minutes / 60, minutes % 60)
}

/// Hides the password of a database URL.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{path}")
        }
        _ => url.to_owned(),
    }
}

/// The report as markdown, for the terminal and for `--write`.
fn render(facts: &Facts, args: &BenchArgs, runs: &[DatabaseRun]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## motcua bench, {}\n", facts.date);
    let _ = writeln!(out, "- Machine: nproc {}; {}; Linux {}; {}", facts.nproc, facts.cpu, facts.kernel, facts.rustc);
    let pinning = if args.no_pin {
        "not pinned".to_owned()
    } else {
        format!("server on CPU {}, load generator on CPU {}", args.server_cpu, args.load_cpu)
    };
    let _ = writeln!(
        out,
        "- Load: {}; {} keep-alive connections; {} s warm-up, {} s measured; {} s request timeout",
        pinning, args.shape.connections, args.shape.warmup, args.shape.duration, args.shape.request_timeout
    );
    let _ =
        writeln!(out, "- req/s counts 2xx answers; ratios are req/s over T's and D's; latencies are of 2xx answers");
    for run in runs {
        let _ = writeln!(out, "\n### {} (`{}`)\n", run.label, run.url);
        out.push_str(&table(&run.reports));
        for report in run.reports.iter().filter(|r| r.errors > 0) {
            let _ = writeln!(out, "\n- {} errors: {}", report.scenario, report.error_summary());
        }
    }
    out
}

/// A markdown table of reports, with throughput relative to the reference.
fn table(reports: &[LoadReport]) -> String {
    let rps_of = |name: &str| reports.iter().find(|r| r.scenario == name).map(LoadReport::rps).filter(|rps| *rps > 0.0);
    let (reference, durable) = (rps_of(REFERENCE), rps_of("D"));
    let header = ["scenario", "req/s", "ratio to T", "ratio to D", "p50 ms", "p99 ms", "errors"];
    let rows: Vec<[String; 7]> = reports
        .iter()
        .map(|r| {
            [
                r.scenario.clone(),
                format!("{:.0}", r.rps()),
                reference.map_or_else(|| "-".to_owned(), |t| format!("{:.3}", r.rps() / t)),
                durable.map_or_else(|| "-".to_owned(), |d| format!("{:.3}", r.rps() / d)),
                format_ms(r.p50_us),
                format_ms(r.p99_us),
                r.errors.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        out.push('|');
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            // The scenario name is left-aligned, numbers right-aligned.
            if i == 0 {
                let _ = write!(out, " {cell:<width$} |");
            } else {
                let _ = write!(out, " {cell:>width$} |");
            }
        }
        out.push('\n');
    };
    line(&mut out, &header.map(str::to_owned));
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, width)| if i == 0 { "-".repeat(*width) } else { format!("{}:", "-".repeat(width - 1)) })
        .collect();
    line(&mut out, &rule);
    for row in &rows {
        line(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn report(scenario: &str, ok: u64, errors: u64) -> LoadReport {
        LoadReport {
            scenario: scenario.into(),
            distinct: 1,
            connections: 32,
            seconds: 10.0,
            ok,
            errors,
            p50_us: Some(250),
            p99_us: Some(1_999),
            error_kinds: BTreeMap::new(),
        }
    }

    #[test]
    fn selects_reference_first_without_duplicates() -> anyhow::Result<()> {
        let names = |list: &[&'static Scenario]| list.iter().map(|s| s.name).collect::<Vec<_>>();
        assert_eq!(names(&select(&[])?), ["T", "D", "search", "due", "submit", "receive"]);
        assert_eq!(names(&select(&["due".into(), "t".into(), "due".into()])?), ["T", "due"]);
        assert!(select(&["nope".into()]).is_err());
        Ok(())
    }

    #[test]
    fn tables_show_ratios_to_the_reference() {
        let text = table(&[report("T", 100_000, 0), report("search", 25_000, 3)]);
        let cells = |line: &str| line.split('|').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(";");
        let lines: Vec<String> = text.lines().map(cells).collect();
        assert_eq!(lines[0], "scenario;req/s;ratio to T;ratio to D;p50 ms;p99 ms;errors");
        assert_eq!(lines[1], "--------;----:;---------:;---------:;-----:;-----:;-----:");
        assert_eq!(lines[2], "T;10000;1.000;-;0.25;2.00;0");
        assert_eq!(lines[3], "search;2500;0.250;-;0.25;2.00;3");
        assert_eq!(lines.len(), 4);
        let widths: Vec<usize> = text.lines().map(|line| line.chars().count()).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "ragged table:\n{text}");
        assert!(table(&[report("D", 5, 0)]).contains("|          - |"));
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact("postgres://postgres@127.0.0.1/db"), "postgres://postgres@127.0.0.1/db");
        assert_eq!(redact("sqlite:///tmp/x/bench.db"), "sqlite:///tmp/x/bench.db");
    }

    #[test]
    fn formats_utc_minutes() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minute(1_735_689_600 + 13 * 3600 + 7 * 60 + 59), "2025-01-01 13:07 UTC");
    }
}
