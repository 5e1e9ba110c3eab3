//! The security settings hold in the running app, not only in tauri.conf.json: the CSP blocks inline
//! scripts, no Tauri global is exposed, and the capabilities refuse what the UI was not granted.

use serde_json::Value;

use crate::harness::{ensure, AppRun, Step};

pub async fn security_posture(app: &AppRun) -> Step {
    // An injected inline <script> must not run: script-src is 'self' without 'unsafe-inline'.
    let inline_ran = app
        .client
        .execute(
            "const s = document.createElement('script');
             s.textContent = 'window.__inlineRan = true';
             document.head.appendChild(s);
             return window.__inlineRan === true;",
            vec![],
        )
        .await?;
    ensure(inline_ran == Value::Bool(false), || {
        "an inline script ran: the CSP is not applied".to_owned()
    })?;

    // withGlobalTauri is off: the page gets no window.__TAURI__ to call from injected code.
    let global = app
        .client
        .execute("return typeof window.__TAURI__;", vec![])
        .await?;
    ensure(global == Value::String("undefined".into()), || {
        format!("window.__TAURI__ is {global}")
    })?;

    // A plugin command the capabilities do not grant is refused by the ACL.
    let refused = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('plugin:dialog|open', {options: {}})
               .then(() => done('allowed'), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    let refused = refused.as_str().unwrap_or_default().to_owned();
    ensure(refused.contains("not allowed"), || {
        format!("an ungranted plugin command answered: {refused}")
    })?;
    Ok(())
}
