//! The session commands end to end over a real SQLite file, an in-memory keyring and the local
//! gateway the workbench starts: listener, app window, paste and manual capture; deny, state
//! mismatch and an expired code explained; refresh by hand and when due; a session then used by
//! `call_send`; nothing half-saved when the keyring fails mid-way.

mod support;

use chrono::Duration as ChronoDuration;
use qimen_core::clock::{Clock, FixedClock};
use qimen_core::sensitive::SecretString;
use qimen_core::text::Lang;
use qimen_workbench::oauth::flow::FlowStatus;
use qimen_workbench::oauth::{CaptureMode, TokenRoute, View};
use qimen_workbench::profiles::ProfileForm;
use qimen_workbench::secrets::{MemoryStore, SecretError, SecretKey, SecretKind, SecretStore};
use qimen_workbench::session::FlowOptions;
use qimen_workbench::store::{ProfileInput, ProfileRole, SessionSource};
use qimen_workbench::{Workbench, WorkbenchConfig};
use std::sync::Arc;
use support::oauth::{browser, consent, visit, DEMO_NICK};
use support::workbench::{call, TempDir};

struct Setup {
    wb: Workbench,
    secrets: Arc<MemoryStore>,
    clock: Arc<FixedClock>,
    profile: i64,
    _dir: TempDir,
}

async fn setup_with(store: Arc<dyn SecretStore>, secrets: Arc<MemoryStore>) -> Setup {
    let dir = TempDir::new("oauth");
    let clock = Arc::new(FixedClock::at_gmt8("2024-05-20 10:15:30").expect("time"));
    let wb = Workbench::open(WorkbenchConfig {
        data_dir: dir.path().to_path_buf(),
        secret_store: store,
        keyring_service: "qimen-workbench-test".into(),
        clock: clock.clone(),
        language: Lang::ZhCn,
    })
    .expect("open");
    let profile = wb
        .app_info()
        .await
        .expect("info")
        .current_profile_id
        .expect("the demo profile");
    Setup {
        wb,
        secrets,
        clock,
        profile,
        _dir: dir,
    }
}

async fn setup() -> Setup {
    let secrets = Arc::new(MemoryStore::new());
    setup_with(secrets.clone(), secrets).await
}

fn token(secrets: &MemoryStore, profile: i64, kind: SecretKind) -> Option<SecretString> {
    secrets
        .get(&SecretKey::new(profile, kind))
        .expect("memory store")
}

/// Calls `taobao.user.seller.get` with the profile's session and returns the nick it answers.
async fn seller_nick(s: &Setup) -> Result<String, String> {
    let mut input = call("taobao.user.seller.get", &[("fields", "nick,user_id")]);
    input.draft.use_session = true;
    let outcome = s.wb.call_send(input).await.map_err(|e| e.code)?;
    let result = outcome.result.ok_or("no answer")?;
    if !result.success {
        return Err(format!("{:?} {:?}", result.code, result.sub_message));
    }
    Ok(result.data["user"]["nick"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

#[tokio::test]
async fn listener_flow_stores_a_session_that_calls_use_and_refresh_renews() {
    let s = setup().await;
    let before = s.wb.session_status(s.profile).await.expect("status");
    assert!(!before.authorized);
    // The demo profile on the local gateway has no callback URL: the listener takes a free port.
    assert_eq!(before.callback.suggested, CaptureMode::LocalListener);
    assert!(
        before.authorize_endpoint.starts_with("http://127.0.0.1:"),
        "{}",
        before.authorize_endpoint
    );
    assert_eq!(seller_nick(&s).await, Err("secret.missing.session".into()));

    let flow =
        s.wb.session_start_listener(s.profile, FlowOptions::default())
            .await
            .expect("flow");
    assert_eq!(flow.mode, CaptureMode::LocalListener);
    assert!(
        flow.redirect_uri.ends_with("/callback"),
        "{}",
        flow.redirect_uri
    );
    let waiting =
        s.wb.session_flow_status(flow.flow_id.clone())
            .await
            .expect("status");
    assert_eq!(waiting.status, FlowStatus::Waiting);

    let browser = browser();
    let location = consent(&browser, &flow.url, "approve").await;
    let (code, page) = visit(&browser, &location).await;
    assert_eq!(code, 200);
    assert!(page.contains("授权成功，可以关闭此页"));
    let done =
        s.wb.session_flow_wait(flow.flow_id.clone())
            .await
            .expect("done");
    assert_eq!(done.status, FlowStatus::Done, "{done:?}");
    let session = done.session.expect("the new session");
    assert!(session.authorized);
    assert_eq!(session.user_nick.as_deref(), Some(DEMO_NICK));
    assert_eq!(session.user_id.as_deref(), Some("2207351836402"));
    assert_eq!(session.source, Some(SessionSource::TokenEndpoint));
    // 24 h on the gateway's (fixed) clock.
    assert_eq!(session.access_seconds_left, Some(86_400));
    assert!(session.can_refresh);
    // Asking again does not exchange the code a second time.
    let again =
        s.wb.session_flow_status(flow.flow_id.clone())
            .await
            .expect("status");
    assert_eq!(again.status, FlowStatus::Done);

    // `call_send` reads the session from the same keyring entry.
    assert_eq!(seller_nick(&s).await, Ok(DEMO_NICK.to_string()));

    let first = token(&s.secrets, s.profile, SecretKind::AccessToken).expect("stored");
    let renewed = s.wb.session_refresh(s.profile).await.expect("refresh");
    assert!(renewed.authorized);
    let second = token(&s.secrets, s.profile, SecretKind::AccessToken).expect("stored");
    assert_ne!(first, second, "a new access token replaced the old one");
    assert_eq!(seller_nick(&s).await, Ok(DEMO_NICK.to_string()));
    s.wb.shutdown().await;
}

#[tokio::test]
async fn deny_and_cancel_end_the_flow_with_words() {
    let s = setup().await;
    let flow =
        s.wb.session_start_listener(s.profile, FlowOptions::default())
            .await
            .expect("flow");
    let browser = browser();
    let location = consent(&browser, &flow.url, "deny").await;
    visit(&browser, &location).await;
    let view =
        s.wb.session_flow_wait(flow.flow_id.clone())
            .await
            .expect("view");
    match view.status {
        FlowStatus::Failed { code, message } => {
            assert_eq!(code, "session.access_denied");
            assert!(message.contains("取消"), "{message}");
        }
        other => panic!("failed expected: {other:?}"),
    }
    assert!(token(&s.secrets, s.profile, SecretKind::AccessToken).is_none());

    let flow =
        s.wb.session_start_listener(s.profile, FlowOptions::default())
            .await
            .expect("flow");
    let cancelled =
        s.wb.session_cancel(flow.flow_id.clone())
            .await
            .expect("cancel");
    assert_eq!(cancelled.status, FlowStatus::Cancelled);
    let view = s.wb.session_flow_wait(flow.flow_id).await.expect("view");
    assert_eq!(view.status, FlowStatus::Cancelled);
    s.wb.shutdown().await;
}

#[tokio::test]
async fn paste_app_window_state_mismatch_and_an_expired_code() {
    let s = setup().await;
    let browser = browser();
    let options = FlowOptions {
        view: View::Web,
        route: TokenRoute::TopApi,
    };

    // Paste of the whole redirected URL, exchanged through taobao.top.auth.token.create.
    let flow =
        s.wb.session_authorize_url(s.profile, options)
            .await
            .expect("url");
    assert_eq!(flow.mode, CaptureMode::InAppWindow);
    let location = consent(&browser, &flow.url, "approve").await;
    let status =
        s.wb.session_paste(s.profile, location, Some(flow.flow_id.clone()), None)
            .await
            .expect("pasted");
    assert_eq!(status.user_nick.as_deref(), Some(DEMO_NICK));
    assert_eq!(status.source, Some(SessionSource::TopApi));
    // A refresh goes the way the session came: through taobao.top.auth.token.refresh.
    assert!(
        s.wb.session_refresh(s.profile)
            .await
            .expect("refresh")
            .authorized
    );

    // The app window: a navigation elsewhere is not taken; the callback is.
    let flow =
        s.wb.session_authorize_url(s.profile, FlowOptions::default())
            .await
            .expect("url");
    let location = consent(&browser, &flow.url, "approve").await;
    let elsewhere = location.replace("/callback", "/other");
    let err =
        s.wb.session_capture_redirect(flow.flow_id.clone(), elsewhere)
            .await
            .unwrap_err();
    assert_eq!(err.code, "validation.session.redirect");
    let view =
        s.wb.session_capture_redirect(flow.flow_id.clone(), location)
            .await
            .expect("captured");
    assert_eq!(view.status, FlowStatus::Done);

    // One authorization's URL pasted into another: refused, nothing changes.
    s.wb.session_clear(s.profile).await.expect("clear");
    let first =
        s.wb.session_authorize_url(s.profile, FlowOptions::default())
            .await
            .expect("url");
    let second =
        s.wb.session_authorize_url(s.profile, FlowOptions::default())
            .await
            .expect("url");
    let location = consent(&browser, &second.url, "approve").await;
    let err =
        s.wb.session_paste(s.profile, location.clone(), Some(first.flow_id), None)
            .await
            .unwrap_err();
    assert_eq!(err.code, "session.state_mismatch");
    assert!(err.message.contains("state"), "{}", err.message);
    assert!(
        !s.wb
            .session_status(s.profile)
            .await
            .expect("status")
            .authorized
    );

    // The right flow, but after the code's 10 minutes.
    s.clock.advance(ChronoDuration::minutes(11));
    let err =
        s.wb.session_paste(s.profile, location, Some(second.flow_id.clone()), None)
            .await
            .unwrap_err();
    assert_eq!(err.code, "session.expired_grant");
    assert!(err.message.contains("重新授权"), "{}", err.message);
    let view =
        s.wb.session_flow_status(second.flow_id)
            .await
            .expect("view");
    assert!(matches!(view.status, FlowStatus::Failed { .. }));
    assert!(
        token(&s.secrets, s.profile, SecretKind::AccessToken).is_none(),
        "nothing saved"
    );
    s.wb.shutdown().await;
}

#[tokio::test]
async fn refresh_when_due_manual_sessions_and_clear() {
    let s = setup().await;
    let flow =
        s.wb.session_authorize_url(s.profile, FlowOptions::default())
            .await
            .expect("url");
    let location = consent(&browser(), &flow.url, "approve").await;
    s.wb.session_paste(s.profile, location, Some(flow.flow_id), None)
        .await
        .expect("pasted");
    let first = token(&s.secrets, s.profile, SecretKind::AccessToken);

    // An hour in, nothing is due.
    s.clock.advance(ChronoDuration::hours(1));
    assert!(s
        .wb
        .session_refresh_due(s.clock.now())
        .await
        .expect("due")
        .is_empty());
    // Five minutes before expiry (within the 10-minute margin), it is refreshed.
    s.clock
        .advance(ChronoDuration::hours(22) + ChronoDuration::minutes(55));
    let reports = s.wb.session_refresh_due(s.clock.now()).await.expect("due");
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(reports[0].refreshed, "{reports:?}");
    assert_ne!(token(&s.secrets, s.profile, SecretKind::AccessToken), first);
    assert_eq!(seller_nick(&s).await, Ok(DEMO_NICK.to_string()));

    // A session pasted by hand works for calls but cannot be refreshed.
    let current = token(&s.secrets, s.profile, SecretKind::AccessToken).expect("token");
    s.wb.session_clear(s.profile).await.expect("clear");
    assert_eq!(seller_nick(&s).await, Err("secret.missing.session".into()));
    let bad =
        s.wb.session_manual(s.profile, "two words".into())
            .await
            .unwrap_err();
    assert_eq!(bad.code, "validation.session.session");
    let manual =
        s.wb.session_manual(s.profile, current.expose().clone())
            .await
            .expect("manual");
    assert!(manual.authorized && !manual.can_refresh);
    assert_eq!(manual.source, Some(SessionSource::Manual));
    assert_eq!(seller_nick(&s).await, Ok(DEMO_NICK.to_string()));
    let err = s.wb.session_refresh(s.profile).await.unwrap_err();
    assert_eq!(err.code, "session.no_refresh_token");
    s.wb.shutdown().await;
}

#[tokio::test]
async fn callback_urls_decide_the_mode_and_a_taken_port_is_explained() {
    let s = setup().await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let port = taken.local_addr().expect("addr").port();
    let mut ids = Vec::new();
    for (name, callback) in [
        ("loopback", format!("http://localhost:{port}/oauth/cb")),
        ("remote", "https://erp.example.com/cb".to_string()),
    ] {
        let view =
            s.wb.profile_save(ProfileForm {
                id: None,
                fields: ProfileInput {
                    callback_url: Some(callback),
                    ..ProfileInput::new(
                        name,
                        "23000001",
                        ProfileRole::Erp,
                        qimen_core::protocol::environment::Environment::Local {
                            base_url: "http://127.0.0.1".into(),
                        },
                    )
                },
                app_secret: Some(qimen_server::gateway::config::DEMO_ERP_SECRET.into()),
                wdt_secret: None,
                carry_guide_from: None,
            })
            .await
            .expect("saved");
        ids.push(view.profile.id);
    }
    let err =
        s.wb.session_start_listener(ids[0], FlowOptions::default())
            .await
            .unwrap_err();
    assert_eq!(err.code, "session.port_in_use");
    assert!(err.message.contains("粘贴"), "{}", err.message);
    let remote = s.wb.session_status(ids[1]).await.expect("status");
    assert_eq!(remote.callback.suggested, CaptureMode::InAppWindow);
    let err =
        s.wb.session_start_listener(ids[1], FlowOptions::default())
            .await
            .unwrap_err();
    assert_eq!(err.code, "validation.session.callback_url");

    // Once the port is free, the listener uses exactly the registered callback.
    drop(taken);
    let flow =
        s.wb.session_start_listener(ids[0], FlowOptions::default())
            .await
            .expect("flow");
    assert_eq!(
        flow.redirect_uri,
        format!("http://localhost:{port}/oauth/cb")
    );
    assert_eq!(flow.listening_on, Some(format!("127.0.0.1:{port}")));
    let browser = browser();
    let location = consent(&browser, &flow.url, "approve").await;
    // The browser resolves localhost; the test goes to 127.0.0.1 where the listener is.
    visit(&browser, &location.replace("localhost", "127.0.0.1")).await;
    let done = s.wb.session_flow_wait(flow.flow_id).await.expect("done");
    assert_eq!(done.status, FlowStatus::Done, "{done:?}");
    s.wb.shutdown().await;
}

/// A keyring that refuses to store refresh tokens while armed, to break a save half-way.
struct RefusingRefresh(Arc<MemoryStore>, std::sync::atomic::AtomicBool);

impl RefusingRefresh {
    fn new(memory: Arc<MemoryStore>, armed: bool) -> Arc<RefusingRefresh> {
        Arc::new(RefusingRefresh(memory, armed.into()))
    }

    fn arm(&self) {
        self.1.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl SecretStore for RefusingRefresh {
    fn get(&self, key: &SecretKey) -> Result<Option<SecretString>, SecretError> {
        self.0.get(key)
    }
    fn set(&self, key: &SecretKey, value: &SecretString) -> Result<(), SecretError> {
        if key.kind == SecretKind::RefreshToken && self.1.load(std::sync::atomic::Ordering::SeqCst)
        {
            return Err(SecretError::Locked {
                detail: "locked for the test".into(),
            });
        }
        self.0.set(key, value)
    }
    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        self.0.delete(key)
    }
}

#[tokio::test]
async fn a_keyring_failure_half_way_leaves_nothing_half_saved() {
    let memory = Arc::new(MemoryStore::new());
    let s = setup_with(RefusingRefresh::new(memory.clone(), true), memory).await;
    s.wb.session_manual(s.profile, "previous-session-value-0001".into())
        .await
        .expect("manual");
    let flow =
        s.wb.session_authorize_url(s.profile, FlowOptions::default())
            .await
            .expect("url");
    let location = consent(&browser(), &flow.url, "approve").await;
    let err =
        s.wb.session_paste(s.profile, location, Some(flow.flow_id), None)
            .await
            .unwrap_err();
    assert_eq!(err.code, "keyring.locked");
    // The access token written before the failure was put back to the previous one.
    assert_eq!(
        token(&s.secrets, s.profile, SecretKind::AccessToken).map(|t| t.expose().clone()),
        Some("previous-session-value-0001".to_string())
    );
    let status = s.wb.session_status(s.profile).await.expect("status");
    assert_eq!(
        status.source,
        Some(SessionSource::Manual),
        "the metadata is the previous too"
    );
    s.wb.shutdown().await;
}

#[tokio::test]
async fn a_refresh_whose_save_fails_keeps_the_new_session_not_the_revoked_one() {
    let memory = Arc::new(MemoryStore::new());
    let store = RefusingRefresh::new(memory.clone(), false);
    let s = setup_with(store.clone(), memory).await;
    let flow =
        s.wb.session_authorize_url(s.profile, FlowOptions::default())
            .await
            .expect("url");
    let location = consent(&browser(), &flow.url, "approve").await;
    s.wb.session_paste(s.profile, location, Some(flow.flow_id), None)
        .await
        .expect("captured");
    let revoked = token(&s.secrets, s.profile, SecretKind::AccessToken).expect("stored");
    store.arm();
    let err = s.wb.session_refresh(s.profile).await.unwrap_err();
    assert_eq!(err.code, "keyring.locked");
    let kept = token(&s.secrets, s.profile, SecretKind::AccessToken).expect("kept");
    assert_ne!(
        kept, revoked,
        "the old access token, revoked by the refresh, was put back"
    );
    assert_eq!(
        seller_nick(&s).await,
        Ok(DEMO_NICK.to_string()),
        "the kept session works"
    );
    s.wb.shutdown().await;
}
