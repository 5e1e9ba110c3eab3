//! Reading any platform answer — TOP JSON or XML (`xxx_response` / `error_response`), Qimen standard
//! XML (`<response><flag>…`), Qimen cloud JSON (`{"response": {...}}`) — into one [`ApiResult`].

use serde::{Deserialize, Serialize};

/// Which shape of answer was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
