//! Starting the relay, naming its upstream, and its errors in both languages.

use super::test_support::*;
use super::upstream::Upstream;
use super::{resolve_upstream, start, RelayConfig, RelayError};
use qimen_core::text::Lang;
use std::sync::Arc;

const GATEWAY: &str = "http://127.0.0.1:18080";

#[test]
fn names_resolve_to_the_origin_of_their_routers() {
    let cases = [
        ("production", "http://qimen.api.taobao.com"),
        ("qimen-test", "http://qimen.api.taobao.com"),
        ("sandbox", "http://qimenapi.tbsandbox.com"),
        ("local", GATEWAY),
        ("LOCAL", GATEWAY),
        ("https://eco.taobao.com", "https://eco.taobao.com"),
        ("https://eco.taobao.com/", "https://eco.taobao.com"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("http://example.com:80", "http://example.com"),
    ];
    for (name, base) in cases {
        assert_eq!(
            resolve_upstream(name, GATEWAY).as_deref(),
            Ok(base),
            "{name}"
        );
    }
}

#[test]
fn a_bad_upstream_says_what_is_wrong_in_both_languages() {
    for bad in [
        "nowhere",
        "ftp://example.com",
        "http://example.com/router/rest",
        "http://example.com?x=1",
        "http://user:pw@example.com",
    ] {
        let error = resolve_upstream(bad, GATEWAY).unwrap_err();
        assert!(matches!(error, RelayError::BadUpstream { .. }), "{bad}");
        assert_eq!(error.code(), "relay.bad_upstream");
        assert!(error.message(Lang::En).contains(bad), "{bad}");
        assert!(error.message(Lang::ZhCn).contains("上游"), "{bad}");
    }
    let error = resolve_upstream("http://example.com/router/rest", GATEWAY).unwrap_err();
    assert!(error.message(Lang::En).contains("path"), "{error}");
}

#[test]
fn upstreams_know_their_host_header_and_whether_they_are_local() {
    let u = Upstream::parse("http://localhost:8080").unwrap();
    assert_eq!(
        (u.authority.as_str(), u.port, u.loopback),
        ("localhost:8080", 8080, true)
    );
    let u = Upstream::parse("https://eco.taobao.com").unwrap();
    assert_eq!(
        (u.authority.as_str(), u.port, u.loopback, u.https),
        ("eco.taobao.com", 443, false, true)
    );
    let u = Upstream::parse("http://[::1]:81").unwrap();
    assert_eq!(u.connect_to(), ("::1".to_string(), 81));
    assert_eq!(u.target("/router/qm?a=1"), "http://[::1]:81/router/qm?a=1");
}

#[tokio::test]
async fn a_busy_port_and_a_loop_to_itself_are_refused() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut config = RelayConfig::new("http://127.0.0.1:18080");
    config.port = port;
    let error = start(config, Arc::new(Collect::default()), clock())
        .await
        .unwrap_err();
    assert_eq!(error, RelayError::PortInUse { port });
    assert!(error.message(Lang::ZhCn).contains("已被其他程序占用"));
    drop(taken);

    let free = closed_port().await;
    let mut config = RelayConfig::new(format!("http://127.0.0.1:{free}"));
    config.port = free;
    let error = start(config, Arc::new(Collect::default()), clock())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("loop"), "{error}");
}

#[tokio::test]
async fn the_upstream_check_tells_a_live_upstream_from_a_dead_one() {
    let (base, _seen) = echo().await;
    assert_eq!(super::check_upstream(&base).await, Ok(()));
    let dead = format!("http://127.0.0.1:{}", closed_port().await);
    let error = super::check_upstream(&dead).await.unwrap_err();
    assert_eq!(error.code(), "relay.upstream_unreachable");
    assert!(error.message(Lang::En).contains(&dead), "{error}");
}
