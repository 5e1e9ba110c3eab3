//! The IPC shapes of the call commands: the call as the console describes it, the request as sent
//! (session masked), the answer as shown, and a pasted sign to compare.

use crate::IpcError;
use qimen_core::call::CallDraft;
use qimen_core::errors::Explanation;
use qimen_core::protocol::response::ApiResult;
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_core::sign::{SignExplanation, WdtSignExplanation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A call as the console describes it. Holds no stored secret: the AppSecret, the session and the
/// 旺店通 secret are read from the keyring when the call is signed; the one exception,
/// `app_secret_once`, is an AppSecret for one call only, which is never serialised back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CallInput {
    /// The profile to sign with; null = the selected profile.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub profile_id: Option<i64>,
    /// `local`, `production`, `sandbox`, `qimen-test`, `router:CODE`, an http(s) URL …
    pub environment_id: String,
    /// The call itself, as the core's builder takes it.
    #[serde(flatten)]
    #[ts(flatten)]
    pub draft: CallDraft,
    /// An AppSecret to sign this one call with instead of the profile's (the demo tour's "show a
    /// failure" signs with a wrong one). Used for this call only: never stored, never written to
    /// history (which keeps the request and its sign, not the secret), never sent back.
    #[serde(default, skip_serializing)]
    #[ts(optional, as = "Option<String>")]
    pub app_secret_once: Option<SecretString>,
}

/// A request exactly as it is (or would be) sent, the session masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RequestView {
    pub http_method: String,
    /// The full URL with the query, as sent (session masked).
    pub url: String,
    pub endpoint: String,
    pub family: ApiFamily,
    /// Query parameters in the order sent.
    pub query: Vec<(String, String)>,
    /// Form parameters (empty when a raw body is sent).
    pub form: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// The body as sent: the raw XML / JSON, or the encoded form.
    pub body: String,
    /// `curl` command line that repeats the request, session masked.
    pub curl: String,
}

/// `call_preview`: the request and its signature, no network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CallPreview {
    pub request: RequestView,
    pub signature: SignExplanation,
    /// How `wdt_sign` was computed, when it was.
    pub wdt_signature: Option<WdtSignExplanation>,
}

/// The answer as the result panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ResponseView {
    pub status: u16,
    #[ts(type = "number")]
    pub latency_ms: u64,
    /// The whole body's size in bytes.
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub content_type: Option<String>,
    pub headers: Vec<(String, String)>,
    /// The body, cut for display at [`super::DISPLAY_BODY_CAP_BYTES`] when `body_truncated`;
    /// the whole body is in history and `response_save` writes it.
    pub body: String,
    pub body_truncated: bool,
}

/// A transport failure: no HTTP answer came back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NetworkFailure {
    /// `network.connect`, `network.timeout`, `network.tls` …
    pub code: String,
    /// What happened and what to check, in the UI language.
    pub message: String,
}

/// `call_send` / `history_resend`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CallOutcome {
    /// The history entry that recorded the call; null when history could not record it.
    #[ts(type = "number | null")]
    pub history_id: Option<i64>,
    /// Why history could not record the call; the answer is here all the same.
    pub history_error: Option<IpcError>,
    pub request: RequestView,
    pub signature: SignExplanation,
    pub wdt_signature: Option<WdtSignExplanation>,
    /// `None` when no answer came back (see `network_error`).
    pub response: Option<ResponseView>,
    pub result: Option<ApiResult>,
    /// The failure's cause and remedy from the errors catalogue, in the UI language.
    pub explanation: Option<Explanation>,
    pub network_error: Option<NetworkFailure>,
}

/// What a pasted sign is compared with: a call as the console describes it, or a call in history
/// (re-signed with the same parameters and timestamp).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum SignTarget {
    Call {
        call: Box<CallInput>,
    },
    History {
        #[ts(type = "number")]
        history_id: i64,
    },
}

/// `sign_compare`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignCompareInput {
    pub target: SignTarget,
    pub pasted: String,
}
