//! The relay changes no byte it forwards: method, path, query string, headers that matter and
//! body reach the upstream exactly as the caller sent them, and the answer comes back unchanged.

use super::test_support::*;
use super::RelayConfig;
use std::time::Duration;

/// A query string no encoder writes this way: lower-case escapes, `+` and `%20`, escaped and raw
/// reserved characters, a blank value, a name without `=`, a GBK value (%D6%D0 is 中 in GBK) and a
/// broken escape.
const ODD_QUERY: &str = "method=taobao.time.get&a=%e6%97%a5&b=a+b%20c&c=%2B%2b&d=*~!()&e=%D6%D0&f=&g&h=a=b&i=/?:@,;$&j=%zz";

#[tokio::test]
async fn an_odd_get_query_reaches_the_upstream_byte_for_byte() {
    let (base, seen) = echo().await;
    let (relay, sink) = relay(&base, None, clock()).await;
    let url = format!("{}/router/rest?{ODD_QUERY}", relay.base_url());
    let answer = http().get(&url).send().await.unwrap();
    assert_eq!(
        answer.headers()["x-upstream"],
        "echo",
        "response headers pass"
    );
    let got = seen.lock().unwrap()[0].clone();
    assert_eq!(got.method, "GET");
    assert_eq!(got.target, format!("/router/rest?{ODD_QUERY}"));
    let exchange = sink.next().await;
    assert_eq!(exchange.request.raw_query, ODD_QUERY);
    assert_eq!(exchange.request.param("e"), Some("\u{fffd}\u{fffd}"));
    relay.shutdown().await;
}

#[tokio::test]
async fn characters_an_url_parser_would_re_encode_are_sent_as_received() {
    // A raw apostrophe (JavaScript's encodeURIComponent leaves it) and raw UTF-8: written over a
    // plain socket, as a sloppy client would. (`"`, `<` and `>` are refused by the listener itself.)
    let (base, seen) = echo().await;
    let (relay, _sink) = relay(&base, None, clock()).await;
    let target = "/router/qm?method=x&note=it's&nick=旺店通&set={a|b}^`";
    // What reqwest's URL type would have sent instead, hence the direct path for such a request.
    let reencoded = url::Url::parse(&format!("{base}{target}")).unwrap();
    assert_ne!(&reencoded[url::Position::BeforePath..], target);
    let head = format!("GET {target} HTTP/1.1\r\nHost: {}", relay.addr());
    let answer = raw_http(relay.addr(), &head, b"").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(seen.lock().unwrap()[0].target, target);
    relay.shutdown().await;
}

#[tokio::test]
async fn a_form_post_and_its_headers_reach_the_upstream_unchanged() {
    let (base, seen) = echo().await;
    let (relay, _sink) = relay(&base, None, clock()).await;
    let body = "fields=tid%2Ctitle&nick=%E6%97%BA+x&odd=%zz&empty=";
    let url = format!(
        "{}/router/rest?method=taobao.trades.sold.get&format=xml",
        relay.base_url()
    );
    http()
        .post(&url)
        .header(
            "content-type",
            "application/x-www-form-urlencoded;charset=UTF-8",
        )
        .header("user-agent", "top-sdk-java")
        .header("top-sign-list", "x-shop")
        .header("x-shop", "%E6%97%BA")
        .header("accept-encoding", "gzip")
        .header("connection", "keep-alive, x-drop-me")
        .header("x-drop-me", "1")
        .body(body)
        .send()
        .await
        .unwrap();
    let got = seen.lock().unwrap()[0].clone();
    assert_eq!(got.method, "POST");
    assert_eq!(&got.body[..], body.as_bytes());
    assert_eq!(
        got.header("content-type"),
        Some(&b"application/x-www-form-urlencoded;charset=UTF-8"[..])
    );
    assert_eq!(got.header("user-agent"), Some(&b"top-sdk-java"[..]));
    assert_eq!(got.header("top-sign-list"), Some(&b"x-shop"[..]));
    assert_eq!(got.header("x-shop"), Some(&b"%E6%97%BA"[..]));
    // The upstream's own Host; no hop-by-hop header, nothing named in Connection, no compression.
    let host = base.trim_start_matches("http://");
    assert_eq!(got.header("host"), Some(host.as_bytes()));
    assert_eq!(got.header("x-drop-me"), None);
    assert_eq!(got.header("accept-encoding"), None);
    relay.shutdown().await;
}

#[tokio::test]
async fn a_raw_xml_body_in_another_encoding_and_any_verb_pass_unchanged() {
    let (base, seen) = echo().await;
    let (relay, sink) = relay(&base, None, clock()).await;
    // `<a>中</a>` in GBK: not UTF-8, forwarded all the same.
    let mut body = b"<?xml version=\"1.0\" encoding=\"GBK\"?><request><a>".to_vec();
    body.extend_from_slice(&[0xD6, 0xD0]);
    body.extend_from_slice(b"</a></request>");
    let url = format!(
        "{}/router/qimen/service?method=taobao.qimen.entryorder.create&customerId=C1",
        relay.base_url()
    );
    http()
        .put(&url)
        .header("content-type", "text/xml;charset=GBK")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    let got = seen.lock().unwrap()[0].clone();
    assert_eq!(got.method, "PUT");
    assert_eq!(&got.body[..], &body[..]);
    assert_eq!(
        got.header("content-type"),
        Some(&b"text/xml;charset=GBK"[..])
    );
    let exchange = sink.next().await;
    assert_eq!(exchange.request_bytes, body.len() as u64);
    relay.shutdown().await;
}

#[tokio::test]
async fn a_large_answer_streams_back_whole_and_is_recorded_cut() {
    let big = "x".repeat(600 * 1024);
    let answer_body = big.clone();
    let app = axum::Router::new().fallback(move || {
        let body = answer_body.clone();
        async move { ([("content-type", "text/plain")], body) }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (relay, sink) = relay_with(RelayConfig::new(base), clock(), Duration::from_secs(60)).await;
    let got = http()
        .get(format!("{}/router/rest", relay.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(got, big, "the caller gets all of it");
    let exchange = sink.next().await;
    assert!(exchange.response_truncated);
    assert_eq!(exchange.response_body.len(), super::RECORDED_BODY_BYTES);
    assert_eq!(exchange.response_bytes, big.len() as u64);
    relay.shutdown().await;
}
