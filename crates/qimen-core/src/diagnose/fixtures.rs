//! Captured requests for the tests, built directly: parameters in the order given, form-encoded on
//! the wire, an optional body.

use crate::captured::{CaptureSource, CapturedParam, CapturedRequest, ParamPlace};
use crate::clock::parse_gmt8;
use crate::sign::top::{self, BlankValues};
use crate::sign::{Params, SignMethod};
use chrono::{DateTime, Utc};

pub(crate) use crate::sign::vectors::{
    EXAMPLE_A_SECRET, EXAMPLE_C_BODY, EXAMPLE_C_MD5, QIMEN_SECRET,
};

/// Owned pairs from string slices.
pub(crate) fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Example A in the order a client would send it, with the given `sign_method`.
pub(crate) fn example_a(sign_method: &str) -> Vec<(String, String)> {
    pairs(&[
        ("method", "taobao.item.seller.get"),
        ("app_key", "12345678"),
        ("session", "test"),
        ("timestamp", "2016-01-01 12:00:00"),
        ("format", "json"),
        ("v", "2.0"),
        ("sign_method", sign_method),
        ("fields", "num_iid,title,nick,price,num"),
        ("num_iid", "11223344"),
    ])
}

/// Example C's query parameters in sent order.
pub(crate) fn example_c() -> Vec<(String, String)> {
    pairs(&[
        ("method", "taobao.qimen.entryorder.create"),
        ("timestamp", "2024-05-20 10:15:30"),
        ("format", "xml"),
        ("app_key", "23268761"),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("customerId", "stub-cust-code"),
    ])
}

/// The time of Example A's timestamp.
pub(crate) fn example_a_time() -> DateTime<Utc> {
    parse_gmt8("2016-01-01 12:00:00").expect("valid time")
}

/// The time of Example C's timestamp.
pub(crate) fn example_c_time() -> DateTime<Utc> {
    parse_gmt8("2024-05-20 10:15:30").expect("valid time")
}

pub(crate) fn map(list: &[(String, String)]) -> Params {
    list.iter().cloned().collect()
}

/// A request carrying `list` in its query (form-encoded on the wire) and `body` as `text/xml`
/// (or JSON when it starts with `{`).
pub(crate) fn captured(list: &[(String, String)], body: Option<&str>) -> CapturedRequest {
    let params: Vec<CapturedParam> = list
        .iter()
        .map(|(name, value)| CapturedParam {
            name: name.clone(),
            value: value.clone(),
            raw: form_urlencoded::byte_serialize(value.as_bytes()).collect(),
            place: ParamPlace::Query,
        })
        .collect();
    let raw_query = params
        .iter()
        .map(|p| format!("{}={}", p.name, p.raw))
        .collect::<Vec<_>>()
        .join("&");
    let content_type = body.map(|b| {
        if b.trim_start().starts_with('{') {
            "application/json;charset=utf-8".to_string()
        } else {
            "text/xml;charset=utf-8".to_string()
        }
    });
    CapturedRequest {
        source: CaptureSource::Url,
        http_method: if body.is_some() { "POST" } else { "GET" }.to_string(),
        url: Some("https://gw.api.taobao.com/router/rest".to_string()),
        raw_query,
        params,
        headers: Vec::new(),
        body: body.map(str::to_string),
        content_type,
        sent_at: None,
    }
}

/// `list` plus `sign=<sign>` at the end, captured.
pub(crate) fn signed_request(
    list: &[(String, String)],
    body: Option<&str>,
    sign: &str,
) -> CapturedRequest {
    let mut all = list.to_vec();
    all.push(("sign".to_string(), sign.to_string()));
    captured(&all, body)
}

/// The platform's sign of `list` (+ `body`).
pub(crate) fn rule_sign(
    list: &[(String, String)],
    body: Option<&str>,
    secret: &str,
    method: SignMethod,
) -> String {
    top::sign_top(&map(list), body, secret, method)
}

/// `S` built by hand: the pairs as given (no sorting, no dropping), then the body.
pub(crate) fn joined(list: &[(String, String)], body: Option<&str>) -> String {
    let mut s: String = list.iter().map(|(k, v)| format!("{k}{v}")).collect();
    s.push_str(body.unwrap_or_default());
    s
}

/// `list` sorted by name in ordinal order.
pub(crate) fn sorted(list: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = list.to_vec();
    out.sort();
    out
}

/// The rule's `S` with blank pairs kept.
pub(crate) fn keep_blanks_string(list: &[(String, String)], body: Option<&str>) -> String {
    top::string_to_sign_with(&map(list), body, BlankValues::Keep)
}
