//! The few preferences the app remembers: the UI language, how many calls history keeps, and
//! whether the first-run demo has been shown. Stored as key/value rows; a missing or unreadable
//! value reads as its default, so a hand-edited file never stops the app from opening.

use super::{history, Store, StoreError};
use qimen_core::text::Lang;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many calls history keeps unless the user says otherwise.
pub const DEFAULT_HISTORY_RETENTION: u32 = 10_000;
/// The most calls history may be asked to keep.
pub const MAX_HISTORY_RETENTION: u32 = 1_000_000;

const LANGUAGE: &str = "language";
const RETENTION: &str = "history_retention";
const FIRST_RUN_DONE: &str = "first_run_done";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// The UI language; Chinese until the user switches.
    pub language: Lang,
    /// How many calls history keeps; the oldest beyond it are deleted after each call.
    pub history_retention: u32,
    /// Whether the first-run demo has been completed or dismissed.
    pub first_run_done: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Lang::ZhCn,
            history_retention: DEFAULT_HISTORY_RETENTION,
            first_run_done: false,
        }
    }
}

impl Store {
    pub fn settings_get(&self) -> Result<Settings, StoreError> {
        let conn = self.conn();
        let defaults = Settings::default();
        Ok(Settings {
            language: read(&conn, LANGUAGE)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(defaults.language),
            history_retention: retention(&conn)?,
            first_run_done: read(&conn, FIRST_RUN_DONE)?
                .map(|v| v == "1")
                .unwrap_or(defaults.first_run_done),
        })
    }

    /// Stored as `zh-CN` or `en-US`, the names the UI's locale files use.
    pub fn settings_set_language(&self, lang: Lang) -> Result<(), StoreError> {
        write(&self.conn(), LANGUAGE, lang.as_str())
    }

    /// Sets how many calls history keeps (1 to 1 000 000) and prunes at once; returns how many calls
    /// were deleted.
    pub fn settings_set_history_retention(&self, keep: u32) -> Result<u64, StoreError> {
        if !(1..=MAX_HISTORY_RETENTION).contains(&keep) {
            return Err(StoreError::BadValue {
                field: "history_retention",
                en: format!("{keep} is out of range; keep between 1 and {MAX_HISTORY_RETENTION} calls (default {DEFAULT_HISTORY_RETENTION})"),
                zh: format!("{keep} 超出范围；请保留 1 到 {MAX_HISTORY_RETENTION} 条调用记录（默认 {DEFAULT_HISTORY_RETENTION}）。"),
            });
        }
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        write(&tx, RETENTION, &keep.to_string())?;
        let pruned = history::prune(&tx, keep)?;
        tx.commit()?;
        Ok(pruned)
    }

    pub fn settings_set_first_run_done(&self, done: bool) -> Result<(), StoreError> {
        write(&self.conn(), FIRST_RUN_DONE, if done { "1" } else { "0" })
    }
}

/// The retention in force (the default when unset or unreadable).
pub(super) fn retention(conn: &Connection) -> Result<u32, StoreError> {
    Ok(read(conn, RETENTION)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|n| (1..=MAX_HISTORY_RETENTION).contains(n))
        .unwrap_or(DEFAULT_HISTORY_RETENTION))
}

fn read(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

fn write(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
