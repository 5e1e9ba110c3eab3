//! Parameters as a Java servlet reads them (`&`-separated `name=value` pairs, `+` as a space,
//! percent escapes as UTF-8 bytes), and what a body is when nobody said.

use super::{CaptureProblem, Origin, Paste, ProblemKind};
use crate::captured::{CapturedParam, ParamPlace};
use chrono::{DateTime, Utc};

/// The `Content-Type` the SDKs send with a form body.
pub(super) const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded;charset=UTF-8";

/// One `name=value` piece of `a=b&c=d`: where it starts, its raw name and value, and where the
/// value starts.
struct Piece<'a> {
    at: usize,
    raw_name: &'a str,
    raw_value: &'a str,
    value_at: usize,
    /// The piece has a `=`.
    has_eq: bool,
    /// One past the piece and its `&`.
    next: usize,
}

/// The non-empty pieces of `a=b&c=d`, in order.
fn pieces(raw: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut at = 0;
    raw.split('&').filter_map(move |piece| {
        let here = at;
        at += piece.len() + 1;
        if piece.is_empty() {
            return None;
        }
        let (raw_name, raw_value, value_at) = match piece.find('=') {
            Some(eq) => (&piece[..eq], &piece[eq + 1..], here + eq + 1),
            None => (piece, "", here + piece.len()),
        };
        Some(Piece {
            at: here,
            raw_name,
            raw_value,
            value_at,
            has_eq: piece.contains('='),
            next: at,
        })
    })
}

/// Reads `a=b&c=d` (a query string or a form body) into `out`, in order. Empty pieces (`a=1&&b=2`)
/// and pieces without a name (`=x`) are skipped, as a servlet does; a piece without `=` is a name
/// with an empty value.
pub(super) fn read_pairs(
    paste: &Paste,
    raw: &str,
    origin: Origin,
    place: ParamPlace,
    out: &mut Vec<CapturedParam>,
) -> Result<(), CaptureProblem> {
    let ends_paste = origin.offset(raw.len()) >= paste.end;
    for piece in pieces(raw) {
        let last = ends_paste && piece.next > raw.len();
        let name_last = last && !piece.has_eq;
        let name = decode(
            paste,
            piece.raw_name,
            origin.from(piece.at),
            piece.raw_name,
            name_last,
        )?;
        if name.is_empty() {
            continue;
        }
        let value = decode(
            paste,
            piece.raw_value,
            origin.from(piece.value_at),
            &name,
            last,
        )?;
        out.push(CapturedParam {
            name,
            value,
            raw: piece.raw_value.to_string(),
            place,
        });
    }
    Ok(())
}

/// [`read_pairs`] for bytes received on the wire, which are what they are and cannot be refused:
/// a bad escape is kept as written, and bytes that are not UTF-8 read as U+FFFD, as a Java
/// servlet decoding UTF-8 reads them.
pub(super) fn read_pairs_lenient(raw: &str, place: ParamPlace, out: &mut Vec<CapturedParam>) {
    for piece in pieces(raw) {
        let name = decode_lenient(piece.raw_name);
        if name.is_empty() {
            continue;
        }
        out.push(CapturedParam {
            name,
            value: decode_lenient(piece.raw_value),
            raw: piece.raw_value.to_string(),
            place,
        });
    }
}

/// Percent escapes and `+` undone: the bytes, and for each where it starts in `raw`. A bad escape
/// is an error at its index, or, `lenient`, kept as written.
fn unescape(raw: &str, lenient: bool) -> Result<(Vec<u8>, Vec<usize>), usize> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut from = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let high = bytes.get(i + 1).and_then(|&b| hex(b));
                let low = bytes.get(i + 2).and_then(|&b| hex(b));
                if let (Some(high), Some(low)) = (high, low) {
                    out.push(high * 16 + low);
                    from.push(i);
                    i += 3;
                    continue;
                }
                if !lenient {
                    return Err(i);
                }
                out.push(b'%');
            }
            b => out.push(b),
        }
        from.push(i);
        i += 1;
    }
    Ok((out, from))
}

fn decode_lenient(raw: &str) -> String {
    match unescape(raw, true) {
        Ok((bytes, _)) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => raw.to_string(),
    }
}

/// Percent-decodes one name or value. `subject` names the parameter in a problem; `at_end` says
/// the text ends where the paste ends, so that a cut escape reads as a half-copied paste.
fn decode(
    paste: &Paste,
    raw: &str,
    origin: Origin,
    subject: &str,
    at_end: bool,
) -> Result<String, CaptureProblem> {
    let (out, from) = unescape(raw, false).map_err(|i| {
        let bytes = raw.as_bytes();
        let cut = at_end && bytes[i + 1..].iter().all(|&b| hex(b).is_some());
        let kind = if cut {
            ProblemKind::TruncatedEscape
        } else {
            ProblemKind::BadEscape
        };
        paste.problem(kind, origin.offset(i)).about(subject)
    })?;
    String::from_utf8(out).map_err(|e| {
        let bad = e.utf8_error();
        let at = from.get(bad.valid_up_to()).copied().unwrap_or(0);
        let kind = if at_end && bad.error_len().is_none() {
            ProblemKind::TruncatedEscape
        } else {
            ProblemKind::NotUtf8
        };
        paste.problem(kind, origin.offset(at)).about(subject)
    })
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Whether a `Content-Type` is a form of parameters.
pub(super) fn is_form_type(content_type: &str) -> bool {
    content_type
        .to_ascii_lowercase()
        .contains("x-www-form-urlencoded")
}

/// Whether a body starts like XML or JSON, i.e. cannot be a form whatever its type says.
pub(super) fn starts_like_document(body: &str) -> bool {
    body.trim_start().starts_with(['<', '{', '['])
}

/// The type of a body sent without a `Content-Type`: XML or JSON by its first character.
pub(super) fn guess_content_type(body: &str) -> Option<String> {
    match body.trim_start().chars().next() {
        Some('<') => Some("text/xml;charset=utf-8".to_string()),
        Some('{' | '[') => Some("application/json;charset=utf-8".to_string()),
        _ => None,
    }
}

/// Whether a body with no stated type reads as a form: one line of `name=value` pairs whose
/// names have no white space.
pub(super) fn looks_like_form(body: &str) -> bool {
    let body = body.trim();
    !body.is_empty()
        && !starts_like_document(body)
        && !body.contains(['\n', '\r'])
        && body.contains('=')
        && body.split('&').filter(|p| !p.is_empty()).all(|piece| {
            let name = piece.split('=').next().unwrap_or("");
            !name.is_empty() && !name.contains(char::is_whitespace)
        })
}

/// The instant of a `Date` header (RFC 2822 / HTTP date), when one is given and readable.
pub(super) fn date_header(headers: &[(String, String)]) -> Option<DateTime<Utc>> {
    let (_, value) = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("date"))?;
    DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// The value of the first header with this name, ignoring case.
pub(super) fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
