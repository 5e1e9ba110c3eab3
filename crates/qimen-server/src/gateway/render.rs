//! Writing answers in the platform's shapes: TOP `{"<name>_response": …}` / `error_response` in JSON
//! or XML, and the Qimen `response` with `flag` / `code` / `message` (XML for the standard APIs, JSON
//! for Qimen cloud when asked). The APIs return plain JSON fields; this module alone decides the wire
//! shape, so every API answers like the platform in every format.

use super::api_contract::{ApiFamily, PlatformError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use qimen_core::protocol::response::api_response_name;
use quick_xml::escape::escape;
use serde_json::{Map, Value};

/// The `format` parameter's two values; the platform's default is xml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// Reads `format`: absent or blank = xml (the documented default); `json2` / `xml2` are the
    /// Java SDK's Qimen2 spellings of the same formats. `None` for anything else (code 23).
    pub fn from_param(value: Option<&str>) -> Option<Format> {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("xml") | Some("xml2") => Some(Format::Xml),
            Some("json") | Some("json2") => Some(Format::Json),
            _ => None,
        }
    }
}

/// A rendered answer, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: String,
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        (
            self.status,
            [(axum::http::header::CONTENT_TYPE, self.content_type)],
            self.body,
        )
            .into_response()
    }
}

const JSON_TYPE: &str = "application/json;charset=utf-8";
const XML_TYPE: &str = "text/xml;charset=utf-8";
const XML_DECL: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

/// The root's fields in the order the platform writes them (JSON objects are unordered, but XML
/// readers see the order: `flag`, `code`, `message` first, `request_id` last).
type Entries = Vec<(String, Value)>;

/// A successful answer of `family`.
pub fn success(
    family: ApiFamily,
    format: Format,
    method: &str,
    simplify: bool,
    fields: Map<String, Value>,
    request_id: &str,
) -> Answer {
    match family {
        ApiFamily::Top => {
            let mut entries: Entries = fields
                .into_iter()
                .filter(|(k, _)| k != "request_id")
                .collect();
            entries.push(("request_id".into(), Value::from(request_id)));
            let name = api_response_name(method);
            match format {
                Format::Json if simplify => json_answer(None, entries),
                Format::Json => json_answer(Some(&name), entries),
                Format::Xml => xml_answer(&name, &entries),
            }
        }
        ApiFamily::QimenStandard | ApiFamily::QimenCloud => {
            let mut entries: Entries = vec![
                ("flag".into(), Value::from("success")),
                ("code".into(), Value::from("0")),
                ("message".into(), Value::from("成功")),
            ];
            entries.extend(fields.into_iter().filter(|(k, _)| {
                !matches!(k.as_str(), "flag" | "code" | "message" | "request_id")
            }));
            entries.push(("request_id".into(), Value::from(request_id)));
            qimen_answer(format, entries)
        }
    }
}

/// A failed answer of `family`: `error_response` for TOP, `flag=failure` for Qimen.
pub fn failure(
    family: ApiFamily,
    format: Format,
    error: &PlatformError,
    request_id: &str,
) -> Answer {
    let optional = |key: &str, value: &Option<String>| {
        value
            .as_ref()
            .map(|v| (key.to_string(), Value::from(v.as_str())))
    };
    match family {
        ApiFamily::Top => {
            // The platform sends the numeric codes as JSON numbers.
            let code = error
                .code
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::from(error.code.as_str()));
            let mut entries: Entries = vec![
                ("code".into(), code),
                ("msg".into(), Value::from(error.msg.as_str())),
            ];
            entries.extend(optional("sub_code", &error.sub_code));
            entries.extend(optional("sub_msg", &error.sub_msg));
            entries.push(("request_id".into(), Value::from(request_id)));
            match format {
                Format::Json => json_answer(Some("error_response"), entries),
                Format::Xml => xml_answer("error_response", &entries),
            }
        }
        ApiFamily::QimenStandard | ApiFamily::QimenCloud => {
            let mut entries: Entries = vec![
                ("flag".into(), Value::from("failure")),
                ("code".into(), Value::from(error.code.as_str())),
                ("message".into(), Value::from(error.msg.as_str())),
            ];
            entries.extend(optional("sub_code", &error.sub_code));
            entries.extend(optional("sub_message", &error.sub_msg));
            entries.push(("request_id".into(), Value::from(request_id)));
            qimen_answer(format, entries)
        }
    }
}

fn qimen_answer(format: Format, entries: Entries) -> Answer {
    match format {
        Format::Json => json_answer(Some("response"), entries),
        Format::Xml => xml_answer("response", &entries),
    }
}

/// `{"<root>": {…}}`, or the fields themselves when there is no root (simplify).
fn json_answer(root: Option<&str>, entries: Entries) -> Answer {
    let fields: Map<String, Value> = entries.into_iter().collect();
    let value = match root {
        Some(name) => {
            let mut outer = Map::new();
            outer.insert(name.to_string(), Value::Object(fields));
            Value::Object(outer)
        }
        None => Value::Object(fields),
    };
    Answer {
        status: StatusCode::OK,
        content_type: JSON_TYPE,
        body: value.to_string(),
    }
}

fn xml_answer(root: &str, entries: &Entries) -> Answer {
    let name = element_name(root);
    let mut out = format!("{XML_DECL}<{name}>");
    for (k, v) in entries {
        write_element(&mut out, k, v);
    }
    out.push_str(&format!("</{name}>"));
    Answer {
        status: StatusCode::OK,
        content_type: XML_TYPE,
        body: out,
    }
}

/// Renders JSON as XML the way the platform's XML answers look: an object's fields as child
/// elements, an array as the same element repeated, scalars as escaped text, nulls left out.
pub fn write_element(out: &mut String, name: &str, value: &Value) {
    let name = element_name(name);
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                write_element(out, &name, item);
            }
        }
        Value::Object(map) => {
            out.push('<');
            out.push_str(&name);
            out.push('>');
            for (k, v) in map {
                write_element(out, k, v);
            }
            out.push_str("</");
            out.push_str(&name);
            out.push('>');
        }
        Value::String(s) => scalar(out, &name, s),
        Value::Bool(b) => scalar(out, &name, &b.to_string()),
        Value::Number(n) => scalar(out, &name, &n.to_string()),
    }
}

fn scalar(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    out.push_str(&escape(text));
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// A JSON key as a well-formed XML element name (characters XML forbids become `_`).
fn element_name(key: &str) -> String {
    let mut name: String = key
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        name.insert(0, '_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn top_success_wraps_in_the_response_name() {
        let a = success(
            ApiFamily::Top,
            Format::Json,
            "taobao.time.get",
            false,
            fields(json!({"time": "2024-05-20 10:15:30"})),
            "rid1",
        );
        let v: Value = serde_json::from_str(&a.body).unwrap();
        assert_eq!(v["time_get_response"]["time"], "2024-05-20 10:15:30");
        assert_eq!(v["time_get_response"]["request_id"], "rid1");
    }

    #[test]
    fn simplify_puts_fields_at_the_root() {
        let a = success(
            ApiFamily::Top,
            Format::Json,
            "taobao.time.get",
            true,
            fields(json!({"time": "t"})),
            "r",
        );
        let v: Value = serde_json::from_str(&a.body).unwrap();
        assert_eq!(v["time"], "t");
    }

    #[test]
    fn xml_repeats_array_elements_and_escapes_text() {
        let a = success(
            ApiFamily::Top,
            Format::Xml,
            "taobao.trades.sold.get",
            false,
            fields(json!({"trades": {"trade": [{"tid": 1}, {"tid": 2}]}, "note": "a<b & c"})),
            "r",
        );
        assert!(a.body.starts_with(XML_DECL));
        assert!(a.body.contains("<trades_sold_get_response>"));
        assert!(a.body.contains("<note>a&lt;b &amp; c</note>"));
        // One <trade> element per array item, inside the object's <trades>.
        assert!(a
            .body
            .contains("<trades><trade><tid>1</tid></trade><trade><tid>2</tid></trade></trades>"));
    }

    #[test]
    fn top_errors_use_numeric_codes_in_json() {
        let e = super::super::codes::TopCode::InvalidSession.with_sub("invalid-sessionkey", "x");
        let a = failure(ApiFamily::Top, Format::Json, &e, "r");
        let v: Value = serde_json::from_str(&a.body).unwrap();
        // A number, not the string "27": the SDKs' error parsers read it as an integer.
        assert_eq!(v["error_response"]["code"], json!(27));
        assert_eq!(v["error_response"]["sub_code"], "invalid-sessionkey");
    }

    #[test]
    fn qimen_failures_carry_flag_code_and_message() {
        let e = super::super::codes::TopCode::InvalidSignature.error();
        let xml = failure(ApiFamily::QimenStandard, Format::Xml, &e, "r").body;
        assert!(xml.contains(
            "<response><flag>failure</flag><code>25</code><message>Invalid Signature</message>"
        ));
        let json = failure(ApiFamily::QimenCloud, Format::Json, &e, "r").body;
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["response"]["flag"], "failure");
        assert_eq!(v["response"]["code"], "25");
    }

    #[test]
    fn format_defaults_to_xml_and_rejects_others() {
        assert_eq!(Format::from_param(None), Some(Format::Xml));
        assert_eq!(Format::from_param(Some("JSON")), Some(Format::Json));
        assert_eq!(Format::from_param(Some("yaml")), None);
    }
}
