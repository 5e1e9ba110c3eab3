//! History search by kind of word: short codes that must not match dates, one- and two-character
//! Chinese words, identifiers inside bodies, bounded counts, the newest-first order when calls are
//! recorded out of time order, and what a large answer costs on disk.

use chrono::{DateTime, Duration, TimeZone, Utc};
use qimen_core::clock::FixedClock;
use qimen_core::protocol::request::{prepare, CallSpec, PreparedRequest, RawBody};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_workbench::store::{
    CallOrigin, CallOutcome, HistoryQuery, HistoryRecord, Store, COUNT_LIMIT, DATABASE_FILE,
};

/// A call made on 25 May at 10:25:30 (GMT+8): its request's timestamp is full of 25s.
fn request(method: &str, body: Option<&str>) -> PreparedRequest {
    let clock = FixedClock::at_gmt8("2024-05-25 10:25:30").unwrap_or_else(|| panic!("valid time"));
    let family = if body.is_some() {
        ApiFamily::QimenStandard
    } else {
        ApiFamily::Top
    };
    let mut spec = CallSpec::new(family, method, "23268761");
    if let Some(xml) = body {
        spec.customer_id = Some("stub-cust-code".into());
        spec.body = Some(RawBody::xml(xml));
    }
    prepare(
        &spec,
        "http://127.0.0.1:18080/router/rest",
        &SecretString::from("b17cc059ffba3f6cf0d9131359d0be2a"),
        &clock,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 25, 2, 25, 0)
        .single()
        .unwrap_or_default()
        + Duration::minutes(minutes)
}

fn insert_at(
    store: &Store,
    when: DateTime<Utc>,
    request: &PreparedRequest,
    outcome: CallOutcome,
) -> i64 {
    let origin = CallOrigin {
        profile_id: None,
        profile_name: "演示".into(),
        environment: "本地网关".into(),
        at: when,
    };
    let record = HistoryRecord::new(request, origin, outcome).unwrap_or_else(|e| panic!("{e}"));
    store
        .history_insert(&record)
        .unwrap_or_else(|e| panic!("{e}"))
        .id
}

fn ok(body: &str) -> CallOutcome {
    CallOutcome {
        http_status: Some(200),
        latency_ms: 25,
        body: body.into(),
        success: true,
        ..CallOutcome::default()
    }
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
fn a_numeric_code_is_found_as_a_code_and_never_through_a_date() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let get = request("taobao.trade.fullinfo.get", None);
    // Dates and times full of 25 everywhere: the request's timestamp, the answer's fields.
    let dated = insert_at(
        &store,
        at(0),
        &get,
        ok("{\"trade\":{\"created\":\"2024-05-25 10:25:30\",\"pay_time\":\"2024/05/25\",\"note\":\"5月25日发货\"}}"),
    );
    let signature = insert_at(
        &store,
        at(1),
        &get,
        CallOutcome {
            http_status: Some(200),
            latency_ms: 9,
            body: "{\"error_response\":{\"code\":25,\"msg\":\"Invalid signature\",\"sub_code\":\"isv.invalid-signature\"}}".into(),
            success: false,
            code: Some("25".into()),
            sub_code: Some("isv.invalid-signature".into()),
            message: Some("Invalid signature".into()),
            sub_message: Some("2024-05-25 10:25:30".into()),
        },
    );
    let quantity = insert_at(
        &store,
        at(2),
        &get,
        ok("{\"num\":25,\"tid\":3000000000025}"),
    );
    let inside = insert_at(&store, at(3), &get, ok("{\"code\":\"RK202405250025\"}"));
    assert_eq!(ids(&store, "25"), [quantity, signature]);
    // A longer word is any substring, dates included: the date filter's job is done by the text.
    assert_eq!(ids(&store, "2024-05-25 10:25"), [signature, dated]);
    assert_eq!(ids(&store, "250025"), [inside]);
    assert_eq!(ids(&store, "INVALID-signature 25"), [signature]);
}

#[test]
fn one_and_two_character_chinese_words_are_found_inside_longer_text() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let stock = insert_at(
        &store,
        at(0),
        &request("hu3cgwt0tc.wdt.stock.query", None),
        ok("{\"stocks\":[{\"goods_name\":\"陶瓷餐具套装\",\"warehouse\":\"上海仓\"}]}"),
    );
    let entry = insert_at(
        &store,
        at(1),
        &request(
            "taobao.qimen.entryorder.create",
            Some("<request><entryOrder><entryOrderCode>RK202405200001</entryOrderCode></entryOrder><orderLines><orderLine><itemName>日式陶瓷碗</itemName></orderLine></orderLines></request>"),
        ),
        ok("<response><flag>success</flag><code>0</code></response>"),
    );
    let other = insert_at(
        &store,
        at(2),
        &request("taobao.time.get", None),
        ok("{\"餐\":\"具\"}"),
    );
    assert_eq!(ids(&store, "餐具"), [stock]);
    assert_eq!(ids(&store, "陶瓷"), [entry, stock]);
    assert_eq!(ids(&store, "碗"), [entry]);
    assert_eq!(ids(&store, "餐"), [other, stock]);
    assert_eq!(ids(&store, "餐具 上海仓"), [stock]);
    // An identifier inside the request's XML body, whole or in part.
    assert_eq!(ids(&store, "RK202405200001"), [entry]);
    assert_eq!(ids(&store, "rk2024052000"), [entry]);
    assert!(ids(&store, "餐具 碗").is_empty());
}

#[test]
fn counting_stops_at_the_limit_and_says_so() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let get = request("taobao.time.get", None);
    let calls = COUNT_LIMIT as i64 + 5;
    for n in 0..calls {
        insert_at(
            &store,
            at(n),
            &get,
            ok(&format!("{{\"time\":\"餐具 {n}\"}}")),
        );
    }
    let list = |text: Option<&str>, offset: u32| {
        store
            .history_list(&HistoryQuery {
                text: text.map(str::to_string),
                offset,
                limit: 20,
                ..HistoryQuery::default()
            })
            .unwrap_or_else(|e| panic!("{e}"))
    };
    for text in ["餐具", "time", "taobao.time.get"] {
        let page = list(Some(text), 0);
        assert_eq!(
            (page.total, page.total_is_lower_bound),
            (u64::from(COUNT_LIMIT), true),
            "{text}"
        );
        assert_eq!(page.items.len(), 20);
        // Paging past the limit counts on to the end of the page, here to every call.
        let far = list(Some(text), COUNT_LIMIT);
        assert_eq!(
            (far.total, far.total_is_lower_bound),
            (calls as u64, false),
            "{text}"
        );
        assert_eq!(far.items.len(), 5);
    }
    // The unfiltered list counts exactly; the flag is left out of its JSON.
    let all = list(None, 0);
    assert_eq!((all.total, all.total_is_lower_bound), (calls as u64, false));
    let json = serde_json::to_value(&all).unwrap_or_default();
    assert!(json.get("total_is_lower_bound").is_none(), "{json}");
    let failures = HistoryQuery {
        success: Some(false),
        ..HistoryQuery::default()
    };
    assert_eq!(store.history_list(&failures).map(|p| p.total).ok(), Some(0));
}

#[test]
fn search_lists_newest_first_by_time_even_when_calls_were_recorded_out_of_order() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let get = request("taobao.time.get", None);
    // A relay records a slow call after a quicker one that started later.
    let times = [0, 10, 5, 30, 20, 40, 35];
    let recorded: Vec<(i64, i64)> = times
        .iter()
        .map(|m| {
            (
                *m,
                insert_at(&store, at(*m), &get, ok("{\"ok\":\"上海仓\"}")),
            )
        })
        .collect();
    let mut by_time = recorded.clone();
    by_time.sort_by(|a, b| b.cmp(a));
    let expected: Vec<i64> = by_time.iter().map(|(_, id)| *id).collect();
    let listed: Vec<i64> = store
        .history_list(&HistoryQuery::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .items
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed, expected);
    for text in ["上海仓", "上海", "time"] {
        assert_eq!(ids(&store, text), expected, "{text}");
        // A page of two is the same two calls the full list starts with.
        let page = store
            .history_list(&HistoryQuery {
                text: Some(text.into()),
                limit: 2,
                ..HistoryQuery::default()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<i64> = page.items.iter().map(|s| s.id).collect();
        assert_eq!(got, expected[..2], "{text}");
    }
}

#[test]
fn a_large_answer_costs_about_its_compressed_size_and_reads_back_whole() {
    let dir = std::env::temp_dir().join(format!(
        "qimen-store-large-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    let open = || Store::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    // Measured closed: closing folds the write-ahead log into the file and removes it.
    let size = || std::fs::metadata(dir.join(DATABASE_FILE)).map_or(0, |m| m.len());
    let get = request("taobao.trades.sold.get", None);
    let store = open();
    insert_at(&store, at(0), &get, ok("{}"));
    drop(store);
    let before = size();
    let store = open();
    // About 4 MB of trades, every one different, with an order code near the end.
    let mut body = String::from("{\"trades\":[");
    let mut n: u64 = 0;
    while body.len() < 4_000_000 {
        n += 1;
        body.push_str(&format!(
            "{{\"tid\":{},\"title\":\"陶瓷餐具套装 {}\",\"payment\":\"{}.00\",\"created\":\"2024-05-{:02} 10:15:30\"}},",
            3_000_000_000_000_000 + n * 7919,
            n % 97,
            n % 1000,
            1 + n % 28
        ));
    }
    body.push_str("{\"code\":\"LATE-CODE-0001\"}]}");
    let id = insert_at(&store, at(1), &get, ok(&body));
    drop(store);
    let grown = size().saturating_sub(before);
    let store = open();
    let compressed = {
        use std::io::Write;
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = e.write_all(body.as_bytes());
        e.finish().map(|b| b.len() as u64).unwrap_or(0)
    };
    // The compressed body, plus the search side of its first 64 KiB, plus page slack.
    assert!(
        grown <= compressed + 256 * 1024,
        "grew {grown} bytes for a {} byte answer compressed to {compressed}",
        body.len()
    );
    let entry = store.history_get(id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(entry.response, body);
    // The start of the answer is searchable; what lies past the searchable prefix is not.
    assert_eq!(ids(&store, "3000000000007919"), [id]);
    assert!(ids(&store, "LATE-CODE-0001").is_empty());
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
