//! The traffic log without a relay: the memory cap, the list's filter and pages, rotation and
//! clearing of `traffic.jsonl`, and the event's name as the UI types it.

use super::ipc::{TrafficEvent, TrafficQuery, EXCHANGE_EVENT};
use super::log::{Origin, TrafficLog, TRAFFIC_LOG_FILE, TRAFFIC_LOG_ROTATED};
use qimen_core::captured::CapturedRequest;
use qimen_server::relay::{Exchange, Verdict};
use std::path::PathBuf;
use std::sync::Arc;

fn exchange(id: u64, api: &str, verdict: Verdict) -> Exchange {
    let request = CapturedRequest::from_parts(
        "http://127.0.0.1:18088/router/rest",
        &[("method".to_string(), api.to_string())],
        &[],
        None,
    );
    Exchange {
        id,
        at: chrono::Utc::now(),
        api: Some(api.to_string()),
        http_method: "POST".into(),
        path: "/router/rest".into(),
        request,
        verdict,
        diagnosis: None,
        status: Some(200),
        platform_code: None,
        platform_sub_code: None,
        upstream_error: None,
        latency_ms: 3,
        request_bytes: 0,
        response_bytes: 40,
        response_content_type: Some("application/json".into()),
        response_body: r#"{"time_get_response":{"time":"2024-05-01 16:00:00"}}"#.into(),
        response_truncated: false,
    }
}

fn origin() -> Arc<Origin> {
    Arc::new(Origin {
        upstream: "local".into(),
        upstream_url: "http://127.0.0.1:18080".into(),
        profile_id: None,
        profile_name: None,
    })
}

fn scratch(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "qimen-traffic-{label}-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

#[test]
fn the_event_name_is_the_one_the_ui_listens_to() {
    let named = serde_json::to_value(TrafficEvent::Exchange).expect("json");
    assert_eq!(named, serde_json::Value::String(EXCHANGE_EVENT.into()));
}

#[test]
fn memory_keeps_the_newest_and_lists_them_newest_first_filtered_and_paged() {
    let dir = scratch("cap");
    let log = TrafficLog::new(&dir, 3);
    let origin = origin();
    for id in 1..=5 {
        let verdict = if id % 2 == 0 {
            Verdict::Invalid
        } else {
            Verdict::Valid
        };
        log.record(
            exchange(id, &format!("taobao.api{id}.get"), verdict),
            &origin,
        );
    }
    assert_eq!(log.len(), 3);
    assert!(log.get(2).is_none() && log.get(3).is_some());
    let all = log.list(&TrafficQuery::default());
    let ids: Vec<u64> = all.items.iter().map(|s| s.id).collect();
    assert_eq!((all.total, ids), (3, vec![5, 4, 3]));
    let failures = log.list(&TrafficQuery {
        only_failures: true,
        ..TrafficQuery::default()
    });
    assert_eq!(failures.items.iter().map(|s| s.id).collect::<Vec<_>>(), [4]);
    let words = log.list(&TrafficQuery {
        text: Some("API5 ROUTER".into()),
        ..TrafficQuery::default()
    });
    assert_eq!(words.total, 1);
    let second = log.list(&TrafficQuery {
        offset: 1,
        limit: 1,
        ..TrafficQuery::default()
    });
    assert_eq!((second.total, second.items[0].id), (3, 4));
    // Every exchange is in the file, the ones memory let go too.
    let text = std::fs::read_to_string(dir.join(TRAFFIC_LOG_FILE)).expect("the log");
    assert_eq!(text.lines().count(), 5);
    assert!(text
        .lines()
        .all(|l| l.contains("\"upstream\":\"http://127.0.0.1:18080\"")));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_file_rotates_by_size_and_clear_empties_both() {
    let dir = scratch("rotate");
    let log = TrafficLog::new(&dir, 10).rotating_at(200);
    let origin = origin();
    for id in 1..=4 {
        log.record(exchange(id, "taobao.time.get", Verdict::Valid), &origin);
    }
    assert!(dir.join(TRAFFIC_LOG_ROTATED).exists());
    let current = std::fs::read_to_string(dir.join(TRAFFIC_LOG_FILE)).expect("the log");
    assert!(current.lines().count() < 4);
    log.clear().expect("cleared");
    assert_eq!(log.len(), 0);
    assert!(!dir.join(TRAFFIC_LOG_FILE).exists() && !dir.join(TRAFFIC_LOG_ROTATED).exists());
    log.record(exchange(5, "taobao.time.get", Verdict::Valid), &origin);
    assert!(
        dir.join(TRAFFIC_LOG_FILE).exists(),
        "a new file after clear"
    );
    let _ = std::fs::remove_dir_all(dir);
}
