//! The request to the upstream: the caller's method, path and query string, its end-to-end
//! headers and its body, unchanged.
//!
//! - **Headers**: every end-to-end header goes on (`Content-Type`, `Accept`, `User-Agent`, the
//!   headers a provider signs through `top-sign-list`…). Not forwarded: `Host` (the upstream's own
//!   is sent), the hop-by-hop headers and any named in `Connection`, `Content-Length` (set from the
//!   same body), `Expect`, `Proxy-Authorization`, and `Accept-Encoding`: the upstream is asked for
//!   an uncompressed answer so the record can read its code (every HTTP client reads one; an
//!   upstream that compresses anyway is passed on as it is).
//! - **Client**: reqwest, no proxy for a loopback upstream and the system's proxy otherwise, no
//!   redirects followed, a 10 s connect timeout; the 60 s total is kept by the caller. reqwest's URL
//!   type re-encodes a few characters SDKs rarely send raw (`'` and bytes above 127 in a query,
//!   some characters and dot segments in a path); a plain-http request whose path or query it would
//!   change is sent directly over hyper instead, so its bytes reach the upstream as sent (an https
//!   one still goes through reqwest, re-encoded: the decoded values, and so the sign, are the same).

use super::exchange::{UpstreamProblem, UpstreamProblemKind};
use super::upstream::Upstream;
use super::RelayError;
use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, Response};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use std::time::Duration;
use tokio::net::TcpStream;

/// Connecting to the upstream must succeed within this.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The whole exchange with the upstream, from sending to the last byte of its answer.
pub const TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// An upstream answer's body, whichever client fetched it.
pub(crate) type UpstreamBody = UnsyncBoxBody<Bytes, BoxError>;

/// Headers that belong to one connection, never forwarded either way.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "proxy-authenticate",
];
/// Request headers the relay sets itself or leaves out (see the module documentation).
const NOT_FORWARDED: [&str; 5] = [
    "host",
    "content-length",
    "expect",
    "accept-encoding",
    "proxy-authorization",
];

/// The HTTP client for this upstream.
pub(crate) fn client(upstream: &Upstream) -> Result<reqwest::Client, RelayError> {
    let mut builder = qimen_core::client::http_client_builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none());
    if upstream.loopback {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| RelayError::HttpClient(describe(&e)))
}

/// The end-to-end headers of `headers`, without those named in `drop`.
pub(crate) fn end_to_end(headers: &HeaderMap, drop: &[&str]) -> HeaderMap {
    let listed: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect();
    let mut out = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let n = name.as_str();
        if HOP_BY_HOP.contains(&n) || drop.contains(&n) || listed.iter().any(|l| l == n) {
            continue;
        }
        out.append(name.clone(), value.clone());
    }
    out
}

/// Sends the call to the upstream and returns its answer's head and body (the body still to be
/// read), or why there is none.
pub(crate) async fn forward(
    client: &reqwest::Client,
    upstream: &Upstream,
    method: &Method,
    path_and_query: &str,
    headers: &HeaderMap,
    body: Bytes,
) -> Result<Response<UpstreamBody>, UpstreamProblem> {
    let headers = end_to_end(headers, &NOT_FORWARDED);
    let target = upstream.target(path_and_query);
    let url = url::Url::parse(&target).ok();
    let keeps_bytes = url
        .as_ref()
        .is_some_and(|u| &u[url::Position::BeforePath..] == path_and_query);
    match url {
        Some(url) if keeps_bytes || upstream.https => {
            let sent = client
                .request(method.clone(), url)
                .headers(headers)
                .body(body)
                .send()
                .await
                .map_err(|e| {
                    let (connect, timeout) = (e.is_connect(), e.is_timeout());
                    problem(describe(&e.without_url()), connect, timeout)
                })?;
            let (parts, body) = Response::<reqwest::Body>::from(sent).into_parts();
            Ok(Response::from_parts(
                parts,
                body.map_err(BoxError::from).boxed_unsync(),
            ))
        }
        _ => direct(upstream, method, path_and_query, headers, body).await,
    }
}

/// One request over a fresh plain-http connection, its target written exactly as received.
async fn direct(
    upstream: &Upstream,
    method: &Method,
    path_and_query: &str,
    mut headers: HeaderMap,
    body: Bytes,
) -> Result<Response<UpstreamBody>, UpstreamProblem> {
    let (host, port) = upstream.connect_to();
    let stream = tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect((host.as_str(), port)))
        .await
        .map_err(|_| problem("connect timed out".into(), false, true))?
        .map_err(|e| problem(describe(&e), true, false))?;
    let _ = stream.set_nodelay(true);
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| problem(describe(&e), true, false))?;
    tokio::spawn(connection);
    let authority = HeaderValue::from_str(&upstream.authority)
        .map_err(|e| problem(describe(&e), false, false))?;
    headers.insert(header::HOST, authority);
    let mut request = Request::builder()
        .method(method.clone())
        .uri(path_and_query)
        .body(Full::new(body))
        .map_err(|e| problem(describe(&e), false, false))?;
    *request.headers_mut() = headers;
    let answer = sender
        .send_request(request)
        .await
        .map_err(|e| problem(describe(&e), false, e.is_timeout()))?;
    let (parts, body) = answer.into_parts();
    Ok(Response::from_parts(
        parts,
        body.map_err(BoxError::from).boxed_unsync(),
    ))
}

/// The response headers passed on to the caller: every end-to-end header, `Content-Length` too.
pub(crate) fn answer_headers(headers: &HeaderMap) -> HeaderMap {
    end_to_end(headers, &[])
}

/// Why a send failed, for the caller's answer and the record. `detail` never holds a URL: the
/// caller's query may carry its session.
pub(crate) fn problem(detail: String, connect: bool, timeout: bool) -> UpstreamProblem {
    if timeout {
        UpstreamProblem::new(
            UpstreamProblemKind::TimedOut,
            format!(
                "上游在限定时间内没有应答（连接 {} 秒，全程 {} 秒）：{detail}",
                CONNECT_TIMEOUT.as_secs(),
                TOTAL_TIMEOUT.as_secs()
            ),
            format!(
                "the upstream did not answer in time (connect {} s, whole call {} s): {detail}",
                CONNECT_TIMEOUT.as_secs(),
                TOTAL_TIMEOUT.as_secs()
            ),
        )
    } else if connect {
        UpstreamProblem::new(
            UpstreamProblemKind::Unreachable,
            format!("无法连接上游：{detail}。请确认上游已启动、地址和网络无误"),
            format!("cannot connect to the upstream: {detail}. Check that it is running and the address and network are right"),
        )
    } else {
        UpstreamProblem::new(
            UpstreamProblemKind::Other,
            format!("转发到上游失败：{detail}"),
            format!("forwarding to the upstream failed: {detail}"),
        )
    }
}

/// An error and its causes on one line.
pub(crate) fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(error);
    while let Some(e) = current {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}
