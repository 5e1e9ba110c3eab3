//! History commands, and saving a response body where the user chooses in the native save dialog.

use qimen_workbench::calls::CallOutcome;
use qimen_workbench::history::HistoryDetail;
use qimen_workbench::store::{HistoryPage, HistoryQuery};
use qimen_workbench::{IpcError, Workbench};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::dialogs::pick;
use qimen_core::bundle::BundleCall;
use qimen_workbench::calls::CallInput;

#[tauri::command]
pub async fn history_list(
    workbench: State<'_, Workbench>,
    query: HistoryQuery,
) -> Result<HistoryPage, IpcError> {
    workbench.history_list(query).await
}

#[tauri::command]
pub async fn history_get(
    workbench: State<'_, Workbench>,
    id: i64,
) -> Result<HistoryDetail, IpcError> {
    workbench.history_get(id).await
}

#[tauri::command]
pub async fn history_delete(workbench: State<'_, Workbench>, id: i64) -> Result<(), IpcError> {
    workbench.history_delete(id).await
}

#[tauri::command]
pub async fn history_clear(workbench: State<'_, Workbench>) -> Result<(), IpcError> {
    workbench.history_clear().await
}

#[tauri::command]
pub async fn history_resend(
    workbench: State<'_, Workbench>,
    id: i64,
) -> Result<CallOutcome, IpcError> {
    workbench.history_resend(id).await
}

/// Asks where to save the whole response body of a call, then writes it there. Answers the chosen
/// path, or `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn response_save(
    app: AppHandle,
    workbench: State<'_, Workbench>,
    history_id: i64,
) -> Result<Option<String>, IpcError> {
    let Some(path) = pick(|chosen| {
        app.dialog()
            .file()
            .set_file_name(format!("response-{history_id}.txt"))
            .save_file(move |path| {
                // The receiver only goes away when the command itself was dropped.
                let _ = chosen.send(path);
            })
    })
    .await
    else {
        return Ok(None);
    };
    workbench.response_save(history_id, &path).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn history_bundle(
    workbench: State<'_, Workbench>,
    ids: Vec<i64>,
) -> Result<Vec<BundleCall>, IpcError> {
    workbench.history_bundle(ids).await
}

#[tauri::command]
pub async fn history_call_input(
    workbench: State<'_, Workbench>,
    id: i64,
) -> Result<CallInput, IpcError> {
    workbench.history_call_input(id).await
}
