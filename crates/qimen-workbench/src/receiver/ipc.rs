//! The IPC shapes of the provider receiver commands (服务端接收), and the event the shell emits new
//! receipts on.

use chrono::{DateTime, Utc};
use qimen_core::diagnose::CauseId;
use qimen_server::receiver::{AnswerTemplate, ReceivedRequest, TemplateKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The Tauri event a batch of new receipts (`ReceiptSummary[]`) arrives on, at most every
/// [`crate::live::BATCH_EVERY`].
pub const RECEIPT_EVENT: &str = "receiver://receipt";

/// The names of the receiver's events as a TypeScript type, so the UI's listener cannot drift from
/// [`RECEIPT_EVENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum ReceiverEvent {
    #[serde(rename = "receiver://receipt")]
    Receipt,
}

/// `receiver_start`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ReceiverStartInput {
    /// The port on 127.0.0.1; null = [`super::DEFAULT_PORT`].
    #[serde(default)]
    pub port: Option<u16>,
    /// The receiving app's profile: its AppSecret verifies each request; null = the current profile.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub profile_id: Option<i64>,
}

/// `receiver_route_set`: which calls the local gateway forwards to this receiver.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ReceiverRoute {
    /// Qimen standard calls (奇门仓储 and the like) naming this `customerId`.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// Qimen cloud calls naming this `target_app_key`; null = the receiving profile's AppKey.
    #[serde(default)]
    pub target_app_key: Option<String>,
}

/// Whether the receiver runs, and what reaches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReceiverStatus {
    pub running: bool,
    /// `http://127.0.0.1:PORT`: the 服务地址 to give the calling side.
    pub url: Option<String>,
    /// The profile whose AppSecret verifies requests.
    pub verifying_with: Option<String>,
    /// The answers per API.
    pub templates: Vec<AnswerTemplate>,
    /// The calls the local gateway forwards here (kept while stopped, active while running).
    pub route: Option<ReceiverRoute>,
    /// The AppKey the gateway matches `target_app_key` against.
    pub route_app_key: Option<String>,
    /// The local gateway's address, where the calling side sends (when the route is active).
    pub gateway_url: Option<String>,
    /// Receipts kept in memory now.
    #[ts(type = "number")]
    pub recorded: u64,
}

/// `receiver_list`: a filter over the receipts kept in memory, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ReceiptQuery {
    /// Words matched, ignoring case, against the API, path, verdict and causes.
    #[serde(default)]
    pub text: Option<String>,
    /// Only requests refused or answered with a failure.
    #[serde(default)]
    pub only_failures: bool,
    #[serde(default)]
    pub offset: u32,
    /// At most [`crate::live::MAX_KEPT`]; 0 = 200.
    #[serde(default)]
    pub limit: u32,
}

/// One request as the live list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReceiptSummary {
    #[ts(type = "number")]
    pub id: u64,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub api: Option<String>,
    pub http_method: String,
    pub path: String,
    /// `accepted`, `sign_mismatch`, `bad_timestamp`, `missing_sign`, `duplicate_parameter`,
    /// `bad_body` or `body_too_large`.
    pub verdict: String,
    /// The diagnosis's cause ids, for a refused sign or timestamp.
    pub causes: Vec<CauseId>,
    /// The HTTP status answered.
    pub status: u16,
    /// The template that answered a verified request.
    pub template: Option<TemplateKind>,
    #[ts(type = "number")]
    pub took_ms: u64,
    #[ts(type = "number")]
    pub body_bytes: u64,
    /// Refused, or answered with anything but a success.
    pub failed: bool,
}

/// A page of the live list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReceiptPage {
    pub items: Vec<ReceiptSummary>,
    /// How many match the filter.
    #[ts(type = "number")]
    pub total: u64,
    pub offset: u32,
    pub limit: u32,
}

/// `receiver_get`: one request in full (credentials masked), with the answer sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Receipt {
    #[ts(type = "number")]
    pub id: u64,
    pub request: ReceivedRequest,
}
