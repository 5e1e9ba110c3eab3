//! The IPC commands: one-line adapters from Tauri to [`qimen_workbench::Workbench`], grouped as
//! the IPC contract groups them. Each returns the core's `Result<T, IpcError>`, which Tauri hands to the
//! UI as `{code, message}`; nothing here decides anything.

pub mod app;
pub mod calls;
mod dialogs;
pub mod history;
pub mod onboarding;
pub mod profiles;
pub mod repro;
pub mod session;
pub mod startup;
pub mod traffic;

#[cfg(test)]
mod contract_render;
