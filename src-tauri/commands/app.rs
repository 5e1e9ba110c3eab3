//! App-wide commands: the app's state and settings, the keyring choice, and addresses opened in the
//! system browser.

use qimen_workbench::app::{AppInfo, SettingsInput};
use qimen_workbench::{IpcError, Workbench};
use tauri::State;

#[tauri::command]
pub async fn app_info(workbench: State<'_, Workbench>) -> Result<AppInfo, IpcError> {
    workbench.app_info().await
}

#[tauri::command]
pub async fn settings_set(
    workbench: State<'_, Workbench>,
    input: SettingsInput,
) -> Result<AppInfo, IpcError> {
    workbench.settings_set(input).await
}

#[tauri::command]
pub async fn secrets_use_memory(workbench: State<'_, Workbench>) -> Result<AppInfo, IpcError> {
    workbench.secrets_use_memory().await
}

/// Opens an https address in the system browser; anything else is refused by the workbench first.
#[tauri::command]
pub async fn link_open(workbench: State<'_, Workbench>, url: String) -> Result<(), IpcError> {
    workbench.link_open(&url, |url| open::that_detached(url))
}
