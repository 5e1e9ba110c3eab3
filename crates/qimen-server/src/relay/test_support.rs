//! Shared by the relay's tests: a sink that collects exchanges, the local gateway and an echo
//! server as upstreams, and signing at the gateway's fixed time.

use super::{start_with, Exchange, ExchangeSink, RelayConfig, RunningRelay};
use crate::gateway::{self, GatewayConfig, RunningGateway};
use axum::body::Bytes;
use axum::extract::Request;
use axum::response::IntoResponse;
use axum::Router;
use qimen_core::clock::{Clock, FixedClock};
use qimen_core::sign::{sign_top, Params, SignMethod};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

pub use crate::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};

pub const NOW_GMT8: &str = "2024-05-20 10:15:30";
pub const SESSION: &str = "6201b07f4e1a0b5ZZ8ec1a2f7d63b2fe9aa";

/// Collects exchanges; [`Collect::next`] waits for the next one.
#[derive(Default)]
pub struct Collect {
    seen: Mutex<Vec<Exchange>>,
    taken: Mutex<usize>,
    arrived: Notify,
}

impl ExchangeSink for Collect {
    fn record(&self, exchange: Exchange) {
        self.seen.lock().unwrap().push(exchange);
        self.arrived.notify_one();
    }
}

impl Collect {
    /// The next exchange recorded (in the order recorded), within 10 s.
    pub async fn next(&self) -> Exchange {
        let wait = async {
            loop {
                {
                    let seen = self.seen.lock().unwrap();
                    let mut taken = self.taken.lock().unwrap();
                    if let Some(exchange) = seen.get(*taken) {
                        *taken += 1;
                        return exchange.clone();
                    }
                }
                tokio::time::timeout(Duration::from_millis(50), self.arrived.notified())
                    .await
                    .ok();
            }
        };
        tokio::time::timeout(Duration::from_secs(10), wait)
            .await
            .expect("an exchange recorded within 10 s")
    }
}

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::at_gmt8(NOW_GMT8).expect("a valid time"))
}

/// The local gateway (demo config) on a free port, at the fixed time.
pub async fn gateway(clock: Arc<FixedClock>) -> RunningGateway {
    gateway::start(GatewayConfig::demo(), clock, 0)
        .await
        .expect("the gateway starts")
}

/// A relay to `upstream` with `secret`, its exchanges in the returned sink.
pub async fn relay(
    upstream: &str,
    secret: Option<&str>,
    clock: Arc<dyn Clock>,
) -> (RunningRelay, Arc<Collect>) {
    let mut config = RelayConfig::new(upstream);
    config.secret = secret.map(Into::into);
    relay_with(config, clock, Duration::from_secs(60)).await
}

pub async fn relay_with(
    config: RelayConfig,
    clock: Arc<dyn Clock>,
    total: Duration,
) -> (RunningRelay, Arc<Collect>) {
    let sink = Arc::new(Collect::default());
    let running = start_with(config, sink.clone(), clock, total)
        .await
        .expect("the relay starts");
    (running, sink)
}

pub fn http() -> reqwest::Client {
    qimen_core::client::http_client_builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// System parameters at the fixed time, plus `extra`, signed with `secret` (md5) over `body`.
pub fn signed(
    method: &str,
    extra: &[(&str, &str)],
    body: Option<&str>,
    secret: &str,
) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = [
        ("method", method),
        ("app_key", DEMO_ERP_APP_KEY),
        ("timestamp", NOW_GMT8),
        ("v", "2.0"),
        ("sign_method", "md5"),
    ]
    .iter()
    .chain(extra.iter())
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let params: Params = pairs.iter().cloned().collect();
    pairs.push((
        "sign".into(),
        sign_top(&params, body, secret, SignMethod::Md5),
    ));
    pairs
}

/// An answer's body as JSON.
pub async fn json(answer: reqwest::Response) -> serde_json::Value {
    let text = answer.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

pub fn query(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter())
        .finish()
}

/// What the echo upstream received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// The request target exactly as received.
    pub target: String,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }
}

/// An upstream that records each request and answers a small Qimen JSON success with a custom
/// header, on a free loopback port; its base URL and what it saw.
pub async fn echo() -> (String, Arc<Mutex<Vec<Seen>>>) {
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let kept = seen.clone();
    let app = Router::new().fallback(move |request: Request| {
        let kept = kept.clone();
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 64 * 1024 * 1024).await.unwrap();
            kept.lock().unwrap().push(Seen {
                method: parts.method.to_string(),
                target: parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default(),
                headers: parts
                    .headers
                    .iter()
                    .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
                    .collect(),
                body,
            });
            (
                [
                    ("content-type", "application/json;charset=utf-8"),
                    ("x-upstream", "echo"),
                ],
                r#"{"response":{"flag":"success","code":"0","message":"ok"}}"#,
            )
                .into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (base, seen)
}

/// A port nothing listens on (bound, then released).
pub async fn closed_port() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

/// Sends `head` (request line and headers, without the blank line) and `body` over a plain TCP
/// connection, byte for byte, and returns the whole answer as text.
pub async fn raw_http(addr: std::net::SocketAddr, head: &str, body: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut request = format!(
        "{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out))
        .await
        .expect("an answer within 10 s")
        .unwrap();
    String::from_utf8_lossy(&out).into_owned()
}
