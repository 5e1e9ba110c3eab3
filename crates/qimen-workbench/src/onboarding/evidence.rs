//! What the app saw of a profile's onboarding, as evidence that advances a tracker step by itself:
//! the scenario chosen (association step), a captured session (session step), a successful call on
//! the local gateway or the sandbox (self-test step) and a successful call on a Qimen joint-test
//! router (joint-test step). Read from facts already stored each time the tracker is read; nothing
//! is written. Steps the app cannot see (the review passed, the app published, the go-live) stay
//! manual, and a state set by hand always wins over the evidence.
//!
//! Environments are matched by the id the call named (as the console names them, whatever the case):
//! - self-test: `local`, `sandbox`;
//! - joint test: `qimen-test`, `qimen-test-https`, `qimen-test-legacy` (the document's
//!   `/top/router/qmtest`), the alias `qmtest`, and any `router-test:CODE`; for a profile on the
//!   local gateway (the demo), also the joint-test API succeeding there, where its preset sends it.
//!
//! A call to a typed URL is not read as either: the tracker cannot tell what stands behind it.

use super::error::GuideError;
use crate::calls::environments::LOCAL_ID;
use crate::catalog::wdt::WdtGuide;
use crate::store::{EnvironmentSet, Profile, SuccessfulCall};
use crate::Workbench;
use chrono::{DateTime, Utc};
use qimen_core::protocol::environment::Environment;
use qimen_core::text::Text;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// The association step: done once a scenario is chosen.
pub const SCENARIO_STEP: &str = "associate_scenario_role";
/// The session step: done once a session is captured.
pub const SESSION_STEP: &str = "callback_and_session";
/// The self-test step: done once a call succeeded on the local gateway or the sandbox.
pub const SELF_TEST_STEP: &str = "self_test";
/// The joint-test step: done once a call succeeded on a Qimen joint-test router.
pub const JOINT_TEST_STEP: &str = "run_joint_test";

/// The steps the app follows by itself, in the tracker's order.
pub const TRACKED_STEPS: [&str; 4] = [SESSION_STEP, SCENARIO_STEP, SELF_TEST_STEP, JOINT_TEST_STEP];

/// Where a self-test call goes.
pub const SELF_TEST_ENVIRONMENTS: EnvironmentSet<'static> = EnvironmentSet {
    ids: &[LOCAL_ID, "sandbox"],
    prefixes: &[],
};

/// Where a joint-test call goes.
pub const JOINT_TEST_ENVIRONMENTS: EnvironmentSet<'static> = EnvironmentSet {
    ids: &[
        "qimen-test",
        "qimen-test-https",
        "qimen-test-legacy",
        "qmtest",
    ],
    prefixes: &["router-test:"],
};

/// What kind of fact a step's evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EvidenceKind {
    /// The profile's scenario.
    Scenario,
    /// The profile's captured session.
    Session,
    /// A successful call in history (`history_id` names it).
    Call,
}

/// Why the app holds a step done: what it saw, with a link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StepEvidence {
    pub kind: EvidenceKind,
    /// A short line for the link ("qimen.taobao.crm.order.detail.get 调用成功（qimen-test-https）").
    pub label: Text,
    /// The history entry of a call.
    #[ts(type = "number | null")]
    pub history_id: Option<i64>,
    /// When it happened: the call's time, or when the session was obtained.
    pub at: Option<DateTime<Utc>>,
}

fn call_evidence(call: SuccessfulCall) -> StepEvidence {
    StepEvidence {
        kind: EvidenceKind::Call,
        label: Text::new(
            format!("{} 调用成功（{}）", call.method, call.environment),
            format!("{} succeeded ({})", call.method, call.environment),
        ),
        history_id: Some(call.history_id),
        at: Some(call.at),
    }
}

impl Workbench {
    /// The evidence of each step the app saw happen for `profile`, by step id. A handful of
    /// single-row reads: the profile is at hand, one session row, and one index seek per environment.
    pub(super) fn evidence_of(
        &self,
        guide: &WdtGuide,
        profile: &Profile,
    ) -> Result<HashMap<&'static str, StepEvidence>, GuideError> {
        let mut found = HashMap::new();
        if let Some(scenario) = guide.scenario(&profile.scenario) {
            found.insert(
                SCENARIO_STEP,
                StepEvidence {
                    kind: EvidenceKind::Scenario,
                    label: Text::new(
                        format!("已选择场景：{}", scenario.name.zh),
                        format!("Scenario chosen: {}", scenario.name.en),
                    ),
                    history_id: None,
                    at: None,
                },
            );
        }
        if let Some(session) = self.store.session_get(profile.id)? {
            let label = match session.user_nick.as_deref().filter(|n| !n.is_empty()) {
                Some(nick) => Text::new(
                    format!("会话已获取（授权账号 {nick}）"),
                    format!("Session captured (authorized by {nick})"),
                ),
                None => Text::new("会话已获取", "Session captured"),
            };
            found.insert(
                SESSION_STEP,
                StepEvidence {
                    kind: EvidenceKind::Session,
                    label,
                    history_id: None,
                    at: Some(session.obtained_at),
                },
            );
        }
        for (step, environments) in [
            (SELF_TEST_STEP, SELF_TEST_ENVIRONMENTS),
            (JOINT_TEST_STEP, JOINT_TEST_ENVIRONMENTS),
        ] {
            if let Some(call) = self.store.history_last_success(profile.id, environments)? {
                found.insert(step, call_evidence(call));
            }
        }
        // A profile on the local gateway (the demo) runs its joint test there too, as its preset
        // does: the local gateway stands in for the joint-test router, so the joint-test API
        // succeeding there is that step's evidence.
        if matches!(profile.environment, Environment::Local { .. }) {
            let joint = &guide.constants.joint_test_api;
            if let Some(call) = self
                .store
                .history_last_success_of(profile.id, LOCAL_ID, joint)?
            {
                found
                    .entry(JOINT_TEST_STEP)
                    .or_insert_with(|| call_evidence(call));
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tracked_step_is_a_step_of_the_catalogue() {
        let steps = crate::catalog::onboarding_steps().unwrap_or_else(|e| panic!("{e}"));
        for id in TRACKED_STEPS {
            assert!(steps.iter().any(|s| s.id == id), "{id}");
        }
    }

    #[test]
    fn every_named_environment_resolves() {
        for id in SELF_TEST_ENVIRONMENTS
            .ids
            .iter()
            .chain(JOINT_TEST_ENVIRONMENTS.ids)
        {
            assert!(
                crate::calls::environments::resolve(id, "http://127.0.0.1:1").is_ok(),
                "{id}"
            );
        }
    }
}
