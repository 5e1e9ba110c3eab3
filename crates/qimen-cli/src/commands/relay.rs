//! `qimen relay serve`: the joint-test relay. The customer's system is pointed at the relay instead
//! of the platform; every call is forwarded unchanged to the upstream, its answer passed back
//! unchanged, and one JSON line per exchange is written (stdout or `--log`): time, HTTP method, API,
//! path, the signature's verdict and causes, status, platform code, latency and sizes. The session is
//! never in a line and the secret (`QIMEN_APP_SECRET`, for the diagnosis only) never anywhere.

use super::call::DEFAULT_GATEWAY;
use crate::failure::Failure;
use crate::input::{load_secret, APP_SECRET_ENV};
use clap::{Args, Subcommand};
use qimen_core::clock::{gmt8, Clock, SystemClock};
use qimen_server::gateway::inbound::Route;
use qimen_server::relay::{
    self, check_upstream, resolve_upstream, Exchange, ExchangeSink, LanAccess, RelayConfig,
    RelayError,
};
use serde::Serialize;
use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::Duration;

/// Lines waiting to be written before new ones are counted as dropped.
const LINE_BUFFER: usize = 4096;

#[derive(Debug, Subcommand)]
pub enum RelayCommand {
    /// Forward every call to the upstream unchanged and print one JSON line per exchange; until
    /// Ctrl-C.
    Serve(RelayServeArgs),
}

#[derive(Debug, Args)]
pub struct RelayServeArgs {
    /// Port to listen on (0 = any free port; the address is printed).
    #[arg(long, default_value_t = relay::DEFAULT_PORT)]
    pub port: u16,
    /// Where calls go: production, qimen-test, sandbox, local (the gateway at --gateway) or a base
    /// URL (scheme://host[:port]; each call keeps its own path and query).
    #[arg(long, value_name = "UPSTREAM")]
    pub upstream: String,
    /// The local gateway's address for --upstream local.
    #[arg(long, env = "QIMEN_GATEWAY", default_value = DEFAULT_GATEWAY)]
    pub gateway: String,
    /// Append the JSON lines to this file instead of printing them.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Also listen for another machine on this LAN address of this machine (0.0.0.0 = every
    /// interface): an explicit choice; a random path token and --allow are required.
    #[arg(long, value_name = "ADDR", requires = "allow")]
    pub lan: Option<IpAddr>,
    /// A client address allowed to call over the LAN (repeat for several).
    #[arg(long = "allow", value_name = "IP", requires = "lan")]
    pub allow: Vec<IpAddr>,
    /// Read the AppSecret for the diagnosis from this file instead of QIMEN_APP_SECRET.
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Start even when the upstream does not answer yet.
    #[arg(long)]
    pub skip_check: bool,
}

/// One exchange as a log line: no query, no body, so no session; never the secret.
#[derive(Debug, Serialize)]
struct Line<'a> {
    id: u64,
    time: String,
    method: &'a str,
    api: Option<&'a str>,
    path: &'a str,
    verdict: relay::Verdict,
    causes: Vec<&'static str>,
    status: Option<u16>,
    platform_code: Option<&'a str>,
    platform_sub_code: Option<&'a str>,
    upstream_error: Option<relay::UpstreamProblemKind>,
    latency_ms: u64,
    request_bytes: u64,
    response_bytes: u64,
}

/// The JSON line of an exchange, every control character escaped so that no value sent by the
/// customer's system can act on the terminal.
pub fn line(exchange: &Exchange) -> String {
    let line = Line {
        id: exchange.id,
        time: exchange
            .at
            .with_timezone(&gmt8())
            .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string(),
        method: &exchange.http_method,
        api: exchange.api.as_deref(),
        path: &exchange.path,
        verdict: exchange.verdict,
        causes: exchange
            .diagnosis
            .iter()
            .flat_map(|d| d.causes.iter().map(|c| c.id.as_str()))
            .collect(),
        status: exchange.status,
        platform_code: exchange.platform_code.as_deref(),
        platform_sub_code: exchange.platform_sub_code.as_deref(),
        upstream_error: exchange.upstream_error.as_ref().map(|p| p.kind),
        latency_ms: exchange.latency_ms,
        request_bytes: exchange.request_bytes,
        response_bytes: exchange.response_bytes,
    };
    let text = serde_json::to_string(&line).unwrap_or_default();
    // serde_json escapes U+0000–U+001F; DEL and the C1 controls are escaped here.
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Hands lines to the writer thread without ever blocking a call.
struct LineSink {
    lines: SyncSender<String>,
    dropped: AtomicU64,
}

impl ExchangeSink for LineSink {
    fn record(&self, exchange: Exchange) {
        if let Err(TrySendError::Full(_)) = self.lines.try_send(line(&exchange)) {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Writes each line as it comes and flushes it, so a reader sees it at once.
fn writer(mut out: Box<dyn Write + Send>, lines: std::sync::mpsc::Receiver<String>) {
    for line in lines {
        if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
            break;
        }
    }
}

pub async fn run(command: &RelayCommand) -> Result<ExitCode, Failure> {
    let RelayCommand::Serve(args) = command;
    let upstream = resolve_upstream(&args.upstream, &args.gateway)
        .map_err(|e| Failure::Usage(format!("--upstream: {e}")))?;
    let secret = match &args.secret_file {
        Some(path) => Some(load_secret(APP_SECRET_ENV, Some(path))?),
        None => load_secret(APP_SECRET_ENV, None).ok(),
    };
    let out: Box<dyn Write + Send> = match &args.log {
        Some(path) => Box::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| {
                    Failure::Usage(format!("--log: cannot open {}: {e}", path.display()))
                })?,
        ),
        None => Box::new(std::io::stdout()),
    };
    if !args.skip_check {
        check_upstream(&upstream)
            .await
            .map_err(|e| Failure::Network(format!("{e}; or start anyway with --skip-check")))?;
    }
    let (lines, received) = sync_channel(LINE_BUFFER);
    std::thread::spawn(move || writer(out, received));
    let sink = Arc::new(LineSink {
        lines,
        dropped: AtomicU64::new(0),
    });
    let mut config = RelayConfig::new(upstream.clone());
    config.port = args.port;
    config.secret = secret.clone();
    config.lan = args
        .lan
        .map(|bind| LanAccess::new(bind, args.allow.clone()));
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let running = relay::start(config, sink.clone(), clock)
        .await
        .map_err(|e| match e {
            RelayError::PortInUse { .. } | RelayError::Bind { .. } | RelayError::HttpClient(_) => {
                Failure::Failed(e.to_string())
            }
            other => Failure::Usage(other.to_string()),
        })?;
    eprint!(
        "{}",
        banner(&running.base_url(), &upstream, args, secret.is_some())
    );
    let stopped = tokio::signal::ctrl_c().await;
    let grace = Duration::from_secs(5);
    let _ = tokio::time::timeout(grace, running.shutdown()).await;
    let dropped = sink.dropped.load(Ordering::Relaxed);
    if dropped > 0 {
        eprintln!(
            "{dropped} exchanges were not written: they came faster than the output took them"
        );
    }
    match stopped {
        Ok(()) => {
            eprintln!("relay stopped");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(Failure::Failed(format!(
            "cannot wait for Ctrl-C ({e}); the relay was stopped"
        ))),
    }
}

/// What the user needs on start: where to point the customer's system, where calls go, whether
/// signatures are checked, where the lines go.
fn banner(base: &str, upstream: &str, args: &RelayServeArgs, has_secret: bool) -> String {
    let mut out = format!("relay listening on {base}, forwarding unchanged to {upstream}\n");
    out.push_str("point the customer's system at (its gateway URL):\n");
    for route in Route::ALL {
        out.push_str(&format!("  {base}{}\n", route.path()));
    }
    if let Some(lan) = args.lan {
        if lan.is_unspecified() {
            out.push_str(&format!(
                "(listening on every interface: give the customer's system this machine's LAN address in place of {lan})\n"
            ));
        }
        let allowed: Vec<String> = args.allow.iter().map(IpAddr::to_string).collect();
        out.push_str(&format!(
            "WARNING: listening on the LAN address {lan}: only {} (and this machine) may call, and only under the path token above; stop the relay when the joint test is over\n",
            allowed.join(", ")
        ));
    }
    if has_secret {
        out.push_str("signatures are diagnosed with the AppSecret (never written anywhere)\n");
    } else {
        out.push_str(&format!(
            "no {APP_SECRET_ENV}: recording and forwarding only (verdict `unchecked`); export it to diagnose signatures\n"
        ));
    }
    match &args.log {
        Some(path) => out.push_str(&format!(
            "one JSON line per exchange appended to {}; Ctrl-C to stop\n",
            path.display()
        )),
        None => out.push_str("one JSON line per exchange on stdout; Ctrl-C to stop\n"),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_escapes_every_control_character() {
        let exchange: Exchange = serde_json::from_value(serde_json::json!({
            "id": 7, "at": "2024-05-20T02:15:30Z", "api": "a\u{9b}b\u{1b}[2J", "http_method": "GET",
            "path": "/router/rest", "verdict": "unchecked", "diagnosis": null,
            "request": {"source": "raw_http", "http_method": "GET", "url": null, "raw_query": "",
                "params": [], "headers": [], "body": null, "content_type": null, "sent_at": null},
            "status": 200, "platform_code": null, "platform_sub_code": null, "upstream_error": null,
            "latency_ms": 3, "request_bytes": 0, "response_bytes": 10,
            "response_content_type": null, "response_body": "", "response_truncated": false
        }))
        .unwrap();
        let text = line(&exchange);
        assert!(!text.chars().any(char::is_control), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["api"], "a\u{9b}b\u{1b}[2J");
        assert_eq!(back["time"], "2024-05-20T10:15:30.000+08:00");
        assert_eq!(back["verdict"], "unchecked");
    }
}
