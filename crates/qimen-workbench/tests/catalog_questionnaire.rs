//! The app-type questionnaire and search over document 000: filtering per applicant kind, "not stated"
//! never recommended, remarks cited, and search in both languages.

use qimen_workbench::catalog::app_types::NoteKind;
use qimen_workbench::catalog::{self, Applicant};
use qimen_workbench::onboarding::guide::questionnaire::{
    recommend, Availability, Building, Questionnaire, QuestionnaireError, QuestionnaireResult,
    ReasonKind,
};

fn ask(applicant: Applicant, building: Building) -> QuestionnaireResult {
    recommend(
        catalog::app_types().unwrap(),
        &Questionnaire {
            applicant,
            building,
        },
    )
    .unwrap()
}

fn verdict(result: &QuestionnaireResult, id: &str) -> Availability {
    result
        .candidates
        .iter()
        .find(|c| c.id == id)
        .unwrap()
        .availability
}

#[test]
fn an_entry_without_markers_is_listed_as_not_stated_for_everyone() {
    for applicant in [
        Applicant::DomesticTaobaoEnterprise,
        Applicant::CrossBorderTmall,
        Applicant::Individual,
        Applicant::TmallMerchant,
    ] {
        let result = ask(applicant, Building::Anything);
        assert_eq!(result.candidates.len(), 37, "every app type is listed");
        assert_eq!(
            verdict(&result, "merchant_erp"),
            Availability::NotStated,
            "{applicant:?}"
        );
        let c = result
            .candidates
            .iter()
            .find(|c| c.id == "merchant_erp")
            .unwrap();
        assert!(c
            .reasons
            .iter()
            .any(|r| matches!(r.kind, ReasonKind::NoMarker | ReasonKind::NotInLegend)));
        // Whatever is recommended is eligible, never "not stated".
        if let Some(id) = &result.recommended {
            assert_eq!(verdict(&result, id), Availability::Eligible);
        }
    }
}

#[test]
fn markers_decide_for_each_legend_applicant() {
    let domestic = ask(Applicant::DomesticTaobaoEnterprise, Building::Anything);
    let cross_border = ask(Applicant::CrossBorderTmall, Building::Anything);
    let individual = ask(Applicant::Individual, Building::Anything);
    // 仓储管理系统 🔴 only.
    assert_eq!(
        verdict(&domestic, "warehouse_management_system"),
        Availability::Eligible
    );
    assert_eq!(
        verdict(&cross_border, "warehouse_management_system"),
        Availability::NotEligible
    );
    // 国际商家后台系统 🔵 only.
    assert_eq!(
        verdict(&cross_border, "international_merchant_backend_system"),
        Availability::Eligible
    );
    assert_eq!(
        verdict(&domestic, "international_merchant_backend_system"),
        Availability::NotEligible
    );
    // Only the two 其他 entries carry ⚫.
    let open_to_individuals: Vec<&str> = individual
        .candidates
        .iter()
        .filter(|c| c.availability == Availability::Eligible)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        open_to_individuals,
        ["affiliate_website", "mobile_tv_games"]
    );
    // The ⚫ reading is inferred, and the reasons say so.
    let affiliate = individual
        .candidates
        .iter()
        .find(|c| c.id == "affiliate_website")
        .unwrap();
    assert!(affiliate
        .reasons
        .iter()
        .any(|r| r.kind == ReasonKind::LegendInferred));
    // Counts of eligible types: 🔴 is printed on 19 entries, 🔵 on 13.
    let eligible = |r: &QuestionnaireResult| {
        r.candidates
            .iter()
            .filter(|c| c.availability == Availability::Eligible)
            .count()
    };
    assert_eq!(eligible(&domestic), 19);
    assert_eq!(eligible(&cross_border), 13);
}

#[test]
fn a_tmall_merchant_is_excluded_only_where_the_document_says_so() {
    let result = ask(Applicant::TmallMerchant, Building::Anything);
    assert_eq!(
        verdict(&result, "warehouse_management_system"),
        Availability::NotEligible
    );
    let wms = result
        .candidates
        .iter()
        .find(|c| c.id == "warehouse_management_system")
        .unwrap();
    // The remark is cited with the document's words.
    assert!(wms.reasons.iter().any(
        |r| r.kind == ReasonKind::Note(NoteKind::NotForTmallMerchants)
            && r.text.zh.contains("天猫商家不支持接入")
    ));
    assert_eq!(
        result
            .candidates
            .iter()
            .filter(|c| c.availability == Availability::NotEligible)
            .count(),
        1
    );
    assert_eq!(
        result.recommended, None,
        "nothing is marked for Tmall merchants"
    );
    assert!(
        result.links.iter().any(|l| l.url.contains("docId=101564")),
        "the Tmall self-developer onboarding link is offered"
    );
}

#[test]
fn keywords_filter_and_the_best_eligible_match_is_recommended() {
    let result = ask(
        Applicant::DomesticTaobaoEnterprise,
        Building::Keywords("仓储".into()),
    );
    assert_eq!(
        result.recommended.as_deref(),
        Some("warehouse_management_system")
    );
    let wms = &result.candidates[0];
    // The notes are cited: not for Tmall merchants, B/S architecture.
    assert!(wms
        .reasons
        .iter()
        .any(|r| r.kind == ReasonKind::Note(NoteKind::BsArchitectureRequired)));
    assert!(wms.reasons.iter().any(|r| r.kind == ReasonKind::Matched));
    assert!(
        result.summary.en.contains("Warehouse management system"),
        "{}",
        result.summary.en
    );

    // English keywords, any case. The user named an ERP: the ERP type comes first and is the
    // recommendation, although the document does not mark who may apply (the answer says so); the
    // WMS, whose description only mentions ERP, follows.
    let erp = ask(
        Applicant::DomesticTaobaoEnterprise,
        Building::Keywords("erp".into()),
    );
    let ids: Vec<&str> = erp.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["merchant_erp", "warehouse_management_system"]);
    assert!(erp.candidates[0].named && !erp.candidates[1].named);
    assert_eq!(erp.candidates[0].availability, Availability::NotStated);
    assert_eq!(erp.recommended.as_deref(), Some("merchant_erp"));
    assert!(
        erp.summary.en.contains("does not say"),
        "{}",
        erp.summary.en
    );
    assert!(
        erp.next_step.zh.contains("软件服务商或旺店通销售"),
        "{}",
        erp.next_step.zh
    );
}

#[test]
fn a_tmall_merchant_building_an_erp_gets_consistent_reasons_and_a_next_step() {
    let result = ask(Applicant::TmallMerchant, Building::Keywords("ERP".into()));
    assert_eq!(result.recommended.as_deref(), Some("merchant_erp"));
    let wms = result
        .candidates
        .iter()
        .find(|c| c.id == "warehouse_management_system")
        .unwrap();
    assert_eq!(wms.availability, Availability::NotEligible);
    // The remark decides, so the "markers do not cover Tmall merchants" reason is not also given.
    assert!(!wms
        .reasons
        .iter()
        .any(|r| r.kind == ReasonKind::NotInLegend));
    assert!(wms
        .reasons
        .iter()
        .any(|r| r.kind == ReasonKind::Note(NoteKind::NotForTmallMerchants)));
    // A concrete next step, pointing at the Tmall merchants' onboarding link, which comes first.
    assert!(
        result.next_step.en.starts_with("Next:"),
        "{}",
        result.next_step.en
    );
    assert!(
        result.next_step.zh.contains("天猫自研商家"),
        "{}",
        result.next_step.zh
    );
    assert!(result.links[0].url.contains("docId=101564"));
}

#[test]
fn every_answer_has_a_next_step() {
    for applicant in [
        Applicant::DomesticTaobaoEnterprise,
        Applicant::CrossBorderTmall,
        Applicant::Individual,
        Applicant::TmallMerchant,
    ] {
        for building in [
            Building::Anything,
            Building::Keywords("仓储".into()),
            Building::Keywords("区块链".into()),
            Building::Category("fliggy".into()),
        ] {
            let result = ask(applicant, building.clone());
            assert!(
                result.next_step.zh.starts_with("下一步")
                    && result.next_step.en.starts_with("Next"),
                "{applicant:?} {building:?}: {}",
                result.next_step.en
            );
        }
    }
}

#[test]
fn eligible_candidates_come_first() {
    let result = ask(
        Applicant::CrossBorderTmall,
        Building::Category("fliggy".into()),
    );
    assert_eq!(result.candidates.len(), 9);
    let order: Vec<Availability> = result.candidates.iter().map(|c| c.availability).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // Among the four eligible Fliggy types, 汽车票 has no restricting remark and is preferred.
    assert_eq!(result.recommended.as_deref(), Some("fliggy_coach_tickets"));
}

#[test]
fn bad_questions_are_refused_with_a_way_forward() {
    let c = catalog::app_types().unwrap();
    let unknown = Questionnaire {
        applicant: Applicant::Individual,
        building: Building::Category("nope".into()),
    };
    assert_eq!(
        recommend(c, &unknown).unwrap_err(),
        QuestionnaireError::UnknownCategory("nope".into())
    );
    let empty = Questionnaire {
        applicant: Applicant::Individual,
        building: Building::Keywords("  ".into()),
    };
    assert_eq!(
        recommend(c, &empty).unwrap_err(),
        QuestionnaireError::EmptyKeywords
    );
    let none = ask(Applicant::Individual, Building::Keywords("区块链".into()));
    assert!(none.candidates.is_empty());
    assert!(none.summary.en.starts_with("No app type matches"));
}

#[test]
fn search_finds_names_and_descriptions_in_both_languages() {
    let ids = |q: &str| -> Vec<String> {
        catalog::search_app_types(q)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    assert_eq!(ids("客服机器人"), ["customer_service_bot"]);
    assert_eq!(ids("Customer SERVICE bot"), ["customer_service_bot"]);
    // "YunOS" appears only in a description.
    assert_eq!(ids("yunos"), ["mobile_tv_games"]);
    // All words must match: 飞猪 + 酒店 narrows to the hotel type.
    assert_eq!(ids("飞猪 酒店"), ["fliggy_hotels"]);
    assert_eq!(ids("AliExpress").len(), 6);
    assert!(ids("").is_empty());
    let hits = catalog::search_app_types("wms").unwrap();
    assert_eq!(hits[0].id, "warehouse_management_system");
}
