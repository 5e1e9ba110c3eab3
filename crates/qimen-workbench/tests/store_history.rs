//! Call history: insert, get, list with search and filters, delete, clear, retention, and what
//! happens to the calls of a deleted profile.

use chrono::{Duration, TimeZone, Utc};
use qimen_core::clock::FixedClock;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::request::{prepare, CallSpec, PreparedRequest};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_workbench::store::{
    CallOrigin, CallOutcome, HistoryQuery, HistoryRecord, ProfileInput, ProfileRole, Store,
    StoreError, RESPONSE_CAP_BYTES,
};

const SESSION: &str = "6201a9c0ffee5e55105e55105e55";

fn request(method: &str, family: ApiFamily) -> PreparedRequest {
    let clock = FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap_or_else(|| panic!("valid time"));
    let mut spec = CallSpec::new(family, method, "23268761");
    spec.session = Some(SecretString::from(SESSION));
    if family == ApiFamily::QimenCloud {
        spec.target_app_key = Some("21363512".into());
    }
    prepare(
        &spec,
        "http://127.0.0.1:18080/router/rest",
        &SecretString::from("b17cc059ffba3f6cf0d9131359d0be2a"),
        &clock,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn at(minutes: i64) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 20, 2, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::minutes(minutes)
}

fn origin(profile_id: Option<i64>, minutes: i64) -> CallOrigin {
    CallOrigin {
        profile_id,
        profile_name: "演示".into(),
        environment: "本地网关".into(),
        at: at(minutes),
    }
}

fn ok(body: &str) -> CallOutcome {
    CallOutcome {
        http_status: Some(200),
        latency_ms: 12,
        body: body.into(),
        success: true,
        ..CallOutcome::default()
    }
}

fn failed(code: &str, sub_code: &str, message: &str) -> CallOutcome {
    CallOutcome {
        http_status: Some(200),
        latency_ms: 30,
        body: format!("{{\"error_response\":{{\"code\":{code},\"msg\":\"{message}\"}}}}"),
        success: false,
        code: Some(code.into()),
        sub_code: Some(sub_code.into()),
        message: Some(message.into()),
        sub_message: None,
    }
}

fn insert(store: &Store, method: &str, origin: CallOrigin, outcome: CallOutcome) -> i64 {
    let record = HistoryRecord::new(&request(method, ApiFamily::Top), origin, outcome)
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .history_insert(&record)
        .unwrap_or_else(|e| panic!("{e}"))
        .id
}

fn ids(store: &Store, query: &HistoryQuery) -> Vec<i64> {
    store
        .history_list(query)
        .unwrap_or_else(|e| panic!("{e}"))
        .items
        .into_iter()
        .map(|s| s.id)
        .collect()
}

fn text(t: &str) -> HistoryQuery {
    HistoryQuery {
        text: Some(t.into()),
        ..HistoryQuery::default()
    }
}

#[test]
fn a_call_is_stored_with_the_session_masked_and_read_back() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let id = insert(
        &store,
        "taobao.time.get",
        origin(None, 0),
        ok("{\"time_get_response\":{\"time\":\"2024-05-20 10:15:30\"}}"),
    );
    let entry = store.history_get(id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(entry.summary.method, "taobao.time.get");
    assert_eq!(entry.summary.family, ApiFamily::Top);
    assert_eq!(entry.summary.endpoint, "http://127.0.0.1:18080/router/rest");
    assert_eq!(entry.summary.environment, "本地网关");
    assert_eq!(entry.summary.created_at, at(0));
    assert!(entry.summary.success);
    assert_eq!(
        entry.response,
        "{\"time_get_response\":{\"time\":\"2024-05-20 10:15:30\"}}"
    );
    // The stored request is the redacted one: the session shows only its last two characters.
    let request = entry.request.to_string();
    assert!(!request.contains(SESSION), "{request}");
    assert!(request.contains("******55"), "{request}");
    assert_eq!(entry.request["family"], "top");
    // The UI gets the summary fields flattened next to request and response.
    let json = serde_json::to_value(&entry).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["method"], "taobao.time.get");
    assert!(json.get("summary").is_none());
}

#[test]
fn a_session_echoed_back_by_the_platform_is_masked_too() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let echo = failed(
        "27",
        "invalid-sessionkey",
        &format!("Invalid session {SESSION}"),
    );
    let id = insert(&store, "taobao.user.seller.get", origin(None, 0), echo);
    let entry = store.history_get(id).unwrap_or_else(|e| panic!("{e}"));
    assert!(!entry.response.contains(SESSION));
    assert_eq!(
        entry.summary.message.as_deref(),
        Some("Invalid session ******55")
    );
}

#[test]
fn search_finds_words_anywhere_in_a_call_and_filters_combine() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let time = insert(
        &store,
        "taobao.time.get",
        origin(None, 0),
        ok("{\"time\":\"x\"}"),
    );
    let sign = insert(
        &store,
        "taobao.trades.sold.get",
        origin(None, 10),
        failed("25", "isv.invalid-signature", "Invalid signature 签名错误"),
    );
    let stock = insert(
        &store,
        "hu3cgwt0tc.wdt.stock.query",
        origin(None, 20),
        ok("{\"stocks\":[{\"spec_no\":\"A100\",\"warehouse\":\"上海仓\"}]}"),
    );

    // Newest first.
    assert_eq!(ids(&store, &HistoryQuery::default()), [stock, sign, time]);
    // Part of a method name, a sub-code, Chinese inside a message and inside a response body.
    assert_eq!(ids(&store, &text("trades.sold")), [sign]);
    assert_eq!(ids(&store, &text("invalid-signature")), [sign]);
    assert_eq!(ids(&store, &text("签名错")), [sign]);
    assert_eq!(ids(&store, &text("上海仓")), [stock]);
    // Case does not matter.
    assert_eq!(ids(&store, &text("INVALID SIGNATURE")), [sign]);
    // Every word must match.
    assert_eq!(ids(&store, &text("wdt 上海仓")), [stock]);
    assert!(ids(&store, &text("wdt 签名错")).is_empty());
    // Words shorter than three characters (which the trigram index cannot answer) still work.
    assert_eq!(ids(&store, &text("上海")), [stock]);
    // FTS syntax in the query is searched for, not interpreted (an unbalanced quote would otherwise fail).
    assert!(ids(&store, &text("\"unbalanced OR NEAR(")).is_empty());
    // A % in a short word is a literal, not a wildcard.
    assert!(ids(&store, &text("%")).is_empty());

    let failures = HistoryQuery {
        success: Some(false),
        ..HistoryQuery::default()
    };
    assert_eq!(ids(&store, &failures), [sign]);
    let by_method = HistoryQuery {
        method: Some("taobao.time.get".into()),
        ..HistoryQuery::default()
    };
    assert_eq!(ids(&store, &by_method), [time]);
    let window = HistoryQuery {
        from: Some(at(5)),
        to: Some(at(20)),
        ..HistoryQuery::default()
    };
    // `from` is inclusive, `to` exclusive: the call at minute 20 is outside.
    assert_eq!(ids(&store, &window), [sign]);
    let combined = HistoryQuery {
        text: Some("taobao".into()),
        success: Some(true),
        ..HistoryQuery::default()
    };
    assert_eq!(ids(&store, &combined), [time]);
}

#[test]
fn pages_count_everything_that_matches() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let all: Vec<i64> = (0..7)
        .map(|i| insert(&store, "taobao.time.get", origin(None, i), ok("{}")))
        .collect();
    let page = store
        .history_list(&HistoryQuery {
            offset: 2,
            limit: 3,
            ..HistoryQuery::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 7);
    assert_eq!(page.limit, 3);
    let got: Vec<i64> = page.items.iter().map(|s| s.id).collect();
    assert_eq!(got, [all[4], all[3], all[2]]);
}

#[test]
fn delete_clear_and_retention_keep_the_index_in_step() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let first = insert(&store, "taobao.time.get", origin(None, 0), ok("alpha-body"));
    let second = insert(&store, "taobao.time.get", origin(None, 1), ok("bravo-body"));
    assert!(store.history_delete(first).is_ok());
    assert!(matches!(
        store.history_get(first),
        Err(StoreError::HistoryNotFound(_))
    ));
    assert!(matches!(
        store.history_delete(first),
        Err(StoreError::HistoryNotFound(_))
    ));
    // The deleted call is gone from search as well.
    assert!(ids(&store, &text("alpha-body")).is_empty());
    assert_eq!(ids(&store, &text("bravo-body")), [second]);

    // Retention: lowering it prunes at once, then every insert keeps only the newest.
    for i in 2..6 {
        insert(
            &store,
            "taobao.time.get",
            origin(None, i),
            ok(&format!("body-{i}")),
        );
    }
    assert_eq!(store.settings_set_history_retention(3).ok(), Some(2));
    let newest = insert(&store, "taobao.time.get", origin(None, 9), ok("body-9"));
    let kept = ids(&store, &HistoryQuery::default());
    assert_eq!(kept.len(), 3);
    assert_eq!(kept[0], newest);
    assert!(ids(&store, &text("body-2")).is_empty());
    assert!(matches!(
        store.settings_set_history_retention(0),
        Err(StoreError::BadValue {
            field: "history_retention",
            ..
        })
    ));

    assert_eq!(store.history_clear().ok(), Some(3));
    assert_eq!(
        store
            .history_list(&HistoryQuery::default())
            .map(|p| p.total)
            .ok(),
        Some(0)
    );
    assert!(ids(&store, &text("body-9")).is_empty());
}

#[test]
fn a_deleted_profiles_calls_stay_under_the_name_they_were_made_with() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let profile = store
        .profiles_create(&ProfileInput {
            is_demo: true,
            ..ProfileInput::new("演示", "23268761", ProfileRole::Other, Environment::Sandbox)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let id = insert(
        &store,
        "taobao.time.get",
        origin(Some(profile.id), 0),
        ok("{}"),
    );
    let mine = HistoryQuery {
        profile_id: Some(profile.id),
        ..HistoryQuery::default()
    };
    assert_eq!(ids(&store, &mine), [id]);
    assert!(store.profiles_delete(profile.id).is_ok());
    // ON DELETE SET NULL ran, which proves foreign keys are on for the store's connection.
    let entry = store.history_get(id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(entry.summary.profile_id, None);
    assert_eq!(entry.summary.profile_name, "演示");
    // A call that finishes after its profile was deleted is kept, unattached.
    let late = insert(
        &store,
        "taobao.time.get",
        origin(Some(profile.id), 1),
        ok("{}"),
    );
    assert_eq!(
        store
            .history_get(late)
            .ok()
            .and_then(|e| e.summary.profile_id),
        None
    );
}

#[test]
fn an_oversized_response_is_cut_at_the_cap_and_marked() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    // One byte over the cap, ending in a 3-byte character so the cut must step back.
    let mut body = "a".repeat(RESPONSE_CAP_BYTES - 2);
    body.push('仓');
    let id = insert(&store, "taobao.time.get", origin(None, 0), ok(&body));
    let entry = store.history_get(id).unwrap_or_else(|e| panic!("{e}"));
    assert!(entry.summary.response_truncated);
    assert_eq!(entry.summary.response_size, (RESPONSE_CAP_BYTES + 1) as u64);
    assert_eq!(entry.response.len(), RESPONSE_CAP_BYTES - 2);

    let small = insert(&store, "taobao.time.get", origin(None, 1), ok("仓"));
    let entry = store.history_get(small).unwrap_or_else(|e| panic!("{e}"));
    assert!(!entry.summary.response_truncated);
    assert_eq!(entry.summary.response_size, 3);
}

#[test]
fn a_call_with_no_answer_is_kept_as_a_failure() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let record = HistoryRecord::new(
        &request("taobao.time.get", ApiFamily::Top),
        origin(None, 0),
        CallOutcome::unanswered(5000, "timed out after 5 s"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let summary = store
        .history_insert(&record)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!summary.success);
    assert_eq!(summary.http_status, None);
    assert_eq!(summary.latency_ms, 5000);
    assert_eq!(summary.message.as_deref(), Some("timed out after 5 s"));
}

/// Two app processes (or the app and a CLI) write history to one database at once: every write
/// waits its turn instead of failing with "database is locked".
#[test]
fn two_writers_on_one_database_both_succeed() {
    let dir = std::env::temp_dir().join(format!(
        "qimen-store-writers-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    let stores: Vec<Store> = (0..2).map(|_| Store::open(&dir).unwrap()).collect();
    let failures = std::thread::scope(|scope| {
        let workers: Vec<_> = stores
            .iter()
            .map(|store| {
                scope.spawn(move || {
                    (0..150)
                        .filter(|i| {
                            let record = HistoryRecord::new(
                                &request("taobao.time.get", ApiFamily::Top),
                                origin(None, *i),
                                ok("{}"),
                            )
                            .unwrap();
                            store.history_insert(&record).is_err()
                        })
                        .count()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap())
            .sum::<usize>()
    });
    assert_eq!(
        failures, 0,
        "writes refused while the other connection wrote"
    );
    let total = stores[0]
        .history_list(&HistoryQuery::default())
        .unwrap()
        .total;
    assert_eq!(total, 300);
    drop(stores);
    let _ = std::fs::remove_dir_all(&dir);
}
