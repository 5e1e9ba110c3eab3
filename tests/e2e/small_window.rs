//! The app at 1024×700, the small laptop screen, in Chinese and in English: the sidebar folds away, a
//! result comes into view after 发送, the page never scrolls sideways, and each screen is kept as a
//! screenshot beside the 1280×820 ones.

use std::path::Path;

use crate::console::send_and_read_verdict;
use crate::harness::{ensure, AppRun, Step, SCREENSHOT_DIR};
use crate::language::choose_language;

/// Fails when the page is wider than the window (something clips or scrolls sideways).
pub async fn no_sideways_scroll(app: &AppRun, screen: &str) -> Step {
    let widths = app
        .client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await?;
    let (page, window) = (
        widths[0].as_u64().unwrap_or_default(),
        widths[1].as_u64().unwrap_or_default(),
    );
    ensure(page <= window, || {
        format!("{screen}: the page is {page} px wide in a {window} px window")
    })
}

async fn shoot(app: &AppRun, name: &str) -> Step {
    app.screenshot_to(Path::new(SCREENSHOT_DIR), name)
        .await
        .map(drop)
}

pub async fn small_window_in_both_languages(app: &AppRun) -> Step {
    app.client.set_window_size(1024, 700).await?;
    app.wait_until(
        "the sidebar folded at 1024 px",
        "return !!document.querySelector('.ant-layout-sider-collapsed');",
        vec![],
    )
    .await?;
    let verdict = send_and_read_verdict(app).await?;
    ensure(verdict.success, || {
        format!("the demo call failed: {:?}", verdict.label)
    })?;
    // The result is scrolled into view after 发送.
    app.wait_until(
        "the result in view",
        "const r = document.querySelector('[data-testid=\"result\"]');
         if (!r) return false;
         const b = r.getBoundingClientRect();
         return b.top < window.innerHeight && b.bottom > 0;",
        vec![],
    )
    .await?;
    no_sideways_scroll(app, "console").await?;
    shoot(app, "small-console-zh").await?;

    for (menu, name) in [
        ("历史记录", "small-history-zh"),
        ("应用配置", "small-profiles-zh"),
    ] {
        app.click_labelled(menu).await?;
        no_sideways_scroll(app, menu).await?;
        shoot(app, name).await?;
    }

    choose_language(app, "English").await?;
    app.wait_for_text("Test console").await?;
    for (menu, name) in [
        ("Test console", "small-console-en"),
        ("Reproduce", "small-repro-en"),
    ] {
        app.click_labelled(menu).await?;
        no_sideways_scroll(app, menu).await?;
        shoot(app, name).await?;
    }
    Ok(())
}
