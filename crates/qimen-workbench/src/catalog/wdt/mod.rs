//! Document 003: how a third-party system (finance ERP, WMS, CRM, POS) connects to the 旺店通 ERP through
//! Qimen: the materials to prepare (case 1, sold by the vendor's agent; case 2, sold by the vendor), the
//! onboarding steps from qualification to go-live, the scenarios with their roles and APIs, and the
//! constants of the joint test (target app 21363512, the joint-test API and domain, the company name).

mod check;

use super::validate::Checker;
use super::{parse_toml, CatalogError, Link, SourceRef, Wait};
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};

/// The fixed values the joint test and the application need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Constants {
    /// The company name used for connecting through Qimen.
    pub qimen_company_name: String,
    pub company_name_text: Text,
    /// 旺店通 ERP's AppKey, sent as `target_app_key`.
    pub wdt_target_app_key: String,
    pub target_app_key_text: Text,
    pub joint_test_api: String,
    pub joint_test_domain: String,
    /// The passage the joint-test values come from.
    #[serde(default)]
    pub source: Option<SourceRef>,
}

/// Who sells and maintains the third-party software (§三.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CaseId {
    /// Case 1: an agent of the vendor; the agent's company registers and needs the vendor's authorisation.
    Agent,
    /// Case 2: the vendor itself.
    Vendor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct MaterialsCase {
    pub id: CaseId,
    /// The document's number ("情况1", "情况2").
    pub number: u8,
    pub title: Text,
    pub text: Text,
    #[serde(default)]
    pub source: Option<SourceRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    Qualification,
    Mrd,
    Prd,
    Verification,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct MaterialSection {
    pub id: SectionId,
    pub name: Text,
    #[serde(default)]
    pub intro: Option<Text>,
    #[serde(default)]
    pub source: Option<SourceRef>,
}

/// One thing to prepare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct MaterialItem {
    pub id: String,
    pub section: SectionId,
    pub cases: Vec<CaseId>,
    pub text: Text,
    /// The item includes a password: it belongs in the keyring, never in a checklist or an export.
    #[serde(default)]
    pub holds_secret: bool,
}

/// Cases, sections and items of the materials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MaterialsCatalog {
    pub cases: Vec<MaterialsCase>,
    pub sections: Vec<MaterialSection>,
    pub items: Vec<MaterialItem>,
}

impl MaterialsCatalog {
    /// The items of one case, in document order.
    pub fn items_for(&self, case: CaseId) -> impl Iterator<Item = &MaterialItem> {
        self.items.iter().filter(move |i| i.cases.contains(&case))
    }

    pub fn case(&self, id: CaseId) -> Option<&MaterialsCase> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn section(&self, id: SectionId) -> Option<&MaterialSection> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// The role a system plays in a Qimen scenario (§四.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Wms,
    Erp,
    Crm,
    Pos,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct RoleInfo {
    pub id: Role,
    pub name: Text,
}

/// How joint testing is requested (§六.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum JointTestChannel {
    /// Contact 旺店通 sales.
    SalesContact,
    /// Apply by email; help in the group reached through "联系我们".
    EmailAndGroup,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct JointTestChannelInfo {
    pub id: JointTestChannel,
    /// What to do, in plain words (the document's own words are in `source`).
    pub text: Text,
    #[serde(default)]
    pub remark: Option<Text>,
    #[serde(default)]
    pub source: Option<SourceRef>,
}

/// Which side sends the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Caller {
    /// The third-party system calls 旺店通.
    You,
    /// 旺店通 ERP calls the third-party system.
    Wdt,
}

/// The API family, which decides router and body format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "ScenarioApiFamily")]
#[serde(rename_all = "snake_case")]
pub enum ApiFamily {
    /// Qimen standard (XML body), e.g. the WMS APIs.
    QimenStandard,
    /// Qimen custom (form params), the 旺店通 `hu3cgwt0tc.wdt.*` APIs.
    QimenCustom,
    /// A Qimen official scenario API provided by 旺店通.
    QimenOfficial,
}

/// Where an API name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ApiSource {
    /// Named in document 003.
    Document,
    /// From the project's protocol reference, placed where document 003 says it belongs.
    Reference,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct ScenarioApi {
    pub method: String,
    pub title: Text,
    pub caller: Caller,
    pub family: ApiFamily,
    pub source: ApiSource,
}

/// One scenario a third-party system can join, with 旺店通 as the online ERP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub name: Text,
    /// Other spellings the document uses for the same scenario (`zh` as printed, `en` translated).
    #[serde(default)]
    pub other_names: Vec<Text>,
    pub description: Text,
    /// The role the third-party system takes; absent where the document ties no role to the scenario.
    #[serde(default)]
    pub your_role: Option<Role>,
    /// Who calls whom.
    pub flow: Text,
    /// Where `flow` comes from when document 003 does not say it; absent when it does.
    #[serde(default)]
    pub flow_origin: Option<Text>,
    pub joint_test: JointTestChannel,
    #[serde(default)]
    pub apis_note: Option<Text>,
    #[serde(default)]
    pub apis_link: Option<Link>,
    #[serde(default)]
    pub sdk_note: Option<Text>,
    #[serde(default)]
    pub apis: Vec<ScenarioApi>,
    #[serde(default)]
    pub source: Option<SourceRef>,
}

/// What the app can do for the user at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum StepAction {
    None,
    OpenMaterialsChecklist,
    OpenAppDetails,
    OpenSessionPage,
    ChooseScenario,
    OpenTestConsole,
    JointTestPreset,
}

/// One step from qualification to go-live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct OnboardingStep {
    pub id: String,
    /// Where the document describes it ("三.2").
    pub section: String,
    pub title: Text,
    pub todo: Vec<Text>,
    /// When the document says the step may be skipped.
    #[serde(default)]
    pub skippable: Option<Text>,
    /// The expected wait, only where the document states one.
    #[serde(default)]
    pub wait: Option<Wait>,
    #[serde(default)]
    pub wait_text: Option<Text>,
    pub action: StepAction,
    #[serde(default)]
    pub links: Vec<Link>,
    /// The document's passage for this step (shown on request instead of the bare part number).
    #[serde(default)]
    pub source: Option<SourceRef>,
}

/// The data file's own layout.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGuide {
    source: String,
    title: Text,
    background: Text,
    background_link: Link,
    constants: Constants,
    cases: Vec<MaterialsCase>,
    material_sections: Vec<MaterialSection>,
    materials: Vec<MaterialItem>,
    roles: Vec<RoleInfo>,
    scenarios: Vec<Scenario>,
    joint_test_channels: Vec<JointTestChannelInfo>,
    steps: Vec<OnboardingStep>,
}

/// The whole of document 003.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WdtGuide {
    pub source: String,
    pub title: Text,
    pub background: Text,
    pub background_link: Link,
    pub constants: Constants,
    pub materials: MaterialsCatalog,
    pub roles: Vec<RoleInfo>,
    pub scenarios: Vec<Scenario>,
    pub joint_test_channels: Vec<JointTestChannelInfo>,
    pub steps: Vec<OnboardingStep>,
}

impl WdtGuide {
    /// Parses and validates the data file of document 003.
    pub fn parse(file: &'static str, text: &str) -> Result<Self, CatalogError> {
        let raw: RawGuide = parse_toml(file, text)?;
        let guide = WdtGuide {
            source: raw.source,
            title: raw.title,
            background: raw.background,
            background_link: raw.background_link,
            constants: raw.constants,
            materials: MaterialsCatalog {
                cases: raw.cases,
                sections: raw.material_sections,
                items: raw.materials,
            },
            roles: raw.roles,
            scenarios: raw.scenarios,
            joint_test_channels: raw.joint_test_channels,
            steps: raw.steps,
        };
        guide.validate(&Checker::new(file))?;
        Ok(guide)
    }

    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    pub fn step(&self, id: &str) -> Option<&OnboardingStep> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn channel(&self, id: JointTestChannel) -> Option<&JointTestChannelInfo> {
        self.joint_test_channels.iter().find(|c| c.id == id)
    }
}
