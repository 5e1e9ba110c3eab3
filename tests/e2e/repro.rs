//! 复现请求 in the running app: a customer's curl line (its sign in lower case, as some hand-written
//! signers send it) is pasted, diagnosed with its cause, replayed as sent, and shared as a bundle that
//! holds no secret and no token; in a fresh data folder the bundle is opened and replayed re-signed
//! with that app's own profile.

use std::path::{Path, PathBuf};

use crate::harness::{ensure, AppRun, Step};
use qimen_core::clock::format_gmt8;
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};

/// A session the customer's request carries: it must be masked in the bundle.
const CANARY_SESSION: &str = "6201canary0session0e2e0bundle0000";

/// Where the first scenario leaves the bundle for the second.
pub fn bundle_path() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("e2e")
        .join("repro.qimen.json")
}

/// The customer's request as a browser copies it: signed right, but the digest in lower case.
fn customer_curl() -> String {
    let mut params = Params::new();
    for (k, v) in [
        ("method", "taobao.time.get"),
        ("app_key", DEMO_ERP_APP_KEY),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("format", "json"),
        ("session", CANARY_SESSION),
    ] {
        params.insert(k.into(), v.into());
    }
    params.insert("timestamp".into(), format_gmt8(chrono::Utc::now()));
    let sign = sign_top(&params, None, DEMO_ERP_SECRET, SignMethod::Md5).to_ascii_lowercase();
    params.insert("sign".into(), sign);
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter())
        .finish();
    format!("curl 'http://127.0.0.1:18080/router/rest?{query}' -H 'Accept: application/json'")
}

async fn paste_and_read(app: &AppRun, text: &str) -> Step {
    app.click_labelled("复现请求").await?;
    app.type_into("[data-testid=\"repro-text\"]", text).await?;
    app.click_test_id("repro-read").await?;
    app.by_test_id("captured-params").await.map(drop)
}

pub async fn diagnose_replay_and_share(app: &AppRun) -> Step {
    paste_and_read(app, &customer_curl()).await?;
    app.click_test_id("diagnose").await?;
    app.by_test_id("cause-lowercase-hex").await?;
    app.click_test_id("replay").await?;
    app.by_test_id("result-tag").await?;

    // The bundle as "copy bundle" gives it, read through the app's own command.
    let text = app
        .client
        .execute_async(
            "const done = arguments[0];
             const box = document.querySelector('[data-testid=\"repro-text\"]').value;
             window.__TAURI_INTERNALS__.invoke('repro_open', { text: box })
               .then((opened) => window.__TAURI_INTERNALS__.invoke('repro_bundle_text', { input: { calls: opened.calls } }))
               .then(done, (e) => done('failed: ' + JSON.stringify(e)));",
            vec![],
        )
        .await?;
    let text = text.as_str().unwrap_or_default().to_owned();
    ensure(text.contains("qimen-workbench/repro"), || {
        format!("not a bundle: {text:.200}")
    })?;
    for (what, canary) in [
        ("the AppSecret", DEMO_ERP_SECRET),
        ("the session", CANARY_SESSION),
    ] {
        ensure(!text.contains(canary), || {
            format!("the bundle holds {what}")
        })?;
    }
    std::fs::write(bundle_path(), &text)?;
    app.scroll_to_test_id("diagnosis").await
}

pub async fn open_the_bundle_elsewhere(app: &AppRun) -> Step {
    let text = std::fs::read_to_string(bundle_path())?;
    paste_and_read(app, &text).await?;
    app.wait_for_text("来自复现包").await?;
    app.click_test_id("mode-resigned").await?;
    app.click_test_id("replay").await?;
    app.by_test_id("replay-changes").await?;
    let tag = app.by_test_id("result-tag").await?.text().await?;
    ensure(tag.contains("成功"), || {
        format!("the re-signed replay did not succeed: {tag}")
    })?;
    app.scroll_to_test_id("replay-changes").await
}
