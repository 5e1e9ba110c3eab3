//! History: every call is kept, full-text search finds one by what was sent, and re-sending it from
//! the list makes a new call that lands in history too.

use serde_json::json;

use crate::console::send_and_read_verdict;
use crate::harness::{ensure, AppRun, Step};
use crate::qimen::choose_api;

/// A value that only the Qimen call's XML body holds (its entry order code in the catalogue example).
const BODY_ONLY_TEXT: &str = "RK202405200001";
/// WebDriver's code for the Enter key.
const ENTER: &str = "\u{E007}";

/// The visible history rows whose text contains `needle`, and how many rows there are in all.
async fn rows_matching(app: &AppRun, needle: &str) -> Step<(u64, u64)> {
    let counts = app
        .client
        .execute(
            "const rows = [...document.querySelectorAll('tr.ant-table-row')]
               .filter(r => r.getClientRects().length > 0);
             return [rows.filter(r => r.innerText.includes(arguments[0])).length, rows.length];",
            vec![json!(needle)],
        )
        .await?;
    Ok((
        counts[0].as_u64().unwrap_or_default(),
        counts[1].as_u64().unwrap_or_default(),
    ))
}

pub async fn search_and_resend(app: &AppRun) -> Step {
    // Two calls of different APIs: the demo's taobao.time.get, then a Qimen XML call.
    let first = send_and_read_verdict(app).await?;
    ensure(first.success, || {
        format!("demo call failed: {:?}", first.label)
    })?;
    choose_api(app, "taobao.qimen.entryorder.create").await?;
    let second = send_and_read_verdict(app).await?;
    ensure(second.success, || {
        format!("Qimen call failed: {:?}", second.label)
    })?;

    app.click_labelled("历史记录").await?;
    app.wait_until(
        "both calls in the history list",
        "return document.querySelectorAll('tr.ant-table-row').length >= 2;",
        vec![],
    )
    .await?;

    // Search by a value that appears only inside the XML body that was sent: full-text, not just names.
    let search = "input[data-testid=\"history-search\"], [data-testid=\"history-search\"] input";
    app.type_into(search, BODY_ONLY_TEXT).await?;
    app.client
        .find(fantoccini::Locator::Css(search))
        .await?
        .send_keys(ENTER)
        .await?;
    app.wait_until(
        "the search to leave only the Qimen call",
        "const rows = [...document.querySelectorAll('tr.ant-table-row')]
           .filter(r => r.getClientRects().length > 0);
         return rows.length === 1 && rows[0].innerText.includes('taobao.qimen.entryorder.create');",
        vec![],
    )
    .await?;

    app.click_in_row("taobao.qimen.entryorder.create", "重新发送")
        .await?;
    // The app confirms the re-sent call's outcome, and the new call is found by the same search.
    app.wait_for_text("已重新发送：成功").await?;
    app.wait_until(
        "the re-sent call in the search results",
        "return [...document.querySelectorAll('tr.ant-table-row')]
           .filter(r => r.getClientRects().length > 0).length === 2;",
        vec![],
    )
    .await?;
    let (matching, all) = rows_matching(app, "taobao.qimen.entryorder.create").await?;
    ensure(matching == 2 && all == 2, || {
        format!("after re-sending, {matching} of {all} rows are the Qimen call")
    })
}
