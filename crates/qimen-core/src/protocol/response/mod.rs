//! Reading any platform answer — TOP JSON or XML (`xxx_response` / `error_response`), Qimen standard
//! XML (`<response><flag>…`), Qimen cloud JSON (`{"response": {...}}`) — into one [`ApiResult`].

mod xml;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Which shape of answer was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ResponseShape {
    /// `{"<name>_response": {...}}` or, with `simplify=true`, the fields at the root.
    TopJson,
    /// `<<name>_response>…</…>` / `<error_response>…`.
    TopXml,
    /// `<response><flag>success|failure</flag><code>…</code><message>…</message>…</response>`.
    QimenXml,
    /// `{"response": {"flag": …, "code": …, "message": …, "sub_code": …}}`.
    QimenCloudJson,
    /// OAuth token endpoint JSON (`access_token` …, or `error` / `error_description`).
    OAuthJson,
    /// Not a shape the platform uses; `data` holds the raw text.
    Unrecognised,
}

/// One result type for every family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ApiResult {
    pub success: bool,
    pub shape: ResponseShape,
    /// TOP `code` (numeric as text), Qimen `code`, or OAuth `error`.
    pub code: Option<String>,
    /// TOP `msg`, Qimen `message`, or OAuth `error_description`.
    pub message: Option<String>,
    pub sub_code: Option<String>,
    /// TOP `sub_msg` or Qimen `sub_message`.
    pub sub_message: Option<String>,
    /// Qimen `flag` (`success` / `failure`).
    pub flag: Option<String>,
    pub request_id: Option<String>,
    /// The wrapper name, e.g. `trades_sold_get_response`, when there is one.
    pub wrapper: Option<String>,
    /// The business payload as JSON (XML converted element by element), wrapper removed.
    pub data: serde_json::Value,
}

/// The wrapper name of a TOP answer for a method, as the official Node SDK derives it
/// (`getApiResponseName`): a leading `taobao.` removed, dots turned into `_`, then `_response`.
/// `taobao.trades.sold.get` → `trades_sold_get_response`.
pub fn api_response_name(method: &str) -> String {
    let method = method.trim();
    let bare = method.strip_prefix("taobao.").unwrap_or(method);
    format!("{}_response", bare.replace('.', "_"))
}

/// Reads any answer of the platform into an [`ApiResult`]. Never fails and never panics: a body in
/// no known shape (an HTML error page, an empty body, a proxy's message) comes back as
/// [`ResponseShape::Unrecognised`] with the raw text in `data`.
///
/// The body decides the format; `content_type` only says which one to try first.
pub fn parse_response(body: &str, content_type: Option<&str>) -> ApiResult {
    let text = body.trim_start_matches('\u{feff}').trim();
    let says_xml = content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("xml"));
    let as_json = || text.starts_with('{').then(|| from_json(text)).flatten();
    let as_xml = || text.starts_with('<').then(|| from_xml(text)).flatten();
    let parsed = if says_xml {
        as_xml().or_else(as_json)
    } else {
        as_json().or_else(as_xml)
    };
    parsed.unwrap_or_else(|| ApiResult::unrecognised(body))
}

impl ApiResult {
    /// A body in no known shape; `data` holds it as a JSON string.
    pub fn unrecognised(body: &str) -> ApiResult {
        ApiResult::empty(
            ResponseShape::Unrecognised,
            false,
            Value::String(body.to_string()),
        )
    }

    fn empty(shape: ResponseShape, success: bool, data: Value) -> ApiResult {
        ApiResult {
            success,
            shape,
            code: None,
            message: None,
            sub_code: None,
            sub_message: None,
            flag: None,
            request_id: None,
            wrapper: None,
            data,
        }
    }
}

fn from_json(text: &str) -> Option<ApiResult> {
    let Value::Object(mut root) = serde_json::from_str::<Value>(text).ok()? else {
        return None;
    };
    if let Some(Value::Object(inner)) = root.get("error_response") {
        return Some(top_error(ResponseShape::TopJson, inner.clone()));
    }
    if root.len() == 1 {
        if let Some(Value::Object(inner)) = root.remove("response") {
            return Some(qimen_cloud(inner, Some("response")));
        }
    }
    if root.contains_key("access_token") || root.get("error").is_some_and(Value::is_string) {
        return Some(oauth(root));
    }
    let wrapper = root
        .iter()
        .find(|(key, value)| key.ends_with("_response") && value.is_object())
        .map(|(key, _)| key.clone());
    if let Some(wrapper) = wrapper {
        let inner = root.remove(&wrapper).unwrap_or(Value::Null);
        return Some(top_success(ResponseShape::TopJson, Some(wrapper), inner));
    }
    if root.get("flag").is_some_and(Value::is_string) {
        // A Qimen cloud answer read with simplify=true but without its `response` key.
        return Some(qimen_cloud(root, None));
    }
    if root.contains_key("request_id") {
        // TOP with simplify=true: the fields are at the root.
        return Some(top_success(
            ResponseShape::TopJson,
            None,
            Value::Object(root),
        ));
    }
    None
}

fn from_xml(text: &str) -> Option<ApiResult> {
    let (root, data) = xml::xml_to_json(text)?;
    let fields = match &data {
        Value::Object(fields) => fields.clone(),
        _ => Map::new(),
    };
    if root == "error_response" {
        let mut result = top_error(ResponseShape::TopXml, fields);
        result.data = data;
        return Some(result);
    }
    if root == "response" {
        return Some(qimen_xml(fields, data));
    }
    if root.ends_with("_response") {
        return Some(top_success(ResponseShape::TopXml, Some(root), data));
    }
    None
}

/// `{code, msg, sub_code, sub_msg, request_id}`; `code` may be a number or a string.
fn top_error(shape: ResponseShape, inner: Map<String, Value>) -> ApiResult {
    let mut result = ApiResult::empty(shape, false, Value::Null);
    result.code = field(&inner, &["code"]);
    result.message = field(&inner, &["msg", "message"]);
    result.sub_code = field(&inner, &["sub_code"]);
    result.sub_message = field(&inner, &["sub_msg", "sub_message"]);
    result.request_id = field(&inner, &["request_id"]);
    result.wrapper = Some("error_response".to_string());
    result.data = Value::Object(inner);
    result
}

fn top_success(shape: ResponseShape, wrapper: Option<String>, inner: Value) -> ApiResult {
    let mut result = ApiResult::empty(shape, true, Value::Null);
    if let Value::Object(fields) = &inner {
        result.request_id = field(fields, &["request_id"]);
    }
    result.wrapper = wrapper;
    result.data = inner;
    result
}

/// `<response><flag>…</flag><code>…</code><message>…</message>…</response>`: success iff
/// `flag` is `success`.
fn qimen_xml(fields: Map<String, Value>, data: Value) -> ApiResult {
    let flag = field(&fields, &["flag"]);
    let success = flag
        .as_deref()
        .is_some_and(|f| f.eq_ignore_ascii_case("success"));
    let mut result = ApiResult::empty(ResponseShape::QimenXml, success, data);
    result.code = field(&fields, &["code"]);
    result.message = field(&fields, &["message", "msg"]);
    result.sub_code = field(&fields, &["sub_code", "subCode"]);
    result.sub_message = field(&fields, &["sub_message", "sub_msg", "subMessage"]);
    result.request_id = field(&fields, &["request_id", "requestId"]);
    result.flag = flag;
    result.wrapper = Some("response".to_string());
    result
}

/// Qimen cloud, as `QimenCloudResponse.isSuccess()` decides: no flag or `success`, code empty or
/// `0`, and no sub_code.
fn qimen_cloud(inner: Map<String, Value>, wrapper: Option<&str>) -> ApiResult {
    let flag = field(&inner, &["flag"]);
    let code = field(&inner, &["code"]);
    let sub_code = field(&inner, &["sub_code"]);
    let success = flag
        .as_deref()
        .is_none_or(|f| f.eq_ignore_ascii_case("success"))
        && code.as_deref().is_none_or(|c| c == "0")
        && sub_code.is_none();
    let mut result = ApiResult::empty(ResponseShape::QimenCloudJson, success, Value::Null);
    result.message = field(&inner, &["message", "msg"]);
    result.sub_message = field(&inner, &["sub_message", "sub_msg"]);
    result.request_id = field(&inner, &["request_id"]);
    result.flag = flag;
    result.code = code;
    result.sub_code = sub_code;
    result.wrapper = wrapper.map(str::to_string);
    result.data = Value::Object(inner);
    result
}

/// The token endpoint: `access_token` … on success, `error` / `error_description` on failure.
fn oauth(root: Map<String, Value>) -> ApiResult {
    let error = field(&root, &["error"]);
    let success = error.is_none() && field(&root, &["access_token"]).is_some();
    let mut result = ApiResult::empty(ResponseShape::OAuthJson, success, Value::Null);
    result.message = field(&root, &["error_description"]);
    result.code = error;
    result.request_id = field(&root, &["request_id"]);
    result.data = Value::Object(root);
    result
}

/// The first of `names` present as text (numbers and booleans written out); blank counts as absent.
fn field(map: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        let text = match map.get(*name)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    })
}

#[cfg(test)]
mod tests;
