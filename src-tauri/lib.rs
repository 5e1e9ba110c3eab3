//! The Qimen Workbench desktop shell: a thin Tauri skin over `qimen_core`.
//!
//! This crate only wires things together: the official plugins a desktop app is expected to have, the
//! places this run keeps its data, and the IPC commands, each a one-line adapter over the core's
//! workbench service. Anything that must be right (signing, storage, secrets, HTTP) lives in qimen-core,
//! where it is tested without a window.

pub mod launch;

use tauri::Manager;

include!("commands/names.rs");

/// The label of the one window, as declared in tauri.conf.json and granted in the capabilities.
pub const MAIN_WINDOW: &str = "main";

/// Builds the app with its plugins and commands; `run` and the tests share it.
pub fn app_builder<R: tauri::Runtime>() -> tauri::Builder<R> {
    tauri::Builder::<R>::new()
        // First, so a second launch hands over to the running window before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main_window(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(log_plugin())
}

/// Logs go to the platform's log directory only. The core never logs a secret (they are `Sensitive`),
/// and the shell logs nothing but start-up facts.
fn log_plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::LogDir { file_name: None }))
        .level(log::LevelFilter::Info)
        .max_file_size(2 * 1024 * 1024)
        .rotation_strategy(RotationStrategy::KeepOne)
        .build()
}

fn focus_main_window<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        // Best effort: a window manager may refuse focus; the user still sees the running app.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Starts the desktop app and blocks until its last window closes.
pub fn run() -> tauri::Result<()> {
    app_builder::<tauri::Wry>()
        .setup(|app| {
            let platform_data_dir = app.path().app_data_dir()?;
            let places = launch::LaunchPlaces::from_process(platform_data_dir)?;
            log::info!(
                "starting: data dir {}, keyring service {}",
                places.data_dir.display(),
                places.keyring_service()
            );
            Ok(())
        })
        .run(tauri::generate_context!())
}
