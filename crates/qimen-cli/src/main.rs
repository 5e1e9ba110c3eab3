//! `qimen`: the Qimen Workbench command line. Parsing and dispatch only; each subcommand lives in
//! its own file under `commands/`.

mod commands;
mod failure;
mod input;

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli).await {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit_code()
        }
    }
}
