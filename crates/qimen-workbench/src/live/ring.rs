//! The newest records of a live list in memory: each with the summary the list shows and the full
//! record a row opens, capped by count and by the bytes the records hold.

use super::DEFAULT_LIMIT;
use crate::lock;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// Bytes of records kept in memory at most; the oldest go first beyond it (the journal keeps them).
const MEMORY_BYTES: usize = 64 * 1024 * 1024;

struct Entry<S, F> {
    id: u64,
    summary: S,
    full: Arc<F>,
    bytes: usize,
}

struct Memory<S, F> {
    entries: VecDeque<Entry<S, F>>,
    bytes: usize,
}

/// A page of summaries, newest first, and how many matched.
pub struct RingPage<S> {
    pub items: Vec<S>,
    pub total: u64,
    pub limit: u32,
}

/// Records `F` listed as summaries `S`.
pub struct Ring<S, F> {
    cap: usize,
    memory: Mutex<Memory<S, F>>,
}

impl<S: Clone, F> Ring<S, F> {
    /// Keeps at most `cap` records.
    pub fn new(cap: usize) -> Ring<S, F> {
        Ring {
            cap,
            memory: Mutex::new(Memory {
                entries: VecDeque::new(),
                bytes: 0,
            }),
        }
    }

    /// Keeps a record of `bytes` (its bodies), dropping the oldest beyond the caps.
    pub fn push(&self, id: u64, summary: S, full: F, bytes: usize) {
        let mut memory = lock(&self.memory);
        memory.bytes += bytes;
        memory.entries.push_back(Entry {
            id,
            summary,
            full: Arc::new(full),
            bytes,
        });
        while memory.entries.len() > self.cap
            || (memory.bytes > MEMORY_BYTES && memory.entries.len() > 1)
        {
            if let Some(old) = memory.entries.pop_front() {
                memory.bytes -= old.bytes;
            }
        }
    }

    /// The summaries `keep` accepts, newest first, from `offset`, at most `limit` (0 = the
    /// default page, never more than the cap).
    pub fn page(&self, keep: impl Fn(&S) -> bool, offset: u32, limit: u32) -> RingPage<S> {
        let limit = match limit {
            0 => DEFAULT_LIMIT,
            n => n.min(u32::try_from(self.cap).unwrap_or(u32::MAX)),
        };
        let memory = lock(&self.memory);
        let mut total = 0u64;
        let mut items = Vec::new();
        for summary in memory.entries.iter().rev().map(|e| &e.summary) {
            if !keep(summary) {
                continue;
            }
            if total >= u64::from(offset) && items.len() < limit as usize {
                items.push(summary.clone());
            }
            total += 1;
        }
        RingPage {
            items,
            total,
            limit,
        }
    }

    /// A record still in memory.
    pub fn get(&self, id: u64) -> Option<Arc<F>> {
        lock(&self.memory)
            .entries
            .iter()
            .rev()
            .find(|e| e.id == id)
            .map(|e| e.full.clone())
    }

    pub fn len(&self) -> usize {
        lock(&self.memory).entries.len()
    }

    pub fn is_empty(&self) -> bool {
        lock(&self.memory).entries.is_empty()
    }

    pub fn clear(&self) {
        let mut memory = lock(&self.memory);
        memory.entries.clear();
        memory.bytes = 0;
    }
}
