//! Opening the database: created on first open, WAL and foreign keys on, migrations applied once,
//! a database from a newer version refused with a clear error.

use qimen_core::text::Lang;
use qimen_workbench::store::{Store, StoreError, DATABASE_FILE, SCHEMA_VERSION};
use std::path::PathBuf;

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "qimen-store-{tag}-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn open(dir: &std::path::Path) -> Store {
    Store::open(dir).unwrap_or_else(|e| panic!("open {}: {e}", dir.display()))
}

fn pragma(path: &std::path::Path, name: &str) -> String {
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    conn.query_row(&format!("PRAGMA {name}"), [], |r| {
        r.get::<_, rusqlite::types::Value>(0)
    })
    .map(|v| match v {
        rusqlite::types::Value::Integer(i) => i.to_string(),
        rusqlite::types::Value::Text(t) => t,
        other => format!("{other:?}"),
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn first_open_creates_the_folder_and_a_wal_database_at_the_current_schema() {
    let tmp = TempDir::new("create");
    // A nested folder that does not exist yet: the app's data dir on first launch.
    let dir = tmp.0.join("data").join("qimen");
    let store = open(&dir);
    let file = dir.join(DATABASE_FILE);
    assert_eq!(store.path(), Some(file.as_path()));
    assert!(file.is_file());
    drop(store);
    // journal_mode is stored in the file, so a plain connection sees WAL.
    assert_eq!(pragma(&file, "journal_mode"), "wal");
    assert_eq!(pragma(&file, "user_version"), SCHEMA_VERSION.to_string());
}

#[test]
fn a_second_open_is_a_no_op_and_keeps_the_data() {
    let tmp = TempDir::new("reopen");
    let store = open(&tmp.0);
    assert!(store.settings_set_history_retention(1234).is_ok());
    drop(store);
    let file = tmp.0.join(DATABASE_FILE);
    let schema_before: Vec<String> = {
        let conn = rusqlite::Connection::open(&file).unwrap_or_else(|e| panic!("{e}"));
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = stmt
            .query_map([], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        rows.filter_map(Result::ok).collect()
    };
    let again = open(&tmp.0);
    // Re-running the first migration would fail on CREATE TABLE; success means nothing re-ran.
    assert_eq!(
        again.settings_get().map(|s| s.history_retention).ok(),
        Some(1234)
    );
    drop(again);
    assert_eq!(pragma(&file, "user_version"), SCHEMA_VERSION.to_string());
    let conn = rusqlite::Connection::open(&file).unwrap_or_else(|e| panic!("{e}"));
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .unwrap_or_else(|e| panic!("{e}"));
    let schema_after: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .collect();
    assert_eq!(schema_before, schema_after);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let tmp = TempDir::new("newer");
    drop(open(&tmp.0));
    let file = tmp.0.join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&file).unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let err = match Store::open(&tmp.0) {
        Err(e) => e,
        Ok(_) => panic!("a newer schema must be refused"),
    };
    assert!(
        matches!(err, StoreError::TooNew { found, known } if found == SCHEMA_VERSION + 5 && known == SCHEMA_VERSION),
        "{err:?}"
    );
    assert_eq!(err.code(), "store_too_new");
    assert!(err.to_string().contains("update the app"), "{err}");
    assert!(err.message(Lang::ZhCn).contains("请升级应用"));
    // Refusing must not have rewritten the version.
    assert_eq!(
        pragma(&file, "user_version"),
        (SCHEMA_VERSION + 5).to_string()
    );
}

#[test]
fn an_in_memory_store_is_migrated_too() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.path(), None);
    // The tables exist: an unknown profile id is reported as such, not as a missing table.
    assert!(matches!(
        store.profiles_delete(999),
        Err(StoreError::ProfileNotFound(999))
    ));
}

#[test]
fn a_data_dir_that_cannot_be_created_names_the_path() {
    let tmp = TempDir::new("blocked");
    assert!(std::fs::create_dir_all(&tmp.0).is_ok());
    // A file where the folder should be.
    let blocker = tmp.0.join("not-a-dir");
    assert!(std::fs::write(&blocker, b"x").is_ok());
    let err = match Store::open(blocker.join("inner")) {
        Err(e) => e,
        Ok(_) => panic!("a folder under a file cannot be created"),
    };
    assert_eq!(err.code(), "store_data_dir");
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}

#[cfg(unix)]
#[test]
fn the_data_folder_and_the_database_are_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("modes");
    let store = open(&dir.0);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.0), 0o700);
    assert_eq!(mode(&dir.0.join(DATABASE_FILE)), 0o600);
    drop(store);
    // A database made readable by others earlier is narrowed on the next open.
    std::fs::set_permissions(
        dir.0.join(DATABASE_FILE),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let _store = open(&dir.0);
    assert_eq!(mode(&dir.0.join(DATABASE_FILE)), 0o600);
}

#[test]
fn the_command_line_reads_the_apps_database_without_changing_it() {
    let dir = TempDir::new("read-only");
    let store = open(&dir.0);
    let profile = store
        .profiles_create(&qimen_workbench::store::ProfileInput::new(
            "p",
            "12345678",
            qimen_workbench::store::ProfileRole::Erp,
            qimen_core::protocol::environment::Environment::parse("sandbox").unwrap(),
        ))
        .unwrap();
    drop(store);
    let file = dir.0.join(DATABASE_FILE);
    let before = std::fs::read(&file).unwrap();
    let read = Store::open_read_only(&dir.0).unwrap();
    assert_eq!(read.profiles_list().unwrap()[0].id, profile.id);
    assert!(
        read.profiles_delete(profile.id).is_err(),
        "a read-only store refuses writes"
    );
    drop(read);
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // A schema newer or older than this build knows is refused with what to do.
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let err = Store::open_read_only(&dir.0).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    conn.pragma_update(None, "user_version", SCHEMA_VERSION - 1)
        .unwrap();
    let err = Store::open_read_only(&dir.0).err().unwrap();
    assert!(matches!(err, StoreError::TooOld { .. }), "{err}");
    assert!(err.message(Lang::ZhCn).contains("打开一次桌面应用"));
}
