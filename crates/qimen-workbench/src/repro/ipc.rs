//! The IPC shapes of the reproduction commands.

use crate::calls::{NetworkFailure, ResponseView};
use qimen_core::bundle::{BundleCall, ResponseDiff};
use qimen_core::captured::{CapturedRequest, ParamChange};
use qimen_core::errors::Explanation;
use qimen_core::protocol::response::ApiResult;
use qimen_core::sensitive::SecretString;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What was pasted or opened: a request (one call) or a bundle (one or more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReproOpened {
    /// The text was a reproduction bundle rather than a request.
    pub from_bundle: bool,
    pub app_version: Option<String>,
    pub calls: Vec<BundleCall>,
}

/// The secret a diagnosis checks the sign with.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ReproSecret {
    /// The AppSecret of a profile (the current one when `profile_id` is null).
    Profile {
        #[ts(type = "number | null")]
        profile_id: Option<i64>,
    },
    /// Typed for this check only: used once, never stored, never sent back.
    Typed {
        #[ts(type = "string")]
        secret: SecretString,
    },
}

/// `repro_diagnose`.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ReproDiagnoseInput {
    pub request: CapturedRequest,
    pub secret: ReproSecret,
}

/// How a reproduction is replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReplayMode {
    /// Byte for byte as the customer's system built it: their timestamp, their sign.
    AsSent,
    /// Signed again with the profile's AppKey, session and AppSecret, timestamp now.
    Resigned,
}

/// `repro_replay`.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ReproReplayInput {
    pub request: CapturedRequest,
    /// Where to send it (`local`, `qimen-test`, `router:CODE`, a URL …).
    pub environment_id: String,
    pub mode: ReplayMode,
    /// The profile a re-signed replay uses (the current one when null).
    #[ts(type = "number | null")]
    pub profile_id: Option<i64>,
    /// The answer the call got when it was recorded (a bundle's), to compare the new one with.
    #[serde(default)]
    pub recorded_body: Option<String>,
}

/// A replay's answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReproReplay {
    pub mode: ReplayMode,
    /// The router it went to.
    pub endpoint: String,
    /// The request as it went out, tokens masked.
    pub request: CapturedRequest,
    /// What re-signing changed (empty as sent).
    pub changes: Vec<ParamChange>,
    pub response: Option<ResponseView>,
    pub result: Option<ApiResult>,
    pub explanation: Option<Explanation>,
    pub network_error: Option<NetworkFailure>,
    /// The new answer against the recorded one, when there was one.
    pub diff: Option<ResponseDiff>,
}

/// `repro_export`: the calls to put in one bundle, and a suggested file name.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ReproExportInput {
    pub calls: Vec<BundleCall>,
}

/// Where `repro_export` wrote the bundle; `null` path when the user cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReproSaved {
    pub path: Option<String>,
    pub calls: usize,
}
