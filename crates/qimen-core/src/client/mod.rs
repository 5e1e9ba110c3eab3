//! Sending one prepared request over HTTP(S) and bringing back exactly what came back.
//!
//! The request is sent the way the official SDKs send it (system parameters URL-encoded in the
//! query as Java's `URLEncoder` does, business parameters as a UTF-8 form, or the signed raw body
//! untouched). The answer is read chunk by chunk under a size cap, so a runaway body never fills
//! memory, and timed (time to headers, total). Failures to talk to the server at all are
//! [`ClientError`]s with a plain cause and fix in Chinese and English; an HTTP error status is not
//! a failure here: the platform's answer is in the body and belongs to [`HttpExchange::parse`].

mod error;

pub use error::ClientError;

use crate::captured::CapturedRequest;
use crate::protocol::request::PreparedRequest;
use crate::protocol::response::{parse_response, ApiResult};
use reqwest::header::CONTENT_TYPE;
use serde::Serialize;
use std::time::{Duration, Instant};

/// The content type of a form body, spelled as the Java SDK sends it.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded;charset=UTF-8";

/// The default cap on an answer's size: far above any platform answer, far below trouble.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Which proxy to use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ProxySetting {
    /// The system's proxy settings (environment variables and the OS configuration).
    System,
    /// No proxy at all, even when the system has one (the local gateway is on this machine).
    Direct,
    /// This proxy, e.g. `http://127.0.0.1:8888` (a debugging proxy) or `socks5://…` when supported.
    Url(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientOptions {
    /// The whole exchange, from connecting to the last byte of the answer.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Answers larger than this are refused ([`ClientError::ResponseTooLarge`]).
    pub max_response_bytes: usize,
    pub proxy: ProxySetting,
    pub user_agent: String,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            proxy: ProxySetting::System,
            user_agent: format!("qimen-workbench/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// How long the exchange took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Timings {
    /// From sending to the response headers (connection, TLS and the server's work).
    pub to_headers: Duration,
    /// From sending to the last byte of the body.
    pub total: Duration,
}

/// One answer, as received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpExchange {
    /// The URL the request went to (it may hold a session: mask before showing).
    pub url: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub content_type: Option<String>,
    /// The body as text; invalid UTF-8 sequences are replaced, never an error.
    pub body: String,
    /// The body's size on the wire, in bytes.
    pub size_bytes: usize,
    /// Same as `timings.total`.
    pub elapsed: Duration,
    pub timings: Timings,
}

impl HttpExchange {
    /// The platform answer inside the body.
    pub fn parse(&self) -> ApiResult {
        parse_response(&self.body, self.content_type.as_deref())
    }
}

/// Makes *ring* the process's TLS provider, once. Every HTTPS connection the workbench opens (its own
/// calls, the gateway's forwarding, the relay) uses it: it is a fraction of the size of the default
/// provider in the shipped binary, and speaks the same TLS 1.2 / 1.3 suites the platform offers.
pub fn install_tls_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Err only means a provider is already installed, which is all this asks for.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The builder of every HTTP client: reqwest's, with the TLS provider installed first (a client built
/// without one could not be built at all).
pub fn http_client_builder() -> reqwest::ClientBuilder {
    install_tls_provider();
    reqwest::Client::builder()
}

/// A reusable HTTP client (connections are pooled between calls).
#[derive(Debug, Clone)]
pub struct HttpClient {
    inner: reqwest::Client,
    options: ClientOptions,
}

impl HttpClient {
    pub fn new(options: ClientOptions) -> Result<Self, ClientError> {
        let mut builder = http_client_builder()
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .user_agent(options.user_agent.clone())
            // Show the answer the server gave instead of silently following it elsewhere.
            .redirect(reqwest::redirect::Policy::none());
        builder = match &options.proxy {
            ProxySetting::System => builder,
            ProxySetting::Direct => builder.no_proxy(),
            ProxySetting::Url(url) => {
                let proxy =
                    reqwest::Proxy::all(url.as_str()).map_err(|e| ClientError::InvalidProxy {
                        proxy: without_credentials(url),
                        detail: error::describe(&e.without_url()),
                    })?;
                builder.proxy(proxy)
            }
        };
        let inner = builder.build().map_err(|e| ClientError::Setup {
            detail: error::describe(&e),
        })?;
        Ok(HttpClient { inner, options })
    }

    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// POSTs the request and reads the whole answer (up to the size cap).
    pub async fn send(&self, req: &PreparedRequest) -> Result<HttpExchange, ClientError> {
        let url = checked_url(&req.endpoint, &sent_url(req))?;
        let (content_type, body) = match &req.body {
            Some(raw) => (raw.content_type.clone(), raw.text.clone()),
            None => (FORM_CONTENT_TYPE.to_string(), encode_pairs(&req.form)),
        };
        self.exchange(reqwest::Method::POST, url, Some(content_type), Some(body))
            .await
    }

    /// Sends a request exactly as another system built it ("as sent"): its HTTP method, its query
    /// string and body byte for byte, its content type, to `endpoint` (the chosen environment's
    /// router) instead of the address it was captured from. Nothing is added, reordered or signed.
    pub async fn send_as_sent(
        &self,
        request: &CapturedRequest,
        endpoint: &str,
    ) -> Result<HttpExchange, ClientError> {
        let url = checked_url(endpoint, &as_sent_url(request, endpoint))?;
        let method = match request.http_method.as_str() {
            "GET" => reqwest::Method::GET,
            "POST" => reqwest::Method::POST,
            other => reqwest::Method::from_bytes(other.as_bytes()).map_err(|_| {
                ClientError::InvalidUrl {
                    url: endpoint.to_string(),
                    reason: format!("the HTTP method {other:?} cannot be sent"),
                }
            })?,
        };
        self.exchange(
            method,
            url,
            request.content_type.clone(),
            request.body.clone(),
        )
        .await
    }

    /// One exchange: sends, then reads the whole answer (up to the size cap) with timings.
    async fn exchange(
        &self,
        method: reqwest::Method,
        url: url::Url,
        content_type: Option<String>,
        body: Option<String>,
    ) -> Result<HttpExchange, ClientError> {
        let started = Instant::now();
        let mut builder = self.inner.request(method, url.clone());
        if let Some(content_type) = content_type {
            builder = builder.header(CONTENT_TYPE, content_type);
        }
        if let Some(body) = body {
            builder = builder.body(body);
        }
        let mut response = builder
            .send()
            .await
            .map_err(|e| self.transport_error(e, &url))?;
        let to_headers = started.elapsed();

        let limit = self.options.max_response_bytes;
        if response
            .content_length()
            .is_some_and(|len| len > limit as u64)
        {
            return Err(ClientError::ResponseTooLarge { limit });
        }
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_string(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());

        let mut bytes: Vec<u8> = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(e, &url))?
        {
            if bytes.len().saturating_add(chunk.len()) > limit {
                return Err(ClientError::ResponseTooLarge { limit });
            }
            bytes.extend_from_slice(&chunk);
        }
        let total = started.elapsed();
        Ok(HttpExchange {
            url: url.to_string(),
            status,
            headers,
            content_type,
            size_bytes: bytes.len(),
            body: String::from_utf8_lossy(&bytes).into_owned(),
            elapsed: total,
            timings: Timings { to_headers, total },
        })
    }

    fn transport_error(&self, e: reqwest::Error, url: &url::Url) -> ClientError {
        error::classify(e, url, &self.options)
    }
}

/// The exact URL a request is sent to: the endpoint, then the query encoded as the Java SDK's
/// `URLEncoder` does (space → `+`, UTF-8 percent-encoding for everything else outside `A-Za-z0-9*-._`).
pub fn sent_url(req: &PreparedRequest) -> String {
    let endpoint = req.endpoint.trim();
    if req.query.is_empty() {
        return endpoint.to_string();
    }
    let joiner = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{joiner}{}", encode_pairs(&req.query))
}

fn encode_pairs(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish()
}

/// The URL a captured request is replayed at: `endpoint`, then the request's own query string byte
/// for byte.
pub fn as_sent_url(request: &CapturedRequest, endpoint: &str) -> String {
    let endpoint = endpoint.trim();
    if request.raw_query.is_empty() {
        return endpoint.to_string();
    }
    let joiner = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{joiner}{}", request.raw_query)
}

/// A proxy address with any `user:password@` replaced, so it can appear in a message.
fn without_credentials(proxy: &str) -> String {
    let Some(at) = proxy.rfind('@') else {
        return proxy.to_string();
    };
    let start = proxy.find("://").map_or(0, |i| i + 3).min(at);
    format!("{}***{}", &proxy[..start], &proxy[at..])
}

/// The URL to send to, or an error naming the endpoint (never the query, which may hold a session).
fn checked_url(endpoint: &str, full: &str) -> Result<url::Url, ClientError> {
    let invalid = |reason: &str| ClientError::InvalidUrl {
        url: endpoint.to_string(),
        reason: reason.to_string(),
    };
    let url = url::Url::parse(full).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("only http:// and https:// addresses can be called"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("the address has no host name"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests;
