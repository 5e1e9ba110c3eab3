//! Finding calls: full-text search, filters by API, result, date and profile, newest first, a page
//! at a time.
//!
//! Every search word must be found in the call's searchable text: method, codes, messages,
//! endpoint, parameter values, request body, the first 64 KiB of the response (see
//! `history_index`). A word of three characters or more is found anywhere (ASCII letters in any
//! case); one of one or two characters is a short code or a Chinese word: `25` is found as a code
//! and never inside a date, `餐具` inside 陶瓷餐具套装 (see `history_grams` and `history_search`).
//!
//! Counting stops once [`COUNT_LIMIT`] matches (or the end of the page asked for) are passed: the
//! page then says "at least this many", which costs the same at 100 calls as at 100 000. The
//! unfiltered list's count is exact, kept as calls come and go.

use super::history::{read_summary, HistorySummary, SUMMARY_COLUMNS};
use super::history_search::{newest_matches, Words};
use super::{Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The page size when none is asked for.
pub const DEFAULT_PAGE: u32 = 50;
/// The largest page served.
pub const MAX_PAGE: u32 = 500;
/// Matches are counted up to this many (or to the end of the page asked for, if further).
pub const COUNT_LIMIT: u32 = 1000;

/// What to list. Every field is optional; the default lists the newest [`DEFAULT_PAGE`] calls.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct HistoryQuery {
    /// Words to find anywhere in the call; all must match.
    pub text: Option<String>,
    /// The exact API name, e.g. `taobao.time.get`.
    pub method: Option<String>,
    /// `true` = successful calls only, `false` = failed ones only.
    pub success: Option<bool>,
    /// Calls made at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Calls made before this time.
    pub to: Option<DateTime<Utc>>,
    pub profile_id: Option<i64>,
    pub offset: u32,
    /// Page size; 0 = [`DEFAULT_PAGE`], at most [`MAX_PAGE`].
    pub limit: u32,
}

/// One page of calls, newest first, and how many match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryPage {
    pub items: Vec<HistorySummary>,
    /// How many calls match; when `total_is_lower_bound`, at least this many: counting stopped at
    /// `COUNT_LIMIT` (1000) or at the end of the page asked for, whichever is further.
    pub total: u64,
    /// Set when more calls match than `total` says; absent when `total` is exact.
    #[serde(default, skip_serializing_if = "is_false")]
    pub total_is_lower_bound: bool,
    pub offset: u32,
    pub limit: u32,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Store {
    pub fn history_list(&self, query: &HistoryQuery) -> Result<HistoryPage, StoreError> {
        let limit = match query.limit {
            0 => DEFAULT_PAGE,
            n => n.min(MAX_PAGE),
        };
        let end = u64::from(query.offset) + u64::from(limit);
        // One more than is counted, to tell "exactly this many" from "more".
        let wanted = end.max(u64::from(COUNT_LIMIT)) + 1;
        let words = Words::of(query.text.as_deref());
        let mut args = Vec::new();
        let filters = filters(query, &mut args);
        let conn = self.conn();
        let (ids, found) = if !words.is_empty() {
            newest_matches(&conn, &words, &filters, args, wanted as usize)?
        } else if filters.is_empty() {
            let calls: i64 = conn
                .prepare_cached("SELECT calls FROM history_stats")?
                .query_row([], |r| r.get(0))?;
            let ids = newest(&conn, "", Vec::new(), end)?;
            // Exact: the count is kept as calls are written and deleted.
            return page(&conn, query, limit, ids, calls.max(0) as u64, false);
        } else {
            let clause = format!(" WHERE {}", filters.join(" AND "));
            let ids = newest(&conn, &clause, args, wanted)?;
            let found = ids.len() as u64;
            (ids, found)
        };
        let more = found >= wanted;
        let total = if more { wanted - 1 } else { found };
        page(&conn, query, limit, ids, total, more)
    }
}

/// The ids of the newest `count` calls passing `clause` (with `args`), newest first.
fn newest(
    conn: &Connection,
    clause: &str,
    mut args: Vec<Value>,
    count: u64,
) -> rusqlite::Result<Vec<i64>> {
    args.push(Value::Integer(i64::try_from(count).unwrap_or(i64::MAX)));
    conn.prepare_cached(&format!(
        "SELECT h.id FROM history h{clause} ORDER BY h.created_at DESC, h.id DESC LIMIT ?"
    ))?
    .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
    .collect()
}

/// The page of `ids` (newest first, from the list's start) that `query` asks for.
fn page(
    conn: &Connection,
    query: &HistoryQuery,
    limit: u32,
    ids: Vec<i64>,
    total: u64,
    total_is_lower_bound: bool,
) -> Result<HistoryPage, StoreError> {
    let start = (query.offset as usize).min(ids.len());
    let stop = (start + limit as usize).min(ids.len());
    let mut items = Vec::with_capacity(stop - start);
    for id in &ids[start..stop] {
        if let Some(item) = summary(conn, *id)? {
            items.push(item);
        }
    }
    Ok(HistoryPage {
        items,
        total,
        total_is_lower_bound,
        offset: query.offset,
        limit,
    })
}

fn summary(conn: &Connection, id: i64) -> rusqlite::Result<Option<HistorySummary>> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM history WHERE id = ?1"
    ))?
    .query_row([id], read_summary)
    .optional()
}

/// The conditions on the call's own columns (alias `h`), their arguments appended to `args`.
fn filters(query: &HistoryQuery, args: &mut Vec<Value>) -> Vec<String> {
    let mut conditions = Vec::new();
    if let Some(method) = query
        .method
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        conditions.push("h.method = ?".to_string());
        args.push(Value::Text(method.to_string()));
    }
    if let Some(success) = query.success {
        conditions.push("h.success = ?".into());
        args.push(Value::Integer(i64::from(success)));
    }
    if let Some(from) = query.from {
        conditions.push("h.created_at >= ?".into());
        args.push(Value::Integer(from.timestamp_millis()));
    }
    if let Some(to) = query.to {
        conditions.push("h.created_at < ?".into());
        args.push(Value::Integer(to.timestamp_millis()));
    }
    if let Some(profile) = query.profile_id {
        conditions.push("h.profile_id = ?".into());
        args.push(Value::Integer(profile));
    }
    conditions
}
