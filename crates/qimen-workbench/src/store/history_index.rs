//! The search side of a call, written next to its row in `history` and keyed by the same id:
//! - `history_text`: what people search for in a call, as one text — the method, codes and
//!   messages, the endpoint, the request's parameter values and body, the first
//!   [`SEARCH_PREFIX_BYTES`] of the response. Not the request's time, signature or constant
//!   parameters (a time would make every number match a date), not the signature explanation
//!   (it repeats the parameters), not the rest of a large answer. Stored like a body (deflated
//!   from 1 KiB, see `history_codec`).
//! - `history_fts`: a trigram index of that text (contentless, positions left out, so a fraction
//!   of the size of a full one); a candidate is confirmed against `history_text`.
//! - `history_grams`: the text's short grams (see `history_grams`).

use super::history_codec::{pack, unpack};
use super::history_grams::grams_of;
use rusqlite::{params, Connection};

/// How much of a response (and of a request body) is searchable: the first 64 KiB.
pub(super) const SEARCH_PREFIX_BYTES: usize = 64 * 1024;

/// Request parameters no one searches for: the time (every number would match a date), the
/// signature, the masked session and the constants every call carries. The method is searched
/// through its own column.
const UNSEARCHED_PARAMS: [&str; 8] = [
    "timestamp",
    "sign",
    "sign_method",
    "v",
    "format",
    "method",
    "session",
    "simplify",
];

/// The parts of a call that search looks at, as stored.
pub(super) struct CallText<'a> {
    pub method: &'a str,
    pub code: Option<&'a str>,
    pub sub_code: Option<&'a str>,
    pub message: Option<&'a str>,
    pub sub_message: Option<&'a str>,
    pub endpoint: &'a str,
    /// The stored request (JSON with `query` and `form` pairs and an optional `body.text`).
    pub request_json: &'a str,
    pub response: &'a str,
}

/// `text` cut to at most `limit` bytes on a character boundary.
fn prefix(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The searchable text of a call, one part a line.
pub(super) fn search_text(call: &CallText<'_>) -> String {
    let mut out = String::new();
    let mut line = |part: &str| {
        if !part.is_empty() {
            out.push_str(part);
            out.push('\n');
        }
    };
    line(call.method);
    for part in [call.code, call.sub_code, call.message, call.sub_message]
        .into_iter()
        .flatten()
    {
        line(part);
    }
    line(call.endpoint);
    if let Ok(request) = serde_json::from_str::<serde_json::Value>(call.request_json) {
        for place in ["query", "form"] {
            let pairs = request.get(place).and_then(|p| p.as_array());
            for pair in pairs.into_iter().flatten() {
                let (Some(key), Some(value)) = (
                    pair.get(0).and_then(|k| k.as_str()),
                    pair.get(1).and_then(|v| v.as_str()),
                ) else {
                    continue;
                };
                if !UNSEARCHED_PARAMS.contains(&key) {
                    line(value);
                }
            }
        }
        if let Some(body) = request.pointer("/body/text").and_then(|t| t.as_str()) {
            line(prefix(body, SEARCH_PREFIX_BYTES));
        }
    }
    line(prefix(call.response, SEARCH_PREFIX_BYTES));
    out
}

/// Writes the search side of call `id`: its text, the text's trigram index and its grams.
pub(super) fn index_call(conn: &Connection, id: i64, call: &CallText<'_>) -> rusqlite::Result<()> {
    let text = search_text(call);
    conn.prepare_cached("INSERT INTO history_text (id, body) VALUES (?1, ?2)")?
        .execute(params![id, pack(&text)])?;
    conn.prepare_cached("INSERT INTO history_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![id, text])?;
    conn.prepare_cached("INSERT INTO history_grams (rowid, grams) VALUES (?1, ?2)")?
        .execute(params![id, grams_of(&text)])?;
    Ok(())
}

/// Indexes every call that has no search text yet: the calls of a database written before search
/// had its own tables. Run by the migration that creates them, inside its transaction.
pub(super) fn backfill(conn: &Connection) -> rusqlite::Result<()> {
    let mut rows = conn.prepare(
        "SELECT id, method, code, sub_code, message, sub_message, endpoint, request, \
         response FROM history WHERE id NOT IN (SELECT id FROM history_text) ORDER BY id",
    )?;
    let mut rows = rows.query([])?;
    while let Some(row) = rows.next()? {
        let text = |i: usize| -> rusqlite::Result<String> {
            unpack(row.get_ref(i)?).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, e.into())
            })
        };
        let (request, response) = (text(7)?, text(8)?);
        let (code, sub_code, message, sub_message): (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = (row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?);
        let method: String = row.get(1)?;
        let endpoint: String = row.get(6)?;
        let call = CallText {
            method: &method,
            code: code.as_deref(),
            sub_code: sub_code.as_deref(),
            message: message.as_deref(),
            sub_message: sub_message.as_deref(),
            endpoint: &endpoint,
            request_json: &request,
            response: &response,
        };
        index_call(conn, row.get(0)?, &call)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_holds_what_people_search_and_not_the_time_or_signature() {
        let request = r#"{"family":"top","query":[["method","taobao.trades.sold.get"],
            ["timestamp","2024-05-25 10:25:30"],["sign","0A1B2C"],["tid","3000000000000001"]],
            "form":[["buyer_nick","买家"]],"body":{"content_type":"text/xml","text":"<a>RK1</a>"},
            "signature":{"string_to_sign_masked":"secret-like-repeat"}}"#;
        let long = "餐".repeat(SEARCH_PREFIX_BYTES);
        let call = CallText {
            method: "taobao.trades.sold.get",
            code: Some("25"),
            sub_code: Some("isv.invalid-signature"),
            message: None,
            sub_message: None,
            endpoint: "https://eco.taobao.com/router/rest",
            request_json: request,
            response: &long,
        };
        let text = search_text(&call);
        for wanted in [
            "taobao.trades.sold.get\n25\nisv.invalid",
            "3000000000000001",
            "买家",
            "<a>RK1</a>",
        ] {
            assert!(text.contains(wanted), "{wanted} in {text}");
        }
        for unwanted in ["2024-05-25", "0A1B2C", "string_to_sign", "secret-like"] {
            assert!(!text.contains(unwanted), "{unwanted}");
        }
        // The response is cut at the prefix, on a character boundary.
        let kept = text.lines().last().unwrap_or_default();
        assert!(kept.len() <= SEARCH_PREFIX_BYTES && kept.len() > SEARCH_PREFIX_BYTES - 3);
    }
}
