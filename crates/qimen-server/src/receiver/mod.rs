//! The provider side of Qimen: a local receiver that stands in for a WMS or an ERP (a 旺店通-like
//! system) so a user can see what Qimen forwards to them and whether it verifies.
//!
//! Every inbound request (any path, any verb) goes through the checks a real provider makes, in
//! this order: body size cap (413), `timestamp` within the allowed window, then the signature as the
//! official `SpiUtils` computes it ([`qimen_core::sign::spi`]). A request that passes gets the configured
//! answer of the template picked for its API ([`template`]), else the canned one; one that fails gets
//! a Qimen `flag=failure` answer naming the reason. Each request is reported as a
//! [`ReceivedRequest`] (credentials masked, the diagnosis of a refused sign) to every subscriber, so
//! the command line can print it and the desktop app can list it.

mod answer;
mod judge;
mod record;
mod template;

pub use answer::{
    Answer, AnswerFormat, BAD_BODY, BODY_TOO_LARGE, DEFAULT_SUCCESS_XML, INVALID_TIMESTAMP,
    SIGN_CHECK_FAILURE, SIGN_CHECK_FAILURE_MESSAGE,
};
pub use record::{
    mask_query, recorded_text, ReceiptVerdict, ReceivedRequest, SentAnswer, MASKED_PARAMS,
    RECORDED_BODY_BYTES,
};
pub use template::{AnswerTemplate, TemplateKind, TemplateProblem, ANY_API, MAX_DELAY_MS};

use crate::listener::{self, bind_loopback, serve, BodyProblem, ListenerLimits, Serving};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Router;
use judge::{check_templates, credentials, judge, Judged};
use qimen_core::clock::Clock;
use qimen_core::sensitive::{mask_each, SecretString};
use qimen_core::sign::spi::InboundRequest;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use thiserror::Error;
use tokio::sync::broadcast;

/// The port a receiver listens on unless told otherwise (the gateway's is 18080, the relay's 18088).
pub const DEFAULT_PORT: u16 = 19090;
/// Default body cap: 1 MiB, far above any real Qimen order message.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
/// How many records a slow subscriber may fall behind before it skips some.
const RECORD_BUFFER: usize = 256;

/// How the receiver verifies and answers.
#[derive(Debug, Clone)]
pub struct ReceiverConfig {
    /// The receiving app's own AppSecret, which Qimen signs forwarded calls with.
    pub secret: SecretString,
    /// The answer to a verified call (XML or JSON, detected from the text); `None` =
    /// [`DEFAULT_SUCCESS_XML`].
    pub response: Option<String>,
    pub max_body_bytes: usize,
    /// The largest allowed distance between the `timestamp` and this receiver's clock.
    pub max_skew: chrono::Duration,
    /// The answers per API; a verified call whose API has none (and no `*` template) gets
    /// `response`.
    pub templates: Vec<AnswerTemplate>,
}

impl ReceiverConfig {
    /// The defaults: success answer, 1 MiB cap, 10 minutes of skew (the platform's window).
    pub fn new(secret: SecretString) -> Self {
        ReceiverConfig {
            secret,
            response: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_skew: chrono::Duration::minutes(10),
            templates: Vec::new(),
        }
    }
}

/// Why the receiver could not start.
#[derive(Debug, Error)]
pub enum ReceiverError {
    #[error(
        "secret: the receiver's AppSecret is empty; set it so inbound signatures can be checked"
    )]
    MissingSecret,
    #[error("response: the canned answer is empty; give an XML or JSON body, or none for the default success answer")]
    EmptyResponse,
    #[error("templates: {0}")]
    Template(#[from] TemplateProblem),
    #[error("port {port}: cannot listen on 127.0.0.1:{port} ({source}); choose another port or stop the program using it")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
}

/// A receiver not yet bound to a port: build its [`Router`] for in-process use, or [`start`] it.
#[derive(Clone)]
pub struct Receiver {
    shared: Arc<Shared>,
}

struct Shared {
    config: ReceiverConfig,
    canned: Answer,
    templates: RwLock<Vec<AnswerTemplate>>,
    clock: Arc<dyn Clock>,
    records: broadcast::Sender<ReceivedRequest>,
}

impl Receiver {
    pub fn new(config: ReceiverConfig, clock: Arc<dyn Clock>) -> Result<Receiver, ReceiverError> {
        if config.secret.is_blank() {
            return Err(ReceiverError::MissingSecret);
        }
        let canned = match config.response.as_deref() {
            None => Answer::canned(DEFAULT_SUCCESS_XML),
            Some(text) if text.trim().is_empty() => return Err(ReceiverError::EmptyResponse),
            Some(text) => Answer::canned(text),
        };
        check_templates(&config.templates)?;
        let (records, _) = broadcast::channel(RECORD_BUFFER);
        Ok(Receiver {
            shared: Arc::new(Shared {
                templates: RwLock::new(config.templates.clone()),
                config,
                canned,
                clock,
                records,
            }),
        })
    }

    /// Records of the requests answered from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<ReceivedRequest> {
        self.shared.records.subscribe()
    }

    /// Answers from these templates from the next request on; nothing changes when one is refused.
    pub fn set_templates(&self, templates: Vec<AnswerTemplate>) -> Result<(), TemplateProblem> {
        check_templates(&templates)?;
        *self
            .shared
            .templates
            .write()
            .unwrap_or_else(|e| e.into_inner()) = templates;
        Ok(())
    }

    /// The templates answering now.
    pub fn templates(&self) -> Vec<AnswerTemplate> {
        self.shared
            .templates
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The receiver as an axum router answering every path and verb.
    pub fn router(&self) -> Router {
        Router::new()
            .fallback(receive)
            .with_state(self.shared.clone())
    }
}

/// A receiver listening on 127.0.0.1 within the listener's limits; stops when
/// [`RunningReceiver::shutdown`] is called or it is dropped.
pub struct RunningReceiver {
    pub local_addr: SocketAddr,
    receiver: Receiver,
    serving: Serving,
}

impl RunningReceiver {
    /// `http://127.0.0.1:PORT`: the address to register as the provider's URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.local_addr)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<ReceivedRequest> {
        self.receiver.subscribe()
    }

    /// The receiver itself, to change its templates while it listens.
    pub fn receiver(&self) -> &Receiver {
        &self.receiver
    }

    /// Stops accepting, lets requests in flight finish within the grace period, and waits.
    pub async fn shutdown(self) {
        self.serving.shutdown().await;
    }
}

/// Starts a receiver on `127.0.0.1:port` (0 = any free port). Loopback only: it is a test double,
/// not a service for the network.
pub async fn start(
    config: ReceiverConfig,
    clock: Arc<dyn Clock>,
    port: u16,
) -> Result<RunningReceiver, ReceiverError> {
    let receiver = Receiver::new(config, clock)?;
    let listener = bind_loopback(port)
        .await
        .map_err(|source| ReceiverError::Bind { port, source })?;
    let serving = serve(listener, receiver.router(), ListenerLimits::default())
        .map_err(|source| ReceiverError::Bind { port, source })?;
    Ok(RunningReceiver {
        local_addr: serving.addr(),
        receiver,
        serving,
    })
}

async fn receive(State(shared): State<Arc<Shared>>, request: Request) -> Answer {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let inbound = InboundRequest::from_query(parts.uri.query().unwrap_or(""));
    let mut record = ReceivedRequest {
        received_at: shared.clock.now(),
        http_method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        api_method: inbound.param("method").map(str::to_string),
        query: mask_query(&inbound.query),
        body_bytes: 0,
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body: None,
        verdict: ReceiptVerdict::Accepted,
        diagnosis: None,
        answer: SentAnswer {
            status: 0,
            format: AnswerFormat::Xml,
            body: String::new(),
            template: None,
            took_ms: 0,
        },
    };
    let format = AnswerFormat::requested(inbound.param("format"));
    let judged = match read_body(&parts.headers, body, shared.config.max_body_bytes).await {
        Err(BodyRefused::Malformed(problem)) => Judged::plain(
            Answer::failure(StatusCode::BAD_REQUEST, format, BAD_BODY, &problem),
            ReceiptVerdict::BadBody { problem },
        ),
        Err(BodyRefused::TooLarge(size)) => {
            record.body_bytes = size;
            let limit = shared.config.max_body_bytes;
            let message = format!(
                "the request body is larger than this receiver's limit of {limit} bytes; send a smaller body"
            );
            Judged::plain(
                Answer::failure(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format,
                    BODY_TOO_LARGE,
                    &message,
                ),
                ReceiptVerdict::BodyTooLarge { limit_bytes: limit },
            )
        }
        Ok(bytes) => {
            record.body_bytes = bytes.len();
            let inbound = with_body(inbound, parts.headers, &bytes);
            let tokens = credentials(&inbound);
            if !bytes.is_empty() {
                let text = String::from_utf8_lossy(&bytes);
                record.body = Some(mask_each(recorded_text(&text), &tokens));
            }
            let judged = judge(&shared, &inbound, format);
            if let Some(delay) = judged.template.as_ref().map(AnswerTemplate::delay) {
                tokio::time::sleep(delay).await;
            }
            Judged {
                diagnosis: judged.diagnosis.map(|d| d.masking(&tokens)),
                ..judged
            }
        }
    };
    record.verdict = judged.verdict;
    record.diagnosis = judged.diagnosis;
    record.answer = SentAnswer {
        status: judged.answer.status.as_u16(),
        format: judged.answer.format,
        body: recorded_text(&judged.answer.body),
        template: judged.template.map(|t| t.kind),
        took_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    };
    // Nobody listening is fine: the answer does not depend on it.
    let _ = shared.records.send(record);
    judged.answer
}

/// Why a body was not read.
enum BodyRefused {
    /// Larger than the limit: the declared size, or the limit plus one when it was not declared.
    TooLarge(usize),
    /// It did not arrive in time, or arrived broken; what went wrong.
    Malformed(String),
}

/// The body, or why it was not read.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Vec<u8>, BodyRefused> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<usize>().ok());
    if let Some(size) = declared.filter(|size| *size > limit) {
        return Err(BodyRefused::TooLarge(size));
    }
    listener::read_body(body, limit)
        .await
        .map(|b| b.to_vec())
        .map_err(|problem| match problem {
            BodyProblem::TooLarge => {
                BodyRefused::TooLarge(declared.unwrap_or(limit.saturating_add(1)))
            }
            BodyProblem::TimedOut(after) => BodyRefused::Malformed(format!(
                "the request body did not arrive within {} seconds",
                after.as_secs()
            )),
            BodyProblem::Malformed(reason) => BodyRefused::Malformed(format!(
                "the request body is malformed ({reason}); check its Content-Length or chunked encoding"
            )),
        })
}

/// Adds the headers and the body the way `SpiUtils` reads them: form parameters for a
/// url-encoded body, the text otherwise.
fn with_body(mut inbound: InboundRequest, headers: HeaderMap, bytes: &[u8]) -> InboundRequest {
    inbound.headers = headers
        .iter()
        .filter_map(|(name, value)| {
            value
                .to_str()
                .ok()
                .map(|v| (name.as_str().to_string(), v.to_string()))
        })
        .collect();
    if bytes.is_empty() {
        return inbound;
    }
    let text = String::from_utf8_lossy(bytes);
    let is_form = inbound.header("content-type").is_some_and(|ct| {
        ct.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    });
    if is_form {
        inbound.with_form_body(&text)
    } else {
        inbound.with_body(text)
    }
}
