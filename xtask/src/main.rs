//! Workspace automation for motcua, run as `cargo xtask <command>` (the
//! alias lives in `.cargo/config.toml`).
//!
//! * `bench`: throughput of the server's endpoints, each relative to a
//!   trivial handler, with server and load generator on separate cores.
//! * `load`: the load generator alone, against a server on 127.0.0.1.
//! * `test`: every test of the workspace, starting PostgreSQL if needed,
//!   then the real-browser tests of `browser-tests/` (Chromium driven by
//!   playwright-core, pages checked with axe-core) unless `--no-browser`.

// A command-line tool: its reports belong on stdout.
#![allow(clippy::print_stdout)]

mod bench;
mod browser;
mod figures;
mod http;
mod load;
mod scenarios;
mod stats;
mod test;
#[cfg(test)]
mod tidy;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "xtask", bin_name = "cargo xtask", about = "Workspace automation for motcua", version)]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Measure each endpoint's throughput as a ratio to a trivial handler,
    /// server and load generator pinned to separate cores
    Bench(bench::BenchArgs),
    /// Latency of the dashboards' and the 766 index's queries over a
    /// database holding a generated history
    Figures(figures::FiguresArgs),
    /// Load a server on 127.0.0.1 with one scenario or a list of paths
    /// (what `bench` runs on its load core)
    Load(load::LoadArgs),
    /// Run every test: unit tests, the store suite on SQLite and PostgreSQL,
    /// the HTTP tests against the real binary, then the real-browser tests
    Test(test::TestArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Task::Bench(args) => bench::run(args),
        Task::Figures(args) => figures::run(args),
        Task::Load(args) => load::run(args),
        Task::Test(args) => test::run_tests(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}
