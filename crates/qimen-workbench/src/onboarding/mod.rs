//! The onboarding guide's commands: the app-type chooser and questionnaire (document 000), the
//! Taobaoke checker (002), and per profile the step tracker, the materials checklist, the app-creation
//! details and the scenario choice (003). The answers come from [`crate::catalog`] and the pure
//! functions of [`guide`]; this layer adds the profile's saved progress, today's date in
//! Beijing time, the keyring for the two secrets a form may carry, and the console presets.
//!
//! - `ipc`: the IPC shapes.
//! - `error`: failures with stable codes, in the UI language.
//! - `materials`, `app_details`, `scenario`: the commands by subject.
//! - `evidence`: what the app saw happen (scenario, session, self-test and joint-test calls), which
//!   advances the tracker's steps by itself; a state set by hand wins over it.

mod app_details;
mod error;
pub mod evidence;
pub mod guide;
mod ipc;
mod materials;
mod scenario;
mod taobaoke_applications;

pub use error::GuideError;
pub use evidence::{EvidenceKind, StepEvidence};
pub use ipc::{
    AppDetailsForm, AppDetailsView, ClientLoginStatus, ConsolePreset, MaterialItemView,
    MaterialsExport, MaterialsView, OnboardingView, PresetApi, PresetPurpose, ProfileNextStep,
    ScenarioChoice, ScenariosView, StepActionView, StepStateInput, StepView, TaobaokeLocalApis,
};
pub use taobaoke_applications::TaobaokeApplicationsView;

use crate::catalog::app_types::AppTypeCatalog;
use crate::catalog::taobaoke::{PackageId, TaobaokeRules};
use crate::catalog::wdt::{OnboardingStep, StepAction};
use crate::onboarding::guide::questionnaire::{recommend, Questionnaire, QuestionnaireResult};
use crate::onboarding::guide::taobaoke::{check_all, PackageCheck, TaobaokeFigures};
use crate::onboarding::guide::tracker::{
    self, next_step, wait_status, Progress, StepState, TrackerError,
};
use crate::store::{Profile, StepRecord};
use crate::{IpcError, Workbench};
use chrono::NaiveDate;
use qimen_core::text::Text;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// `catalog_taobaoke`: document 002's rules, and which of its APIs the local gateway answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TaobaokeCatalogView {
    pub rules: TaobaokeRules,
    /// Per package, the APIs the local gateway serves, to try them in the console.
    pub local_apis: Vec<TaobaokeLocalApis>,
    /// The local gateway's demo app that holds only the basic package (AppKey), and its secret:
    /// documented demo values, not a real credential.
    pub basic_only_demo_app_key: String,
    pub basic_only_demo_secret: String,
}

fn is_finished(state: StepState) -> bool {
    matches!(state, StepState::Done | StepState::Skipped)
}

fn progress_of(records: &[StepRecord]) -> Progress {
    Progress {
        states: records
            .iter()
            .map(|r| (r.step_id.clone(), r.state))
            .collect(),
    }
}

/// The states the tracker shows: a state set by hand wins; a step the app saw happen is done; any
/// other step has not started.
fn effective_progress(
    records: &[StepRecord],
    evidence: &HashMap<&'static str, StepEvidence>,
) -> Progress {
    let mut progress = progress_of(records);
    for step in evidence.keys() {
        progress
            .states
            .entry((*step).to_string())
            .or_insert(StepState::Done);
    }
    progress
}

impl Workbench {
    fn guide<T>(&self, result: Result<T, GuideError>) -> Result<T, IpcError> {
        result.map_err(|e| e.to_ipc(self.lang()))
    }

    /// Today in Beijing time: the platform's and the reviewers' calendar.
    fn today(&self) -> NaiveDate {
        self.clock
            .now()
            .with_timezone(&qimen_core::clock::gmt8())
            .date_naive()
    }

    /// `catalog_app_types`: document 000 whole (kinds, categories, app types, legend, notes, links).
    pub async fn catalog_app_types(&self) -> Result<AppTypeCatalog, IpcError> {
        let result = crate::catalog::app_types()
            .cloned()
            .map_err(GuideError::from);
        self.guide(result)
    }

    /// `onboarding_recommend`: the questionnaire's answer.
    pub async fn onboarding_recommend(
        &self,
        questionnaire: Questionnaire,
    ) -> Result<QuestionnaireResult, IpcError> {
        let result = crate::catalog::app_types()
            .map_err(GuideError::from)
            .and_then(|c| recommend(c, &questionnaire).map_err(GuideError::from));
        self.guide(result)
    }

    /// `catalog_taobaoke`
    pub async fn catalog_taobaoke(&self) -> Result<TaobaokeCatalogView, IpcError> {
        use qimen_server::gateway::apis::{
            TAOBAOKE_BASIC_APIS, TAOBAOKE_LINK_APIS, TAOBAOKE_THREE_PARTY_APIS,
        };
        use qimen_server::gateway::config::{DEMO_TBK_BASIC_APP_KEY, DEMO_TBK_BASIC_SECRET};
        let list = |package, methods: &[&str]| {
            TaobaokeLocalApis {
            package,
            methods: methods.iter().map(|m| m.to_string()).collect(),
            origin: Text::new(
                "文档 002 只写了权限包，没有写接口名：这些接口名及其所属权限包出自淘宝开放平台公开的淘宝客 API 列表（本项目的协议参考资料），只是示例，不是完整清单。",
                "Document 002 names the packages but no API: these API names and the package each belongs to come from the Taobao Open Platform's public Taobaoke API list (the project's protocol reference); they are examples, not the full list.",
            ),
        }
        };
        let result = crate::catalog::taobaoke()
            .map(|rules| TaobaokeCatalogView {
                rules: rules.clone(),
                local_apis: vec![
                    list(PackageId::Basic, &TAOBAOKE_BASIC_APIS),
                    list(PackageId::Link, &TAOBAOKE_LINK_APIS),
                    list(PackageId::ThreeParty, &TAOBAOKE_THREE_PARTY_APIS),
                ],
                basic_only_demo_app_key: DEMO_TBK_BASIC_APP_KEY.into(),
                basic_only_demo_secret: DEMO_TBK_BASIC_SECRET.into(),
            })
            .map_err(GuideError::from);
        self.guide(result)
    }

    /// `taobaoke_check`: every package against the user's figures.
    pub async fn taobaoke_check(
        &self,
        figures: TaobaokeFigures,
    ) -> Result<Vec<PackageCheck>, IpcError> {
        let result = crate::catalog::taobaoke()
            .map_err(GuideError::from)
            .and_then(|rules| check_all(rules, &figures).map_err(GuideError::from));
        self.guide(result)
    }

    fn action_view(
        &self,
        action: StepAction,
        profile: &Profile,
    ) -> Result<StepActionView, GuideError> {
        Ok(match action {
            StepAction::None => StepActionView::None,
            StepAction::OpenMaterialsChecklist => StepActionView::MaterialsChecklist,
            StepAction::OpenAppDetails => StepActionView::AppDetails,
            StepAction::OpenSessionPage => StepActionView::SessionPage,
            StepAction::ChooseScenario => StepActionView::ChooseScenario {
                current: Some(profile.scenario.clone()).filter(|s| !s.is_empty()),
            },
            StepAction::OpenTestConsole => StepActionView::TestConsole {
                preset: self.profile_scenario_preset(profile)?,
            },
            StepAction::JointTestPreset => StepActionView::JointTestPreset {
                preset: self.joint_test_preset(profile)?,
            },
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn step_view(
        &self,
        index: usize,
        step: &OnboardingStep,
        record: Option<&StepRecord>,
        evidence: Option<&StepEvidence>,
        profile: &Profile,
        next_id: Option<&str>,
        today: NaiveDate,
    ) -> Result<StepView, GuideError> {
        let state = match (record, evidence) {
            (Some(r), _) => r.state,
            (None, Some(_)) => StepState::Done,
            (None, None) => StepState::NotStarted,
        };
        let waiting = match (state, step.wait) {
            (StepState::WaitingForReview { since }, Some(wait)) => {
                Some(wait_status(wait, step.wait_text.as_ref(), since, today))
            }
            _ => None,
        };
        Ok(StepView {
            id: step.id.clone(),
            number: index + 1,
            section: step.section.clone(),
            source: step.source.clone(),
            title: step.title.clone(),
            todo: step.todo.clone(),
            skippable: step.skippable.clone(),
            links: step.links.clone(),
            action: self.action_view(step.action, profile)?,
            expected_wait: step.wait,
            wait_text: step.wait_text.clone(),
            state,
            changed_at: record
                .map(|r| r.changed_at)
                .or_else(|| evidence.and_then(|e| e.at)),
            waiting,
            is_next: next_id == Some(step.id.as_str()),
            auto_tracked: evidence::TRACKED_STEPS.contains(&step.id.as_str()),
            set_by_hand: record.is_some(),
            evidence: evidence.cloned(),
        })
    }

    fn onboarding_view(&self, profile_id: i64) -> Result<OnboardingView, GuideError> {
        let profile = self.store.profiles_get(profile_id)?;
        let records = self.store.onboarding_steps(profile_id)?;
        let by_id: HashMap<&str, &StepRecord> =
            records.iter().map(|r| (r.step_id.as_str(), r)).collect();
        let evidence = self.evidence_of(crate::catalog::wdt_guide()?, &profile)?;
        let progress = effective_progress(&records, &evidence);
        let steps = crate::catalog::onboarding_steps()?;
        let today = self.today();
        let next = next_step(steps, &progress, today);
        let next_id = next.as_ref().map(|n| n.id.as_str());
        let views = steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let record = by_id.get(s.id.as_str()).copied();
                let seen = evidence.get(s.id.as_str());
                self.step_view(i, s, record, seen, &profile, next_id, today)
            })
            .collect::<Result<Vec<_>, GuideError>>()?;
        Ok(OnboardingView {
            profile_id,
            profile_name: profile.name.clone(),
            today,
            finished: views.iter().filter(|v| is_finished(v.state)).count(),
            total: views.len(),
            steps: views,
            next,
        })
    }

    /// `onboarding_get`: every step of one profile with its state, and the next step.
    pub async fn onboarding_get(&self, profile_id: i64) -> Result<OnboardingView, IpcError> {
        let result = self.onboarding_view(profile_id);
        self.guide(result)
    }

    /// `onboarding_set_step`: changes one step's state under the tracker's rules (from the state
    /// shown, what the app saw included) and saves it as set by hand; `automatic` forgets the state
    /// set by hand. "Not started" on a step the app saw done is kept, so it overrides the evidence.
    pub async fn onboarding_set_step(
        &self,
        profile_id: i64,
        step_id: String,
        state: StepStateInput,
    ) -> Result<OnboardingView, IpcError> {
        let result = (|| {
            let today = self.today();
            let steps = crate::catalog::onboarding_steps()?;
            let to = match state {
                StepStateInput::NotStarted => StepState::NotStarted,
                StepStateInput::InProgress => StepState::InProgress,
                StepStateInput::WaitingForReview { since } => StepState::WaitingForReview {
                    since: since.unwrap_or(today),
                },
                StepStateInput::Done => StepState::Done,
                StepStateInput::Skipped => StepState::Skipped,
                StepStateInput::Automatic => {
                    if !steps.iter().any(|s| s.id == step_id) {
                        return Err(TrackerError::UnknownStep(step_id.clone()).into());
                    }
                    self.store.onboarding_step_forget(profile_id, &step_id)?;
                    return self.onboarding_view(profile_id);
                }
            };
            let profile = self.store.profiles_get(profile_id)?;
            let evidence = self.evidence_of(crate::catalog::wdt_guide()?, &profile)?;
            let progress = effective_progress(&self.store.onboarding_steps(profile_id)?, &evidence);
            let next = tracker::set_state(steps, &progress, &step_id, to, today)?;
            let state = next.state(&step_id);
            if state == StepState::NotStarted && !evidence.contains_key(step_id.as_str()) {
                // Nothing seen to override: "not started" is no row, as before.
                self.store
                    .onboarding_step_set(profile_id, &step_id, state)?;
            } else {
                self.store
                    .onboarding_step_keep(profile_id, &step_id, state)?;
            }
            self.onboarding_view(profile_id)
        })();
        self.guide(result)
    }

    /// `onboarding_overview`: for the home page, each profile's next step.
    pub async fn onboarding_overview(&self) -> Result<Vec<ProfileNextStep>, IpcError> {
        let result = (|| {
            let steps = crate::catalog::onboarding_steps()?;
            let guide = crate::catalog::wdt_guide()?;
            let today = self.today();
            self.store
                .profiles_list()?
                .into_iter()
                .map(|p| {
                    let evidence = self.evidence_of(guide, &p)?;
                    let progress =
                        effective_progress(&self.store.onboarding_steps(p.id)?, &evidence);
                    Ok(ProfileNextStep {
                        profile_id: p.id,
                        finished: steps
                            .iter()
                            .filter(|s| is_finished(progress.state(&s.id)))
                            .count(),
                        total: steps.len(),
                        next: next_step(steps, &progress, today),
                        profile_name: p.name,
                        is_demo: p.is_demo,
                    })
                })
                .collect::<Result<Vec<_>, GuideError>>()
        })();
        self.guide(result)
    }
}
