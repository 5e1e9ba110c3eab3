//! The embedded data files: they load and validate, hold every entry of the documents in both languages,
//! and a broken file is reported with its name and the entry at fault.

use qimen_core::text::Lang;
use qimen_workbench::catalog::app_types::AppTypeCatalog;
use qimen_workbench::catalog::taobaoke::{PackageId, TaobaokeRules};
use qimen_workbench::catalog::wdt::{CaseId, StepAction, WdtGuide};
use qimen_workbench::catalog::{self, Applicant, CatalogError};

const APP_TYPES: &str = include_str!("../data/app_types.toml");
const TAOBAOKE: &str = include_str!("../data/taobaoke.toml");
const WDT: &str = include_str!("../data/wdt_onboarding.toml");

#[test]
fn embedded_files_load_and_validate() {
    let loaded = catalog::catalog();
    assert!(loaded.is_ok(), "{:?}", loaded.err());
    // Loaded once and shared: a second call returns the same instance.
    assert!(std::ptr::eq(catalog::catalog().unwrap(), loaded.unwrap()));
}

#[test]
fn app_type_counts_match_document_000() {
    let c = catalog::app_types().unwrap();
    let kinds: Vec<&str> = c.kinds.iter().map(|k| k.name.zh.as_ref()).collect();
    assert_eq!(kinds, ["商家应用", "电商后台", "无线开放", "其他"]);
    // 商家应用 has 2 first-level categories, 电商后台 8 ("共8个一级类目"), 无线开放 1, 其他 1.
    let categories: Vec<usize> = c.kinds.iter().map(|k| k.categories.len()).collect();
    assert_eq!(categories, [2, 8, 1, 1]);
    // 9 under 商家应用, 26 under 电商后台, 0 under 无线开放 ("无。"), 2 under 其他.
    let per_kind: Vec<usize> = c
        .kinds
        .iter()
        .map(|k| {
            k.categories
                .iter()
                .flat_map(|cat| &cat.groups)
                .map(|g| g.entries.len())
                .sum()
        })
        .collect();
    assert_eq!(per_kind, [9, 26, 0, 2]);
    assert_eq!(c.entries().count(), 37);
    assert_eq!(c.links.len(), 3);
}

#[test]
fn markers_become_applicants_and_unmarked_entries_state_nothing() {
    let c = catalog::app_types().unwrap();
    let wms = c.find("warehouse_management_system").unwrap().entry;
    assert_eq!(wms.applicants, [Applicant::DomesticTaobaoEnterprise]);
    let affiliate = c.find("affiliate_website").unwrap().entry;
    assert_eq!(
        affiliate.applicants,
        [
            Applicant::DomesticTaobaoEnterprise,
            Applicant::CrossBorderTmall,
            Applicant::Individual
        ]
    );
    let erp = c.find("merchant_erp").unwrap().entry;
    assert!(erp.markers.is_empty() && erp.applicants.is_empty());
    // 21 entries carry markers; the other 16 are "not stated".
    assert_eq!(
        c.entries()
            .filter(|r| r.entry.applicants.is_empty())
            .count(),
        16
    );
}

#[test]
fn taobaoke_and_wdt_counts_match_documents_002_and_003() {
    let t = catalog::taobaoke().unwrap();
    let rules: Vec<usize> = t.packages.iter().map(|p| p.rules.len()).collect();
    // Basic: 3 rules; link: (1)(2)(3); three-party: 1.
    assert_eq!(rules, [3, 3, 1]);
    assert_eq!(t.revocation.rules.len(), 3);
    assert_eq!(t.inactivity_days(), Some(30));
    assert_eq!(t.faq.len(), 5);
    assert_eq!(
        t.package(PackageId::Link).unwrap().requires,
        [PackageId::Basic]
    );

    let w = catalog::wdt_guide().unwrap();
    assert_eq!(catalog::scenarios().unwrap().len(), 5);
    assert_eq!(catalog::onboarding_steps().unwrap().len(), 10);
    let m = catalog::materials().unwrap();
    assert_eq!(m.items_for(CaseId::Agent).count(), 12);
    assert_eq!(m.items_for(CaseId::Vendor).count(), 11);
    assert_eq!(w.constants.wdt_target_app_key, "21363512");
    assert_eq!(
        w.constants.joint_test_api,
        "qimen.taobao.crm.order.detail.get"
    );
    assert_eq!(
        w.constants.joint_test_domain,
        "http://qimen.api.taobao.com/top/router/qmtest"
    );
    assert_eq!(
        w.constants.qimen_company_name,
        "北京掌上先机网络科技有限公司"
    );
}

#[test]
fn scenarios_carry_their_roles_apis_and_channels() {
    use qimen_workbench::catalog::wdt::{Caller, JointTestChannel, Role};
    let w = catalog::wdt_guide().unwrap();
    let methods = |id: &str| -> Vec<&str> {
        w.scenario(id)
            .unwrap()
            .apis
            .iter()
            .map(|a| a.method.as_str())
            .collect()
    };
    assert!(methods("qimen_custom").contains(&"hu3cgwt0tc.wdt.stock.query"));
    assert!(methods("online_offline_erp").contains(&"hu3cgwt0tc.wdt.trade.query"));
    assert!(methods("erp_wms").contains(&"taobao.qimen.entryorder.create"));
    assert!(methods("erp_crm").contains(&"qimen.taobao.crm.order.detail.get"));
    let wms = w.scenario("erp_wms").unwrap();
    assert_eq!(wms.your_role, Some(Role::Wms));
    // In ERP-WMS the 旺店通 ERP sends the create calls to the WMS.
    assert!(wms
        .apis
        .iter()
        .filter(|a| a.method.ends_with(".create"))
        .all(|a| a.caller == Caller::Wdt));
    for (id, channel) in [
        ("erp_wms", JointTestChannel::SalesContact),
        ("erp_pos", JointTestChannel::SalesContact),
        ("erp_crm", JointTestChannel::EmailAndGroup),
        ("online_offline_erp", JointTestChannel::EmailAndGroup),
        ("qimen_custom", JointTestChannel::EmailAndGroup),
    ] {
        assert_eq!(w.scenario(id).unwrap().joint_test, channel, "{id}");
    }
}

#[test]
fn steps_run_from_qualification_to_go_live_with_the_stated_review_wait() {
    let steps = catalog::onboarding_steps().unwrap();
    assert_eq!(steps.first().unwrap().id, "prepare_materials");
    assert_eq!(steps.last().unwrap().id, "go_live");
    let with_wait: Vec<&str> = steps
        .iter()
        .filter(|s| s.wait.is_some())
        .map(|s| s.id.as_str())
        .collect();
    // The document states one waiting time: the 5–7 day review of the application.
    assert_eq!(with_wait, ["submit_application"]);
    let action = |id: &str| steps.iter().find(|s| s.id == id).unwrap().action;
    assert_eq!(action("callback_and_session"), StepAction::OpenSessionPage);
    assert_eq!(action("self_test"), StepAction::OpenTestConsole);
    assert_eq!(action("run_joint_test"), StepAction::JointTestPreset);
}

/// Walks the serialised catalogue and returns every `{zh, en}` pair with its JSON path.
fn localized_texts(
    value: &serde_json::Value,
    path: String,
    out: &mut Vec<(String, String, String)>,
) {
    match value {
        serde_json::Value::Object(map) => {
            if map.len() == 2 && map.contains_key("zh") && map.contains_key("en") {
                let get = |k: &str| map[k].as_str().unwrap_or_default().to_string();
                out.push((path, get("zh"), get("en")));
                return;
            }
            for (k, v) in map {
                localized_texts(v, format!("{path}.{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                localized_texts(v, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_catalog_text_is_non_empty_in_both_languages() {
    let json = serde_json::to_value(catalog::catalog().unwrap()).unwrap();
    let mut texts = Vec::new();
    localized_texts(&json, String::new(), &mut texts);
    // Hundreds of texts: a count far below means the walk missed them.
    assert!(texts.len() > 300, "only {} texts found", texts.len());
    for (path, zh, en) in &texts {
        assert!(!zh.trim().is_empty(), "empty zh at {path}");
        assert!(!en.trim().is_empty(), "empty en at {path}");
        // An English text has Latin letters: a Chinese copy left in `en` fails here.
        assert!(
            en.chars().any(|c| c.is_ascii_alphabetic()),
            "untranslated at {path}: {en}"
        );
    }
    let c = catalog::app_types().unwrap();
    assert_eq!(c.kinds[0].name.get(Lang::En), "Merchant apps");
}

fn invalid_entry(err: CatalogError) -> (String, String) {
    match err {
        CatalogError::Invalid { file, entry, .. } => (file.to_string(), entry),
        other => panic!("expected an invalid-entry error, got {other}"),
    }
}

#[test]
fn a_marker_outside_the_legend_is_rejected_naming_file_and_entry() {
    let broken = APP_TYPES.replacen("markers = [\"🔵\"]", "markers = [\"🟢\"]", 1);
    let err = AppTypeCatalog::parse("app_types.toml", &broken).unwrap_err();
    assert!(err.to_string().contains("🟢"), "{err}");
    // The first 🔵-only entry of the document is 商家后台系统.
    assert_eq!(
        invalid_entry(err),
        ("app_types.toml".into(), "merchant_backend_system".into())
    );
}

#[test]
fn an_empty_translation_is_rejected_naming_the_field() {
    let broken = APP_TYPES.replacen("en = \"Customer service bot\"", "en = \"  \"", 1);
    let err = AppTypeCatalog::parse("app_types.toml", &broken).unwrap_err();
    assert!(err.to_string().contains("name.en"), "{err}");
    assert_eq!(invalid_entry(err).1, "customer_service_bot");
}

#[test]
fn a_threshold_on_a_yes_no_figure_is_rejected() {
    let broken = TAOBAOKE.replacen(
        "{ field = \"filed_and_approved\", op = \"is_true\" }",
        "{ field = \"filed_and_approved\", op = \"ge\", value = 1 }",
        1,
    );
    let err = TaobaokeRules::parse("taobaoke.toml", &broken).unwrap_err();
    assert_eq!(
        invalid_entry(err),
        ("taobaoke.toml".into(), "package Basic rule filed".into())
    );
}

#[test]
fn a_syntax_error_names_the_file() {
    let err = WdtGuide::parse(
        "wdt_onboarding.toml",
        &WDT.replacen("[constants]", "[constants", 1),
    )
    .unwrap_err();
    assert!(
        matches!(
            &err,
            CatalogError::Parse {
                file: "wdt_onboarding.toml",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_step_wait_without_its_text_is_rejected() {
    let broken = WDT.replacen(
        "wait_text = { zh = \"审核周期一般5~7天\", en = \"The review usually takes 5-7 days\" }\n",
        "",
        1,
    );
    let err = WdtGuide::parse("wdt_onboarding.toml", &broken).unwrap_err();
    assert_eq!(invalid_entry(err).1, "step submit_application");
}
