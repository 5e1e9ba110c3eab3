//! The listener under fire: 10 000 random or malformed requests (random paths, methods and query
//! strings, guessed states, oversized headers, garbage bytes over raw TCP) while a real
//! authorization completes through the gateway's consent page. Nothing crashes, no stray request
//! is ever taken for the redirect, and the code captured is the one the platform issued.

mod support;

use qimen_core::sensitive::SecretString;
use qimen_workbench::oauth::{
    authorize_url, exchange_code, listen, new_state, parse_pasted, Captured, ListenerConfig,
    TokenEndpoint, View,
};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::oauth::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOTAL: usize = 10_000;
const WORKERS: usize = 8;
/// The real authorization starts once this many stray requests were sent.
const REAL_AFTER: usize = 9_000;

fn random_text(rng: &mut StdRng, max: usize) -> String {
    const CHARS: &[u8] = b"abcXYZ019-_.~%&=?/#+ <>\"'\\\x01\xff";
    let len = rng.random_range(0..max);
    let bytes: Vec<u8> = (0..len)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())])
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// One stray HTTP request; returns the status when one came back.
async fn stray_http(client: &reqwest::Client, base: &str, rng: &mut StdRng) -> Option<u16> {
    let path = match rng.random_range(0..4) {
        0 => "/cb".to_string(),
        1 => "/".to_string(),
        2 => format!("/cb/{}", rng.random_range(0..1000)),
        _ => format!(
            "/{}",
            percent_encoding::utf8_percent_encode(
                &random_text(rng, 40),
                percent_encoding::NON_ALPHANUMERIC
            )
        ),
    };
    let query = match rng.random_range(0..5) {
        0 => format!(
            "code={}&state={}",
            rng.random_range(0..u64::MAX),
            new_state(rng)
        ),
        1 => format!("error=access_denied&state={}", random_text(rng, 20)),
        2 => "code=abc".to_string(),
        3 => form_urlencoded::Serializer::new(String::new())
            .append_pair(&random_text(rng, 10), &random_text(rng, 60))
            .finish(),
        _ => String::new(),
    };
    let url = format!("{base}{path}?{query}");
    let method = match rng.random_range(0..6) {
        0 => reqwest::Method::POST,
        1 => reqwest::Method::PUT,
        2 => reqwest::Method::DELETE,
        _ => reqwest::Method::GET,
    };
    let mut request = client.request(method, &url);
    if rng.random_range(0..20) == 0 {
        // Far over the 16 KiB limit on a request head.
        request = request.header("x-padding", "p".repeat(40_000));
    }
    request.send().await.ok().map(|r| r.status().as_u16())
}

/// Garbage over a raw connection: random bytes, a huge request line, or half a request.
async fn stray_raw(addr: std::net::SocketAddr, rng: &mut StdRng) {
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
        return;
    };
    let bytes: Vec<u8> = match rng.random_range(0..3) {
        0 => (0..rng.random_range(1..2048))
            .map(|_| rng.random::<u8>())
            .collect(),
        1 => format!("GET /cb?{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(30_000)).into_bytes(),
        _ => b"GET /cb?code=1&state=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ".to_vec(),
    };
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 1024];
    let _ = tokio::time::timeout(Duration::from_millis(500), stream.read(&mut sink)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_stray_requests_while_a_real_authorization_completes() {
    let gw = Gateway::start().await;
    let mut seed = StdRng::seed_from_u64(20_240_520);
    let state = new_state(&mut seed);
    let listener = listen(ListenerConfig {
        port: 0,
        path: "/cb".into(),
        state: state.clone(),
        timeout: Duration::from_secs(60),
    })
    .await
    .expect("listener");
    let addr = listener.local_addr();
    let base = format!("http://{addr}");
    let sent = Arc::new(AtomicUsize::new(0));
    let wrongly_accepted = Arc::new(AtomicUsize::new(0));
    let answered = Arc::new(AtomicUsize::new(0));

    let mut workers = Vec::new();
    for worker in 0..WORKERS {
        let (sent, wrong, base) = (sent.clone(), wrongly_accepted.clone(), base.clone());
        let answered = answered.clone();
        workers.push(tokio::spawn(async move {
            let client = qimen_core::client::http_client_builder()
                .no_proxy()
                .timeout(Duration::from_secs(5))
                .build()
                .expect("client");
            let mut rng = StdRng::seed_from_u64(worker as u64);
            while sent.fetch_add(1, Ordering::Relaxed) < TOTAL {
                if rng.random_range(0..10) < 3 {
                    stray_raw(addr, &mut rng).await;
                } else if let Some(status) = stray_http(&client, &base, &mut rng).await {
                    answered.fetch_add(1, Ordering::Relaxed);
                    if status < 400 {
                        wrong.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }

    while sent.load(Ordering::Relaxed) < REAL_AFTER {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The real authorization, in the middle of the storm.
    let redirect = format!("{base}/cb");
    let url = authorize_url(
        &gw.url("/authorize"),
        DEMO_ERP_APP_KEY,
        &redirect,
        &state,
        View::Web,
    );
    let browser = browser();
    let location = consent(&browser, &url, "approve").await;
    let issued = match parse_pasted(&location, Some(&state)) {
        Ok(Captured::Code { code, .. }) => code,
        other => panic!("the platform issued a code: {other:?}"),
    };
    let (status, page) = visit(&browser, &location).await;
    assert_eq!(status, 200, "{page}");

    for worker in workers {
        worker.await.expect("no worker panicked");
    }
    assert!(sent.load(Ordering::Relaxed) >= TOTAL);
    // Every stray request that got an answer got a refusal.
    assert_eq!(wrongly_accepted.load(Ordering::Relaxed), 0);
    // The storm really reached a listening server: about 70 % of the 9 000 sent before the
    // capture are HTTP requests, nearly all answered (a 400, or 431 for the oversized heads).
    assert!(answered.load(Ordering::Relaxed) > 5_000, "{answered:?}");
    let captured = listener
        .wait()
        .await
        .expect("the real redirect was captured");
    let code = match &captured {
        Captured::Code { code, .. } => code.clone(),
        Captured::Denied { error, .. } => panic!("denied: {error}"),
    };
    assert_eq!(
        code, issued,
        "the code captured is the one the platform issued"
    );
    let tokens = exchange_code(
        &http(Duration::from_secs(5)),
        gw.clock.as_ref(),
        &TokenEndpoint::OAuth(gw.url("/token")),
        DEMO_ERP_APP_KEY,
        &SecretString::from(DEMO_ERP_SECRET),
        &code,
        &redirect,
    )
    .await
    .expect("and it works");
    assert_eq!(tokens.taobao_user_nick.as_deref(), Some(DEMO_NICK));
    gw.running.shutdown().await;
}
