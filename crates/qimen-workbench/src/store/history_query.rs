//! Finding calls: full-text search, filters by API, result, date and profile, newest first, a page
//! at a time.
//!
//! Search words of three characters or more go through the FTS5 trigram index (any substring,
//! Chinese included); shorter words, which a trigram index cannot answer, fall back to `LIKE`.
//! Every word must match somewhere in the call (method, messages, codes, endpoint, request, response).

use super::history::{read_summary, HistorySummary, SUMMARY_COLUMNS};
use super::{Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The page size when none is asked for.
pub const DEFAULT_PAGE: u32 = 50;
/// The largest page served.
pub const MAX_PAGE: u32 = 500;

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

/// One page of calls, newest first, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryPage {
    pub items: Vec<HistorySummary>,
    pub total: u64,
    pub offset: u32,
    pub limit: u32,
}

const SEARCHED: [&str; 8] = [
    "method",
    "message",
    "sub_message",
    "code",
    "sub_code",
    "endpoint",
    "request",
    "response",
];

impl Store {
    pub fn history_list(&self, query: &HistoryQuery) -> Result<HistoryPage, StoreError> {
        let limit = match query.limit {
            0 => DEFAULT_PAGE,
            n => n.min(MAX_PAGE),
        };
        let (clause, mut args) = where_clause(query);
        let conn = self.conn();
        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM history{clause}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        args.push(Value::Integer(i64::from(limit)));
        args.push(Value::Integer(i64::from(query.offset)));
        let mut stmt = conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM history{clause} \
             ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"
        ))?;
        let items = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), read_summary)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(HistoryPage {
            items,
            total: total.max(0) as u64,
            offset: query.offset,
            limit,
        })
    }
}

/// ` WHERE …` (or nothing) and its arguments, in order.
fn where_clause(query: &HistoryQuery) -> (String, Vec<Value>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let words: Vec<&str> = query
        .text
        .as_deref()
        .map(|t| t.split_whitespace().collect())
        .unwrap_or_default();
    let (long, short): (Vec<&str>, Vec<&str>) =
        words.into_iter().partition(|w| w.chars().count() >= 3);
    if !long.is_empty() {
        // Each word quoted as an FTS5 string: operators and punctuation in it are searched for,
        // not interpreted.
        let expr = long
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" AND ");
        conditions.push("id IN (SELECT rowid FROM history_fts WHERE history_fts MATCH ?)".into());
        args.push(Value::Text(expr));
    }
    for word in short {
        let pattern = format!("%{}%", escape_like(word));
        let any = SEARCHED
            .iter()
            .map(|c| format!("{c} LIKE ? ESCAPE '\\'"))
            .collect::<Vec<_>>()
            .join(" OR ");
        conditions.push(format!("({any})"));
        args.extend(SEARCHED.iter().map(|_| Value::Text(pattern.clone())));
    }
    if let Some(method) = query
        .method
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        conditions.push("method = ?".into());
        args.push(Value::Text(method.to_string()));
    }
    if let Some(success) = query.success {
        conditions.push("success = ?".into());
        args.push(Value::Integer(i64::from(success)));
    }
    if let Some(from) = query.from {
        conditions.push("created_at >= ?".into());
        args.push(Value::Integer(from.timestamp_millis()));
    }
    if let Some(to) = query.to {
        conditions.push("created_at < ?".into());
        args.push(Value::Integer(to.timestamp_millis()));
    }
    if let Some(profile) = query.profile_id {
        conditions.push("profile_id = ?".into());
        args.push(Value::Integer(profile));
    }
    if conditions.is_empty() {
        (String::new(), args)
    } else {
        (format!(" WHERE {}", conditions.join(" AND ")), args)
    }
}

fn escape_like(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
