//! The relay: a customer's system → the workbench → the platform. A support engineer or a
//! merchant's IT points their system's gateway URL at the relay instead of the platform
//! (`http://127.0.0.1:PORT/router/rest`, `/router/qimen/service`, `/router/qm`, `/router/qmtest`,
//! `/top/router/qmtest`: the same paths), and sees every call it really makes.
//!
//! Each request is forwarded **unchanged** to the chosen upstream (same method, path, query string
//! byte for byte, end-to-end headers, body byte for byte) and the answer streams back unchanged,
//! status and headers included. Beside that, each exchange is recorded to an [`ExchangeSink`]: the
//! request read as [`qimen_core::captured::CapturedRequest::from_wire`] reads it, its signature diagnosed with the
//! profile's secret when one is given, the platform's code read from the answer, tokens masked
//! everywhere. The secret is used for the diagnosis only and is never stored, logged or recorded.
//!
//! When the upstream cannot be reached or is too slow, the caller gets a platform-shaped error it
//! can parse (code 15, a sub-code saying what happened, in the request's `format`, HTTP 200 as the
//! platform answers) and the exchange records why in [`Exchange::upstream_error`].
//!
//! The relay listens on 127.0.0.1 by default, through the shared listener and its limits. Listening
//! on a LAN address, for a customer's system on another machine, is an explicit choice
//! ([`LanAccess`]): a random path token must prefix every path (else 404) and only the listed client
//! addresses (and this machine) are served (else 403).
//!
//! | file | owns |
//! | --- | --- |
//! | [`exchange`] | what is recorded: [`Exchange`], [`Verdict`], [`UpstreamProblem`], [`ExchangeSink`] |
//! | `record` | building an exchange off the caller's path: diagnosis, masking, the platform code |
//! | `handler` | one call: read the body within the limit, forward, answer |
//! | `send` | the upstream request: headers kept and dropped, the HTTP client |
//! | `tee` | the answer streamed back while a capped copy is kept |
//! | `answers` | the platform-shaped refusals, through the gateway's renderer |
//! | [`upstream`] | the upstream base URL: [`resolve_upstream`], parsing, the start-up check |
//! | `lan` | the LAN guard: path token and client allow-list |
//! | [`error`] | [`RelayError`] |

mod answers;
pub mod error;
pub mod exchange;
mod handler;
mod lan;
mod record;
mod send;
mod tee;
pub mod upstream;

#[cfg(test)]
mod bytes_tests;
#[cfg(test)]
mod forward_tests;
#[cfg(test)]
mod lan_tests;
#[cfg(test)]
mod relay_tests;
#[cfg(test)]
mod test_support;

pub use answers::{SUB_FAILED, SUB_TIMED_OUT, SUB_UNREACHABLE};
pub use error::RelayError;
pub use exchange::{Exchange, ExchangeSink, UpstreamProblem, UpstreamProblemKind, Verdict};
pub use send::{CONNECT_TIMEOUT, TOTAL_TIMEOUT};
pub use upstream::{check_upstream, resolve_upstream};

use crate::listener::{
    bind_address, bind_loopback, serve_with, HostPolicy, ListenerLimits, Serving,
};
use axum::Router;
use qimen_core::clock::Clock;
use qimen_core::sensitive::SecretString;
use qimen_core::text::Text;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;
use upstream::Upstream;

/// The relay's usual port (the gateway uses 18080, the provider receiver 19090).
pub const DEFAULT_PORT: u16 = 18088;
/// The largest request body relayed, as the gateway: a larger one is refused with 413.
pub const DEFAULT_MAX_BODY_BYTES: usize = crate::gateway::MAX_BODY_BYTES;
/// The most of an answer kept in an [`Exchange`] (the caller always gets all of it).
pub const RECORDED_BODY_BYTES: usize = 256 * 1024;

/// How the relay listens and where it forwards.
#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// The port to listen on; 0 = any free port.
    pub port: u16,
    /// The upstream's base URL, `scheme://host[:port]`: each request's own path and query are kept.
    /// [`resolve_upstream`] turns `production`, `qimen-test`, `sandbox` or `local` into one.
    pub upstream: String,
    /// The AppSecret the diagnosis checks signatures with; `None` = record and forward only.
    pub secret: Option<SecretString>,
    pub limits: ListenerLimits,
    /// `None` = 127.0.0.1 only (the default); a LAN address only as the user's explicit choice.
    pub lan: Option<LanAccess>,
    /// Request bodies larger than this are refused (413, platform-shaped).
    pub max_body_bytes: usize,
}

impl RelayConfig {
    /// On 127.0.0.1, any free port, no secret, the listener's default limits, a 4 MiB body cap.
    pub fn new(upstream: impl Into<String>) -> RelayConfig {
        RelayConfig {
            port: 0,
            upstream: upstream.into(),
            secret: None,
            limits: ListenerLimits::default(),
            lan: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// Listening on a LAN address, for a customer's system on another machine. An explicit choice:
/// anyone on the network could otherwise send calls through the user's machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanAccess {
    /// The address to bind (this machine's LAN address; `0.0.0.0` for every interface).
    pub bind: IpAddr,
    /// Every path must start with `/<path_token>`; letters, digits, `-` and `_` only.
    pub path_token: String,
    /// The clients served, besides this machine itself; any other gets 403.
    pub allowed_clients: Vec<IpAddr>,
}

impl LanAccess {
    /// LAN access with a fresh random path token.
    pub fn new(bind: IpAddr, allowed_clients: Vec<IpAddr>) -> LanAccess {
        LanAccess {
            bind,
            path_token: crate::gateway::tokens::random_token(20),
            allowed_clients,
        }
    }
}

/// What every call shares.
pub(crate) struct Shared {
    pub upstream: Upstream,
    pub secret: Option<SecretString>,
    pub max_body_bytes: usize,
    pub sink: Arc<dyn ExchangeSink>,
    pub clock: Arc<dyn Clock>,
    pub client: reqwest::Client,
    pub next_id: AtomicU64,
    /// From the request's arrival to the last byte of the upstream's answer.
    pub total_timeout: Duration,
}

/// A relay serving in the background; it stops on [`RunningRelay::shutdown`] or when dropped.
#[derive(Debug)]
pub struct RunningRelay {
    serving: Serving,
    token: Option<String>,
    bind: IpAddr,
}

impl RunningRelay {
    pub fn addr(&self) -> SocketAddr {
        self.serving.addr()
    }

    /// `http://127.0.0.1:PORT`, or for LAN access `http://ADDRESS:PORT/<path_token>`: where to
    /// point the customer's system, followed by the router path (`/router/qimen/service`…).
    pub fn base_url(&self) -> String {
        let at = SocketAddr::new(self.bind, self.addr().port());
        match &self.token {
            Some(token) => format!("http://{at}/{token}"),
            None => format!("http://{at}"),
        }
    }

    /// Stops accepting, gives calls in flight the grace period of the limits, then drops the rest.
    pub async fn shutdown(self) {
        self.serving.shutdown().await;
    }
}

/// Starts the relay: checks the upstream and the LAN settings, binds, and serves until shutdown.
/// The upstream is not called here: [`check_upstream`] says whether it answers.
pub async fn start(
    config: RelayConfig,
    sink: Arc<dyn ExchangeSink>,
    clock: Arc<dyn Clock>,
) -> Result<RunningRelay, RelayError> {
    start_with(config, sink, clock, send::TOTAL_TIMEOUT).await
}

/// [`start`] with another total time allowed per call (tests).
pub(crate) async fn start_with(
    config: RelayConfig,
    sink: Arc<dyn ExchangeSink>,
    clock: Arc<dyn Clock>,
    total_timeout: Duration,
) -> Result<RunningRelay, RelayError> {
    let upstream = Upstream::parse(&config.upstream)?;
    if let Some(lan) = &config.lan {
        lan::check(lan)?;
    }
    let port = config.port;
    let bind = config.lan.as_ref().map(|l| l.bind);
    let bound = match bind {
        Some(address) => bind_address(address, port).await,
        None => bind_loopback(port).await,
    };
    let listener = bound.map_err(|e| RelayError::from_bind(port, bind, &e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| RelayError::from_bind(port, bind, &e))?;
    if upstream.is_same_listener(addr) {
        return Err(RelayError::BadUpstream {
            upstream: config.upstream.clone(),
            reason: Text::new(
                format!("这是中转自己的地址（{addr}），调用会原地打转"),
                format!(
                    "it is the relay's own address ({addr}): the calls would go round in a loop"
                ),
            ),
        });
    }
    let client = send::client(&upstream)?;
    let shared = Arc::new(Shared {
        upstream,
        secret: config.secret.filter(|s| !s.is_blank()),
        max_body_bytes: config.max_body_bytes,
        sink,
        clock,
        client,
        next_id: AtomicU64::new(0),
        total_timeout,
    });
    let mut router = Router::new()
        .fallback(handler::relay_call)
        .with_state(shared);
    let mut hosts = HostPolicy::Loopback;
    if let Some(lan) = &config.lan {
        router = lan::guard(router, lan.clone());
        hosts = HostPolicy::IpLiterals;
    }
    let serving = serve_with(listener, router, config.limits, hosts)
        .map_err(|e| RelayError::from_bind(port, bind, &e))?;
    Ok(RunningRelay {
        serving,
        token: config.lan.as_ref().map(|l| l.path_token.clone()),
        bind: bind.unwrap_or(IpAddr::from([127, 0, 0, 1])),
    })
}
