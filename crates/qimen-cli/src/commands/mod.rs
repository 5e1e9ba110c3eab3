//! The `qimen` command line: one file per subcommand, this file only lists them and dispatches.

pub mod app_profile;
pub mod call;
pub mod diagnose;
pub mod diagnose_report;
pub mod explain;
pub mod gateway;
pub mod provider;
pub mod relay;
pub mod repro;
pub mod sign;
pub mod spi_verify;
pub mod wdt_sign;

use crate::failure::Failure;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Sign, send and verify TOP / Qimen / 旺店通 calls; run the local gateway, a test provider and the
/// joint-test relay.
///
/// Secrets are read from the environment (QIMEN_APP_SECRET, WDT_APP_SECRET, QIMEN_SESSION) or from
/// a file (--secret-file), never from the command line.
#[derive(Debug, Parser)]
#[command(name = "qimen", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute the TOP / Qimen `sign` of KEY=VALUE parameters (and a body); last line = the sign.
    Sign(sign::SignArgs),
    /// Compute 旺店通's `wdt_sign` (secret from WDT_APP_SECRET); last line = the wdt_sign.
    WdtSign(wdt_sign::WdtSignArgs),
    /// Verify a request forwarded to a provider, as the official SpiUtils does.
    SpiVerify(spi_verify::SpiVerifyArgs),
    /// Send one complete signed call and explain a platform error (exit 1), bad input (2) or a
    /// network failure (3).
    Call(Box<call::CallArgs>),
    /// Diagnose a captured request (URL, curl, raw HTTP, SDK log line): why its sign or timestamp
    /// fails and how to fix it; exit 0 valid, 1 invalid, 2 unreadable input.
    Diagnose(Box<diagnose::DiagnoseArgs>),
    /// Show or replay a reproduction bundle (.qimen.json) exported by the desktop app.
    Repro {
        #[command(subcommand)]
        command: repro::ReproCommand,
    },
    /// Explain a platform error code (and sub-code): title, cause, remedy.
    Explain(explain::ExplainArgs),
    /// Run the local offline gateway (TOP and Qimen routers, OAuth, demo APIs).
    Gateway {
        #[command(subcommand)]
        command: gateway::GatewayCommand,
    },
    /// Run a local provider (WMS / ERP stand-in) that verifies and answers forwarded calls.
    Provider {
        #[command(subcommand)]
        command: provider::ProviderCommand,
    },
    /// Run the joint-test relay: a customer's system calls it instead of the platform; each call is
    /// forwarded unchanged, diagnosed (secret from QIMEN_APP_SECRET) and logged as a JSON line.
    Relay {
        #[command(subcommand)]
        command: relay::RelayCommand,
    },
}

pub async fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Sign(args) => sign::run(&args),
        Command::WdtSign(args) => wdt_sign::run(&args),
        Command::SpiVerify(args) => spi_verify::run(&args),
        Command::Diagnose(args) => diagnose::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Call(args) => call::run(&args).await,
        Command::Repro { command } => repro::run(&command).await,
        Command::Gateway { command } => gateway::run(&command).await,
        Command::Provider { command } => provider::run(&command).await,
        Command::Relay { command } => relay::run(&command).await,
    }
}
