//! `cargo xtask figures`: how fast the dashboards and the 766 index answer
//! over a database already holding a generated history
//! (`motcua demo generate --dossiers N`). Starts the release binary on that
//! database, then asks each query in turn, one at a time, a fixed number of
//! times, and reports p50 and p99 latency per query as a markdown table.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::http::{Request, exchange_blocking};
use crate::stats::Histogram;

#[derive(Debug, clap::Args)]
pub struct FiguresArgs {
    /// The database with the generated history: sqlite://FILE or postgres://…
    #[arg(long)]
    pub database: String,
    /// The motcua binary to start
    #[arg(long, default_value = "target/release/motcua")]
    pub binary: PathBuf,
    /// How many times each query is asked (after 5 unmeasured ones)
    #[arg(long, default_value_t = 200)]
    pub repeat: u32,
}

/// The queries: what a dashboard, the transparency page and the API ask.
const QUERIES: [(&str, &str); 9] = [
    ("province, this month", "/api/v1/indicators?unit=01&from=2026-11-01&to=2026-11-28"),
    ("province, last quarter", "/api/v1/indicators?unit=01&from=2026-07-01&to=2026-09-30"),
    ("province, a year", "/api/v1/indicators?unit=01&from=2025-11-01&to=2026-10-31"),
    ("commune, a year", "/api/v1/indicators?unit=00004&from=2025-11-01&to=2026-10-31"),
    ("province, one procedure, a year", "/api/v1/indicators?unit=01&procedure=1.001612&from=2025-11-01&to=2026-10-31"),
    ("whole country, a year", "/api/v1/indicators?from=2025-11-01&to=2026-10-31"),
    ("whole country, online, any range", "/api/v1/indicators?channel=online&from=2025-03-17&to=2026-06-05"),
    ("766 index, province, a year", "/api/v1/index766?unit=01&from=2025-11-01&to=2026-10-31"),
    ("766 index, whole country, a year", "/api/v1/index766?from=2025-11-01&to=2026-10-31"),
];

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run(args: &FiguresArgs) -> anyhow::Result<()> {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port();
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let child = Command::new(&args.binary)
        .args(["--database", &args.database, "serve", "--listen", &addr.to_string()])
        .env("MOTCUA_SEED_DEMO", "false")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", args.binary.display()))?;
    let _server = Server(child);
    let started = Instant::now();
    while exchange_blocking(addr, &Request::get("/healthz"), Duration::from_secs(1)).map(|r| r.status).ok() != Some(200)
    {
        if started.elapsed() > Duration::from_secs(120) {
            bail!("the server did not answer /healthz within two minutes");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("| query | p50 ms | p99 ms | max ms |");
    println!("| ----- | -----: | -----: | -----: |");
    for (name, target) in QUERIES {
        let request = Request::get(target);
        let mut histogram = Histogram::default();
        let mut slowest = 0;
        for round in 0..args.repeat + 5 {
            let began = Instant::now();
            let response = exchange_blocking(addr, &request, Duration::from_secs(60))?;
            let micros = u64::try_from(began.elapsed().as_micros()).unwrap_or(u64::MAX);
            if response.status != 200 {
                bail!("{target} answered {}", response.status);
            }
            if round >= 5 {
                histogram.record(micros);
                slowest = slowest.max(micros);
            }
        }
        let ms =
            |p: f64| histogram.percentile(p * 100.0).map(|m| format!("{:.2}", m as f64 / 1000.0)).unwrap_or_default();
        println!("| {name} | {} | {} | {:.2} |", ms(0.5), ms(0.99), slowest as f64 / 1000.0);
    }
    Ok(())
}
