//! The Taobaoke checker at and around every threshold of document 002, with missing figures, the
//! medium each rule speaks about, the prerequisite chain and the revocation rules.

use qimen_workbench::catalog::taobaoke::{PackageId, RevocationKind};
use qimen_workbench::catalog::{self};
use qimen_workbench::onboarding::guide::taobaoke::{
    check_all, CheckOutcome, Medium, PackageCheck, RiskStatus, RuleOutcome, TaobaokeFigures,
    Verdict,
};

/// Figures that meet every rule of every package, for a medium that is both a website and an app.
fn passing() -> TaobaokeFigures {
    TaobaokeFigures {
        medium: Some(Medium::Both),
        filed_and_approved: Some(true),
        taodianjin_deployed: Some(true),
        site_deduction_score: Some(0.0),
        monthly_avg_daily_clicks: Some(60_000.0),
        monthly_avg_daily_alipay_amount: Some(120_000.0),
        app_downloads: Some(2_000_000.0),
        app_dau: Some(400_000.0),
        is_rebate_site: Some(false),
        is_entry_site: Some(false),
        is_daigou_site: Some(false),
        is_platform_media: Some(true),
        platform_media_dau: Some(600_000.0),
        held_packages: vec![PackageId::Basic],
        days_without_calls: Some(0),
        days_without_transactions: Some(0),
    }
}

fn check(figures: &TaobaokeFigures, package: PackageId) -> PackageCheck {
    let rules = catalog::taobaoke().unwrap();
    check_all(rules, figures)
        .unwrap()
        .into_iter()
        .find(|c| c.package == package)
        .unwrap()
}

fn rule_outcome(c: &PackageCheck, rule_id: &str) -> RuleOutcome {
    c.rules
        .iter()
        .find(|r| r.rule_id == rule_id)
        .unwrap()
        .outcome
        .clone()
}

#[test]
fn passing_figures_make_every_package_eligible() {
    for id in [PackageId::Basic, PackageId::Link, PackageId::ThreeParty] {
        assert_eq!(check(&passing(), id).verdict, Verdict::Eligible, "{id:?}");
    }
}

#[test]
fn deduction_score_must_be_strictly_below_18() {
    // "site扣分<18分": 17 and 17.5 pass, 18 (at the limit) and 19 fail.
    for (score, passes) in [(17.0, true), (17.5, true), (18.0, false), (19.0, false)] {
        let figures = TaobaokeFigures {
            site_deduction_score: Some(score),
            ..passing()
        };
        let c = check(&figures, PackageId::Basic);
        assert_eq!(c.verdict == Verdict::Eligible, passes, "score {score}");
        assert_eq!(
            rule_outcome(&c, "deduction") == RuleOutcome::Passed,
            passes,
            "score {score}"
        );
    }
    let figures = TaobaokeFigures {
        site_deduction_score: Some(18.0),
        ..passing()
    };
    let c = check(&figures, PackageId::Basic);
    let failed = &c
        .rules
        .iter()
        .find(|r| r.rule_id == "deduction")
        .unwrap()
        .checks[0];
    // At 18 the score is exactly on the strict limit: the explanation names the bound to get under,
    // never a "0 short" that would read as met.
    assert_eq!(failed.shortfall, Some(0.0));
    assert!(
        failed.explanation.en.contains("must be below 18")
            && failed.explanation.en.contains("exactly 18 does not count"),
        "{}",
        failed.explanation.en
    );
    assert!(
        failed.explanation.zh.contains("须低于 18") && !failed.explanation.zh.contains("差 0"),
        "{}",
        failed.explanation.zh
    );
    // Above the limit the distance is given, and still the bound to get under.
    let figures = TaobaokeFigures {
        site_deduction_score: Some(21.0),
        ..passing()
    };
    let c = check(&figures, PackageId::Basic);
    let over = &c
        .rules
        .iter()
        .find(|r| r.rule_id == "deduction")
        .unwrap()
        .checks[0];
    assert!(
        over.explanation.zh.contains("高出 3，须降到 18 以下"),
        "{}",
        over.explanation.zh
    );
}

#[test]
fn the_three_party_package_asks_whether_the_medium_is_a_platform_medium() {
    // Enough daily users, but not a platform-type medium: the rule fails on that question alone.
    let figures = TaobaokeFigures {
        is_platform_media: Some(false),
        ..passing()
    };
    let c = check(&figures, PackageId::ThreeParty);
    assert_eq!(c.verdict, Verdict::NotEligible);
    let rule = c
        .rules
        .iter()
        .find(|r| r.rule_id == "platform_dau")
        .unwrap();
    let failed: Vec<_> = rule
        .checks
        .iter()
        .filter(|k| k.outcome == CheckOutcome::Failed)
        .map(|k| k.field.key())
        .collect();
    assert_eq!(failed, ["is_platform_media"]);
    // Not answered: the checker asks for it by name.
    let unknown = TaobaokeFigures {
        is_platform_media: None,
        ..passing()
    };
    let c = check(&unknown, PackageId::ThreeParty);
    assert_eq!(c.verdict, Verdict::NotEnoughInformation);
    assert!(c.missing.iter().any(|m| m.key == "is_platform_media"));
    // The link package does not care.
    assert_eq!(check(&figures, PackageId::Link).verdict, Verdict::Eligible);
}

#[test]
fn invitation_only_packages_never_read_as_plainly_eligible() {
    for id in [PackageId::Link, PackageId::ThreeParty] {
        let c = check(&passing(), id);
        assert!(c.invitation_only.is_some(), "{id:?}");
        assert!(
            c.summary.zh.contains("邀请制") && c.summary.en.contains("invitation only"),
            "{id:?}: {}",
            c.summary.en
        );
        let before_basic = TaobaokeFigures {
            held_packages: vec![],
            ..passing()
        };
        let c = check(&before_basic, id);
        assert_eq!(c.verdict, Verdict::EligibleAfterPrerequisites);
        assert!(c.summary.en.contains("invitation only"), "{}", c.summary.en);
    }
    // The basic package is open to all who qualify: no invitation wording.
    let basic = check(&passing(), PackageId::Basic);
    assert!(!basic.summary.zh.contains("邀请制"), "{}", basic.summary.zh);
}

/// Sets one numeric figure and returns the link or three-party verdict and the named rule's outcome.
fn numeric_boundary(
    set: fn(&mut TaobaokeFigures, f64),
    package: PackageId,
    rule: &str,
    threshold: f64,
) {
    for (value, passes) in [
        (threshold - 1.0, false),
        (threshold, true),
        (threshold + 1.0, true),
    ] {
        let mut figures = passing();
        // The app-reach rule passes on either downloads or DAU; fail the other one so this one decides.
        if rule == "app_reach" {
            figures.app_downloads = Some(0.0);
            figures.app_dau = Some(0.0);
        }
        set(&mut figures, value);
        let c = check(&figures, package);
        let outcome = rule_outcome(&c, rule);
        assert_eq!(
            outcome == RuleOutcome::Passed,
            passes,
            "{rule} at {value}: {outcome:?}"
        );
        assert_eq!(c.verdict == Verdict::Eligible, passes, "{rule} at {value}");
    }
}

#[test]
fn link_traffic_thresholds_are_at_least_50000_clicks_and_100000_alipay() {
    numeric_boundary(
        |f, v| f.monthly_avg_daily_clicks = Some(v),
        PackageId::Link,
        "traffic",
        50_000.0,
    );
    numeric_boundary(
        |f, v| f.monthly_avg_daily_alipay_amount = Some(v),
        PackageId::Link,
        "traffic",
        100_000.0,
    );
}

#[test]
fn link_app_reach_is_1_million_downloads_or_300000_dau() {
    numeric_boundary(
        |f, v| f.app_downloads = Some(v),
        PackageId::Link,
        "app_reach",
        1_000_000.0,
    );
    numeric_boundary(
        |f, v| f.app_dau = Some(v),
        PackageId::Link,
        "app_reach",
        300_000.0,
    );
}

#[test]
fn three_party_needs_platform_dau_of_at_least_500000() {
    numeric_boundary(
        |f, v| f.platform_media_dau = Some(v),
        PackageId::ThreeParty,
        "platform_dau",
        500_000.0,
    );
}

#[test]
fn a_failed_threshold_reports_the_shortfall_in_numbers() {
    let figures = TaobaokeFigures {
        monthly_avg_daily_clicks: Some(45_000.0),
        ..passing()
    };
    let c = check(&figures, PackageId::Link);
    let traffic = c.rules.iter().find(|r| r.rule_id == "traffic").unwrap();
    let clicks = traffic
        .checks
        .iter()
        .find(|c| c.outcome == CheckOutcome::Failed)
        .unwrap();
    assert_eq!(clicks.shortfall, Some(5_000.0));
    assert!(
        clicks.explanation.en.contains("5000 short"),
        "{}",
        clicks.explanation.en
    );
    assert!(
        clicks.explanation.zh.contains("还差 5000"),
        "{}",
        clicks.explanation.zh
    );
    assert_eq!(c.verdict, Verdict::NotEligible);
}

#[test]
fn yes_no_rules_fail_on_the_wrong_answer() {
    for set in [
        (|f: &mut TaobaokeFigures| f.filed_and_approved = Some(false)) as fn(&mut TaobaokeFigures),
        |f| f.taodianjin_deployed = Some(false),
    ] {
        let mut figures = passing();
        set(&mut figures);
        assert_eq!(
            check(&figures, PackageId::Basic).verdict,
            Verdict::NotEligible
        );
        // The basic rules bind the link package too.
        assert_eq!(
            check(&figures, PackageId::Link).verdict,
            Verdict::NotEligible
        );
    }
    for set in [
        (|f: &mut TaobaokeFigures| f.is_rebate_site = Some(true)) as fn(&mut TaobaokeFigures),
        |f| f.is_entry_site = Some(true),
        |f| f.is_daigou_site = Some(true),
    ] {
        let mut figures = passing();
        set(&mut figures);
        let c = check(&figures, PackageId::Link);
        assert_eq!(rule_outcome(&c, "site_kind"), RuleOutcome::Failed);
    }
}

#[test]
fn rules_about_a_medium_apply_only_to_that_medium() {
    // A website-only medium is not judged by the app-reach rule, even with no app figures at all.
    let website = TaobaokeFigures {
        medium: Some(Medium::Website),
        app_downloads: None,
        app_dau: None,
        ..passing()
    };
    let c = check(&website, PackageId::Link);
    assert_eq!(rule_outcome(&c, "app_reach"), RuleOutcome::NotApplicable);
    assert_eq!(c.verdict, Verdict::Eligible);
    // An app is not judged by the website-kind rule, even if flagged as a rebate site.
    let app = TaobaokeFigures {
        medium: Some(Medium::App),
        is_rebate_site: Some(true),
        ..passing()
    };
    assert_eq!(
        rule_outcome(&check(&app, PackageId::Link), "site_kind"),
        RuleOutcome::NotApplicable
    );
}

#[test]
fn missing_figures_give_not_enough_information_naming_the_field() {
    let figures = TaobaokeFigures {
        platform_media_dau: None,
        ..passing()
    };
    let c = check(&figures, PackageId::ThreeParty);
    assert_eq!(c.verdict, Verdict::NotEnoughInformation);
    let keys: Vec<&str> = c.missing.iter().map(|m| m.key).collect();
    assert_eq!(keys, ["platform_media_dau"]);
    assert!(c.summary.zh.contains("平台类媒体的DAU"), "{}", c.summary.zh);

    let no_medium = TaobaokeFigures {
        medium: None,
        ..passing()
    };
    let c = check(&no_medium, PackageId::Link);
    assert_eq!(c.verdict, Verdict::NotEnoughInformation);
    assert!(c.missing.iter().any(|m| m.key == "medium"));
    // The basic package names no medium, so it can still be judged.
    assert_eq!(
        check(&no_medium, PackageId::Basic).verdict,
        Verdict::Eligible
    );

    let empty = TaobaokeFigures::default();
    let c = check(&empty, PackageId::Basic);
    let keys: Vec<&str> = c.missing.iter().map(|m| m.key).collect();
    assert_eq!(
        keys,
        [
            "filed_and_approved",
            "taodianjin_deployed",
            "site_deduction_score"
        ]
    );
}

#[test]
fn a_failed_rule_wins_over_missing_figures() {
    let figures = TaobaokeFigures {
        site_deduction_score: Some(30.0),
        filed_and_approved: None,
        ..passing()
    };
    let c = check(&figures, PackageId::Basic);
    assert_eq!(c.verdict, Verdict::NotEligible);
    assert_eq!(c.missing.len(), 1, "the missing field is still named");
}

#[test]
fn link_and_three_party_need_the_basic_package_first() {
    let figures = TaobaokeFigures {
        held_packages: vec![],
        ..passing()
    };
    for id in [PackageId::Link, PackageId::ThreeParty] {
        let c = check(&figures, id);
        assert_eq!(c.verdict, Verdict::EligibleAfterPrerequisites, "{id:?}");
        assert_eq!(c.prerequisites.len(), 1);
        assert!(!c.prerequisites[0].held);
        assert!(
            c.summary
                .en
                .contains("must first obtain the Taobaoke basic API"),
            "{}",
            c.summary.en
        );
        assert!(c.invitation_only.is_some(), "invitation-only is said");
        // The basic rules come first in the list, then the package's own.
        assert_eq!(c.rules[0].package, PackageId::Basic);
    }
    let basic = check(&figures, PackageId::Basic);
    assert!(basic.prerequisites.is_empty());
    assert_eq!(basic.verdict, Verdict::Eligible);
}

#[test]
fn how_to_apply_gives_the_form_and_the_wait() {
    use qimen_workbench::catalog::{Wait, WaitUnit};
    let c = check(&passing(), PackageId::Link);
    assert!(c
        .how_to_apply
        .links
        .iter()
        .any(|l| l.url == "http://tb.cn/FscRhVx"));
    assert_eq!(
        c.how_to_apply.wait,
        Wait::Range {
            min: 10,
            max: 15,
            unit: WaitUnit::WorkingDays,
            typical: false
        }
    );
    assert_eq!(
        check(&passing(), PackageId::Basic).how_to_apply.wait,
        Wait::Instant
    );
}

fn risk(c: &PackageCheck, kind: RevocationKind) -> RiskStatus {
    c.revocation.iter().find(|r| r.kind == kind).unwrap().status
}

#[test]
fn thirty_days_without_calls_or_transactions_trigger_revocation() {
    // "连续30天…无调用量或无成交量": 29 days leaves 1, 30 days triggers it, and either count is enough.
    for (calls, sales, expected) in [
        (29, 0, RiskStatus::Clear { days_left: Some(1) }),
        (30, 0, RiskStatus::Triggered),
        (0, 31, RiskStatus::Triggered),
    ] {
        let figures = TaobaokeFigures {
            days_without_calls: Some(calls),
            days_without_transactions: Some(sales),
            ..passing()
        };
        assert_eq!(
            risk(
                &check(&figures, PackageId::Basic),
                RevocationKind::Inactivity
            ),
            expected,
            "{calls}/{sales}"
        );
    }
    let unknown = TaobaokeFigures {
        days_without_transactions: None,
        ..passing()
    };
    assert_eq!(
        risk(
            &check(&unknown, PackageId::Basic),
            RevocationKind::Inactivity
        ),
        RiskStatus::Unknown
    );
    // Not held: the rules are shown for information only.
    let link = check(&passing(), PackageId::Link);
    assert_eq!(
        risk(&link, RevocationKind::Inactivity),
        RiskStatus::Informational
    );
}

#[test]
fn a_held_package_whose_rules_fail_is_at_risk() {
    let figures = TaobaokeFigures {
        site_deduction_score: Some(20.0),
        ..passing()
    };
    let basic = check(&figures, PackageId::Basic);
    assert_eq!(
        risk(&basic, RevocationKind::RulesNotMet),
        RiskStatus::Triggered
    );
    assert_eq!(
        risk(&basic, RevocationKind::Violation),
        RiskStatus::Informational
    );
}

#[test]
fn impossible_figures_are_refused() {
    let rules = catalog::taobaoke().unwrap();
    let figures = TaobaokeFigures {
        monthly_avg_daily_clicks: Some(-5.0),
        ..passing()
    };
    let err = check_all(rules, &figures).unwrap_err();
    assert!(
        err.to_string().contains("monthly_avg_daily_clicks"),
        "{err}"
    );
}

#[test]
fn figures_deserialise_from_the_ui_shape_and_reject_unknown_fields() {
    let figures: TaobaokeFigures = serde_json::from_value(
        serde_json::json!({"medium": "app", "app_dau": 300000, "held_packages": ["basic"]}),
    )
    .unwrap();
    assert_eq!(figures.app_dau, Some(300_000.0));
    assert!(serde_json::from_value::<TaobaokeFigures>(serde_json::json!({"dau": 1})).is_err());
}
