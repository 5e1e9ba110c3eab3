//! The app's memory between runs: profiles, the history of every call, and settings, in one SQLite
//! file (`workbench.sqlite3`) in the data folder the app is given.
//!
//! SQLite runs in WAL mode with foreign keys on; the schema is a numbered list of SQL files in
//! `crates/qimen-workbench/migrations/`, compiled in and applied in order inside one transaction, with the
//! applied count kept in `PRAGMA user_version`. A database written by a newer version is refused
//! rather than guessed at.
//!
//! Nothing here ever holds a secret: the AppSecret and tokens live in the keyring ([`crate::secrets`]),
//! history keeps the request with the session masked, and a test reads the raw file to prove it.
//! A deleted profile's calls stay in history with `profile_id` NULL and the name they were made under.

mod error;
mod field_errors;
mod history;
mod history_codec;
mod history_grams;
mod history_index;
mod history_query;
mod history_search;
mod migrate;
mod onboarding;
mod profile;
mod profile_rows;
mod recovery;
mod sessions;
mod settings;

pub use error::StoreError;
pub use field_errors::{FieldErrors, FieldProblem};
pub use history::{
    CallOrigin, CallOutcome, HistoryEntry, HistoryRecord, HistorySummary, RESPONSE_CAP_BYTES,
};
pub use history_query::{HistoryPage, HistoryQuery, COUNT_LIMIT, DEFAULT_PAGE, MAX_PAGE};
pub use migrate::SCHEMA_VERSION;
pub use onboarding::{
    is_email, mainland_mobile, AppDetails, AppDetailsError, AppDetailsErrors, AppDetailsInput,
    AttachedFile, EnvironmentSet, StepRecord, StoredMaterials, SuccessfulCall, ValidAppDetails,
    APP_NAME_MAX_CHARS, LOGIN_NAME_MAX_CHARS,
};
pub use profile::{Profile, ProfileError, ProfileErrors, ProfileInput, ProfileRole};
pub use recovery::set_aside_database;
pub use sessions::{SessionRecord, SessionSource};
pub use settings::{Settings, DEFAULT_HISTORY_RETENTION, MAX_HISTORY_RETENTION};

use qimen_core::clock::{Clock, SystemClock};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "workbench.sqlite3";

/// The app's database. One connection behind a mutex: SQLite serialises writers anyway, and this
/// keeps `Store` `Send + Sync` so the shell can share it between commands.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating when needed) `<dir>/workbench.sqlite3` and brings its schema up to date.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| StoreError::DataDir {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })?;
        owner_only(dir, 0o700).map_err(|e| StoreError::DataDir {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })?;
        let path = dir.join(DATABASE_FILE);
        create_owner_only(&path).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let conn = Connection::open(&path).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Self::prepare(conn, Some(path))
    }

    /// The app's existing database, read-only, for the command line: nothing is created, migrated
    /// or written. A schema newer than this build knows is refused, and so is an older one (the app
    /// updates it when opened).
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = dir.as_ref().join(DATABASE_FILE);
        let failed = |e: rusqlite::Error| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(failed)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(failed)?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(failed)?;
        match found.cmp(&SCHEMA_VERSION) {
            std::cmp::Ordering::Greater => Err(StoreError::TooNew {
                found,
                known: SCHEMA_VERSION,
            }),
            std::cmp::Ordering::Less => Err(StoreError::TooOld {
                found,
                known: SCHEMA_VERSION,
            }),
            std::cmp::Ordering::Equal => Ok(Store {
                conn: Mutex::new(conn),
                path: Some(path),
                clock: Arc::new(SystemClock),
            }),
        }
    }

    /// A private database that disappears when dropped; for tests and for a run with no data folder.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError::Open {
            path: ":memory:".into(),
            reason: e.to_string(),
        })?;
        Self::prepare(conn, None)
    }

    /// The same store with another source of "now" (profile timestamps).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Store {
        self.clock = clock;
        self
    }

    /// The database file, `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store, StoreError> {
        let location = path
            .as_ref()
            .map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
        let setup = |conn: &Connection| -> rusqlite::Result<()> {
            // WAL lets the history list read while a call is being written; NORMAL is durable in
            // WAL mode except for the very last commits on power loss, which is fine for history.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            // Deleted rows (a call with its answer, a profile) are overwritten, not left in free pages.
            conn.pragma_update(None, "secure_delete", "ON")?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            Ok(())
        };
        setup(&conn).map_err(|e| StoreError::Open {
            path: location.clone(),
            reason: e.to_string(),
        })?;
        migrate::apply(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
            clock: Arc::new(SystemClock),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic mid-transaction rolls the transaction back when it is dropped, so the connection
        // behind a poisoned lock is still consistent.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn now_ms(&self) -> i64 {
        self.clock.now().timestamp_millis()
    }
}

/// Unix milliseconds back to a time; out-of-range values (a hand-edited file) become the epoch.
pub(crate) fn from_ms(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Every write starts as an immediate transaction: it takes the write lock at once, so a second
/// writer waits for the busy timeout instead of failing with "database is locked" when a deferred
/// transaction that has read tries to become a writer.
pub(crate) fn write_tx(conn: &mut Connection) -> rusqlite::Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

/// Makes `path` readable by its owner only (the data folder 0700); elsewhere than Unix the user's
/// profile folder already is.
fn owner_only(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// Creates the database file owner-only (0600) before SQLite opens it, so it never exists readable
/// by others; an existing file is narrowed the same way. SQLite gives its -wal and -shm files the
/// database file's permissions.
fn create_owner_only(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?;
    owner_only(path, 0o600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleted_rows_are_overwritten_and_writes_take_the_lock_at_once() {
        let store = Store::open_in_memory().unwrap();
        let mut conn = store.conn();
        let on: i64 = conn
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))
            .unwrap();
        assert_eq!(on, 1);
        let tx = write_tx(&mut conn).unwrap();
        assert_eq!(
            tx.transaction_state(None::<&str>).unwrap(),
            rusqlite::TransactionState::Write
        );
    }
}
