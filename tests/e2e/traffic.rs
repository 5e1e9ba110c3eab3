//! 联调抓包 in the running app: the relay is started on the Traffic page in front of the local
//! gateway, with the demo profile's AppSecret checking signs; the test then plays the customer's
//! system and sends a right call and a wrongly signed one (carrying a session) to the relay's
//! address. Both appear in the live list; the wrong one opens with the gateway's code 25 explained
//! and the diagnosis `wrong-secret` on the Signature tab; its bundle holds no secret and no session.

use std::path::Path;
use std::time::Duration;

use crate::harness::{ensure, AppRun, Failure, Step, SCREENSHOT_DIR};
use fantoccini::Locator;
use qimen_core::clock::format_gmt8;
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};

/// A session the customer's call carries: masked in everything the app keeps or exports.
const CANARY_SESSION: &str = "6201canary0session0e2e0relay00000";

/// `taobao.time.get` as the customer's system signs it, with `secret`, as a query string.
fn customer_query(secret: &str, session: Option<&str>) -> String {
    let mut params = Params::new();
    for (k, v) in [
        ("method", "taobao.time.get"),
        ("app_key", DEMO_ERP_APP_KEY),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("format", "json"),
    ] {
        params.insert(k.into(), v.into());
    }
    if let Some(session) = session {
        params.insert("session".into(), session.into());
    }
    params.insert("timestamp".into(), format_gmt8(chrono::Utc::now()));
    let sign = sign_top(&params, None, secret, SignMethod::Md5);
    params.insert("sign".into(), sign);
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter())
        .finish()
}

/// Sends the call to the relay as the customer's system would, and returns the answer's body.
async fn send_through(relay: &str, query: &str) -> Step<String> {
    let client = qimen_core::client::http_client_builder()
        .no_proxy()
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(|e| Failure(format!("no HTTP client: {e}")))?;
    let answer = client
        .post(format!("{relay}/router/rest?{query}"))
        .header(
            "content-type",
            "application/x-www-form-urlencoded;charset=utf-8",
        )
        .send()
        .await
        .map_err(|e| Failure(format!("the relay did not answer: {e}")))?;
    answer
        .text()
        .await
        .map_err(|e| Failure(format!("the relay's answer broke off: {e}")))
}

/// A port nothing listens on now.
fn free_port() -> Step<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

pub async fn relay_a_customer_call(app: &AppRun) -> Step {
    app.click_labelled("联调抓包").await?;
    // The port field holds the usual port: select it all and type another over it.
    let port = free_port()?;
    let field = app.by_test_id("traffic-port").await?;
    field.send_keys("\u{E009}a\u{E000}").await?;
    field.send_keys(&port.to_string()).await?;
    let typed = app
        .client
        .find(Locator::Css("[data-testid=\"traffic-port\"]"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure(typed == port.to_string(), || {
        format!("the port field holds {typed:?}, not {port}")
    })?;
    app.click_test_id("traffic-start").await?;
    app.by_test_id("traffic-addresses").await?;
    let relay = format!("http://127.0.0.1:{port}");
    app.wait_for_text(&format!("{relay}/router/qimen/service"))
        .await?;

    let good = send_through(&relay, &customer_query(DEMO_ERP_SECRET, None)).await?;
    ensure(good.contains("time_get_response"), || {
        format!("the right call did not succeed through the relay: {good:.200}")
    })?;
    let wrong = "not-the-secret-0000000000000000000";
    let bad = send_through(&relay, &customer_query(wrong, Some(CANARY_SESSION))).await?;
    ensure(bad.contains("\"code\":25"), || {
        format!("the wrong sign did not get code 25 from the gateway: {bad:.200}")
    })?;

    app.by_test_id("traffic-row-1").await?;
    app.by_test_id("traffic-row-2").await?;
    app.wait_for_text("签名错误").await?;
    app.scroll_to_test_id("traffic-addresses").await?;
    app.screenshot_to(Path::new(SCREENSHOT_DIR), "traffic-list")
        .await?;

    // The bundle the drawer would export, through the app's own commands.
    let text = app
        .client
        .execute_async(
            "const done = arguments[0];
             window.__TAURI_INTERNALS__.invoke('traffic_bundle', { ids: [2] })
               .then((calls) => window.__TAURI_INTERNALS__.invoke('repro_bundle_text', { input: { calls } }))
               .then(done, (e) => done('failed: ' + JSON.stringify(e)));",
            vec![],
        )
        .await?;
    let text = text.as_str().unwrap_or_default().to_owned();
    ensure(text.contains("wrong-secret"), || {
        format!("the bundle lacks the diagnosis: {text:.200}")
    })?;
    for (what, canary) in [
        ("the AppSecret", DEMO_ERP_SECRET),
        ("the session", CANARY_SESSION),
    ] {
        ensure(!text.contains(canary), || {
            format!("the bundle holds {what}")
        })?;
    }

    app.click_test_id("traffic-row-2").await?;
    let tag = app.by_test_id("result-tag").await?.text().await?;
    ensure(tag.contains("失败"), || {
        format!("the wrong sign's answer is not shown as a failure: {tag}")
    })?;
    app.click_labelled("签名").await?;
    app.by_test_id("cause-wrong-secret").await.map(drop)
}
