//! The `motcua` binary: wiring only. Reads the configuration, opens the
//! store, and runs one command: `serve`, `migrate`, `import`, `calendar`,
//! `check-config`, `verify-history`, `rebuild-indicators`, `demo generate`,
//! `outbox show`.

// A command-line program talks on standard output by design.
#![allow(clippy::print_stdout)]

mod config;
mod payments;
mod progress;

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use chrono::Utc;
use clap::{Parser, Subcommand, ValueEnum};
use motcua_app::{App, Progress, Silent};
use motcua_store::Store;
use tracing_subscriber::EnvFilter;

use crate::config::{Config, Overrides};
use crate::progress::Bar;

/// motcua: the one-stop public-service system.
#[derive(Debug, Parser)]
#[command(name = "motcua", version, about)]
struct Cli {
    /// A TOML configuration file (default: $MOTCUA_CONFIG, else ./motcua.toml if present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Database URL: sqlite://FILE (default sqlite://motcua.db) or postgres://…
    #[arg(long, global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API; on an empty database, seed the demo first.
    Serve {
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long)]
        listen: Option<SocketAddr>,
    },
    /// Apply database migrations.
    Migrate,
    /// Import reference data from a file.
    Import { what: ImportKind, file: PathBuf },
    /// Print a year's days off and working Saturdays, plus Tết and Hùng Kings' day.
    Calendar { year: i32 },
    /// Load and check the configuration, print it (secrets hidden) and exit.
    CheckConfig,
    /// Check every dossier's hash-chained history; exit non-zero naming any
    /// dossier whose history was edited.
    VerifyHistory,
    /// Recompute the indicator tally from the dossiers and their histories.
    RebuildIndicators,
    /// The demo data.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
    /// The file outbox: the messages sent to applicants.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
}

#[derive(Debug, Subcommand)]
enum OutboxCommand {
    /// Print the messages sent, newest last.
    Show {
        /// Only the last N messages.
        #[arg(long)]
        last: Option<usize>,
    },
}

#[derive(Debug, Subcommand)]
enum DemoCommand {
    /// Write a realistic history of many dossiers, in bulk, after the demo's
    /// agencies and service points, then rebuild the indicator tally.
    Generate {
        /// How many dossiers.
        #[arg(long)]
        dossiers: u64,
        /// Comma-separated province codes (default: the demo's, 01 and 46).
        #[arg(long, value_delimiter = ',', default_value = "01,46")]
        provinces: Vec<String>,
        /// The same seed writes the same history.
        #[arg(long, default_value_t = 766)]
        seed: u64,
        /// How many days the history covers, ending now.
        #[arg(long, default_value_t = 730)]
        days: i64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ImportKind {
    /// units-2025.csv, or the legacy-to-2025 conversion file.
    Units,
    /// The national portal's complete procedure records (JSON lines).
    Procedures,
    /// The national portal's catalogue rows without details (JSON lines).
    Catalogue,
    /// An official calendar file (date, weekday, name_vi, kind, source).
    Calendar,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let listen = match &cli.command {
        Command::Serve { listen } => *listen,
        _ => None,
    };
    let overrides = Overrides { listen, database_url: cli.database.clone() };
    let config = Config::load(cli.config.as_deref(), |key| std::env::var(key).ok(), &overrides)?;
    tracing_subscriber::fmt()
        .with_env_filter(log_filter(&config.log))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(run(cli.command, config))
}

/// The configured log filter. sqlx's warnings about slow statements print
/// whole statements (a bulk insert is pages long): they are left out unless
/// the configuration names sqlx itself.
fn log_filter(directives: &str) -> EnvFilter {
    let filter = EnvFilter::try_new(directives).unwrap_or_else(|_| EnvFilter::new("info"));
    match "sqlx::query=error".parse() {
        Ok(quiet) if !directives.contains("sqlx") => filter.add_directive(quiet),
        _ => filter,
    }
}

async fn open(config: &Config) -> anyhow::Result<App> {
    let store = Store::connect(&config.database_url, config.max_connections).await.with_context(|| {
        format!("opening the database {:?}", config.database_url.split('@').next_back().unwrap_or(""))
    })?;
    store.migrate().await.context("migrating the database")?;
    let files = motcua_app::files::DiskFileStore::new(&config.files_dir, motcua_app::files::DEFAULT_MAX_SIZE);
    let app = App::new(store, std::sync::Arc::new(files))
        .with_upload_quota(config.upload_quota_mib * 1024 * 1024)
        .with_notifier(std::sync::Arc::new(motcua_app::notify::FileOutbox::new(&config.outbox_file)));
    app.ensure_index766().await.context("seeding the Decision 766 index")?;
    Ok(app)
}

fn progress() -> Box<dyn Progress> {
    if std::io::stderr().is_terminal() { Box::new(Bar::default()) } else { Box::new(Silent) }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve { .. } => serve(config).await,
        Command::Migrate => {
            open(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Import { what, file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let app = open(&config).await?;
            let progress = progress();
            let report = match what {
                ImportKind::Units => app.import_units(&text, progress.as_ref()).await,
                ImportKind::Procedures => app.import_procedures(&text, Utc::now(), progress.as_ref()).await,
                ImportKind::Catalogue => app.import_catalogue(&text, progress.as_ref()).await,
                ImportKind::Calendar => app.import_calendar(&text, progress.as_ref()).await,
            }
            .with_context(|| format!("importing {}", file.display()))?;
            app.store().refresh_statistics().await.context("refreshing statistics")?;
            println!(
                "{}: read {}, created {}, changed {}, unchanged {}",
                file.display(),
                report.read,
                report.created,
                report.changed,
                report.unchanged
            );
            Ok(())
        }
        Command::Calendar { year } => print_calendar(&config, year).await,
        Command::Outbox { command: OutboxCommand::Show { last } } => show_outbox(&config, last),
        Command::VerifyHistory => {
            let app = open(&config).await?;
            let (checked, broken) = app.verify_histories().await?;
            for dossier in &broken {
                println!("{}\thistory broken at event {}", dossier.dossier, dossier.first_bad_event);
            }
            if broken.is_empty() {
                println!("{checked} dossier histories verified");
                Ok(())
            } else {
                anyhow::bail!("{} of {checked} dossier histories do not verify", broken.len())
            }
        }
        Command::RebuildIndicators => {
            let app = open(&config).await?;
            let started = std::time::Instant::now();
            let rebuilt = app.store().rebuild_indicators().await?;
            println!(
                "indicators rebuilt from {} dossiers into {} cells in {:.1} s",
                rebuilt.dossiers,
                rebuilt.cells,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Demo { command: DemoCommand::Generate { dossiers, provinces, seed, days } } => {
            let app = open(&config).await?;
            app.seed_demo(progress().as_ref()).await.context("seeding the demo")?;
            let started = std::time::Instant::now();
            let options = motcua_app::generate::GenerateOptions { dossiers, provinces, seed, until: Utc::now(), days };
            let generated = app.generate_history(&options, progress().as_ref()).await?;
            println!(
                "generated {} dossiers with {} events in {:.1} s; indicators rebuilt into {} cells",
                generated.dossiers,
                generated.events,
                started.elapsed().as_secs_f64(),
                generated.tally.cells
            );
            Ok(())
        }
        Command::CheckConfig => {
            println!("{config:#?}");
            println!("configuration is valid");
            Ok(())
        }
    }
}

/// Prints a year's special days as the API gives them (`App::calendar_year`):
/// one line per date, in date order.
async fn print_calendar(config: &Config, year: i32) -> anyhow::Result<()> {
    let app = open(config).await?;
    let calendar = app.calendar_year(year).await?;
    for day in &calendar.days {
        println!("{}\t{}", day.date.format("%Y-%m-%d"), day.name);
    }
    Ok(())
}

/// Prints the file outbox's messages, newest last: a heading line per
/// message, then its body. Reads the file only; the database is not opened.
fn show_outbox(config: &Config, last: Option<usize>) -> anyhow::Result<()> {
    let messages = motcua_app::notify::read_outbox(&config.outbox_file)
        .with_context(|| format!("reading {}", config.outbox_file.display()))?;
    let skip = last.map_or(0, |last| messages.len().saturating_sub(last));
    if messages.is_empty() {
        println!("no messages in {}", config.outbox_file.display());
    }
    for message in &messages[skip..] {
        println!(
            "--- {} {} to {} (queued {}, sent {})",
            message.id,
            message.channel,
            message.recipient,
            message.created_at.to_rfc3339(),
            message.sent_at.to_rfc3339()
        );
        println!("{}", message.subject);
        println!("{}", message.body);
    }
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let app = open(&config).await?;
    if config.seed_demo {
        let started = std::time::Instant::now();
        let report = app.seed_demo(progress().as_ref()).await.context("seeding the demo")?;
        if !report.already_seeded {
            tracing::info!(
                seconds = started.elapsed().as_secs_f32(),
                units = report.units.read,
                procedures = report.procedures.read,
                catalogue = report.catalogue.read,
                "demo seeded"
            );
        }
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let address = listener.local_addr()?;
    let public_url = config.public_url.clone().unwrap_or_else(|| format!("http://{address}"));
    let app = app.with_public_url(&public_url);
    let app = match payments::configure(&config.payment, address, app.public_url()).await? {
        Some(gateway) => app.with_gateway(gateway),
        None => app,
    };
    let outbox = tokio::spawn(send_notifications(app.clone()));
    let refunds = tokio::spawn(make_payment_calls(app.clone()));
    let options = motcua_web::WebOptions {
        bench_endpoints: config.bench_endpoints,
        secure_cookies: config.secure_cookies(),
        trusted_proxies: config.trusted_proxies.clone(),
    };
    let router = motcua_web::router(app.clone(), options);
    println!("motcua is serving on http://{address}/");
    println!("  API: http://{address}/api/v1/openapi.json");
    if config.seed_demo {
        println!("  demo logins (password {}):", motcua_app::seed::DEMO_PASSWORD);
        for login in motcua_app::seed::demo_logins() {
            println!("    {:<26} {:<16} {}", login.username, login.role.as_str(), login.display_name);
        }
        println!("  demo citizens (sign in with the identification number, same password):");
        for (id_number, name, _) in motcua_app::seed::DEMO_CITIZENS {
            println!("    {id_number:<26} {name}");
        }
    }
    // The socket's address is the client's, unless a trusted proxy says otherwise.
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await?;
    outbox.abort();
    refunds.abort();
    app.store().close().await;
    Ok(())
}

/// Sends what waits in the outbox every few seconds, for as long as the
/// server runs: messages queued by dossier changes, and any left by a crash
/// or a notifier that failed.
async fn send_notifications(app: App) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        every.tick().await;
        if let Err(error) = app.dispatch_notifications(100).await {
            tracing::warn!(%error, "the outbox could not be sent");
        }
    }
}

/// The payment gateway's work, every few seconds, for as long as the server
/// runs: the refunds that changes decided (one the gateway could not take is
/// tried again later), and the orders still pending after they expired,
/// which the gateway is asked about.
async fn make_payment_calls(app: App) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        every.tick().await;
        match app.make_payment_calls(Utc::now(), 20).await {
            Ok(made) if made != motcua_app::dossiers::CallsMade::default() => {
                tracing::info!(?made, "payment calls made")
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "the payment calls could not be made"),
        }
        match app.query_stale_orders(Utc::now(), 20).await {
            Ok(queried) if queried != motcua_app::dossiers::OrdersQueried::default() => {
                tracing::info!(?queried, "pending orders asked about");
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "pending orders could not be asked about"),
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM, letting requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
