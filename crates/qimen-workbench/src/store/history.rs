//! One row per call: what was sent (session masked), what came back (up to a size cap), how long it
//! took, where it went and for which profile. Inserting prunes the oldest calls beyond the
//! retention setting.

use super::history_codec::{pack, unpack};
use super::history_index::{index_call, CallText};
use super::{from_ms, Store, StoreError};
use chrono::{DateTime, Utc};
use qimen_core::captured::{CapturedRequest, ParamPlace};
use qimen_core::protocol::request::PreparedRequest;
use qimen_core::protocol::response::ApiResult;
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::{mask_each, tokens_in};
use qimen_core::sign::SignMethod;
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Response bodies longer than this (10 MiB) are stored cut, with `response_truncated` set.
pub const RESPONSE_CAP_BYTES: usize = 10 * 1024 * 1024;

/// Who made a call, where it went, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOrigin {
    pub profile_id: Option<i64>,
    pub profile_name: String,
    /// The environment's label as shown to the user (`本地网关`, `Sandbox` …).
    pub environment: String,
    pub at: DateTime<Utc>,
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CallOutcome {
    /// `None` when no HTTP answer arrived (refused, timed out).
    pub http_status: Option<u16>,
    pub latency_ms: u64,
    pub body: String,
    pub success: bool,
    pub code: Option<String>,
    pub sub_code: Option<String>,
    pub message: Option<String>,
    pub sub_message: Option<String>,
}

impl CallOutcome {
    /// An answer that was parsed into a result.
    pub fn answered(http_status: u16, latency_ms: u64, body: String, result: &ApiResult) -> Self {
        CallOutcome {
            http_status: Some(http_status),
            latency_ms,
            body,
            success: result.success,
            code: result.code.clone(),
            sub_code: result.sub_code.clone(),
            message: result.message.clone(),
            sub_message: result.sub_message.clone(),
        }
    }

    /// A call that got no HTTP answer; `message` says why (connection refused, timeout …).
    pub fn unanswered(latency_ms: u64, message: impl Into<String>) -> Self {
        CallOutcome {
            latency_ms,
            message: Some(message.into()),
            ..CallOutcome::default()
        }
    }
}

/// A call ready to be written. Built only from a [`PreparedRequest`] or a [`CapturedRequest`],
/// which it masks itself, so a caller cannot store a session by forgetting to redact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRecord {
    origin: CallOrigin,
    endpoint: String,
    method: String,
    family: ApiFamily,
    request_json: String,
    outcome: CallOutcome,
    response_size: u64,
    response_truncated: bool,
}

impl HistoryRecord {
    pub fn new(
        request: &PreparedRequest,
        origin: CallOrigin,
        outcome: CallOutcome,
    ) -> Result<HistoryRecord, StoreError> {
        // Serialising a request writes it with its tokens masked.
        let request_json = serde_json::to_string(request).map_err(unsaveable)?;
        // Every token the call carried (the session, an OAuth code, a refresh token) and every token
        // its answer hands out (`access_token`, `refresh_token`, inside `token_result` too) is masked
        // wherever it appears before anything reaches the file or its full-text index: the platform
        // may echo a value back in an error message. Very short values are left alone: they are not
        // real tokens and would mask ordinary text.
        let tokens = request.tokens_with(&outcome.body);
        Ok(HistoryRecord::kept(
            Sent {
                json: request_json,
                endpoint: request.endpoint.clone(),
                method: request.param("method").unwrap_or_default().to_string(),
                family: request.family,
            },
            &tokens,
            origin,
            outcome,
        ))
    }

    /// A request another system sent (one the traffic relay recorded) and the answer it got, to
    /// `endpoint`. Kept in the shape of a console call's request (query and form pairs, the raw
    /// body, the sign method), tokens masked as [`HistoryRecord::new`] masks them, so history
    /// lists, searches, opens and re-sends it like any other call.
    pub fn captured(
        request: &CapturedRequest,
        endpoint: &str,
        origin: CallOrigin,
        outcome: CallOutcome,
    ) -> Result<HistoryRecord, StoreError> {
        let shown = request.redacted();
        let pairs = |place: ParamPlace| -> Vec<(String, String)> {
            shown
                .params
                .iter()
                .filter(|p| p.place == place)
                .map(|p| (p.name.clone(), p.value.clone()))
                .collect()
        };
        let body = shown.signed_body().map(|text| {
            serde_json::json!({
                "content_type": shown.content_type.clone().unwrap_or_default(),
                "text": text,
            })
        });
        let request_json = serde_json::to_string(&serde_json::json!({
            "family": shown.family(),
            "endpoint": endpoint,
            "query": pairs(ParamPlace::Query),
            "form": pairs(ParamPlace::Form),
            "body": body,
            "signature": { "method": SignMethod::from_param(shown.param("sign_method")) },
        }))
        .map_err(unsaveable)?;
        let mut tokens = request.tokens();
        tokens.extend(tokens_in(&outcome.body));
        Ok(HistoryRecord::kept(
            Sent {
                json: request_json,
                endpoint: endpoint.to_string(),
                method: shown.param("method").unwrap_or_default().to_string(),
                family: shown.family(),
            },
            &tokens,
            origin,
            outcome,
        ))
    }

    /// The record of a request (already masked) and its answer, with every one of `tokens` masked
    /// in the answer and the body cut at [`RESPONSE_CAP_BYTES`].
    fn kept(sent: Sent, tokens: &[String], origin: CallOrigin, outcome: CallOutcome) -> Self {
        let scrub = |text: String| mask_each(text, tokens);
        let scrub_opt = |text: Option<String>| text.map(scrub);
        let body = scrub(outcome.body);
        let response_size = body.len() as u64;
        let (body, response_truncated) = cap(body, RESPONSE_CAP_BYTES);
        let outcome = CallOutcome {
            body,
            code: scrub_opt(outcome.code),
            sub_code: scrub_opt(outcome.sub_code),
            message: scrub_opt(outcome.message),
            sub_message: scrub_opt(outcome.sub_message),
            ..outcome
        };
        HistoryRecord {
            origin,
            endpoint: sent.endpoint,
            method: sent.method,
            family: sent.family,
            request_json: sent.json,
            outcome,
            response_size,
            response_truncated,
        }
    }
}

/// A request as history keeps it: its JSON (tokens masked) and the columns read from it.
struct Sent {
    json: String,
    endpoint: String,
    method: String,
    family: ApiFamily,
}

fn unsaveable(e: serde_json::Error) -> StoreError {
    StoreError::BadValue {
        field: "request",
        en: format!("cannot be saved to history ({e})"),
        zh: format!("无法写入历史记录（{e}）"),
    }
}

/// Cuts `text` to at most `limit` bytes on a character boundary.
fn cap(mut text: String, limit: usize) -> (String, bool) {
    if text.len() <= limit {
        return (text, false);
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    (text, true)
}

/// A call as the history list shows it (no bodies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistorySummary {
    pub id: i64,
    /// `None` once the profile has been deleted.
    pub profile_id: Option<i64>,
    pub profile_name: String,
    pub environment: String,
    pub endpoint: String,
    pub method: String,
    pub family: ApiFamily,
    pub http_status: Option<u16>,
    pub success: bool,
    pub code: Option<String>,
    pub sub_code: Option<String>,
    pub message: Option<String>,
    pub sub_message: Option<String>,
    pub latency_ms: u64,
    /// The whole body's size in bytes, even when only part was kept.
    pub response_size: u64,
    pub response_truncated: bool,
    pub created_at: DateTime<Utc>,
}

/// One call in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    #[serde(flatten)]
    pub summary: HistorySummary,
    /// The prepared request as sent, session masked (`PreparedRequest` as JSON).
    pub request: serde_json::Value,
    /// The response body (cut at [`RESPONSE_CAP_BYTES`] when `response_truncated`).
    pub response: String,
}

pub(super) const SUMMARY_COLUMNS: &str = "id, profile_id, profile_name, environment, endpoint, \
     method, family, http_status, success, code, sub_code, message, sub_message, latency_ms, \
     response_size, response_truncated, created_at";

pub(super) fn read_summary(row: &Row<'_>) -> rusqlite::Result<HistorySummary> {
    let family: String = row.get(6)?;
    Ok(HistorySummary {
        id: row.get(0)?,
        profile_id: row.get(1)?,
        profile_name: row.get(2)?,
        environment: row.get(3)?,
        endpoint: row.get(4)?,
        method: row.get(5)?,
        // A family this build does not know (a hand-edited file) reads as TOP, the plain protocol.
        family: serde_json::from_value(serde_json::Value::String(family)).unwrap_or(ApiFamily::Top),
        http_status: row.get(7)?,
        success: row.get(8)?,
        code: row.get(9)?,
        sub_code: row.get(10)?,
        message: row.get(11)?,
        sub_message: row.get(12)?,
        latency_ms: row.get::<_, i64>(13)?.max(0) as u64,
        response_size: row.get::<_, i64>(14)?.max(0) as u64,
        response_truncated: row.get(15)?,
        created_at: from_ms(row.get(16)?),
    })
}

fn family_text(family: ApiFamily) -> String {
    match serde_json::to_value(family) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "top".to_string(),
    }
}

impl Store {
    /// Writes a call, then prunes the oldest calls beyond the retention setting.
    pub fn history_insert(&self, record: &HistoryRecord) -> Result<HistorySummary, StoreError> {
        let mut conn = self.conn();
        let retention = super::settings::retention(&conn)?;
        let tx = super::write_tx(&mut conn)?;
        // A profile deleted while its call was in flight: keep the call, unattached, like the
        // calls of any deleted profile.
        let profile_id = match record.origin.profile_id {
            Some(id) => tx
                .prepare_cached("SELECT id FROM profiles WHERE id = ?1")?
                .query_row([id], |r| r.get::<_, i64>(0))
                .optional()?,
            None => None,
        };
        let o = &record.outcome;
        let created_at = record.origin.at.timestamp_millis();
        tx.prepare_cached(
            "INSERT INTO history (profile_id, profile_name, environment, endpoint, method, family, \
             http_status, success, code, sub_code, message, sub_message, latency_ms, request, \
             response, response_size, response_truncated, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?
        .execute(params![
            profile_id,
            record.origin.profile_name,
            record.origin.environment,
            record.endpoint,
            record.method,
            family_text(record.family),
            o.http_status,
            o.success,
            o.code,
            o.sub_code,
            o.message,
            o.sub_message,
            i64::try_from(o.latency_ms).unwrap_or(i64::MAX),
            pack(&record.request_json),
            pack(&o.body),
            i64::try_from(record.response_size).unwrap_or(i64::MAX),
            record.response_truncated,
            created_at,
        ])?;
        let id = tx.last_insert_rowid();
        let searched = CallText {
            method: &record.method,
            code: o.code.as_deref(),
            sub_code: o.sub_code.as_deref(),
            message: o.message.as_deref(),
            sub_message: o.sub_message.as_deref(),
            endpoint: &record.endpoint,
            request_json: &record.request_json,
            response: &o.body,
        };
        index_call(&tx, id, &searched)?;
        prune(&tx, retention)?;
        let summary = summary(&tx, id)?;
        tx.commit()?;
        Ok(summary)
    }

    pub fn history_get(&self, id: i64) -> Result<HistoryEntry, StoreError> {
        let conn = self.conn();
        let found = conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS}, request, response FROM history WHERE id = ?1"
            ))?
            .query_row([id], |row| {
                let body = |i: usize| {
                    unpack(row.get_ref(i)?).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(i, Type::Blob, e.into())
                    })
                };
                let request = body(17)?;
                Ok(HistoryEntry {
                    summary: read_summary(row)?,
                    request: serde_json::from_str(&request)
                        .unwrap_or(serde_json::Value::String(request)),
                    response: body(18)?,
                })
            })
            .optional()?;
        found.ok_or(StoreError::HistoryNotFound(id))
    }

    pub fn history_delete(&self, id: i64) -> Result<(), StoreError> {
        let changed = self
            .conn()
            .execute("DELETE FROM history WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(StoreError::HistoryNotFound(id));
        }
        Ok(())
    }

    /// Deletes every call; returns how many there were.
    pub fn history_clear(&self) -> Result<u64, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let n = tx.execute("DELETE FROM history", [])?;
        // The indexes are empty now: drop what is left of their deleted rows too, and start the
        // time order afresh.
        tx.execute_batch(
            "INSERT INTO history_fts (history_fts) VALUES ('delete-all'); \
             INSERT INTO history_grams (history_grams) VALUES ('delete-all'); \
             UPDATE history_stats SET calls = 0, skew_ms = 0;",
        )?;
        tx.commit()?;
        Ok(n as u64)
    }
}

fn summary(conn: &Connection, id: i64) -> Result<HistorySummary, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM history WHERE id = ?1"
    ))?
    .query_row([id], read_summary)
    .optional()?
    .ok_or(StoreError::HistoryNotFound(id))
}

/// Keeps the newest `retention` calls: deletes the oldest beyond it, found from the kept count
/// without counting the table.
pub(super) fn prune(conn: &Connection, retention: u32) -> Result<u64, StoreError> {
    let calls: i64 = conn
        .prepare_cached("SELECT calls FROM history_stats")?
        .query_row([], |r| r.get(0))?;
    let over = calls - i64::from(retention);
    if over <= 0 {
        return Ok(0);
    }
    let n = conn
        .prepare_cached(
            "DELETE FROM history WHERE id IN (SELECT id FROM history \
             ORDER BY created_at ASC, id ASC LIMIT ?1)",
        )?
        .execute([over])?;
    Ok(n as u64)
}

#[cfg(test)]
mod tests {
    use super::cap;

    #[test]
    fn cap_cuts_on_a_character_boundary() {
        // "签" is 3 bytes: a 4-byte cap must keep one character, not split the second.
        assert_eq!(cap("签名".to_string(), 4), ("签".to_string(), true));
        assert_eq!(cap("abc".to_string(), 3), ("abc".to_string(), false));
        assert_eq!(cap("abcd".to_string(), 0), (String::new(), true));
    }
}
