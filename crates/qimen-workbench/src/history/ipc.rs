//! The IPC shapes of the history commands.

use crate::store::HistoryEntry;
use qimen_core::errors::Explanation;
use qimen_core::protocol::response::ApiResult;
use serde::Serialize;
use ts_rs::TS;

/// `history_get`: the stored call, with its answer parsed and explained in the UI language.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryDetail {
    #[serde(flatten)]
    pub entry: HistoryEntry,
    pub result: ApiResult,
    pub explanation: Option<Explanation>,
}
