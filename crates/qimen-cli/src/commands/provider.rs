//! `qimen provider serve`: a local stand-in for a WMS / ERP that Qimen (or the local gateway)
//! forwards calls to. Prints one line per request received, with details when it is refused, so a
//! user sees at once whether the other side signs correctly.

use crate::failure::Failure;
use crate::input::{load_secret, read_body, APP_SECRET_ENV};
use clap::{Args, Subcommand};
use qimen_core::clock::{Clock, SystemClock};
use qimen_server::receiver::{self, ReceiptVerdict, ReceivedRequest, ReceiverConfig};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

/// The port a provider listens on unless told otherwise (the gateway uses 18080).
pub const DEFAULT_PROVIDER_PORT: u16 = receiver::DEFAULT_PORT;

#[derive(Debug, Subcommand)]
pub enum ProviderCommand {
    /// Listen on 127.0.0.1, verify every inbound request and answer it; until Ctrl-C.
    Serve(ProviderServeArgs),
}

#[derive(Debug, Args)]
pub struct ProviderServeArgs {
    /// Port on 127.0.0.1 (0 = any free port; the address is printed).
    #[arg(long, default_value_t = DEFAULT_PROVIDER_PORT)]
    pub port: u16,
    /// The answer to a verified request (XML or JSON); default a Qimen success answer.
    #[arg(long, value_name = "FILE")]
    pub response: Option<PathBuf>,
    /// Read the provider's AppSecret from this file instead of QIMEN_APP_SECRET.
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
}

pub async fn run(command: &ProviderCommand) -> Result<ExitCode, Failure> {
    let ProviderCommand::Serve(args) = command;
    let secret = load_secret(APP_SECRET_ENV, args.secret_file.as_deref())?;
    let mut config = ReceiverConfig::new(secret);
    if let Some(path) = &args.response {
        config.response = Some(read_body(path).map_err(|_| {
            Failure::Usage(format!(
                "--response: cannot read {} as UTF-8 text; give an XML or JSON file",
                path.display()
            ))
        })?);
    }
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let running = receiver::start(config, clock, args.port)
        .await
        .map_err(|e| match e {
            receiver::ReceiverError::Bind { .. } => Failure::Failed(e.to_string()),
            other => Failure::Usage(other.to_string()),
        })?;
    let mut records = running.subscribe();
    println!(
        "provider receiver listening on {} (any path, POST or GET)",
        running.url()
    );
    println!(
        "verifying with the AppSecret ({}), 10-minute timestamp window, 1 MiB body cap; Ctrl-C to stop",
        if args.secret_file.is_some() { "from --secret-file" } else { "from QIMEN_APP_SECRET" }
    );
    loop {
        tokio::select! {
            record = records.recv() => match record {
                Ok(record) => print!("{}", escape_controls(&render(&record))),
                Err(RecvError::Lagged(skipped)) => {
                    println!("({skipped} requests not shown: they arrived faster than they could be printed)");
                }
                Err(RecvError::Closed) => break,
            },
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    running.shutdown().await;
    println!("provider receiver stopped");
    Ok(ExitCode::SUCCESS)
}

/// What a sender controls (the path, the method, the query) reaches the terminal with every control
/// character but the line breaks written as an escape (`\u{1b}`), so no request can move the
/// cursor, recolour or retitle the terminal of the person watching.
pub fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The summary line, plus the details a sender needs to fix a refused request.
pub fn render(record: &ReceivedRequest) -> String {
    let mut out = format!("{}\n", record.summary());
    match &record.verdict {
        ReceiptVerdict::SignMismatch {
            provided,
            expected,
            string_to_sign_masked,
        } => {
            out.push_str(&format!("    sign received: {provided}\n"));
            out.push_str(&format!("    sign expected: {expected}\n"));
            out.push_str(&format!(
                "    string that should have been signed (secret masked): {string_to_sign_masked}\n"
            ));
        }
        ReceiptVerdict::MissingSign
        | ReceiptVerdict::BadTimestamp { .. }
        | ReceiptVerdict::DuplicateParameter { .. } => {
            let query: Vec<String> = record
                .query
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            out.push_str(&format!("    query: {}\n", query.join("&")));
        }
        ReceiptVerdict::Accepted
        | ReceiptVerdict::BodyTooLarge { .. }
        | ReceiptVerdict::BadBody { .. } => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_from_a_request_are_shown_not_obeyed() {
        let line = "POST /qimen\u{1b}]0;owned\u{7} method=x\u{1b}[2J -> refused\n";
        let shown = escape_controls(line);
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(shown.contains("\\u{1b}]0;owned"), "{shown}");
        assert!(shown.ends_with("refused\n"));
    }
}
