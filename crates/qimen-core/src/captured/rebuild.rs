//! Captured requests made from parts, and re-signed: a call from history or the console turned into
//! a reproduction, and a customer's request signed again with another account's AppKey, session and
//! secret (the "re-signed" replay), with each change listed.

use super::{CaptureSource, CapturedParam, CapturedRequest, ParamPlace};
use crate::clock::format_gmt8;
use crate::sensitive::{mask, token_param_names};
use crate::sign::{sign_top, Params, SignMethod};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `application/x-www-form-urlencoded` as the SDKs send it.
const FORM_TYPE: &str = "application/x-www-form-urlencoded;charset=utf-8";

/// One parameter's value before and after re-signing (tokens masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ParamChange {
    pub name: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What a re-signed request is signed with instead of the original's.
pub struct Resigning<'a> {
    pub app_key: &'a str,
    /// Replaces the request's session when it sent one.
    pub session: Option<&'a str>,
    pub secret: &'a str,
    pub now: DateTime<Utc>,
}

impl CapturedRequest {
    /// A POST request to `url` with its query and form pairs (encoded as the Java SDK's
    /// `URLEncoder` does) or a raw body with its content type.
    pub fn from_parts(
        url: &str,
        query: &[(String, String)],
        form: &[(String, String)],
        raw_body: Option<(&str, &str)>,
    ) -> CapturedRequest {
        let mut params = placed(query, ParamPlace::Query);
        params.extend(placed(form, ParamPlace::Form));
        let (body, content_type) = match raw_body {
            Some((content_type, text)) => (Some(text.to_string()), Some(content_type.to_string())),
            None if !form.is_empty() => (Some(encode(form)), Some(FORM_TYPE.to_string())),
            None => (None, None),
        };
        CapturedRequest {
            source: CaptureSource::Url,
            http_method: "POST".into(),
            url: Some(url.to_string()),
            raw_query: encode(query),
            params,
            headers: content_type
                .iter()
                .map(|ct| ("Content-Type".to_string(), ct.clone()))
                .collect(),
            body,
            content_type,
            sent_at: None,
        }
    }

    /// A request built from parameters and an optional raw body rather than read from a paste:
    /// what a signer has in hand (`qimen sign … --expect SIGN` checks a sign this way). Every
    /// parameter travels in the query, in name order, blank ones and `sign` included, so that a
    /// diagnosis sees all of them; the body's type is not known, so it is signed as a raw body.
    pub fn from_params(params: &Params, body: Option<&str>) -> CapturedRequest {
        let query: Vec<(String, String)> =
            params.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        CapturedRequest {
            source: CaptureSource::QueryAndBody,
            http_method: if body.is_some() { "POST" } else { "GET" }.to_string(),
            url: None,
            raw_query: encode(&query),
            params: placed(&query, ParamPlace::Query),
            headers: Vec::new(),
            body: body.map(str::to_string),
            content_type: None,
            sent_at: None,
        }
    }

    /// This request signed again for another account: its `app_key`, session (when the request
    /// sent one), a `timestamp` of now and a new `sign` with `secret`, under the request's own
    /// `sign_method`; every other parameter, where it travelled, and the body stay as sent. The
    /// changes come back with tokens masked.
    pub fn resigned(&self, with: &Resigning<'_>) -> (CapturedRequest, Vec<ParamChange>) {
        let tokens = token_param_names(self.param("method"), self.param("grant_type"));
        let mut replacements: Vec<(&str, String)> = vec![
            ("app_key", with.app_key.to_string()),
            ("timestamp", format_gmt8(with.now)),
        ];
        if self.param("session").is_some() {
            if let Some(session) = with.session {
                replacements.push(("session", session.to_string()));
            }
        }
        let mut out = self.clone();
        let mut changes = Vec::new();
        for (name, value) in replacements {
            let before = self.param(name).map(str::to_string);
            set(&mut out, name, &value);
            if before.as_deref() != Some(value.as_str()) {
                let shown = |v: &str| {
                    if tokens.contains(&name) {
                        mask(v)
                    } else {
                        v.to_string()
                    }
                };
                changes.push(ParamChange {
                    name: name.into(),
                    before: before.as_deref().map(shown),
                    after: Some(shown(&value)),
                });
            }
        }
        out.params.retain(|p| p.name != "sign");
        let method = SignMethod::from_param(out.param("sign_method"));
        let sign = sign_top(&out.params_map(), out.signed_body(), with.secret, method);
        changes.push(ParamChange {
            name: "sign".into(),
            before: self.param("sign").map(str::to_string),
            after: Some(sign.clone()),
        });
        set(&mut out, "sign", &sign);
        out.rewrite_wire();
        (out, changes)
    }

    /// The query string and a form body written again from the parameters.
    fn rewrite_wire(&mut self) {
        let pairs = |place| -> Vec<(String, String)> {
            self.params
                .iter()
                .filter(|p| p.place == place)
                .map(|p| (p.name.clone(), p.value.clone()))
                .collect()
        };
        self.raw_query = encode(&pairs(ParamPlace::Query));
        if self.body_is_form() {
            self.body = Some(encode(&pairs(ParamPlace::Form)));
        }
        for p in self.params.iter_mut() {
            p.raw = encode_value(&p.value);
        }
    }
}

/// Sets every occurrence of `name`, or adds it to the query.
fn set(request: &mut CapturedRequest, name: &str, value: &str) {
    let mut found = false;
    for p in request.params.iter_mut().filter(|p| p.name == name) {
        p.value = value.to_string();
        found = true;
    }
    if !found {
        request.params.push(CapturedParam {
            name: name.into(),
            value: value.into(),
            raw: encode_value(value),
            place: ParamPlace::Query,
        });
    }
}

fn placed(pairs: &[(String, String)], place: ParamPlace) -> Vec<CapturedParam> {
    pairs
        .iter()
        .map(|(name, value)| CapturedParam {
            name: name.clone(),
            value: value.clone(),
            raw: encode_value(value),
            place,
        })
        .collect()
}

fn encode(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish()
}

fn encode_value(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::captured::parse;
    use crate::diagnose::diagnose;

    #[test]
    fn a_resigned_request_is_valid_for_the_new_account_and_lists_what_changed() {
        let url = "http://gw.api.taobao.com/router/rest?method=taobao.item.seller.get&app_key=111&session=6201b07f4e1a0b5ZZ8ec1a&timestamp=2016-01-01+12:00:00&v=2.0&sign_method=hmac&fields=num_iid,title&sign=ABC";
        let customer = parse(url).expect("a request");
        let now = DateTime::parse_from_rfc3339("2026-12-01T05:30:00Z")
            .unwrap()
            .to_utc();
        let (mine, changes) = customer.resigned(&Resigning {
            app_key: "12345678",
            session: Some("6202ffffffffffffffffffff"),
            secret: "my-own-secret-0123456789",
            now,
        });
        assert!(diagnose(&mine, "my-own-secret-0123456789", now).valid);
        assert_eq!(mine.param("fields"), Some("num_iid,title"));
        assert_eq!(mine.param("timestamp"), Some("2026-12-01 13:30:00"));
        assert!(mine.raw_query.contains("timestamp=2026-12-01+13%3A30%3A00"));
        let names: Vec<&str> = changes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["app_key", "timestamp", "session", "sign"]);
        let session = &changes[2];
        assert!(session
            .after
            .as_deref()
            .is_some_and(|s| s.starts_with("******")));
        assert!(!format!("{changes:?}").contains("6202ffffffff"));
    }

    #[test]
    fn parts_read_like_a_pasted_request() {
        let query = vec![("method".to_string(), "taobao.time.get".to_string())];
        let form = vec![("note".to_string(), "a b&c".to_string())];
        let request =
            CapturedRequest::from_parts("http://127.0.0.1:18080/router/rest", &query, &form, None);
        assert_eq!(request.body.as_deref(), Some("note=a+b%26c"));
        assert!(request.body_is_form());
        assert_eq!(request.param("note"), Some("a b&c"));
    }
}
