//! The native file dialogs, awaited: the plugin answers through a callback.

use std::path::PathBuf;
use tauri_plugin_dialog::FilePath;
use tokio::sync::oneshot;

/// Opens a dialog with `open` (which hands the callback's answer to the sender) and waits for the
/// path chosen; `None` when the user cancelled.
pub async fn pick(open: impl FnOnce(oneshot::Sender<Option<FilePath>>)) -> Option<PathBuf> {
    let (chosen, picked) = oneshot::channel();
    open(chosen);
    // On desktop the dialog always answers a file-system path; anything else cannot be used.
    picked.await.ok().flatten()?.into_path().ok()
}
