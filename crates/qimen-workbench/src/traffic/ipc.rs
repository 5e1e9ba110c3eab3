//! The IPC shapes of the traffic relay commands (联调抓包), and the event the shell emits new
//! exchanges on.

use crate::calls::NetworkFailure;
use chrono::{DateTime, Utc};
use qimen_core::diagnose::CauseId;
use qimen_core::errors::Explanation;
use qimen_core::protocol::response::ApiResult;
use qimen_server::relay::{Exchange, UpstreamProblem, Verdict};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The Tauri event a batch of new exchanges (`ExchangeSummary[]`) arrives on, at most every
/// [`crate::live::BATCH_EVERY`].
pub const EXCHANGE_EVENT: &str = "traffic://exchange";

/// The names of the relay's events as a TypeScript type, so the UI's listener cannot drift from
/// [`EXCHANGE_EVENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum TrafficEvent {
    #[serde(rename = "traffic://exchange")]
    Exchange,
}

/// Listening beyond this machine: an explicit choice, with the addresses allowed to call.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct TrafficLanInput {
    /// The local address to listen on (`192.168.1.20`, or `0.0.0.0` for every interface).
    pub bind: String,
    /// The client addresses allowed to send through the relay; at least one.
    pub allowed_clients: Vec<String>,
}

/// `traffic_start`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct TrafficStartInput {
    /// The port to listen on; null = [`super::DEFAULT_PORT`].
    #[serde(default)]
    pub port: Option<u16>,
    /// Where requests go on: `production`, `qimen-test`, `sandbox`, `local` or a base URL.
    pub upstream: String,
    /// The profile whose AppSecret diagnoses each request's sign; null = the current profile.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub profile_id: Option<i64>,
    /// False: record and forward only, no sign is checked (and no secret read).
    #[serde(default = "yes")]
    pub diagnose: bool,
    /// Null: loopback only (the default and the safe choice).
    #[serde(default)]
    pub lan: Option<TrafficLanInput>,
}

fn yes() -> bool {
    true
}

/// One router address to give the customer's system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RouterUrl {
    /// The router path as the platform names it (`/router/rest`, `/router/qmtest` …).
    pub path: String,
    /// The full address on the relay.
    pub url: String,
}

/// Whether the relay runs, and how to reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrafficStatus {
    pub running: bool,
    pub base_url: Option<String>,
    /// One address per router path the relay accepts.
    pub urls: Vec<RouterUrl>,
    /// The upstream as it was chosen (`local`, `production`, a URL …).
    pub upstream: Option<String>,
    /// The base URL requests are forwarded to.
    pub upstream_url: Option<String>,
    /// The profile whose AppSecret diagnoses signs; null = record and forward only.
    pub diagnosing_with: Option<String>,
    /// Set when the relay listens beyond this machine: what that means, in the UI language.
    pub lan_warning: Option<String>,
    /// Exchanges kept in memory now.
    #[ts(type = "number")]
    pub recorded: u64,
}

/// `traffic_list`: a filter over the exchanges kept in memory, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct TrafficQuery {
    /// Words matched, ignoring case, against the API, path, HTTP method, status, codes and causes.
    #[serde(default)]
    pub text: Option<String>,
    /// Only exchanges that failed: a sign not valid, no answer, an HTTP error or a platform error.
    #[serde(default)]
    pub only_failures: bool,
    #[serde(default)]
    pub offset: u32,
    /// At most [`super::MAX_KEPT`]; 0 = 200.
    #[serde(default)]
    pub limit: u32,
}

/// One exchange as the live list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExchangeSummary {
    #[ts(type = "number")]
    pub id: u64,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub api: Option<String>,
    pub http_method: String,
    pub path: String,
    pub verdict: Verdict,
    /// The diagnosis's cause ids, when the sign was checked.
    pub causes: Vec<CauseId>,
    pub status: Option<u16>,
    pub platform_code: Option<String>,
    pub platform_sub_code: Option<String>,
    pub upstream_error: Option<UpstreamProblem>,
    #[ts(type = "number")]
    pub latency_ms: u64,
    #[ts(type = "number")]
    pub request_bytes: u64,
    #[ts(type = "number")]
    pub response_bytes: u64,
    /// A sign not valid, no answer, an HTTP error or a platform error.
    pub failed: bool,
}

/// A page of the live list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrafficPage {
    pub items: Vec<ExchangeSummary>,
    /// How many match the filter.
    #[ts(type = "number")]
    pub total: u64,
    pub offset: u32,
    pub limit: u32,
}

/// `traffic_get`: one exchange in full, its answer read and explained in the UI language.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrafficDetail {
    pub exchange: Exchange,
    /// The upstream address the request was forwarded to (the upstream's base and the path).
    pub endpoint: String,
    pub result: Option<ApiResult>,
    pub explanation: Option<Explanation>,
    /// Why no answer came from upstream, in the UI language.
    pub network_error: Option<NetworkFailure>,
}

/// `traffic_save_to_history`: where the exchange was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrafficSaved {
    pub history_id: i64,
}
