//! Call commands: preview, send, copy as curl, and compare a pasted sign.

use qimen_core::call::ParamRow;
use qimen_core::diagnose::Diagnosis;
use qimen_workbench::calls::{CallInput, CallOutcome, CallPreview, SignCompareInput};
use qimen_workbench::{IpcError, Workbench};
use tauri::State;

#[tauri::command]
pub async fn call_preview(
    workbench: State<'_, Workbench>,
    input: CallInput,
) -> Result<CallPreview, IpcError> {
    workbench.call_preview(input).await
}

#[tauri::command]
pub async fn call_send(
    workbench: State<'_, Workbench>,
    input: CallInput,
) -> Result<CallOutcome, IpcError> {
    workbench.call_send(input).await
}

/// The only path where a session leaves Rust, and only when the user ticked "include session".
#[tauri::command]
pub async fn call_curl(
    workbench: State<'_, Workbench>,
    input: CallInput,
    reveal_session: bool,
) -> Result<String, IpcError> {
    workbench.call_curl(input, reveal_session).await
}

#[tauri::command]
pub async fn sign_compare(
    workbench: State<'_, Workbench>,
    input: SignCompareInput,
) -> Result<Diagnosis, IpcError> {
    workbench.sign_compare(input).await
}

#[tauri::command]
pub async fn call_profile_values(
    workbench: State<'_, Workbench>,
    method: String,
    profile_id: Option<i64>,
) -> Result<Vec<ParamRow>, IpcError> {
    workbench.call_profile_values(method, profile_id).await
}
