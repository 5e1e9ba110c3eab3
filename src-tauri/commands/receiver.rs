//! 服务端接收: the provider receiver started and stopped from the window, its templates and its
//! route on the local gateway set, its requests listed and opened. New requests reach the window
//! as the [`RECEIPT_EVENT`] event, in the batches the workbench makes.

use std::sync::Arc;

use super::WindowSink;
use qimen_workbench::receiver::{
    AnswerTemplate, Receipt, ReceiptPage, ReceiptQuery, ReceiverRoute, ReceiverStartInput,
    ReceiverStatus, RECEIPT_EVENT,
};
use qimen_workbench::{IpcError, Workbench};
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn receiver_start(
    app: AppHandle,
    workbench: State<'_, Workbench>,
    input: ReceiverStartInput,
) -> Result<ReceiverStatus, IpcError> {
    workbench
        .receiver_start(input, Arc::new(WindowSink::new(app, RECEIPT_EVENT)))
        .await
}

#[tauri::command]
pub async fn receiver_stop(workbench: State<'_, Workbench>) -> Result<ReceiverStatus, IpcError> {
    workbench.receiver_stop().await
}

#[tauri::command]
pub async fn receiver_status(workbench: State<'_, Workbench>) -> Result<ReceiverStatus, IpcError> {
    workbench.receiver_status().await
}

#[tauri::command]
pub async fn receiver_list(
    workbench: State<'_, Workbench>,
    query: ReceiptQuery,
) -> Result<ReceiptPage, IpcError> {
    workbench.receiver_list(query).await
}

#[tauri::command]
pub async fn receiver_get(workbench: State<'_, Workbench>, id: u64) -> Result<Receipt, IpcError> {
    workbench.receiver_get(id).await
}

#[tauri::command]
pub async fn receiver_clear(workbench: State<'_, Workbench>) -> Result<(), IpcError> {
    workbench.receiver_clear().await
}

#[tauri::command]
pub async fn receiver_templates_set(
    workbench: State<'_, Workbench>,
    templates: Vec<AnswerTemplate>,
) -> Result<ReceiverStatus, IpcError> {
    workbench.receiver_templates_set(templates).await
}

#[tauri::command]
pub fn receiver_template_starter(workbench: State<'_, Workbench>, api: String) -> AnswerTemplate {
    workbench.receiver_template_starter(api)
}

#[tauri::command]
pub async fn receiver_route_set(
    workbench: State<'_, Workbench>,
    route: ReceiverRoute,
) -> Result<ReceiverStatus, IpcError> {
    workbench.receiver_route_set(route).await
}

#[tauri::command]
pub async fn receiver_route_clear(
    workbench: State<'_, Workbench>,
) -> Result<ReceiverStatus, IpcError> {
    workbench.receiver_route_clear().await
}
