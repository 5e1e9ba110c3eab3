//! The test console's API catalogue, as data: which APIs a user can pick, what each one does in
//! Chinese and English, and a form for its parameters with example values that work against the
//! local gateway's demo account as they are.
//!
//! The data lives in `data/api_docs.toml` (embedded at build time) so that a person can read and
//! correct an entry without reading code. It is parsed and checked once, at first use
//! ([`catalogue`]): a half-written entry (a missing English title, an example that is not a number
//! for an integer parameter, an XML body that does not parse) is an error naming the API and the
//! field, never a form that misleads.
//!
//! Datetime examples cannot be fixed text: 旺店通 answers a window of at most 30 days and the demo
//! data moves with the clock. Such parameters carry `offset_hours` instead (`-72` = three days ago)
//! and [`catalogue_at`] writes the example as `yyyy-MM-dd HH:mm:ss` (GMT+8) for the moment asked.

mod validate;

use chrono::{DateTime, Duration, Utc};
use qimen_core::clock::format_gmt8;
use qimen_core::platform::{TOKEN_CREATE, TOKEN_REFRESH};
use qimen_core::protocol::ApiFamily;
use qimen_core::sign::WdtFlavour;
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use thiserror::Error;
use ts_rs::TS;

pub use validate::validate;

/// The embedded data file.
pub const API_DOCS_TOML: &str = include_str!("../../data/api_docs.toml");

/// The type of a parameter, which decides the form control and how an entry is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ParamKind {
    String,
    /// Whole number, written in decimal.
    Integer,
    /// `yyyy-MM-dd HH:mm:ss`, Beijing time (GMT+8).
    Datetime,
    /// A JSON object or array, sent as text.
    Json,
    /// `true` or `false`.
    Boolean,
    /// One of `allowed`.
    Enum,
}

/// One business parameter of an API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ParamDoc {
    pub name: String,
    pub kind: ParamKind,
    pub required: bool,
    pub description: Text,
    /// A value that works against the local gateway's demo data. For a datetime parameter with
    /// `offset_hours` it is filled by [`catalogue_at`].
    #[serde(default)]
    pub example: Option<String>,
    /// The values an enum accepts.
    #[serde(default)]
    pub allowed: Vec<String>,
    /// Datetime only: the example is "now plus this many hours" (negative = in the past).
    #[serde(default)]
    pub offset_hours: Option<i32>,
}

/// One API of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ApiDoc {
    /// The method as callers send it.
    pub name: String,
    /// Other names the same API is sent under (`entryorder.create` for
    /// `taobao.qimen.entryorder.create`).
    pub aliases: Vec<String>,
    pub family: ApiFamily,
    pub title: Text,
    pub description: Text,
    /// The call must carry the OAuth access token (`session`).
    pub needs_session: bool,
    /// The provider's AppKey for Qimen cloud / custom APIs (旺店通: `21363512`).
    pub target_app_key: Option<String>,
    /// The 旺店通 `wdt_sign` rule the console computes for the user, when the API needs one.
    pub wdt_sign: Option<WdtFlavour>,
    /// Whether the built-in local gateway answers it (by its name or an alias).
    pub served_locally: bool,
    pub params: Vec<ParamDoc>,
    /// A complete XML body for Qimen standard APIs.
    pub body_example: Option<String>,
}

impl ApiDoc {
    /// Whether `method` names this API (its name or an alias), exactly as sent.
    pub fn answers_to(&self, method: &str) -> bool {
        self.name == method || self.aliases.iter().any(|a| a == method)
    }

    pub fn param(&self, name: &str) -> Option<&ParamDoc> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// A catalogue entry that cannot be used; names the API and the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiDocsError {
    #[error("api_docs.toml is not valid TOML: {0}")]
    Toml(String),
    #[error("api_docs.toml, API {api}: {field} {problem}")]
    Entry {
        api: String,
        field: String,
        problem: String,
    },
}

/// The file's shape: the same fields as [`ApiDoc`], with the flavour as text and without what is
/// derived (`served_locally`).
#[derive(Deserialize)]
struct FileShape {
    api: Vec<ApiEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    family: ApiFamily,
    title: Text,
    description: Text,
    needs_session: bool,
    target_app_key: Option<String>,
    wdt_sign: Option<String>,
    #[serde(default, rename = "param")]
    params: Vec<ParamDoc>,
    body_example: Option<String>,
}

/// Parses and checks a catalogue text (the embedded one is [`catalogue`]).
pub fn parse(text: &str) -> Result<Vec<ApiDoc>, ApiDocsError> {
    let file: FileShape = toml::from_str(text).map_err(|e| ApiDocsError::Toml(e.to_string()))?;
    let mut docs = Vec::with_capacity(file.api.len());
    for entry in file.api {
        let wdt_sign = match entry.wdt_sign.as_deref() {
            None => None,
            Some("custom") => Some(WdtFlavour::Custom),
            Some("official_crm") => Some(WdtFlavour::OfficialCrm),
            Some(other) => {
                return Err(ApiDocsError::Entry {
                    api: entry.name,
                    field: "wdt_sign".into(),
                    problem: format!("is \"{other}\"; write custom or official_crm"),
                })
            }
        };
        let served_locally = std::iter::once(&entry.name)
            .chain(entry.aliases.iter())
            .any(|name| is_served_locally(name));
        docs.push(ApiDoc {
            name: entry.name,
            aliases: entry.aliases,
            family: entry.family,
            title: entry.title,
            description: entry.description,
            needs_session: entry.needs_session,
            target_app_key: entry.target_app_key,
            wdt_sign,
            served_locally,
            params: entry.params,
            body_example: entry.body_example.map(|b| b.trim().to_string()),
        });
    }
    validate(&docs)?;
    Ok(docs)
}

/// Whether the local gateway answers `method`: an API of its catalogue or one of the token APIs
/// its router answers itself.
pub fn is_served_locally(method: &str) -> bool {
    qimen_server::gateway::apis::find(method).is_some()
        || method == TOKEN_CREATE
        || method == TOKEN_REFRESH
}

/// The embedded catalogue, parsed and checked once. Datetime parameters with `offset_hours` have
/// no example here; use [`catalogue_at`] for what a user sees.
pub fn catalogue() -> Result<&'static [ApiDoc], ApiDocsError> {
    static DOCS: OnceLock<Result<Vec<ApiDoc>, ApiDocsError>> = OnceLock::new();
    DOCS.get_or_init(|| parse(API_DOCS_TOML))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// The catalogue as shown at `now`: every datetime example with an offset written out in GMT+8.
pub fn catalogue_at(now: DateTime<Utc>) -> Result<Vec<ApiDoc>, ApiDocsError> {
    let mut docs = catalogue()?.to_vec();
    for param in docs.iter_mut().flat_map(|d| d.params.iter_mut()) {
        if let Some(hours) = param.offset_hours {
            param.example = Some(format_gmt8(now + Duration::hours(i64::from(hours))));
        }
    }
    Ok(docs)
}

/// The entry for a method name (or alias), as sent.
pub fn find(method: &str) -> Option<&'static ApiDoc> {
    catalogue().ok()?.iter().find(|d| d.answers_to(method))
}

#[cfg(test)]
mod tests;
