//! `make bench`: how the release app starts next to a bare Tauri window (`benches/bare-window`).
//!
//! Both release binaries are started the same way, directly under the X display `make bench` gives
//! (Xvfb), taking turns within each round so that a busy machine weighs on both alike. Each round
//! starts each app twice: a first launch on a fresh data dir, then a later launch on the same one.
//! Before the first round each app is launched once, not counted (see [`warm_up`]), and before
//! every launch the files both apps map are read (see [`read_through`]). Per launch, from the spawn:
//! - window mapped: the app's top-level window is viewable (`xwininfo`);
//! - first pixels: the first screenshot of the window that is not one flat colour;
//! - visually complete: the first screenshot within 0.5 % of the pixels of the settled one (the
//!   window unchanged for a few seconds);
//! - idle PSS and CPU: the app and every process below it (WebKit's), over a few seconds from then.
//!
//! Screenshots are `xwd` dumps of the display taken one after the other, so a time is the moment a
//! dump that showed the state ended (a few tens of milliseconds late at most). Figures are printed
//! as min / median / max with the ratio of the medians; budgets are read by people, never asserted.

use std::collections::HashMap;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Rounds of both apps; `BENCH_ROUNDS` overrides. Seven, because a launch's times spread over a
/// second on two shared cores and the median of five still moved by a third from one run to the next.
const ROUNDS: usize = 7;
/// How long the window must stay unchanged to count as settled.
const QUIET: Duration = Duration::from_secs(3);
/// How long idle CPU is measured for, from the settled frame on.
const IDLE: Duration = Duration::from_secs(5);
/// How long a launch may take to map its window, or to settle.
const TIMEOUT: Duration = Duration::from_secs(40);
/// Visually complete: at most this fraction of the window's pixels differs from the settled frame.
const COMPLETE: f64 = 0.005;
/// Changes up to this fraction (a blinking caret) do not count as the window still changing.
const UNCHANGED: f64 = 0.0002;
/// The pause between two dumps, so that the sampling does not take a core from the app.
const SAMPLE_GAP: Duration = Duration::from_millis(30);

type Outcome<T = ()> = Result<T, String>;

const EXITED: &str = "the app ended before showing a window";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("app start bench failed: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// One of the two apps being compared.
struct Subject {
    name: &'static str,
    binary: PathBuf,
    /// The deb's file name starts with this (the productName).
    deb_prefix: &'static str,
    /// Extra environment for a launch on the data dir `dir`.
    env: fn(&Path, usize) -> Vec<(String, PathBuf)>,
}

fn workbench_env(dir: &Path, round: usize) -> Vec<(String, PathBuf)> {
    vec![
        ("QIMEN_WORKBENCH_DATA_DIR".to_owned(), dir.join("data")),
        (
            "QIMEN_WORKBENCH_KEYRING_SERVICE".to_owned(),
            PathBuf::from(format!("qimen-workbench-bench-{round}")),
        ),
    ]
}

fn no_env(_: &Path, _: usize) -> Vec<(String, PathBuf)> {
    Vec::new()
}

/// What one launch measured; times from the spawn.
struct Launch {
    mapped: Duration,
    first_pixels: Duration,
    complete: Duration,
    pss_kib: u64,
    cpu_percent: f64,
    /// How long the workbench took to open its data, as its log says (the bare window has none).
    data_opened: Option<Duration>,
    /// The files the app and its WebKit processes had mapped once idle.
    mapped_files: Vec<PathBuf>,
}

fn run() -> Outcome {
    let rounds = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(ROUNDS);
    let workbench = PathBuf::from(env!("CARGO_BIN_EXE_qimen-workbench"));
    let release_dir = workbench
        .parent()
        .ok_or("the app binary has no folder")?
        .to_path_buf();
    let subjects = [
        Subject {
            name: "workbench",
            binary: workbench,
            deb_prefix: "Qimen Workbench_",
            env: workbench_env,
        },
        Subject {
            name: "bare",
            binary: release_dir.join("bare-window"),
            deb_prefix: "Bare Window_",
            env: no_env,
        },
    ];
    for subject in &subjects {
        if !subject.binary.exists() {
            return Err(format!(
                "{} is not built (make bench builds it: cargo build --release -p bare-window --features tauri/custom-protocol)",
                subject.binary.display()
            ));
        }
    }
    if std::env::var_os("DISPLAY").is_none() {
        return Err("no DISPLAY: run under Xvfb (make bench does)".to_owned());
    }
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("app-start");
    let files = warm_up(&subjects, &scratch)?;
    eprintln!(
        "{} files the apps map are read before each launch",
        files.len()
    );
    // [subject][first = 0, later = 1]
    let mut results: Vec<[Vec<Launch>; 2]> = subjects.iter().map(|_| [vec![], vec![]]).collect();
    for round in 1..=rounds {
        // Alternate which app goes first, so neither always starts on a machine the other warmed.
        let order: Vec<usize> = if round % 2 == 1 {
            vec![0, 1]
        } else {
            vec![1, 0]
        };
        for index in order {
            let subject = &subjects[index];
            let dir = fresh_dir(&scratch.join(format!("{}-{round}", subject.name)))?;
            for (kind, label) in ["first", "later"].iter().enumerate() {
                read_through(&files);
                let launch = launch_once_more_if_gone(subject, &dir, round, label)?;
                eprintln!(
                    "round {round} {:<9} {label}: mapped {:.2} s, first pixels {:.2} s, complete {:.2} s, PSS {} MiB, CPU {:.1} %{}",
                    subject.name,
                    launch.mapped.as_secs_f64(),
                    launch.first_pixels.as_secs_f64(),
                    launch.complete.as_secs_f64(),
                    launch.pss_kib / 1024,
                    launch.cpu_percent,
                    launch.data_opened.map_or(String::new(), |took| format!(
                        ", data opened in {} ms",
                        took.as_millis()
                    ))
                );
                results[index][kind].push(launch);
            }
        }
    }
    print_table(&subjects, &results, rounds, &release_dir);
    Ok(())
}

/// One launch of each app, not counted, before the first round: the first windows of a fresh X
/// display and D-Bus session took 4-12 s in the runs of 2026-12-03, several times any later one, and
/// round 1 always starts with the workbench, which alone paid for it. It also gives the files the
/// apps map, for [`read_through`].
fn warm_up(subjects: &[Subject], scratch: &Path) -> Outcome<Vec<PathBuf>> {
    let mut files = Vec::new();
    for subject in subjects {
        let dir = fresh_dir(&scratch.join(format!("{}-warm-up", subject.name)))?;
        let launch = launch_once_more_if_gone(subject, &dir, 0, "warm-up")?;
        eprintln!(
            "warm-up  {:<9}: complete {:.2} s (not counted)",
            subject.name,
            launch.complete.as_secs_f64()
        );
        files.extend(launch.mapped_files);
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Every file the apps map, read once: this machine hands its page cache back to its host within
/// minutes, and a launch that then read the app's binary or WebKit's libraries from the disk sat
/// seconds in I/O wait (seen in /proc as state D) while neither app used the CPU. Read before each
/// launch, untimed, so that both apps start from the files in memory, as on a desktop that ran them
/// before.
fn read_through(files: &[PathBuf]) {
    let mut sink = vec![0u8; 1 << 20];
    for file in files {
        if let Ok(mut opened) = std::fs::File::open(file) {
            while matches!(std::io::Read::read(&mut opened, &mut sink), Ok(n) if n > 0) {}
        }
    }
}

/// The regular files mapped into any of `pids` (shared libraries, the binary, fonts, caches).
fn mapped_files(pids: &[u32]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = pids
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/maps")).ok())
        .flat_map(|maps| {
            maps.lines()
                .filter_map(|line| line.split_whitespace().nth(5).map(PathBuf::from))
                .collect::<Vec<_>>()
        })
        .filter(|path| path.is_absolute() && path.is_file())
        .collect();
    files.sort();
    files.dedup();
    files
}

/// `dir`, emptied.
fn fresh_dir(dir: &Path) -> Outcome<PathBuf> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Ok(dir.to_path_buf())
}

/// A launch whose app ended before showing a window (GTK could not open the display, seen once in
/// a hundred launches here) is tried once more. Round 0 is the warm-up.
fn launch_once_more_if_gone(
    subject: &Subject,
    dir: &Path,
    round: usize,
    label: &str,
) -> Outcome<Launch> {
    measure_launch(subject, dir, round)
        .or_else(|why| {
            if !why.starts_with(EXITED) {
                return Err(why);
            }
            eprintln!("{} {label}, round {round}: {why}; once more", subject.name);
            measure_launch(subject, dir, round)
        })
        .map_err(|why| format!("{} {label} launch, round {round}: {why}", subject.name))
}

fn print_table(subjects: &[Subject], results: &[[Vec<Launch>; 2]], rounds: usize, release: &Path) {
    type Pick = fn(&Launch) -> f64;
    let measures: [(&str, &str, Pick); 6] = [
        ("window mapped", "s", |l| l.mapped.as_secs_f64()),
        ("first pixels", "s", |l| l.first_pixels.as_secs_f64()),
        ("visually complete", "s", |l| l.complete.as_secs_f64()),
        ("idle PSS", "MiB", |l| l.pss_kib as f64 / 1024.0),
        ("idle CPU", "% core", |l| l.cpu_percent),
        ("data opened", "s", |l| {
            l.data_opened.map_or(f64::NAN, |took| took.as_secs_f64())
        }),
    ];
    println!();
    println!(
        "app start, {rounds} interleaved rounds under Xvfb (min / median / max; ratio of the medians)"
    );
    println!(
        "| {:<36} | {:<22} | {:<22} | {:>17} |",
        "what", subjects[0].name, subjects[1].name, "workbench / bare"
    );
    println!("|{:-<38}|{:-<24}|{:-<24}|{:->19}|", "", "", "", "");
    for (kind, launch) in ["first launch", "later launch"].iter().enumerate() {
        for (what, unit, pick) in measures {
            let stats: Vec<(f64, f64, f64)> = results
                .iter()
                .map(|by_kind| spread(by_kind[kind].iter().map(pick).collect()))
                .collect();
            let decimals = if unit == "s" { 2 } else { 1 };
            let cell = |(min, median, max): (f64, f64, f64)| {
                if median.is_nan() {
                    "–".to_owned()
                } else {
                    format!("{median:.decimals$} ({min:.decimals$}–{max:.decimals$})")
                }
            };
            println!(
                "| {:<36} | {:<22} | {:<22} | {:>17} |",
                format!("{launch}: {what} ({unit})"),
                cell(stats[0]),
                cell(stats[1]),
                ratio(stats[0].1, stats[1].1)
            );
        }
    }
    let sizes: Vec<(Option<u64>, Option<u64>)> = subjects
        .iter()
        .map(|subject| {
            let binary = std::fs::metadata(&subject.binary).ok().map(|m| m.len());
            (
                binary,
                deb_size(&release.join("bundle/deb"), subject.deb_prefix),
            )
        })
        .collect();
    let mib = |bytes: Option<u64>| {
        bytes.map_or("not built".to_owned(), |b| {
            format!("{:.1}", b as f64 / 1024.0 / 1024.0)
        })
    };
    let size_ratio = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) => ratio(a as f64, b as f64),
        _ => "–".to_owned(),
    };
    println!(
        "| {:<36} | {:<22} | {:<22} | {:>17} |",
        "release binary, stripped (MiB)",
        mib(sizes[0].0),
        mib(sizes[1].0),
        size_ratio(sizes[0].0, sizes[1].0)
    );
    println!(
        "| {:<36} | {:<22} | {:<22} | {:>17} |",
        "deb package (MiB)",
        mib(sizes[0].1),
        mib(sizes[1].1),
        size_ratio(sizes[0].1, sizes[1].1)
    );
}

/// Min, median and max of what was measured (NaN stands for "not measured" and is left out).
fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.retain(|value| !value.is_nan());
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    (values[0], median, values[n - 1])
}

fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!("{:.2}×", a / b)
    } else {
        "–".to_owned()
    }
}

fn deb_size(dir: &Path, prefix: &str) -> Option<u64> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with(prefix) && name.ends_with(".deb")
        })
        .filter_map(|entry| entry.metadata().ok())
        .max_by_key(|meta| meta.modified().ok())
        .map(|meta| meta.len())
}

/// The launched app's process group; ended (and waited for) when dropped, even half-way.
struct Running {
    child: Child,
}

impl Drop for Running {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.wait();
        // WebKit's processes may outlive the app by a moment: wait until the group is gone, so the
        // next launch starts on an idle machine (and the single-instance lock is free).
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && group_alive(&group) {
            std::thread::sleep(Duration::from_millis(50));
        }
        if group_alive(&group) {
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn group_alive(group: &str) -> bool {
    Command::new("kill")
        .args(["-0", "--", group])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn measure_launch(subject: &Subject, dir: &Path, round: usize) -> Outcome<Launch> {
    for sub in ["data", "xdg-config", "xdg-data", "xdg-cache"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(|e| e.to_string())?;
    }
    let log = |name: &str| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(name))
            .map_err(|e| e.to_string())
    };
    let mut command = Command::new(&subject.binary);
    command
        .env("XDG_CONFIG_HOME", dir.join("xdg-config"))
        .env("XDG_DATA_HOME", dir.join("xdg-data"))
        .env("XDG_CACHE_HOME", dir.join("xdg-cache"))
        .env("NO_AT_BRIDGE", "1")
        .envs((subject.env)(dir, round))
        .stdout(log("app.log")?)
        .stderr(log("app.err.log")?)
        .process_group(0);
    let spawned_at = Instant::now();
    let child = command
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", subject.binary.display()))?;
    let mut running = Running { child };
    let pid = running.child.id();

    // Window mapped.
    let (mapped, area) = loop {
        if let Some(area) = viewable_window()? {
            break (spawned_at.elapsed(), area);
        }
        if let Ok(Some(status)) = running.child.try_wait() {
            return Err(format!("{EXITED} ({status}; logs in {})", dir.display()));
        }
        if spawned_at.elapsed() > TIMEOUT {
            return Err(format!(
                "no window within {} s (logs in {})",
                TIMEOUT.as_secs(),
                dir.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    };

    // Screenshots until the window has not changed for QUIET: each distinct frame with when it was
    // first seen.
    let mut frames: Vec<(Duration, Vec<u8>)> = Vec::new();
    let mut changed_at = spawned_at.elapsed();
    loop {
        let pixels = capture(&area)?;
        let at = spawned_at.elapsed();
        let same = frames
            .last()
            .is_some_and(|(_, last)| difference(last, &pixels) <= UNCHANGED);
        if !same {
            frames.push((at, pixels));
            changed_at = at;
        }
        let painted = frames.iter().any(|(_, frame)| !is_blank(frame));
        if painted && at.saturating_sub(changed_at) >= QUIET {
            break;
        }
        if at > TIMEOUT {
            return Err(format!(
                "the window did not settle within {} s (logs in {})",
                TIMEOUT.as_secs(),
                dir.display()
            ));
        }
        std::thread::sleep(SAMPLE_GAP);
    }
    let settled = &frames[frames.len() - 1].1;
    let first_pixels = frames
        .iter()
        .find(|(_, frame)| !is_blank(frame))
        .map(|(at, _)| *at)
        .ok_or("no frame was painted")?;
    let complete = frames
        .iter()
        .find(|(_, frame)| !is_blank(frame) && difference(frame, settled) <= COMPLETE)
        .map(|(at, _)| *at)
        .ok_or("no frame matched the settled one")?;

    // Idle: CPU over IDLE, then the memory.
    let before = cpu_ticks(&process_tree(pid));
    let idle_from = Instant::now();
    std::thread::sleep(IDLE);
    let after = cpu_ticks(&process_tree(pid));
    let seconds = idle_from.elapsed().as_secs_f64();
    let cpu_percent = after.saturating_sub(before) as f64 / clock_ticks() / seconds * 100.0;
    let tree = process_tree(pid);
    let pss_kib = tree.iter().filter_map(|p| pss_kib(*p)).sum();
    let mapped_files = mapped_files(&tree);
    drop(running);
    Ok(Launch {
        mapped,
        first_pixels,
        complete,
        pss_kib,
        cpu_percent,
        data_opened: data_opened(&dir.join("xdg-data")),
        mapped_files,
    })
}

/// The last "data opened in N ms" the workbench logged under `xdg_data` (its log folder is
/// `<identifier>/logs` there): this launch's, since launches only add to the log.
fn data_opened(xdg_data: &Path) -> Option<Duration> {
    let logs = std::fs::read_dir(xdg_data)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|app| std::fs::read_dir(app.path().join("logs")).ok())
        .flatten()
        .filter_map(Result::ok);
    let mut last = None;
    for log in logs {
        let text = std::fs::read_to_string(log.path()).unwrap_or_default();
        for line in text.lines() {
            if let Some((_, rest)) = line.split_once("data opened in ") {
                let millis = rest.trim_end_matches(" ms").trim().parse::<u64>().ok();
                last = millis.map(Duration::from_millis).or(last);
            }
        }
    }
    last
}

/// Where a window is on the display: x, y, width, height.
struct Area {
    x: usize,
    y: usize,
    width: usize,
    height: usize,
}

/// The app's top-level window once it is viewable. Only one app runs on the display at a time, and
/// the only large child of the root window is its window (GTK's helper windows are tiny).
fn viewable_window() -> Outcome<Option<Area>> {
    let tree = output(Command::new("xwininfo").args(["-root", "-children"]))?;
    for line in tree.lines() {
        let mut words = line.split_whitespace();
        let Some(id) = words.next().filter(|word| word.starts_with("0x")) else {
            continue;
        };
        // The child's size, from its geometry `WxH+X+Y`: skip GTK's small helper windows cheaply.
        let large = words
            .filter_map(|word| word.split_once('x'))
            .any(|(w, rest)| {
                let h = rest.split(['+', '-']).next().unwrap_or("");
                w.parse::<u32>().is_ok_and(|w| w >= 400) && h.parse::<u32>().is_ok_and(|h| h >= 300)
            });
        if !large {
            continue;
        }
        let info = output(Command::new("xwininfo").args(["-id", id]))?;
        let field = |name: &str| {
            info.lines()
                .find_map(|l| l.trim().strip_prefix(name))
                .map(|v| v.trim().to_owned())
        };
        let number = |name: &str| field(name).and_then(|v| v.parse::<i64>().ok());
        let (Some(width), Some(height)) = (number("Width:"), number("Height:")) else {
            continue;
        };
        if width < 400 || height < 300 || field("Map State:").as_deref() != Some("IsViewable") {
            continue;
        }
        let x = number("Absolute upper-left X:").unwrap_or(0).max(0);
        let y = number("Absolute upper-left Y:").unwrap_or(0).max(0);
        return Ok(Some(Area {
            x: x as usize,
            y: y as usize,
            width: width as usize,
            height: height as usize,
        }));
    }
    Ok(None)
}

fn output(command: &mut Command) -> Outcome<String> {
    let out = command.stderr(Stdio::null()).output().map_err(|e| {
        format!("could not run {command:?}: {e} (make bench installs x11-utils and x11-apps)")
    })?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A dump of the whole display. xwd now and then ends without a whole one (once among the
/// thousands of dumps of a day's runs here, in the middle of a launch); it is asked again, up to
/// three times.
fn screen_dump() -> Outcome<Vec<u8>> {
    let mut why = String::new();
    for _ in 0..3 {
        let out = Command::new("xwd")
            .args(["-root", "-silent"])
            .stderr(Stdio::null())
            .output()
            .map_err(|e| format!("could not run xwd: {e} (make bench installs x11-apps)"))?;
        if out.status.success() && out.stdout.len() >= XWD_HEADER_BYTES {
            return Ok(out.stdout);
        }
        why = format!(
            "xwd ended with {} after {} bytes",
            out.status,
            out.stdout.len()
        );
    }
    Err(why)
}

/// The fixed part of an XWD header (25 big-endian 32-bit fields), before the window's name.
const XWD_HEADER_BYTES: usize = 100;

/// The window's pixels, as the display holds them, from an `xwd` dump of the root window.
fn capture(area: &Area) -> Outcome<Vec<u8>> {
    let dump = screen_dump()?;
    // The XWD header: big-endian 32-bit fields.
    let field = |index: usize| -> Outcome<usize> {
        let bytes = dump
            .get(index * 4..index * 4 + 4)
            .ok_or("a short xwd dump")?;
        Ok(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize)
    };
    let header = field(0)?;
    let (width, height) = (field(4)?, field(5)?);
    let bits_per_pixel = field(11)?;
    let line = field(12)?;
    let colours = field(19)?;
    let size = match bits_per_pixel {
        24 => 3,
        32 => 4,
        other => {
            return Err(format!(
                "xwd gave {other} bits per pixel; run Xvfb at depth 24"
            ))
        }
    };
    let start = header + colours * 12;
    let right = (area.x + area.width).min(width);
    let bottom = (area.y + area.height).min(height);
    // Four bytes a pixel whatever the dump used, so frames compare alike.
    let mut pixels = Vec::with_capacity(area.width * area.height * 4);
    for row in area.y..bottom {
        let from = start + row * line + area.x * size;
        let to = start + row * line + right * size;
        let bytes = dump.get(from..to).ok_or("a short xwd dump")?;
        for pixel in bytes.chunks_exact(size) {
            pixels.extend_from_slice(&[pixel[0], pixel[1], pixel[2], 0]);
        }
    }
    Ok(pixels)
}

/// The fraction of pixels that differ between two frames of the same window.
fn difference(a: &[u8], b: &[u8]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 1.0;
    }
    let differing = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| p[..3] != q[..3])
        .count();
    differing as f64 / (a.len() / 4) as f64
}

/// A frame that is (almost) one flat colour: the window before the page drew anything.
fn is_blank(frame: &[u8]) -> bool {
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    let mut total = 0;
    for pixel in frame.chunks_exact(4).step_by(7) {
        *counts.entry([pixel[0], pixel[1], pixel[2]]).or_default() += 1;
        total += 1;
    }
    let top = counts.values().copied().max().unwrap_or(0);
    total == 0 || top as f64 >= total as f64 * (1.0 - COMPLETE)
}

/// The app's process and every process below it.
fn process_tree(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
                .filter_map(|pid: u32| Some((pid, stat_fields(pid)?.1)))
                .collect()
        })
        .unwrap_or_default();
    let mut tree = vec![root];
    let mut grew = true;
    while grew {
        grew = false;
        for (pid, parent) in &parents {
            if tree.contains(parent) && !tree.contains(pid) {
                tree.push(*pid);
                grew = true;
            }
        }
    }
    tree
}

/// From /proc/<pid>/stat: user + system CPU ticks, and the parent's pid.
fn stat_fields(pid: u32) -> Option<(u64, u32)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let parent = rest.get(1)?.parse().ok()?;
    let user: u64 = rest.get(11)?.parse().ok()?;
    let system: u64 = rest.get(12)?.parse().ok()?;
    Some((user + system, parent))
}

fn cpu_ticks(pids: &[u32]) -> u64 {
    pids.iter()
        .filter_map(|pid| stat_fields(*pid).map(|(ticks, _)| ticks))
        .sum()
}

fn clock_ticks() -> f64 {
    output(Command::new("getconf").arg("CLK_TCK"))
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(100.0)
}

/// Proportional set size (KiB) of one process: shared pages count once across the processes.
fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
