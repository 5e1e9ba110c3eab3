//! `qimen gateway serve`: the built-in offline platform on 127.0.0.1, with its banner (routes, demo
//! apps and credentials, the 旺店通 demo account), until Ctrl-C.

use crate::failure::Failure;
use clap::{Args, Subcommand};
use qimen_core::clock::{Clock, SystemClock};
use qimen_server::gateway::{self, GatewayConfig, GatewayError};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// The gateway's usual port; `qimen call --env local` expects it there.
pub const DEFAULT_GATEWAY_PORT: u16 = gateway::DEFAULT_PORT;

#[derive(Debug, Subcommand)]
pub enum GatewayCommand {
    /// Serve the TOP and Qimen routers, OAuth and the demo APIs on 127.0.0.1; until Ctrl-C.
    Serve(GatewayServeArgs),
}

#[derive(Debug, Args)]
pub struct GatewayServeArgs {
    /// Port on 127.0.0.1 (0 = any free port; the address is printed).
    #[arg(long, default_value_t = DEFAULT_GATEWAY_PORT)]
    pub port: u16,
    /// A TOML file adding `[[app]]` and `[[provider]]` entries to the demo apps.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

pub async fn run(command: &GatewayCommand) -> Result<ExitCode, Failure> {
    let GatewayCommand::Serve(args) = command;
    let config = match &args.config {
        None => GatewayConfig::demo(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::Usage(format!("--config: cannot read {}: {e}", path.display()))
            })?;
            GatewayConfig::from_toml(&text)
                .map_err(|e| Failure::Usage(format!("--config {}: {e}", path.display())))?
        }
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let running = gateway::start(config.clone(), clock, args.port)
        .await
        .map_err(|e| match e {
            GatewayError::PortInUse { .. } | GatewayError::Bind { .. } => {
                Failure::Failed(e.to_string())
            }
            other => Failure::Usage(other.to_string()),
        })?;
    print!("{}", gateway::describe(&config, &running.base_url()));
    println!("Ctrl-C to stop.");
    let stopped = tokio::signal::ctrl_c().await;
    running.shutdown().await;
    match stopped {
        Ok(()) => {
            println!("local gateway stopped");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(Failure::Failed(format!(
            "cannot wait for Ctrl-C ({e}); the gateway was stopped"
        ))),
    }
}
