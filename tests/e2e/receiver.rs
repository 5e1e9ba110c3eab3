//! 服务端接收 in the running app: the receiver is started on the Provider receiver page with the
//! demo profile's AppSecret and registered on the local gateway for a customerId; the page's try
//! button sends `taobao.qimen.entryorder.create` from the console through the gateway to it. The
//! request is listed live as verified and the console shows the receiver's success; switched to a
//! business failure, the next round trip comes back as that failure with its code.

use crate::harness::{ensure, AppRun, Step};
use serde_json::json;

/// The customerId the gateway forwards on.
const CUSTOMER_ID: &str = "WH-E2E-01";

/// The text of the element with this `data-testid` once it contains `wanted`.
async fn wait_for_in(app: &AppRun, test_id: &str, wanted: &str) -> Step {
    app.wait_until(
        &format!("{wanted:?} in [data-testid={test_id:?}]"),
        r#"const e = document.querySelector(`[data-testid="${arguments[0]}"]`);
           return !!e && e.innerText.includes(arguments[1]);"#,
        vec![json!(test_id), json!(wanted)],
    )
    .await
    .map(drop)
}

pub async fn round_trip_through_the_gateway(app: &AppRun) -> Step {
    app.click_labelled("服务端接收").await?;
    // A port nothing listens on now, typed over the usual one.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let field = app.by_test_id("receiver-port").await?;
    field.send_keys("\u{E009}a\u{E000}").await?;
    field.send_keys(&port.to_string()).await?;
    app.click_test_id("receiver-start").await?;
    wait_for_in(app, "receiver-url", &format!("http://127.0.0.1:{port}")).await?;

    app.type_into("[data-testid=\"receiver-customer-id\"]", CUSTOMER_ID)
        .await?;
    app.click_test_id("receiver-route-set").await?;
    wait_for_in(app, "receiver-route-state", "已生效").await?;
    wait_for_in(app, "receiver-route-state", CUSTOMER_ID).await?;

    // First round trip: verified, answered with the documented success.
    app.click_test_id("receiver-try").await?;
    wait_for_in(app, "receiver-try-answer", "成功").await?;
    app.by_test_id("receiver-row-1").await?;
    wait_for_in(app, "receiver-list", "签名正确").await?;
    wait_for_in(app, "receiver-list", "taobao.qimen.entryorder.create").await?;

    // The default template becomes a business failure with the starter's code B001.
    app.click_test_id("receiver-template-edit-*").await?;
    app.wait_until(
        "the business failure choice in the template editor",
        r#"const label = [...document.querySelectorAll('[data-testid="receiver-template-editor"] label')]
             .find(l => l.innerText.trim().startsWith('业务失败'));
           if (!label) return false;
           label.click();
           return !!document.querySelector('[data-testid="receiver-template-code"]');"#,
        vec![],
    )
    .await?;
    app.click_test_id("receiver-template-save").await?;
    app.wait_until(
        "the template editor to close",
        r#"return !document.querySelector('[data-testid="receiver-template-editor"]');"#,
        vec![],
    )
    .await?;
    wait_for_in(app, "receiver-templates", "业务失败").await?;

    // Second round trip: still verified, answered with the failure, which the console shows.
    app.click_test_id("receiver-try").await?;
    wait_for_in(app, "receiver-try-answer", "B001").await?;
    let answer = app.by_test_id("receiver-try-answer").await?.text().await?;
    ensure(answer.contains("失败"), || {
        format!("the business failure is not shown as a failure: {answer}")
    })?;
    app.by_test_id("receiver-row-2").await?;
    wait_for_in(app, "receiver-list", "业务失败").await?;

    // For the screenshot: the route in force, the console's answer and the list below it, once the
    // "saved" toast has gone.
    app.wait_until(
        "the toasts to go",
        "return !document.querySelector('.ant-message-notice');",
        vec![],
    )
    .await?;
    app.client
        .execute(
            r#"const state = document.querySelector('[data-testid="receiver-route-set"]');
               const header = document.querySelector('.top-bar');
               state.scrollIntoView({block: 'start'});
               window.scrollBy(0, -((header ? header.getBoundingClientRect().height : 64) + 16));"#,
            vec![],
        )
        .await?;
    Ok(())
}
