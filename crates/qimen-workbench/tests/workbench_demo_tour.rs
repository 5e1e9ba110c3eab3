//! What the demo tour needs of the workbench, over a real SQLite file and the local gateway: a call
//! signed once with a wrong AppSecret fails with code 25, explained, and that secret is neither kept
//! nor recorded nor sent back; and `demo_reset` puts the demo profile back as on first launch while
//! another profile and the history stay as they were.

mod support;

use qimen_core::protocol::environment::Environment;
use qimen_core::sensitive::SecretString;
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};
use qimen_workbench::calls::CallInput;
use qimen_workbench::catalog::wdt::CaseId;
use qimen_workbench::onboarding::guide::tracker::StepState;
use qimen_workbench::onboarding::{AppDetailsForm, StepStateInput};
use qimen_workbench::profiles::ProfileForm;
use qimen_workbench::secrets::{SecretKey, SecretKind, SecretStore};
use qimen_workbench::store::{AppDetailsInput, HistoryQuery, ProfileInput, ProfileRole};
use qimen_workbench::Workbench;
use support::workbench::{call, open, TempDir};

const WRONG: &str = "tour0wrong0secret0000000000000XY";

async fn demo_id(wb: &Workbench) -> i64 {
    wb.app_info()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .current_profile_id
        .expect("the demo profile is selected on first run")
}

#[tokio::test]
async fn a_one_off_secret_signs_one_call_only_and_is_never_kept() {
    let dir = TempDir::new("tour-once");
    let (wb, secrets) = open(dir.path());
    let id = demo_id(&wb).await;

    // The UI sends it as a plain field; it never comes back out of a CallInput.
    let mut input: CallInput = serde_json::from_value(serde_json::json!({
        "profile_id": id,
        "environment_id": "local",
        "method": "taobao.time.get",
        "family": null,
        "sign_method": "md5",
        "format": null,
        "params": [],
        "body": null,
        "target_app_key": null,
        "customer_id": null,
        "use_session": false,
        "wdt": { "compute": false },
        "app_secret_once": WRONG,
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        input.app_secret_once.as_ref().map(|s| s.expose().as_str()),
        Some(WRONG)
    );
    let echoed = serde_json::to_string(&input).unwrap_or_default();
    assert!(
        !echoed.contains(WRONG) && !echoed.contains("app_secret_once"),
        "{echoed}"
    );
    assert!(!format!("{input:?}").contains(WRONG));

    let failed = wb
        .call_send(input.clone())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let result = failed.result.clone().unwrap_or_else(|| panic!("answered"));
    assert!(!result.success);
    assert_eq!(result.code.as_deref(), Some("25"));
    assert!(failed.explanation.is_some(), "the failure is explained");
    // Signed with the wrong secret (md5 wraps it, masked), which is nowhere in the answer.
    let signed = &failed.signature.string_to_sign_masked;
    assert!(
        signed.starts_with("******XY") && signed.ends_with("******XY"),
        "{signed}"
    );
    assert!(!serde_json::to_string(&failed)
        .unwrap_or_default()
        .contains(WRONG));
    // History recorded the call as sent, not the secret.
    let history_id = failed.history_id.expect("recorded");
    let detail = wb
        .history_get(history_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!serde_json::to_string(&detail)
        .unwrap_or_default()
        .contains(WRONG));

    // The stored secret did not change: the same call without it succeeds.
    let stored = secrets
        .get(&SecretKey::new(id, SecretKind::AppSecret))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|s| s.expose().clone());
    assert_eq!(stored.as_deref(), Some(DEMO_ERP_SECRET));
    input.app_secret_once = None;
    let ok = wb.call_send(input).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(ok.result.is_some_and(|r| r.success));
    // A blank one-off secret means the profile's.
    let mut blank = call("taobao.time.get", &[]);
    blank.app_secret_once = Some(SecretString::from("  "));
    let ok = wb.call_send(blank).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(ok.result.is_some_and(|r| r.success));
    wb.shutdown().await;
}

#[tokio::test]
async fn demo_reset_brings_the_demo_back_to_first_launch_and_nothing_else() {
    let dir = TempDir::new("tour-reset");
    let (wb, secrets) = open(dir.path());
    let demo = demo_id(&wb).await;
    let ok = |e: qimen_workbench::IpcError| -> ! { panic!("{e}") };

    // A tour that went all the way: materials, app details, session, scenario, steps done.
    wb.materials_set_case(demo, CaseId::Vendor)
        .await
        .unwrap_or_else(|e| ok(e));
    wb.materials_set_done(demo, "mrd_market_analysis".into(), true)
        .await
        .unwrap_or_else(|e| ok(e));
    wb.app_details_save(
        demo,
        AppDetailsForm {
            details: AppDetailsInput {
                app_name: "演示财务系统".into(),
                published: true,
                developer_email: Some("dev@example.com".into()),
                developer_phone: Some("13800138000".into()),
                client_login_name: Some("demo-check".into()),
            },
            app_key: DEMO_ERP_APP_KEY.into(),
            callback_url: Some("http://127.0.0.1:8700/callback".into()),
            app_secret: None,
            client_password: Some("Demo-Client-Pw-1".into()),
        },
    )
    .await
    .unwrap_or_else(|e| ok(e));
    wb.session_manual(
        demo,
        "6100e23657fb0b2d0c78568e55a3031134be9a3a5d4b3a365753805".into(),
    )
    .await
    .unwrap_or_else(|e| ok(e));
    wb.scenario_choose(demo, "online_offline_erp".into())
        .await
        .unwrap_or_else(|e| ok(e));
    for step in ["prepare_materials", "create_publish_app", "self_test"] {
        wb.onboarding_set_step(demo, step.into(), StepStateInput::Done)
            .await
            .unwrap_or_else(|e| ok(e));
    }
    // A successful self-test before the reset: history keeps it, the tracker no longer counts it.
    assert!(wb
        .call_send(call("taobao.time.get", &[]))
        .await
        .unwrap_or_else(|e| ok(e))
        .result
        .is_some_and(|r| r.success));
    // A user changed the demo's secret by hand.
    secrets
        .set(
            &SecretKey::new(demo, SecretKind::AppSecret),
            &SecretString::from(WRONG),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    wb.call_send(call("taobao.time.get", &[]))
        .await
        .unwrap_or_else(|e| ok(e));

    // A real profile with its own progress and session, selected.
    let real = wb
        .profile_save(ProfileForm {
            id: None,
            fields: ProfileInput::new(
                "真实配置",
                "12345678",
                ProfileRole::Erp,
                Environment::Production,
            ),
            app_secret: Some("real0secret0000000000000000000ab".into()),
            wdt_secret: None,
            carry_guide_from: None,
        })
        .await
        .unwrap_or_else(|e| ok(e))
        .profile
        .id;
    wb.onboarding_set_step(real, "prepare_materials".into(), StepStateInput::Done)
        .await
        .unwrap_or_else(|e| ok(e));
    wb.session_manual(real, "real-session-token-0123456789".into())
        .await
        .unwrap_or_else(|e| ok(e));
    wb.profile_select(real).await.unwrap_or_else(|e| ok(e));

    let view = wb.demo_reset().await.unwrap_or_else(|e| ok(e));
    assert_eq!(view.profile.id, demo);
    assert!(view.profile.is_demo);
    assert_eq!(view.profile.app_key, DEMO_ERP_APP_KEY);
    assert_eq!(view.profile.scenario, "");
    assert_eq!(view.profile.callback_url, None);
    assert_eq!(view.profile.target_app_key, None);
    assert_eq!(view.profile.wdt_sid.as_deref(), Some("wdtdemo"));
    assert!(view.secret_stored && view.wdt_secret_stored && !view.session_stored);
    assert_eq!(view.secret_hint.as_deref(), Some("******01"));

    let guide = wb.onboarding_get(demo).await.unwrap_or_else(|e| ok(e));
    assert_eq!(guide.finished, 0);
    let materials = wb.materials_get(demo).await.unwrap_or_else(|e| ok(e));
    assert_eq!(materials.case, None);
    assert_eq!(materials.done, 0);
    let details = wb.app_details_get(demo).await.unwrap_or_else(|e| ok(e));
    assert!(details.details.is_none() && !details.client_password_stored);
    let session = wb.session_status(demo).await.unwrap_or_else(|e| ok(e));
    assert!(!session.authorized && session.user_nick.is_none());
    for kind in [
        SecretKind::AccessToken,
        SecretKind::RefreshToken,
        SecretKind::ClientPassword,
    ] {
        assert!(secrets
            .get(&SecretKey::new(demo, kind))
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none());
    }
    // As on first launch the demo is selected, and its first call succeeds again.
    let info = wb.app_info().await.unwrap_or_else(|e| ok(e));
    assert_eq!(info.current_profile_id, Some(demo));
    assert!(info.demo_mode);
    let again = wb
        .call_send(call("taobao.time.get", &[]))
        .await
        .unwrap_or_else(|e| ok(e));
    assert!(again.result.is_some_and(|r| r.success));

    // The real profile and the history are untouched.
    let real_guide = wb.onboarding_get(real).await.unwrap_or_else(|e| ok(e));
    let materials_step = real_guide
        .steps
        .iter()
        .find(|s| s.id == "prepare_materials")
        .map(|s| s.state);
    assert_eq!(materials_step, Some(StepState::Done));
    assert!(
        wb.session_status(real)
            .await
            .unwrap_or_else(|e| ok(e))
            .authorized
    );
    let history = wb
        .history_list(HistoryQuery::default())
        .await
        .unwrap_or_else(|e| ok(e));
    assert_eq!(
        history.total, 3,
        "the calls before the reset and the one after"
    );
    // Only the call after the reset counts for the tracker.
    let guide = wb.onboarding_get(demo).await.unwrap_or_else(|e| ok(e));
    assert_eq!(guide.finished, 1);

    // Reset twice is the same as once.
    let twice = wb.demo_reset().await.unwrap_or_else(|e| ok(e));
    assert_eq!(twice.profile.id, demo);
    wb.shutdown().await;
}

#[tokio::test]
async fn demo_reset_makes_the_demo_profile_again_when_it_was_deleted() {
    let dir = TempDir::new("tour-remake");
    let (wb, _) = open(dir.path());
    let demo = demo_id(&wb).await;
    wb.profile_delete(demo)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let view = wb.demo_reset().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(view.profile.is_demo && view.secret_stored);
    let info = wb.app_info().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(info.current_profile_id, Some(view.profile.id));
    wb.shutdown().await;
}
