//! A bare Tauri window showing a small antd screen, and nothing else: no plugins, no commands, no
//! state. `make bench` starts it next to the app to show what the app adds to a bare Tauri window.

// A release build on Windows is a GUI program: no console window behind it.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    match tauri::Builder::default().run(tauri::generate_context!()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bare-window could not start: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
