//! Reading what a support engineer pasted into a [`CapturedRequest`]: the kind of text is detected,
//! then one reader per kind takes it apart.
//!
//! | reader | input |
//! | --- | --- |
//! | [`url`] | a full `http(s)://host/path?query` address |
//! | [`curl`] (with [`curl_options`], [`shell`], [`ansi_c`] and [`cmd`]) | a curl command, bash or Windows cmd quoting |
//! | [`raw_http`] | a raw HTTP request: request line, headers, blank line, body |
//! | [`query_body`] | a query string, then optionally a blank line and a body |
//! | [`sdk_log`] | a line of an SDK's log: a date-time first, an address inside |
//! | [`received`] | not a paste: a request a listener received ([`CapturedRequest::from_wire`]) |
//!
//! [`wire`] decodes parameters as a Java servlet does and guesses a body's type; [`problem`]
//! words what went wrong.

mod ansi_c;
mod cmd;
mod curl;
mod curl_options;
mod problem;
mod query_body;
mod raw_http;
mod received;
mod sdk_log;
mod shell;
mod url;
mod wire;

#[cfg(test)]
mod curl_tests;
#[cfg(test)]
mod problem_tests;
#[cfg(test)]
mod query_body_tests;
#[cfg(test)]
mod raw_http_tests;
#[cfg(test)]
mod sdk_log_tests;
#[cfg(test)]
mod url_tests;

pub use problem::{CaptureProblem, ProblemKind, TextPosition};

use super::{CaptureSource, CapturedRequest};

/// The largest paste read, in bytes: far above any real request.
pub const MAX_PASTE_BYTES: usize = 4 * 1024 * 1024;

/// Reads a pasted request: a URL, a curl command, a raw HTTP request, a query string plus a body,
/// or an SDK log line. Never panics; anything else is a [`CaptureProblem`] saying where reading
/// stopped.
pub fn parse(text: &str) -> Result<CapturedRequest, CaptureProblem> {
    let paste = Paste::new(text);
    if text.len() > MAX_PASTE_BYTES {
        return Err(CaptureProblem::new(ProblemKind::TooLarge, None));
    }
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(paste
            .problem(ProblemKind::ControlCharacter, at)
            .about(&format!("U+{:04X}", c as u32)));
    }
    let start = text.len() - text.trim_start_matches(is_space).len();
    if start >= paste.end {
        return Err(CaptureProblem::new(ProblemKind::Empty, None));
    }
    let body = &text[start..paste.end];
    let request = match detect(body) {
        Kind::Curl => curl::read(&paste, start)?,
        Kind::RawHttp => raw_http::read(&paste, start)?,
        Kind::SdkLog => sdk_log::read(&paste, start)?,
        Kind::Url => url::read(&paste, start)?,
        Kind::QueryAndBody => query_body::read(&paste, start)?,
        Kind::BareHost => {
            let host = body.split(char::is_whitespace).next().unwrap_or(body);
            return Err(paste.problem(ProblemKind::MissingScheme, start).about(host));
        }
        Kind::Unknown => return Err(paste.problem(ProblemKind::NotARequest, start)),
    };
    if request.params.is_empty() && request.body.is_none() {
        let kind = if request.source == CaptureSource::Url {
            ProblemKind::TruncatedUrl
        } else {
            ProblemKind::NoParameters
        };
        let subject = request.url.clone().unwrap_or_default();
        return Err(paste.problem(kind, paste.end).about(&subject));
    }
    Ok(request)
}

/// Which reader a paste goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Curl,
    RawHttp,
    SdkLog,
    Url,
    QueryAndBody,
    BareHost,
    Unknown,
}

fn detect(text: &str) -> Kind {
    let first_line = text.lines().next().unwrap_or("");
    let first_word = first_line.split_whitespace().next().unwrap_or("");
    let unquoted = first_word.trim_start_matches(['"', '\'', '`', '<']);
    if shell::is_curl_word(first_word) {
        Kind::Curl
    } else if raw_http::is_request_line_start(first_line) {
        Kind::RawHttp
    } else if sdk_log::is_log_line(text) {
        Kind::SdkLog
    } else if url::has_scheme(unquoted) {
        Kind::Url
    } else if query_body::looks_like_query(first_line) {
        Kind::QueryAndBody
    } else if url::looks_like_bare_host(unquoted) {
        Kind::BareHost
    } else {
        Kind::Unknown
    }
}

/// White space at the edges of a paste (a BOM too).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// The pasted text, for turning byte offsets into line and column.
pub(super) struct Paste<'a> {
    pub text: &'a str,
    /// Where the paste ends once trailing white space is dropped.
    pub end: usize,
}

impl<'a> Paste<'a> {
    fn new(text: &'a str) -> Self {
        Paste {
            text,
            end: text.trim_end_matches(is_space).len(),
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> TextPosition {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        TextPosition {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// A problem at a byte offset of the paste.
    pub fn problem(&self, kind: ProblemKind, offset: usize) -> CaptureProblem {
        CaptureProblem::new(kind, Some(self.position(offset)))
    }
}

/// Where the bytes of a piece of text came from in the paste, so that a problem found in a
/// rebuilt string (a curl word without its quotes) still points into what was pasted.
#[derive(Debug, Clone, Copy)]
pub(super) enum Origin<'a> {
    /// A slice of the paste starting at this byte offset.
    At(usize),
    /// One paste offset per byte of a rebuilt text.
    Table(&'a [usize]),
}

impl<'a> Origin<'a> {
    /// The paste offset of byte `i`; one past the last byte for `i` at the end.
    pub fn offset(&self, i: usize) -> usize {
        match *self {
            Origin::At(start) => start + i,
            Origin::Table(table) => match table.get(i) {
                Some(&at) => at,
                None => table.last().map_or(0, |&at| at + 1),
            },
        }
    }

    /// The origin of the text from byte `from` on.
    pub fn from(&self, from: usize) -> Origin<'a> {
        match *self {
            Origin::At(start) => Origin::At(start + from),
            Origin::Table(table) => match table.get(from..) {
                Some(rest) if !rest.is_empty() => Origin::Table(rest),
                _ => Origin::At(self.offset(table.len())),
            },
        }
    }
}
