//! Document 000: the application types of the Taobao Open Platform, and who may apply for each.
//!
//! Four kinds (商家应用, 电商后台, 无线开放, 其他) hold categories, groups and the app types themselves. The
//! document marks who may apply with 🔴 (domestic Taobao enterprise), 🔵 (cross-border Tmall) and ⚫
//! (individual); an app type printed without a marker has no stated eligibility, and [`AppType::applicants`]
//! stays empty for it. Remarks such as "天猫商家不支持接入" become typed [`Note`]s.

use super::validate::Checker;
use super::{parse_toml, CatalogError, Link};
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};

/// Who is applying. The first three are the document's legend; a Tmall merchant is not in the legend, and
/// only remarks that name Tmall merchants speak about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Applicant {
    DomesticTaobaoEnterprise,
    CrossBorderTmall,
    Individual,
    TmallMerchant,
}

/// What a remark of the document means for an applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// "天猫商家不支持接入".
    NotForTmallMerchants,
    /// "只能创建1个".
    OnlyOneAllowed,
    /// The app or service must be published to the service market.
    PublishToServiceMarket,
    /// "应用必须B/S架构".
    BsArchitectureRequired,
    /// "按服务次数收费".
    ChargedPerService,
    /// Only a named kind of applicant ("仅限…", "仅供…", "开放给…").
    RestrictedAudience,
    /// The type currently supports only a narrow use ("目前只支持…").
    LimitedScope,
}

/// One remark, typed, with the document's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub kind: NoteKind,
    pub text: Text,
}

/// One marker of the legend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct LegendEntry {
    pub marker: String,
    pub applicant: Applicant,
    pub label: Text,
    /// False when the document's legend does not print this marker itself.
    pub in_document_legend: bool,
    #[serde(default)]
    pub remark: Option<Text>,
}

/// One application type a developer can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct AppType {
    pub id: String,
    pub name: Text,
    /// Absent where the document gives none (the 外贸服务市场 entries).
    #[serde(default)]
    pub description: Option<Text>,
    /// The markers exactly as printed.
    pub markers: Vec<String>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// The document's bullet is only a description; the name is its group's.
    #[serde(default)]
    pub unnamed_in_document: bool,
    /// Who the markers say may apply; empty means "not stated". Filled from the legend when loading.
    #[serde(default, skip_deserializing)]
    pub applicants: Vec<Applicant>,
}

impl AppType {
    pub fn has_note(&self, kind: NoteKind) -> bool {
        self.notes.iter().any(|n| n.kind == kind)
    }
}

/// A second-level heading ("全部", "互动营销" …) holding app types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: Text,
    #[serde(default)]
    pub entries: Vec<AppType>,
    /// What the document says where a group lists nothing ("无。").
    #[serde(default)]
    pub empty_note: Option<Text>,
}

/// A first-level category (一级类目).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: Text,
    pub groups: Vec<Group>,
}

/// One of the four kinds of app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct AppKind {
    pub id: String,
    pub name: Text,
    pub description: Text,
    #[serde(default)]
    pub overview: Option<Text>,
    pub categories: Vec<Category>,
}

/// The whole of document 000.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct AppTypeCatalog {
    pub source: String,
    pub title: Text,
    pub legend: Vec<LegendEntry>,
    /// Which onboarding to do before applying for an app.
    pub links: Vec<Link>,
    pub kinds: Vec<AppKind>,
}

/// An app type with the headings it sits under.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct AppTypeRef<'a> {
    pub kind: &'a AppKind,
    pub category: &'a Category,
    pub group: &'a Group,
    pub entry: &'a AppType,
}

impl AppTypeCatalog {
    /// Parses and validates the data file of document 000.
    pub fn parse(file: &'static str, text: &str) -> Result<Self, CatalogError> {
        let mut catalog: AppTypeCatalog = parse_toml(file, text)?;
        catalog.validate(&Checker::new(file))?;
        catalog.fill_applicants();
        Ok(catalog)
    }

    /// Every app type in document order.
    pub fn entries(&self) -> impl Iterator<Item = AppTypeRef<'_>> {
        self.kinds.iter().flat_map(|kind| {
            kind.categories.iter().flat_map(move |category| {
                category.groups.iter().flat_map(move |group| {
                    group.entries.iter().map(move |entry| AppTypeRef {
                        kind,
                        category,
                        group,
                        entry,
                    })
                })
            })
        })
    }

    pub fn find(&self, id: &str) -> Option<AppTypeRef<'_>> {
        self.entries().find(|r| r.entry.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.kinds
            .iter()
            .flat_map(|k| &k.categories)
            .find(|c| c.id == id)
    }

    /// The legend entry of an applicant, if the legend has one.
    pub fn legend_for(&self, applicant: Applicant) -> Option<&LegendEntry> {
        self.legend.iter().find(|l| l.applicant == applicant)
    }

    fn fill_applicants(&mut self) {
        let legend = self.legend.clone();
        for kind in &mut self.kinds {
            for group in kind.categories.iter_mut().flat_map(|c| &mut c.groups) {
                for entry in &mut group.entries {
                    entry.applicants = entry
                        .markers
                        .iter()
                        .filter_map(|m| legend.iter().find(|l| &l.marker == m).map(|l| l.applicant))
                        .collect();
                }
            }
        }
    }

    fn validate(&self, check: &Checker) -> Result<(), CatalogError> {
        check.text("title", "title", &self.title)?;
        for l in &self.legend {
            check.text(&l.marker, "label", &l.label)?;
            check.opt_text(&l.marker, "remark", l.remark.as_ref())?;
            if l.applicant == Applicant::TmallMerchant {
                return Err(check.fail(
                    &l.marker,
                    "the document's legend has no marker for Tmall merchants",
                ));
            }
        }
        check.unique(
            "legend marker",
            self.legend.iter().map(|l| l.marker.as_str()),
        )?;
        check.links("links", &self.links)?;
        check.unique("kind", self.kinds.iter().map(|k| k.id.as_str()))?;
        check.unique(
            "category",
            self.kinds
                .iter()
                .flat_map(|k| &k.categories)
                .map(|c| c.id.as_str()),
        )?;
        check.unique("app type", self.entries().map(|r| r.entry.id.as_str()))?;
        for kind in &self.kinds {
            check.id(&kind.id, &kind.id)?;
            check.text(&kind.id, "name", &kind.name)?;
            check.text(&kind.id, "description", &kind.description)?;
            check.opt_text(&kind.id, "overview", kind.overview.as_ref())?;
            for category in &kind.categories {
                self.validate_category(check, category)?;
            }
        }
        Ok(())
    }

    fn validate_category(&self, check: &Checker, category: &Category) -> Result<(), CatalogError> {
        check.id(&category.id, &category.id)?;
        check.text(&category.id, "name", &category.name)?;
        for group in &category.groups {
            let where_ = format!("{} / {}", category.id, group.name.zh);
            check.text(&where_, "name", &group.name)?;
            check.opt_text(&where_, "empty_note", group.empty_note.as_ref())?;
            if group.entries.is_empty() && group.empty_note.is_none() {
                return Err(check.fail(
                    &where_,
                    "group lists no app type: add its entries or an `empty_note`",
                ));
            }
            for entry in &group.entries {
                self.validate_entry(check, entry)?;
            }
        }
        Ok(())
    }

    fn validate_entry(&self, check: &Checker, entry: &AppType) -> Result<(), CatalogError> {
        let id = entry.id.as_str();
        check.id(id, id)?;
        check.text(id, "name", &entry.name)?;
        check.opt_text(id, "description", entry.description.as_ref())?;
        for marker in &entry.markers {
            if !self.legend.iter().any(|l| &l.marker == marker) {
                return Err(check.fail(
                    id,
                    format!(
                        "marker `{marker}` is not in the legend: use one of the legend's markers"
                    ),
                ));
            }
        }
        for (i, marker) in entry.markers.iter().enumerate() {
            if entry.markers[..i].contains(marker) {
                return Err(check.fail(
                    id,
                    format!("marker `{marker}` is listed twice: list it once"),
                ));
            }
        }
        entry
            .notes
            .iter()
            .try_for_each(|n| check.text(id, "notes.text", &n.text))
    }
}
