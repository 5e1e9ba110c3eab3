//! Turning a call into an [`Exchange`] once its answer has been passed on: the diagnosis (with the
//! secret, never kept in the record), the platform code of the answer, every token masked. The work
//! runs on the blocking pool, off the caller's path, so a slow diagnosis never delays an answer.

use super::exchange::{Exchange, ExchangeSink, UpstreamProblem, Verdict};
use super::RECORDED_BODY_BYTES;
use chrono::{DateTime, Utc};
use qimen_core::captured::CapturedRequest;
use qimen_core::diagnose::diagnose;
use qimen_core::protocol::response::parse_response;
use qimen_core::sensitive::{mask_each, tokens_in, SecretString};
use std::sync::Arc;
use std::time::Instant;

/// A call on its way: what is known before the answer.
pub(crate) struct Pending {
    pub sink: Arc<dyn ExchangeSink>,
    pub id: u64,
    pub at: DateTime<Utc>,
    pub started: Instant,
    pub path: String,
    /// As received, tokens still in clear (masked when the exchange is built).
    pub request: CapturedRequest,
    pub request_bytes: u64,
    pub secret: Option<SecretString>,
}

/// What the caller got.
#[derive(Debug, Default)]
pub(crate) struct Answered {
    /// The upstream's status; `None` when the answer is the relay's own.
    pub status: Option<u16>,
    pub content_type: Option<String>,
    /// The first [`RECORDED_BODY_BYTES`] of the body.
    pub body: Vec<u8>,
    pub total_bytes: u64,
    pub truncated: bool,
    pub problem: Option<UpstreamProblem>,
}

impl Answered {
    /// An answer the relay wrote itself (the upstream gave none).
    pub fn own(content_type: &str, body: &str, problem: UpstreamProblem) -> Answered {
        let mut answered = Answered {
            content_type: Some(content_type.to_string()),
            problem: Some(problem),
            ..Answered::default()
        };
        answered.keep(body.as_bytes());
        answered
    }

    /// Counts a chunk passed on and keeps what fits in the record.
    pub fn keep(&mut self, chunk: &[u8]) {
        self.total_bytes += chunk.len() as u64;
        let room = RECORDED_BODY_BYTES.saturating_sub(self.body.len());
        if chunk.len() > room {
            self.truncated = true;
        }
        self.body.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
}

impl Pending {
    /// Records the exchange: the latency is taken now, the rest is built on the blocking pool
    /// (or here, outside a runtime).
    pub fn finish(self, answered: Answered) {
        let latency_ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let work = move || {
            let sink = self.sink.clone();
            sink.record(self.build(answered, latency_ms));
        };
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                handle.spawn_blocking(work);
            }
            Err(_) => work(),
        }
    }

    fn build(self, answered: Answered, latency_ms: u64) -> Exchange {
        let mut request = self.request;
        request.sent_at = Some(self.at);
        let (verdict, diagnosis) = match &self.secret {
            None => (Verdict::Unchecked, None),
            Some(secret) => {
                let d = diagnose(&request, secret.expose(), self.at);
                let verdict = if d.valid {
                    Verdict::Valid
                } else {
                    Verdict::Invalid
                };
                (verdict, Some(d))
            }
        };
        let text = String::from_utf8_lossy(&answered.body).into_owned();
        let mut tokens = request.tokens();
        tokens.extend(tokens_in(&text));
        let (platform_code, platform_sub_code) = match answered.status {
            Some(_) => {
                let parsed = parse_response(&text, answered.content_type.as_deref());
                (parsed.code, parsed.sub_code)
            }
            None => (None, None),
        };
        Exchange {
            id: self.id,
            at: self.at,
            api: request.param("method").map(str::to_string),
            http_method: request.http_method.clone(),
            path: self.path,
            verdict,
            diagnosis: diagnosis.map(|d| d.masking(&tokens)),
            request: request.redacted(),
            status: answered.status,
            platform_code,
            platform_sub_code,
            upstream_error: answered.problem,
            latency_ms,
            request_bytes: self.request_bytes,
            response_bytes: answered.total_bytes,
            response_content_type: answered.content_type,
            response_body: mask_each(text, &tokens),
            response_truncated: answered.truncated,
        }
    }
}
