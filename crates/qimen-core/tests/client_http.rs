//! The HTTP client against a real (tiny, local) server: what arrives is what was prepared, and every
//! way a call can fail to get an answer is reported as what it is.

use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::{header, HeaderMap};
use axum::routing::post;
use axum::Router;
use qimen_core::client::{sent_url, ClientError, ClientOptions, HttpClient, ProxySetting};
use qimen_core::clock::FixedClock;
use qimen_core::protocol::request::{prepare, CallSpec, PreparedRequest, RawBody};
use qimen_core::protocol::response::ResponseShape;
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_core::text::Lang;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const SECRET: &str = "b17cc059ffba3f6cf0d9131359d0be2a";

/// Starts `app` on 127.0.0.1 with a free port and returns its base URL.
async fn serve(app: Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

/// Answers with what it received: the raw query, the content type and the body, as JSON.
async fn echo(
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> ([(header::HeaderName, &'static str); 1], String) {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let echoed = serde_json::json!({
        "echo_response": {
            "query": query.unwrap_or_default(),
            "content_type": content_type,
            "body": String::from_utf8_lossy(&body),
            "request_id": "echo-1"
        }
    });
    (
        [(header::CONTENT_TYPE, "application/json;charset=UTF-8")],
        echoed.to_string(),
    )
}

fn client(options: ClientOptions) -> HttpClient {
    HttpClient::new(ClientOptions {
        proxy: ProxySetting::Direct,
        ..options
    })
    .expect("client")
}

fn clock() -> FixedClock {
    FixedClock::at_gmt8("2024-05-20 10:15:30").expect("valid time")
}

fn top_request(endpoint: &str) -> PreparedRequest {
    let mut spec = CallSpec::new(ApiFamily::Top, "taobao.trades.sold.get", "12345678");
    spec.params
        .insert("fields".into(), "tid,title,receiver_name".into());
    spec.params.insert("buyer_nick".into(), "杭州 小店".into());
    prepare(&spec, endpoint, &SecretString::from(SECRET), &clock()).expect("prepared")
}

fn pairs(encoded: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded.as_bytes())
        .into_owned()
        .collect()
}

#[tokio::test]
async fn query_and_form_arrive_as_sent() {
    let base = serve(Router::new().route("/router/rest", post(echo))).await;
    let req = top_request(&format!("{base}/router/rest"));
    assert!(
        !req.form.is_empty(),
        "business parameters travel in the form"
    );
    let exchange = client(ClientOptions::default())
        .send(&req)
        .await
        .expect("answer");

    assert_eq!(exchange.status, 200);
    assert_eq!(exchange.url, sent_url(&req));
    let result = exchange.parse();
    assert_eq!(result.shape, ResponseShape::TopJson);
    let data = &result.data;
    // The raw query on the wire is exactly the one `sent_url` shows …
    let raw_query = data["query"].as_str().expect("query");
    assert_eq!(format!("{base}/router/rest?{raw_query}"), sent_url(&req));
    // … with the timestamp's space as '+', as Java's URLEncoder writes it …
    assert!(
        raw_query.contains("timestamp=2024-05-20+10%3A15%3A30"),
        "{raw_query}"
    );
    // … and decodes to the prepared pairs, in order.
    assert_eq!(pairs(raw_query), req.query);
    assert_eq!(
        data["content_type"],
        "application/x-www-form-urlencoded;charset=UTF-8"
    );
    assert_eq!(pairs(data["body"].as_str().expect("body")), req.form);
    assert!(data["body"]
        .as_str()
        .is_some_and(|b| b.contains("buyer_nick=%E6%9D%AD%E5%B7%9E+%E5%B0%8F%E5%BA%97")));
}

#[tokio::test]
async fn an_xml_body_arrives_byte_identical_with_its_content_type() {
    let base = serve(Router::new().route("/router/qimen/service", post(echo))).await;
    let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<request>\n  <entryOrder><entryOrderCode>E20240520001</entryOrderCode><remark>加急 &amp; 易碎</remark></entryOrder>\n</request>";
    let mut spec = CallSpec::new(
        ApiFamily::QimenStandard,
        "taobao.qimen.entryorder.create",
        "23268761",
    );
    spec.customer_id = Some("stub-cust-code".into());
    spec.body = Some(RawBody::xml(xml));
    let req = prepare(
        &spec,
        &format!("{base}/router/qimen/service"),
        &SecretString::from(SECRET),
        &clock(),
    )
    .expect("prepared");
    let exchange = client(ClientOptions::default())
        .send(&req)
        .await
        .expect("answer");
    let data = exchange.parse().data;
    assert_eq!(data["body"], xml);
    assert_eq!(data["content_type"], "text/xml;charset=utf-8");
    assert_eq!(pairs(data["query"].as_str().expect("query")), req.query);
}

#[tokio::test]
async fn the_exchange_reports_size_headers_and_timings() {
    let base = serve(Router::new().route(
        "/r",
        post(|| async {
            (
                [(header::CONTENT_TYPE, "text/xml")],
                "<response><flag>success</flag></response>",
            )
        }),
    ))
    .await;
    let exchange = client(ClientOptions::default())
        .send(&top_request(&format!("{base}/r")))
        .await
        .expect("answer");
    assert_eq!(exchange.size_bytes, exchange.body.len());
    assert_eq!(exchange.content_type.as_deref(), Some("text/xml"));
    assert!(exchange
        .headers
        .iter()
        .any(|(k, v)| k == "content-type" && v == "text/xml"));
    assert!(exchange.timings.to_headers <= exchange.timings.total);
    assert_eq!(exchange.elapsed, exchange.timings.total);
    assert!(exchange.parse().success);
}

#[tokio::test]
async fn a_too_large_answer_is_refused() {
    let base = serve(Router::new().route("/big", post(|| async { "x".repeat(64 * 1024) }))).await;
    let options = ClientOptions {
        max_response_bytes: 1024,
        ..ClientOptions::default()
    };
    let err = client(options)
        .send(&top_request(&format!("{base}/big")))
        .await
        .expect_err("too large");
    assert_eq!(err, ClientError::ResponseTooLarge { limit: 1024 });
}

#[tokio::test]
async fn a_too_large_answer_without_a_length_is_cut_off_while_streaming() {
    // A server that announces no Content-Length and ends the body by closing the connection, so the
    // cap can only be enforced while reading.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        if let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let _ = socket
                .write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n",
                )
                .await;
            let chunk = vec![b'y'; 8 * 1024];
            for _ in 0..64 {
                if socket.write_all(&chunk).await.is_err() {
                    break;
                }
            }
        }
    });
    let options = ClientOptions {
        max_response_bytes: 16 * 1024,
        ..ClientOptions::default()
    };
    let err = client(options)
        .send(&top_request(&format!("http://{addr}/stream")))
        .await
        .expect_err("too large");
    assert_eq!(err, ClientError::ResponseTooLarge { limit: 16 * 1024 });
}

#[tokio::test]
async fn a_slow_server_is_reported_as_a_timeout() {
    let slow = post(|| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    });
    let base = serve(Router::new().route("/slow", slow)).await;
    let options = ClientOptions {
        timeout: Duration::from_millis(300),
        ..ClientOptions::default()
    };
    let err = client(options)
        .send(&top_request(&format!("{base}/slow")))
        .await
        .expect_err("timeout");
    assert_eq!(
        err,
        ClientError::Timeout {
            after: Duration::from_millis(300)
        }
    );
    assert!(err.message(Lang::ZhCn).contains("0.3 秒"));
}

#[tokio::test]
async fn a_refused_connection_is_reported_as_such() {
    // Take a free port, then close it: nothing listens there any more.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        listener.local_addr().expect("address").port()
    };
    let req = top_request(&format!("http://127.0.0.1:{port}/router/rest"));
    let err = client(ClientOptions::default())
        .send(&req)
        .await
        .expect_err("refused");
    match &err {
        ClientError::Connect { target, .. } => {
            assert_eq!(target, &format!("http://127.0.0.1:{port}"))
        }
        other => panic!("expected Connect, got {other:?}"),
    }
    assert!(err.message(Lang::En).contains("is the gateway running"));
    assert!(err.message(Lang::ZhCn).contains("网关是否已经启动"));
    // The query (with the signature and any session) stays out of the message.
    assert!(!err.to_string().contains("sign="), "{err}");
}

#[tokio::test]
async fn an_invalid_address_is_named() {
    let err = client(ClientOptions::default())
        .send(&top_request("gw.api.taobao.com/router/rest"))
        .await
        .expect_err("no scheme");
    match err {
        ClientError::InvalidUrl { url, .. } => assert_eq!(url, "gw.api.taobao.com/router/rest"),
        other => panic!("expected InvalidUrl, got {other:?}"),
    }
}
