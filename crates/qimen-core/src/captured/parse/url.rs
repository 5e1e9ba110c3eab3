//! Reader of a full address, `http(s)://host[:port]/path?query`, alone on its line (quotes
//! around it are dropped); a body may follow after a line break. Also the address reader every
//! other kind of input uses.

use super::query_body::read_loose_body;
use super::wire::read_pairs;
use super::{CaptureProblem, Origin, Paste, ProblemKind};
use crate::captured::{CaptureSource, CapturedParam, CapturedRequest, ParamPlace};

/// An address taken apart.
#[derive(Debug)]
pub(super) struct Address {
    /// `scheme://host[:port]/path`, scheme in lower case, no query or fragment.
    pub url: String,
    /// The query string as written, without `?`.
    pub raw_query: String,
    pub params: Vec<CapturedParam>,
}

/// Whether a word starts with `http://` or `https://` (any case).
pub(super) fn has_scheme(word: &str) -> bool {
    scheme_len(word).is_some()
}

fn scheme_len(text: &str) -> Option<usize> {
    ["http://", "https://"].iter().find_map(|scheme| {
        text.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| scheme.len())
    })
}

/// Whether a word is an address without its scheme: `gw.api.taobao.com/router/rest?…`,
/// `localhost:8080`, `127.0.0.1/…`.
pub(super) fn looks_like_bare_host(word: &str) -> bool {
    let authority = word.split(['/', '?', '#']).next().unwrap_or("");
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok =
        |l: &&str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    labels.len() >= 2
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| tld.bytes().any(|b| b.is_ascii_alphabetic()) || labels.len() == 4)
}

/// Takes an address apart. `origin` says where its bytes are in the paste.
pub(super) fn read_address(
    paste: &Paste,
    raw: &str,
    origin: Origin,
) -> Result<Address, CaptureProblem> {
    let Some(scheme_end) = scheme_len(raw) else {
        let word = raw.split(char::is_whitespace).next().unwrap_or(raw);
        return Err(paste
            .problem(ProblemKind::MissingScheme, origin.offset(0))
            .about(word));
    };
    let rest = &raw[scheme_end..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    let scheme = raw[..scheme_end].to_ascii_lowercase();
    let host_ok = !authority.is_empty()
        && url::Url::parse(&format!("{scheme}{authority}/"))
            .is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty()));
    if !host_ok {
        let shown = &raw[..scheme_end + authority_len];
        return Err(paste
            .problem(ProblemKind::BadUrl, origin.offset(scheme_end))
            .about(shown));
    }
    let tail = &rest[authority_len..];
    let fragment = tail.find('#').unwrap_or(tail.len());
    let (path, raw_query, query_at) = match tail[..fragment].find('?') {
        Some(q) => (
            &tail[..q],
            &tail[q + 1..fragment],
            scheme_end + authority_len + q + 1,
        ),
        None => (&tail[..fragment], "", raw.len()),
    };
    let mut params = Vec::new();
    read_pairs(
        paste,
        raw_query,
        origin.from(query_at),
        ParamPlace::Query,
        &mut params,
    )?;
    Ok(Address {
        url: format!("{scheme}{authority}{path}"),
        raw_query: raw_query.to_string(),
        params,
    })
}

/// Reads a paste that starts with an address.
pub(super) fn read(paste: &Paste, start: usize) -> Result<CapturedRequest, CaptureProblem> {
    let text = &paste.text[start..paste.end];
    let line_len = text.find('\n').unwrap_or(text.len());
    let line = text[..line_len].trim_end();
    let open = line
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`' | '<'));
    let skip = open.map_or(0, char::len_utf8);
    let mut address = &line[skip..];
    if let Some(close) = address
        .chars()
        .last()
        .filter(|c| matches!(c, '"' | '\'' | '`' | '>'))
    {
        address = &address[..address.len() - close.len_utf8()];
    }
    let mut found = read_address(paste, address, Origin::At(start + skip))?;
    let body = read_loose_body(paste, start + line_len, &mut found.params)?;
    Ok(CapturedRequest {
        source: CaptureSource::Url,
        http_method: if body.body.is_some() { "POST" } else { "GET" }.to_string(),
        url: Some(found.url),
        raw_query: found.raw_query,
        params: found.params,
        headers: Vec::new(),
        body: body.body,
        content_type: body.content_type,
        sent_at: None,
    })
}
