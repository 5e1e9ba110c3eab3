//! Secrets never reach the screen: after a real call, with every result tab opened, the page (including
//! form values and hidden tabs) holds neither the demo AppSecret nor the 旺店通 secret.

use qimen_server::gateway::apis::{WDT_DEMO_APP_SECRET, WDT_DEMO_SECRET};
use qimen_server::gateway::config::DEMO_ERP_SECRET;

use crate::console::send_and_read_verdict;
use crate::harness::{ensure, AppRun, Step};

/// The secrets the demo profile signs with; each must stay in the keyring and in Rust.
const DEMO_SECRETS: [&str; 3] = [DEMO_ERP_SECRET, WDT_DEMO_APP_SECRET, WDT_DEMO_SECRET];

/// Fails when the page as the browser holds it now contains any demo secret.
pub async fn assert_no_secret_in_page(app: &AppRun, moment: &str) -> Step {
    let source = app.page_source().await?;
    for secret in DEMO_SECRETS {
        // The test names which secret leaked, never prints it with its context.
        ensure(!source.contains(secret), || {
            format!(
                "{moment}: the page contains a demo secret ({} chars)",
                secret.len()
            )
        })?;
    }
    Ok(())
}

pub async fn secrets_never_shown(app: &AppRun) -> Step {
    assert_no_secret_in_page(app, "on start").await?;
    let verdict = send_and_read_verdict(app).await?;
    ensure(verdict.success, || {
        format!("the demo call failed: {:?}", verdict.label)
    })?;
    app.click_labelled("签名").await?;
    // The Signature tab shows the string that was signed with the secret masked, not left out.
    let signed = app.by_test_id("string-to-sign").await?.text().await?;
    ensure(signed.contains("****"), || {
        format!("the string to sign shows no masked secret: {signed:?}")
    })?;
    // Every tab once opened stays in the page, so the last check covers all of them at once.
    for tab in ["签名", "请求", "响应", "错误说明"] {
        app.click_labelled(tab).await?;
        assert_no_secret_in_page(app, &format!("on the {tab} tab")).await?;
    }
    app.click_labelled("签名").await?;
    app.scroll_to_test_id("result").await
}
