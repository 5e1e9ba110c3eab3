//! The loopback listener and the token exchange against the local gateway's real OAuth endpoints:
//! a test client plays the browser on the consent page, the listener receives the redirect.

mod support;

use qimen_core::sensitive::SecretString;
use qimen_core::text::Lang;
use qimen_workbench::oauth::{
    authorize_url, exchange_code, listen, refresh, CallbackListener, Captured, ListenerConfig,
    ListenerError, TokenEndpoint, View,
};
use std::time::Duration;
use support::oauth::*;

const STATE: &str = "st4te-of-this-authorization_0123456789";

async fn listener(timeout: Duration) -> (CallbackListener, String) {
    let l = listen(ListenerConfig {
        port: 0,
        path: "/cb".into(),
        state: STATE.into(),
        timeout,
    })
    .await
    .expect("listener starts");
    let redirect = format!("http://127.0.0.1:{}/cb", l.port());
    (l, redirect)
}

fn code_of(captured: &Captured) -> SecretString {
    match captured {
        Captured::Code { code, .. } => code.clone(),
        Captured::Denied { error, .. } => panic!("denied: {error}"),
    }
}

#[tokio::test]
async fn the_browser_lands_on_the_listener_and_both_exchange_routes_work() {
    let gw = Gateway::start().await;
    let browser = browser();
    let http = http(Duration::from_secs(5));
    let secret = SecretString::from(DEMO_ERP_SECRET);
    for endpoint in [
        TokenEndpoint::OAuth(gw.url("/token")),
        TokenEndpoint::TopApi(gw.url("/router/rest")),
    ] {
        let (l, redirect) = listener(Duration::from_secs(30)).await;
        // Loopback only, even though the callback could be written with localhost.
        assert!(l.local_addr().ip().is_loopback());
        let url = authorize_url(
            &gw.url("/authorize"),
            DEMO_ERP_APP_KEY,
            &redirect,
            STATE,
            View::Web,
        );
        let location = consent(&browser, &url, "approve").await;
        let (status, page) = visit(&browser, &location).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("授权成功，可以关闭此页"), "{page}");
        let captured = l.wait().await.expect("captured");
        assert_eq!(captured.state(), Some(STATE));
        let code = code_of(&captured);
        let tokens = exchange_code(
            &http,
            gw.clock.as_ref(),
            &endpoint,
            DEMO_ERP_APP_KEY,
            &secret,
            &code,
            &redirect,
        )
        .await
        .expect("exchanged");
        assert_eq!(tokens.taobao_user_nick.as_deref(), Some(DEMO_NICK));
        assert_eq!(tokens.taobao_user_id.as_deref(), Some("2207351836402"));
        assert_eq!(tokens.expires_in, Some(86_400));
        let refresh_token = tokens.refresh_token.clone().expect("a refresh token");
        let renewed = refresh(
            &http,
            gw.clock.as_ref(),
            &endpoint,
            DEMO_ERP_APP_KEY,
            &secret,
            &refresh_token,
        )
        .await
        .expect("refreshed");
        assert_ne!(renewed.access_token, tokens.access_token, "a new session");
        // The old refresh token was used up by the refresh.
        let again = refresh(
            &http,
            gw.clock.as_ref(),
            &endpoint,
            DEMO_ERP_APP_KEY,
            &secret,
            &refresh_token,
        )
        .await;
        assert!(again.is_err(), "{endpoint:?}");
    }
    gw.running.shutdown().await;
}

#[tokio::test]
async fn deny_is_captured_and_explained_to_the_browser() {
    let gw = Gateway::start().await;
    let browser = browser();
    let (l, redirect) = listener(Duration::from_secs(30)).await;
    let url = authorize_url(
        &gw.url("/authorize"),
        DEMO_ERP_APP_KEY,
        &redirect,
        STATE,
        View::Wap,
    );
    let location = consent(&browser, &url, "deny").await;
    let (status, page) = visit(&browser, &location).await;
    assert_eq!(status, 200);
    // The refusal in plain words, both languages, not the raw parameters.
    assert!(page.contains("授权已取消"), "{page}");
    assert!(page.contains("Authorization was cancelled"), "{page}");
    match l.wait().await {
        Ok(Captured::Denied {
            error, description, ..
        }) => {
            assert_eq!(error, "access_denied");
            assert_eq!(description.as_deref(), Some("authorize reject"));
        }
        other => panic!("expected a denial: {other:?}"),
    }
    gw.running.shutdown().await;
}

#[tokio::test]
async fn wrong_path_state_or_method_get_400_and_the_listener_keeps_waiting() {
    let browser = browser();
    let (l, redirect) = listener(Duration::from_secs(30)).await;
    let base = redirect.trim_end_matches("/cb");
    for url in [
        format!("{base}/other?code=abc123&state={STATE}"),
        format!("{base}/cb?code=abc123&state=guess"),
        format!("{base}/cb?code=abc123"),
        format!("{base}/cb?state={STATE}"),
        format!("{base}/favicon.ico"),
    ] {
        let (status, page) = visit(&browser, &url).await;
        assert_eq!(status, 400, "{url}");
        assert!(
            page.contains("仍在等待"),
            "the page says the app still waits: {page}"
        );
    }
    let posted = browser
        .post(format!("{base}/cb?code=abc123&state={STATE}"))
        .send()
        .await
        .expect("answer");
    assert_eq!(posted.status(), 400, "only the browser's GET is a redirect");
    assert!(l.outcome().is_none(), "still waiting");
    let (status, _) = visit(&browser, &format!("{redirect}?code=right0ne&state={STATE}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        code_of(&l.wait().await.expect("captured")).expose(),
        "right0ne"
    );
}

#[tokio::test]
async fn a_port_in_use_is_named_and_the_paste_mode_offered() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("addr").port();
    let err = listen(ListenerConfig {
        port,
        path: "/cb".into(),
        state: STATE.into(),
        timeout: Duration::from_secs(5),
    })
    .await
    .expect_err("the port is taken");
    assert_eq!(err, ListenerError::PortInUse { port });
    assert_eq!(err.code(), "session.port_in_use");
    assert!(
        err.message(Lang::ZhCn).contains("粘贴"),
        "{}",
        err.message(Lang::ZhCn)
    );
    assert!(err.to_string().contains("paste mode"), "{err}");
}

#[tokio::test]
async fn it_times_out_or_is_cancelled_and_frees_the_port() {
    let (l, _) = listener(Duration::from_millis(200)).await;
    let port = l.port();
    let err = l.wait().await.expect_err("no redirect came");
    assert!(matches!(err, ListenerError::TimedOut { .. }), "{err:?}");
    assert!(
        err.message(Lang::En).contains("no authorization arrived"),
        "{err}"
    );
    // The port is free again once the listener ended.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(std::net::TcpListener::bind(("127.0.0.1", port)).is_ok());

    let (l, _) = listener(Duration::from_secs(30)).await;
    l.canceller().cancel();
    assert_eq!(
        l.wait().await.expect_err("cancelled"),
        ListenerError::Cancelled
    );
}

/// A redirect sent to the listener under another host name (a page that rebinds its DNS name to
/// 127.0.0.1) is refused by the shared listener's guard, and the real one is still captured.
#[tokio::test]
async fn a_redirect_under_a_foreign_host_name_is_refused() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (l, redirect) = listener(Duration::from_secs(30)).await;
    let mut stream = tokio::net::TcpStream::connect(l.local_addr())
        .await
        .expect("connects");
    let request = format!(
        "GET /cb?code=stolen&state={STATE} HTTP/1.1\r\nHost: attacker.example:{}\r\nConnection: close\r\n\r\n",
        l.port()
    );
    stream.write_all(request.as_bytes()).await.expect("sent");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer).await;
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    assert!(l.outcome().is_none(), "not captured");

    let (status, _) = visit(
        &browser(),
        &format!("{redirect}?code=right0ne&state={STATE}"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        code_of(&l.wait().await.expect("captured")).expose(),
        "right0ne"
    );
}
