//! Token exchange failures, each mapped to what the user should do: an expired or reused code, a
//! redirect_uri mismatch, a refused AppSecret, and a token endpoint that is down, slow or answers
//! garbage; and the token API's own errors.

mod support;

use chrono::Duration as ChronoDuration;
use qimen_core::sensitive::SecretString;
use qimen_core::text::Lang;
use qimen_workbench::oauth::{
    authorize_url, exchange_code, parse_pasted, Captured, TokenEndpoint, TokenError, View,
};
use std::time::Duration;
use support::oauth::*;

const CALLBACK: &str = "http://127.0.0.1:7777/cb";

/// A fresh code for CALLBACK, read from the redirect as a pasted URL would be.
async fn fresh_code(gw: &Gateway) -> SecretString {
    let url = authorize_url(
        &gw.url("/authorize"),
        DEMO_ERP_APP_KEY,
        CALLBACK,
        "s",
        View::Web,
    );
    let location = consent(&browser(), &url, "approve").await;
    match parse_pasted(&location, Some("s")) {
        Ok(Captured::Code { code, .. }) => code,
        other => panic!("a code: {other:?}"),
    }
}

async fn exchange(
    gw: &Gateway,
    endpoint: &TokenEndpoint,
    secret: &str,
    code: &SecretString,
    redirect: &str,
) -> Result<qimen_workbench::oauth::TokenSet, TokenError> {
    let http = http(Duration::from_secs(5));
    exchange_code(
        &http,
        gw.clock.as_ref(),
        endpoint,
        DEMO_ERP_APP_KEY,
        &SecretString::from(secret),
        code,
        redirect,
    )
    .await
}

#[tokio::test]
async fn refused_grants_say_what_to_do() {
    let gw = Gateway::start().await;
    let oauth = TokenEndpoint::OAuth(gw.url("/token"));

    let code = fresh_code(&gw).await;
    let err = exchange(
        &gw,
        &oauth,
        DEMO_ERP_SECRET,
        &code,
        "http://127.0.0.1:7777/other",
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "session.redirect_mismatch", "{err}");
    assert!(err.message(Lang::ZhCn).contains("回调地址"));

    let err = exchange(&gw, &oauth, "not-the-secret-value", &code, CALLBACK)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "session.invalid_client", "{err}");
    // The message never repeats the secret that was sent.
    assert!(!err.to_string().contains("not-the-secret-value"));

    // Codes live 10 minutes on the gateway's clock.
    gw.clock
        .advance(ChronoDuration::minutes(10) + ChronoDuration::seconds(1));
    let err = exchange(&gw, &oauth, DEMO_ERP_SECRET, &code, CALLBACK)
        .await
        .unwrap_err();
    assert!(matches!(err, TokenError::Expired { .. }), "{err:?}");
    assert!(err.to_string().contains("authorize again"), "{err}");
    assert!(err.message(Lang::ZhCn).contains("已过期"));

    let code = fresh_code(&gw).await;
    exchange(&gw, &oauth, DEMO_ERP_SECRET, &code, CALLBACK)
        .await
        .expect("first exchange");
    let err = exchange(&gw, &oauth, DEMO_ERP_SECRET, &code, CALLBACK)
        .await
        .unwrap_err();
    assert_eq!(
        err.code(),
        "session.invalid_grant",
        "a code is exchanged once: {err}"
    );

    // Through the token API a used code is the router's business error, named.
    let err = exchange(
        &gw,
        &TokenEndpoint::TopApi(gw.url("/router/rest")),
        DEMO_ERP_SECRET,
        &code,
        CALLBACK,
    )
    .await
    .unwrap_err();
    match &err {
        TokenError::Platform {
            method, sub_code, ..
        } => {
            assert_eq!(method, "taobao.top.auth.token.create");
            assert_eq!(sub_code.as_deref(), Some("isv.invalid-parameter:code"));
        }
        other => panic!("a platform error: {other:?}"),
    }
    gw.running.shutdown().await;
}

/// A server that answers every request with `status`, `content_type` and `body`.
async fn answering(status: u16, content_type: &'static str, body: &'static str) -> String {
    use axum::http::{header, StatusCode};
    let app = axum::Router::new().fallback(move || async move {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
        (status, [(header::CONTENT_TYPE, content_type)], body)
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/token")
}

#[tokio::test]
async fn a_token_endpoint_that_is_down_slow_or_garbage_is_told_apart() {
    let gw = Gateway::start().await;
    let code = SecretString::from("abc");

    // Down: nothing listens on the port any more.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let err = exchange(
        &gw,
        &TokenEndpoint::OAuth(format!("http://127.0.0.1:{port}/token")),
        DEMO_ERP_SECRET,
        &code,
        CALLBACK,
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "session.token_endpoint_down", "{err:?}");
    assert!(err.message(Lang::ZhCn).contains("无法访问令牌接口"));

    // Slow: accepts and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = silent.local_addr().expect("addr");
    let holder = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = silent.accept().await {
            held.push(stream);
        }
    });
    let quick = http(Duration::from_millis(300));
    let err = exchange_code(
        &quick,
        gw.clock.as_ref(),
        &TokenEndpoint::OAuth(format!("http://{addr}/token")),
        DEMO_ERP_APP_KEY,
        &SecretString::from(DEMO_ERP_SECRET),
        &code,
        CALLBACK,
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "session.token_endpoint_slow", "{err:?}");
    holder.abort();

    // Garbage: an HTML error page, JSON without a token, and a token API answer that is no answer.
    for (status, content_type, body) in [
        (502, "text/html", "<html><body>Bad Gateway</body></html>"),
        (200, "application/json", "{\"token_type\":\"Bearer\"}"),
        (200, "application/json", "[1,2,3]"),
    ] {
        let url = answering(status, content_type, body).await;
        let err = exchange(
            &gw,
            &TokenEndpoint::OAuth(url.clone()),
            DEMO_ERP_SECRET,
            &code,
            CALLBACK,
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.code(),
            "session.token_endpoint_garbage",
            "{body}: {err:?}"
        );
        assert!(err.to_string().contains(&format!("HTTP {status}")), "{err}");
        let err = exchange(
            &gw,
            &TokenEndpoint::TopApi(url),
            DEMO_ERP_SECRET,
            &code,
            CALLBACK,
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.code(),
            "session.token_endpoint_garbage",
            "{body}: {err:?}"
        );
    }
    gw.running.shutdown().await;
}
