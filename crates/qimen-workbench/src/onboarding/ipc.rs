//! The IPC shapes of the onboarding guide: the tracker page, the home page's next steps, the materials
//! checklist, the app-details form, and the console preset a scenario or the joint test prepares.
//! Exported to TypeScript like every workbench type. Only two form fields carry a secret in
//! ([`AppDetailsForm::app_secret`], [`AppDetailsForm::client_password`]); none travels back.

use crate::calls::CallInput;
use crate::catalog::taobaoke::PackageId;
use crate::catalog::wdt::{
    Caller, CaseId, Constants, JointTestChannelInfo, MaterialSection, MaterialsCase, RoleInfo,
    Scenario, SectionId,
};
use crate::catalog::{Link, Wait};
use crate::onboarding::evidence::StepEvidence;
use crate::onboarding::guide::tracker::{NextStep, StepState, WaitStatus};
use crate::profiles::ProfileView;
use crate::store::{AppDetails, AppDetailsInput, AttachedFile};
use chrono::{DateTime, NaiveDate, Utc};
use qimen_core::sensitive::SecretString;
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the app does for the user at a step, with what it needs to do it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum StepActionView {
    None,
    /// Open the materials checklist of this profile.
    MaterialsChecklist,
    /// Open the app-details form of this profile.
    AppDetails,
    /// Open the session (authorisation) page of this profile.
    SessionPage,
    /// Choose the scenario; `current` is the profile's scenario id, if any.
    ChooseScenario {
        current: Option<String>,
    },
    /// Open the test console, prepared for the profile's scenario when it has one.
    TestConsole {
        preset: Option<ConsolePreset>,
    },
    /// Open the test console prepared for the joint test with 旺店通.
    JointTestPreset {
        preset: ConsolePreset,
    },
}

/// One step of the tracker page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StepView {
    pub id: String,
    /// 1-based position.
    pub number: usize,
    /// Where document 003 describes it ("三.2").
    pub section: String,
    /// The document's own words for the step, shown behind a small source link.
    pub source: Option<crate::catalog::SourceRef>,
    pub title: Text,
    pub todo: Vec<Text>,
    /// Set when the document says the step may be skipped (only then may it be marked skipped).
    pub skippable: Option<Text>,
    pub links: Vec<Link>,
    pub action: StepActionView,
    /// The document's expected wait, only where it states one (only then may the step wait for review).
    pub expected_wait: Option<Wait>,
    pub wait_text: Option<Text>,
    pub state: StepState,
    /// When the state was last set; `None` for a step not started.
    pub changed_at: Option<DateTime<Utc>>,
    /// While waiting for review: how long it has been, against the document's wait.
    pub waiting: Option<WaitStatus>,
    pub is_next: bool,
    /// The app follows this step from what happens in it (scenario, session, self-test, joint test);
    /// the others are only ever set by hand.
    pub auto_tracked: bool,
    /// The state was set by hand: it wins over what the app saw until reset to automatic.
    pub set_by_hand: bool,
    /// What the app saw that makes the step done (shown even while a state set by hand wins).
    pub evidence: Option<StepEvidence>,
}

/// `onboarding_get` / `onboarding_set_step`: one profile's tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OnboardingView {
    #[ts(type = "number")]
    pub profile_id: i64,
    pub profile_name: String,
    /// Today in Beijing time, the day the wait clocks count to.
    pub today: NaiveDate,
    pub steps: Vec<StepView>,
    /// The first step neither done nor skipped; `None` when all are.
    pub next: Option<NextStep>,
    /// Steps done or skipped.
    pub finished: usize,
    pub total: usize,
}

/// `onboarding_overview`: the home page's line for one profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProfileNextStep {
    #[ts(type = "number")]
    pub profile_id: i64,
    pub profile_name: String,
    pub is_demo: bool,
    pub finished: usize,
    pub total: usize,
    pub next: Option<NextStep>,
}

/// `onboarding_set_step`: the state to set. A review wait without a date starts today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum StepStateInput {
    NotStarted,
    InProgress,
    WaitingForReview {
        #[serde(default)]
        since: Option<NaiveDate>,
    },
    Done,
    Skipped,
    /// Forget the state set by hand: the step follows what the app saw again.
    Automatic,
}

/// One item of the materials checklist with its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MaterialItemView {
    pub id: String,
    pub section: SectionId,
    pub text: Text,
    /// The item includes a password: kept in the keyring, never in the checklist or its export.
    pub holds_secret: bool,
    pub done: bool,
    pub files: Vec<AttachedFile>,
}

/// The client login account Qimen verifies (document 003 §三.3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClientLoginStatus {
    pub login_name: Option<String>,
    /// A password is in the keyring (never shown).
    pub password_stored: bool,
}

/// `materials_*`: the checklist of one profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MaterialsView {
    #[ts(type = "number")]
    pub profile_id: i64,
    /// `None` until the user says who sells the software (case 1 or case 2); items follow the case.
    pub case: Option<CaseId>,
    pub cases: Vec<MaterialsCase>,
    pub sections: Vec<MaterialSection>,
    pub items: Vec<MaterialItemView>,
    pub done: usize,
    pub total: usize,
    pub client_login: ClientLoginStatus,
}

/// `materials_export`: what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MaterialsExport {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// `app_details_save`: the app-creation form of document 003 §三.4. `app_key` and `callback_url` are
/// saved on the profile; `app_secret` and `client_password`: null keeps the stored one, a string
/// replaces it, an empty string removes it (both go to the keyring only).
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct AppDetailsForm {
    #[serde(flatten)]
    pub details: AppDetailsInput,
    pub app_key: String,
    #[serde(default)]
    pub callback_url: Option<String>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub app_secret: Option<SecretString>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub client_password: Option<SecretString>,
}

/// `app_details_get` / `app_details_save`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppDetailsView {
    pub profile: ProfileView,
    /// `None` until saved once.
    pub details: Option<AppDetails>,
    pub client_password_stored: bool,
}

/// One API of a scenario, as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PresetApi {
    pub method: String,
    pub title: Text,
    /// Who sends the call: you, or 旺店通 calling your system.
    pub caller: Caller,
    /// The local gateway answers it.
    pub served_locally: bool,
    /// The console's catalogue documents it (a form can be shown).
    pub documented: bool,
}

/// What the console is prepared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PresetPurpose {
    Scenario,
    JointTest,
}

/// A console set-up the UI applies: the call to show, and the scenario's APIs to pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConsolePreset {
    pub purpose: PresetPurpose,
    pub scenario_id: Option<String>,
    /// The call the console opens with (example parameters that work on the local gateway); `None`
    /// when the document names no API for the scenario.
    pub call: Option<CallInput>,
    pub apis: Vec<PresetApi>,
    /// Why these values, in both languages.
    pub note: Text,
}

/// `scenario_choose`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScenarioChoice {
    pub profile: ProfileView,
    pub console_preset: ConsolePreset,
}

/// `scenarios_list`: the scenarios of document 003 with the roles, the joint-test channels and the
/// constants (旺店通's AppKey 21363512, the joint-test API and domain, the company name for Qimen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScenariosView {
    pub scenarios: Vec<Scenario>,
    pub roles: Vec<RoleInfo>,
    pub channels: Vec<JointTestChannelInfo>,
    pub constants: Constants,
}

/// The Taobaoke packages the local gateway serves APIs of (for the checker's "try it" links).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TaobaokeLocalApis {
    pub package: PackageId,
    pub methods: Vec<String>,
    /// Where the API names come from: document 002 names packages, not APIs.
    pub origin: Text,
}
