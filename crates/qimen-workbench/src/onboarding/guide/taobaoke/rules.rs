//! One rule of document 002 against the applicant's figures: each comparison passed, failed (with the
//! shortfall in numbers) or missing, and the rule's outcome from them.

use super::figures::{
    format_number, medium_label, FigureValue, Medium, MissingField, TaobaokeFigures,
};
use crate::catalog::taobaoke::{AppliesTo, Check, Figure, Op, PackageId, Rule, TaobaokeRules};
use crate::catalog::Link;
use qimen_core::text::Text;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    Passed,
    Failed,
    Missing,
}

/// One comparison, evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CheckResult {
    pub field: Figure,
    pub label: Text,
    pub op: Op,
    pub threshold: Option<u64>,
    pub actual: Option<FigureValue>,
    pub outcome: CheckOutcome,
    /// For a failed number comparison: how far the figure is from passing (see `explanation`).
    pub shortfall: Option<f64>,
    pub explanation: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RuleOutcome {
    Passed,
    Failed,
    NotEnoughInformation {
        missing: Vec<MissingField>,
    },
    /// The rule names a medium the applicant does not use.
    NotApplicable,
}

/// One rule, evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RuleResult {
    /// The package whose rule this is (the basic package's rules also bind the others).
    pub package: PackageId,
    pub rule_id: String,
    pub text: Text,
    pub applies_to: AppliesTo,
    pub interpretation: Option<Text>,
    /// True when every check must hold, false when one is enough.
    pub all_required: bool,
    pub outcome: RuleOutcome,
    pub checks: Vec<CheckResult>,
    pub links: Vec<Link>,
}

fn yes_no(value: bool) -> (&'static str, &'static str) {
    if value {
        ("是", "yes")
    } else {
        ("否", "no")
    }
}

/// Evaluates one comparison.
pub fn evaluate_check(
    rules: &TaobaokeRules,
    figures: &TaobaokeFigures,
    check: &Check,
) -> CheckResult {
    let label = rules
        .figure(check.field)
        .map(|f| f.label.clone())
        .unwrap_or_else(|| Text::new(check.field.key(), check.field.key()));
    let actual = figures.value(check.field);
    let threshold = check.value;
    let (outcome, shortfall, explanation) = match (actual, check.op, threshold) {
        (None, _, _) => (
            CheckOutcome::Missing,
            None,
            Text::new(
                format!("未填写“{}”。", label.zh),
                format!("\"{}\" is not filled in.", label.en),
            ),
        ),
        (Some(FigureValue::YesNo(v)), Op::IsTrue | Op::IsFalse, _) => {
            let wanted = check.op == Op::IsTrue;
            let (got_zh, got_en) = yes_no(v);
            let (want_zh, want_en) = yes_no(wanted);
            let outcome = if v == wanted {
                CheckOutcome::Passed
            } else {
                CheckOutcome::Failed
            };
            (
                outcome,
                None,
                Text::new(
                    format!("“{}”：{got_zh}，要求{want_zh}。", label.zh),
                    format!("\"{}\": {got_en}, required {want_en}.", label.en),
                ),
            )
        }
        (Some(FigureValue::Number(v)), op, Some(t)) => compare_number(&label, v, op, t as f64),
        // Validation of the data file rules out the remaining shapes; report them as missing rather than guess.
        (Some(_), _, _) => (
            CheckOutcome::Missing,
            None,
            Text::new(
                format!("“{}”的值类型不符。", label.zh),
                format!("\"{}\" has the wrong kind of value.", label.en),
            ),
        ),
    };
    CheckResult {
        field: check.field,
        label,
        op: check.op,
        threshold,
        actual,
        outcome,
        shortfall,
        explanation,
    }
}

fn compare_number(label: &Text, v: f64, op: Op, t: f64) -> (CheckOutcome, Option<f64>, Text) {
    let passed = match op {
        Op::Lt => v < t,
        Op::Le => v <= t,
        Op::Gt => v > t,
        Op::Ge => v >= t,
        Op::IsTrue | Op::IsFalse => false,
    };
    let (vs, ts) = (format_number(v), format_number(t));
    let sym = op.symbol();
    if passed {
        let text = Text::new(
            format!("“{}”为 {vs}，满足 {sym} {ts}。", label.zh),
            format!("\"{}\" is {vs}, which meets {sym} {ts}.", label.en),
        );
        return (CheckOutcome::Passed, None, text);
    }
    let gap = (v - t).abs();
    let gs = format_number(gap);
    // A strict bound is not met by reaching it: at the boundary the gap is 0, and "0 short" would
    // read as met, so strict comparisons name the bound to cross instead of a number to add.
    let (zh, en) = match op {
        Op::Ge => (format!("还差 {gs}"), format!("{gs} short")),
        Op::Gt if gap == 0.0 => (
            format!("须高于 {ts}，等于 {ts} 不算达到"),
            format!("it must be above {ts}; exactly {ts} does not count"),
        ),
        Op::Gt => (
            format!("还差 {gs}，且须高于 {ts}"),
            format!("{gs} short, and it must end above {ts}"),
        ),
        Op::Lt if gap == 0.0 => (
            format!("须低于 {ts}，等于 {ts} 不算达到"),
            format!("it must be below {ts}; exactly {ts} does not count"),
        ),
        Op::Lt => (
            format!("高出 {gs}，须降到 {ts} 以下"),
            format!("{gs} too high; it must drop below {ts}"),
        ),
        _ => (
            format!("需降低至少 {gs}"),
            format!("must drop by at least {gs}"),
        ),
    };
    let text = Text::new(
        format!("“{}”为 {vs}，要求 {sym} {ts}：{zh}。", label.zh),
        format!("\"{}\" is {vs}, required {sym} {ts}: {en}.", label.en),
    );
    (CheckOutcome::Failed, Some(gap), text)
}

/// Whether a rule speaks about the applicant's medium; `None` when the medium is not given.
fn applies(rule: &Rule, medium: Option<Medium>) -> Option<bool> {
    match (rule.applies_to, medium) {
        (AppliesTo::Any, _) => Some(true),
        (_, None) => None,
        (_, Some(Medium::Both)) => Some(true),
        (AppliesTo::Website, Some(m)) => Some(m == Medium::Website),
        (AppliesTo::App, Some(m)) => Some(m == Medium::App),
    }
}

/// Evaluates one rule of `package`.
pub fn evaluate_rule(
    rules: &TaobaokeRules,
    figures: &TaobaokeFigures,
    package: PackageId,
    rule: &Rule,
) -> RuleResult {
    let (checks, all_required) = rule.checks();
    let results: Vec<CheckResult> = checks
        .iter()
        .map(|c| evaluate_check(rules, figures, c))
        .collect();
    let missing_of = |results: &[CheckResult]| -> Vec<MissingField> {
        results
            .iter()
            .filter(|c| c.outcome == CheckOutcome::Missing)
            .map(|c| MissingField {
                key: c.field.key(),
                label: c.label.clone(),
            })
            .collect()
    };
    let has = |o: CheckOutcome| results.iter().any(|c| c.outcome == o);
    let outcome = match applies(rule, figures.medium) {
        None => RuleOutcome::NotEnoughInformation {
            missing: vec![MissingField {
                key: "medium",
                label: medium_label(),
            }],
        },
        Some(false) => RuleOutcome::NotApplicable,
        Some(true) if all_required && has(CheckOutcome::Failed) => RuleOutcome::Failed,
        Some(true) if !all_required && has(CheckOutcome::Passed) => RuleOutcome::Passed,
        Some(true) if has(CheckOutcome::Missing) => RuleOutcome::NotEnoughInformation {
            missing: missing_of(&results),
        },
        Some(true) if all_required => RuleOutcome::Passed,
        Some(true) => RuleOutcome::Failed,
    };
    RuleResult {
        package,
        rule_id: rule.id.clone(),
        text: rule.text.clone(),
        applies_to: rule.applies_to,
        interpretation: rule.interpretation.clone(),
        all_required,
        outcome,
        checks: results,
        links: rule.links.clone(),
    }
}
