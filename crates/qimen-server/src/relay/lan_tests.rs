//! LAN access: the path token, the allow-list, the Host names answered.

use super::lan;
use super::test_support::*;
use super::{LanAccess, RelayConfig, RelayError};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tower::ServiceExt;

fn access(allowed: &[&str]) -> LanAccess {
    LanAccess {
        bind: IpAddr::from([127, 0, 0, 1]),
        path_token: "t0ken-for-tests".into(),
        allowed_clients: allowed.iter().map(|a| a.parse().unwrap()).collect(),
    }
}

/// The guard over a router that echoes the path it was given, called as if from `peer`.
async fn through_guard(peer: &str, target: &str) -> (StatusCode, String) {
    let inner = Router::new().fallback(|request: axum::extract::Request| async move {
        request.uri().to_string().into_response()
    });
    let guarded = lan::guard(inner, access(&["192.168.1.7"]));
    let mut request = Request::builder().uri(target).body(Body::empty()).unwrap();
    let peer: SocketAddr = format!("{peer}:50000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    let answer = guarded.oneshot(request).await.unwrap();
    let status = answer.status();
    let bytes = axum::body::to_bytes(answer.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn only_listed_clients_and_this_machine_are_served_under_the_token() {
    let (status, path) = through_guard("192.168.1.7", "/t0ken-for-tests/router/qm?a=%41&b").await;
    assert_eq!(
        (status, path.as_str()),
        (StatusCode::OK, "/router/qm?a=%41&b")
    );
    let (status, path) = through_guard("127.0.0.1", "/t0ken-for-tests?x=1").await;
    assert_eq!((status, path.as_str()), (StatusCode::OK, "/?x=1"));
    let (status, text) = through_guard("192.168.1.8", "/t0ken-for-tests/router/qm").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(text.contains("192.168.1.8"), "{text}");
    for wrong in [
        "/router/qm",
        "/t0ken-for-testsX/router/qm",
        "/other/router/qm",
        "/",
    ] {
        let (status, _) = through_guard("192.168.1.7", wrong).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{wrong}");
    }
}

#[tokio::test]
async fn a_lan_relay_needs_the_token_strips_it_and_answers_to_ip_hosts_only() {
    let (base, seen) = echo().await;
    let mut config = RelayConfig::new(base);
    config.lan = Some(access(&["10.1.2.3"]));
    let (relay, sink) = relay_with(config, clock(), Duration::from_secs(60)).await;
    let port = relay.addr().port();
    assert_eq!(
        relay.base_url(),
        format!("http://127.0.0.1:{port}/t0ken-for-tests")
    );

    let ok = http()
        .get(format!("{}/router/qm?method=m", relay.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(seen.lock().unwrap()[0].target, "/router/qm?method=m");
    assert_eq!(sink.next().await.path, "/router/qm");

    let missing = http()
        .get(format!("http://127.0.0.1:{port}/router/qm?method=m"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    // An IP address names the relay on the LAN; a DNS name never does (rebinding).
    let head = format!("GET /t0ken-for-tests/router/qm HTTP/1.1\r\nHost: 192.168.1.20:{port}");
    let answer = raw_http(relay.addr(), &head, b"").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let head = format!("GET /t0ken-for-tests/router/qm HTTP/1.1\r\nHost: relay.example.com:{port}");
    let answer = raw_http(relay.addr(), &head, b"").await;
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    relay.shutdown().await;
}

#[tokio::test]
async fn a_loopback_relay_answers_to_loopback_names_only() {
    let (base, _seen) = echo().await;
    let (relay, _sink) = relay(&base, None, clock()).await;
    let port = relay.addr().port();
    let head = format!("GET /router/qm HTTP/1.1\r\nHost: 192.168.1.20:{port}");
    let answer = raw_http(relay.addr(), &head, b"").await;
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    relay.shutdown().await;
}

#[tokio::test]
async fn weak_lan_settings_are_refused() {
    let mut lan = access(&["10.1.2.3"]);
    lan.path_token = "short".into();
    assert!(matches!(lan::check(&lan), Err(RelayError::BadLan { .. })));
    lan.path_token = "has/slash-in-it".into();
    assert!(lan::check(&lan).is_err());
    let lan = access(&[]);
    assert!(matches!(lan::check(&lan), Err(RelayError::BadLan { .. })));
    let fresh = LanAccess::new(
        IpAddr::from([0, 0, 0, 0]),
        vec!["10.1.2.3".parse().unwrap()],
    );
    assert!(lan::check(&fresh).is_ok());
    assert_ne!(
        fresh.path_token,
        LanAccess::new(fresh.bind, vec![]).path_token
    );
}
