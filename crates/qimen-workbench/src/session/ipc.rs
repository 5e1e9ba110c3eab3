//! The IPC shapes of the session commands, exported to TypeScript. None holds a token.

use crate::oauth::flow::FlowStatus;
use crate::oauth::{CaptureMode, CheckedCallback, TokenRoute, View};
use crate::store::SessionSource;
use crate::IpcError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The profile's callback URL, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CallbackCheck {
    pub url: Option<String>,
    /// What it is and the capture modes that fit, when it is valid.
    pub checked: Option<CheckedCallback>,
    /// Why it cannot be used (UI language), with what a callback URL is.
    pub problem: Option<String>,
    /// The mode to offer first.
    pub suggested: CaptureMode,
}

/// `session_status`: who is authorized and until when. Never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SessionStatus {
    #[ts(type = "number")]
    pub profile_id: i64,
    /// A session is stored and not known to have expired.
    pub authorized: bool,
    pub expired: bool,
    pub source: Option<SessionSource>,
    pub user_nick: Option<String>,
    pub user_id: Option<String>,
    pub sub_user_id: Option<String>,
    pub sub_user_nick: Option<String>,
    pub open_uid: Option<String>,
    pub obtained_at: Option<DateTime<Utc>>,
    pub access_expires_at: Option<DateTime<Utc>>,
    pub refresh_expires_at: Option<DateTime<Utc>>,
    /// Seconds until the access token expires (negative once expired), for the countdown.
    #[ts(type = "number | null")]
    pub access_seconds_left: Option<i64>,
    #[ts(type = "number | null")]
    pub refresh_seconds_left: Option<i64>,
    pub can_refresh: bool,
    pub callback: CallbackCheck,
    pub authorize_endpoint: String,
    pub token_endpoint: String,
    /// The TOP router, for `taobao.top.auth.token.create`.
    pub token_api_endpoint: String,
}

/// How to authorize: the page's `view` and the exchange route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FlowOptions {
    #[serde(default)]
    pub view: View,
    #[serde(default)]
    pub route: TokenRoute,
}

/// A started authorization: the page to open and the flow to follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SessionFlow {
    pub flow_id: String,
    pub url: String,
    pub state: String,
    /// The callback the platform will redirect to (the shell intercepts it in app-window mode).
    pub redirect_uri: String,
    pub mode: CaptureMode,
    /// `127.0.0.1:PORT` while the listener waits.
    pub listening_on: Option<String>,
}

/// `session_flow_status` / `session_flow_wait` / `session_capture_redirect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FlowView {
    pub flow_id: String,
    #[ts(type = "number")]
    pub profile_id: i64,
    pub status: FlowStatus,
    /// The new session once `done`.
    pub session: Option<SessionStatus>,
}

/// One profile's automatic refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RefreshReport {
    #[ts(type = "number")]
    pub profile_id: i64,
    pub refreshed: bool,
    pub error: Option<IpcError>,
}
