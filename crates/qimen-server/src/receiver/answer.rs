//! What the receiver writes back: the configured canned answer, or a Qimen failure
//! (`flag=failure`, a code, a message) in the format the caller asked for.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The answer a provider gives when it accepted a call and has nothing more to say.
pub const DEFAULT_SUCCESS_XML: &str =
    "<response><flag>success</flag><code>0</code><message>OK</message></response>";

/// The code and message a provider answers when the signature does not verify (the convention of
/// the published receivers, domain reference §2.1).
pub const SIGN_CHECK_FAILURE: &str = "sign-check-failure";
pub const SIGN_CHECK_FAILURE_MESSAGE: &str = "Illegal request";
/// The code answered when the `timestamp` is missing, unreadable or outside the allowed window.
pub const INVALID_TIMESTAMP: &str = "invalid-timestamp";
/// The code answered when the body did not arrive in time or arrived broken.
pub const BAD_BODY: &str = "invalid-body";

/// The code answered when the body is larger than the receiver accepts.
pub const BODY_TOO_LARGE: &str = "body-too-large";

/// The text format of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum AnswerFormat {
    Xml,
    Json,
}

impl AnswerFormat {
    /// Detects the format of a canned answer from its first non-blank character.
    pub fn detect(text: &str) -> AnswerFormat {
        match text.trim_start().chars().next() {
            Some('{') | Some('[') => AnswerFormat::Json,
            _ => AnswerFormat::Xml,
        }
    }

    /// The format a caller asked for with its `format` parameter (Qimen standard defaults to xml).
    pub fn requested(format_param: Option<&str>) -> AnswerFormat {
        match format_param.map(str::trim) {
            Some(f) if f.eq_ignore_ascii_case("json") => AnswerFormat::Json,
            _ => AnswerFormat::Xml,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            AnswerFormat::Xml => "text/xml;charset=utf-8",
            AnswerFormat::Json => "application/json;charset=utf-8",
        }
    }
}

/// A body with its content type and HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: StatusCode,
    pub format: AnswerFormat,
    pub body: String,
}

impl Answer {
    /// The canned answer, its content type taken from its text.
    pub fn canned(text: &str) -> Answer {
        Answer {
            status: StatusCode::OK,
            format: AnswerFormat::detect(text),
            body: text.to_string(),
        }
    }

    /// A Qimen failure: `<response><flag>failure</flag><code>…</code><message>…</message></response>`
    /// or its JSON form `{"response": {"flag": "failure", …}}`.
    pub fn failure(status: StatusCode, format: AnswerFormat, code: &str, message: &str) -> Answer {
        let body = match format {
            AnswerFormat::Xml => format!(
                "<response><flag>failure</flag><code>{}</code><message>{}</message></response>",
                escape_xml(code),
                escape_xml(message)
            ),
            AnswerFormat::Json => serde_json::json!({
                "response": {"flag": "failure", "code": code, "message": message}
            })
            .to_string(),
        };
        Answer {
            status,
            format,
            body,
        }
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.format.content_type()),
        );
        response
    }
}

fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_json_and_xml_canned_answers() {
        assert_eq!(AnswerFormat::detect(DEFAULT_SUCCESS_XML), AnswerFormat::Xml);
        assert_eq!(
            AnswerFormat::detect("\n  {\"response\":{}}"),
            AnswerFormat::Json
        );
        assert_eq!(AnswerFormat::requested(Some("JSON")), AnswerFormat::Json);
        // Qimen standard calls default to XML when no format is sent.
        assert_eq!(AnswerFormat::requested(None), AnswerFormat::Xml);
    }

    #[test]
    fn failure_bodies_follow_the_qimen_convention() {
        let xml = Answer::failure(
            StatusCode::OK,
            AnswerFormat::Xml,
            SIGN_CHECK_FAILURE,
            SIGN_CHECK_FAILURE_MESSAGE,
        );
        assert_eq!(
            xml.body,
            "<response><flag>failure</flag><code>sign-check-failure</code><message>Illegal request</message></response>"
        );
        let json = Answer::failure(StatusCode::OK, AnswerFormat::Json, "c", "a<b");
        let value: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(value["response"]["flag"], "failure");
        // JSON needs no XML escaping; XML does.
        assert_eq!(value["response"]["message"], "a<b");
        let escaped = Answer::failure(StatusCode::OK, AnswerFormat::Xml, "c", "a<b&c");
        assert!(escaped.body.contains("a&lt;b&amp;c"));
    }
}
