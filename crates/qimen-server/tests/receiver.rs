//! The provider receiver over real HTTP on 127.0.0.1: the public Qimen vector (domain reference §6
//! Example C) verifies, a changed byte or a stale timestamp does not, an oversize body is refused,
//! and every request is reported with credentials masked.

use qimen_core::clock::{Clock, FixedClock};
use qimen_core::sensitive::SecretString;
use qimen_server::receiver::{self, ReceiptVerdict, ReceivedRequest, ReceiverConfig};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

use qimen_core::sign::vectors::{
    EXAMPLE_C_BODY as BODY, EXAMPLE_C_MD5 as SIGN, QIMEN_SECRET as SECRET,
};
const SESSION: &str = "6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4";

fn example_c_query(extra: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    let base = qimen_core::sign::vectors::example_c();
    let base = base.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    for (k, v) in base.chain(extra.iter().copied()) {
        query.append_pair(k, v);
    }
    query.finish()
}

async fn receiver(config: ReceiverConfig) -> (receiver::RunningReceiver, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap());
    let as_clock: Arc<dyn Clock> = clock.clone();
    let running = receiver::start(config, as_clock, 0).await.unwrap();
    (running, clock)
}

async fn post(url: &str, body: impl Into<reqwest::Body>) -> (u16, String, String) {
    let response = qimen_core::client::http_client_builder()
        .build()
        .expect("an HTTP client")
        .post(url)
        .header("content-type", "text/xml;charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, content_type, response.text().await.unwrap())
}

async fn next_record(records: &mut broadcast::Receiver<ReceivedRequest>) -> ReceivedRequest {
    tokio::time::timeout(Duration::from_secs(5), records.recv())
        .await
        .expect("a record within 5 s")
        .expect("the channel is open")
}

#[tokio::test]
async fn the_public_qimen_vector_gets_the_canned_answer() {
    let (running, _clock) = receiver(ReceiverConfig::new(SecretString::from(SECRET))).await;
    let mut records = running.subscribe();
    let url = format!(
        "{}/qimen/wms?{}&sign={SIGN}",
        running.url(),
        example_c_query(&[])
    );
    let (status, content_type, text) = post(&url, BODY).await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/xml"), "{content_type}");
    assert_eq!(text, receiver::DEFAULT_SUCCESS_XML);

    let record = next_record(&mut records).await;
    assert_eq!(record.verdict, ReceiptVerdict::Accepted);
    assert_eq!(
        record.api_method.as_deref(),
        Some("taobao.qimen.entryorder.create")
    );
    assert_eq!(record.path, "/qimen/wms");
    assert_eq!(record.body_bytes, BODY.len());
    running.shutdown().await;
}

#[tokio::test]
async fn a_json_canned_answer_is_sent_as_json() {
    let mut config = ReceiverConfig::new(SecretString::from(SECRET));
    config.response = Some(r#"{"response":{"flag":"success","code":"0","message":"收到"}}"#.into());
    let (running, _clock) = receiver(config).await;
    let url = format!("{}/?{}&sign={SIGN}", running.url(), example_c_query(&[]));
    let (status, content_type, text) = post(&url, BODY).await;
    assert_eq!(status, 200);
    // The content type follows the canned text, not the request.
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    assert!(text.contains("收到"));
    running.shutdown().await;
}

#[tokio::test]
async fn a_changed_body_fails_the_sign_check_and_reports_what_to_sign() {
    let (running, _clock) = receiver(ReceiverConfig::new(SecretString::from(SECRET))).await;
    let mut records = running.subscribe();
    let url = format!(
        "{}/?{}&sign={SIGN}",
        running.url(),
        example_c_query(&[("session", SESSION)])
    );
    // planQty 10 -> 11: one changed byte (domain reference §6: SpiUtils returned false).
    let changed = BODY.replace("<planQty>10<", "<planQty>11<");
    let (status, _, text) = post(&url, changed).await;
    // Qimen providers answer failures with HTTP 200 and flag=failure.
    assert_eq!(status, 200);
    assert_eq!(
        text,
        "<response><flag>failure</flag><code>sign-check-failure</code><message>Illegal request</message></response>"
    );

    let record = next_record(&mut records).await;
    let ReceiptVerdict::SignMismatch {
        provided,
        expected,
        string_to_sign_masked,
    } = &record.verdict
    else {
        panic!("expected a mismatch, got {:?}", record.verdict);
    };
    assert_eq!(provided, SIGN);
    assert_ne!(expected, SIGN);
    // The string shows the changed body and never the secret or the session token.
    assert!(string_to_sign_masked.contains("<planQty>11<"));
    assert!(!string_to_sign_masked.contains(SECRET));
    assert!(!string_to_sign_masked.contains(SESSION));
    let session = record.query.iter().find(|(k, _)| k == "session").unwrap();
    assert_eq!(session.1, "******f4");
    let serialised = serde_json::to_string(&record).unwrap();
    assert!(!serialised.contains(SESSION) && !serialised.contains(SECRET));
    running.shutdown().await;
}

#[tokio::test]
async fn a_missing_sign_is_refused_in_the_requested_format() {
    let (running, _clock) = receiver(ReceiverConfig::new(SecretString::from(SECRET))).await;
    let mut records = running.subscribe();
    let query = example_c_query(&[]).replace("format=xml", "format=json");
    let url = format!("{}/?{query}", running.url());
    let (status, content_type, text) = post(&url, BODY).await;
    assert_eq!(status, 200);
    // format=json in the query: the failure is written as Qimen cloud JSON.
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["response"]["code"], "sign-check-failure");
    assert_eq!(
        next_record(&mut records).await.verdict,
        ReceiptVerdict::MissingSign
    );
    running.shutdown().await;
}

#[tokio::test]
async fn a_stale_timestamp_is_rejected_before_the_sign() {
    let (running, clock) = receiver(ReceiverConfig::new(SecretString::from(SECRET))).await;
    let mut records = running.subscribe();
    // Eleven minutes later, the same (correctly signed) request is outside the 10-minute window.
    clock.advance(chrono::Duration::minutes(11));
    let url = format!("{}/?{}&sign={SIGN}", running.url(), example_c_query(&[]));
    let (status, _, text) = post(&url, BODY).await;
    assert_eq!(status, 200);
    assert!(text.contains("<flag>failure</flag>"), "{text}");
    assert!(text.contains("<code>invalid-timestamp</code>"), "{text}");
    // The message says how far off the timestamp is and what the limit is.
    assert!(text.contains("11 minutes old"), "{text}");
    assert!(text.contains("10 allowed"), "{text}");
    let record = next_record(&mut records).await;
    assert!(matches!(
        record.verdict,
        ReceiptVerdict::BadTimestamp { .. }
    ));
    assert!(record.summary().contains("11 minutes old"));
    running.shutdown().await;
}

#[tokio::test]
async fn an_oversize_body_gets_413_with_a_qimen_failure() {
    let mut config = ReceiverConfig::new(SecretString::from(SECRET));
    config.max_body_bytes = 1024;
    let (running, _clock) = receiver(config).await;
    let mut records = running.subscribe();
    let url = format!("{}/?{}&sign={SIGN}", running.url(), example_c_query(&[]));
    let big = format!("<request>{}</request>", "x".repeat(4096));
    let (status, _, text) = post(&url, big.clone()).await;
    assert_eq!(status, 413);
    assert!(text.contains("<code>body-too-large</code>"), "{text}");
    let record = next_record(&mut records).await;
    assert_eq!(
        record.verdict,
        ReceiptVerdict::BodyTooLarge { limit_bytes: 1024 }
    );
    assert_eq!(record.body_bytes, big.len());

    // Without a Content-Length (chunked), the cap still holds while reading.
    let status_line = post_chunked(
        running.local_addr,
        &format!("/?{}&sign={SIGN}", example_c_query(&[])),
        2048,
    )
    .await;
    assert!(status_line.starts_with("HTTP/1.1 413"), "{status_line}");
    running.shutdown().await;
}

/// Sends a chunked body of `size` bytes (no Content-Length) and returns the status line.
async fn post_chunked(addr: std::net::SocketAddr, path_and_query: &str, size: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path_and_query} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/xml\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = "y".repeat(size);
    let framed = format!("{:x}\r\n{chunk}\r\n0\r\n\r\n", chunk.len());
    // The server may answer and close before reading everything; a write error is fine then.
    let _ = stream.write_all(framed.as_bytes()).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn an_empty_canned_answer_or_secret_is_refused_at_start() {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap());
    let err = receiver::start(
        ReceiverConfig::new(SecretString::from(" ")),
        clock.clone(),
        0,
    )
    .await
    .err()
    .unwrap();
    assert!(err.to_string().starts_with("secret:"));
    let mut config = ReceiverConfig::new(SecretString::from(SECRET));
    config.response = Some("  ".into());
    let err = receiver::start(config, clock, 0).await.err().unwrap();
    assert!(err.to_string().starts_with("response:"));
}
