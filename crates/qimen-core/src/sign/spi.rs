//! Verifying an inbound Qimen/SPI request as the official `SpiUtils` does (domain reference §2.2),
//! so the provider receiver and `qimen spi-verify` accept exactly what a real provider accepts.
//!
//! The signed parameters are every URL query parameter (URL-decoded; `k=` counts as `k` with an
//! empty value), the headers named in the `top-sign-list` header, and the form parameters when
//! there is no body (query wins over form, as in `SpiUtils`). Only `sign` is left out: **blank
//! values are kept**, unlike on the client side. Then
//! `upper-hex(md5(secret + sorted pairs + body + secret))`, compared exactly with the query's `sign`.
//!
//! Two deliberate differences from `SpiUtils`: names in `top-sign-list` are trimmed (it would look up
//! `" b"` for `a, b`), and a future timestamp is rejected too (it only rejects old ones).

use super::explain::mask_signed_string;
use super::top::{self, BlankValues};
use super::{Params, SignMethod};
use crate::clock::parse_timestamp_param;
use crate::protocol::request::SYSTEM_PARAMS;
use chrono::{DateTime, Utc};
use percent_encoding::percent_decode_str;
use serde::Serialize;
use thiserror::Error;

/// The header listing which other headers are signed.
pub const TOP_SIGN_LIST_HEADER: &str = "top-sign-list";

/// What the verifier needs of an HTTP request; the receiver fills it from axum, the CLI from flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboundRequest {
    /// URL query parameters, already URL-decoded, in arrival order.
    pub query: Vec<(String, String)>,
    /// Headers as received (names in any case, values raw).
    pub headers: Vec<(String, String)>,
    /// `application/x-www-form-urlencoded` body parameters, decoded; signed only without `body`.
    pub form: Vec<(String, String)>,
    /// A text body (XML / JSON), signed after the pairs.
    pub body: Option<String>,
}

impl InboundRequest {
    /// A request carrying only a raw (URL-encoded) query string, with or without a leading `?`.
    pub fn from_query(raw_query: &str) -> Self {
        InboundRequest {
            query: decode_pairs(raw_query.strip_prefix('?').unwrap_or(raw_query)),
            ..InboundRequest::default()
        }
    }

    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn with_body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// Adds form parameters from a raw `application/x-www-form-urlencoded` body.
    pub fn with_form_body(mut self, raw_form: &str) -> Self {
        self.form.extend(decode_pairs(raw_form));
        self
    }

    /// A header's value; names compare case-insensitively, as HTTP says.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A parameter from the query, else the form (the servlet's `getParameter`).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .chain(self.form.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first system parameter given more than once, in the query and the form together.
    pub fn duplicated_system_param(&self) -> Option<&str> {
        let sent: Vec<&str> = self
            .query
            .iter()
            .chain(self.form.iter())
            .map(|(name, _)| name.as_str())
            .collect();
        sent.iter().enumerate().find_map(|(i, name)| {
            (SYSTEM_PARAMS.contains(name) && sent[..i].contains(name)).then_some(*name)
        })
    }

    /// The `sign` sent in the query, the only place `SpiUtils` reads it from.
    pub fn provided_sign(&self) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(n, _)| n == "sign")
            .map(|(_, v)| v.as_str())
    }

    /// The parameters the signature covers, merged as `SpiUtils` merges them: headers, then the
    /// query over them, then (without a body) form params whose names the query lacks.
    pub fn signed_params(&self) -> Params {
        let mut params = Params::new();
        if let Some(list) = self.header(TOP_SIGN_LIST_HEADER) {
            for name in list.split(',').map(|n| url_decode(n.trim())) {
                if name.is_empty() {
                    continue;
                }
                let value = self.header(&name).map(url_decode).unwrap_or_default();
                params.insert(name, value);
            }
        }
        for (key, value) in &self.query {
            params.insert(key.clone(), value.clone());
        }
        if self.body.is_none() {
            for (key, value) in &self.form {
                if !self.query.iter().any(|(q, _)| q == key) {
                    params.insert(key.clone(), value.clone());
                }
            }
        }
        params
    }
}

/// `+` as space and `%XX` escapes, like Java's `URLDecoder` (invalid UTF-8 becomes U+FFFD).
fn url_decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

fn decode_pairs(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// `S` for an inbound request: its signed pairs (blank values kept) and its body.
pub fn spi_string_to_sign(request: &InboundRequest) -> String {
    top::string_to_sign_with(
        &request.signed_params(),
        request.body.as_deref(),
        BlankValues::Keep,
    )
}

/// The sign `SpiUtils` expects for this request.
pub fn spi_sign(request: &InboundRequest, secret: &str) -> String {
    top::digest(&spi_string_to_sign(request), secret, SignMethod::Md5)
}

/// The outcome of checking an inbound request's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum SpiVerdict {
    Valid,
    /// No `sign` in the query string.
    MissingSign,
    Mismatch {
        provided: String,
        expected: String,
        /// What should have been signed, secret masked at both ends.
        string_to_sign_masked: String,
    },
    /// A system parameter (`timestamp`, `method`, `sign` …) comes more than once. `SpiUtils` signs
    /// the last value while a servlet reads the first, so a fresh unsigned `timestamp=` put in front
    /// of an old signed request would pass both checks; such a request is refused outright.
    DuplicateParameter {
        name: String,
    },
}

impl SpiVerdict {
    pub fn is_valid(&self) -> bool {
        matches!(self, SpiVerdict::Valid)
    }
}

/// Verifies `request` against the receiving app's own secret.
pub fn verify(request: &InboundRequest, secret: &str) -> SpiVerdict {
    if let Some(name) = request.duplicated_system_param() {
        return SpiVerdict::DuplicateParameter {
            name: name.to_string(),
        };
    }
    let Some(provided) = request.provided_sign() else {
        return SpiVerdict::MissingSign;
    };
    let s = spi_string_to_sign(request);
    let expected = top::digest(&s, secret, SignMethod::Md5);
    // Exact comparison, as SpiUtils does (a lower-case sign is rejected there too), in constant time.
    if crate::sensitive::constant_time_eq(provided, &expected) {
        SpiVerdict::Valid
    } else {
        SpiVerdict::Mismatch {
            provided: provided.to_string(),
            expected,
            string_to_sign_masked: mask_signed_string(&s, secret, true),
        }
    }
}

/// Why a request's `timestamp` is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, ts_rs::TS)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[ts(export)]
pub enum TimestampProblem {
    #[error("the timestamp parameter is missing; send timestamp=yyyy-MM-dd HH:mm:ss in GMT+8")]
    Missing,
    #[error(
        "the timestamp parameter {value:?} is neither yyyy-MM-dd HH:mm:ss (GMT+8) nor epoch \
         milliseconds; send it in one of those forms"
    )]
    Unparseable { value: String },
    #[error(
        "the timestamp parameter is {minutes} minutes old, more than the {max_minutes} allowed; \
         sync the sender's clock and send the current GMT+8 time"
    )]
    TooOld {
        #[ts(type = "number")]
        minutes: i64,
        #[ts(type = "number")]
        max_minutes: i64,
    },
    #[error(
        "the timestamp parameter is {minutes} minutes in the future, more than the {max_minutes} \
         allowed; sync the sender's clock and send the current GMT+8 time"
    )]
    InFuture {
        #[ts(type = "number")]
        minutes: i64,
        #[ts(type = "number")]
        max_minutes: i64,
    },
}

/// Rejects a request whose `timestamp` (query, else form) is more than `max_skew` away from
/// `now` in either direction. Minutes in the problem are rounded up, so the figure shown always
/// exceeds the limit (10 min 1 s shows as 11, not 10).
pub fn check_timestamp(
    request: &InboundRequest,
    now: DateTime<Utc>,
    max_skew: chrono::Duration,
) -> Result<(), TimestampProblem> {
    let value = request
        .param("timestamp")
        .ok_or(TimestampProblem::Missing)?;
    let sent = parse_timestamp_param(value).ok_or_else(|| TimestampProblem::Unparseable {
        value: value.to_string(),
    })?;
    let age = now - sent;
    let max_minutes = max_skew.num_minutes();
    let rounded_up = |d: chrono::Duration| (d.num_seconds() + 59).div_euclid(60);
    if age > max_skew {
        Err(TimestampProblem::TooOld {
            minutes: rounded_up(age),
            max_minutes,
        })
    } else if -age > max_skew {
        Err(TimestampProblem::InFuture {
            minutes: rounded_up(-age),
            max_minutes,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[path = "spi_tests.rs"]
mod tests;
