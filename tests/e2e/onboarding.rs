//! The onboarding guide in the real app: the questionnaire recommends an app type, the Taobaoke checker
//! turns down a site that fails one rule and says which, a tracker step marked done is still done after
//! the app is closed and opened again on the same data, and choosing 奇门ERP-CRM prepares the console
//! for the joint-test API.

use std::path::Path;

use serde_json::json;

use crate::harness::{ensure, launch, relaunch, AppRun, Step, SCREENSHOT_DIR};

/// The joint-test API of document 003, which the ERP-CRM scenario prepares.
const JOINT_TEST_API: &str = "qimen.taobao.crm.order.detail.get";

/// Opens the guide and one of its tabs.
async fn open_tab(app: &AppRun, tab: &str) -> Step {
    app.click_labelled("入驻向导").await?;
    app.click_labelled(tab).await
}

/// Clicks the visible button whose text, spaces removed, is `label` (antd spaces out two-character
/// Chinese labels: "推 荐"), inside the element matched by `within`.
async fn click_button(app: &AppRun, within: &str, label: &str) -> Step {
    app.wait_until(
        &format!("the button {label:?} in {within}"),
        r#"const [within, label] = arguments;
           const scope = [...document.querySelectorAll(within)].find(e => e.getClientRects().length > 0);
           const button = scope && [...scope.querySelectorAll('button')]
             .find(b => b.getClientRects().length > 0 && b.innerText.replace(/\s/g, '') === label);
           if (!button) return false;
           button.scrollIntoView({block: 'center'});
           button.click();
           return true;"#,
        vec![json!(within), json!(label)],
    )
    .await
    .map(drop)
}

/// Opens the antd select at `select_css` (its input, or an element holding it) as a mouse would (mousedown) and picks the option `title`.
async fn pick(app: &AppRun, select_css: &str, title: &str) -> Step {
    // The previous select's list must be gone first, or its options (same titles) would be clicked.
    app.wait_until(
        "every select list closed",
        r#"return ![...document.querySelectorAll('.ant-select-dropdown')]
             .some(d => d.getClientRects().length > 0);"#,
        vec![],
    )
    .await?;
    app.wait_until(
        &format!("the select {select_css}"),
        r#"const s = [...document.querySelectorAll(arguments[0])].find(e => e.getClientRects().length > 0);
           const root = s && (s.closest('.ant-select') || s.querySelector('.ant-select'));
           const selector = root && root.querySelector('.ant-select-selector');
           if (!selector) return false;
           selector.scrollIntoView({block: 'center'});
           selector.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
           return true;"#,
        vec![json!(select_css)],
    )
    .await?;
    app.wait_until(
        &format!("the option {title:?}"),
        r#"const option = [...document.querySelectorAll('.ant-select-item-option')]
             .find(o => o.getClientRects().length > 0 && o.getAttribute('title') === arguments[0]);
           if (!option) return false;
           option.click();
           return true;"#,
        vec![json!(title)],
    )
    .await
    .map(drop)
}

/// The visible text of the element with this `data-testid`.
async fn text_of(app: &AppRun, test_id: &str) -> Step<String> {
    let element = app.by_test_id(test_id).await?;
    Ok(element.text().await?)
}

pub async fn questionnaire_recommends(app: &AppRun) -> Step {
    open_tab(app, "应用类型").await?;
    app.type_into("input[aria-label=\"关键词\"]", "ERP").await?;
    click_button(app, "body", "推荐").await?;
    app.wait_until(
        "a recommendation",
        r#"const r = document.querySelector('[data-testid="recommendation"]');
           return !!r && r.querySelector('[data-testid="next-step"]') !== null;"#,
        vec![],
    )
    .await?;
    let shown = text_of(app, "recommendation").await?;
    // A domestic enterprise (the default answer) naming an ERP is pointed at the ERP type first,
    // told the document does not say whether it may apply, and shown the types it may apply for.
    ensure(shown.contains("最符合您所说的系统：ERP"), || {
        format!("the ERP type is not the recommendation: {shown}")
    })?;
    ensure(shown.contains("可申请"), || {
        format!("the recommendation lists no app type the applicant may apply for: {shown}")
    })?;
    let next = text_of(app, "next-step").await?;
    ensure(next.starts_with("下一步"), || {
        format!("the applicant is given no next step: {next}")
    })?;
    app.scroll_to_test_id("recommendation").await
}

pub async fn taobaoke_fails_one_rule(app: &AppRun) -> Step {
    open_tab(app, "淘宝客").await?;
    // A website, filed and approved, with 淘点金 deployed, but 20 deduction points: document 002 wants
    // fewer than 18, so exactly this one rule of the basic package fails.
    pick(app, "#medium", "网站").await?;
    pick(app, "#filed_and_approved", "是").await?;
    pick(app, "#taodianjin_deployed", "是").await?;
    app.type_into("#site_deduction_score", "20").await?;
    click_button(app, "body", "检查").await?;
    app.wait_until(
        "the basic package's verdict",
        r#"const c = document.querySelector('[data-testid="package-basic"]');
           return !!c && c.getClientRects().length > 0;"#,
        vec![],
    )
    .await?;
    let card = text_of(app, "package-basic").await?;
    // Every figure the basic package asks for was given, so nothing is left to fill in.
    ensure(!card.contains("还需要填写"), || {
        format!("the checker still asks for figures: {card}")
    })?;
    ensure(card.contains("不符合"), || {
        format!("the basic package is not turned down: {card}")
    })?;
    let failed = app
        .client
        .execute(
            r#"return [...document.querySelectorAll('[data-testid="package-basic"] li[data-testid^="rule-"]')]
                 .filter(li => li.querySelector('.ant-tag') && li.querySelector('.ant-tag').innerText === '未通过')
                 .map(li => li.innerText);"#,
            vec![],
        )
        .await?;
    let failed: Vec<String> = serde_json::from_value(failed).unwrap_or_default();
    ensure(failed.len() == 1, || {
        format!("expected exactly one failed rule, got {failed:?}")
    })?;
    // The failed rule names by how much it misses: 20 against "fewer than 18" is 2 too many.
    ensure(failed.iter().all(|rule| rule.contains("高出 2")), || {
        format!("the failed rule shows no shortfall: {failed:?}")
    })?;
    app.scroll_to_test_id("package-basic").await
}

pub async fn crm_prepares_the_console(app: &AppRun) -> Step {
    open_tab(app, "场景与角色").await?;
    click_button(app, "[data-testid=\"scenario-erp_crm\"]", "选择此场景").await?;
    // The console is shown (the guide hidden) with the joint-test API picked and 旺店通's AppKey.
    app.wait_until(
        "the console with the joint-test API",
        r#"const picked = document.querySelector('[data-testid="api-picker"] .ant-select-selection-item');
           return !!picked && picked.getClientRects().length > 0 && picked.innerText.includes(arguments[0]);"#,
        vec![json!(JOINT_TEST_API)],
    )
    .await?;
    let source = app.page_source().await?;
    ensure(source.contains("21363512"), || {
        "the console does not carry 旺店通's AppKey 21363512".to_owned()
    })?;
    scroll_to_top(app).await
}

/// Back to the top of the page, for a screenshot that starts with the page's heading.
async fn scroll_to_top(app: &AppRun) -> Step {
    app.client.execute("window.scrollTo(0, 0);", vec![]).await?;
    Ok(())
}

/// Marks the first step done, closes the app, opens it again on the same data and reads the step.
pub async fn tracker_step_survives_restart() -> Step {
    const SCENARIO: &str = "onboarding-tracker";
    const STEP: &str = "step-prepare_materials";
    let first = launch(SCENARIO).await?;
    let marked = async {
        app_mark_done(&first, STEP).await?;
        wait_for_state(&first, STEP, "已完成").await
    }
    .await;
    let _ = first.client.clone().close().await;
    drop(first);
    marked?;

    let second = relaunch(SCENARIO).await?;
    let outcome = async {
        open_tab(&second, "进度").await?;
        // The tracker is read from the data the first run left: the step is still done.
        wait_for_state(&second, STEP, "已完成").await?;
        scroll_to_top(&second).await?;
        second
            .screenshot_to(Path::new(SCREENSHOT_DIR), SCENARIO)
            .await
            .map(drop)
    }
    .await;
    let _ = second.client.clone().close().await;
    outcome
}

async fn app_mark_done(app: &AppRun, step: &str) -> Step {
    open_tab(app, "进度").await?;
    pick(
        app,
        &format!("[data-testid=\"{step}\"] .ant-select"),
        "已完成",
    )
    .await
}

/// Waits until a step's select shows `state` (the core answers the change, then the page shows it).
async fn wait_for_state(app: &AppRun, step: &str, state: &str) -> Step {
    app.wait_until(
        &format!("{step} shown as {state:?}"),
        r#"const item = document.querySelector(`[data-testid="${arguments[0]}"] .ant-select-selection-item`);
           return !!item && item.getClientRects().length > 0 && item.innerText === arguments[1];"#,
        vec![json!(step), json!(state)],
    )
    .await
    .map(drop)
}
