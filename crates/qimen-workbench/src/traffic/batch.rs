//! New exchanges on their way to the window: each is stored first, then its summary waits in a
//! batch that is handed to the shell's [`TrafficSink`] at most every [`super::BATCH_EVERY`], so a
//! customer's system sending hundreds of requests a second does not flood the webview.

use super::ipc::ExchangeSummary;
use super::log::{Origin, TrafficLog};
use crate::lock;
use qimen_server::relay::{Exchange, ExchangeSink};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

/// Summaries waiting for the next batch at most; beyond it the oldest are dropped from the batch
/// (they stay in the list, which the window reloads when it learns it missed some).
const PENDING_CAP: usize = 2_000;

/// Where the batches of new exchanges go: the shell emits them to the window as an event.
pub trait TrafficSink: Send + Sync + 'static {
    fn deliver(&self, batch: Vec<ExchangeSummary>);
}

/// What the relay calls for each exchange: store it, then queue its summary.
pub(crate) struct Recorder {
    log: Arc<TrafficLog>,
    origin: Arc<Origin>,
    pending: Arc<Mutex<Vec<ExchangeSummary>>>,
}

impl ExchangeSink for Recorder {
    fn record(&self, exchange: Exchange) {
        let summary = self.log.record(exchange, &self.origin);
        let mut pending = lock(&self.pending);
        if pending.len() >= PENDING_CAP {
            pending.remove(0);
        }
        pending.push(summary);
    }
}

/// The task that hands batches to the sink while the relay runs.
pub(crate) struct Batcher {
    pending: Arc<Mutex<Vec<ExchangeSummary>>>,
    sink: Arc<dyn TrafficSink>,
    task: JoinHandle<()>,
}

impl Batcher {
    /// Starts delivering to `sink` every `every`; the recorder is what the relay is given.
    pub fn start(
        log: Arc<TrafficLog>,
        origin: Origin,
        sink: Arc<dyn TrafficSink>,
        every: Duration,
    ) -> (Batcher, Arc<Recorder>) {
        let pending: Arc<Mutex<Vec<ExchangeSummary>>> = Arc::default();
        let recorder = Arc::new(Recorder {
            log,
            origin: Arc::new(origin),
            pending: pending.clone(),
        });
        let task = {
            let pending = pending.clone();
            let sink = sink.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(every);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tick.tick().await;
                    flush(&pending, sink.as_ref());
                }
            })
        };
        (
            Batcher {
                pending,
                sink,
                task,
            },
            recorder,
        )
    }

    /// Hands over what is still waiting and stops.
    pub fn stop(self) {
        self.task.abort();
        flush(&self.pending, self.sink.as_ref());
    }
}

impl Drop for Batcher {
    /// A workbench dropped without [`Batcher::stop`] leaves no task behind.
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn flush(pending: &Mutex<Vec<ExchangeSummary>>, sink: &dyn TrafficSink) {
    let batch = std::mem::take(&mut *lock(pending));
    if !batch.is_empty() {
        sink.deliver(batch);
    }
}
