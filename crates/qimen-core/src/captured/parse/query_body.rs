//! Reader of a bare query string (`method=…&app_key=…`, no scheme, no request line) on the first
//! line, then optionally a blank line and a body.

use super::wire::{guess_content_type, looks_like_form, read_pairs, FORM_CONTENT_TYPE};
use super::{CaptureProblem, Origin, Paste};
use crate::captured::{CaptureSource, CapturedParam, CapturedRequest, ParamPlace};

/// Whether a line reads as a query string: a `name=` first, the name without white space or the
/// characters of an address.
pub(super) fn looks_like_query(line: &str) -> bool {
    let line = line.strip_prefix('?').unwrap_or(line);
    match line.split_once('=') {
        Some((name, _)) => {
            let name = name.split('&').next_back().unwrap_or(name);
            !name.is_empty()
                && !name.contains(|c: char| {
                    c.is_whitespace()
                        || matches!(c, '/' | ':' | '?' | '#' | '<' | '>' | '{' | '}' | '"')
                })
        }
        None => false,
    }
}

/// A body pasted after the query or the address, with no headers to say what it is.
#[derive(Debug, Default)]
pub(super) struct LooseBody {
    pub body: Option<String>,
    pub content_type: Option<String>,
}

/// Reads what follows the first line (which ends at byte `from`): blank lines are skipped and the
/// rest, to the end of the paste, is the body. XML and JSON are recognised by their first
/// character; a one-line `name=value&…` body is read as a form, its parameters added to `params`.
pub(super) fn read_loose_body(
    paste: &Paste,
    from: usize,
    params: &mut Vec<CapturedParam>,
) -> Result<LooseBody, CaptureProblem> {
    let rest = paste.text.get(from..paste.end).unwrap_or("");
    let mut skipped = 0;
    for line in rest.split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        skipped += line.len();
    }
    let body = &rest[skipped..];
    if body.is_empty() {
        return Ok(LooseBody::default());
    }
    let content_type = if looks_like_form(body) {
        read_pairs(
            paste,
            body,
            Origin::At(from + skipped),
            ParamPlace::Form,
            params,
        )?;
        Some(FORM_CONTENT_TYPE.to_string())
    } else {
        guess_content_type(body)
    };
    Ok(LooseBody {
        body: Some(body.to_string()),
        content_type,
    })
}

/// Reads a paste that starts with a query string.
pub(super) fn read(paste: &Paste, start: usize) -> Result<CapturedRequest, CaptureProblem> {
    let text = &paste.text[start..paste.end];
    let line_len = text.find('\n').unwrap_or(text.len());
    let line = text[..line_len].trim_end();
    let skip = usize::from(line.starts_with('?'));
    let raw_query = &line[skip..];
    let mut params = Vec::new();
    read_pairs(
        paste,
        raw_query,
        Origin::At(start + skip),
        ParamPlace::Query,
        &mut params,
    )?;
    let body = read_loose_body(paste, start + line_len, &mut params)?;
    Ok(CapturedRequest {
        source: CaptureSource::QueryAndBody,
        http_method: if body.body.is_some() { "POST" } else { "GET" }.to_string(),
        url: None,
        raw_query: raw_query.to_string(),
        params,
        headers: Vec::new(),
        body: body.body,
        content_type: body.content_type,
        sent_at: None,
    })
}
