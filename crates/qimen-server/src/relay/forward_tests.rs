//! Calls through the relay to the local gateway: what the caller gets and what is recorded.

use super::exchange::{UpstreamProblemKind, Verdict};
use super::test_support::*;
use super::RelayConfig;
use qimen_core::diagnose::CauseId;
use qimen_core::sign::vectors::EXAMPLE_C_BODY;
use serde_json::Value;
use std::time::Duration;

#[tokio::test]
async fn a_good_call_gets_the_platform_answer_and_is_recorded_valid() {
    let clock = clock();
    let gateway = gateway(clock.clone()).await;
    let (relay, sink) = relay(&gateway.base_url(), Some(DEMO_ERP_SECRET), clock).await;
    let pairs = signed(
        "taobao.time.get",
        &[("format", "json")],
        None,
        DEMO_ERP_SECRET,
    );
    let url = format!("{}/router/rest?{}", relay.base_url(), query(&pairs));
    let answer = http().get(&url).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    let body: Value = json(answer).await;
    assert_eq!(body["time_get_response"]["time"], NOW_GMT8, "{body}");

    let exchange = sink.next().await;
    assert_eq!(exchange.id, 1);
    assert_eq!(exchange.verdict, Verdict::Valid);
    assert!(exchange.diagnosis.as_ref().is_some_and(|d| d.valid));
    assert_eq!(exchange.api.as_deref(), Some("taobao.time.get"));
    assert_eq!(
        (exchange.http_method.as_str(), exchange.path.as_str()),
        ("GET", "/router/rest")
    );
    assert_eq!(exchange.status, Some(200));
    assert_eq!(exchange.platform_code, None);
    assert!(exchange.upstream_error.is_none());
    assert!(exchange.response_body.contains(NOW_GMT8));
    assert_eq!(exchange.response_bytes, exchange.response_body.len() as u64);
    assert!(exchange
        .response_content_type
        .as_deref()
        .is_some_and(|t| t.contains("json")));
    relay.shutdown().await;
    gateway.shutdown().await;
}

#[tokio::test]
async fn a_wrong_secret_gets_code_25_from_upstream_and_the_diagnosis_says_why() {
    let clock = clock();
    let gateway = gateway(clock.clone()).await;
    let (relay, sink) = relay(&gateway.base_url(), Some(DEMO_ERP_SECRET), clock).await;
    let pairs = signed(
        "taobao.time.get",
        &[("format", "json")],
        None,
        "not-the-secret-of-this-app-0000",
    );
    let url = format!("{}/router/rest?{}", relay.base_url(), query(&pairs));
    let body: Value = json(http().get(&url).send().await.unwrap()).await;
    assert_eq!(body["error_response"]["code"], 25, "{body}");

    let exchange = sink.next().await;
    assert_eq!(exchange.verdict, Verdict::Invalid);
    assert_eq!(exchange.platform_code.as_deref(), Some("25"));
    let diagnosis = exchange.diagnosis.expect("a diagnosis");
    assert!(
        diagnosis
            .causes
            .iter()
            .any(|c| c.id == CauseId::WrongSecret),
        "{:?}",
        diagnosis.causes
    );
    relay.shutdown().await;
    gateway.shutdown().await;
}

#[tokio::test]
async fn a_qimen_xml_call_passes_and_without_a_secret_is_unchecked() {
    let clock = clock();
    let gateway = gateway(clock.clone()).await;
    let (relay, sink) = relay(&gateway.base_url(), None, clock).await;
    let pairs = signed(
        "taobao.qimen.entryorder.create",
        &[("customerId", "OWNER01"), ("format", "xml")],
        Some(EXAMPLE_C_BODY),
        DEMO_ERP_SECRET,
    );
    let url = format!(
        "{}/router/qimen/service?{}",
        relay.base_url(),
        query(&pairs)
    );
    let answer = http()
        .post(&url)
        .header("content-type", "text/xml;charset=utf-8")
        .body(EXAMPLE_C_BODY)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(answer.contains("<flag>success</flag>"), "{answer}");
    let exchange = sink.next().await;
    assert_eq!(exchange.verdict, Verdict::Unchecked);
    assert!(exchange.diagnosis.is_none());
    assert_eq!(exchange.request_bytes, EXAMPLE_C_BODY.len() as u64);
    assert_eq!(exchange.request.body.as_deref(), Some(EXAMPLE_C_BODY));
    assert_eq!(exchange.platform_code.as_deref(), Some("0"));
    relay.shutdown().await;
    gateway.shutdown().await;
}

#[tokio::test]
async fn an_upstream_that_is_down_gets_a_platform_error_in_the_callers_format() {
    let port = closed_port().await;
    let (relay, sink) = relay(&format!("http://127.0.0.1:{port}"), None, clock()).await;
    let pairs = signed(
        "taobao.time.get",
        &[("format", "json")],
        None,
        DEMO_ERP_SECRET,
    );
    let url = format!("{}/router/rest?{}", relay.base_url(), query(&pairs));
    let answer = http().get(&url).send().await.unwrap();
    assert_eq!(
        answer.status(),
        200,
        "HTTP 200, as the platform sends errors"
    );
    let body: Value = json(answer).await;
    assert_eq!(body["error_response"]["code"], 15, "{body}");
    assert_eq!(
        body["error_response"]["sub_code"],
        "isp.relay-upstream-unreachable"
    );
    let exchange = sink.next().await;
    let problem = exchange.upstream_error.expect("why there is no answer");
    assert_eq!(problem.kind, UpstreamProblemKind::Unreachable);
    assert_eq!((exchange.status, exchange.platform_code), (None, None));
    assert!(exchange
        .response_body
        .contains("isp.relay-upstream-unreachable"));

    // A Qimen standard call without `format` gets the Qimen XML failure shape.
    let pairs = signed(
        "taobao.qimen.entryorder.create",
        &[("customerId", "OWNER01")],
        Some(EXAMPLE_C_BODY),
        DEMO_ERP_SECRET,
    );
    let url = format!(
        "{}/router/qimen/service?{}",
        relay.base_url(),
        query(&pairs)
    );
    let answer = http()
        .post(&url)
        .header("content-type", "text/xml")
        .body(EXAMPLE_C_BODY)
        .send()
        .await
        .unwrap();
    assert!(answer.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("xml"));
    let xml = answer.text().await.unwrap();
    assert!(
        xml.contains("<response><flag>failure</flag><code>15</code>"),
        "{xml}"
    );
    assert!(
        xml.contains("<sub_code>isp.relay-upstream-unreachable</sub_code>"),
        "{xml}"
    );
    relay.shutdown().await;
}

#[tokio::test]
async fn a_slow_upstream_times_out_with_its_own_sub_code() {
    let app = axum::Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (relay, sink) =
        relay_with(RelayConfig::new(base), clock(), Duration::from_millis(300)).await;
    let url = format!(
        "{}/router/rest?method=taobao.time.get&format=json",
        relay.base_url()
    );
    let body: Value = json(http().get(&url).send().await.unwrap()).await;
    assert_eq!(
        body["error_response"]["sub_code"], "isp.relay-upstream-timeout",
        "{body}"
    );
    let exchange = sink.next().await;
    assert_eq!(
        exchange.upstream_error.map(|p| p.kind),
        Some(UpstreamProblemKind::TimedOut)
    );
    relay.shutdown().await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_413_and_the_relay_keeps_serving() {
    let clock = clock();
    let gateway = gateway(clock.clone()).await;
    let (relay, sink) = relay(&gateway.base_url(), None, clock).await;
    let url = format!("{}/router/rest?format=json", relay.base_url());
    let big = vec![b'x'; 5 * 1024 * 1024];
    let answer = http()
        .post(&url)
        .header("content-type", "text/plain")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 413);
    let body: Value = json(answer).await;
    assert_eq!(body["error_response"]["code"], 41, "{body}");
    assert_eq!(
        body["error_response"]["sub_code"],
        "isv.invalid-parameter:body"
    );
    let exchange = sink.next().await;
    assert_eq!(
        exchange.upstream_error.as_ref().map(|p| p.kind),
        Some(UpstreamProblemKind::TooLarge)
    );
    assert_eq!(exchange.request_bytes, 5 * 1024 * 1024);
    assert_eq!(exchange.status, None);

    let pairs = signed(
        "taobao.time.get",
        &[("format", "json")],
        None,
        DEMO_ERP_SECRET,
    );
    let url = format!("{}/router/rest?{}", relay.base_url(), query(&pairs));
    let body: Value = json(http().get(&url).send().await.unwrap()).await;
    assert_eq!(body["time_get_response"]["time"], NOW_GMT8);
    relay.shutdown().await;
    gateway.shutdown().await;
}

#[tokio::test]
async fn the_session_and_the_secret_appear_nowhere_in_the_record() {
    let clock = clock();
    let gateway = gateway(clock.clone()).await;
    let (relay, sink) = relay(&gateway.base_url(), Some(DEMO_ERP_SECRET), clock).await;
    // The session in the query and in the form, and a wrong sign so the diagnosis quotes values.
    let mut pairs = signed(
        "taobao.trades.sold.get",
        &[("session", SESSION), ("fields", "tid")],
        None,
        "another-secret-0000000000000",
    );
    let form = vec![("session".to_string(), SESSION.to_string())];
    pairs.retain(|(k, _)| k != "fields");
    let url = format!("{}/router/rest?{}", relay.base_url(), query(&pairs));
    http()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("fields=tid&{}", query(&form)))
        .send()
        .await
        .unwrap();
    let exchange = sink.next().await;
    let text = serde_json::to_string(&exchange).unwrap();
    assert!(!text.contains(SESSION), "{text}");
    assert!(!text.contains(&SESSION[..20]), "{text}");
    assert!(!text.contains(DEMO_ERP_SECRET), "{text}");
    assert!(
        text.contains("******aa"),
        "the session's mask is shown: {text}"
    );
    assert_eq!(exchange.verdict, Verdict::Invalid);
    relay.shutdown().await;
    gateway.shutdown().await;
}
