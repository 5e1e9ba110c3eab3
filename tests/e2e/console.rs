//! The test console as a new user meets it: the demo profile on the local gateway, one click on 发送.

use serde_json::json;

use crate::harness::{ensure, AppRun, Step};

/// What the result panel says about the last call.
pub struct Verdict {
    pub success: bool,
    pub label: String,
}

/// Clicks 发送 and waits for the result panel to show the outcome of that call.
///
/// The panel keeps the previous result until the new one arrives, and React reuses its nodes, so the
/// wait watches the panel for a change made after the click (or for the panel to appear at all).
pub async fn send_and_read_verdict(app: &AppRun) -> Step<Verdict> {
    app.client
        .execute(
            r#"const panel = document.querySelector('[data-testid="result"]');
               window.__e2eOldPanel = panel;
               window.__e2eChanged = false;
               if (window.__e2eObserver) window.__e2eObserver.disconnect();
               if (panel) {
                 window.__e2eObserver = new MutationObserver(() => { window.__e2eChanged = true; });
                 window.__e2eObserver.observe(panel,
                   {subtree: true, childList: true, characterData: true, attributes: true});
               }"#,
            vec![],
        )
        .await?;
    app.click_test_id("send").await?;
    let verdict = app
        .wait_until(
            "the result of the call",
            r#"const panel = document.querySelector('[data-testid="result"]');
               const send = document.querySelector('[data-testid="send"]');
               const fresh = window.__e2eChanged || (panel && panel !== window.__e2eOldPanel);
               if (!panel || !fresh || !send || send.classList.contains('ant-btn-loading')) return null;
               const tag = panel.querySelector('[data-testid="result-tag"]');
               if (!tag) return null;
               return {success: tag.classList.contains('ant-tag-success'), label: tag.innerText.trim()};"#,
            vec![],
        )
        .await?;
    Ok(Verdict {
        success: verdict["success"] == json!(true),
        label: verdict["label"].as_str().unwrap_or_default().to_owned(),
    })
}

/// First launch: demo mode is on and shown, `taobao.time.get` is ready, and sending it succeeds.
pub async fn first_launch_demo_call(app: &AppRun) -> Step {
    let tag = app.by_test_id("demo-tag").await?.text().await?;
    // Shown with --nocapture; `make bench` measures start-up properly on the release build.
    println!(
        "first launch: console drawn {:.2} s after the app was asked for (debug build)",
        app.requested_at.elapsed().as_secs_f64()
    );
    // The 演示模式 tag is how a new user knows no real platform is involved.
    ensure(tag.contains("演示模式"), || {
        format!("demo tag reads {tag:?}")
    })?;
    app.wait_for_text("taobao.time.get").await?;
    let verdict = send_and_read_verdict(app).await?;
    ensure(verdict.success && verdict.label == "成功", || {
        format!("the demo call did not succeed: {:?}", verdict.label)
    })?;
    // The platform's answer itself is shown: taobao.time.get returns the current time.
    app.wait_for_text("time_get_response").await?;
    // The picture for the README: the whole console, demo tag and result side by side.
    app.client.execute("window.scrollTo(0, 0);", vec![]).await?;
    Ok(())
}
