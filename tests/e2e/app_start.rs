//! `make bench`: how fast the real app starts and how much memory it holds when idle.
//!
//! Runs the release build under the same harness as the end-to-end tests (tauri-driver, Xvfb, a fresh
//! data dir each time) and prints figures; budgets are read by people, never asserted here.
//! - cold start to first paint: from asking for the app to the console drawn with the data Rust sent
//!   (the 演示模式 tag is only there once `app_info` answered), median of a few starts;
//! - idle RSS: the app process and each WebKit process it started, five seconds after first paint.

#[allow(dead_code)]
#[path = "harness.rs"]
mod harness;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use harness::{AppRun, Failure, Step};

const STARTS: usize = 3;
const IDLE: Duration = Duration::from_secs(5);

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
            eprintln!("app start bench failed: {failure}");
            ExitCode::FAILURE
        }
    }
}

async fn first_paint(app: &AppRun) -> Step<Duration> {
    app.by_test_id("demo-tag").await?;
    Ok(app.requested_at.elapsed())
}

async fn measure() -> Step {
    let mut paints = Vec::new();
    let mut idle_rss = None;
    for start in 1..=STARTS {
        let app = harness::launch(&format!("bench-start-{start}")).await?;
        paints.push(first_paint(&app).await?);
        if start == STARTS {
            tokio::time::sleep(IDLE).await;
            idle_rss = Some(rss_of_app_tree(Path::new(env!(
                "CARGO_BIN_EXE_qimen-workbench"
            )))?);
        }
        let _ = app.client.clone().close().await;
    }
    paints.sort();
    let median = paints[paints.len() / 2];
    let shown: Vec<String> = paints
        .iter()
        .map(|paint| format!("{:.2}", paint.as_secs_f64()))
        .collect();
    println!(
        "app cold start to first paint: {:.2} s median of {STARTS} (each: {} s)",
        median.as_secs_f64(),
        shown.join(", ")
    );
    let Some(by_process) = idle_rss else {
        return Err(Failure("no idle memory reading was taken".to_owned()));
    };
    let total: u64 = by_process.values().sum();
    let parts: Vec<String> = by_process
        .iter()
        .map(|(name, kib)| format!("{name} {} MiB", kib / 1024))
        .collect();
    println!(
        "app idle RSS after {} s: {} MiB ({})",
        IDLE.as_secs(),
        total / 1024,
        parts.join(", ")
    );
    Ok(())
}

/// Reads one field of /proc/<pid>/status, e.g. `VmRSS` (in KiB) or `PPid`.
fn status_field(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status
        .lines()
        .find(|line| line.starts_with(&format!("{field}:")))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn process_name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|name| name.trim().to_owned())
        .unwrap_or_else(|_| format!("pid {pid}"))
}

fn all_pids() -> Step<Vec<u32>> {
    Ok(std::fs::read_dir("/proc")?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect())
}

/// Resident memory (KiB) of the app process running `binary` and of every process below it, summed
/// by process name.
fn rss_of_app_tree(binary: &Path) -> Step<BTreeMap<String, u64>> {
    let binary: PathBuf = binary.canonicalize()?;
    let pids = all_pids()?;
    let app = pids
        .iter()
        .copied()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .ok_or_else(|| Failure(format!("no running process of {}", binary.display())))?;
    let mut tree = vec![app];
    let mut grew = true;
    while grew {
        grew = false;
        for pid in &pids {
            let parent = status_field(*pid, "PPid").and_then(|ppid| u32::try_from(ppid).ok());
            if parent.is_some_and(|ppid| tree.contains(&ppid)) && !tree.contains(pid) {
                tree.push(*pid);
                grew = true;
            }
        }
    }
    let mut by_name = BTreeMap::new();
    for pid in tree {
        if let Some(kib) = status_field(pid, "VmRSS") {
            *by_name.entry(process_name(pid)).or_insert(0) += kib;
        }
    }
    Ok(by_name)
}
