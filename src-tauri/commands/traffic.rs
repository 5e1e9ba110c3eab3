//! 联调抓包: the relay started and stopped from the window, its exchanges listed and opened. New
//! exchanges reach the window as the [`EXCHANGE_EVENT`] event, in the batches the workbench makes.

use std::sync::Arc;

use super::WindowSink;
use qimen_core::bundle::BundleCall;
use qimen_workbench::traffic::{
    TrafficDetail, TrafficPage, TrafficQuery, TrafficSaved, TrafficStartInput, TrafficStatus,
    EXCHANGE_EVENT,
};
use qimen_workbench::{IpcError, Workbench};
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn traffic_start(
    app: AppHandle,
    workbench: State<'_, Workbench>,
    input: TrafficStartInput,
) -> Result<TrafficStatus, IpcError> {
    workbench
        .traffic_start(input, Arc::new(WindowSink::new(app, EXCHANGE_EVENT)))
        .await
}

#[tauri::command]
pub async fn traffic_stop(workbench: State<'_, Workbench>) -> Result<TrafficStatus, IpcError> {
    workbench.traffic_stop().await
}

#[tauri::command]
pub async fn traffic_status(workbench: State<'_, Workbench>) -> Result<TrafficStatus, IpcError> {
    workbench.traffic_status().await
}

#[tauri::command]
pub async fn traffic_list(
    workbench: State<'_, Workbench>,
    query: TrafficQuery,
) -> Result<TrafficPage, IpcError> {
    workbench.traffic_list(query).await
}

#[tauri::command]
pub async fn traffic_get(
    workbench: State<'_, Workbench>,
    id: u64,
) -> Result<TrafficDetail, IpcError> {
    workbench.traffic_get(id).await
}

#[tauri::command]
pub async fn traffic_clear(workbench: State<'_, Workbench>) -> Result<(), IpcError> {
    workbench.traffic_clear().await
}

#[tauri::command]
pub async fn traffic_save_to_history(
    workbench: State<'_, Workbench>,
    id: u64,
) -> Result<TrafficSaved, IpcError> {
    workbench.traffic_save_to_history(id).await
}

#[tauri::command]
pub async fn traffic_bundle(
    workbench: State<'_, Workbench>,
    ids: Vec<u64>,
) -> Result<Vec<BundleCall>, IpcError> {
    workbench.traffic_bundle(ids).await
}
