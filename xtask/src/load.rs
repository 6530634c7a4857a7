//! The load generator: N keep-alive HTTP/1.1 connections to 127.0.0.1, each
//! sending its next request as soon as the previous answer arrived, for a
//! warm-up and then a measured window. It runs on one thread (a current-thread
//! Tokio runtime), so pinning the process pins the whole generator.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, ensure};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::http::{self, Head, MAX_RESPONSE, Request};
use crate::scenarios::{self, RequestCycle, Setup};
use crate::stats::Histogram;

/// How hard and how long to load the server.
#[derive(Debug, Clone, clap::Args)]
pub struct LoadShape {
    /// Concurrent keep-alive connections
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub connections: u32,
    /// Seconds measured, after the warm-up
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub duration: u64,
    /// Seconds of load before measuring starts
    #[arg(long, value_name = "SECS", default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=120))]
    pub warmup: u64,
    /// Seconds after which an unanswered request counts as an error
    #[arg(long, value_name = "SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=60))]
    pub request_timeout: u64,
}

impl LoadShape {
    /// The same shape as command-line arguments, to pass to `xtask load`.
    pub fn to_args(&self) -> Vec<String> {
        vec![
            "--connections".into(),
            self.connections.to_string(),
            "--duration".into(),
            self.duration.to_string(),
            "--warmup".into(),
            self.warmup.to_string(),
            "--request-timeout".into(),
            self.request_timeout.to_string(),
        ]
    }

    /// The longest a load run can take once its requests are built.
    pub fn max_run_time(&self) -> Duration {
        Duration::from_secs(self.warmup + self.duration + self.request_timeout)
    }
}

/// `xtask load`: run one scenario (or a list of paths) against a server.
#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// Server address; only 127.0.0.1 is accepted
    #[arg(long, value_name = "127.0.0.1:PORT")]
    pub addr: SocketAddr,
    /// Scenario to run (list them with `cargo xtask bench --list`)
    #[arg(long, value_name = "NAME", required_unless_present = "paths", conflicts_with = "paths")]
    pub scenario: Option<String>,
    /// Instead of a scenario, GET these paths in turn (repeatable)
    #[arg(long = "path", value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub shape: LoadShape,
    /// Print the result as one JSON line (what `bench` reads)
    #[arg(long)]
    pub json: bool,
}

/// The outcome of one load run.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadReport {
    pub scenario: String,
    /// Distinct requests in the cycle.
    pub distinct: usize,
    pub connections: u32,
    /// Length of the measured window.
    pub seconds: f64,
    /// 2xx answers completed in the window.
    pub ok: u64,
    /// Non-2xx answers, I/O and protocol errors and timeouts in the window.
    pub errors: u64,
    /// Latency of 2xx answers, in microseconds.
    pub p50_us: Option<u64>,
    pub p99_us: Option<u64>,
    /// Errors by kind, e.g. `HTTP 404` or `timeout`.
    pub error_kinds: BTreeMap<String, u64>,
}

impl LoadReport {
    /// Successful requests per second.
    pub fn rps(&self) -> f64 {
        if self.seconds > 0.0 { self.ok as f64 / self.seconds } else { 0.0 }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "scenario": self.scenario,
            "distinct": self.distinct,
            "connections": self.connections,
            "seconds": self.seconds,
            "ok": self.ok,
            "errors": self.errors,
            "p50_us": self.p50_us,
            "p99_us": self.p99_us,
            "error_kinds": self.error_kinds,
        })
    }

    pub fn from_json(value: &Value) -> anyhow::Result<Self> {
        let uint =
            |key: &str| value.get(key).and_then(Value::as_u64).with_context(|| format!("load report lacks {key}"));
        let mut error_kinds = BTreeMap::new();
        if let Some(kinds) = value.get("error_kinds").and_then(Value::as_object) {
            for (kind, count) in kinds {
                error_kinds.insert(kind.clone(), count.as_u64().unwrap_or_default());
            }
        }
        Ok(LoadReport {
            scenario: value.get("scenario").and_then(Value::as_str).context("load report lacks scenario")?.to_owned(),
            distinct: usize::try_from(uint("distinct")?)?,
            connections: u32::try_from(uint("connections")?)?,
            seconds: value.get("seconds").and_then(Value::as_f64).context("load report lacks seconds")?,
            ok: uint("ok")?,
            errors: uint("errors")?,
            p50_us: value.get("p50_us").and_then(Value::as_u64),
            p99_us: value.get("p99_us").and_then(Value::as_u64),
            error_kinds,
        })
    }

    /// Error kinds, most frequent first, as `HTTP 404 × 12, timeout × 1`.
    pub fn error_summary(&self) -> String {
        let mut kinds: Vec<_> = self.error_kinds.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1));
        kinds.iter().map(|(kind, count)| format!("{kind} × {count}")).collect::<Vec<_>>().join(", ")
    }
}

/// Milliseconds with two decimals, or `-` when unknown.
pub fn format_ms(micros: Option<u64>) -> String {
    micros.map_or_else(|| "-".to_owned(), |us| format!("{:.2}", us as f64 / 1000.0))
}

pub fn run(args: &LoadArgs) -> anyhow::Result<()> {
    let report = measure(args)?;
    if args.json {
        println!("{}", report.to_json());
    } else {
        println!(
            "{}: {} distinct request(s), {} connection(s), {:.1} s measured",
            report.scenario, report.distinct, report.connections, report.seconds
        );
        println!(
            "  {:.1} req/s, p50 {} ms, p99 {} ms, {} error(s)",
            report.rps(),
            format_ms(report.p50_us),
            format_ms(report.p99_us),
            report.errors
        );
        if report.errors > 0 {
            println!("  errors: {}", report.error_summary());
        }
    }
    Ok(())
}

/// Builds the requests and drives the load; blocking.
pub fn measure(args: &LoadArgs) -> anyhow::Result<LoadReport> {
    ensure!(args.addr.ip() == Ipv4Addr::LOCALHOST, "the load generator only targets 127.0.0.1, not {}", args.addr.ip());
    let (name, requests) = match &args.scenario {
        Some(name) => {
            let scenario = scenarios::find(name).with_context(|| format!("unknown scenario {name:?}"))?;
            let requests = (scenario.build)(&Setup { addr: args.addr })
                .with_context(|| format!("preparing scenario {}", scenario.name))?;
            (scenario.name.to_owned(), requests)
        }
        None => {
            for path in &args.paths {
                ensure!(path.starts_with('/') && path.is_ascii() && !path.contains(' '), "bad path {path:?}");
            }
            ("paths".to_owned(), args.paths.iter().map(Request::get).collect())
        }
    };
    ensure!(!requests.is_empty(), "scenario {name} has no requests");
    let host = args.addr.to_string();
    let wire: Arc<[Vec<u8>]> = requests.iter().map(|r| r.encode(&host, false)).collect();

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let tally = runtime.block_on(drive(args.addr, Arc::clone(&wire), &args.shape))?;
    Ok(LoadReport {
        scenario: name,
        distinct: wire.len(),
        connections: args.shape.connections,
        seconds: args.shape.duration as f64,
        ok: tally.ok,
        errors: tally.errors,
        p50_us: tally.latencies.percentile(50.0),
        p99_us: tally.latencies.percentile(99.0),
        error_kinds: tally.kinds,
    })
}

/// When a connection's requests count.
#[derive(Debug, Clone, Copy)]
struct Window {
    measure_from: Instant,
    end: Instant,
    request_timeout: Duration,
}

/// What one connection saw in the measured window.
#[derive(Debug, Default)]
struct Tally {
    latencies: Histogram,
    ok: u64,
    errors: u64,
    kinds: BTreeMap<String, u64>,
}

impl Tally {
    fn error(&mut self, kind: String) {
        self.errors += 1;
        *self.kinds.entry(kind).or_default() += 1;
    }

    fn merge(&mut self, other: Tally) {
        self.latencies.merge(&other.latencies);
        self.ok += other.ok;
        self.errors += other.errors;
        for (kind, count) in other.kinds {
            *self.kinds.entry(kind).or_default() += count;
        }
    }
}

async fn drive(addr: SocketAddr, wire: Arc<[Vec<u8>]>, shape: &LoadShape) -> anyhow::Result<Tally> {
    let start = Instant::now();
    let measure_from = start + Duration::from_secs(shape.warmup);
    let window = Window {
        measure_from,
        end: measure_from + Duration::from_secs(shape.duration),
        request_timeout: Duration::from_secs(shape.request_timeout),
    };
    let tasks: Vec<_> =
        (0..shape.connections).map(|index| tokio::spawn(connection(index, addr, Arc::clone(&wire), window))).collect();
    let mut total = Tally::default();
    for task in tasks {
        total.merge(task.await.context("a connection task failed")?);
    }
    Ok(total)
}

/// Why an exchange failed.
#[derive(Debug)]
enum Failure {
    Connect(std::io::Error),
    Io(std::io::Error),
    Protocol(String),
}

impl Failure {
    fn kind(&self) -> String {
        match self {
            Failure::Connect(e) => format!("connect: {:?}", e.kind()),
            Failure::Io(e) => format!("i/o: {:?}", e.kind()),
            Failure::Protocol(message) => message.clone(),
        }
    }
}

/// One client connection's loop, until the window ends.
async fn connection(index: u32, addr: SocketAddr, wire: Arc<[Vec<u8>]>, window: Window) -> Tally {
    let mut tally = Tally::default();
    let mut cycle = RequestCycle::new(wire.len(), index as usize);
    let mut conn: Option<Connection> = None;
    // Each pass takes at least one await bounded by `window.end`, and the
    // loop stops there; a pass that fails fast to connect sleeps first.
    loop {
        let started = Instant::now();
        if started >= window.end {
            break;
        }
        let deadline = (started + window.request_timeout).min(window.end);
        let request = &wire[cycle.advance()];
        let outcome = tokio::time::timeout_at(deadline, exchange(&mut conn, addr, request)).await;
        let finished = Instant::now();
        let counted = finished >= window.measure_from && finished <= window.end;
        match outcome {
            Ok(Ok(head)) if counted && head.is_success() => {
                tally.ok += 1;
                tally.latencies.record(u64::try_from((finished - started).as_micros()).unwrap_or(u64::MAX));
            }
            Ok(Ok(head)) if counted => tally.error(format!("HTTP {}", head.status)),
            Ok(Ok(_)) => {}
            Ok(Err(failure)) => {
                if counted {
                    tally.error(failure.kind());
                }
                if matches!(failure, Failure::Connect(_)) {
                    tokio::time::sleep_until((Instant::now() + Duration::from_millis(20)).min(window.end)).await;
                }
            }
            // Cut short by the end of the window: neither success nor error.
            Err(_) if deadline == window.end => {}
            Err(_) if counted => tally.error("timeout".to_owned()),
            Err(_) => {}
        }
    }
    tally
}

/// Sends one request, on the kept-alive connection if there is one, and
/// keeps the connection only if the server allows it.
async fn exchange(conn: &mut Option<Connection>, addr: SocketAddr, request: &[u8]) -> Result<Head, Failure> {
    let mut current = match conn.take() {
        Some(current) => current,
        None => Connection::connect(addr).await.map_err(Failure::Connect)?,
    };
    let head = current.exchange(request).await?;
    if head.keep_alive {
        *conn = Some(current);
    }
    Ok(head)
}

#[derive(Debug)]
struct Connection {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Connection {
    async fn connect(addr: SocketAddr) -> std::io::Result<Self> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection { stream, buf: Vec::with_capacity(16 * 1024) })
    }

    /// Writes the request and reads one whole response, discarding the body.
    async fn exchange(&mut self, request: &[u8]) -> Result<Head, Failure> {
        self.stream.write_all(request).await.map_err(Failure::Io)?;
        self.buf.clear();
        let mut head: Option<Head> = None;
        let mut eof = false;
        // Every pass reads at least one byte (the buffer is bounded by
        // MAX_RESPONSE), or meets end of stream and returns.
        loop {
            if head.is_none() {
                head = http::parse_head(&self.buf).map_err(|e| Failure::Protocol(format!("bad response: {e}")))?;
            }
            if let Some(found) = head {
                let end = http::response_end(&found, &self.buf, eof)
                    .map_err(|e| Failure::Protocol(format!("bad response body: {e}")))?;
                if let Some(end) = end {
                    // Bytes past the response were not asked for: do not reuse.
                    return Ok(Head { keep_alive: found.keep_alive && end == self.buf.len(), ..found });
                }
            }
            if eof {
                let what = if self.buf.is_empty() { "closed by server" } else { "response cut short" };
                return Err(Failure::Protocol(what.to_owned()));
            }
            if self.buf.len() > MAX_RESPONSE {
                return Err(Failure::Protocol("response too large".to_owned()));
            }
            self.buf.reserve(16 * 1024);
            let n = self.stream.read_buf(&mut self.buf).await.map_err(Failure::Io)?;
            eof = n == 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// A tiny keep-alive server for `connections` clients: `/chunked` answers
    /// in chunks, `/missing` with 404, anything else with a fixed body. Every
    /// thread ends when its client leaves or after a read timeout.
    fn serve(connections: usize) -> anyhow::Result<SocketAddr> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let addr = listener.local_addr()?;
        std::thread::spawn(move || {
            for stream in listener.incoming().take(connections) {
                let Ok(mut stream) = stream else { continue };
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while let Ok(n) = stream.read(&mut chunk) {
                        if n == 0 {
                            break;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
                            buf.drain(..end + 4);
                            let answer: &[u8] = if head.starts_with("GET /chunked ") {
                                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                            } else if head.starts_with("GET /missing ") {
                                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                            } else {
                                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            };
                            if stream.write_all(answer).is_err() {
                                return;
                            }
                        }
                    }
                });
            }
        });
        Ok(addr)
    }

    #[test]
    fn loads_a_keep_alive_server() -> anyhow::Result<()> {
        let connections = 4;
        let addr = serve(connections)?;
        let args = LoadArgs {
            addr,
            scenario: None,
            paths: vec!["/a".into(), "/chunked".into(), "/missing".into()],
            shape: LoadShape { connections: connections as u32, duration: 1, warmup: 0, request_timeout: 1 },
            json: false,
        };
        let report = measure(&args)?;
        assert_eq!(report.distinct, 3);
        assert!(report.ok > 100, "{report:?}");
        // One request in three is a 404; the server takes exactly
        // `connections` connections, so none was reopened.
        let expected_errors = report.ok / 2;
        assert!(report.errors.abs_diff(expected_errors) <= connections as u64 * 2, "{report:?}");
        assert_eq!(report.error_kinds.keys().collect::<Vec<_>>(), ["HTTP 404"]);
        assert!(report.p50_us.is_some() && report.p99_us >= report.p50_us);
        Ok(())
    }

    #[test]
    fn report_round_trips_through_json() -> anyhow::Result<()> {
        let report = LoadReport {
            scenario: "search".into(),
            distinct: 20,
            connections: 32,
            seconds: 10.0,
            ok: 12_345,
            errors: 2,
            p50_us: Some(1_500),
            p99_us: None,
            error_kinds: BTreeMap::from([("HTTP 500".to_owned(), 2)]),
        };
        let text = report.to_json().to_string();
        assert_eq!(LoadReport::from_json(&serde_json::from_str(&text)?)?, report);
        assert!((report.rps() - 1234.5).abs() < 1e-9);
        assert_eq!(report.error_summary(), "HTTP 500 × 2");
        assert_eq!(format_ms(Some(1_234)), "1.23");
        assert_eq!(format_ms(None), "-");
        Ok(())
    }
}
