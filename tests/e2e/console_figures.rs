//! `make bench`: what a call costs in the window, measured in the release app through WebDriver.
//!
//! - click to drawn: from the click on 发送 to the frame after the result is on screen, for
//!   `taobao.time.get` on the local gateway, next to the same call made directly over HTTP;
//! - a 10 MB answer, on one line and pretty-printed, from a server this bench starts: the longest gap
//!   between frames from the click until a second after it is drawn (WebKitGTK has no long-task
//!   observer; a requestAnimationFrame monitor stands in), and the one-line answer once more after
//!   reopening the app on the same folders (WebKit's compiled shaders kept in its cache folder);
//! - the web process's memory after 200 small calls.
//!
//! Budgets are read by people, never asserted here.

#[allow(dead_code)]
#[path = "harness.rs"]
mod harness;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use harness::{AppRun, Failure, Step};
use qimen_core::clock::format_gmt8;
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The bench's data and cache folders, kept between its two runs of the app.
const SCENARIO: &str = "bench-console";
const SMALL_CALLS: usize = 200;
const TIMED_CLICKS: usize = 15;

/// Clicks 发送 and answers, once the result is drawn, in milliseconds from the click: the frame after
/// the result appeared; when `call_send`'s answer began to arrive over IPC and when it was parsed; when
/// the result was in the page; and the longest gap between frames until a second later, with when it
/// began.
const TIMED_SEND: &str = r#"
const done = arguments[0];
// Tauri's invoke is frozen, but its IPC goes through fetch: the moment call_send's answer starts to
// arrive, and the moment its body has been read and parsed.
if (!window.__benchWrapped) {
  const fetch = window.fetch;
  window.fetch = (url, ...rest) => {
    const answer = fetch(url, ...rest);
    if (!String(url).includes('call_send')) return answer;
    window.__benchAsked = performance.now();
    return answer.then((response) => {
      window.__benchAnswered = performance.now();
      for (const read of ['json', 'text', 'arrayBuffer']) {
        const original = response[read].bind(response);
        response[read] = () => original().then((body) => { window.__benchParsed = performance.now(); return body; });
      }
      return response;
    });
  };
  window.__benchWrapped = true;
}
window.__benchAsked = null;
window.__benchAnswered = null;
window.__benchParsed = null;
let longest = {gap: 0, at: 0};
let last = performance.now();
let running = true;
const tick = (now) => {
  if (now - last > longest.gap) longest = {gap: now - last, at: last - start};
  last = now;
  if (running) requestAnimationFrame(tick);
};
const start = performance.now();
requestAnimationFrame(tick);
const old = document.querySelector('[data-testid="result"]');
let changed = false;
let inPage = null;
// The result is seen the moment React puts it in the page: a MutationObserver's callback runs right
// after the change, where polling with timers would see it up to a clamped timer later. Only changes
// after call_send's answer was read count (the send button's spinner changes the page before).
const answered = () => window.__benchParsed !== null;
const fresh = () => {
  const panel = document.querySelector('[data-testid="result"]');
  return (changed || (panel && panel !== old)) && !!(panel && panel.querySelector('[data-testid="result-tag"]'));
};
const idle = () => {
  const send = document.querySelector('[data-testid="send"]');
  return !!send && !send.classList.contains('ant-btn-loading');
};
const watcher = new MutationObserver((records) => {
  if (!answered()) return;
  if (old && records.some((r) => old.contains(r.target))) changed = true;
  if (inPage !== null || !fresh()) return;
  inPage = performance.now() - start;
  // The frame that draws it: the next animation frame's callbacks run just before that frame's
  // layout and paint, and a timer set from them (not nested, so not clamped) runs once those are done.
  requestAnimationFrame(() => setTimeout(() => {
    const drawn = performance.now() - start;
    // The send button's spinner stops a render later (antd clears it in an effect); the next click
    // needs it stopped, the timing does not wait for it.
    const finish = () => {
      if (!idle()) { setTimeout(finish, 10); return; }
      running = false;
      watcher.disconnect();
      const since = (at) => (at === null ? null : at - start);
      done({drawn, asked: since(window.__benchAsked), answered: since(window.__benchAnswered), parsed: since(window.__benchParsed), inPage, maxGap: longest.gap, maxGapAt: longest.at});
    };
    setTimeout(finish, 1000);
  }, 0));
});
watcher.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
document.querySelector('[data-testid="send"]').click();
"#;

/// The command the first screen waits for (it answers with the first screen's data), and two that
/// screens ask again after a change.
const STARTUP_COMMANDS: [&str; 3] = ["app_start", "app_info", "profiles_list"];

/// Invokes one command without arguments `arguments[1]` times in a row: the median milliseconds and
/// the size of its answer as JSON.
const TIMED_INVOKE: &str = r#"
const [command, times, done] = arguments;
(async () => {
  const took = [];
  let answer = null;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    answer = await window.__TAURI_INTERNALS__.invoke(command);
    took.push(performance.now() - started);
  }
  took.sort((a, b) => a - b);
  done({median: took[Math.floor(took.length / 2)], bytes: new TextEncoder().encode(JSON.stringify(answer)).length});
})().catch((error) => done({error: String(error)}));
"#;

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(measure()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("console bench failed: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// A server answering every request with the body `shown` names (0 = one line, 1 = pretty) as
/// JSON, on a free loopback port; its router URL.
async fn serve_bodies(
    bodies: [Vec<u8>; 2],
    shown: std::sync::Arc<std::sync::atomic::AtomicUsize>,
) -> Step<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/router/rest", listener.local_addr()?);
    let bodies = std::sync::Arc::new(bodies);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let bodies = bodies.clone();
            let which = shown.load(std::sync::atomic::Ordering::Relaxed).min(1);
            tokio::spawn(async move {
                let body = &bodies[which];
                let mut request = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut request).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(body).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    Ok(url)
}

/// A 10 MB `taobao.time.get`-shaped answer: one line, or indented over many.
fn ten_megabytes(pretty: bool) -> Vec<u8> {
    let items: Vec<Value> = (0..70_000)
        .map(|i| serde_json::json!({"sku": format!("SKU-{i:06}"), "name": "日式釉下彩陶瓷餐具套装", "qty": i % 97, "memo": "x".repeat(60)}))
        .collect();
    let answer =
        serde_json::json!({"time_get_response": {"time": "2026-12-01 10:00:00", "items": items}});
    let text = if pretty {
        serde_json::to_vec_pretty(&answer)
    } else {
        serde_json::to_vec(&answer)
    };
    text.unwrap_or_default()
}

/// Picks an environment in the top bar by typing it: the typed address is offered as an option, which is
/// clicked once it is there (an Enter pressed while the options still followed an earlier keystroke
/// chose a half-typed address).
async fn choose_environment(app: &AppRun, typed: &str) -> Step {
    app.wait_until(
        "the environment picker",
        r#"const s = document.querySelector('[data-testid="environment-select"] .ant-select-selector');
           if (!s) return false;
           s.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
           return true;"#,
        vec![],
    )
    .await?;
    app.client
        .find(fantoccini::Locator::Css(
            "[data-testid=\"environment-select\"] input",
        ))
        .await?
        .send_keys(typed)
        .await?;
    app.wait_until(
        "the typed address offered and chosen",
        r#"const option = [...document.querySelectorAll('.ant-select-item-option')]
             .find((o) => o.textContent.trim().endsWith(arguments[0]));
           if (!option) return false;
           option.click();
           return true;"#,
        vec![serde_json::json!(typed)],
    )
    .await?;
    app.wait_until(
        "the environment chosen",
        r#"const s = document.querySelector('[data-testid="environment-select"]');
           return !!s && s.innerText.includes(arguments[0]);"#,
        vec![serde_json::json!(typed)],
    )
    .await
    .map(drop)
}

/// One timed click, in milliseconds from it: see [`TIMED_SEND`].
struct Timed {
    drawn: f64,
    asked: Option<f64>,
    answered: Option<f64>,
    parsed: Option<f64>,
    in_page: Option<f64>,
    gap: f64,
    gap_at: f64,
}

impl Timed {
    /// Where the time went, for one large answer.
    fn phases(&self) -> String {
        let at = |label: &str, value: Option<f64>| {
            value
                .map(|ms| format!("{label} {ms:.0} ms, "))
                .unwrap_or_default()
        };
        format!(
            "{}{}{}{}drawn {:.0} ms; longest gap between frames {:.0} ms, from {:.0} ms",
            at("call_send asked at", self.asked),
            at("IPC answer at", self.answered),
            at("parsed at", self.parsed),
            at("in the page at", self.in_page),
            self.drawn,
            self.gap,
            self.gap_at
        )
    }
}

async fn timed_send(app: &AppRun) -> Step<Timed> {
    let figures = app.client.execute_async(TIMED_SEND, vec![]).await?;
    match (figures["drawn"].as_f64(), figures["maxGap"].as_f64()) {
        (Some(drawn), Some(gap)) => Ok(Timed {
            drawn,
            asked: figures["asked"].as_f64(),
            answered: figures["answered"].as_f64(),
            parsed: figures["parsed"].as_f64(),
            in_page: figures["inPage"].as_f64(),
            gap,
            gap_at: figures["maxGapAt"].as_f64().unwrap_or(0.0),
        }),
        _ => Err(Failure(format!("no timing came back: {figures}"))),
    }
}

/// `taobao.time.get` signed as the console signs it, sent directly: the milliseconds it took.
async fn direct_call(client: &reqwest::Client, gateway: &str) -> Step<f64> {
    let mut params = Params::new();
    for (k, v) in [
        ("method", "taobao.time.get"),
        ("app_key", DEMO_ERP_APP_KEY),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("format", "json"),
    ] {
        params.insert(k.into(), v.into());
    }
    params.insert("timestamp".into(), format_gmt8(chrono::Utc::now()));
    let sign = sign_top(&params, None, DEMO_ERP_SECRET, SignMethod::Md5);
    params.insert("sign".into(), sign);
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter())
        .finish();
    let started = Instant::now();
    let answer = client
        .post(format!("{gateway}/router/rest?{query}"))
        .send()
        .await
        .map_err(|e| Failure(format!("the gateway did not answer: {e}")))?;
    answer
        .bytes()
        .await
        .map_err(|e| Failure(format!("the answer broke off: {e}")))?;
    Ok(started.elapsed().as_secs_f64() * 1000.0)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// The resident memory of the WebKit web processes, in MiB.
fn web_process_mib() -> f64 {
    let mut kib = 0u64;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let path = entry.path();
        let comm = std::fs::read_to_string(path.join("comm")).unwrap_or_default();
        if !comm.starts_with("WebKitWebProces") {
            continue;
        }
        let status = std::fs::read_to_string(path.join("status")).unwrap_or_default();
        if let Some(line) = status.lines().find(|l| l.starts_with("VmRSS:")) {
            kib += line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    kib as f64 / 1024.0
}

async fn measure() -> Step {
    let app = harness::launch(SCENARIO).await?;
    app.by_test_id("demo-tag").await?;
    app.by_test_id("send").await?;

    // Small answers: the click to the result drawn, beside the same call made directly.
    let mut clicks = Vec::new();
    let mut asked = Vec::new();
    let mut answers = Vec::new();
    let mut in_page = Vec::new();
    for _ in 0..TIMED_CLICKS {
        let timed = timed_send(&app).await?;
        clicks.push(timed.drawn);
        asked.extend(timed.asked);
        answers.extend(timed.answered);
        in_page.extend(timed.in_page);
    }
    let gateway = app
        .client
        .execute_async(
            "const done = arguments[0];
             window.__TAURI_INTERNALS__.invoke('app_start')
               .then((start) => done(start.screen.environments.value.find((e) => e.id === 'local').endpoints.top), () => done(null));",
            vec![],
        )
        .await?;
    let gateway = gateway
        .as_str()
        .and_then(|url| url.split("/router").next())
        .map(str::to_owned)
        .ok_or_else(|| Failure(format!("no local gateway address: {gateway}")))?;
    let client = qimen_core::client::http_client_builder()
        .no_proxy()
        .build()
        .map_err(|e| Failure(format!("no HTTP client: {e}")))?;
    let mut direct = Vec::new();
    for _ in 0..TIMED_CLICKS {
        direct.push(direct_call(&client, &gateway).await?);
    }
    // The first result of a run also draws the result view for the first time; this click comes
    // before the view has been loaded ahead, on a first launch.
    let first = clicks.first().copied().unwrap_or(0.0);
    let (click, straight) = (median(clicks), median(direct));
    println!(
        "click on 发送 to the result drawn, taobao.time.get on the local gateway: median {click:.1} ms over {TIMED_CLICKS}; the same call directly over HTTP {straight:.2} ms; the window adds {:.1} ms",
        click - straight
    );
    println!(
        "  the first click of the run, made as soon as the console showed on a first launch: the result drawn {first:.1} ms after it"
    );
    if !asked.is_empty() && !answers.is_empty() && !in_page.is_empty() {
        let (asked, answered, in_page) = (median(asked), median(answers), median(in_page));
        println!(
            "  of which (medians): call_send asked {asked:.1} ms after the click, answered over IPC {:.1} ms later, the result in the page {:.1} ms after that, drawn {:.1} ms later",
            answered - asked,
            in_page - answered,
            click - in_page
        );
    }

    // What the first screen asks for over IPC: how long each answer takes and how large it is.
    let mut startup = Vec::new();
    for command in STARTUP_COMMANDS {
        let figures = app
            .client
            .execute_async(
                TIMED_INVOKE,
                vec![serde_json::json!(command), serde_json::json!(TIMED_CLICKS)],
            )
            .await?;
        match (figures["median"].as_f64(), figures["bytes"].as_f64()) {
            (Some(ms), Some(bytes)) => {
                startup.push(format!("{command} {ms:.2} ms ({:.1} KB)", bytes / 1024.0))
            }
            _ => return Err(Failure(format!("{command} could not be timed: {figures}"))),
        }
    }
    println!(
        "the first screen's IPC, median of {TIMED_CLICKS}: {}",
        startup.join(", ")
    );

    // Memory after many small calls.
    let before = web_process_mib();
    for _ in 0..SMALL_CALLS {
        timed_send(&app).await?;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "web process memory: {before:.0} MiB before {SMALL_CALLS} more calls, {:.0} MiB after",
        web_process_mib()
    );

    // 10 MB answers, from one server that answers one line or pretty as told.
    let shown = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let bodies = [ten_megabytes(false), ten_megabytes(true)];
    let sizes = [bodies[0].len(), bodies[1].len()];
    let url = serve_bodies(bodies, shown.clone()).await?;
    choose_environment(&app, &url).await?;
    for (which, shape) in [
        (0, "one line"),
        (1, "pretty-printed"),
        (0, "one line, again"),
    ] {
        shown.store(which, std::sync::atomic::Ordering::Relaxed);
        let timed = timed_send(&app).await?;
        println!(
            "a {:.1} MB answer, {shape}, from the click: {}",
            sizes[which] as f64 / 1_048_576.0,
            timed.phases()
        );
    }
    let _ = app.client.clone().close().await;
    drop(app);

    // WebKit draws through GL, here with Mesa's software renderer, which compiles the shaders a kind
    // of drawing first needs and keeps them in the user's cache folder: the first large answer of a
    // fresh cache waits for that. Opened again on the same folders, as a user reopening the app.
    let again = harness::relaunch(SCENARIO).await?;
    again.by_test_id("send").await?;
    choose_environment(&again, &url).await?;
    shown.store(0, std::sync::atomic::Ordering::Relaxed);
    let timed = timed_send(&again).await?;
    println!(
        "a {:.1} MB answer, one line, the first after reopening the app (its compiled shaders kept): {}",
        sizes[0] as f64 / 1_048_576.0,
        timed.phases()
    );
    let _ = again.client.clone().close().await;
    Ok(())
}
