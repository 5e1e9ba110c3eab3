//! Crash safety: a process writing history as the app does is killed (SIGKILL, no chance to clean
//! up) at a random moment, a hundred times over one database. After each kill the database opens,
//! passes SQLite's integrity check, and holds every call whose insert had returned.

use qimen_core::clock::FixedClock;
use qimen_core::protocol::request::{prepare, CallSpec};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_workbench::store::{CallOrigin, CallOutcome, HistoryRecord, Store, DATABASE_FILE};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

const DIR_VAR: &str = "QIMEN_CRASH_WRITER_DIR";
const KILLS: usize = 100;

/// The writer: inserts calls one after another and prints each id once its insert has returned.
#[test]
#[ignore = "the writer half of the crash test, started by it in a process of its own"]
fn writer_process() {
    let Ok(dir) = std::env::var(DIR_VAR) else {
        return;
    };
    let store = Store::open(&dir).expect("open");
    let clock = FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap();
    let mut spec = CallSpec::new(ApiFamily::Top, "taobao.time.get", "23000001");
    spec.params
        .insert("note".into(), "崩溃测试 crash test".into());
    let request = prepare(
        &spec,
        "http://127.0.0.1:18080/router/rest",
        &SecretString::from("crash-test-secret-000001"),
        &clock,
    )
    .unwrap();
    let mut out = std::io::stdout().lock();
    loop {
        let outcome = CallOutcome {
            http_status: Some(200),
            latency_ms: 3,
            body: format!(
                "{{\"time_get_response\":{{\"time\":\"{}\"}}}}",
                "x".repeat(2_000)
            ),
            success: true,
            ..CallOutcome::default()
        };
        let origin = CallOrigin {
            profile_id: None,
            profile_name: "crash".into(),
            environment: "local".into(),
            at: chrono::Utc::now(),
        };
        let record = HistoryRecord::new(&request, origin, outcome).unwrap();
        let id = store.history_insert(&record).expect("insert").id;
        writeln!(out, "{id}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn the_database_survives_being_killed_mid_write() {
    let dir = std::env::temp_dir().join(format!(
        "qimen-crash-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    // Keep every call, so the check below is about crashes, not about retention.
    Store::open(&dir)
        .unwrap()
        .settings_set_history_retention(1_000_000)
        .unwrap();
    let mut committed: Vec<i64> = Vec::new();
    for round in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "writer_process",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_VAR, &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.trim().parse::<i64>().ok())
                .collect::<Vec<i64>>()
        });
        std::thread::sleep(Duration::from_millis(20 + rand::random::<u64>() % 80));
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        committed.extend(reader.join().unwrap());

        let store = Store::open(&dir)
            .unwrap_or_else(|e| panic!("round {round}: the database does not open: {e}"));
        let conn = rusqlite::Connection::open(dir.join(DATABASE_FILE)).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        for id in committed.iter().rev().take(20) {
            assert!(
                store.history_get(*id).is_ok(),
                "round {round}: call {id} was committed and is gone"
            );
        }
    }
    let store = Store::open(&dir).unwrap();
    let missing = committed
        .iter()
        .filter(|id| store.history_get(**id).is_err())
        .count();
    assert_eq!(missing, 0, "of {} committed calls", committed.len());
    assert!(
        committed.len() > KILLS,
        "the writer wrote something: {}",
        committed.len()
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
