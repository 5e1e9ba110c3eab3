//! Reader of an SDK log line: a date-time first and an `http(s)://` address inside.
//!
//! The official Java SDK logs a failed call as fields joined by `^_^`: the time
//! (`yyyy-MM-dd HH:mm:ss.SSS`, GMT+8), the AppKey, the API name, the machine's IP, its OS, the
//! latency in milliseconds, the router address (without a query), every parameter sent (system
//! and business, URL-encoded as one `a=b&c=d` string), then the response or error text. Other
//! loggers print the whole address with its query. Either way the time becomes `sent_at` and the
//! address is read as an address; a parameter string right after it (the next `^_^` field, or
//! after a `params:` / `body:` / `参数:` label) is read as a form body, since the log does not say
//! where each parameter travelled.

use super::url::read_address;
use super::wire::{looks_like_form, read_pairs, FORM_CONTENT_TYPE};
use super::{CaptureProblem, Origin, Paste, ProblemKind};
use crate::captured::{CaptureSource, CapturedRequest, ParamPlace};
use crate::clock::{gmt8, TOP_TIMESTAMP_FORMAT};
use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, TimeZone, Utc};

/// The official SDK's field separator.
const SPLIT: &str = "^_^";

/// Labels other loggers put before the parameters they print after the address.
const PARAM_LABELS: [&str; 8] = [
    "params:",
    "param:",
    "body:",
    "form:",
    "参数:",
    "参数：",
    "请求参数:",
    "请求参数：",
];

/// Whether a paste is a log line: it starts with a date-time and holds an `http(s)://` address.
pub(super) fn is_log_line(text: &str) -> bool {
    leading_time(text).is_some() && find_address(text).is_some()
}

/// Where the first `http://` or `https://` starts.
fn find_address(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    [lower.find("http://"), lower.find("https://")]
        .into_iter()
        .flatten()
        .min()
}

/// A line's leading time: `[`? `yyyy-MM-dd HH:mm:ss` (or `T`), then optionally `.SSS` / `,SSS`
/// and a zone (`Z`, `+08:00`, `+0800`); without a zone it is GMT+8, the platform's zone.
fn leading_time(line: &str) -> Option<DateTime<Utc>> {
    let line = line.strip_prefix('[').unwrap_or(line);
    let head = line.get(..19)?;
    let shape_ok = head.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        10 => b == b' ' || b == b'T',
        13 | 16 => b == b':',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    let normal = format!("{} {}", &head[..10], &head[11..]);
    let naive = NaiveDateTime::parse_from_str(&normal, TOP_TIMESTAMP_FORMAT).ok()?;
    let mut rest = &line[19..];
    let mut nanos = 0i64;
    if let Some(fraction) = rest.strip_prefix(['.', ',']) {
        let digits = fraction
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count()
            .min(9);
        if digits > 0 {
            let value: i64 = fraction[..digits].parse().ok()?;
            nanos = value * 10i64.pow(9 - digits as u32);
            rest = &fraction[digits..];
        }
    }
    let zone = zone(rest).unwrap_or_else(gmt8);
    let at = zone.from_local_datetime(&naive).single()?;
    Some(at.with_timezone(&Utc) + Duration::nanoseconds(nanos))
}

fn zone(text: &str) -> Option<FixedOffset> {
    if text.starts_with('Z') {
        return FixedOffset::east_opt(0);
    }
    let sign = match text.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits: String = text[1..]
        .chars()
        .take(5)
        .filter(char::is_ascii_digit)
        .take(4)
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Reads a paste that starts with a log time.
pub(super) fn read(paste: &Paste, start: usize) -> Result<CapturedRequest, CaptureProblem> {
    let text = &paste.text[start..paste.end];
    let Some(url_at) = find_address(text) else {
        return Err(paste.problem(ProblemKind::NotARequest, start));
    };
    let line_start = text[..url_at].rfind('\n').map_or(0, |i| i + 1);
    let sent_at = leading_time(&text[line_start..]).or_else(|| leading_time(text));
    let line_end = text[url_at..].find('\n').map_or(text.len(), |i| url_at + i);
    let line = text[url_at..line_end].trim_end_matches('\r');

    let mut url_len = line
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
        .unwrap_or(line.len());
    url_len = url_len.min(line.find(SPLIT).unwrap_or(line.len()));
    let url = line[..url_len].trim_end_matches([',', ';', '.', ')', ']', '}']);
    let mut found = read_address(paste, url, Origin::At(start + url_at))?;

    let after = &line[url_len..];
    let form = form_after(after).filter(|(_, field)| looks_like_form(field));
    let mut body = None;
    if let Some((at, field)) = form {
        let origin = Origin::At(start + url_at + url_len + at);
        read_pairs(paste, field, origin, ParamPlace::Form, &mut found.params)?;
        body = Some(field.to_string());
    }
    Ok(CapturedRequest {
        source: CaptureSource::SdkLog,
        http_method: if body.is_some() { "POST" } else { "GET" }.to_string(),
        url: Some(found.url),
        raw_query: found.raw_query,
        params: found.params,
        headers: Vec::new(),
        content_type: body.as_ref().map(|_| FORM_CONTENT_TYPE.to_string()),
        body,
        sent_at,
    })
}

/// The parameter string printed right after the address, with its offset in `after`: the next
/// `^_^` field, or the word after a label.
fn form_after(after: &str) -> Option<(usize, &str)> {
    if let Some(field) = after.strip_prefix(SPLIT) {
        let len = field.find(SPLIT).unwrap_or(field.len());
        let trimmed = field[..len].trim_start();
        let at = SPLIT.len() + (len - field[..len].trim_start().len());
        return Some((at, trimmed.trim_end()));
    }
    let lower = after.to_ascii_lowercase();
    let label_end = PARAM_LABELS
        .iter()
        .filter_map(|label| lower.find(label).map(|i| i + label.len()))
        .min()?;
    let rest = &after[label_end..];
    let word_at = rest.len() - rest.trim_start().len();
    let word = &rest[word_at..];
    let len = word
        .find(|c: char| c.is_whitespace())
        .unwrap_or(word.len())
        .min(word.find(SPLIT).unwrap_or(word.len()));
    Some((label_end + word_at, &word[..len]))
}
