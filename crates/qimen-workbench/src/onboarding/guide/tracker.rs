//! "Where am I, and what do I do next?": the state of each onboarding step of document 003 and the next
//! step with its expected wait.
//!
//! States: not started, in progress, waiting for review since a date, done, skipped. Rules (decided here,
//! since the document gives none):
//! - A step may be marked done straight from "not started": many users finished steps (registration, an
//!   existing appkey) before they had this app, and the tracker records, it does not police.
//! - "Waiting for review" is only for a step whose document states a review wait (5–7 days for the
//!   application), and its date may not lie after today.
//! - "Skipped" is only for a step the document says may be skipped ("如已注册可忽略").
//! - A submitted application cannot go back to "not started"; it goes back to "in progress" to resubmit.
//!   A done step can be reopened (back to in progress), a skipped one restarted.
//! - Order is advice, not a lock: the next step is the first one neither done nor skipped.

use crate::catalog::wdt::{OnboardingStep, StepAction};
use crate::catalog::{Link, Wait, WaitUnit};
use chrono::{Datelike, NaiveDate, Weekday};
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The state of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StepState {
    NotStarted,
    InProgress,
    WaitingForReview { since: NaiveDate },
    Done,
    Skipped,
}

impl StepState {
    fn name(self) -> &'static str {
        match self {
            StepState::NotStarted => "not started",
            StepState::InProgress => "in progress",
            StepState::WaitingForReview { .. } => "waiting for review",
            StepState::Done => "done",
            StepState::Skipped => "skipped",
        }
    }

    fn is_finished(self) -> bool {
        matches!(self, StepState::Done | StepState::Skipped)
    }
}

/// The states of one profile's steps; a step absent from the map has not started.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Progress {
    pub states: BTreeMap<String, StepState>,
}

impl Progress {
    pub fn state(&self, step_id: &str) -> StepState {
        self.states
            .get(step_id)
            .copied()
            .unwrap_or(StepState::NotStarted)
    }
}

/// A change the tracker refuses, with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackerError {
    #[error("step `{0}` is not an onboarding step: use one of the catalogue's step ids")]
    UnknownStep(String),
    #[error("step `{0}` cannot be skipped: the document does not say it may be; mark it in progress or done")]
    NotSkippable(String),
    #[error("step `{0}` has no review to wait for: mark it in progress or done")]
    NoReview(String),
    #[error("the review date {since} of step `{step}` is after today ({today}): enter the day you submitted")]
    SinceInFuture {
        step: String,
        since: NaiveDate,
        today: NaiveDate,
    },
    #[error("step `{step}` cannot go from {from} to {to}: {hint}")]
    Transition {
        step: String,
        from: &'static str,
        to: &'static str,
        hint: &'static str,
    },
}

/// Sets the state of one step, checking the rules in the module doc. Returns the new progress.
pub fn set_state(
    steps: &[OnboardingStep],
    progress: &Progress,
    step_id: &str,
    to: StepState,
    today: NaiveDate,
) -> Result<Progress, TrackerError> {
    let step = steps
        .iter()
        .find(|s| s.id == step_id)
        .ok_or_else(|| TrackerError::UnknownStep(step_id.to_string()))?;
    let from = progress.state(step_id);
    match to {
        StepState::Skipped if step.skippable.is_none() => {
            return Err(TrackerError::NotSkippable(step_id.into()))
        }
        StepState::WaitingForReview { .. } if step.wait.is_none() => {
            return Err(TrackerError::NoReview(step_id.into()))
        }
        StepState::WaitingForReview { since } if since > today => {
            return Err(TrackerError::SinceInFuture {
                step: step_id.into(),
                since,
                today,
            })
        }
        _ => {}
    }
    let refused = |hint| TrackerError::Transition {
        step: step_id.into(),
        from: from.name(),
        to: to.name(),
        hint,
    };
    match (from, to) {
        (StepState::WaitingForReview { .. }, StepState::NotStarted) => Err(refused(
            "an application already submitted goes back to in progress to resubmit",
        )),
        (
            StepState::Done,
            StepState::NotStarted | StepState::Skipped | StepState::WaitingForReview { .. },
        ) => Err(refused("reopen it first (in progress)")),
        (StepState::Skipped, StepState::Done | StepState::WaitingForReview { .. }) => {
            Err(refused("restart it first (in progress)"))
        }
        _ => {
            let mut next = progress.clone();
            if to == StepState::NotStarted {
                next.states.remove(step_id);
            } else {
                next.states.insert(step_id.to_string(), to);
            }
            Ok(next)
        }
    }
}

/// Where a review wait stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WaitStatus {
    pub wait: Wait,
    pub since: NaiveDate,
    /// Days (or working days, as the wait is stated) from `since` to today.
    pub elapsed: u32,
    /// More time has passed than the document's upper bound.
    pub overdue: bool,
    pub text: Text,
}

/// What to do next: the step, what it asks, what the app can do there, and how its wait stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NextStep {
    pub id: String,
    /// 1-based position among the steps.
    pub number: usize,
    pub total: usize,
    pub title: Text,
    pub state: StepState,
    pub todo: Vec<Text>,
    pub links: Vec<Link>,
    pub action: StepAction,
    pub skippable: Option<Text>,
    /// The document's expected wait for this step, if it states one.
    pub expected_wait: Option<Text>,
    /// Set while waiting for a review.
    pub waiting: Option<WaitStatus>,
}

/// The first step neither done nor skipped, with how long its review has been going; `None` when every
/// step is done or skipped.
pub fn next_step(
    steps: &[OnboardingStep],
    progress: &Progress,
    today: NaiveDate,
) -> Option<NextStep> {
    let (index, step) = steps
        .iter()
        .enumerate()
        .find(|(_, s)| !progress.state(&s.id).is_finished())?;
    let state = progress.state(&step.id);
    let waiting = match (state, step.wait) {
        (StepState::WaitingForReview { since }, Some(wait)) => {
            Some(wait_status(wait, step.wait_text.as_ref(), since, today))
        }
        _ => None,
    };
    Some(NextStep {
        id: step.id.clone(),
        number: index + 1,
        total: steps.len(),
        title: step.title.clone(),
        state,
        todo: step.todo.clone(),
        links: step.links.clone(),
        action: step.action,
        skippable: step.skippable.clone(),
        expected_wait: step.wait_text.clone(),
        waiting,
    })
}

/// Monday to Friday between `since` (exclusive) and `today` (inclusive); public holidays are not known.
fn working_days_between(since: NaiveDate, today: NaiveDate) -> u32 {
    since
        .iter_days()
        .skip(1)
        .take_while(|d| *d <= today)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .count() as u32
}

/// How a wait stands on `today`.
pub fn wait_status(
    wait: Wait,
    stated: Option<&Text>,
    since: NaiveDate,
    today: NaiveDate,
) -> WaitStatus {
    let (elapsed, max, unit_zh, unit_en) = match wait {
        Wait::Instant => (0, 0, "天", "days"),
        Wait::Range {
            unit: WaitUnit::Days,
            max,
            ..
        } => (
            u32::try_from((today - since).num_days().max(0)).unwrap_or(u32::MAX),
            max,
            "天",
            "days",
        ),
        Wait::Range {
            unit: WaitUnit::WorkingDays,
            max,
            ..
        } => (
            working_days_between(since, today),
            max,
            "个工作日",
            "working days",
        ),
    };
    let unit_en = match (elapsed, unit_en) {
        (1, "days") => "day",
        (1, _) => "working day",
        (_, unit) => unit,
    };
    let overdue = elapsed > max;
    let (stated_zh, stated_en) = stated.map_or(("", ""), |s| (s.zh.as_ref(), s.en.as_ref()));
    let mut zh = format!("{stated_zh}；自 {since} 起已过去 {elapsed} {unit_zh}");
    let verb = if elapsed == 1 { "has" } else { "have" };
    let mut en = format!("{stated_en}; {elapsed} {unit_en} {verb} passed since {since}");
    if overdue {
        zh.push_str("，已超过通常时间，可联系平台询问进度");
        en.push_str(", longer than usual: consider asking the platform about it");
    }
    zh.push('。');
    en.push('.');
    WaitStatus {
        wait,
        since,
        elapsed,
        overdue,
        text: Text::new(zh.trim_start_matches('；'), en.trim_start_matches("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn working_days_skip_weekends() {
        // Friday 17 May 2024 to Monday 20 May: Saturday and Sunday do not count, Monday does.
        assert_eq!(
            working_days_between(day("2024-05-17"), day("2024-05-20")),
            1
        );
        assert_eq!(
            working_days_between(day("2024-05-20"), day("2024-05-20")),
            0
        );
        let wait = Wait::Range {
            min: 10,
            max: 15,
            unit: WaitUnit::WorkingDays,
            typical: false,
        };
        let status = wait_status(wait, None, day("2024-05-17"), day("2024-05-20"));
        assert_eq!(status.text.en, "1 working day has passed since 2024-05-17.");
    }
}
