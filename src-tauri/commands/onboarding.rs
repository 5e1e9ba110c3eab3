//! The onboarding guide's commands: app types and the questionnaire, the Taobaoke checker, the step
//! tracker, the materials checklist (files picked and the export saved through the native dialogs), the
//! app-creation details and the scenario choice. Each is a one-line adapter over the workbench.

use chrono::NaiveDate;
use qimen_core::text::Lang;
use qimen_workbench::catalog::taobaoke::PackageId;
use qimen_workbench::catalog::wdt::CaseId;
use qimen_workbench::catalog::AppTypeCatalog;
use qimen_workbench::onboarding::guide::questionnaire::{Questionnaire, QuestionnaireResult};
use qimen_workbench::onboarding::guide::taobaoke::{PackageCheck, TaobaokeFigures};
use qimen_workbench::onboarding::{
    AppDetailsForm, AppDetailsView, MaterialsExport, MaterialsView, OnboardingView,
    ProfileNextStep, ScenarioChoice, ScenariosView, StepStateInput, TaobaokeApplicationsView,
    TaobaokeCatalogView,
};
use qimen_workbench::{IpcError, Workbench};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::{DialogExt, FilePath};

#[tauri::command]
pub async fn catalog_app_types(
    workbench: State<'_, Workbench>,
) -> Result<AppTypeCatalog, IpcError> {
    workbench.catalog_app_types().await
}

#[tauri::command]
pub async fn onboarding_recommend(
    workbench: State<'_, Workbench>,
    questionnaire: Questionnaire,
) -> Result<QuestionnaireResult, IpcError> {
    workbench.onboarding_recommend(questionnaire).await
}

#[tauri::command]
pub async fn catalog_taobaoke(
    workbench: State<'_, Workbench>,
) -> Result<TaobaokeCatalogView, IpcError> {
    workbench.catalog_taobaoke().await
}

#[tauri::command]
pub async fn taobaoke_check(
    workbench: State<'_, Workbench>,
    figures: TaobaokeFigures,
) -> Result<Vec<PackageCheck>, IpcError> {
    workbench.taobaoke_check(figures).await
}

#[tauri::command]
pub async fn onboarding_get(
    workbench: State<'_, Workbench>,
    profile_id: i64,
) -> Result<OnboardingView, IpcError> {
    workbench.onboarding_get(profile_id).await
}

#[tauri::command]
pub async fn onboarding_set_step(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    step_id: String,
    state: StepStateInput,
) -> Result<OnboardingView, IpcError> {
    workbench
        .onboarding_set_step(profile_id, step_id, state)
        .await
}

#[tauri::command]
pub async fn onboarding_overview(
    workbench: State<'_, Workbench>,
) -> Result<Vec<ProfileNextStep>, IpcError> {
    workbench.onboarding_overview().await
}

#[tauri::command]
pub async fn materials_get(
    workbench: State<'_, Workbench>,
    profile_id: i64,
) -> Result<MaterialsView, IpcError> {
    workbench.materials_get(profile_id).await
}

#[tauri::command]
pub async fn materials_set_case(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    case_id: CaseId,
) -> Result<MaterialsView, IpcError> {
    workbench.materials_set_case(profile_id, case_id).await
}

#[tauri::command]
pub async fn materials_set_done(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    item_id: String,
    done: bool,
) -> Result<MaterialsView, IpcError> {
    workbench
        .materials_set_done(profile_id, item_id, done)
        .await
}

/// Answers the file the user picks in the native dialog (open or save), or `None` when cancelled.
async fn pick_path(app: &AppHandle, save_as: Option<String>) -> Option<String> {
    let (chosen, picked) = tokio::sync::oneshot::channel::<Option<FilePath>>();
    let dialog = app.dialog().file();
    match save_as {
        // The receiver only goes away when the command itself was dropped; nothing to tell then.
        Some(name) => dialog.set_file_name(name).save_file(move |path| {
            let _ = chosen.send(path);
        }),
        None => dialog.pick_file(move |path| {
            let _ = chosen.send(path);
        }),
    }
    let file = picked.await.ok().flatten()?;
    // On desktop the dialog always answers a file-system path; anything else cannot be used.
    let path = file.into_path().ok()?;
    Some(path.display().to_string())
}

/// Asks which file to attach to a checklist item, then attaches it. `None` when the user cancelled.
#[tauri::command]
pub async fn materials_attach(
    app: AppHandle,
    workbench: State<'_, Workbench>,
    profile_id: i64,
    item_id: String,
) -> Result<Option<MaterialsView>, IpcError> {
    let Some(path) = pick_path(&app, None).await else {
        return Ok(None);
    };
    let view = workbench
        .materials_attach(profile_id, item_id, path)
        .await?;
    Ok(Some(view))
}

#[tauri::command]
pub async fn materials_detach(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    item_id: String,
    path: String,
) -> Result<MaterialsView, IpcError> {
    workbench.materials_detach(profile_id, item_id, path).await
}

/// Asks where to save the checklist (Markdown, in the UI language), then writes it. `None` when the
/// user cancelled.
#[tauri::command]
pub async fn materials_export(
    app: AppHandle,
    workbench: State<'_, Workbench>,
    profile_id: i64,
    language: Lang,
) -> Result<Option<MaterialsExport>, IpcError> {
    let name = format!("materials-{profile_id}.md");
    let Some(path) = pick_path(&app, Some(name)).await else {
        return Ok(None);
    };
    let written = workbench
        .materials_export(profile_id, language, path)
        .await?;
    Ok(Some(written))
}

#[tauri::command]
pub async fn app_details_get(
    workbench: State<'_, Workbench>,
    profile_id: i64,
) -> Result<AppDetailsView, IpcError> {
    workbench.app_details_get(profile_id).await
}

#[tauri::command]
pub async fn app_details_save(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    form: AppDetailsForm,
) -> Result<AppDetailsView, IpcError> {
    workbench.app_details_save(profile_id, form).await
}

#[tauri::command]
pub async fn scenarios_list(workbench: State<'_, Workbench>) -> Result<ScenariosView, IpcError> {
    workbench.scenarios_list().await
}

#[tauri::command]
pub async fn scenario_choose(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    scenario_id: String,
) -> Result<ScenarioChoice, IpcError> {
    workbench.scenario_choose(profile_id, scenario_id).await
}

#[tauri::command]
pub async fn taobaoke_applications_get(
    workbench: State<'_, Workbench>,
    profile_id: i64,
) -> Result<TaobaokeApplicationsView, IpcError> {
    workbench.taobaoke_applications_get(profile_id).await
}

#[tauri::command]
pub async fn taobaoke_application_set(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    package_id: PackageId,
    applied_on: Option<NaiveDate>,
    withdraw: bool,
) -> Result<TaobaokeApplicationsView, IpcError> {
    workbench
        .taobaoke_application_set(profile_id, package_id, applied_on, withdraw)
        .await
}
