//! The Qimen Workbench desktop shell: a thin Tauri skin over `qimen_core`.
//!
//! This crate only wires things together: the official plugins a desktop app is expected to have, the
//! places this run keeps its data, the workbench service as the app's state, and the IPC commands, each
//! a one-line adapter over that service. Anything that must be right (signing, storage, secrets, HTTP)
//! lives in qimen-core, where it is tested without a window.

pub mod commands;
pub mod launch;

use std::sync::Arc;

use qimen_core::clock::SystemClock;
use qimen_core::text::Lang;
use qimen_workbench::places::platform_data_dir;
use qimen_workbench::secrets::SecretStore;
use qimen_workbench::{Workbench, WorkbenchConfig};
use tauri::Manager;

/// One command of the IPC contract, as `commands/contract.rs` declares it.
pub struct ContractCommand {
    /// The adapter's module under [`commands`].
    pub module: &'static str,
    pub name: &'static str,
    pub doc: &'static [&'static str],
    /// Each argument's name (snake_case, as the adapter takes it) and TypeScript type.
    pub args: &'static [(&'static str, &'static str)],
    /// The answer's TypeScript type.
    pub returns: &'static str,
}

/// The name the UI gives an argument: Tauri maps camelCase arguments to the adapters' snake_case
/// parameters (`profile_id` → `profileId`).
pub fn ui_argument_name(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// Reads the contract: its commands as data, their names, and the handler that registers each adapter.
macro_rules! ipc_contract {
    ($( $(#[doc = $doc:literal])* $module:ident :: $name:ident ( $($arg:ident : $ty:literal),* ) -> $ret:literal ; )*) => {
        /// Every command of the IPC contract, in its order.
        pub const CONTRACT: &[ContractCommand] = &[$(
            ContractCommand {
                module: stringify!($module),
                name: stringify!($name),
                doc: &[$($doc),*],
                args: &[$((stringify!($arg), $ty)),*],
                returns: $ret,
            }
        ),*];

        /// Every command name, as the capabilities grant them.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$module::$name),*]
        }
    };
}

include!("commands/contract.rs");

/// The label of the one window, as declared in tauri.conf.json and granted in the capabilities.
pub const MAIN_WINDOW: &str = "main";

/// Why the app could not start; shown on stderr by the executable.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Launch(#[from] launch::LaunchError),
    #[error("{0}")]
    Keyring(String),
    #[error(transparent)]
    Tauri(#[from] tauri::Error),
}

/// The app with its plugins and commands, before the workbench is attached.
pub fn app_builder() -> tauri::Builder<tauri::Wry> {
    let builder = tauri::Builder::default();
    // First, so a second launch hands over to the running window before anything else starts. Linux
    // does this itself in `run`, per data folder and without D-Bus.
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
        focus_main_window(app);
    }));
    builder
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(log_plugin())
        .invoke_handler(invoke_handler())
}

/// Logs go to the platform's log directory only. The core never logs a secret (they are `Sensitive`),
/// and the shell logs nothing but where this run keeps its data.
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

/// The workbench's config for this run: its data directory and the OS keyring (the workbench reports
/// a keyring that does not answer, and the UI offers memory for this run instead).
fn workbench_config(places: &launch::LaunchPlaces) -> Result<WorkbenchConfig, StartError> {
    let keyring = places
        .keyring_store()
        .map_err(|error| StartError::Keyring(error.to_string()))?;
    let secret_store: Arc<dyn SecretStore> = Arc::new(keyring);
    Ok(WorkbenchConfig {
        data_dir: places.data_dir.clone(),
        secret_store,
        keyring_service: places.keyring_service(),
        clock: Arc::new(SystemClock),
        language: Lang::ZhCn,
    })
}

/// Opens the workbench and makes it the app's state; when its data cannot be opened, the window
/// still opens on the recovery screen ([`commands::startup`]) instead of the app exiting. It waits on
/// the async runtime (reading the first screen), so it runs on a thread of its own, never on one of
/// the runtime's workers.
fn attach_workbench(
    app: &tauri::AppHandle,
    places: &launch::LaunchPlaces,
) -> Result<(), StartError> {
    let started = std::time::Instant::now();
    match Workbench::open_or_explain(workbench_config(places)?) {
        Ok(workbench) => {
            // How long the first screen waited for its data: on a first launch this is the
            // migrations, the demo profile and its keyring entries.
            log::info!("data opened in {} ms", started.elapsed().as_millis());
            // Read now, while the window loads its page, instead of when the page asks.
            let screen = tauri::async_runtime::block_on(workbench.first_screen());
            log::info!("first screen read in {} ms", started.elapsed().as_millis());
            app.manage(workbench);
            commands::session::spawn_auto_refresh(app.clone());
            commands::startup::opened(app, screen);
        }
        Err(problem) => {
            log::error!(
                "the data cannot be opened: {} ({})",
                problem.message.en,
                problem.code
            );
            commands::startup::failed(app, *problem);
        }
    }
    Ok(())
}

/// Starts the desktop app and blocks until its last window closes.
pub fn run() -> Result<(), StartError> {
    // Decided before any window exists, so a bad override (a keyring service outside
    // `qimen-workbench-*`, say) is refused with its message and exit code 1 instead of a panic in the
    // setup hook. The platform folder is the one Tauri's app_data_dir names.
    let places = launch::LaunchPlaces::from_process(platform_data_dir().unwrap_or_default())?;
    #[cfg(target_os = "linux")]
    let instance = match qimen_workbench::instance::claim(&places.data_dir) {
        qimen_workbench::instance::Claim::First(listener) => Some(listener),
        // The running app came forward: this launch is done, before any window exists.
        qimen_workbench::instance::Claim::Handed => return Ok(()),
        qimen_workbench::instance::Claim::Unsure(error) => {
            eprintln!("qimen-workbench: not checking for another running app: {error}");
            None
        }
    };
    let app = app_builder()
        .setup(move |app| {
            #[cfg(target_os = "linux")]
            if let Some(listener) = instance {
                let handle = app.handle().clone();
                listener.serve(move || focus_main_window(&handle))?;
            }
            log::info!(
                "starting: data dir {}, keyring service {}",
                places.data_dir.display(),
                places.keyring_service()
            );
            app.manage(commands::startup::StartupState::new(places.clone()));
            // Opening the database (migrating it, the first run's demo profile and keyring entries)
            // happens beside the main thread, so the window paints at once; the UI waits for
            // app_start, which answers when this is done.
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("open-data".into())
                .spawn(move || {
                    if let Err(error) = attach_workbench(&handle, &places) {
                        log::error!("the workbench could not be attached: {error}");
                        handle.exit(1);
                    }
                })?;
            Ok(())
        })
        .build(tauri::generate_context!())?;
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            // Stop the local gateway cleanly so its port is released before the process ends.
            if let Some(workbench) = app.try_state::<Workbench>() {
                tauri::async_runtime::block_on(workbench.shutdown());
            }
        }
    });
    Ok(())
}
