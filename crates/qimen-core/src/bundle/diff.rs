//! The recorded answer of a bundle's call beside the answer its replay got, line by line.
//!
//! JSON answers are compared as data: both are pretty-printed with their keys sorted first, so a
//! different key order or spacing is no difference. XML and any other text is compared as it is,
//! line by line. The fields a router writes afresh on every call (the `request_id` it hands out,
//! the `time` `taobao.time.get` answers, a `createTime` stamped on receipt) are
//! [`VOLATILE_KEYS`]: their lines still show in the diff, but they do not make two answers differ.
//!
//! The lines themselves are compared by [`super::lines`], bounded so a diff never takes long.

use super::lines::line_diff;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;

/// Keys whose value changes from one call to the next whatever was asked: the router's
/// `request_id` (TOP and Qimen answers alike), the platform clock's `time` and `timestamp`, and
/// the `createTime` a Qimen WMS answer stamps when it receives an order.
pub const VOLATILE_KEYS: [&str; 4] = ["request_id", "time", "timestamp", "createTime"];

/// What a line of the diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// In both answers.
    Same,
    /// Only in the recorded answer.
    Removed,
    /// Only in the replayed answer.
    Added,
}

/// One line of the diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub text: String,
}

/// The recorded answer compared with the replayed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ResponseDiff {
    /// The answers are the same but for the [`VOLATILE_KEYS`].
    pub same: bool,
    /// Every line of both answers (JSON pretty-printed, keys sorted), in order.
    pub lines: Vec<DiffLine>,
    /// The volatile keys whose values differ, in the order of [`VOLATILE_KEYS`].
    pub volatile: Vec<String>,
}

impl ResponseDiff {
    /// Whether any line was removed or added (volatile ones included).
    pub fn has_changes(&self) -> bool {
        self.lines.iter().any(|l| l.kind != DiffKind::Same)
    }
}

/// Compares a recorded answer with a replayed one.
pub fn response_diff(recorded: &str, replayed: &str) -> ResponseDiff {
    let old = Answer::read(recorded);
    let new = Answer::read(replayed);
    let (old_text, new_text) = (old.shown(), new.shown());
    let old_lines: Vec<&str> = old_text.lines().collect();
    let new_lines: Vec<&str> = new_text.lines().collect();
    let volatile = VOLATILE_KEYS
        .iter()
        .filter(|key| old.values_of(key) != new.values_of(key))
        .map(|key| key.to_string())
        .collect();
    ResponseDiff {
        same: old.masked() == new.masked(),
        lines: line_diff(&old_lines, &new_lines),
        volatile,
    }
}

/// An answer as read for comparing: JSON data, or text.
enum Answer<'a> {
    Json(Value),
    Text(&'a str),
}

impl<'a> Answer<'a> {
    fn read(body: &'a str) -> Answer<'a> {
        match serde_json::from_str::<Value>(body.trim_start_matches('\u{feff}')) {
            Ok(value) if value.is_object() || value.is_array() => Answer::Json(sorted(value)),
            _ => Answer::Text(body),
        }
    }

    /// The text the lines are taken from.
    fn shown(&self) -> String {
        match self {
            Answer::Json(value) => serde_json::to_string_pretty(value).unwrap_or_default(),
            Answer::Text(text) => text.to_string(),
        }
    }

    /// The answer with every volatile value blanked, as compared for `same`: JSON as data, text
    /// line by line.
    fn masked(&self) -> Value {
        match self {
            Answer::Json(value) => masked_json(value.clone()),
            Answer::Text(text) => Value::String(masked_xml(text)),
        }
    }

    /// Every value the answer gives under `key`, in order.
    fn values_of(&self, key: &str) -> Vec<String> {
        match self {
            Answer::Json(value) => {
                let mut found = Vec::new();
                json_values(value, key, &mut found);
                found
            }
            Answer::Text(text) => xml_spans(text, key)
                .into_iter()
                .map(|(start, end)| text[start..end].to_string())
                .collect(),
        }
    }
}

/// The value with every object's keys in order, whatever order the parser keeps.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

fn masked_json(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if VOLATILE_KEYS.contains(&k.as_str()) {
                        Value::Null
                    } else {
                        masked_json(v)
                    };
                    (k, v)
                })
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(masked_json).collect()),
        other => other,
    }
}

fn json_values(value: &Value, key: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == key {
                    found.push(v.to_string());
                } else {
                    json_values(v, key, found);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| json_values(v, key, found)),
        _ => {}
    }
}

/// The text with the content of every volatile element emptied, lines ending in `\n`.
fn masked_xml(text: &str) -> String {
    let mut spans: Vec<(usize, usize)> = VOLATILE_KEYS
        .iter()
        .flat_map(|key| xml_spans(text, key))
        .collect();
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        if start >= at {
            out.push_str(&text[at..start]);
            at = end;
        }
    }
    out.push_str(&text[at..]);
    out.lines().collect::<Vec<_>>().join("\n")
}

/// Where the content of each `<key>…</key>` element of the text lies, as byte ranges.
fn xml_spans(text: &str, key: &str) -> Vec<(usize, usize)> {
    let open = format!("<{key}");
    let close = format!("</{key}>");
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(&open) {
        let name_end = from + found + open.len();
        from = name_end;
        // `<key>` or `<key attr="…">`, not a longer name such as `<timestamp>` for `time`.
        if !text[name_end..].starts_with(|c: char| c == '>' || c.is_whitespace()) {
            continue;
        }
        let Some(tag_end) = text[name_end..].find('>').map(|i| name_end + i + 1) else {
            break;
        };
        if text[..tag_end].ends_with("/>") {
            continue;
        }
        let Some(content_end) = text[tag_end..].find(&close).map(|i| tag_end + i) else {
            break;
        };
        spans.push((tag_end, content_end));
        from = content_end + close.len();
    }
    spans
}
