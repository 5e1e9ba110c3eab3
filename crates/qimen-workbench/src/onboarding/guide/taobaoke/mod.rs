//! "Can I get the Taobaoke API, and which package?": document 002's rules applied to the applicant's
//! figures, package by package.
//!
//! For each package the answer says eligible or not, shows every rule passed or failed with the shortfall
//! in numbers, the prerequisite chain (the link and three-party packages need the basic one first, and the
//! basic rules bind them too), how to apply and how long the answer takes, and what could get a held
//! permission revoked. A figure left empty makes the verdict "not enough information" naming the field.

pub mod application;
mod figures;
mod rules;

pub use application::{clock, ApplicationClock, ApplicationError};
pub use figures::{FigureValue, FiguresError, Medium, MissingField, TaobaokeFigures};
pub use rules::{
    evaluate_check, evaluate_rule, CheckOutcome, CheckResult, RuleOutcome, RuleResult,
};

use crate::catalog::taobaoke::{Package, PackageId, RevocationKind, TaobaokeRules};
use crate::catalog::{Link, Wait};
use qimen_core::text::Text;
use serde::Serialize;

/// The answer for one package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every rule holds and every prerequisite package is held.
    Eligible,
    /// Every rule holds; a prerequisite package must be applied for first.
    EligibleAfterPrerequisites,
    /// At least one rule fails.
    NotEligible,
    /// No rule fails, but some figure is missing.
    NotEnoughInformation,
}

/// A package that must be held first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PrerequisiteStatus {
    pub package: PackageId,
    pub name: Text,
    pub held: bool,
}

/// How to apply and how long it takes, from the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HowToApply {
    pub prerequisite: Text,
    pub links: Vec<Link>,
    pub result: Text,
    pub wait: Wait,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RiskStatus {
    /// Not held, or a rule that depends on conduct: shown for information.
    Informational,
    /// Held and the current figures trigger it.
    Triggered,
    /// Held and not triggered; for inactivity, the days left before the limit.
    Clear { days_left: Option<u32> },
    /// Held but the figure needed to judge it is missing.
    Unknown,
}

/// One revocation rule, as it stands for this applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RevocationRisk {
    pub kind: RevocationKind,
    pub text: Text,
    pub status: RiskStatus,
    pub explanation: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageCheck {
    pub package: PackageId,
    pub name: Text,
    pub verdict: Verdict,
    /// The fields to fill in before the verdict can be given (also listed when another rule already fails).
    pub missing: Vec<MissingField>,
    /// The prerequisite packages' rules first, then the package's own.
    pub rules: Vec<RuleResult>,
    pub prerequisites: Vec<PrerequisiteStatus>,
    pub invitation_only: Option<Text>,
    pub how_to_apply: HowToApply,
    pub revocation: Vec<RevocationRisk>,
    pub summary: Text,
}

/// Checks every package against the figures, in the document's order.
pub fn check_all(
    rules: &TaobaokeRules,
    figures: &TaobaokeFigures,
) -> Result<Vec<PackageCheck>, FiguresError> {
    figures.validate()?;
    Ok(rules
        .packages
        .iter()
        .map(|p| check_package(rules, figures, p))
        .collect())
}

/// Checks one package (the figures are assumed valid; [`check_all`] validates them).
pub fn check_package(
    rules: &TaobaokeRules,
    figures: &TaobaokeFigures,
    package: &Package,
) -> PackageCheck {
    let prerequisite_packages: Vec<&Package> = package
        .requires
        .iter()
        .filter_map(|id| rules.package(*id))
        .collect();
    let rule_results: Vec<RuleResult> = prerequisite_packages
        .iter()
        .chain(std::iter::once(&package))
        .flat_map(|p| p.rules.iter().map(move |r| (p.id, r)))
        .map(|(id, r)| evaluate_rule(rules, figures, id, r))
        .collect();
    let mut missing: Vec<MissingField> = Vec::new();
    for r in &rule_results {
        if let RuleOutcome::NotEnoughInformation { missing: m } = &r.outcome {
            for field in m {
                if !missing.iter().any(|f| f.key == field.key) {
                    missing.push(field.clone());
                }
            }
        }
    }
    let prerequisites: Vec<PrerequisiteStatus> = prerequisite_packages
        .iter()
        .map(|p| PrerequisiteStatus {
            package: p.id,
            name: p.name.clone(),
            held: figures.holds(p.id),
        })
        .collect();
    let verdict = if rule_results
        .iter()
        .any(|r| r.outcome == RuleOutcome::Failed)
    {
        Verdict::NotEligible
    } else if !missing.is_empty() {
        Verdict::NotEnoughInformation
    } else if prerequisites.iter().any(|p| !p.held) {
        Verdict::EligibleAfterPrerequisites
    } else {
        Verdict::Eligible
    };
    let revocation = revocation_risks(rules, figures, package.id, verdict);
    let summary = summarise(package, verdict, &missing, &rule_results, &prerequisites);
    PackageCheck {
        package: package.id,
        name: package.name.clone(),
        verdict,
        missing,
        rules: rule_results,
        prerequisites,
        invitation_only: package
            .invitation_note
            .clone()
            .filter(|_| package.invitation_only),
        how_to_apply: HowToApply {
            prerequisite: package.apply_prerequisite.clone(),
            links: package.apply_links.clone(),
            result: package.result.clone(),
            wait: package.wait,
        },
        revocation,
        summary,
    }
}

fn summarise(
    package: &Package,
    verdict: Verdict,
    missing: &[MissingField],
    rules: &[RuleResult],
    prerequisites: &[PrerequisiteStatus],
) -> Text {
    let name = &package.name;
    match verdict {
        Verdict::Eligible if package.invitation_only => Text::new(
            format!("符合“{}”公开的全部开放条件。但此权限包为邀请制、暂未全面开放：满足条件也不保证开通，以阿里妈妈的审核结果为准。", name.zh),
            format!("You meet every published condition of the {}. It is opened by invitation only, though, and not yet to everyone: meeting the conditions does not guarantee access; Alimama's review decides.", name.en),
        ),
        Verdict::Eligible => Text::new(
            format!("符合“{}”的全部开放条件。", name.zh),
            format!("You meet every condition of the {}.", name.en),
        ),
        Verdict::EligibleAfterPrerequisites => {
            let first = prerequisites.iter().filter(|p| !p.held);
            let zh: Vec<&str> = first.clone().map(|p| p.name.zh.as_ref()).collect();
            let en: Vec<&str> = first.map(|p| p.name.en.as_ref()).collect();
            let (invite_zh, invite_en) = if package.invitation_only {
                (
                    "此权限包为邀请制：满足条件也不保证开通。",
                    " It is opened by invitation only: meeting the conditions does not guarantee access.",
                )
            } else {
                ("", "")
            };
            Text::new(
                format!(
                    "符合“{}”公开的条件，但须先申请获得{}。{invite_zh}",
                    name.zh,
                    zh.join("、")
                ),
                format!(
                    "You meet the published conditions of the {}, but must first obtain the {}.{invite_en}",
                    name.en,
                    en.join(", ")
                ),
            )
        }
        Verdict::NotEligible => {
            let failed = rules
                .iter()
                .filter(|r| r.outcome == RuleOutcome::Failed)
                .count();
            Text::new(
                format!("不符合“{}”：{failed} 条规则未满足。", name.zh),
                format!(
                    "Not eligible for the {}: {failed} rule(s) not met.",
                    name.en
                ),
            )
        }
        Verdict::NotEnoughInformation => {
            let zh: Vec<&str> = missing.iter().map(|m| m.label.zh.as_ref()).collect();
            let en: Vec<&str> = missing.iter().map(|m| m.label.en.as_ref()).collect();
            Text::new(
                format!("信息不足，无法判断“{}”：请填写{}。", name.zh, zh.join("、")),
                format!(
                    "Not enough information for the {}: fill in {}.",
                    name.en,
                    en.join("; ")
                ),
            )
        }
    }
}

/// The document's revocation rules, as they stand for this package and these figures.
fn revocation_risks(
    rules: &TaobaokeRules,
    figures: &TaobaokeFigures,
    package: PackageId,
    verdict: Verdict,
) -> Vec<RevocationRisk> {
    let held = figures.holds(package);
    rules
        .revocation
        .rules
        .iter()
        .map(|r| {
            let (status, explanation) = match r.kind {
                _ if !held => (
                    RiskStatus::Informational,
                    Text::new("尚未持有此权限，供参考。", "You do not hold this permission yet; for information."),
                ),
                RevocationKind::RulesNotMet => match verdict {
                    Verdict::NotEligible => (
                        RiskStatus::Triggered,
                        Text::new("当前数据不符合开放规则，权限可能被立即终止。", "Your current figures do not meet the opening rules: the permission can be ended at once."),
                    ),
                    Verdict::NotEnoughInformation => (
                        RiskStatus::Unknown,
                        Text::new("信息不足，无法判断是否仍符合开放规则。", "Not enough information to tell whether you still meet the opening rules."),
                    ),
                    _ => (
                        RiskStatus::Clear { days_left: None },
                        Text::new("当前数据符合开放规则。", "Your current figures meet the opening rules."),
                    ),
                },
                RevocationKind::Inactivity => inactivity(r.days.unwrap_or(0), figures),
                RevocationKind::Violation => (
                    RiskStatus::Informational,
                    Text::new("取决于推广行为，无法从数据判断。", "Depends on how you promote; figures cannot tell."),
                ),
            };
            RevocationRisk { kind: r.kind, text: r.text.clone(), status, explanation }
        })
        .collect()
}

/// "连续30天…无调用量或无成交量": either count reaching the limit triggers it (30 days without = revoked).
fn inactivity(limit: u32, figures: &TaobaokeFigures) -> (RiskStatus, Text) {
    match (
        figures.days_without_calls,
        figures.days_without_transactions,
    ) {
        (Some(calls), Some(sales)) => {
            let worst = calls.max(sales);
            if worst >= limit {
                (
                    RiskStatus::Triggered,
                    Text::new(
                        format!("已连续 {worst} 天无调用量或无成交量，达到 {limit} 天的清退条件。"),
                        format!("{worst} consecutive days without calls or transactions: the {limit}-day revocation limit is reached."),
                    ),
                )
            } else {
                let left = limit - worst;
                (
                    RiskStatus::Clear { days_left: Some(left) },
                    Text::new(
                        format!("连续无调用量或无成交量最长 {worst} 天；再过 {left} 天将达到 {limit} 天清退条件。"),
                        format!("Longest run without calls or transactions: {worst} days; {left} more days reach the {limit}-day limit."),
                    ),
                )
            }
        }
        _ => (
            RiskStatus::Unknown,
            Text::new(
                "请填写连续无调用天数和连续无成交天数。",
                "Fill in the consecutive days without calls and without transactions.",
            ),
        ),
    }
}
