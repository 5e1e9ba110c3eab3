//! New records on their way to the window: each summary waits in a batch that is handed to the
//! shell's [`LiveSink`] at most every period.

use crate::lock;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

/// Summaries waiting for the next batch at most; beyond it the oldest are dropped from the batch
/// (they stay in the list, which the window reloads when it learns it missed some).
const PENDING_CAP: usize = 2_000;

/// Where the batches of new summaries go: the shell emits them to the window as an event.
pub trait LiveSink<T>: Send + Sync + 'static {
    fn deliver(&self, batch: Vec<T>);
}

/// Summaries waiting for the next batch.
pub struct Pending<T>(Mutex<Vec<T>>);

impl<T> Default for Pending<T> {
    fn default() -> Self {
        Pending(Mutex::new(Vec::new()))
    }
}

impl<T: 'static> Pending<T> {
    pub fn push(&self, summary: T) {
        let mut pending = lock(&self.0);
        if pending.len() >= PENDING_CAP {
            pending.remove(0);
        }
        pending.push(summary);
    }

    fn flush(&self, sink: &dyn LiveSink<T>) {
        let batch = std::mem::take(&mut *lock(&self.0));
        if !batch.is_empty() {
            sink.deliver(batch);
        }
    }
}

/// The task that hands batches to the sink while a listener runs.
pub struct Batcher<T: Send + 'static> {
    pending: Arc<Pending<T>>,
    sink: Arc<dyn LiveSink<T>>,
    task: JoinHandle<()>,
}

impl<T: Send + 'static> Batcher<T> {
    /// Starts delivering what is pushed to the returned [`Pending`] to `sink` every `every`.
    pub fn start(sink: Arc<dyn LiveSink<T>>, every: Duration) -> (Batcher<T>, Arc<Pending<T>>) {
        let pending: Arc<Pending<T>> = Arc::default();
        let task = {
            let pending = pending.clone();
            let sink = sink.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(every);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tick.tick().await;
                    pending.flush(sink.as_ref());
                }
            })
        };
        (
            Batcher {
                pending: pending.clone(),
                sink,
                task,
            },
            pending,
        )
    }

    /// Hands over what is still waiting and stops.
    pub fn stop(self) {
        self.task.abort();
        self.pending.flush(self.sink.as_ref());
    }
}

impl<T: Send + 'static> Drop for Batcher<T> {
    /// A workbench dropped without [`Batcher::stop`] leaves no task behind.
    fn drop(&mut self) {
        self.task.abort();
    }
}
