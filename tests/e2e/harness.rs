//! Drives the real app through tauri-driver and WebKitWebDriver, one isolated run per scenario.
//!
//! Each scenario gets its own tauri-driver on free ports, its own data directory, XDG directories and
//! keyring service, so scenarios never share state, never depend on their order, and never touch a user's
//! profiles, history, window state or keyring. The caller provides the display, the D-Bus session and an
//! unlocked Secret Service (scripts/e2e.sh does all three).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// Where the scenario screenshots that the README shows are written.
pub const SCREENSHOT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/screenshots");
/// How long any single wait for the UI may take before the step fails.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(30);

/// A failed step, with what was being done when it failed.
#[derive(Debug)]
pub struct Failure(pub String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<fantoccini::error::CmdError> for Failure {
    fn from(error: fantoccini::error::CmdError) -> Self {
        Self(format!("WebDriver command failed: {error}"))
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Self(format!("I/O failed: {error}"))
    }
}

pub type Step<T = ()> = Result<T, Failure>;

/// Fails the step with a message when `condition` is false.
pub fn ensure(condition: bool, message: impl FnOnce() -> String) -> Step {
    if condition {
        Ok(())
    } else {
        Err(Failure(message()))
    }
}

/// The tauri-driver process of one scenario; its whole process group (WebKitWebDriver and the app) is
/// ended when the scenario ends, even when it fails half-way.
struct DriverProcess {
    child: std::process::Child,
}

impl Drop for DriverProcess {
    fn drop(&mut self) {
        // The driver was started as the leader of its own process group: end the group, then reap.
        let group = format!("-{}", self.child.id());
        let _ = std::process::Command::new("kill")
            .args(["-TERM", "--", &group])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &group])
            .status();
        let _ = self.child.wait();
    }
}

/// One running app under WebDriver.
pub struct AppRun {
    pub client: Client,
    /// The data directory this run's app was given.
    pub data_dir: PathBuf,
    /// When the app was asked for (just before the WebDriver session that starts it).
    pub requested_at: Instant,
    _driver: DriverProcess,
}

fn free_port() -> Step<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

fn tauri_driver_path() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/bin/tauri-driver");
    if local.exists() {
        local
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// A fresh, empty directory for this scenario under cargo's scratch space for tests.
fn fresh_scenario_dir(scenario: &str) -> Step<PathBuf> {
    let dir = scenario_dir(scenario);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    for sub in ["data", "xdg-config", "xdg-data", "xdg-cache"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    Ok(dir)
}

async fn wait_for_port(port: u16) -> Step {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        // A connection to itself (the kernel picked the port being polled as the source port) is
        // not the server: it would also keep the server from binding the port.
        if let Ok(stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            let itself = stream.local_addr().ok() == stream.peer_addr().ok();
            drop(stream);
            if !itself {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(Failure(format!(
        "tauri-driver did not listen on port {port} within 20 s; is it installed (make e2e installs it)?"
    )))
}

/// Starts the built app for `scenario` on a fresh data directory and waits for the page to load.
pub async fn launch(scenario: &str) -> Step<AppRun> {
    launch_prepared(scenario, |_| Ok(())).await
}

/// Starts the app on a fresh data directory that `prepare` has put files into first (a damaged
/// database, an old version's data).
pub async fn launch_prepared(scenario: &str, prepare: impl FnOnce(&Path) -> Step) -> Step<AppRun> {
    let dir = fresh_scenario_dir(scenario)?;
    prepare(&dir.join("data"))?;
    start(scenario, dir).await
}

/// Starts the app again on the data directory (and keyring service) an earlier `launch` of the same
/// scenario left behind, as a user reopening the app would; the earlier run must have ended.
pub async fn relaunch(scenario: &str) -> Step<AppRun> {
    start(scenario, scenario_dir(scenario)).await
}

/// Where a scenario's data directory, logs and failure screenshots live.
fn scenario_dir(scenario: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("e2e")
        .join(scenario)
}

/// Tries a launch up to three times: the driver's ports are picked free, but another process may
/// take one before the driver binds it, and then the WebDriver session cannot start.
async fn start(scenario: &str, dir: PathBuf) -> Step<AppRun> {
    let mut attempt = 1;
    loop {
        match start_once(scenario, dir.clone()).await {
            Err(Failure(why)) if attempt < 3 && why.starts_with(SESSION_FAILED) => {
                eprintln!("{scenario}: attempt {attempt}: {why}; trying again on other ports");
                attempt += 1;
            }
            other => return other,
        }
    }
}

const SESSION_FAILED: &str = "could not start the app under WebDriver";

async fn start_once(scenario: &str, dir: PathBuf) -> Step<AppRun> {
    use std::os::unix::process::CommandExt;

    let data_dir = dir.join("data");
    let port = free_port()?;
    let native_port = free_port()?;
    let mut command = std::process::Command::new(tauri_driver_path());
    command
        .args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .env("QIMEN_WORKBENCH_DATA_DIR", &data_dir)
        .env(
            "QIMEN_WORKBENCH_KEYRING_SERVICE",
            format!("qimen-workbench-test-{scenario}"),
        )
        .env("XDG_CONFIG_HOME", dir.join("xdg-config"))
        .env("XDG_DATA_HOME", dir.join("xdg-data"))
        .env("XDG_CACHE_HOME", dir.join("xdg-cache"))
        .env("NO_AT_BRIDGE", "1")
        .stdout(std::fs::File::create(dir.join("driver.log"))?)
        .stderr(std::fs::File::create(dir.join("driver.err.log"))?)
        .process_group(0);
    let child = command.spawn().map_err(|error| {
        Failure(format!(
            "could not start tauri-driver ({}): {error}",
            tauri_driver_path().display()
        ))
    })?;
    let driver = DriverProcess { child };
    // tauri-driver listens before the WebKitWebDriver it started does; a session asked for in between
    // fails, so wait for both.
    wait_for_port(port).await?;
    wait_for_port(native_port).await?;

    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "tauri:options".to_owned(),
        json!({ "application": env!("CARGO_BIN_EXE_qimen-workbench") }),
    );
    let requested_at = Instant::now();
    // The WebDriver connection's TLS stack wants the process's provider chosen first.
    qimen_core::client::install_tls_provider();
    let client = ClientBuilder::rustls()?
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|error| Failure(format!("{SESSION_FAILED}: {error}")))?;
    let run = AppRun {
        client,
        data_dir,
        requested_at,
        _driver: driver,
    };
    let url = run.client.current_url().await?;
    // A plain `cargo build` binary loads the Vite dev server instead of the bundled UI.
    ensure(url.scheme() == "tauri", || {
        format!("the app loaded {url}, not the bundled UI: build it with --features tauri/custom-protocol")
    })?;
    Ok(run)
}

impl AppRun {
    /// Polls `probe` (a script returning a value; truthy ends the wait) until it holds.
    pub async fn wait_until(&self, what: &str, probe: &str, args: Vec<Value>) -> Step<Value> {
        let deadline = Instant::now() + STEP_TIMEOUT;
        let mut last = Value::Null;
        while Instant::now() < deadline {
            last = self.client.execute(probe, args.clone()).await?;
            let done = match &last {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::String(s) => !s.is_empty(),
                Value::Array(items) => !items.is_empty(),
                _ => true,
            };
            if done {
                return Ok(last);
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        Err(Failure(format!(
            "timed out after {} s waiting for {what} (last probe: {last})",
            STEP_TIMEOUT.as_secs()
        )))
    }

    /// Clicks the primary button of the open confirmation pop-up (`what` names it in a timeout).
    pub async fn confirm_popconfirm(&self, what: &str) -> Step {
        self.wait_until(
            what,
            "const ok = [...document.querySelectorAll('.ant-popconfirm .ant-btn-primary')]
               .find(b => b.getClientRects().length > 0);
             if (!ok) return false;
             ok.click();
             return true;",
            vec![],
        )
        .await
        .map(drop)
    }

    /// Waits for an element with this `data-testid` to be present and visible, and returns it.
    pub async fn by_test_id(&self, test_id: &str) -> Step<fantoccini::elements::Element> {
        let css = format!("[data-testid=\"{test_id}\"]");
        self.wait_until(
            &format!("element {css}"),
            "const e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0;",
            vec![json!(css)],
        )
        .await?;
        Ok(self.client.find(Locator::Css(&css)).await?)
    }

    /// Clicks the element with this `data-testid` once it is visible and enabled. The click is the DOM's
    /// (what React listens to); WebKitWebDriver's native click fails on some antd buttons mid-animation.
    pub async fn click_test_id(&self, test_id: &str) -> Step {
        self.wait_until(
            &format!("a clickable [data-testid={test_id:?}]"),
            r#"const e = document.querySelector(`[data-testid="${arguments[0]}"]`);
               if (!e || e.getClientRects().length === 0 || e.disabled) return false;
               e.scrollIntoView({block: 'center'});
               e.click();
               return true;"#,
            vec![json!(test_id)],
        )
        .await
        .map(drop)
    }

    /// Waits until the visible text of the page contains `text`.
    pub async fn wait_for_text(&self, text: &str) -> Step {
        self.wait_until(
            &format!("the text {text:?}"),
            "return document.body.innerText.includes(arguments[0]);",
            vec![json!(text)],
        )
        .await
        .map(drop)
    }

    /// Clicks the visible button, tab, menu item or link whose text is `label`, or failing that the
    /// first one whose text contains it (so "签名" picks the tab, not the "签名方式" field label).
    pub async fn click_labelled(&self, label: &str) -> Step {
        let found = self
            .wait_until(
                &format!("a clickable element labelled {label:?}"),
                r#"const label = arguments[0];
                   const candidates = [...document.querySelectorAll(
                     'button, [role="tab"], [role="menuitem"], a, .ant-segmented-item')]
                     .filter(e => e.getClientRects().length > 0);
                   const target = candidates.find(e => e.innerText.trim() === label)
                     || candidates.find(e => e.innerText.trim().includes(label));
                   if (!target) return false;
                   target.scrollIntoView({block: 'center'});
                   target.click();
                   return true;"#,
                vec![json!(label)],
            )
            .await?;
        ensure(found == Value::Bool(true), || {
            format!("could not click {label:?}")
        })
    }

    /// Types `text` into the field matched by `css`, after emptying it, as a user would. Waits until
    /// the field is the topmost element at its own centre, so a drawer still sliding in is not typed at.
    pub async fn type_into(&self, css: &str, text: &str) -> Step {
        self.wait_until(
            &format!("the field {css} ready for typing"),
            r#"const e = document.querySelector(arguments[0]);
               if (!e || e.getClientRects().length === 0) return false;
               const r = e.getBoundingClientRect();
               const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
               return !!top && (top === e || e.contains(top) || top.contains(e));"#,
            vec![json!(css)],
        )
        .await?;
        let field = self.client.find(Locator::Css(css)).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// Clicks the button labelled (by `aria-label`) `action` in the table row that shows `row_text`.
    pub async fn click_in_row(&self, row_text: &str, action: &str) -> Step {
        self.wait_until(
            &format!("the {action:?} button of the row showing {row_text:?}"),
            r#"const [text, action] = arguments;
               const row = [...document.querySelectorAll('tr')]
                 .find(r => r.getClientRects().length > 0 && r.innerText.includes(text));
               const button = row && row.querySelector(`button[aria-label="${action}"]`);
               if (!button || button.disabled) return false;
               button.click();
               return true;"#,
            vec![json!(row_text), json!(action)],
        )
        .await
        .map(drop)
    }

    /// Scrolls the element with this `data-testid` to the top of the window, for the screenshot.
    pub async fn scroll_to_test_id(&self, test_id: &str) -> Step {
        self.by_test_id(test_id).await?;
        self.client
            .execute(
                "document.querySelector(`[data-testid=\"${arguments[0]}\"]`)
                   .scrollIntoView({block: 'start'});",
                vec![json!(test_id)],
            )
            .await?;
        Ok(())
    }

    /// The page's full HTML as the browser holds it now, including form values.
    pub async fn page_source(&self) -> Step<String> {
        Ok(self.client.source().await?)
    }

    /// Saves a screenshot of the window under `dir` as `<name>.png` and returns its path.
    pub async fn screenshot_to(&self, dir: &Path, name: &str) -> Step<PathBuf> {
        // Let transitions (antd tabs, messages) settle and two frames be painted, so the picture shows
        // the final state even on a busy machine where WebKit paints late.
        tokio::time::sleep(Duration::from_millis(600)).await;
        self.client
            .execute_async(
                "const done = arguments[0];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.client.screenshot().await?;
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }
}

/// Runs one scenario on a fresh app: on success its screenshot goes to docs/screenshots, on failure a
/// screenshot of the failed state goes next to the scenario's logs, and the test fails with the step.
pub async fn run_scenario(scenario: &'static str, body: impl AsyncFnOnce(&AppRun) -> Step) {
    run_prepared_scenario(scenario, |_| Ok(()), body).await
}

/// [`run_scenario`] on a data directory `prepare` has put files into first.
pub async fn run_prepared_scenario(
    scenario: &'static str,
    prepare: impl FnOnce(&Path) -> Step,
    body: impl AsyncFnOnce(&AppRun) -> Step,
) {
    let app = match launch_prepared(scenario, prepare).await {
        Ok(app) => app,
        Err(failure) => panic!("{scenario}: launch failed: {failure}"),
    };
    let outcome = body(&app).await;
    let picture = match &outcome {
        Ok(()) => app.screenshot_to(Path::new(SCREENSHOT_DIR), scenario).await,
        Err(_) => {
            let dir = app
                .data_dir
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            app.screenshot_to(&dir, "failed").await
        }
    };
    let _ = app.client.clone().close().await;
    match (outcome, picture) {
        (Ok(()), Ok(_)) => {}
        (Ok(()), Err(failure)) => panic!("{scenario}: could not save the screenshot: {failure}"),
        (Err(failure), picture) => {
            let shown = picture
                .map(|path| format!(" (screenshot: {})", path.display()))
                .unwrap_or_default();
            panic!("{scenario}: {failure}{shown}")
        }
    }
}
