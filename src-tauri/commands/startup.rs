//! The recovery screen's commands: why the data could not be opened at start, and moving the damaged
//! database aside to start fresh (nothing deleted), after which the app carries on as usual.

use std::sync::Mutex;

use qimen_core::text::Lang;
use qimen_workbench::app::StartupProblem;
use qimen_workbench::{IpcError, Workbench};
use tauri::{AppHandle, Manager, State};

use crate::launch::LaunchPlaces;

/// Where this run keeps its data, and why it could not be opened (`None` once it is open).
pub struct StartupState {
    places: LaunchPlaces,
    problem: Mutex<Option<StartupProblem>>,
}

impl StartupState {
    pub fn new(places: LaunchPlaces) -> Self {
        StartupState {
            places,
            problem: Mutex::new(None),
        }
    }

    fn set(&self, problem: Option<StartupProblem>) {
        *self.problem.lock().unwrap_or_else(|e| e.into_inner()) = problem;
    }

    fn get(&self) -> Option<StartupProblem> {
        self.problem
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// The workbench opened: nothing to recover.
pub fn opened(app: &AppHandle) {
    if let Some(state) = app.try_state::<StartupState>() {
        state.set(None);
    }
}

/// The workbench could not open its data: the UI shows the recovery screen.
pub fn failed(app: &AppHandle, problem: StartupProblem) {
    if let Some(state) = app.try_state::<StartupState>() {
        state.set(Some(problem));
    }
}

#[tauri::command]
pub async fn app_startup_problem(
    startup: State<'_, StartupState>,
) -> Result<Option<StartupProblem>, IpcError> {
    Ok(startup.get())
}

#[tauri::command]
pub async fn app_recover_data(
    app: AppHandle,
    startup: State<'_, StartupState>,
) -> Result<String, IpcError> {
    if app.try_state::<Workbench>().is_some() {
        return Err(IpcError::new(
            "startup.already_open",
            "数据已正常打开，无需恢复。The data is open; there is nothing to recover.",
        ));
    }
    let moved = Workbench::set_aside_database(&startup.places.data_dir, Lang::ZhCn)?;
    log::info!("the damaged database was moved aside to {moved}");
    crate::attach_workbench(&app, &startup.places)
        .map_err(|e| IpcError::new("startup.reopen", e.to_string()))?;
    match startup.get() {
        None => Ok(moved),
        Some(problem) => Err(IpcError::new(problem.code, problem.message.zh.into_owned())),
    }
}
