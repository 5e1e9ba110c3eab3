//! New exchanges on their way to the window: each is stored first, then its summary waits in a
//! batch that [`crate::live::Batcher`] hands to the shell.

use super::ipc::ExchangeSummary;
use super::log::{Origin, TrafficLog};
use crate::live::Pending;
use qimen_server::relay::{Exchange, ExchangeSink};
use std::sync::Arc;

/// What the relay calls for each exchange: store it, then queue its summary.
pub(crate) struct Recorder {
    pub log: Arc<TrafficLog>,
    pub origin: Arc<Origin>,
    pub pending: Arc<Pending<ExchangeSummary>>,
}

impl ExchangeSink for Recorder {
    fn record(&self, exchange: Exchange) {
        self.pending.push(self.log.record(exchange, &self.origin));
    }
}
