//! Settings: defaults on a new database, each setting remembered across a reopen, and values a
//! hand-edited file may hold read as defaults instead of stopping the app.

use qimen_core::text::Lang;
use qimen_workbench::store::{Settings, Store, DATABASE_FILE, DEFAULT_HISTORY_RETENTION};

#[test]
fn settings_default_then_persist_across_a_reopen() {
    let dir = std::env::temp_dir().join(format!(
        "qimen-settings-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    let store = Store::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    let defaults = store.settings_get().unwrap_or_else(|e| panic!("{e}"));
    // Chinese first, 10 000 calls kept, first run not yet done.
    assert_eq!(
        defaults,
        Settings {
            language: Lang::ZhCn,
            history_retention: DEFAULT_HISTORY_RETENTION,
            first_run_done: false
        }
    );
    assert_eq!(DEFAULT_HISTORY_RETENTION, 10_000);
    assert!(store.settings_set_language(Lang::En).is_ok());
    assert!(store.settings_set_history_retention(500).is_ok());
    assert!(store.settings_set_first_run_done(true).is_ok());
    drop(store);

    let again = Store::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    let saved = again.settings_get().unwrap_or_else(|e| panic!("{e}"));
    drop(again);
    // The language is stored under the UI's locale name.
    let conn =
        rusqlite::Connection::open(dir.join(DATABASE_FILE)).unwrap_or_else(|e| panic!("{e}"));
    let stored: String = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'language'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        saved,
        Settings {
            language: Lang::En,
            history_retention: 500,
            first_run_done: true
        }
    );
    assert_eq!(stored, "en-US");
    let json = serde_json::to_value(saved).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["history_retention"], 500);
}

#[test]
fn unreadable_values_read_as_defaults() {
    let dir = std::env::temp_dir().join(format!(
        "qimen-settings-bad-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    drop(Store::open(&dir).unwrap_or_else(|e| panic!("{e}")));
    {
        let conn =
            rusqlite::Connection::open(dir.join(DATABASE_FILE)).unwrap_or_else(|e| panic!("{e}"));
        let edited = conn.execute_batch(
            "INSERT INTO settings (key, value) VALUES ('language', 'klingon'), \
             ('history_retention', '-4'), ('first_run_done', 'maybe');",
        );
        assert!(edited.is_ok());
    }
    let store = Store::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    let read = store.settings_get().unwrap_or_else(|e| panic!("{e}"));
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(read, Settings::default());
}
