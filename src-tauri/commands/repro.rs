//! 复现请求: reading a customer's request or a bundle, diagnosing, replaying, and bundles in and out
//! through the native file dialogs.

use qimen_core::bundle::{BundleCall, BUNDLE_EXTENSION};
use qimen_core::diagnose::Diagnosis;
use qimen_workbench::repro::{
    ReproDiagnoseInput, ReproExportInput, ReproOpened, ReproReplay, ReproReplayInput, ReproSaved,
};
use qimen_workbench::{IpcError, Workbench};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::dialogs::pick;

#[tauri::command]
pub async fn repro_open(
    workbench: State<'_, Workbench>,
    text: String,
) -> Result<ReproOpened, IpcError> {
    workbench.repro_open(text).await
}

#[tauri::command]
pub async fn repro_diagnose(
    workbench: State<'_, Workbench>,
    input: ReproDiagnoseInput,
) -> Result<Diagnosis, IpcError> {
    workbench.repro_diagnose(input).await
}

#[tauri::command]
pub async fn repro_replay(
    workbench: State<'_, Workbench>,
    input: ReproReplayInput,
) -> Result<ReproReplay, IpcError> {
    workbench.repro_replay(input).await
}

#[tauri::command]
pub async fn repro_bundle_text(
    workbench: State<'_, Workbench>,
    input: ReproExportInput,
) -> Result<String, IpcError> {
    workbench.repro_bundle_text(input.calls)
}

#[tauri::command]
pub async fn repro_export(
    app: AppHandle,
    workbench: State<'_, Workbench>,
    input: ReproExportInput,
) -> Result<ReproSaved, IpcError> {
    let calls = input.calls.len();
    let name = suggested_name(&input.calls);
    let Some(path) = pick(|chosen| {
        app.dialog()
            .file()
            .set_file_name(name)
            .add_filter("Qimen Workbench bundle", &["json"])
            .save_file(move |path| {
                let _ = chosen.send(path);
            })
    })
    .await
    else {
        return Ok(ReproSaved { path: None, calls });
    };
    workbench.repro_write(input.calls, &path)?;
    Ok(ReproSaved {
        path: Some(path.display().to_string()),
        calls,
    })
}

#[tauri::command]
pub async fn repro_open_file(
    app: AppHandle,
    workbench: State<'_, Workbench>,
) -> Result<Option<ReproOpened>, IpcError> {
    let Some(path) = pick(|chosen| {
        app.dialog()
            .file()
            .add_filter(
                "Qimen Workbench bundle, request",
                &["json", "txt", "http", "sh", "log"],
            )
            .pick_file(move |path| {
                let _ = chosen.send(path);
            })
    })
    .await
    else {
        return Ok(None);
    };
    workbench.repro_read_file(&path).await.map(Some)
}

fn suggested_name(calls: &[BundleCall]) -> String {
    let api = calls
        .first()
        .and_then(|c| c.api.as_deref())
        .filter(|_| calls.len() == 1)
        .unwrap_or("calls");
    let safe: String = api
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{safe}.{BUNDLE_EXTENSION}")
}
