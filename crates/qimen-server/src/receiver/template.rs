//! The answers a user picks per API for the receiver: a success with their own business fields, a
//! business failure with their code and message, a sign-check failure, a server error, each after
//! an optional delay — in XML or JSON as the caller asked.
//!
//! The starting points are the documented Qimen response shape (`flag`, `code`, `message`, then the
//! business fields) with the id field the Qimen SDK's response class names for the order-creating
//! APIs.

use super::answer::{Answer, AnswerFormat, SIGN_CHECK_FAILURE, SIGN_CHECK_FAILURE_MESSAGE};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The template that answers every API without one of its own.
pub const ANY_API: &str = "*";
/// The longest delay a template may ask for (a caller's own timeout is usually shorter).
pub const MAX_DELAY_MS: u32 = 60_000;
/// Body text shown for a server error.
const SERVER_ERROR_BODY: &str = "Internal Server Error";

/// What a template answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum TemplateKind {
    /// `flag=success` with the template's business fields.
    Success,
    /// `flag=failure` with the template's code and message.
    BusinessFailure,
    /// `flag=failure`, `sign-check-failure` / `Illegal request`, even for a request that verified:
    /// how the caller handles a provider refusing its signature.
    SignCheckFailure,
    /// HTTP 500 with no Qimen body.
    ServerError,
}

/// The answer to one API (or to every API: [`ANY_API`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AnswerTemplate {
    /// The API (`method`) it answers, or `*`.
    pub api: String,
    pub kind: TemplateKind,
    /// The success answer when the caller asked for XML (`format` absent or `xml`).
    pub xml: String,
    /// The success answer when the caller asked for `format=json`.
    pub json: String,
    /// The business failure's code.
    pub code: String,
    /// The business failure's message.
    pub message: String,
    /// Waits this long before answering (at most [`MAX_DELAY_MS`]).
    pub delay_ms: u32,
}

/// A template that cannot be used: the field and what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct TemplateProblem {
    /// The template's API (`*` for the default one).
    pub api: String,
    /// `api`, `xml`, `json`, `code` or `delay_ms`.
    pub field: &'static str,
    pub problem: String,
}

impl AnswerTemplate {
    /// The documented shape for `api`: success, no delay, the failure fields pre-filled with an
    /// example a provider would send.
    pub fn starter(api: &str) -> AnswerTemplate {
        let id_field = created_id_field(api);
        let xml_extra = id_field
            .map(|(name, value)| format!("<{name}>{value}</{name}>"))
            .unwrap_or_default();
        let mut json = serde_json::Map::new();
        json.insert("flag".into(), "success".into());
        json.insert("code".into(), "0".into());
        json.insert("message".into(), "OK".into());
        if let Some((name, value)) = id_field {
            json.insert(name.into(), value.into());
        }
        AnswerTemplate {
            api: api.trim().to_string(),
            kind: TemplateKind::Success,
            xml: format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><flag>success</flag><code>0</code><message>OK</message>{xml_extra}</response>"
            ),
            json: serde_json::to_string_pretty(&serde_json::json!({ "response": json }))
                .unwrap_or_default(),
            code: "B001".into(),
            message: "单据已存在".into(),
            delay_ms: 0,
        }
    }

    /// Whether this template answers `api` (`*` answers any).
    pub fn answers(&self, api: Option<&str>) -> bool {
        self.api == ANY_API || api.is_some_and(|a| a == self.api)
    }

    /// The wait before answering.
    pub fn delay(&self) -> Duration {
        Duration::from_millis(u64::from(self.delay_ms.min(MAX_DELAY_MS)))
    }

    /// The answer in the format the caller asked for.
    pub fn answer(&self, format: AnswerFormat) -> Answer {
        match self.kind {
            TemplateKind::Success => {
                let body = match format {
                    AnswerFormat::Xml => &self.xml,
                    AnswerFormat::Json => &self.json,
                };
                Answer {
                    status: StatusCode::OK,
                    format,
                    body: body.clone(),
                }
            }
            TemplateKind::BusinessFailure => {
                Answer::failure(StatusCode::OK, format, &self.code, &self.message)
            }
            TemplateKind::SignCheckFailure => Answer::failure(
                StatusCode::OK,
                format,
                SIGN_CHECK_FAILURE,
                SIGN_CHECK_FAILURE_MESSAGE,
            ),
            TemplateKind::ServerError => Answer {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                format,
                body: SERVER_ERROR_BODY.into(),
            },
        }
    }

    /// Checks what the answer needs: an API name, a success body in each format that is XML or
    /// JSON as labelled, a code for a business failure, a delay within bounds.
    pub fn check(&self) -> Result<(), TemplateProblem> {
        let problem = |field: &'static str, problem: String| TemplateProblem {
            api: self.api.clone(),
            field,
            problem,
        };
        let api = self.api.trim();
        if api.is_empty() || api.chars().any(char::is_whitespace) {
            return Err(problem(
                "api",
                "give the API name the caller sends as method (e.g. taobao.qimen.entryorder.create), or * for every API".into(),
            ));
        }
        if self.delay_ms > MAX_DELAY_MS {
            return Err(problem(
                "delay_ms",
                format!("at most {MAX_DELAY_MS} ms; a longer wait only tests the caller's timeout, which is shorter"),
            ));
        }
        match self.kind {
            TemplateKind::Success => {
                if !self.xml.trim_start().starts_with('<') {
                    return Err(problem(
                        "xml",
                        "the XML answer must start with < (e.g. <response><flag>success</flag>…</response>)".into(),
                    ));
                }
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&self.json) {
                    return Err(problem(
                        "json",
                        format!(
                            "the JSON answer is not valid JSON ({e}); fix it or reset the template"
                        ),
                    ));
                }
            }
            TemplateKind::BusinessFailure if self.code.trim().is_empty() => {
                return Err(problem(
                    "code",
                    "a business failure needs the code the caller will read (e.g. B001)".into(),
                ));
            }
            _ => {}
        }
        Ok(())
    }
}

/// The id field an order-creating Qimen API answers with, as the Qimen SDK's response class names
/// it, with an example value.
fn created_id_field(api: &str) -> Option<(&'static str, &'static str)> {
    let action = api.trim().trim_start_matches("taobao.qimen.");
    match action {
        "entryorder.create" => Some(("entryOrderId", "E202412010001")),
        "deliveryorder.create" => Some(("deliveryOrderId", "D202412010001")),
        "returnorder.create" => Some(("returnOrderId", "R202412010001")),
        "stockout.create" => Some(("deliveryOrderId", "S202412010001")),
        _ => None,
    }
}

/// The template for `api` among `templates`: its own, else the `*` one.
pub fn pick<'a>(templates: &'a [AnswerTemplate], api: Option<&str>) -> Option<&'a AnswerTemplate> {
    templates
        .iter()
        .find(|t| t.api != ANY_API && t.answers(api))
        .or_else(|| templates.iter().find(|t| t.api == ANY_API))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starters_follow_the_documented_shape_and_check() {
        let t = AnswerTemplate::starter("taobao.qimen.entryorder.create");
        assert!(t
            .xml
            .contains("<flag>success</flag><code>0</code><message>OK</message><entryOrderId>"));
        let json: serde_json::Value = serde_json::from_str(&t.json).unwrap();
        assert_eq!(json["response"]["flag"], "success");
        assert_eq!(json["response"]["entryOrderId"], "E202412010001");
        t.check().unwrap();
        let plain = AnswerTemplate::starter("*");
        assert!(!plain.xml.contains("Id>"));
        plain.check().unwrap();
    }

    #[test]
    fn each_kind_answers_in_the_format_asked() {
        let mut t = AnswerTemplate::starter("x");
        assert!(t
            .answer(AnswerFormat::Xml)
            .body
            .contains("<flag>success</flag>"));
        assert!(t
            .answer(AnswerFormat::Json)
            .body
            .contains("\"flag\": \"success\""));
        t.kind = TemplateKind::BusinessFailure;
        t.code = "B001".into();
        t.message = "dup".into();
        let json: serde_json::Value =
            serde_json::from_str(&t.answer(AnswerFormat::Json).body).unwrap();
        assert_eq!(json["response"]["code"], "B001");
        assert_eq!(json["response"]["flag"], "failure");
        t.kind = TemplateKind::SignCheckFailure;
        assert!(t
            .answer(AnswerFormat::Xml)
            .body
            .contains("sign-check-failure"));
        t.kind = TemplateKind::ServerError;
        assert_eq!(
            t.answer(AnswerFormat::Xml).status,
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }

    #[test]
    fn a_broken_template_names_its_field() {
        let mut t = AnswerTemplate::starter("x");
        t.json = "{\"response\":".into();
        assert_eq!(t.check().unwrap_err().field, "json");
        let mut t = AnswerTemplate::starter("x");
        t.xml = "flag=success".into();
        assert_eq!(t.check().unwrap_err().field, "xml");
        let mut t = AnswerTemplate::starter("has space");
        assert_eq!(t.check().unwrap_err().field, "api");
        t.api = "x".into();
        t.delay_ms = MAX_DELAY_MS + 1;
        assert_eq!(t.check().unwrap_err().field, "delay_ms");
        let mut t = AnswerTemplate::starter("x");
        t.kind = TemplateKind::BusinessFailure;
        t.code = " ".into();
        assert_eq!(t.check().unwrap_err().field, "code");
    }

    #[test]
    fn an_api_of_its_own_wins_over_the_default() {
        let any = AnswerTemplate::starter(ANY_API);
        let mut own = AnswerTemplate::starter("a.b");
        own.kind = TemplateKind::ServerError;
        let templates = vec![any.clone(), own.clone()];
        assert_eq!(pick(&templates, Some("a.b")), Some(&own));
        assert_eq!(pick(&templates, Some("c.d")), Some(&any));
        assert_eq!(pick(&templates, None), Some(&any));
        assert_eq!(pick(&[own], Some("c.d")), None);
    }
}
