//! Reader of a raw HTTP/1.x request as a capture tool shows it: the request line
//! (`POST /router/qimen/service?… HTTP/1.1`, or with an absolute address), the headers, a blank
//! line and the body, with CRLF or LF line ends.

use super::url::{has_scheme, read_address};
use super::wire::{
    date_header, guess_content_type, header, is_form_type, read_pairs, starts_like_document,
};
use super::{CaptureProblem, Origin, Paste, ProblemKind};
use crate::captured::{CaptureSource, CapturedRequest, ParamPlace};

const METHODS: [&str; 9] = [
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT",
];

/// Whether a first line starts like a request line: its first word is an HTTP method.
pub(super) fn is_request_line_start(line: &str) -> bool {
    let word = line.split([' ', '\t', '\r']).next().unwrap_or("");
    METHODS.contains(&word)
}

/// One line of the paste: where it starts, its text without the line end, where the next starts.
#[derive(Clone, Copy)]
struct Line<'a> {
    at: usize,
    text: &'a str,
    next: usize,
}

fn lines<'a>(paste: &Paste<'a>, start: usize) -> Vec<Line<'a>> {
    let text = &paste.text[..paste.end];
    let mut at = start;
    let mut out = Vec::new();
    for piece in text[start..].split_inclusive('\n') {
        let content = piece.strip_suffix('\n').unwrap_or(piece);
        let content = content.strip_suffix('\r').unwrap_or(content);
        out.push(Line {
            at,
            text: content,
            next: at + piece.len(),
        });
        at += piece.len();
    }
    out
}

/// Reads a paste that starts with a request line.
pub(super) fn read(paste: &Paste, start: usize) -> Result<CapturedRequest, CaptureProblem> {
    let lines = lines(paste, start);
    let first = lines.first().copied().unwrap_or(Line {
        at: start,
        text: "",
        next: start,
    });
    let (method, target, target_at) = request_line(paste, &first)?;

    let mut headers: Vec<(String, String)> = Vec::new();
    let mut body_at = None;
    for line in lines.iter().skip(1) {
        if line.text.trim().is_empty() {
            body_at = Some(line.next);
            break;
        }
        if line.text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                // An old-style folded header: the line continues the previous value.
                value.push(' ');
                value.push_str(line.text.trim());
                continue;
            }
        }
        match line.text.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() && !name.trim().contains(' ') => {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            }
            _ => {
                return Err(paste
                    .problem(ProblemKind::BadHeader, line.at)
                    .about(line.text))
            }
        }
    }

    let target_origin = Origin::At(target_at);
    let address = if has_scheme(target) {
        read_address(paste, target, target_origin)?
    } else {
        let Some(host) = header(&headers, "host").filter(|h| !h.is_empty()) else {
            return Err(paste
                .problem(ProblemKind::MissingHost, target_at)
                .about(first.text));
        };
        let forwarded = header(&headers, "x-forwarded-proto").unwrap_or("");
        let https = host.ends_with(":443")
            || forwarded
                .split(',')
                .next()
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
        let scheme = if https { "https://" } else { "http://" };
        let url = format!("{scheme}{host}{target}");
        // The host's bytes point at the target too: a problem in it is shown on the first line.
        let mut table = vec![target_at; scheme.len() + host.len()];
        table.extend((0..target.len()).map(|i| target_at + i));
        read_address(paste, &url, Origin::Table(&table))?
    };

    let mut body = body_at
        .and_then(|at| paste.text.get(at..paste.end))
        .filter(|b| !b.is_empty());
    if let (Some(b), Some(length)) = (body, header(&headers, "content-length")) {
        if let Ok(length) = length.trim().parse::<usize>() {
            if length < b.len() && b.is_char_boundary(length) {
                body = Some(&b[..length]);
            }
        }
    }
    let mut params = address.params;
    let content_type = match header(&headers, "content-type") {
        Some(ct) => Some(ct.to_string()),
        None => body.and_then(guess_content_type),
    };
    if let (Some(b), Some(ct), Some(at)) = (body, content_type.as_deref(), body_at) {
        if is_form_type(ct) && !starts_like_document(b) {
            read_pairs(paste, b, Origin::At(at), ParamPlace::Form, &mut params)?;
        }
    }
    Ok(CapturedRequest {
        source: CaptureSource::RawHttp,
        http_method: method.to_ascii_uppercase(),
        url: Some(address.url),
        raw_query: address.raw_query,
        params,
        sent_at: date_header(&headers),
        headers,
        body: body.map(str::to_string),
        content_type,
    })
}

/// `METHOD target HTTP/x.y`: the method, the target and where the target starts.
fn request_line<'a>(
    paste: &Paste,
    line: &Line<'a>,
) -> Result<(&'a str, &'a str, usize), CaptureProblem> {
    let text = line.text;
    let mut parts = Vec::new();
    let mut at = 0;
    for part in text.split(' ') {
        if !part.is_empty() {
            parts.push((part, line.at + at));
        }
        at += part.len() + 1;
    }
    let bad = |offset: usize| {
        paste
            .problem(ProblemKind::BadRequestLine, offset)
            .about(text)
    };
    let end = line.at + text.len();
    let (method, _) = parts.first().copied().ok_or_else(|| bad(line.at))?;
    let (target, target_at) = parts.get(1).copied().ok_or_else(|| bad(end))?;
    if !(target.starts_with('/') || has_scheme(target)) {
        return Err(bad(target_at));
    }
    let (version, version_at) = parts.get(2).copied().ok_or_else(|| bad(end))?;
    let digits = version.strip_prefix("HTTP/").unwrap_or("");
    let version_ok = !digits.is_empty()
        && digits.split('.').count() <= 2
        && digits
            .split('.')
            .all(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    if !version_ok {
        return Err(bad(version_at));
    }
    if let Some(&(_, extra_at)) = parts.get(3) {
        return Err(bad(extra_at));
    }
    Ok((method, target, target_at))
}
