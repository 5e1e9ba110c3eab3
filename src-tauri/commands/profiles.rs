//! Profile commands: one profile per app, its secrets in the keyring (never in an answer).

use qimen_workbench::app::AppInfo;
use qimen_workbench::profiles::{ProfileForm, ProfileView};
use qimen_workbench::{IpcError, Workbench};
use tauri::State;

#[tauri::command]
pub async fn profiles_list(workbench: State<'_, Workbench>) -> Result<Vec<ProfileView>, IpcError> {
    workbench.profiles_list().await
}

#[tauri::command]
pub async fn profile_save(
    workbench: State<'_, Workbench>,
    form: ProfileForm,
) -> Result<ProfileView, IpcError> {
    workbench.profile_save(form).await
}

#[tauri::command]
pub async fn profile_duplicate(
    workbench: State<'_, Workbench>,
    id: i64,
) -> Result<ProfileView, IpcError> {
    workbench.profile_duplicate(id).await
}

#[tauri::command]
pub async fn profile_delete(workbench: State<'_, Workbench>, id: i64) -> Result<(), IpcError> {
    workbench.profile_delete(id).await
}

#[tauri::command]
pub async fn profile_select(workbench: State<'_, Workbench>, id: i64) -> Result<AppInfo, IpcError> {
    workbench.profile_select(id).await
}

#[tauri::command]
pub async fn demo_reset(workbench: State<'_, Workbench>) -> Result<ProfileView, IpcError> {
    workbench.demo_reset().await
}
