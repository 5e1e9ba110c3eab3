//! Choosing a scenario of document 003 (§二, §四.1.2, §六) and preparing the test console for it.
//!
//! Choosing sets the profile's scenario, its role when the document ties one to the scenario (the
//! Qimen custom scenario does not), and `target_app_key` to 旺店通's AppKey 21363512, since every
//! scenario here has 旺店通 as the online ERP. The preset names the call the console opens with: the
//! joint-test API `qimen.taobao.crm.order.detail.get` for ERP-CRM, otherwise the scenario's first API
//! the user's side sends that the local gateway answers. A profile on the local gateway stays there;
//! elsewhere the joint test goes to the document's joint-test domain (`qimen-test-legacy`, i.e.
//! `/top/router/qmtest`) and a scenario preset to the profile's own environment.
//!
//! The joint-test preset follows the scenario's channel (§六.1): ERP-WMS and ERP-POS are arranged
//! through 旺店通's sales contact, so their preset says so and prepares the scenario's own call (none
//! for POS, whose APIs the document does not list) instead of the CRM call of the email route.

use super::error::GuideError;
use super::ipc::{ConsolePreset, PresetApi, PresetPurpose, ScenarioChoice, ScenariosView};
use crate::api_docs::ApiDoc;
use crate::calls::environments::id_of;
use crate::calls::CallInput;
use crate::catalog::wdt::{Caller, JointTestChannel, Scenario, WdtGuide};
use crate::store::{Profile, ProfileInput};
use crate::{IpcError, Workbench};
use qimen_core::call::{CallDraft, ParamRow, WdtOptions};
use qimen_core::protocol::environment::Environment;
use qimen_core::sign::SignMethod;
use qimen_core::text::Text;

/// The environment id of the document's joint-test domain (`http://qimen.api.taobao.com/top/router/qmtest`).
pub const JOINT_TEST_ENVIRONMENT_ID: &str = "qimen-test-legacy";

/// The environment a preset calls: the local gateway for a local profile, else `otherwise`.
fn environment_for(profile: &Profile, otherwise: String) -> String {
    match profile.environment {
        Environment::Local { .. } => crate::calls::environments::LOCAL_ID.to_string(),
        _ => otherwise,
    }
}

/// A console call of `doc` for `profile`: the catalogue's example values, with the profile's
/// 旺店通 seller account where the API asks for one.
fn call_for(doc: &ApiDoc, profile: &Profile, environment_id: String) -> CallInput {
    let params = doc
        .params
        .iter()
        .filter_map(|p| {
            let value = match (p.name.as_str(), &profile.wdt_sid) {
                ("sid" | "customerid", Some(sid)) => sid.clone(),
                _ => p.example.clone()?,
            };
            Some(ParamRow {
                key: p.name.clone(),
                value,
            })
        })
        .collect();
    CallInput {
        profile_id: Some(profile.id),
        environment_id,
        draft: CallDraft {
            method: doc.name.clone(),
            family: Some(doc.family),
            sign_method: SignMethod::Md5,
            format: None,
            params,
            body: doc.body_example.clone(),
            target_app_key: doc.target_app_key.clone(),
            customer_id: None,
            use_session: doc.needs_session,
            wdt: WdtOptions {
                compute: doc.wdt_sign.is_some(),
            },
        },
        app_secret_once: None,
    }
}

impl Workbench {
    fn api_docs_now(&self) -> Result<Vec<ApiDoc>, GuideError> {
        crate::api_docs::catalogue_at(self.clock.now()).map_err(|e| GuideError::Workbench(e.into()))
    }

    fn preset_apis(scenario: &Scenario, docs: &[ApiDoc]) -> Vec<PresetApi> {
        scenario
            .apis
            .iter()
            .map(|api| {
                let doc = docs.iter().find(|d| d.answers_to(&api.method));
                PresetApi {
                    method: api.method.clone(),
                    title: api.title.clone(),
                    caller: api.caller,
                    served_locally: doc.is_some_and(|d| d.served_locally),
                    documented: doc.is_some(),
                }
            })
            .collect()
    }

    /// The console preset of a scenario for a profile.
    fn scenario_preset(
        &self,
        guide: &WdtGuide,
        scenario: &Scenario,
        profile: &Profile,
    ) -> Result<ConsolePreset, GuideError> {
        let docs = self.api_docs_now()?;
        if scenario
            .apis
            .iter()
            .any(|a| a.method == guide.constants.joint_test_api)
        {
            let mut preset = self.joint_test_preset_with(guide, profile, &docs);
            preset.purpose = PresetPurpose::Scenario;
            preset.scenario_id = Some(scenario.id.clone());
            preset.apis = Self::preset_apis(scenario, &docs);
            return Ok(preset);
        }
        let apis = Self::preset_apis(scenario, &docs);
        // Prefer what the user's side sends and the local gateway answers, then anything it answers,
        // then anything documented.
        let pick = apis
            .iter()
            .find(|a| a.caller == Caller::You && a.served_locally)
            .or_else(|| apis.iter().find(|a| a.served_locally))
            .or_else(|| apis.iter().find(|a| a.documented));
        let environment_id = environment_for(profile, id_of(&profile.environment));
        let call = pick
            .and_then(|a| docs.iter().find(|d| d.answers_to(&a.method)))
            .map(|doc| call_for(doc, profile, environment_id.clone()));
        let note = match (&call, &scenario.apis_note) {
            (None, _) => Text::new(
                format!("文档未列出“{}”场景的接口，请按奇门官方场景文档对接。", scenario.name.zh),
                format!("The document lists no API for \"{}\"; follow the official Qimen scenario documentation.", scenario.name.en),
            ),
            (Some(c), Some(apis_note)) => Text::new(
                format!("已准备 {}（环境 {}）。{}", c.draft.method, c.environment_id, apis_note.zh),
                format!("Prepared {} (environment {}). {}", c.draft.method, c.environment_id, apis_note.en),
            ),
            (Some(c), None) => Text::new(
                format!("已准备 {}（环境 {}）。", c.draft.method, c.environment_id),
                format!("Prepared {} (environment {}).", c.draft.method, c.environment_id),
            ),
        };
        Ok(ConsolePreset {
            purpose: PresetPurpose::Scenario,
            scenario_id: Some(scenario.id.clone()),
            call,
            apis,
            note,
        })
    }

    fn joint_test_preset_with(
        &self,
        guide: &WdtGuide,
        profile: &Profile,
        docs: &[ApiDoc],
    ) -> ConsolePreset {
        let c = &guide.constants;
        let environment_id = environment_for(profile, JOINT_TEST_ENVIRONMENT_ID.to_string());
        let call = docs
            .iter()
            .find(|d| d.answers_to(&c.joint_test_api))
            .map(|doc| {
                let mut call = call_for(doc, profile, environment_id.clone());
                call.draft.target_app_key = Some(c.wdt_target_app_key.clone());
                call
            });
        let scenario = guide
            .scenarios
            .iter()
            .find(|s| s.apis.iter().any(|a| a.method == c.joint_test_api));
        ConsolePreset {
            purpose: PresetPurpose::JointTest,
            scenario_id: scenario.map(|s| s.id.clone()),
            apis: scenario.map_or_else(Vec::new, |s| Self::preset_apis(s, docs)),
            call,
            note: Text::new(
                format!(
                    "联调接口 {}，target_app_key={}（旺店通ERP），环境 {}；联调域名 {}。",
                    c.joint_test_api, c.wdt_target_app_key, environment_id, c.joint_test_domain
                ),
                format!(
                    "Joint-test API {}, target_app_key={} (旺店通 ERP), environment {}; joint-test domain {}.",
                    c.joint_test_api, c.wdt_target_app_key, environment_id, c.joint_test_domain
                ),
            ),
        }
    }

    /// The joint-test preset of a scenario arranged through 旺店通's sales contact: the channel's
    /// instruction, and the scenario's own call the user's side sends, if the document lists one.
    fn sales_contact_preset(
        guide: &WdtGuide,
        scenario: &Scenario,
        profile: &Profile,
        docs: &[ApiDoc],
    ) -> ConsolePreset {
        let apis = Self::preset_apis(scenario, docs);
        let pick = apis
            .iter()
            .find(|a| a.caller == Caller::You && a.served_locally)
            .or_else(|| {
                apis.iter()
                    .find(|a| a.caller == Caller::You && a.documented)
            });
        let environment_id = environment_for(profile, JOINT_TEST_ENVIRONMENT_ID.to_string());
        let call = pick
            .and_then(|a| docs.iter().find(|d| d.answers_to(&a.method)))
            .map(|doc| call_for(doc, profile, environment_id.clone()));
        let channel = guide.channel(JointTestChannel::SalesContact).map_or_else(
            || {
                Text::new(
                    "本场景请联系旺店通销售协调相关资源进行联调。",
                    "For this scenario, contact 旺店通 sales to arrange the joint test.",
                )
            },
            |c| c.text.clone(),
        );
        let prepared = match &call {
            Some(c) => Text::new(
                format!(
                    "联调不走 {} 的邮件申请流程；已准备本场景由你方发起的 {}（环境 {}），按旺店通安排的方式发送。",
                    guide.constants.joint_test_api, c.draft.method, c.environment_id
                ),
                format!(
                    "The joint test does not go through the email route of {}; prepared {} (environment {}), the call your side sends in this scenario, to send as 旺店通 arranges.",
                    guide.constants.joint_test_api, c.draft.method, c.environment_id
                ),
            ),
            None => Text::new(
                format!(
                    "联调不走 {} 的邮件申请流程；文档未列出“{}”场景的接口，请按奇门官方场景文档对接。",
                    guide.constants.joint_test_api, scenario.name.zh
                ),
                format!(
                    "The joint test does not go through the email route of {}; the document lists no API for \"{}\", so follow the official Qimen scenario documentation.",
                    guide.constants.joint_test_api, scenario.name.en
                ),
            ),
        };
        ConsolePreset {
            purpose: PresetPurpose::JointTest,
            scenario_id: Some(scenario.id.clone()),
            call,
            apis,
            note: Text::new(
                format!("{} {}", channel.zh, prepared.zh),
                format!("{} {}", channel.en, prepared.en),
            ),
        }
    }

    /// The joint-test preset of a profile (tracker step "run the joint test"): the document's
    /// joint-test API, unless the profile's scenario is arranged through 旺店通's sales contact.
    pub(super) fn joint_test_preset(&self, profile: &Profile) -> Result<ConsolePreset, GuideError> {
        let guide = crate::catalog::wdt_guide()?;
        let docs = self.api_docs_now()?;
        Ok(match guide.scenario(&profile.scenario) {
            Some(s) if s.joint_test == JointTestChannel::SalesContact => {
                Self::sales_contact_preset(guide, s, profile, &docs)
            }
            _ => self.joint_test_preset_with(guide, profile, &docs),
        })
    }

    /// The preset of the profile's scenario, `None` when it has none (or an unknown one).
    pub(super) fn profile_scenario_preset(
        &self,
        profile: &Profile,
    ) -> Result<Option<ConsolePreset>, GuideError> {
        let guide = crate::catalog::wdt_guide()?;
        match guide.scenario(&profile.scenario) {
            Some(s) => self.scenario_preset(guide, s, profile).map(Some),
            None => Ok(None),
        }
    }

    /// `scenarios_list`
    pub async fn scenarios_list(&self) -> Result<ScenariosView, IpcError> {
        let result = crate::catalog::wdt_guide()
            .map(|g| ScenariosView {
                scenarios: g.scenarios.clone(),
                roles: g.roles.clone(),
                channels: g.joint_test_channels.clone(),
                constants: g.constants.clone(),
            })
            .map_err(GuideError::from);
        self.guide(result)
    }

    /// `scenario_choose`: sets the profile's scenario, role and 旺店通 target, and prepares the console.
    pub async fn scenario_choose(
        &self,
        profile_id: i64,
        scenario_id: String,
    ) -> Result<ScenarioChoice, IpcError> {
        let result = (|| {
            let guide = crate::catalog::wdt_guide()?;
            let scenario = guide
                .scenario(scenario_id.trim())
                .ok_or_else(|| GuideError::UnknownScenario(scenario_id.clone()))?;
            let profile = self.store.profiles_get(profile_id)?;
            let mut input = ProfileInput::from(&profile);
            input.scenario = scenario.id.clone();
            if let Some(role) = scenario.your_role {
                input.role = role.into();
            }
            input.target_app_key = Some(guide.constants.wdt_target_app_key.clone());
            let updated = self.store.profiles_update(profile_id, &input)?;
            let preset = self.scenario_preset(guide, scenario, &updated)?;
            Ok::<_, GuideError>((updated.id, preset))
        })();
        let (id, console_preset) = self.guide(result)?;
        let profile = self.profile_view_of(id).await?;
        Ok(ScenarioChoice {
            profile,
            console_preset,
        })
    }

    /// The profile as the UI sees it (secrets only as flags and hints).
    pub(super) async fn profile_view_of(
        &self,
        id: i64,
    ) -> Result<crate::profiles::ProfileView, IpcError> {
        let views = self.profiles_list().await?;
        match views.into_iter().find(|v| v.profile.id == id) {
            Some(v) => Ok(v),
            None => self.guide(Err(crate::store::StoreError::ProfileNotFound(id).into())),
        }
    }
}
