//! Secrets never reach the screen: after a real call, with every result tab opened, the page (including
//! form values and hidden tabs) holds neither the demo AppSecret nor the 旺店通 secret.

use qimen_server::gateway::apis::{WDT_DEMO_APP_SECRET, WDT_DEMO_SECRET};
use qimen_server::gateway::config::DEMO_ERP_SECRET;

use std::path::{Path, PathBuf};

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
    app.scroll_to_test_id("result").await?;
    assert_no_secret_in_files(app)
}

/// Every file the run wrote (the database and its WAL, the app's log under the XDG data folder,
/// the window state) holds no demo secret.
fn assert_no_secret_in_files(app: &AppRun) -> Step {
    let scenario = app
        .data_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut files = Vec::new();
    collect_files(&app.data_dir, &mut files)?;
    collect_files(&scenario.join("xdg-data"), &mut files)?;
    collect_files(&scenario.join("xdg-config"), &mut files)?;
    let logs = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "log"))
        .count();
    ensure(logs > 0, || format!("the app wrote no log among {files:?}"))?;
    for file in &files {
        let bytes = std::fs::read(file)?;
        for secret in DEMO_SECRETS {
            ensure(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                || {
                    format!(
                        "{} holds a demo secret ({} chars)",
                        file.display(),
                        secret.len()
                    )
                },
            )?;
        }
    }
    Ok(())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Step {
    if !dir.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
