//! `make bench`: whether the 联调抓包 live list stays smooth while a customer's system sends 200
//! requests a second through the relay for a minute.
//!
//! Runs the release app under the end-to-end harness, starts the relay on the Traffic page in front
//! of the local gateway (signs checked with the demo profile's secret), then plays the customer's
//! system: 200 signed calls a second, each on its own connection. Meanwhile a requestAnimationFrame
//! monitor in the window records the gap between frames (WebKitGTK has no long-task observer). It
//! prints the calls sent and answered, the rows the list holds, the frame gaps (median, p99, max,
//! how many over 50 and 100 ms) and the web process's memory before and after; budgets are read
//! by people, never asserted here.

#[allow(dead_code)]
#[path = "harness.rs"]
mod harness;

use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use harness::{AppRun, Failure, Step};
use qimen_core::clock::format_gmt8;
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};

const RATE_PER_SECOND: u64 = 200;
const RUN_FOR: Duration = Duration::from_secs(60);

const FRAME_MONITOR: &str = "
    window.__gaps = [];
    let last = performance.now();
    const tick = (now) => { window.__gaps.push(now - last); last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
";

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
            eprintln!("live list bench failed: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// `taobao.time.get` signed as a customer's system signs it, as a query string.
fn customer_query() -> String {
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
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter())
        .finish()
}

/// The resident memory of the app's WebKit web processes, in MiB.
fn web_process_mib() -> f64 {
    let mut kib = 0u64;
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    for entry in entries.flatten() {
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

async fn start_relay(app: &AppRun) -> Step<String> {
    app.click_labelled("联调抓包").await?;
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.local_addr()?.port()
    };
    let field = app.by_test_id("traffic-port").await?;
    field.send_keys("\u{E009}a\u{E000}").await?;
    field.send_keys(&port.to_string()).await?;
    app.click_test_id("traffic-start").await?;
    app.by_test_id("traffic-addresses").await?;
    Ok(format!("http://127.0.0.1:{port}"))
}

/// Sends calls at the rate for the duration; answers how many were sent and answered.
async fn play_customer(relay: &str) -> Step<(u64, u64)> {
    let client = qimen_core::client::http_client_builder()
        .no_proxy()
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(|e| Failure(format!("no HTTP client: {e}")))?;
    let answered = Arc::new(AtomicU64::new(0));
    let mut sent = 0u64;
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / RATE_PER_SECOND));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let mut tasks = Vec::new();
    while started.elapsed() < RUN_FOR {
        tick.tick().await;
        let client = client.clone();
        let url = format!("{relay}/router/rest?{}", customer_query());
        let answered = answered.clone();
        sent += 1;
        tasks.push(tokio::spawn(async move {
            if let Ok(answer) = client.post(url).send().await {
                if answer.status().is_success() {
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    Ok((sent, answered.load(Ordering::Relaxed)))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

async fn measure() -> Step {
    let app = harness::launch("bench-live-list").await?;
    app.by_test_id("demo-tag").await?;
    let relay = start_relay(&app).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let memory_before = web_process_mib();
    app.client.execute(FRAME_MONITOR, vec![]).await?;
    let (sent, answered) = play_customer(&relay).await?;
    // Let the last batch reach the list.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let gaps = app.client.execute("return window.__gaps;", vec![]).await?;
    let mut gaps: Vec<f64> = gaps
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    let memory_after = web_process_mib();
    let recorded = app
        .client
        .execute_async(
            "const done = arguments[0];
             window.__TAURI_INTERNALS__.invoke('traffic_status').then((s) => done(s.recorded), () => done(-1));",
            vec![],
        )
        .await?;
    let rows_drawn = app
        .client
        .find_all(Locator::Css("[data-testid^=\"traffic-row-\"]"))
        .await?
        .len();
    gaps.sort_by(|a, b| a.total_cmp(b));
    let over = |ms: f64| gaps.iter().filter(|g| **g > ms).count();
    println!(
        "live list at {RATE_PER_SECOND} requests/s for {} s through the relay: {sent} sent, {answered} answered, {recorded} kept in the list ({rows_drawn} rows drawn, virtualised)",
        RUN_FOR.as_secs()
    );
    println!(
        "frame gaps over {} frames: median {:.1} ms, p99 {:.1} ms, max {:.1} ms; {} over 50 ms, {} over 100 ms",
        gaps.len(),
        percentile(&gaps, 0.5),
        percentile(&gaps, 0.99),
        gaps.last().copied().unwrap_or(0.0),
        over(50.0),
        over(100.0)
    );
    println!("web process memory: {memory_before:.0} MiB before, {memory_after:.0} MiB after");
    let _ = app.client.clone().close().await;
    if answered == 0 {
        return Err(Failure("no call was answered through the relay".into()));
    }
    Ok(())
}
