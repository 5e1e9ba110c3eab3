//! What the relay records of each call: the request as received (tokens masked), the verdict on
//! its signature and the diagnosis, the platform's answer (status, code, body, tokens masked) or
//! why there is none, and the timings and sizes. Never a secret.

use chrono::{DateTime, Utc};
use qimen_core::captured::CapturedRequest;
use qimen_core::diagnose::Diagnosis;
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};

/// One call through the relay and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Exchange {
    /// 1, 2, 3… in the order calls arrived at this relay.
    pub id: u64,
    /// When the request arrived.
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// The `method` parameter (the API name), when sent.
    pub api: Option<String>,
    /// The HTTP verb as sent (`POST`, `GET`).
    pub http_method: String,
    /// The path the caller used (without the LAN path token).
    pub path: String,
    /// The request as received, every token (session…) masked.
    pub request: CapturedRequest,
    /// The signature checked with the secret: valid, invalid, or unchecked without a secret.
    pub verdict: Verdict,
    /// Why the signature checks or not, tokens masked; `None` without a secret.
    pub diagnosis: Option<Diagnosis>,
    /// The upstream's HTTP status; `None` when no answer came from the upstream.
    pub status: Option<u16>,
    /// `code` of the platform's answer (TOP `code`, Qimen `code`), when it has one.
    pub platform_code: Option<String>,
    /// `sub_code` of the platform's answer, when it has one.
    pub platform_sub_code: Option<String>,
    /// Why there is no (complete) upstream answer.
    pub upstream_error: Option<UpstreamProblem>,
    /// From the request's arrival to the last byte of the answer passed on.
    #[ts(type = "number")]
    pub latency_ms: u64,
    /// The request body's size.
    #[ts(type = "number")]
    pub request_bytes: u64,
    /// The answer body's size as passed on to the caller.
    #[ts(type = "number")]
    pub response_bytes: u64,
    /// The answer's `Content-Type`.
    pub response_content_type: Option<String>,
    /// The answer the caller got (the upstream's, or the relay's platform-shaped error), tokens
    /// masked, at most 256 KiB of it (the caller always gets all of it).
    pub response_body: String,
    /// `response_body` holds only the first 256 KiB.
    pub response_truncated: bool,
}

/// The verdict on a request's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "RelayVerdict")]
pub enum Verdict {
    /// The `sign` is the one the platform computes with the secret.
    Valid,
    /// It is not; the diagnosis says why.
    Invalid,
    /// No secret was given: recorded and forwarded only.
    Unchecked,
}

/// Why there is no upstream answer, or only part of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UpstreamProblem {
    /// Which kind of problem.
    pub kind: UpstreamProblemKind,
    /// What happened, with what to do.
    pub message: Text,
}

/// What kind of problem kept the upstream's answer from the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum UpstreamProblemKind {
    /// No connection to the upstream (refused, no route, DNS, TLS).
    Unreachable,
    /// The upstream did not answer, or did not finish answering, within the time allowed.
    TimedOut,
    /// The request body was larger than the relay forwards: refused with 413, not forwarded.
    TooLarge,
    /// Anything else: the answer broke off, the caller left, the request body was broken.
    Other,
}

impl UpstreamProblem {
    pub fn new(kind: UpstreamProblemKind, zh: impl Into<String>, en: impl Into<String>) -> Self {
        UpstreamProblem {
            kind,
            message: Text::new(zh, en),
        }
    }
}

/// Where exchanges go (the app's live list, the command line's JSON lines). Called once per
/// exchange when its answer has been passed on, off the caller's path; it must not block for long.
pub trait ExchangeSink: Send + Sync + 'static {
    fn record(&self, exchange: Exchange);
}

/// A closure is a sink.
impl<F> ExchangeSink for F
where
    F: Fn(Exchange) + Send + Sync + 'static,
{
    fn record(&self, exchange: Exchange) {
        self(exchange)
    }
}
