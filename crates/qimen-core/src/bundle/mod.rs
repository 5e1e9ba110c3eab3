//! Reproduction bundles: one or more calls in a `.qimen.json` file an engineer attaches to a ticket
//! and a colleague opens to replay with their own account.
//!
//! The format is JSON, documented in the README ("Reproduction bundles"):
//!
//! ```json
//! { "format": "qimen-workbench/repro", "version": 1, "app_version": "0.1.0",
//!   "created_at": "2026-12-01T05:30:00Z", "calls": [ { "api": "…", "environment": {…},
//!   "request": {…}, "response": {…}, "explanation": {…}, "diagnosis": {…} } ] }
//! ```
//!
//! A bundle never holds a secret (none is ever part of a request) and never a token: every call is
//! written through [`BundleCall::redacted`], which masks the session, OAuth codes and refresh tokens
//! in the request, in the answer and in the diagnosis. Reading checks the format and version and
//! redacts again, so a hand-edited file cannot bring a token into the app either.
//!
//! A replayed call's answer is compared with the recorded one by [`response_diff`].

use crate::captured::CapturedRequest;
use crate::diagnose::Diagnosis;
use crate::sensitive::{mask_each, tokens_in};
use crate::text::{Lang, Text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

mod diff;
mod lines;

pub use diff::{response_diff, DiffKind, DiffLine, ResponseDiff, VOLATILE_KEYS};

#[cfg(test)]
mod tests;

/// The value of `format` in every bundle.
pub const BUNDLE_FORMAT: &str = "qimen-workbench/repro";
/// The newest version this build writes and reads.
pub const BUNDLE_VERSION: u32 = 1;
/// The file name ending the save dialog proposes.
pub const BUNDLE_EXTENSION: &str = "qimen.json";

/// A reproduction bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Bundle {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    /// The format's version; this build reads up to [`BUNDLE_VERSION`].
    pub version: u32,
    /// The version of the app that wrote it.
    pub app_version: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    pub calls: Vec<BundleCall>,
}

/// Where a call went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BundleEnvironment {
    /// The environment's id in the app (`qimen-test`, `local`, `router:CODE`, a URL).
    pub id: String,
    /// The router URL the call was sent to.
    pub endpoint: String,
}

/// The answer a call got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BundleResponse {
    pub status: u16,
    pub content_type: Option<String>,
    /// The body as received (tokens masked).
    pub body: String,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

/// The platform's error explained, in both languages, for a reader in either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BundleExplanation {
    pub code: Option<String>,
    pub sub_code: Option<String>,
    pub title: Text,
    pub cause: Text,
    pub remedy: Text,
}

/// One call of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BundleCall {
    /// The API (`method`), for the reader.
    pub api: Option<String>,
    pub environment: Option<BundleEnvironment>,
    /// The request exactly as sent, tokens masked.
    pub request: CapturedRequest,
    pub response: Option<BundleResponse>,
    pub explanation: Option<BundleExplanation>,
    /// The signature's diagnosis, when one was made.
    pub diagnosis: Option<Diagnosis>,
    #[ts(type = "string | null")]
    pub recorded_at: Option<DateTime<Utc>>,
}

impl BundleCall {
    /// A copy with every token the request sends or the answer hands out masked, everywhere.
    pub fn redacted(&self) -> BundleCall {
        let mut tokens = self.request.tokens();
        if let Some(response) = &self.response {
            tokens.extend(tokens_in(&response.body));
        }
        let mut out = self.clone();
        out.request = self.request.redacted();
        if let Some(response) = out.response.as_mut() {
            response.body = mask_each(std::mem::take(&mut response.body), &tokens);
        }
        if let Some(diagnosis) = out.diagnosis.as_mut() {
            *diagnosis = diagnosis.masking(&tokens);
        }
        out
    }
}

/// Why a file is not a bundle this build can open.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BundleError {
    #[error("the file is not JSON ({0}); a bundle is the .qimen.json file the workbench exports")]
    NotJson(String),
    #[error("the file is JSON but not a Qimen Workbench bundle (its \"format\" is not \"{BUNDLE_FORMAT}\")")]
    NotABundle,
    #[error("the bundle is version {0}, newer than this app reads ({BUNDLE_VERSION}); update Qimen Workbench")]
    TooNew(u32),
    #[error("the bundle is damaged: {0}")]
    Damaged(String),
    #[error("the bundle holds no call")]
    Empty,
}

impl BundleError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            BundleError::NotJson(why) => format!("文件不是 JSON（{why}）。复现包是工作台导出的 .qimen.json 文件。"),
            BundleError::NotABundle => format!("文件是 JSON，但不是奇门对接工作台的复现包（format 不是 \"{BUNDLE_FORMAT}\"）。"),
            BundleError::TooNew(v) => format!("复现包版本为 {v}，比本应用能读取的版本（{BUNDLE_VERSION}）新，请更新奇门对接工作台。"),
            BundleError::Damaged(why) => format!("复现包已损坏：{why}"),
            BundleError::Empty => "复现包里没有任何调用。".into(),
        }
    }
}

impl Bundle {
    /// A bundle of `calls`, each redacted.
    pub fn new(calls: Vec<BundleCall>, app_version: &str, now: DateTime<Utc>) -> Bundle {
        Bundle {
            format: BUNDLE_FORMAT.into(),
            version: BUNDLE_VERSION,
            app_version: app_version.into(),
            created_at: now,
            calls: calls.iter().map(BundleCall::redacted).collect(),
        }
    }

    /// The file's text: pretty JSON, ending with a line break.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a bundle file's text, checking its format and version; every call comes back redacted.
    pub fn read(text: &str) -> Result<Bundle, BundleError> {
        let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| BundleError::NotJson(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(BUNDLE_FORMAT) {
            return Err(BundleError::NotABundle);
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version > u64::from(BUNDLE_VERSION) {
            return Err(BundleError::TooNew(
                u32::try_from(version).unwrap_or(u32::MAX),
            ));
        }
        let bundle: Bundle =
            serde_json::from_value(value).map_err(|e| BundleError::Damaged(e.to_string()))?;
        if bundle.calls.is_empty() {
            return Err(BundleError::Empty);
        }
        Ok(Bundle {
            calls: bundle.calls.iter().map(BundleCall::redacted).collect(),
            ..bundle
        })
    }

    /// Whether a pasted text looks like a bundle rather than a request.
    pub fn looks_like_bundle(text: &str) -> bool {
        let t = text.trim_start_matches('\u{feff}').trim_start();
        t.starts_with('{') && t.contains(BUNDLE_FORMAT)
    }
}
