//! The onboarding guide through the workbench, over a real SQLite file and the local gateway: the
//! tracker survives a restart, choosing 奇门ERP-CRM prepares a joint-test call that works as it is,
//! invalid app details name every field, the materials export lists items and files and never the
//! client password, and the questionnaire and Taobaoke checker answer through the same layer.

mod support;

use qimen_core::protocol::environment::Environment;
use qimen_core::text::Lang;
use qimen_workbench::catalog::wdt::CaseId;
use qimen_workbench::catalog::Applicant;
use qimen_workbench::onboarding::guide::questionnaire::{Building, Questionnaire};
use qimen_workbench::onboarding::guide::taobaoke::{TaobaokeFigures, Verdict};
use qimen_workbench::onboarding::guide::tracker::StepState;
use qimen_workbench::onboarding::{AppDetailsForm, PresetPurpose, StepActionView, StepStateInput};
use qimen_workbench::profiles::ProfileForm;
use qimen_workbench::store::{AppDetailsInput, ProfileInput, ProfileRole};
use qimen_workbench::Workbench;
use support::workbench::*;

const CANARY_PASSWORD: &str = "Canary-Client-Pw-7f3a91";

async fn demo_id(wb: &Workbench) -> i64 {
    wb.app_info()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .current_profile_id
        .expect("the demo profile is selected on first run")
}

fn details_form(app_key: &str, email: &str, phone: &str) -> AppDetailsForm {
    AppDetailsForm {
        details: AppDetailsInput {
            app_name: "演示财务系统".into(),
            published: true,
            developer_email: Some(email.into()),
            developer_phone: Some(phone.into()),
            client_login_name: Some("qimen-check".into()),
        },
        app_key: app_key.into(),
        callback_url: Some("https://erp.example.com/callback".into()),
        app_secret: None,
        client_password: Some(CANARY_PASSWORD.into()),
    }
}

#[tokio::test]
async fn a_step_marked_done_survives_a_restart_and_the_wait_clock_runs() {
    let dir = TempDir::new("onb-restart");
    let secrets = std::sync::Arc::new(qimen_workbench::secrets::MemoryStore::new());
    let id = {
        let wb = open_with(dir.path(), secrets.clone());
        let id = demo_id(&wb).await;
        for step in ["prepare_materials", "register_developer"] {
            wb.onboarding_set_step(id, step.into(), StepStateInput::Done)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
        // No date given: the review wait starts today.
        wb.onboarding_set_step(
            id,
            "submit_application".into(),
            StepStateInput::WaitingForReview { since: None },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        wb.shutdown().await;
        id
    };
    let wb = open_with(dir.path(), secrets);
    let view = wb
        .onboarding_get(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let done = view.steps.iter().find(|s| s.id == "register_developer");
    assert_eq!(done.map(|s| s.state), Some(StepState::Done));
    assert!(done.and_then(|s| s.changed_at).is_some());
    assert_eq!(view.finished, 2);
    let next = view.next.expect("a next step");
    assert_eq!(next.id, "submit_application");
    // The document's 5-7 day review: the clock has started today, so nothing has elapsed yet.
    let waiting = next.waiting.expect("waiting for review");
    assert_eq!(waiting.since, view.today);
    assert_eq!(waiting.elapsed, 0);
    assert!(!waiting.overdue);

    let overview = wb
        .onboarding_overview()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let line = overview
        .iter()
        .find(|l| l.profile_id == id)
        .expect("the demo profile");
    assert_eq!(
        line.next.as_ref().map(|n| n.id.as_str()),
        Some("submit_application")
    );

    // A step the document does not call skippable is refused with the remedy, in Chinese.
    let refused = wb
        .onboarding_set_step(id, "self_test".into(), StepStateInput::Skipped)
        .await
        .expect_err("self_test cannot be skipped");
    assert_eq!(refused.code, "validation.onboarding.step");
    assert!(refused.message.contains("不能跳过"), "{}", refused.message);
    wb.shutdown().await;
}

#[tokio::test]
async fn choosing_erp_crm_prepares_the_joint_test_call_and_it_works_locally() {
    let dir = TempDir::new("onb-crm");
    let (wb, _secrets) = open(dir.path());
    let id = demo_id(&wb).await;
    let choice = wb
        .scenario_choose(id, "erp_crm".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(choice.profile.profile.role, ProfileRole::Crm);
    assert_eq!(choice.profile.profile.scenario, "erp_crm");
    assert_eq!(
        choice.profile.profile.target_app_key.as_deref(),
        Some("21363512")
    );
    let call = choice.console_preset.call.expect("a call");
    assert_eq!(call.draft.method, "qimen.taobao.crm.order.detail.get");
    // The demo profile is on the local gateway, so the preset stays there.
    assert_eq!(call.environment_id, "local");
    assert_eq!(call.draft.target_app_key.as_deref(), Some("21363512"));
    assert!(call.draft.wdt.compute);
    // Sent as prepared, the joint-test API answers successfully.
    let outcome = wb.call_send(call).await.unwrap_or_else(|e| panic!("{e}"));
    let result = outcome.result.expect("an answer");
    assert!(result.success, "{result:?}");

    // The tracker's joint-test step carries the same preset.
    let view = wb
        .onboarding_get(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let joint = view
        .steps
        .iter()
        .find(|s| s.id == "run_joint_test")
        .expect("step");
    match &joint.action {
        StepActionView::JointTestPreset { preset } => {
            assert_eq!(preset.purpose, PresetPurpose::JointTest);
            assert_eq!(
                preset.call.as_ref().map(|c| c.draft.method.as_str()),
                Some("qimen.taobao.crm.order.detail.get")
            );
        }
        other => panic!("expected the joint-test preset, got {other:?}"),
    }

    // A profile on a real environment gets the document's joint-test domain.
    let real = wb
        .profile_save(ProfileForm {
            id: None,
            fields: ProfileInput::new(
                "正式CRM",
                "12345678",
                ProfileRole::Other,
                Environment::Production,
            ),
            app_secret: None,
            wdt_secret: None,
            carry_guide_from: None,
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let choice = wb
        .scenario_choose(real.profile.id, "erp_crm".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let call = choice.console_preset.call.expect("a call");
    assert_eq!(call.environment_id, "qimen-test-legacy");

    // The WMS scenario sets the WMS role; an unknown scenario is named.
    let wms = wb
        .scenario_choose(real.profile.id, "erp_wms".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wms.profile.profile.role, ProfileRole::Wms);
    assert!(!wms.console_preset.apis.is_empty());
    let unknown = wb
        .scenario_choose(real.profile.id, "moon".into())
        .await
        .expect_err("unknown scenario");
    assert_eq!(unknown.code, "not_found.scenario");
    wb.shutdown().await;
}

#[tokio::test]
async fn invalid_app_details_name_every_field_and_valid_ones_are_kept() {
    let dir = TempDir::new("onb-details");
    let secrets = std::sync::Arc::new(qimen_workbench::secrets::MemoryStore::new());
    let wb = open_with(dir.path(), secrets.clone());
    let id = demo_id(&wb).await;
    let err = wb
        .app_details_save(id, details_form("12ab", "dev.example.com", "12345"))
        .await
        .expect_err("three fields are wrong");
    // The first failing field decides the code; the message names every one, in Chinese.
    assert_eq!(err.code, "validation.app_details.app_key");
    for named in ["AppKey", "开发者邮箱", "开发者手机", "11 位"] {
        assert!(
            err.message.contains(named),
            "{named} missing: {}",
            err.message
        );
    }
    wb.settings_set(qimen_workbench::app::SettingsInput {
        language: Some(Lang::En),
        retention: None,
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let err = wb
        .app_details_save(
            id,
            details_form("23000001", "dev@example.com", "1380013800"),
        )
        .await
        .expect_err("the phone is one digit short");
    assert_eq!(err.code, "validation.app_details.developer_phone");
    assert!(err.message.contains("developer_phone"), "{}", err.message);
    // Nothing was saved by the refused forms.
    let view = wb
        .app_details_get(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(view.details.is_none());

    let saved = wb
        .app_details_save(
            id,
            details_form("23000001", "dev@example.com", "+86 138 0013 8000"),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(saved.client_password_stored);
    assert_eq!(
        saved.profile.profile.callback_url.as_deref(),
        Some("https://erp.example.com/callback")
    );
    wb.shutdown().await;
    drop(wb);
    let wb = open_with(dir.path(), secrets);
    let view = wb
        .app_details_get(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let details = view.details.clone().expect("saved");
    assert_eq!(details.developer_phone.as_deref(), Some("13800138000"));
    assert!(details.published);
    // The password is only a flag in what the UI receives.
    let json = serde_json::to_string(&view).unwrap_or_default();
    assert!(!json.contains(CANARY_PASSWORD));
    wb.shutdown().await;
}

#[tokio::test]
async fn the_materials_export_lists_items_and_files_but_never_the_password() {
    let dir = TempDir::new("onb-materials");
    let secrets = std::sync::Arc::new(qimen_workbench::secrets::MemoryStore::new());
    let wb = open_with(dir.path(), secrets.clone());
    let id = demo_id(&wb).await;
    let not_yet = wb
        .materials_set_done(id, "mrd_market_analysis".into(), true)
        .await
        .expect_err("no case chosen yet");
    assert_eq!(not_yet.code, "validation.materials.case");

    let view = wb
        .materials_set_case(id, CaseId::Agent)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Case 1 (agent) asks for the vendor's authorisation instead of the software copyright.
    assert!(view
        .items
        .iter()
        .any(|i| i.id == "prd_vendor_authorisation_screenshot"));
    assert!(!view.items.iter().any(|i| i.id == "prd_software_copyright"));

    let file = dir.path().join("市场分析.pdf");
    std::fs::write(&file, vec![b'x'; 3000]).unwrap_or_else(|e| panic!("{e}"));
    let path = file.display().to_string();
    wb.materials_attach(id, "mrd_market_analysis".into(), path.clone())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    wb.materials_set_done(id, "mrd_market_analysis".into(), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let missing = wb
        .materials_attach(id, "mrd_market_analysis".into(), "/no/such/file.pdf".into())
        .await
        .expect_err("no such file");
    assert_eq!(missing.code, "io.file");
    wb.app_details_save(
        id,
        details_form("23000001", "dev@example.com", "13800138000"),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));

    // After a restart the checklist is as it was left.
    wb.shutdown().await;
    drop(wb);
    let wb = open_with(dir.path(), secrets);
    let view = wb.materials_get(id).await.unwrap_or_else(|e| panic!("{e}"));
    let item = view
        .items
        .iter()
        .find(|i| i.id == "mrd_market_analysis")
        .expect("item");
    assert!(item.done);
    assert_eq!(item.files[0].name, "市场分析.pdf");
    assert_eq!(item.files[0].size_bytes, 3000);
    assert_eq!(view.client_login.login_name.as_deref(), Some("qimen-check"));
    assert!(view.client_login.password_stored);

    for (lang, item_text) in [
        (Lang::En, "Market need analysis"),
        (Lang::ZhCn, "市场需求分析"),
    ] {
        let out = dir.path().join(format!("materials-{}.md", lang.as_str()));
        let export = wb
            .materials_export(id, lang, out.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(&out).unwrap_or_default();
        assert_eq!(export.bytes as usize, text.len());
        assert!(text.contains(item_text), "{text}");
        assert!(text.contains("- [x]"), "the done item is ticked: {text}");
        assert!(text.contains("市场分析.pdf"), "{text}");
        assert!(text.contains("2.9 KB"), "the file list gives sizes: {text}");
        assert!(text.contains("qimen-check"), "{text}");
        assert!(text.contains("北京掌上先机网络科技有限公司"), "{text}");
        assert!(
            !text.contains(CANARY_PASSWORD),
            "the password leaked: {text}"
        );
    }
    wb.shutdown().await;
}

#[tokio::test]
async fn the_questionnaire_and_the_taobaoke_checker_answer_through_the_workbench() {
    let dir = TempDir::new("onb-guide");
    let (wb, _secrets) = open(dir.path());
    let answer = wb
        .onboarding_recommend(Questionnaire {
            applicant: Applicant::DomesticTaobaoEnterprise,
            building: Building::Keywords("仓储".into()),
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(answer.recommended.is_some(), "{:?}", answer.summary);
    let empty = wb
        .onboarding_recommend(Questionnaire {
            applicant: Applicant::Individual,
            building: Building::Keywords("  ".into()),
        })
        .await
        .expect_err("empty keywords");
    assert_eq!(empty.code, "validation.questionnaire.building");

    // Everything the basic package asks for, except a deduction score of exactly 18 (< 18 required).
    let checks = wb
        .taobaoke_check(TaobaokeFigures {
            filed_and_approved: Some(true),
            taodianjin_deployed: Some(true),
            site_deduction_score: Some(18.0),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(checks[0].verdict, Verdict::NotEligible);
    let catalog = wb
        .catalog_taobaoke()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.basic_only_demo_app_key, "23000004");
    assert_eq!(catalog.local_apis.len(), 3);
    assert!(!wb
        .catalog_app_types()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .kinds
        .is_empty());
    let scenarios = wb.scenarios_list().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scenarios.constants.wdt_target_app_key, "21363512");
    wb.shutdown().await;
}

/// The real profile made from demo mode starts with what the merchant did in demo mode: the materials
/// ticked, the scenario chosen; the demo's AppSecret stays with the demo.
#[tokio::test]
async fn a_real_profile_made_from_demo_mode_carries_the_guide_over() {
    let dir = TempDir::new("onb-carry");
    let secrets = std::sync::Arc::new(qimen_workbench::secrets::MemoryStore::new());
    let wb = open_with(dir.path(), secrets.clone());
    let demo = demo_id(&wb).await;
    wb.materials_set_case(demo, CaseId::Agent)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    wb.materials_set_done(demo, "mrd_market_analysis".into(), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    wb.scenario_choose(demo, "erp_crm".into())
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let form = |carry| ProfileForm {
        id: None,
        fields: ProfileInput::new(
            "正式配置",
            "12345678",
            ProfileRole::Erp,
            Environment::Production,
        ),
        app_secret: None,
        wdt_secret: None,
        carry_guide_from: carry,
    };
    let real = wb
        .profile_save(form(Some(demo)))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(real.carried_guide);
    assert_eq!(real.profile.scenario, "erp_crm");
    assert!(!real.secret_stored, "the demo AppSecret is not carried");
    let materials = wb
        .materials_get(real.profile.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(materials.case, Some(CaseId::Agent));
    assert!(materials
        .items
        .iter()
        .any(|i| i.id == "mrd_market_analysis" && i.done));

    // Without asking, a new profile starts empty.
    let mut plain = form(None);
    plain.fields.name = "另一个".into();
    let empty = wb
        .profile_save(plain)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!empty.carried_guide);
    assert_eq!(
        wb.materials_get(empty.profile.id)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .case,
        None
    );
}
