//! A Qimen standard call: the XML body editor comes with the API's example, the body is signed with the
//! parameters, and the local gateway validates it field by field before answering success.

use serde_json::json;

use crate::console::send_and_read_verdict;
use crate::harness::{ensure, AppRun, Step};

/// The Qimen WMS API this scenario sends: one of the pair the local gateway validates in full.
const QIMEN_METHOD: &str = "taobao.qimen.entryorder.create";

/// Picks `method` in the console's API catalogue by typing it into the picker's search.
pub async fn choose_api(app: &AppRun, method: &str) -> Step {
    // Open the picker as a mouse would (antd listens for mousedown), then type into its search box.
    app.wait_until(
        "the API picker",
        r#"const s = document.querySelector('[data-testid="api-picker"] .ant-select-selector');
           if (!s || s.getClientRects().length === 0) return false;
           s.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
           return true;"#,
        vec![],
    )
    .await?;
    app.client
        .find(fantoccini::Locator::Css(
            "[data-testid=\"api-picker\"] input",
        ))
        .await?
        .send_keys(method)
        .await?;
    app.wait_until(
        &format!("the catalogue entry {method}"),
        r#"const option = [...document.querySelectorAll('.ant-select-item-option')]
             .find(o => o.getClientRects().length > 0 && o.innerText.includes(arguments[0]));
           if (!option) return false;
           option.click();
           return true;"#,
        vec![json!(method)],
    )
    .await?;
    app.wait_until(
        "the picker to show the chosen API",
        "const p = document.querySelector('[data-testid=\"api-picker\"]');
         return !!p && p.innerText.includes(arguments[0]);",
        vec![json!(method)],
    )
    .await
    .map(drop)
}

pub async fn qimen_xml_call(app: &AppRun) -> Step {
    choose_api(app, QIMEN_METHOD).await?;
    // A Qimen standard API opens the XML editor filled with the catalogue's example body.
    let body = app.by_test_id("body-editor").await?.text().await?;
    ensure(
        body.contains("<request>") && body.contains("entryOrder"),
        || format!("the body editor does not hold the example XML: {body:?}"),
    )?;
    let verdict = send_and_read_verdict(app).await?;
    ensure(verdict.success, || {
        format!("the Qimen XML call did not succeed: {:?}", verdict.label)
    })?;
    // Qimen answers in XML with flag=success, which the result panel shows as the flag field.
    let result = app.by_test_id("result").await?.text().await?;
    ensure(result.contains("success"), || {
        format!("the result shows no success flag: {result:?}")
    })?;
    // For a Qimen call the body takes part in the sign: the Signature tab says so.
    app.click_labelled("签名").await?;
    let signature = app.by_test_id("signature").await?.text().await?;
    ensure(signature.contains("请求内容参与签名是"), || {
        format!("the signature does not say the body is signed: {signature:?}")
    })?;
    // The body is appended to the sorted parameters in the string that was signed.
    let signed = app.by_test_id("string-to-sign").await?.text().await?;
    ensure(
        signed.contains("v2.0<?xml") && signed.contains("<entryOrderCode>"),
        || format!("the string to sign does not end with the body: {signed:?}"),
    )?;
    app.click_labelled("响应").await?;
    app.scroll_to_test_id("result").await
}
