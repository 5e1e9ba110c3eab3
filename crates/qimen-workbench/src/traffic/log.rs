//! Where exchanges are kept: the newest in memory (capped by count and by body bytes) for the live
//! list and the detail drawer, and every one appended as a JSON line to `traffic.jsonl` in the data
//! folder (owner-only, rotated by size, emptied by clear). What is kept is the relay's redacted
//! exchange: the session masked, never a secret.

use super::ipc::{ExchangeSummary, TrafficPage, TrafficQuery};
use super::summary::{matches, summarise};
use crate::live::{Journal, Ring};
use qimen_server::relay::Exchange;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file every exchange is appended to, in the data folder.
pub const TRAFFIC_LOG_FILE: &str = "traffic.jsonl";
/// The previous file after a rotation; the one before it is dropped.
pub const TRAFFIC_LOG_ROTATED: &str = "traffic.1.jsonl";

/// Where the relay that recorded an exchange sent it, and whose secret diagnosed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The upstream as chosen (`local`, `production`, a URL …).
    pub upstream: String,
    /// Its base URL.
    pub upstream_url: String,
    pub profile_id: Option<i64>,
    pub profile_name: Option<String>,
}

impl Origin {
    /// The address an exchange was forwarded to: the upstream's base and the request's path.
    pub fn endpoint(&self, exchange: &Exchange) -> String {
        format!(
            "{}{}",
            self.upstream_url.trim_end_matches('/'),
            exchange.path
        )
    }
}

/// One line of `traffic.jsonl`: the exchange and where it went.
#[derive(serde::Serialize)]
struct Line<'a> {
    upstream: &'a str,
    #[serde(flatten)]
    exchange: &'a Exchange,
}

/// The exchanges of this run.
pub(crate) struct TrafficLog {
    ring: Ring<ExchangeSummary, (Exchange, Arc<Origin>)>,
    journal: Journal,
}

fn body_bytes(exchange: &Exchange) -> usize {
    exchange.response_body.len() + exchange.request.body.as_ref().map_or(0, String::len)
}

impl TrafficLog {
    /// A log in the data folder `dir`, keeping at most `cap` exchanges in memory.
    pub fn new(dir: &Path, cap: usize) -> TrafficLog {
        TrafficLog {
            ring: Ring::new(cap),
            journal: Journal::new(dir, TRAFFIC_LOG_FILE, TRAFFIC_LOG_ROTATED),
        }
    }

    /// The same log, rotated at `bytes` (tests rotate a small file).
    #[cfg(test)]
    pub fn rotating_at(self, bytes: u64) -> TrafficLog {
        TrafficLog {
            journal: self.journal.rotating_at(bytes),
            ..self
        }
    }

    pub fn path(&self) -> PathBuf {
        self.journal.path()
    }

    /// Keeps an exchange and appends it to the file; returns its summary. A file that cannot be
    /// written is reported in the log and the exchange is still kept in memory.
    pub fn record(&self, exchange: Exchange, origin: &Arc<Origin>) -> ExchangeSummary {
        let summary = summarise(&exchange);
        let line = Line {
            upstream: &origin.upstream_url,
            exchange: &exchange,
        };
        if let Err(e) = self.journal.append(&line) {
            tracing::warn!("the traffic log cannot be written: {e}");
        }
        let bytes = body_bytes(&exchange);
        self.ring.push(
            exchange.id,
            summary.clone(),
            (exchange, origin.clone()),
            bytes,
        );
        summary
    }

    /// A page of the exchanges in memory matching `query`, newest first.
    pub fn list(&self, query: &TrafficQuery) -> TrafficPage {
        let words: Vec<String> = query
            .text
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let page = self.ring.page(
            |s| (!query.only_failures || s.failed) && matches(s, &words),
            query.offset,
            query.limit,
        );
        TrafficPage {
            items: page.items,
            total: page.total,
            offset: query.offset,
            limit: page.limit,
        }
    }

    /// An exchange still in memory, with where it went.
    pub fn get(&self, id: u64) -> Option<Arc<(Exchange, Arc<Origin>)>> {
        self.ring.get(id)
    }

    /// How many exchanges are in memory.
    pub fn len(&self) -> usize {
        self.ring.len()
    }

    /// Forgets every exchange: memory, the file and its rotated predecessor.
    pub fn clear(&self) -> std::io::Result<()> {
        self.ring.clear();
        self.journal.clear()
    }
}
