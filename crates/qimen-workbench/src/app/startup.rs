//! When the data cannot be opened at start (a damaged or unreadable database, one written by a newer
//! version): the window still opens and says what happened, in both languages since the language
//! setting lives in that database, and offers to move the file aside and start fresh.

use crate::store::{set_aside_database, DATABASE_FILE};
use crate::{IpcError, Workbench, WorkbenchConfig, WorkbenchError};
use qimen_core::text::{Lang, Text};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// Why the workbench could not open its data folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StartupProblem {
    /// The error's stable code (`store.open`, `store.too_new` …).
    pub code: String,
    pub message: Text,
    pub data_dir: String,
    /// The database file's full path.
    pub database_file: String,
    /// Whether there is a database file to move aside (a folder that cannot be created has none).
    pub can_set_aside: bool,
}

impl Workbench {
    /// Opens the workbench, or says why it cannot in both languages.
    pub fn open_or_explain(config: WorkbenchConfig) -> Result<Workbench, Box<StartupProblem>> {
        let dir = config.data_dir.clone();
        Self::open_inner(config).map_err(|error| Box::new(StartupProblem::of(&error, &dir)))
    }

    /// Moves the database (and its journal) aside under a dated name, deleting nothing, so the next
    /// open starts fresh. Returns where the old file now is.
    pub fn set_aside_database(data_dir: &Path, lang: Lang) -> Result<String, IpcError> {
        set_aside_database(data_dir, chrono::Utc::now())
            .map(|moved| moved.display().to_string())
            .map_err(|e| WorkbenchError::from(e).to_ipc(lang))
    }
}

impl StartupProblem {
    fn of(error: &WorkbenchError, dir: &Path) -> StartupProblem {
        let zh = error.to_ipc(Lang::ZhCn);
        let en = error.to_ipc(Lang::En);
        let database = dir.join(DATABASE_FILE);
        StartupProblem {
            code: zh.code,
            message: Text::new(zh.message, en.message),
            data_dir: dir.display().to_string(),
            can_set_aside: database.is_file(),
            database_file: database.display().to_string(),
        }
    }
}
