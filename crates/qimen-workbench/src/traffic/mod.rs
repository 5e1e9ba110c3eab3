//! 联调抓包 / Traffic: the relay of [`qimen_server::relay`] between a customer's system and the
//! platform, run from the app. The customer's system is pointed at the relay's router addresses;
//! each request is diagnosed with a profile's AppSecret (or only recorded), forwarded unchanged to
//! the chosen upstream, and its answer recorded.
//!
//! - [`plan`]: what a start asks for, checked: the upstream, the secret, LAN access.
//! - [`log`]: the exchanges kept in memory and appended to `traffic.jsonl`; `summary`: each one
//!   as the live list shows it, and the list's filter.
//! - [`batch`]: summaries handed to the shell in batches for the window's live list.
//! - [`records`]: the list, one exchange in full, and an exchange saved to history or as a bundle.

mod batch;
mod ipc;
pub mod log;
mod plan;
mod records;
mod summary;
#[cfg(test)]
mod tests;

pub use ipc::{
    ExchangeSummary, RouterUrl, TrafficDetail, TrafficEvent, TrafficLanInput, TrafficPage,
    TrafficQuery, TrafficSaved, TrafficStartInput, TrafficStatus, EXCHANGE_EVENT,
};

use crate::live::{Batcher, LiveSink};
use crate::{IpcError, Workbench};
use log::TrafficLog;
use qimen_server::relay::RunningRelay;
use std::path::Path;
use std::sync::Arc;

/// The port the relay listens on unless the user picks another (the command line's too).
pub const DEFAULT_PORT: u16 = qimen_server::relay::DEFAULT_PORT;
/// Exchanges kept in memory; older ones are only in `traffic.jsonl`.
pub const MAX_KEPT: usize = crate::live::MAX_KEPT;
/// The router paths the relay accepts, as the platform names them.
pub const ROUTER_PATHS: [&str; 5] = [
    "/router/rest",
    "/router/qimen/service",
    "/router/qm",
    "/router/qmtest",
    "/top/router/qmtest",
];

/// A relay started from the app, with what its status reports.
struct Running {
    relay: RunningRelay,
    batcher: Batcher<ExchangeSummary>,
    status: TrafficStatus,
}

/// The relay of this run (at most one) and the exchanges it recorded.
pub(crate) struct Traffic {
    log: Arc<TrafficLog>,
    running: tokio::sync::Mutex<Option<Running>>,
}

impl Traffic {
    /// Nothing running; exchanges will be appended to `traffic.jsonl` in `data_dir`.
    pub fn new(data_dir: &Path) -> Traffic {
        Traffic {
            log: Arc::new(TrafficLog::new(data_dir, MAX_KEPT)),
            running: tokio::sync::Mutex::new(None),
        }
    }
}

fn stopped(recorded: usize) -> TrafficStatus {
    TrafficStatus {
        running: false,
        base_url: None,
        urls: Vec::new(),
        upstream: None,
        upstream_url: None,
        diagnosing_with: None,
        lan_warning: None,
        recorded: recorded as u64,
    }
}

impl Workbench {
    /// `traffic_start`: listens on the port asked for (127.0.0.1 unless LAN access is chosen) and
    /// forwards to the upstream; each exchange is kept, then its summary is handed to `sink` in
    /// batches. A busy port, an upstream that cannot be read or does not answer, and a profile
    /// without an AppSecret each say so in the UI language.
    pub async fn traffic_start(
        &self,
        input: TrafficStartInput,
        sink: Arc<dyn LiveSink<ExchangeSummary>>,
    ) -> Result<TrafficStatus, IpcError> {
        let lang = self.lang();
        let mut running = self.traffic.running.lock().await;
        if let Some(current) = running.as_ref() {
            let url = current.status.base_url.clone().unwrap_or_default();
            return Err(IpcError::new(
                "traffic.running",
                lang.pick(
                    format!("联调中转已在 {url} 运行：请先停止，再用新的设置启动。"),
                    format!("The relay is already running at {url}: stop it first, then start it with the new settings."),
                ),
            ));
        }
        let plan = self.traffic_plan(&input).await?;
        let (batcher, pending) = Batcher::start(sink, crate::live::BATCH_EVERY);
        let recorder = Arc::new(batch::Recorder {
            log: self.traffic.log.clone(),
            origin: Arc::new(plan.origin),
            pending,
        });
        let relay =
            match qimen_server::relay::start(plan.config, recorder, self.clock.clone()).await {
                Ok(relay) => relay,
                Err(e) => {
                    batcher.stop();
                    return Err(IpcError::new(e.code(), e.message(lang)));
                }
            };
        let base = relay.base_url();
        let status = TrafficStatus {
            running: true,
            urls: ROUTER_PATHS
                .iter()
                .map(|path| RouterUrl {
                    path: path.to_string(),
                    url: format!("{}{path}", base.trim_end_matches('/')),
                })
                .collect(),
            base_url: Some(base),
            upstream: Some(plan.upstream),
            upstream_url: Some(plan.upstream_url),
            diagnosing_with: plan.diagnosing_with,
            lan_warning: plan.lan_warning,
            recorded: self.traffic.log.len() as u64,
        };
        *running = Some(Running {
            relay,
            batcher,
            status: status.clone(),
        });
        Ok(status)
    }

    /// `traffic_stop`: stops listening (open exchanges get the listener's grace to finish); what
    /// was recorded stays.
    pub async fn traffic_stop(&self) -> Result<TrafficStatus, IpcError> {
        self.stop_relay().await;
        Ok(stopped(self.traffic.log.len()))
    }

    /// `traffic_status`: whether the relay runs, its addresses and what it does.
    pub async fn traffic_status(&self) -> Result<TrafficStatus, IpcError> {
        let recorded = self.traffic.log.len();
        Ok(match self.traffic.running.lock().await.as_ref() {
            Some(running) => TrafficStatus {
                recorded: recorded as u64,
                ..running.status.clone()
            },
            None => stopped(recorded),
        })
    }

    /// Stops the relay when it runs (the app's exit too).
    pub(crate) async fn stop_relay(&self) {
        if let Some(running) = self.traffic.running.lock().await.take() {
            running.relay.shutdown().await;
            running.batcher.stop();
        }
    }
}
