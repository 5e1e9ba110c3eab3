//! Document 002: the Taobaoke (淘宝客) API permission packages and the rules for holding them.
//!
//! Three packages (basic, link, three-party). Each has rules made of checks on the applicant's figures,
//! with the document's thresholds and comparisons kept in the data file (`< 18` strictly below, `≥ 50 000`
//! at least). The link and three-party packages require the basic one first. Revocation rules and the FAQ
//! are kept as the document states them. The `onboarding` module evaluates the rules.

use super::validate::Checker;
use super::{parse_toml, CatalogError, Link, SourceRef, Wait};
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};

/// A figure the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    FiledAndApproved,
    TaodianjinDeployed,
    SiteDeductionScore,
    MonthlyAvgDailyClicks,
    MonthlyAvgDailyAlipayAmount,
    AppDownloads,
    AppDau,
    IsRebateSite,
    IsEntrySite,
    IsDaigouSite,
    /// Whether the medium is a platform-type medium (平台类媒体), which the three-party package asks for.
    IsPlatformMedia,
    PlatformMediaDau,
}

impl Figure {
    pub const ALL: [Figure; 12] = [
        Figure::FiledAndApproved,
        Figure::TaodianjinDeployed,
        Figure::SiteDeductionScore,
        Figure::MonthlyAvgDailyClicks,
        Figure::MonthlyAvgDailyAlipayAmount,
        Figure::AppDownloads,
        Figure::AppDau,
        Figure::IsRebateSite,
        Figure::IsEntrySite,
        Figure::IsDaigouSite,
        Figure::IsPlatformMedia,
        Figure::PlatformMediaDau,
    ];

    /// Whether the figure is a yes/no answer (otherwise a number).
    pub fn is_yes_no(self) -> bool {
        matches!(
            self,
            Figure::FiledAndApproved
                | Figure::TaodianjinDeployed
                | Figure::IsRebateSite
                | Figure::IsEntrySite
                | Figure::IsDaigouSite
                | Figure::IsPlatformMedia
        )
    }

    /// The name used in data files and error messages.
    pub fn key(self) -> &'static str {
        match self {
            Figure::FiledAndApproved => "filed_and_approved",
            Figure::TaodianjinDeployed => "taodianjin_deployed",
            Figure::SiteDeductionScore => "site_deduction_score",
            Figure::MonthlyAvgDailyClicks => "monthly_avg_daily_clicks",
            Figure::MonthlyAvgDailyAlipayAmount => "monthly_avg_daily_alipay_amount",
            Figure::AppDownloads => "app_downloads",
            Figure::AppDau => "app_dau",
            Figure::IsRebateSite => "is_rebate_site",
            Figure::IsEntrySite => "is_entry_site",
            Figure::IsDaigouSite => "is_daigou_site",
            Figure::IsPlatformMedia => "is_platform_media",
            Figure::PlatformMediaDau => "platform_media_dau",
        }
    }
}

/// A comparison, as the document words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Strictly below ("<").
    Lt,
    /// At most ("小于等于").
    Le,
    /// Strictly above ("大于").
    Gt,
    /// At least ("大于等于").
    Ge,
    IsTrue,
    IsFalse,
}

impl Op {
    pub fn is_yes_no(self) -> bool {
        matches!(self, Op::IsTrue | Op::IsFalse)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
            Op::IsTrue => "= yes",
            Op::IsFalse => "= no",
        }
    }
}

/// One comparison of one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub field: Figure,
    pub op: Op,
    /// The threshold, for number comparisons.
    #[serde(default)]
    pub value: Option<u64>,
}

/// Which medium a rule speaks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum AppliesTo {
    Any,
    Website,
    App,
}

/// One numbered rule of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub text: Text,
    pub applies_to: AppliesTo,
    /// How the checker reads a rule whose scope the document implies.
    #[serde(default)]
    pub interpretation: Option<Text>,
    /// Holds when every check holds.
    #[serde(default)]
    pub all: Vec<Check>,
    /// Holds when at least one check holds.
    #[serde(default)]
    pub any: Vec<Check>,
    #[serde(default)]
    pub links: Vec<Link>,
}

impl Rule {
    /// The checks, and whether all (true) or any (false) of them must hold.
    pub fn checks(&self) -> (&[Check], bool) {
        if self.any.is_empty() {
            (&self.all, true)
        } else {
            (&self.any, false)
        }
    }
}

pub use qimen_core::platform::PackageId;

/// One permission package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub id: PackageId,
    pub name: Text,
    pub description: Text,
    /// Opened by invitation only ("邀请制，暂未全面开放").
    pub invitation_only: bool,
    #[serde(default)]
    pub invitation_note: Option<Text>,
    /// Packages that must be held first; their rules must hold too.
    pub requires: Vec<PackageId>,
    pub apply_prerequisite: Text,
    /// How and when the result arrives.
    pub result: Text,
    pub wait: Wait,
    pub apply_links: Vec<Link>,
    pub rules: Vec<Rule>,
    /// The document's passage with the package's opening rules.
    #[serde(default)]
    pub source: Option<SourceRef>,
}

/// A figure's words and unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct FigureInfo {
    pub field: Figure,
    pub label: Text,
    #[serde(default)]
    pub unit: Option<Text>,
}

/// Why Alimama ends a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum RevocationKind {
    RulesNotMet,
    Inactivity,
    Violation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct RevocationRule {
    pub kind: RevocationKind,
    /// For inactivity: the number of consecutive days.
    #[serde(default)]
    pub days: Option<u32>,
    pub text: Text,
    #[serde(default)]
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    pub consequence: Text,
    /// What revocation means for the promoter, in plain words.
    pub meaning: Text,
    pub rules: Vec<RevocationRule>,
    #[serde(default)]
    pub source: Option<SourceRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub question: Text,
    pub answer: Text,
    #[serde(default)]
    pub package: Option<PackageId>,
}

/// The whole of document 002.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct TaobaokeRules {
    pub source: String,
    pub title: Text,
    pub document_date: String,
    pub effective_from: String,
    pub scope: Text,
    pub help_link: Link,
    pub figures: Vec<FigureInfo>,
    pub packages: Vec<Package>,
    pub revocation: Revocation,
    pub faq: Vec<Faq>,
}

impl TaobaokeRules {
    /// Parses and validates the data file of document 002.
    pub fn parse(file: &'static str, text: &str) -> Result<Self, CatalogError> {
        let rules: TaobaokeRules = parse_toml(file, text)?;
        rules.validate(&Checker::new(file))?;
        Ok(rules)
    }

    pub fn package(&self, id: PackageId) -> Option<&Package> {
        self.packages.iter().find(|p| p.id == id)
    }

    pub fn figure(&self, field: Figure) -> Option<&FigureInfo> {
        self.figures.iter().find(|f| f.field == field)
    }

    /// The inactivity limit in days (30 in the document).
    pub fn inactivity_days(&self) -> Option<u32> {
        self.revocation
            .rules
            .iter()
            .find(|r| r.kind == RevocationKind::Inactivity)
            .and_then(|r| r.days)
    }

    fn validate(&self, check: &Checker) -> Result<(), CatalogError> {
        check.text("title", "title", &self.title)?;
        check.text("scope", "scope", &self.scope)?;
        check.link("help_link", &self.help_link)?;
        for field in Figure::ALL {
            let count = self.figures.iter().filter(|f| f.field == field).count();
            if count != 1 {
                return Err(check.fail(
                    field.key(),
                    format!("figure is described {count} times: describe it exactly once"),
                ));
            }
        }
        for f in &self.figures {
            check.text(f.field.key(), "label", &f.label)?;
            check.opt_text(f.field.key(), "unit", f.unit.as_ref())?;
        }
        for id in [PackageId::Basic, PackageId::Link, PackageId::ThreeParty] {
            if self.packages.iter().filter(|p| p.id == id).count() != 1 {
                return Err(check.fail(&format!("{id:?}"), "each package must appear exactly once"));
            }
        }
        self.packages
            .iter()
            .try_for_each(|p| self.validate_package(check, p))?;
        check.text("revocation", "consequence", &self.revocation.consequence)?;
        check.text("revocation", "meaning", &self.revocation.meaning)?;
        check.source("revocation", self.revocation.source.as_ref())?;
        for r in &self.revocation.rules {
            let entry = format!("revocation {:?}", r.kind);
            check.text(&entry, "text", &r.text)?;
            check.links(&entry, &r.links)?;
            if (r.kind == RevocationKind::Inactivity) != r.days.is_some_and(|d| d > 0) {
                return Err(
                    check.fail(&entry, "`days` is required for inactivity (and only there)")
                );
            }
        }
        for (i, faq) in self.faq.iter().enumerate() {
            let entry = format!("faq #{}", i + 1);
            check.text(&entry, "question", &faq.question)?;
            check.text(&entry, "answer", &faq.answer)?;
        }
        Ok(())
    }

    fn validate_package(&self, check: &Checker, p: &Package) -> Result<(), CatalogError> {
        let entry = format!("package {:?}", p.id);
        check.text(&entry, "name", &p.name)?;
        check.text(&entry, "description", &p.description)?;
        check.text(&entry, "apply_prerequisite", &p.apply_prerequisite)?;
        check.text(&entry, "result", &p.result)?;
        check.opt_text(&entry, "invitation_note", p.invitation_note.as_ref())?;
        if p.invitation_only && p.invitation_note.is_none() {
            return Err(check.fail(
                &entry,
                "an invitation-only package needs its `invitation_note`",
            ));
        }
        check.wait(&entry, &p.wait)?;
        check.links(&entry, &p.apply_links)?;
        check.source(&entry, p.source.as_ref())?;
        for req in &p.requires {
            let required = self
                .package(*req)
                .ok_or_else(|| check.fail(&entry, format!("requires unknown package {req:?}")))?;
            // One level of prerequisites is what the document describes; deeper chains or cycles are errors.
            if *req == p.id || !required.requires.is_empty() {
                return Err(check.fail(
                    &entry,
                    format!(
                        "prerequisite {req:?} must be a package without prerequisites of its own"
                    ),
                ));
            }
        }
        check.unique("rule", p.rules.iter().map(|r| r.id.as_str()))?;
        for rule in &p.rules {
            let entry = format!("package {:?} rule {}", p.id, rule.id);
            check.id(&entry, &rule.id)?;
            check.text(&entry, "text", &rule.text)?;
            check.opt_text(&entry, "interpretation", rule.interpretation.as_ref())?;
            check.links(&entry, &rule.links)?;
            if rule.all.is_empty() == rule.any.is_empty() {
                return Err(check.fail(
                    &entry,
                    "write the checks under exactly one of `all` or `any`",
                ));
            }
            for c in rule.all.iter().chain(&rule.any) {
                if c.field.is_yes_no() != c.op.is_yes_no() {
                    return Err(check.fail(
                        &entry,
                        format!("`{}` cannot be compared with `{:?}`", c.field.key(), c.op),
                    ));
                }
                if c.op.is_yes_no() == c.value.is_some() {
                    return Err(check.fail(&entry, format!("`{}`: a number comparison needs `value`, a yes/no one must not have it", c.field.key())));
                }
            }
        }
        Ok(())
    }
}
