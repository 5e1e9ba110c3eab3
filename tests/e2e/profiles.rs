//! A profile with the wrong AppSecret: the call fails, the failure is explained in Chinese, and the
//! Signature tab shows the exact string that was signed, with the secret masked.

use crate::console::send_and_read_verdict;
use crate::harness::{ensure, AppRun, Step};

/// What the user types when creating a profile.
pub struct NewProfile<'a> {
    pub name: &'a str,
    pub app_key: &'a str,
    pub app_secret: &'a str,
}

/// Creates a profile on the local gateway through the Profiles page and makes it the current one.
pub async fn create_and_select(app: &AppRun, profile: &NewProfile<'_>) -> Step {
    app.click_labelled("应用配置").await?;
    app.click_test_id("profile-create").await?;
    app.type_into("input[aria-label=\"配置名称\"]", profile.name)
        .await?;
    app.type_into("input[aria-label=\"AppKey\"]", profile.app_key)
        .await?;
    app.type_into("input[aria-label=\"AppSecret\"]", profile.app_secret)
        .await?;
    app.click_test_id("profile-save").await?;
    app.click_in_row(profile.name, "设为当前配置").await?;
    // The top bar names the profile calls now use.
    app.wait_until(
        "the new profile in the top bar",
        "const s = document.querySelector('[data-testid=\"profile-select\"]');
         return !!s && s.innerText.includes(arguments[0]);",
        vec![serde_json::json!(profile.name)],
    )
    .await?;
    Ok(())
}

pub async fn wrong_secret_explained(app: &AppRun) -> Step {
    // The demo app's key with a secret that is not its own: the local gateway checks the sign.
    let wrong = NewProfile {
        name: "错误密钥测试",
        app_key: qimen_server::gateway::config::DEMO_ERP_APP_KEY,
        app_secret: "not-the-demo-secret-0000",
    };
    create_and_select(app, &wrong).await?;
    app.click_labelled("调用测试").await?;
    app.wait_for_text("taobao.time.get").await?;
    let verdict = send_and_read_verdict(app).await?;
    ensure(!verdict.success && verdict.label == "失败", || {
        format!(
            "a call with the wrong secret did not fail: {:?}",
            verdict.label
        )
    })?;

    // A failure opens on its explanation: the catalogue's title for code 25 and its cause; the app
    // signed this call itself, so instead of a checklist for someone else's signing code it says the
    // AppSecret or the environment is wrong, with a way to edit the secret.
    let explanation = app.by_test_id("explanation").await?.text().await?;
    for expected in [
        "签名不正确",
        "原因",
        "只可能是两件事",
        "修改这个配置的 AppSecret",
    ] {
        ensure(explanation.contains(expected), || {
            format!("the explanation lacks {expected:?}: {explanation:?}")
        })?;
    }

    app.click_labelled("签名").await?;
    let signed = app.by_test_id("string-to-sign").await?.text().await?;
    // The signed string starts with the masked secret (md5: secret + sorted pairs + secret) and names
    // the method, so the user can compare it with what their own system signs.
    ensure(
        signed.contains("****") && signed.contains("methodtaobao.time.get"),
        || format!("unexpected string to sign: {signed:?}"),
    )?;
    let source = app.page_source().await?;
    ensure(!source.contains(wrong.app_secret), || {
        "the typed AppSecret is still in the page".to_owned()
    })?;
    // The picture for the README: the failure as a new user reads it, in Chinese.
    app.click_labelled("错误说明").await?;
    app.wait_until(
        "the saved-profile message to fade",
        "return document.querySelectorAll('.ant-message-notice').length === 0;",
        vec![],
    )
    .await?;
    app.scroll_to_test_id("result").await
}
