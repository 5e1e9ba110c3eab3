//! Where exchanges are kept: the newest in memory (capped by count and by body bytes) for the live
//! list and the detail drawer, and every one appended as a JSON line to `traffic.jsonl` in the data
//! folder (owner-only, rotated by size, emptied by clear). What is kept is the relay's redacted
//! exchange: the session masked, never a secret.

use super::ipc::{ExchangeSummary, TrafficPage, TrafficQuery};
use super::summary::{matches, summarise};
use crate::lock;
use qimen_server::relay::Exchange;
use std::collections::VecDeque;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The file every exchange is appended to, in the data folder.
pub const TRAFFIC_LOG_FILE: &str = "traffic.jsonl";
/// The previous file after a rotation; the one before it is dropped.
pub const TRAFFIC_LOG_ROTATED: &str = "traffic.1.jsonl";
/// `traffic.jsonl` is rotated when it grows past this.
const ROTATE_AT_BYTES: u64 = 32 * 1024 * 1024;
/// Bodies kept in memory at most; the oldest exchanges go first beyond it (the file keeps them).
const MEMORY_BODY_BYTES: usize = 64 * 1024 * 1024;
/// A page of the list when the query does not say.
const DEFAULT_LIMIT: u32 = 200;

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

struct Entry {
    summary: ExchangeSummary,
    exchange: Arc<Exchange>,
    origin: Arc<Origin>,
}

#[derive(Default)]
struct Memory {
    entries: VecDeque<Entry>,
    body_bytes: usize,
}

/// The open log file and its size so far.
struct LogFile {
    file: File,
    size: u64,
}

/// The exchanges of this run.
pub(crate) struct TrafficLog {
    dir: PathBuf,
    cap: usize,
    rotate_at: u64,
    memory: Mutex<Memory>,
    file: Mutex<Option<LogFile>>,
}

fn body_bytes(exchange: &Exchange) -> usize {
    exchange.response_body.len() + exchange.request.body.as_ref().map_or(0, String::len)
}

/// Opens (creating owner-only) a file to append to.
fn open_append(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        // A file left by an older run is narrowed the same way.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        options.open(path)
    }
}

impl TrafficLog {
    /// A log in the data folder `dir`, keeping at most `cap` exchanges in memory.
    pub fn new(dir: &Path, cap: usize) -> TrafficLog {
        TrafficLog {
            dir: dir.to_path_buf(),
            cap,
            rotate_at: ROTATE_AT_BYTES,
            memory: Mutex::new(Memory::default()),
            file: Mutex::new(None),
        }
    }

    /// The same log, rotated at `bytes` (tests rotate a small file).
    #[cfg(test)]
    pub fn rotating_at(self, bytes: u64) -> TrafficLog {
        TrafficLog {
            rotate_at: bytes,
            ..self
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(TRAFFIC_LOG_FILE)
    }

    /// Keeps an exchange and appends it to the file; returns its summary. A file that cannot be
    /// written is reported in the log and the exchange is still kept in memory.
    pub fn record(&self, exchange: Exchange, origin: &Arc<Origin>) -> ExchangeSummary {
        let summary = summarise(&exchange);
        if let Err(e) = self.append(&exchange, origin) {
            tracing::warn!("the traffic log cannot be written: {e}");
        }
        let mut memory = lock(&self.memory);
        memory.body_bytes += body_bytes(&exchange);
        memory.entries.push_back(Entry {
            summary: summary.clone(),
            exchange: Arc::new(exchange),
            origin: origin.clone(),
        });
        while memory.entries.len() > self.cap
            || (memory.body_bytes > MEMORY_BODY_BYTES && memory.entries.len() > 1)
        {
            if let Some(old) = memory.entries.pop_front() {
                memory.body_bytes -= body_bytes(&old.exchange);
            }
        }
        summary
    }

    fn append(&self, exchange: &Exchange, origin: &Origin) -> std::io::Result<()> {
        let mut line = serde_json::to_string(&Line {
            upstream: &origin.upstream_url,
            exchange,
        })?;
        line.push('\n');
        let mut file = lock(&self.file);
        if file.as_ref().is_some_and(|f| f.size >= self.rotate_at) {
            *file = None;
            std::fs::rename(self.path(), self.dir.join(TRAFFIC_LOG_ROTATED))?;
        }
        if file.is_none() {
            let opened = open_append(&self.path())?;
            let size = opened.metadata()?.len();
            *file = Some(LogFile { file: opened, size });
        }
        if let Some(open) = file.as_mut() {
            // One write per line: a reader never sees half an exchange from this process.
            open.file.write_all(line.as_bytes())?;
            open.size += line.len() as u64;
        }
        Ok(())
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
        let limit = match query.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(u32::try_from(self.cap).unwrap_or(u32::MAX)),
        };
        let memory = lock(&self.memory);
        let mut total = 0u64;
        let mut items = Vec::new();
        let found = memory
            .entries
            .iter()
            .rev()
            .map(|e| &e.summary)
            .filter(|s| !query.only_failures || s.failed)
            .filter(|s| matches(s, &words));
        for summary in found {
            if total >= u64::from(query.offset) && items.len() < limit as usize {
                items.push(summary.clone());
            }
            total += 1;
        }
        TrafficPage {
            items,
            total,
            offset: query.offset,
            limit,
        }
    }

    /// An exchange still in memory, with where it went.
    pub fn get(&self, id: u64) -> Option<(Arc<Exchange>, Arc<Origin>)> {
        lock(&self.memory)
            .entries
            .iter()
            .rev()
            .find(|e| e.exchange.id == id)
            .map(|e| (e.exchange.clone(), e.origin.clone()))
    }

    /// How many exchanges are in memory.
    pub fn len(&self) -> usize {
        lock(&self.memory).entries.len()
    }

    /// Forgets every exchange: memory, the file and its rotated predecessor.
    pub fn clear(&self) -> std::io::Result<()> {
        *lock(&self.memory) = Memory::default();
        let mut file = lock(&self.file);
        *file = None;
        for name in [TRAFFIC_LOG_FILE, TRAFFIC_LOG_ROTATED] {
            match std::fs::remove_file(self.dir.join(name)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}
