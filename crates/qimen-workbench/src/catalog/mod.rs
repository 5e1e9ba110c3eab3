//! The facts of the three source documents, as data the app can show, filter and reason about.
//!
//! The documents that tell a merchant what to apply for and what to do next are long, scattered and in
//! Chinese. Their content lives in one data file per document under `crates/qimen-core/data/` (embedded at
//! build time, so the app never depends on a file beside it), is parsed with serde and checked once, at
//! first use, by validation rules that name the file and the entry at fault. Every text carries zh-CN
//! (the document's wording) and en (our translation).
//!
//! | file | document | Rust side |
//! | --- | --- | --- |
//! | `app_types.toml` | 000, Taobao Open Platform application types | [`app_types`](mod@app_types) |
//! | `taobaoke.toml` | 002, Taobaoke API permission packages | [`taobaoke`](mod@taobaoke) |
//! | `wdt_onboarding.toml` | 003, connecting to 旺店通 ERP through Qimen | [`wdt`](mod@wdt) |
//!
//! The reasoning over these facts (questionnaire, eligibility, step tracking, checklists) lives in
//! the `onboarding` module, as pure functions.

pub mod app_types;
pub mod search;
pub mod taobaoke;
mod validate;
pub mod wdt;

pub use app_types::{AppTypeCatalog, Applicant};
pub use search::AppTypeHit;
pub use taobaoke::TaobaokeRules;
pub use wdt::{MaterialsCatalog, OnboardingStep, Scenario, WdtGuide};

use qimen_core::text::Text;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The name of the data file of document 000.
pub const APP_TYPES_FILE: &str = "app_types.toml";
/// The name of the data file of document 002.
pub const TAOBAOKE_FILE: &str = "taobaoke.toml";
/// The name of the data file of document 003.
pub const WDT_FILE: &str = "wdt_onboarding.toml";

const APP_TYPES_TOML: &str = include_str!("../../data/app_types.toml");
const TAOBAOKE_TOML: &str = include_str!("../../data/taobaoke.toml");
const WDT_TOML: &str = include_str!("../../data/wdt_onboarding.toml");

/// A link the document gives, with what it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: Text,
    pub url: String,
}

/// Where a catalogue item comes from in its source document: the part as the document numbers it
/// ("六.1"; none where the document has no number there) and the passage itself, word for word, so the
/// app can show the original beside its own plain wording. The document is the data file's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    #[serde(default)]
    pub section: Option<String>,
    pub quote: String,
}

/// The unit of a stated waiting time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum WaitUnit {
    /// Calendar days ("天").
    Days,
    /// Working days ("工作日").
    WorkingDays,
}

/// How long the document says something takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Wait {
    /// The result comes at once ("即时获知").
    Instant,
    /// Between `min` and `max` units; `typical` when the document hedges ("一般").
    Range {
        min: u32,
        max: u32,
        unit: WaitUnit,
        #[serde(default)]
        typical: bool,
    },
}

/// A data file that does not hold what the catalogue needs. Names the file and the entry; the data is
/// embedded, so this only happens when a data file was edited wrongly, and a test catches it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error(
        "catalogue data file `{file}` cannot be read: {message} (fix the TOML at the line given)"
    )]
    Parse { file: &'static str, message: String },
    #[error("catalogue data file `{file}`, entry `{entry}`: {problem}")]
    Invalid {
        file: &'static str,
        entry: String,
        problem: String,
    },
}

/// Everything the three documents say, loaded and validated.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    pub app_types: AppTypeCatalog,
    pub taobaoke: TaobaokeRules,
    pub wdt: WdtGuide,
}

impl Catalog {
    /// Parses and validates the three embedded data files.
    pub fn from_embedded() -> Result<Self, CatalogError> {
        Ok(Catalog {
            app_types: AppTypeCatalog::parse(APP_TYPES_FILE, APP_TYPES_TOML)?,
            taobaoke: TaobaokeRules::parse(TAOBAOKE_FILE, TAOBAOKE_TOML)?,
            wdt: WdtGuide::parse(WDT_FILE, WDT_TOML)?,
        })
    }
}

/// The catalogue, parsed and validated at first use and shared afterwards.
pub fn catalog() -> Result<&'static Catalog, CatalogError> {
    static LOADED: OnceLock<Result<Catalog, CatalogError>> = OnceLock::new();
    LOADED
        .get_or_init(Catalog::from_embedded)
        .as_ref()
        .map_err(Clone::clone)
}

/// Document 000: the four kinds of app, their categories and app types.
pub fn app_types() -> Result<&'static AppTypeCatalog, CatalogError> {
    catalog().map(|c| &c.app_types)
}

/// Document 002: the Taobaoke permission packages, their rules, revocation and FAQ.
pub fn taobaoke() -> Result<&'static TaobaokeRules, CatalogError> {
    catalog().map(|c| &c.taobaoke)
}

/// Document 003 as a whole (constants for the joint test, roles, channels …).
pub fn wdt_guide() -> Result<&'static WdtGuide, CatalogError> {
    catalog().map(|c| &c.wdt)
}

/// Document 003: the 旺店通 scenarios with their roles, APIs and joint-test channel.
pub fn scenarios() -> Result<&'static [Scenario], CatalogError> {
    catalog().map(|c| c.wdt.scenarios.as_slice())
}

/// Document 003: the cases, sections and items of the materials.
pub fn materials() -> Result<&'static MaterialsCatalog, CatalogError> {
    catalog().map(|c| &c.wdt.materials)
}

/// Document 003: the onboarding steps from qualification to go-live, in order.
pub fn onboarding_steps() -> Result<&'static [OnboardingStep], CatalogError> {
    catalog().map(|c| c.wdt.steps.as_slice())
}

/// Searches app-type names and descriptions in both languages (see [`AppTypeCatalog::search`]).
pub fn search_app_types(query: &str) -> Result<Vec<AppTypeHit>, CatalogError> {
    app_types().map(|c| c.search(query))
}

/// Parses one data file, naming it in the error.
fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
) -> Result<T, CatalogError> {
    toml::from_str(text).map_err(|e| CatalogError::Parse {
        file,
        message: e.to_string().trim().to_string(),
    })
}
