//! `qimen`: the Qimen Workbench command line. Parsing and dispatch only; each subcommand lives in
//! its own file under `commands/`.

mod commands;
mod failure;
mod input;

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = commands::Cli::parse();
    match commands::run(cli).await {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit_code()
        }
    }
}

/// `qimen … | head` closes the pipe early: the command then ends quietly, as Unix tools do, instead
/// of reporting a failed print. Rust ignores SIGPIPE by default; this puts the default back.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread is started; setting a signal's
    // disposition to its default has no other effect on the program's state.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
