//! The test console as a new user meets it: the demo profile on the local gateway, one click on 发送.

use serde_json::json;

use crate::harness::{ensure, AppRun, Step};

/// What the result panel says about the last call.
pub struct Verdict {
    pub success: bool,
    pub label: String,
}

/// Clicks 发送 and waits for the result panel to show the outcome of that call.
pub async fn send_and_read_verdict(app: &AppRun) -> Step<Verdict> {
    // Forget the previous verdict so the wait below only ends on the new one.
    app.client
        .execute(
            "document.querySelectorAll('[data-testid=\"result-tag\"]').forEach(e => e.remove());",
            vec![],
        )
        .await?;
    app.click_test_id("send").await?;
    let verdict = app
        .wait_until(
            "the result of the call",
            "const tag = document.querySelector('[data-testid=\"result-tag\"]');
             if (!tag) return null;
             return {success: tag.classList.contains('ant-tag-success'), label: tag.innerText.trim()};",
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
    app.scroll_to_test_id("result").await
}
