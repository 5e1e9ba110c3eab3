//! The tracker follows what happened in the app: choosing a scenario, capturing a session, a
//! successful call on the local gateway or the sandbox (self-test) and on a Qimen joint-test router
//! (joint test) each advance their step with the evidence linked; a failed call does not; a state set
//! by hand wins until reset to automatic; steps the app cannot see stay manual. The joint-test preset
//! follows the scenario's channel.

mod support;

use qimen_core::clock::FixedClock;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::request::{prepare, CallSpec, PreparedRequest};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_workbench::onboarding::guide::tracker::StepState;
use qimen_workbench::onboarding::{
    EvidenceKind, OnboardingView, PresetPurpose, StepActionView, StepStateInput, StepView,
};
use qimen_workbench::profiles::ProfileForm;
use qimen_workbench::store::{
    CallOrigin, CallOutcome, HistoryRecord, ProfileInput, ProfileRole, Store,
};
use qimen_workbench::Workbench;
use support::workbench::*;

const CRM_API: &str = "qimen.taobao.crm.order.detail.get";

fn step<'a>(view: &'a OnboardingView, id: &str) -> &'a StepView {
    view.steps
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("step {id}"))
}

async fn view(wb: &Workbench, id: i64) -> OnboardingView {
    wb.onboarding_get(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn set(wb: &Workbench, id: i64, step: &str, state: StepStateInput) -> OnboardingView {
    wb.onboarding_set_step(id, step.into(), state)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

fn request() -> PreparedRequest {
    let clock = FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap_or_else(|| panic!("valid time"));
    let mut spec = CallSpec::new(ApiFamily::QimenCloud, CRM_API, "23268761");
    spec.target_app_key = Some("21363512".into());
    prepare(
        &spec,
        "https://qimen.api.taobao.com/router/qmtest",
        &SecretString::from("b17cc059ffba3f6cf0d9131359d0be2a"),
        &clock,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Records a call of `profile_id` on `environment` as the console would, answered or failed.
fn record(store: &Store, profile_id: i64, environment: &str, success: bool) -> i64 {
    let outcome = CallOutcome {
        http_status: Some(200),
        latency_ms: 40,
        body: if success {
            "{\"response\":{\"flag\":\"success\"}}".into()
        } else {
            "{\"error_response\":{\"code\":27,\"msg\":\"Invalid session\"}}".into()
        },
        success,
        code: (!success).then(|| "27".into()),
        message: (!success).then(|| "Invalid session".into()),
        ..CallOutcome::default()
    };
    let origin = CallOrigin {
        profile_id: Some(profile_id),
        profile_name: "联调".into(),
        environment: environment.into(),
        at: chrono::Utc::now(),
    };
    let record = HistoryRecord::new(&request(), origin, outcome).unwrap_or_else(|e| panic!("{e}"));
    store
        .history_insert(&record)
        .unwrap_or_else(|e| panic!("{e}"))
        .id
}

async fn real_profile(wb: &Workbench, name: &str) -> i64 {
    wb.profile_save(ProfileForm {
        id: None,
        fields: ProfileInput::new(
            name,
            "12345678",
            ProfileRole::Other,
            Environment::Production,
        ),
        app_secret: None,
        wdt_secret: None,
        carry_guide_from: None,
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .profile
    .id
}

#[tokio::test]
async fn steps_advance_from_what_happened_with_the_evidence_linked() {
    let dir = TempDir::new("onb-evidence");
    let (wb, _secrets) = open(dir.path());
    let id = real_profile(&wb, "自动推进").await;
    let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));

    // Nothing happened yet: nothing is done, and the four steps the app follows say so.
    let before = view(&wb, id).await;
    assert_eq!(before.finished, 0);
    for s in [
        "associate_scenario_role",
        "callback_and_session",
        "self_test",
        "run_joint_test",
    ] {
        let s = step(&before, s);
        assert!(
            s.auto_tracked && !s.set_by_hand && s.evidence.is_none(),
            "{s:?}"
        );
        assert_eq!(s.state, StepState::NotStarted);
    }
    // Steps the app cannot see stay manual.
    for s in ["submit_application", "create_publish_app", "go_live"] {
        assert!(!step(&before, s).auto_tracked, "{s}");
    }

    // Failed calls on the right environments do not advance anything.
    record(&store, id, "sandbox", false);
    record(&store, id, "qimen-test", false);
    let failed = view(&wb, id).await;
    assert_eq!(failed.finished, 0);
    assert!(step(&failed, "self_test").evidence.is_none());
    assert!(step(&failed, "run_joint_test").evidence.is_none());
    // Nor does a successful call elsewhere (production is neither a self-test nor a joint test).
    record(&store, id, "production", true);
    assert_eq!(view(&wb, id).await.finished, 0);

    // The scenario chosen, a session captured, a sandbox call and a joint-test call succeeded.
    wb.scenario_choose(id, "erp_crm".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    wb.session_manual(id, "6201a9c0ffee5e55105e55105e55abcd".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sandbox = record(&store, id, "sandbox", true);
    let joint = record(&store, id, "qimen-test-https", true);
    // A later failure on a joint-test router does not take the evidence away.
    record(&store, id, "qimen-test-legacy", false);

    let after = view(&wb, id).await;
    assert_eq!(after.finished, 4, "{:?}", after.steps);
    let scenario = step(&after, "associate_scenario_role");
    assert_eq!(scenario.state, StepState::Done);
    let evidence = scenario.evidence.as_ref().expect("scenario evidence");
    assert_eq!(evidence.kind, EvidenceKind::Scenario);
    assert!(evidence.label.zh.contains("奇门ERP-CRM"), "{evidence:?}");

    let session = step(&after, "callback_and_session");
    let evidence = session.evidence.as_ref().expect("session evidence");
    assert_eq!(
        (session.state, evidence.kind),
        (StepState::Done, EvidenceKind::Session)
    );
    assert!(evidence.at.is_some() && session.changed_at == evidence.at);

    let self_test = step(&after, "self_test");
    let evidence = self_test.evidence.as_ref().expect("self-test evidence");
    assert_eq!(self_test.state, StepState::Done);
    assert_eq!(evidence.kind, EvidenceKind::Call);
    assert_eq!(evidence.history_id, Some(sandbox));
    assert!(evidence.label.en.contains("sandbox"), "{evidence:?}");

    let run = step(&after, "run_joint_test");
    let evidence = run.evidence.as_ref().expect("joint-test evidence");
    assert_eq!(run.state, StepState::Done);
    assert_eq!(evidence.history_id, Some(joint));
    assert!(evidence.label.en.contains(CRM_API), "{evidence:?}");
    // Not seen by the app: the application and its review stay where the user left them.
    assert_eq!(
        step(&after, "request_joint_test").state,
        StepState::NotStarted
    );

    // The home page's overview counts the same steps.
    let overview = wb
        .onboarding_overview()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let line = overview.iter().find(|l| l.profile_id == id).expect("line");
    assert_eq!(line.finished, 4);

    // A successful call on the local gateway, sent through the console (with the demo profile,
    // selected on first run), is a self-test too.
    let demo = wb
        .app_info()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .current_profile_id
        .expect("the demo profile");
    let sent = wb
        .call_send(example_call("taobao.time.get"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(sent.result.as_ref().is_some_and(|r| r.success), "{sent:?}");
    let demo_view = view(&wb, demo).await;
    let evidence = step(&demo_view, "self_test").evidence.clone();
    assert_eq!(evidence.and_then(|e| e.history_id), sent.history_id);
    // time.get is not the joint-test API: the demo's joint test is not done by it.
    assert!(step(&demo_view, "run_joint_test").evidence.is_none());
    // The joint-test API succeeding on the local gateway is the demo's joint test (its preset
    // sends it there); for a profile on a real environment a local call is not.
    let local_joint = record(&store, demo, "local", true);
    let demo_view = view(&wb, demo).await;
    let joint = step(&demo_view, "run_joint_test").evidence.clone();
    assert_eq!(joint.and_then(|e| e.history_id), Some(local_joint));
    let real = real_profile(&wb, "正式联调").await;
    record(&store, real, "local", true);
    assert!(step(&view(&wb, real).await, "run_joint_test")
        .evidence
        .is_none());
    wb.shutdown().await;
}

#[tokio::test]
async fn a_state_set_by_hand_wins_until_reset_to_automatic() {
    let dir = TempDir::new("onb-override");
    let (wb, _secrets) = open(dir.path());
    let id = real_profile(&wb, "手动优先").await;
    let other = real_profile(&wb, "另一个").await;
    let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    // A provider's joint-test router, named in any case, is a joint test; another profile's call
    // is not this profile's evidence.
    let joint = record(&store, id, "Router-Test:hu3cgwt0tc", true);
    record(&store, other, "qmtest", true);
    // A production router of the same provider is not a joint test.
    record(&store, id, "router:hu3cgwt0tc", true);

    let seen = view(&wb, id).await;
    let run = step(&seen, "run_joint_test");
    assert_eq!(run.state, StepState::Done);
    assert_eq!(
        run.evidence.as_ref().and_then(|e| e.history_id),
        Some(joint)
    );
    assert!(!run.set_by_hand);
    assert!(step(&seen, "self_test").evidence.is_none());
    let theirs = view(&wb, other).await;
    assert_ne!(
        step(&theirs, "run_joint_test")
            .evidence
            .as_ref()
            .and_then(|e| e.history_id),
        Some(joint)
    );

    // Reopened by hand: the hand wins, the evidence stays shown.
    let reopened = set(&wb, id, "run_joint_test", StepStateInput::InProgress).await;
    let run = step(&reopened, "run_joint_test");
    assert_eq!(run.state, StepState::InProgress);
    assert!(run.set_by_hand && run.evidence.is_some());
    assert_eq!(reopened.finished, 0);
    // Even "not started" by hand is kept over the evidence.
    let undone = set(&wb, id, "run_joint_test", StepStateInput::NotStarted).await;
    let run = step(&undone, "run_joint_test");
    assert_eq!(run.state, StepState::NotStarted);
    assert!(run.set_by_hand);
    // Back to automatic: the app's evidence shows again.
    let auto = set(&wb, id, "run_joint_test", StepStateInput::Automatic).await;
    let run = step(&auto, "run_joint_test");
    assert_eq!(run.state, StepState::Done);
    assert!(!run.set_by_hand);

    // The rules apply to the state shown: a step the app holds done cannot go straight back to
    // not started.
    let refused = wb
        .onboarding_set_step(id, "run_joint_test".into(), StepStateInput::NotStarted)
        .await
        .expect_err("done goes back through in progress");
    assert_eq!(refused.code, "validation.onboarding.step");

    // A step nothing was seen for: set by hand and back, exactly as before.
    let manual = set(&wb, id, "self_test", StepStateInput::Done).await;
    assert!(step(&manual, "self_test").set_by_hand);
    let cleared = set(&wb, id, "self_test", StepStateInput::Automatic).await;
    let s = step(&cleared, "self_test");
    assert_eq!(s.state, StepState::NotStarted);
    assert!(!s.set_by_hand && s.changed_at.is_none());

    let unknown = wb
        .onboarding_set_step(id, "moon".into(), StepStateInput::Automatic)
        .await
        .expect_err("unknown step");
    assert_eq!(unknown.code, "validation.onboarding.step");
    wb.shutdown().await;
}

#[tokio::test]
async fn the_joint_test_preset_follows_the_scenario() {
    let dir = TempDir::new("onb-joint-preset");
    let (wb, _secrets) = open(dir.path());
    let id = real_profile(&wb, "场景联调").await;
    let preset_of = |view: &OnboardingView| match &step(view, "run_joint_test").action {
        StepActionView::JointTestPreset { preset } => preset.clone(),
        other => panic!("expected the joint-test preset, got {other:?}"),
    };

    wb.scenario_choose(id, "erp_crm".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let crm = preset_of(&view(&wb, id).await);
    assert_eq!(crm.purpose, PresetPurpose::JointTest);
    assert_eq!(
        crm.call.as_ref().map(|c| c.draft.method.as_str()),
        Some(CRM_API)
    );

    // ERP-WMS goes through 旺店通's sales contact, with the WMS's own call, not the CRM one.
    wb.scenario_choose(id, "erp_wms".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let wms = preset_of(&view(&wb, id).await);
    assert_eq!(wms.purpose, PresetPurpose::JointTest);
    assert_eq!(wms.scenario_id.as_deref(), Some("erp_wms"));
    let call = wms.call.as_ref().expect("the WMS's own call");
    assert_ne!(call.draft.method, CRM_API);
    assert!(call.draft.method.starts_with("taobao.qimen."), "{call:?}");
    assert_eq!(call.environment_id, "qimen-test-legacy");
    assert!(wms.note.zh.contains("销售"), "{}", wms.note.zh);
    assert!(wms.note.en.contains("sales"), "{}", wms.note.en);

    // ERP-POS: the same route; the document lists no API, so no call is prepared.
    wb.scenario_choose(id, "erp_pos".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let pos = preset_of(&view(&wb, id).await);
    assert!(pos.call.is_none());
    assert!(pos.note.zh.contains("销售"), "{}", pos.note.zh);
    wb.shutdown().await;
}
