//! A request as another system sent it: a customer's ERP plugin, a WMS, a script on an official SDK.
//!
//! The workbench builds its own calls with [`crate::call`]; a captured request is the opposite, read
//! from what a support engineer has in hand (a URL from a log, a curl line, a raw HTTP dump, a query
//! string plus a body, an SDK log line) and kept exactly as sent, so that it can be diagnosed
//! ([`crate::diagnose`]) and replayed byte for byte.
//!
//! [`parse`] reads the text; the types here are what every reader produces.

mod parse;
mod rebuild;
mod redact;

pub use parse::{parse, CaptureProblem, ProblemKind, TextPosition, MAX_PASTE_BYTES};
pub use rebuild::{ParamChange, Resigning};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::protocol::ApiFamily;
use crate::sign::Params;

/// Where a parameter travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ParamPlace {
    /// In the URL's query string.
    Query,
    /// In an `application/x-www-form-urlencoded` body.
    Form,
}

/// The kind of text a request was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CaptureSource {
    Url,
    Curl,
    RawHttp,
    QueryAndBody,
    SdkLog,
}

/// One parameter, decoded and as it was on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CapturedParam {
    pub name: String,
    /// The value after percent-decoding (`+` as a space in a form body).
    pub value: String,
    /// The value exactly as it appeared on the wire, still encoded.
    pub raw: String,
    pub place: ParamPlace,
}

/// A request exactly as it was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CapturedRequest {
    pub source: CaptureSource,
    /// `GET` or `POST` (upper case), as sent.
    pub http_method: String,
    /// `scheme://host[:port]/path` without the query; `None` when only a query string was given.
    pub url: Option<String>,
    /// The query string as sent (no leading `?`), byte for byte; empty when there was none.
    pub raw_query: String,
    /// Every parameter in the order it was sent: the query's first, then the form body's.
    /// A repeated name appears once per occurrence.
    pub params: Vec<CapturedParam>,
    /// Request headers as sent (name as written, value trimmed), in order.
    pub headers: Vec<(String, String)>,
    /// The body as sent, byte for byte (a form body too); `None` when there was none.
    pub body: Option<String>,
    /// The body's `Content-Type`, when one was given.
    pub content_type: Option<String>,
    /// When the request was sent, from a `Date` header or the log line's time; `None` when the
    /// input does not say.
    #[ts(type = "string | null")]
    pub sent_at: Option<DateTime<Utc>>,
}

impl CapturedRequest {
    /// The first value of a parameter, wherever it travelled.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.as_str())
    }

    /// Names sent more than once, each once, in order of first appearance.
    pub fn repeated_names(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        let mut repeated: Vec<&str> = Vec::new();
        for p in &self.params {
            if seen.contains(&p.name.as_str()) {
                if !repeated.contains(&p.name.as_str()) {
                    repeated.push(&p.name);
                }
            } else {
                seen.push(&p.name);
            }
        }
        repeated
    }

    /// The parameters by name, as a signer sees them: for a repeated name the last value wins,
    /// as it does in the SDKs' maps.
    pub fn params_map(&self) -> Params {
        self.params
            .iter()
            .map(|p| (p.name.clone(), p.value.clone()))
            .collect()
    }

    /// Whether the body is a form of parameters rather than a raw (Qimen XML/JSON) body. A body
    /// that is XML or JSON is raw whatever its declared type: curl's `-d '<request>…'` declares a
    /// form by default, and the router reads (and signs) such a body as it is.
    pub fn body_is_form(&self) -> bool {
        let declared = self
            .content_type
            .as_deref()
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("x-www-form-urlencoded"));
        let looks_raw = self
            .body
            .as_deref()
            .and_then(|b| b.trim_start_matches('\u{feff}').trim_start().chars().next())
            .is_some_and(|c| matches!(c, '<' | '{' | '['));
        declared && !looks_raw
    }

    /// The body the platform signs: a raw body (not a form), when there is one.
    pub fn signed_body(&self) -> Option<&str> {
        if self.body_is_form() {
            None
        } else {
            self.body.as_deref().filter(|b| !b.is_empty())
        }
    }

    /// The API family the request belongs to: by the router path it was sent to (`/router/rest`,
    /// `/router/qimen/service`, `/router/qm` or a `…/qmtest` joint-test router), else by its
    /// `method`. A replay goes to the chosen environment's router of this family.
    pub fn family(&self) -> ApiFamily {
        let path = self
            .url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok())
            .map(|u| u.path().trim_end_matches('/').to_string())
            .unwrap_or_default();
        if path.ends_with("/router/rest") {
            ApiFamily::Top
        } else if path.ends_with("/router/qimen/service") {
            ApiFamily::QimenStandard
        } else if path.ends_with("/router/qm") || path.ends_with("/qmtest") {
            ApiFamily::QimenCloud
        } else {
            ApiFamily::for_method(self.param("method").unwrap_or_default())
        }
    }

    /// A header's value by name, ignoring case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_gmt8;
    use crate::diagnose::{diagnose, CauseId};
    use crate::sign::vectors::{
        example_a, example_c, EXAMPLE_A_SECRET, EXAMPLE_C_BODY, QIMEN_SECRET,
    };
    use crate::sign::{sign_top, SignMethod};

    #[test]
    fn from_params_encodes_values_like_the_java_sdk() {
        let params: Params = [("nick", "旺店 通"), ("a", "x=y&z")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let request = CapturedRequest::from_params(&params, None);
        assert_eq!(
            request.raw_query,
            "a=x%3Dy%26z&nick=%E6%97%BA%E5%BA%97+%E9%80%9A"
        );
        assert_eq!(request.param("nick"), Some("旺店 通"));
        assert_eq!(request.http_method, "GET");
        assert_eq!(request.signed_body(), None);
    }

    #[test]
    fn the_family_follows_the_router_path_then_the_method() {
        let at = |url: &str| {
            CapturedRequest::from_parts(
                url,
                &[(
                    "method".to_string(),
                    "taobao.qimen.entryorder.create".to_string(),
                )],
                &[],
                None,
            )
            .family()
        };
        assert_eq!(at("http://127.0.0.1:18080/router/rest"), ApiFamily::Top);
        assert_eq!(
            at("http://qimen.api.taobao.com/router/qimen/service"),
            ApiFamily::QimenStandard
        );
        assert_eq!(
            at("https://hu3cgwt0tc.api.taobao.com/router/qmtest/"),
            ApiFamily::QimenCloud
        );
        // An address that names no router: the method decides.
        assert_eq!(at("http://10.0.0.5:8080/proxy"), ApiFamily::QimenStandard);
    }

    #[test]
    fn from_params_diagnoses_the_public_vectors() {
        let now = parse_gmt8("2016-01-01 12:00:00").unwrap();
        let mut a = example_a("md5");
        a.insert("sign".into(), "66987CB115214E59E6EC978214934FB8".into());
        let d = diagnose(
            &CapturedRequest::from_params(&a, None),
            EXAMPLE_A_SECRET,
            now,
        );
        assert!(d.valid && d.causes.is_empty(), "{d:?}");

        // Example C's sign computed without its body: the body is signed raw, so the cause is found.
        let mut c = example_c();
        let without_body = sign_top(&c, None, QIMEN_SECRET, SignMethod::Md5);
        c.insert("sign".into(), without_body);
        let request = CapturedRequest::from_params(&c, Some(EXAMPLE_C_BODY));
        assert_eq!(request.http_method, "POST");
        let d = diagnose(&request, QIMEN_SECRET, now);
        assert!(!d.valid);
        assert!(
            d.causes.iter().any(|c| c.id == CauseId::BodyNotSigned),
            "{d:?}"
        );
    }
}
