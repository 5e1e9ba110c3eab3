//! What the receiver tells its owner about each request: one [`ReceivedRequest`] per call, secrets
//! masked, so the command line can print it and the desktop app can list it.

use super::answer::AnswerFormat;
use super::template::TemplateKind;
use chrono::{DateTime, Utc};
use qimen_core::clock::format_gmt8;
use qimen_core::diagnose::Diagnosis;
use qimen_core::sensitive::mask;
use qimen_core::sign::spi::{SpiVerdict, TimestampProblem};
use serde::Serialize;

/// Query parameters whose values are credentials and are masked in every record.
pub const MASKED_PARAMS: [&str; 3] = ["session", "access_token", "refresh_token"];

/// Request and answer bodies are kept up to this many bytes in a record (the size is always exact).
pub const RECORDED_BODY_BYTES: usize = 256 * 1024;

/// One request the receiver answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ReceivedRequest {
    #[ts(type = "string")]
    pub received_at: DateTime<Utc>,
    /// The HTTP verb (`POST`, `GET`).
    pub http_method: String,
    /// The URL path the caller used.
    pub path: String,
    /// The `method` parameter (the API name), when sent.
    pub api_method: Option<String>,
    /// The decoded query parameters in arrival order, credentials masked.
    pub query: Vec<(String, String)>,
    /// Body size in bytes (the declared size when the body was refused for being too large).
    #[ts(type = "number")]
    pub body_bytes: usize,
    /// The request's `Content-Type`, when sent.
    pub content_type: Option<String>,
    /// The body as text (its first [`RECORDED_BODY_BYTES`]), credentials masked; none when empty
    /// or not read.
    pub body: Option<String>,
    pub verdict: ReceiptVerdict,
    /// Why the sign or the timestamp was refused, parameter by parameter (secret and credentials
    /// masked); none for a request that verified or was refused before its sign was read.
    pub diagnosis: Option<Diagnosis>,
    pub answer: SentAnswer,
}

/// What the receiver answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SentAnswer {
    pub status: u16,
    pub format: AnswerFormat,
    /// The answer's text (its first [`RECORDED_BODY_BYTES`]).
    pub body: String,
    /// The template that answered (a refusal by the receiver's own checks has none).
    pub template: Option<TemplateKind>,
    /// Time from the request read to the answer sent, the template's delay included.
    #[ts(type = "number")]
    pub took_ms: u64,
}

/// The first [`RECORDED_BODY_BYTES`] of a text, cut on a character boundary.
pub fn recorded_text(text: &str) -> String {
    if text.len() <= RECORDED_BODY_BYTES {
        return text.to_string();
    }
    let mut end = RECORDED_BODY_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// What the receiver decided, in the order it checks: size, timestamp, signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ReceiptVerdict {
    /// Verified; the canned answer was sent.
    Accepted,
    /// The body did not arrive in time or arrived broken; answered 400 with what went wrong.
    BadBody { problem: String },
    /// The body exceeded the cap; answered 413.
    BodyTooLarge {
        #[ts(type = "number")]
        limit_bytes: usize,
    },
    /// The timestamp is missing, unreadable or outside the allowed window.
    BadTimestamp { problem: TimestampProblem },
    /// No `sign` in the query.
    MissingSign,
    /// A system parameter came twice: refused before its sign is judged.
    DuplicateParameter { name: String },
    /// The sign does not verify; what the sender should have signed, secret and credentials masked.
    SignMismatch {
        provided: String,
        expected: String,
        string_to_sign_masked: String,
    },
}

impl ReceiptVerdict {
    /// The verdict's name as serialised (`accepted`, `sign_mismatch` …).
    pub fn kind(&self) -> &'static str {
        match self {
            ReceiptVerdict::Accepted => "accepted",
            ReceiptVerdict::BadBody { .. } => "bad_body",
            ReceiptVerdict::BodyTooLarge { .. } => "body_too_large",
            ReceiptVerdict::BadTimestamp { .. } => "bad_timestamp",
            ReceiptVerdict::MissingSign => "missing_sign",
            ReceiptVerdict::DuplicateParameter { .. } => "duplicate_parameter",
            ReceiptVerdict::SignMismatch { .. } => "sign_mismatch",
        }
    }

    pub fn is_accepted(&self) -> bool {
        matches!(self, ReceiptVerdict::Accepted)
    }

    /// The verdict of a signature check, with credential values masked in the signed string.
    pub fn from_sign(verdict: SpiVerdict, query: &[(String, String)]) -> ReceiptVerdict {
        match verdict {
            SpiVerdict::Valid => ReceiptVerdict::Accepted,
            SpiVerdict::MissingSign => ReceiptVerdict::MissingSign,
            SpiVerdict::DuplicateParameter { name } => ReceiptVerdict::DuplicateParameter { name },
            SpiVerdict::Mismatch {
                provided,
                expected,
                string_to_sign_masked,
            } => ReceiptVerdict::SignMismatch {
                provided,
                expected,
                string_to_sign_masked: mask_credentials_in_signed(&string_to_sign_masked, query),
            },
        }
    }
}

/// The query with credential values masked.
pub fn mask_query(query: &[(String, String)]) -> Vec<(String, String)> {
    query
        .iter()
        .map(|(k, v)| {
            if MASKED_PARAMS.contains(&k.as_str()) {
                (k.clone(), mask(v))
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

/// A signed string with each credential's `key value` pair masked (the string holds them verbatim).
fn mask_credentials_in_signed(signed: &str, query: &[(String, String)]) -> String {
    let mut out = signed.to_string();
    for (key, value) in query {
        if MASKED_PARAMS.contains(&key.as_str()) && !value.is_empty() {
            out = out.replace(&format!("{key}{value}"), &format!("{key}{}", mask(value)));
        }
    }
    out
}

impl ReceivedRequest {
    /// One readable line: time (GMT+8), verb, path, API method, size, verdict.
    pub fn summary(&self) -> String {
        let verdict = match &self.verdict {
            ReceiptVerdict::Accepted => "accepted".to_string(),
            ReceiptVerdict::BodyTooLarge { limit_bytes } => {
                format!("refused: body larger than {limit_bytes} bytes (413)")
            }
            ReceiptVerdict::BadTimestamp { problem } => format!("refused: {problem}"),
            ReceiptVerdict::BadBody { problem } => format!("refused: {problem}"),
            ReceiptVerdict::MissingSign => "refused: no sign in the query".to_string(),
            ReceiptVerdict::DuplicateParameter { name } => {
                format!("refused: the system parameter {name} is given twice")
            }
            ReceiptVerdict::SignMismatch { .. } => "refused: sign does not verify".to_string(),
        };
        format!(
            "{} {} {} method={} body={}B -> {}",
            format_gmt8(self.received_at),
            self.http_method,
            self.path,
            self.api_method.as_deref().unwrap_or("-"),
            self.body_bytes,
            verdict
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_is_masked_in_query_and_signed_string() {
        let token = "6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4";
        let query = vec![
            ("method".to_string(), "x".to_string()),
            ("session".to_string(), token.to_string()),
        ];
        let masked = mask_query(&query);
        assert_eq!(masked[1].1, "******f4");
        let verdict = ReceiptVerdict::from_sign(
            SpiVerdict::Mismatch {
                provided: "A".into(),
                expected: "B".into(),
                string_to_sign_masked: format!("******methodxsession{token}******"),
            },
            &query,
        );
        let shown = serde_json::to_string(&verdict).unwrap();
        // The token must not survive anywhere in the serialised record.
        assert!(!shown.contains(token), "{shown}");
        assert!(shown.contains("session******f4"));
    }

    #[test]
    fn kind_is_the_serialised_tag() {
        let verdicts = [
            ReceiptVerdict::Accepted,
            ReceiptVerdict::BadBody {
                problem: "x".into(),
            },
            ReceiptVerdict::BodyTooLarge { limit_bytes: 1 },
            ReceiptVerdict::BadTimestamp {
                problem: TimestampProblem::Missing,
            },
            ReceiptVerdict::MissingSign,
            ReceiptVerdict::DuplicateParameter {
                name: "sign".into(),
            },
        ];
        for verdict in verdicts {
            let value = serde_json::to_value(&verdict).unwrap();
            assert_eq!(value["kind"], verdict.kind());
        }
    }
}
