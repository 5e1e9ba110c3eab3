//! The security settings hold in the running app, not only in tauri.conf.json: the CSP blocks inline
//! scripts, no Tauri global is exposed, the capabilities refuse what the UI was not granted, only
//! https addresses reach the system browser, every command of the IPC contract is registered and
//! granted, and none is brought down by hostile arguments.

use serde_json::{json, Value};

use crate::harness::{ensure, AppRun, Step};

pub async fn security_posture(app: &AppRun) -> Step {
    // The data opens beside the main thread after the window shows; the UI asks nothing else before
    // app_start answers, and neither does this test.
    let settled = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('app_start', {})
               .then((start) => done(start.kind === 'ready' ? 'open' : JSON.stringify(start)), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    ensure(settled == Value::String("open".into()), || {
        format!("the data did not open: {settled}")
    })?;
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
    // The browser gets https addresses only: a page cannot hand the system a file or a program.
    let link = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('link_open', {url: 'file:///etc/passwd'})
               .then(() => done('opened'), (e) => done(e.code || String(e)));",
            vec![],
        )
        .await?;
    ensure(link == Value::String("validation.link".into()), || {
        format!("a file address given to the browser answered: {link}")
    })?;
    every_command_is_registered_and_granted(app).await?;
    hostile_arguments_are_refused_not_crashed_on(app).await
}

/// How the app answers `name` called with no arguments: "ok", an IPC error object as JSON, or the
/// plain string Tauri uses for its own refusals (ACL, unknown command, bad arguments).
async fn answer_to(app: &AppRun, name: &str) -> Step<String> {
    let answer = app
        .client
        .execute_async(
            "const [name, done] = arguments;
             window.__TAURI_INTERNALS__.invoke(name, {}).then(
               () => done('ok'),
               (e) => done(typeof e === 'string' ? e : JSON.stringify(e)));",
            vec![json!(name)],
        )
        .await?;
    Ok(answer.as_str().unwrap_or_default().to_owned())
}

/// Reached the command: it ran, answered with its own error, or only lacked its arguments.
fn reached(answer: &str) -> bool {
    answer == "ok"
        || answer.starts_with('{')
        || answer.contains("missing required key")
        || answer.contains("invalid args")
}

async fn every_command_is_registered_and_granted(app: &AppRun) -> Step {
    // The check must tell a refusal apart: a command nobody registered is not reached.
    let unknown = answer_to(app, "no_such_command").await?;
    ensure(!reached(&unknown), || {
        format!("an unknown command was reached: {unknown}")
    })?;
    for command in qimen_workbench_lib::CONTRACT {
        let name = command.name;
        // Called without arguments, these would open their dialog and wait for a person; that they
        // are granted is checked against the capability file by the contract test.
        if OPENS_A_WINDOW.contains(&name) && command.args.is_empty() {
            continue;
        }
        let answer = answer_to(app, name).await?;
        ensure(reached(&answer), || {
            format!("command {name} is not reachable from the UI: {answer}")
        })?;
    }
    Ok(())
}

/// Commands that open a native dialog or a window when their arguments happen to be valid: left out
/// of the hostile-argument pass, which must not leave anything open on the screen.
const OPENS_A_WINDOW: [&str; 6] = [
    "materials_attach",
    "materials_export",
    "repro_export",
    "repro_open_file",
    "response_save",
    "session_open_window",
];

/// Every command of the contract called with hostile arguments: wrong types, huge strings, path-like
/// values, broken UTF-16, deep nesting. None may bring the app down: each answers, and the app still
/// answers `app_info` after all of them. The core's refusals are `{code, message}`; Tauri's own
/// refusal of arguments it cannot read is a string naming the argument.
async fn hostile_arguments_are_refused_not_crashed_on(app: &AppRun) -> Step {
    let hostile = [
        json!(null),
        json!(-1),
        json!(1e308),
        json!(""),
        json!("x".repeat(256 * 1024)),
        json!("../../../../etc/passwd"),
        json!("\u{0}\u{202e}<script>"),
        json!([[[[[[[[[[[]]]]]]]]]]]),
        json!({"__proto__": {"polluted": true}, "constructor": "x"}),
        json!(true),
    ];
    let mut answers = 0usize;
    for command in qimen_workbench_lib::CONTRACT {
        if OPENS_A_WINDOW.contains(&command.name) || command.args.is_empty() {
            continue;
        }
        for value in &hostile {
            let mut args = serde_json::Map::new();
            for (name, _) in command.args {
                args.insert(qimen_workbench_lib::ui_argument_name(name), value.clone());
            }
            let answer = app
                .client
                .execute_async(
                    "const [name, args, done] = arguments;
                     window.__TAURI_INTERNALS__.invoke(name, args).then(
                       () => done('ok'),
                       (e) => done(typeof e === 'string' ? e : JSON.stringify(e)));",
                    vec![json!(command.name), Value::Object(args)],
                )
                .await?;
            let answer = answer.as_str().unwrap_or_default().to_owned();
            let understood = answer == "ok"
                || serde_json::from_str::<Value>(&answer)
                    .is_ok_and(|v| v["code"].is_string() && v["message"].is_string())
                || answer.contains("invalid args");
            ensure(understood, || {
                format!("{} with {value:.60}: an answer that is neither a result nor a refusal: {answer:.200}", command.name)
            })?;
            answers += 1;
        }
    }
    ensure(answers > 300, || {
        format!("only {answers} hostile calls were made")
    })?;
    let alive = answer_to(app, "app_info").await?;
    ensure(alive == "ok", || {
        format!("the app no longer answers app_info: {alive}")
    })
}
