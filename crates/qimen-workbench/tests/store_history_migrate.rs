//! A database written at schema 3 (history with a full trigram index over every body) with calls in
//! it is opened by this build: it is moved to the current schema in one go and every call is
//! still there, readable and searchable the new way.

use qimen_core::clock::FixedClock;
use qimen_core::protocol::request::{prepare, CallSpec};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_workbench::store::{
    CallOrigin, CallOutcome, HistoryQuery, HistoryRecord, Store, DATABASE_FILE, SCHEMA_VERSION,
};

/// The schema-3 files, as shipped.
const SCHEMA_3: [&str; 3] = [
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_onboarding.sql"),
    include_str!("../migrations/0003_sessions.sql"),
];

/// The request JSON a schema-3 build stored: a prepared call, session masked, made on the 25th.
fn request_json(method: &str) -> String {
    let clock = FixedClock::at_gmt8("2024-05-25 10:25:30").unwrap_or_else(|| panic!("valid time"));
    let mut spec = CallSpec::new(ApiFamily::Top, method, "23268761");
    spec.session = Some(SecretString::from("6201a9c0ffee5e55105e55105e55"));
    let request = prepare(
        &spec,
        "http://127.0.0.1:18080/router/rest",
        &SecretString::from("b17cc059ffba3f6cf0d9131359d0be2a"),
        &clock,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_string(&request).unwrap_or_default()
}

/// Writes a schema-3 database into `dir` with three calls, as that build wrote them.
fn schema_3_database(dir: &std::path::Path) -> Vec<(String, String)> {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    let conn =
        rusqlite::Connection::open(dir.join(DATABASE_FILE)).unwrap_or_else(|e| panic!("{e}"));
    for sql in SCHEMA_3 {
        conn.execute_batch(sql).unwrap_or_else(|e| panic!("{e}"));
    }
    conn.pragma_update(None, "user_version", 3)
        .unwrap_or_else(|e| panic!("{e}"));
    let big = format!(
        "{{\"stocks\":[{}]}}",
        "{\"goods_name\":\"不锈钢保温杯\",\"num\":3},".repeat(2_000)
    );
    let calls = [
        (
            "hu3cgwt0tc.wdt.stock.query",
            true,
            None,
            "{\"goods_name\":\"陶瓷餐具套装\",\"created\":\"2024-05-25 10:25:30\"}".to_string(),
        ),
        (
            "taobao.trades.sold.get",
            false,
            Some(("25", "isv.invalid-signature")),
            "{\"error_response\":{\"code\":25}}".to_string(),
        ),
        ("taobao.item.seller.get", true, None, big),
    ];
    let mut kept = Vec::new();
    for (n, (method, success, error, response)) in calls.into_iter().enumerate() {
        let request = request_json(method);
        conn.execute(
            "INSERT INTO history (profile_name, environment, endpoint, method, family, http_status, \
             success, code, sub_code, message, latency_ms, request, response, response_size, \
             response_truncated, created_at) VALUES ('演示', 'local', 'http://127.0.0.1:18080/router/rest', \
             ?1, 'top', 200, ?2, ?3, ?4, ?5, 12, ?6, ?7, ?8, 0, ?9)",
            rusqlite::params![
                method,
                success,
                error.map(|e| e.0),
                error.map(|e| e.1),
                error.map(|_| "Invalid signature"),
                request,
                response,
                response.len() as i64,
                1_716_603_930_000_i64 + n as i64 * 1000,
            ],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        kept.push((request, response));
    }
    kept
}

fn ids(store: &Store, text: &str) -> Vec<i64> {
    let query = HistoryQuery {
        text: Some(text.into()),
        ..HistoryQuery::default()
    };
    let page = store.history_list(&query).unwrap_or_else(|e| panic!("{e}"));
    page.items.into_iter().map(|s| s.id).collect()
}

#[test]
fn a_schema_3_history_is_migrated_and_stays_readable_and_searchable() {
    let dir = std::env::temp_dir().join(format!(
        "qimen-store-migrate-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    let kept = schema_3_database(&dir);
    let store = Store::open(&dir).unwrap_or_else(|e| panic!("migrating: {e}"));

    // Every call reads back as it was written.
    for (n, (request, response)) in kept.iter().enumerate() {
        let entry = store
            .history_get(n as i64 + 1)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&entry.response, response);
        assert_eq!(
            entry.request.to_string(),
            serde_json::from_str::<serde_json::Value>(request)
                .map(|v| v.to_string())
                .unwrap_or_default()
        );
    }
    // Searched the new way: words, short Chinese words, a code but not the dates it hides in.
    assert_eq!(ids(&store, "trades.sold"), [2]);
    assert_eq!(ids(&store, "餐具"), [1]);
    assert_eq!(ids(&store, "保温杯"), [3]);
    assert_eq!(ids(&store, "25"), [2]);
    let all = store
        .history_list(&HistoryQuery::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((all.total, all.total_is_lower_bound), (3, false));

    // New calls are written, counted and pruned alongside the old ones.
    let record = HistoryRecord::new(
        &prepare(
            &CallSpec::new(ApiFamily::Top, "taobao.time.get", "23268761"),
            "http://127.0.0.1:18080/router/rest",
            &SecretString::from("b17cc059ffba3f6cf0d9131359d0be2a"),
            &FixedClock::at_gmt8("2024-05-26 10:00:00").unwrap_or_else(|| panic!("valid time")),
        )
        .unwrap_or_else(|e| panic!("{e}")),
        CallOrigin {
            profile_id: None,
            profile_name: "演示".into(),
            environment: "local".into(),
            at: chrono::Utc::now(),
        },
        CallOutcome {
            http_status: Some(200),
            body: "{\"time\":\"上海仓\"}".into(),
            success: true,
            ..CallOutcome::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let newest = store
        .history_insert(&record)
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    assert_eq!(ids(&store, "上海"), [newest]);
    assert_eq!(store.settings_set_history_retention(2).ok(), Some(2));
    assert!(ids(&store, "餐具").is_empty());
    assert_eq!(ids(&store, "保温杯"), [3]);
    drop(store);

    let conn =
        rusqlite::Connection::open(dir.join(DATABASE_FILE)).unwrap_or_else(|e| panic!("{e}"));
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or(-1);
    assert_eq!(version, SCHEMA_VERSION);
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_default();
    assert_eq!(check, "ok");
    // The search side holds the two calls left, nothing of the pruned ones.
    let texts: i64 = conn
        .query_row("SELECT count(*) FROM history_text", [], |r| r.get(0))
        .unwrap_or(-1);
    assert_eq!(texts, 2);
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
}
