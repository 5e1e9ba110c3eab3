//! The IPC commands: one-line adapters from Tauri to [`qimen_workbench::Workbench`], grouped as
//! the IPC contract groups them. Each returns the core's `Result<T, IpcError>`, which Tauri hands to the
//! UI as `{code, message}`; nothing here decides anything.

pub mod app;
pub mod calls;
mod dialogs;
pub mod history;
pub mod onboarding;
pub mod profiles;
pub mod receiver;
pub mod repro;
pub mod session;
pub mod startup;
pub mod traffic;

#[cfg(test)]
mod contract_render;

/// Emits each batch of new records of a live list (the relay's exchanges, the receiver's requests)
/// to the window as one event.
pub(crate) struct WindowSink {
    app: tauri::AppHandle,
    event: &'static str,
}

impl WindowSink {
    pub fn new(app: tauri::AppHandle, event: &'static str) -> WindowSink {
        WindowSink { app, event }
    }
}

impl<T: serde::Serialize + Clone + Send + 'static> qimen_workbench::live::LiveSink<T>
    for WindowSink
{
    fn deliver(&self, batch: Vec<T>) {
        use tauri::Emitter;
        if let Err(e) = self.app.emit(self.event, batch) {
            log::warn!(
                "new records could not reach the window ({}): {e}",
                self.event
            );
        }
    }
}
