//! The `qimen-workbench` executable: everything lives in the library so tests can build the same app.

// A release build on Windows is a GUI program: no console window behind it.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    match qimen_workbench_lib::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("qimen-workbench could not start: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
