//! The canary: a full scripted session flow (a profile with its AppSecret, OAuth through the
//! listener, calls, history, a saved response, refresh, a session pasted by hand, errors) with every
//! secret value collected as it appears, then the data folder (SQLite file, WAL, saved files), every
//! log event and every IPC answer searched for them: zero hits.

mod support;

use qimen_core::clock::FixedClock;
use qimen_core::text::Lang;
use qimen_workbench::secrets::{MemoryStore, SecretKey, SecretKind, SecretStore};
use qimen_workbench::session::FlowOptions;
use qimen_workbench::{Workbench, WorkbenchConfig};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use support::oauth::{browser, consent, visit, DEMO_ERP_SECRET, DEMO_NICK};
use support::workbench::{call, TempDir};
use tracing::field::{Field, Visit};

/// Every log event and span field, as text.
#[derive(Clone, Default)]
struct CapturedLogs(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, "{}={:?} ", field.name(), value);
    }
}

impl CapturedLogs {
    fn append(&self, f: impl FnOnce(&mut String)) {
        let mut text = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut text);
        text.push('\n');
    }
}

impl tracing::Subscriber for CapturedLogs {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        self.append(|t| span.record(&mut Fields(t)));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        self.append(|t| values.record(&mut Fields(t)));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        self.append(|t| {
            let _ = write!(
                t,
                "{} {} ",
                event.metadata().level(),
                event.metadata().target()
            );
            event.record(&mut Fields(t));
        });
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Collects IPC answers (as the shell would serialise them) and secret values.
#[derive(Default)]
struct Evidence {
    answers: Vec<String>,
    secrets: Vec<String>,
}

impl Evidence {
    fn answer<T: serde::Serialize, E: serde::Serialize>(&mut self, result: &Result<T, E>) {
        let json = match result {
            Ok(v) => serde_json::to_string(v),
            Err(e) => serde_json::to_string(e),
        };
        self.answers
            .push(json.expect("every IPC answer serialises"));
    }

    fn tokens_of(&mut self, store: &MemoryStore, profile: i64) {
        for kind in [SecretKind::AccessToken, SecretKind::RefreshToken] {
            if let Ok(Some(v)) = store.get(&SecretKey::new(profile, kind)) {
                if !self.secrets.contains(v.expose()) {
                    self.secrets.push(v.expose().clone());
                }
            }
        }
    }
}

fn files_under(dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push((path.display().to_string(), bytes));
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn no_secret_reaches_the_data_folder_the_logs_or_an_ipc_answer() {
    let logs = CapturedLogs::default();
    tracing::subscriber::set_global_default(logs.clone()).expect("the only subscriber");

    let dir = TempDir::new("canary");
    let secrets = Arc::new(MemoryStore::new());
    let clock = Arc::new(FixedClock::at_gmt8("2024-05-20 10:15:30").expect("time"));
    let wb = Workbench::open(WorkbenchConfig {
        data_dir: dir.path().to_path_buf(),
        secret_store: secrets.clone(),
        keyring_service: "qimen-workbench-test".into(),
        clock,
        language: Lang::ZhCn,
    })
    .expect("open");
    let mut ev = Evidence::default();
    ev.secrets.push(DEMO_ERP_SECRET.to_string());
    let manual = "CANARY-manual-session-5f0e9a1b2c3d4e";
    ev.secrets.push(manual.to_string());
    let info = wb.app_info().await;
    ev.answer(&info);
    let profile = info
        .expect("info")
        .current_profile_id
        .expect("demo profile");

    // OAuth through the listener, driven by a test browser.
    let flow = wb
        .session_start_listener(profile, FlowOptions::default())
        .await;
    ev.answer(&flow);
    let flow = flow.expect("flow");
    let browser = browser();
    let location = consent(&browser, &flow.url, "approve").await;
    // The code is a secret too while it lives.
    if let Ok(qimen_workbench::oauth::Captured::Code { code, .. }) =
        qimen_workbench::oauth::parse_pasted(&location, None)
    {
        ev.secrets.push(code.expose().clone());
    }
    visit(&browser, &location).await;
    let done = wb.session_flow_wait(flow.flow_id.clone()).await;
    ev.answer(&done);
    assert_eq!(
        done.expect("done")
            .session
            .and_then(|s| s.user_nick)
            .as_deref(),
        Some(DEMO_NICK)
    );
    ev.tokens_of(&secrets, profile);
    // A second exchange of the same code is refused, and the error says so without the code.
    ev.answer(&wb.session_paste(profile, location, None, None).await);

    // Calls with the session, history, a saved response.
    let mut input = call("taobao.user.seller.get", &[("fields", "nick,user_id")]);
    input.draft.use_session = true;
    let outcome = wb.call_send(input.clone()).await;
    ev.answer(&outcome);
    let history_id = outcome.expect("sent").history_id.expect("recorded");
    ev.answer(&wb.call_preview(input.clone()).await);
    ev.answer(&wb.call_curl(input.clone(), false).await);
    ev.answer(&wb.history_get(history_id).await);
    ev.answer(&wb.history_list(Default::default()).await);
    wb.response_save(history_id, &dir.path().join("saved-response.json"))
        .await
        .expect("saved");
    ev.answer(&wb.profiles_list().await);

    // Refresh (by hand and when due), then a session pasted by hand, then errors.
    ev.answer(&wb.session_refresh(profile).await);
    ev.tokens_of(&secrets, profile);
    ev.answer(
        &wb.session_refresh_due(chrono::Utc::now() + chrono::Duration::days(400))
            .await,
    );
    ev.answer(&wb.session_manual(profile, manual.to_string()).await);
    ev.answer(&wb.call_send(input).await);
    ev.answer(&wb.session_status(profile).await);
    ev.answer(&wb.session_refresh(profile).await);
    ev.answer(&wb.session_manual(profile, format!("{manual} x")).await);
    ev.answer(&wb.session_clear(profile).await);
    wb.shutdown().await;
    drop(wb);

    assert!(
        ev.secrets.len() >= 6,
        "app secret, manual, code, two token pairs: {}",
        ev.secrets.len()
    );
    let mut files = Vec::new();
    files_under(dir.path(), &mut files);
    assert!(
        files.iter().any(|(p, _)| p.ends_with("workbench.sqlite3")),
        "the database was searched"
    );
    let log_text = logs.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    // The capture works: the session save is logged (without its value).
    assert!(log_text.contains("session stored"), "{log_text}");
    for secret in &ev.secrets {
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(secret.as_str()), "a secret in {path}");
        }
        assert!(!log_text.contains(secret.as_str()), "a secret in the logs");
        for answer in &ev.answers {
            assert!(
                !answer.contains(secret.as_str()),
                "a secret in an IPC answer: {answer}"
            );
        }
    }
}
