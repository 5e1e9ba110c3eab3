//! Start-up and the recovery screen's commands: whether the data opened (the window asks first and
//! waits while it is being opened off the main thread), and moving a damaged database aside to
//! start fresh (nothing deleted), after which the app carries on as usual.

use std::sync::Mutex;
use tokio::sync::watch;

use qimen_core::text::Lang;
use qimen_workbench::app::{AppStart, FirstScreen, StartupProblem};
use qimen_workbench::{IpcError, Workbench};
use tauri::{AppHandle, Manager, State};

use crate::launch::LaunchPlaces;

/// Where this run keeps its data, whether opening it has finished, why it could not be opened
/// (`None` once it is open), and the first screen's data read beside the window's start-up.
pub struct StartupState {
    places: LaunchPlaces,
    problem: Mutex<Option<StartupProblem>>,
    prepared: Mutex<Option<FirstScreen>>,
    settled: watch::Sender<bool>,
}

impl StartupState {
    pub fn new(places: LaunchPlaces) -> Self {
        StartupState {
            places,
            problem: Mutex::new(None),
            prepared: Mutex::new(None),
            settled: watch::Sender::new(false),
        }
    }

    fn set(&self, problem: Option<StartupProblem>) {
        *self.problem.lock().unwrap_or_else(|e| e.into_inner()) = problem;
        self.settled.send_replace(true);
    }

    /// Waits until opening the data has finished, either way.
    async fn settled(&self) {
        let mut settled = self.settled.subscribe();
        // The sender lives as long as this state, so the wait ends only when it is settled.
        let _ = settled.wait_for(|done| *done).await;
    }

    fn get(&self) -> Option<StartupProblem> {
        self.problem
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The first screen read when the data opened, once: a later ask reads it afresh.
    fn take_prepared(&self) -> Option<FirstScreen> {
        self.prepared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}

/// The workbench opened: nothing to recover, and the first screen's data already read (the profiles'
/// keyring entries, the local gateway started) while the window was still loading its page.
pub fn opened(app: &AppHandle, screen: FirstScreen) {
    if let Some(state) = app.try_state::<StartupState>() {
        *state.prepared.lock().unwrap_or_else(|e| e.into_inner()) = Some(screen);
        state.set(None);
    }
}

/// The workbench could not open its data: the UI shows the recovery screen.
pub fn failed(app: &AppHandle, problem: StartupProblem) {
    if let Some(state) = app.try_state::<StartupState>() {
        state.set(Some(problem));
    }
}

/// Answers once the data is open (or could not be): the window draws its skeleton meanwhile and asks
/// for nothing else first. When the data is open, the answer carries the first screen's data too, so
/// the window draws the app at once instead of asking again.
#[tauri::command]
pub async fn app_start(
    app: AppHandle,
    startup: State<'_, StartupState>,
) -> Result<AppStart, IpcError> {
    startup.settled().await;
    if let Some(problem) = startup.get() {
        return Ok(AppStart::Problem { problem });
    }
    if let Some(screen) = startup.take_prepared() {
        return Ok(AppStart::Ready { screen });
    }
    match app.try_state::<Workbench>() {
        Some(workbench) => Ok(AppStart::Ready {
            screen: workbench.first_screen().await,
        }),
        // Settled without a problem means the workbench was attached first; kept as an answer
        // rather than a panic all the same.
        None => Err(IpcError::new(
            "startup.not_open",
            "数据还没有打开，请重新启动工作台。The data is not open yet: restart the workbench.",
        )),
    }
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
    // Opening reads the first screen too, waiting on the async runtime: off its worker threads.
    let (handle, places) = (app.clone(), startup.places.clone());
    tauri::async_runtime::spawn_blocking(move || crate::attach_workbench(&handle, &places))
        .await
        .map_err(|e| IpcError::new("startup.reopen", e.to_string()))?
        .map_err(|e| IpcError::new("startup.reopen", e.to_string()))?;
    match startup.get() {
        None => Ok(moved),
        Some(problem) => Err(IpcError::new(problem.code, problem.message.zh.into_owned())),
    }
}
