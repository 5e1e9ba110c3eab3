//! Switching to English: every visible string follows, antd's own texts too, the demo call reads in
//! English, and the choice is kept by the app (a reloaded page comes back in English).

use serde_json::json;

use crate::console::send_and_read_verdict;
use crate::harness::{ensure, AppRun, Step};

/// Clicks the option of the language switch that reads `label`.
pub async fn choose_language(app: &AppRun, label: &str) -> Step {
    app.wait_until(
        &format!("the language option {label:?}"),
        r#"const option = [...document.querySelectorAll(
             '[data-testid="language-switch"] .ant-segmented-item')]
             .find(o => o.innerText.trim() === arguments[0]);
           if (!option) return false;
           option.click();
           return true;"#,
        vec![json!(label)],
    )
    .await
    .map(drop)
}

/// The placeholders of the history page's date range, which antd's locale (not i18next) writes.
async fn date_range_placeholders(app: &AppRun) -> Step<String> {
    let value = app
        .wait_until(
            "the history date range",
            "return [...document.querySelectorAll('.ant-picker-range input')]
               .map(i => i.placeholder).join(' / ');",
            vec![],
        )
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

pub async fn switch_to_english(app: &AppRun) -> Step {
    app.click_labelled("历史记录").await?;
    let chinese = date_range_placeholders(app).await?;
    ensure(chinese.contains("开始日期"), || {
        format!("antd starts in Chinese, yet the date range reads {chinese:?}")
    })?;

    choose_language(app, "English").await?;
    app.wait_for_text("Test console").await?;
    let english = date_range_placeholders(app).await?;
    ensure(english.contains("Start date"), || {
        format!("antd's locale did not follow: the date range reads {english:?}")
    })?;

    // The choice is the app's, not the page's: after a reload the UI asks Rust and stays in English.
    app.client.refresh().await?;
    app.wait_for_text("Test console").await?;
    let tag = app.by_test_id("demo-tag").await?.text().await?;
    ensure(tag == "Demo mode", || format!("demo tag reads {tag:?}"))?;

    let verdict = send_and_read_verdict(app).await?;
    ensure(verdict.success && verdict.label == "Success", || {
        format!("the demo call in English reads {:?}", verdict.label)
    })?;
    let page = app.client.find(fantoccini::Locator::Css("body")).await?;
    let text = page.text().await?;
    // No Chinese UI string is left on the console (the demo profile's own name is data, not UI).
    for chinese_label in ["调用测试", "历史记录", "发送", "成功", "签名方式"] {
        ensure(!text.contains(chinese_label), || {
            format!("{chinese_label:?} is still shown in English mode")
        })?;
    }
    // The picture for the README shows the whole frame: navigation, top bar and the result.
    app.client.execute("window.scrollTo(0, 0);", vec![]).await?;
    Ok(())
}
