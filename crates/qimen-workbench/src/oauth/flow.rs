//! The authorizations in progress, by flow id: which profile, the `state` sent, the exact
//! `redirect_uri`, how tokens will be exchanged, the listener when there is one, and where the flow
//! stands. A flow's code is exchanged once: [`FlowRegistry::claim`] lets exactly one caller do it.

use super::callback::CaptureMode;
use super::exchange::TokenRoute;
use super::listener::{CallbackListener, DEFAULT_TIMEOUT};
use super::View;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use ts_rs::TS;

/// Finished flows are forgotten after this long.
const KEEP_FINISHED_MINUTES: i64 = 60;

/// Where a flow stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum FlowStatus {
    /// Waiting for the redirect (listener, app window or paste).
    Waiting,
    /// The code arrived and is being exchanged.
    Exchanging,
    /// Tokens are stored: the profile has a session.
    Done,
    /// It ended without a session; `message` (UI language) says why and what to do.
    Failed {
        code: String,
        message: String,
    },
    Cancelled,
}

impl FlowStatus {
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            FlowStatus::Done | FlowStatus::Failed { .. } | FlowStatus::Cancelled
        )
    }
}

/// One authorization in progress.
#[derive(Debug, Clone)]
pub struct Flow {
    pub profile_id: i64,
    pub state: String,
    /// Sent as `redirect_uri`, and sent again at the exchange.
    pub redirect_uri: String,
    pub view: View,
    pub route: TokenRoute,
    pub mode: CaptureMode,
    /// The loopback listener of a [`CaptureMode::LocalListener`] flow.
    pub listener: Option<Arc<CallbackListener>>,
    pub status: FlowStatus,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Every flow of this run.
#[derive(Debug, Default)]
pub struct FlowRegistry {
    flows: Mutex<HashMap<String, Flow>>,
    /// `None` = [`DEFAULT_TIMEOUT`].
    listen_timeout: Mutex<Option<std::time::Duration>>,
}

impl FlowRegistry {
    /// How long new listeners wait for the redirect.
    pub fn listen_timeout(&self) -> std::time::Duration {
        let set = *self
            .listen_timeout
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        set.unwrap_or(DEFAULT_TIMEOUT)
    }

    pub fn set_listen_timeout(&self, timeout: std::time::Duration) {
        *self
            .listen_timeout
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(timeout);
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Flow>> {
        // Entries are replaced field by field under the lock and never left half-written.
        self.flows.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a flow under a fresh random id and returns the id; finished flows older than an
    /// hour are forgotten on the way.
    pub fn insert(&self, flow: Flow, now: DateTime<Utc>) -> String {
        let id = super::new_state(&mut rand::rng());
        let mut flows = self.lock();
        let horizon = now - Duration::minutes(KEEP_FINISHED_MINUTES);
        flows.retain(|_, f| f.finished_at.is_none_or(|at| at > horizon));
        flows.insert(id.clone(), flow);
        id
    }

    /// A copy of the flow.
    pub fn get(&self, id: &str) -> Option<Flow> {
        self.lock().get(id).cloned()
    }

    /// Moves a waiting flow to [`FlowStatus::Exchanging`]; true for the one caller that did.
    pub fn claim(&self, id: &str) -> bool {
        match self.lock().get_mut(id) {
            Some(flow) if flow.status == FlowStatus::Waiting => {
                flow.status = FlowStatus::Exchanging;
                true
            }
            _ => false,
        }
    }

    /// Sets the status; a finished flow lets its listener go.
    pub fn finish(&self, id: &str, status: FlowStatus, now: DateTime<Utc>) {
        if let Some(flow) = self.lock().get_mut(id) {
            if status.is_finished() {
                flow.finished_at = Some(now);
                if let Some(listener) = flow.listener.take() {
                    listener.canceller().cancel();
                }
            }
            flow.status = status;
        }
    }

    /// Cancels a flow that has not finished; returns its status after.
    pub fn cancel(&self, id: &str, now: DateTime<Utc>) -> Option<FlowStatus> {
        let unfinished = self.get(id).map(|f| !f.status.is_finished())?;
        if unfinished {
            self.finish(id, FlowStatus::Cancelled, now);
        }
        self.get(id).map(|f| f.status)
    }

    /// Cancels every unfinished flow of a profile (its session was cleared or it was deleted).
    pub fn cancel_profile(&self, profile_id: i64, now: DateTime<Utc>) {
        let ids: Vec<String> = self
            .lock()
            .iter()
            .filter(|(_, f)| f.profile_id == profile_id && !f.status.is_finished())
            .map(|(id, _)| id.clone())
            .collect();
        for id in ids {
            self.finish(&id, FlowStatus::Cancelled, now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(profile_id: i64) -> Flow {
        Flow {
            profile_id,
            state: "s".into(),
            redirect_uri: "http://127.0.0.1:1/cb".into(),
            view: View::Web,
            route: TokenRoute::TokenEndpoint,
            mode: CaptureMode::Paste,
            listener: None,
            status: FlowStatus::Waiting,
            started_at: Utc::now(),
            finished_at: None,
        }
    }

    #[test]
    fn only_one_caller_claims_and_finished_flows_stay_finished() {
        let registry = FlowRegistry::default();
        let now = Utc::now();
        let id = registry.insert(flow(1), now);
        assert!(registry.claim(&id));
        // The second claim loses: the code is exchanged once.
        assert!(!registry.claim(&id));
        registry.finish(&id, FlowStatus::Done, now);
        // Cancelling a finished flow changes nothing.
        assert_eq!(registry.cancel(&id, now), Some(FlowStatus::Done));
        let other = registry.insert(flow(2), now);
        registry.cancel_profile(2, now);
        assert_eq!(
            registry.get(&other).map(|f| f.status),
            Some(FlowStatus::Cancelled)
        );
        // An hour later the finished flows are forgotten when a new one starts.
        registry.insert(flow(3), now + Duration::minutes(61));
        assert!(registry.get(&id).is_none());
    }
}
