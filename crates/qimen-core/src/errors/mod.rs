//! What a platform error means and what to do about it, in words a merchant can act on.
//!
//! A failed call comes back with a terse code (`25`, `isv.missing-parameter:fields`,
//! `sign-check-failure`, `invalid_grant` …). This module holds the catalogue of every code and
//! sub-code the TOP router, the Qimen routers, 旺店通 and the OAuth endpoints are known to send, each
//! with a title, a cause and a remedy in Chinese and English ([`catalogue`] holds the data, this file
//! the lookup), and renders one explanation for one result ([`explain()`]).
//!
//! Lookup follows the platform's own advice: the `sub_code` is the precise reason, so it wins over the
//! `code`; a sub-code we do not know still says which side is at fault (`isp.*` = the platform, try
//! again later; `isv.*` = the caller, check the parameters).

mod catalogue;
mod explain;

pub use explain::{explain, explain_codes, Explanation};

use serde::Serialize;

use crate::text::{Lang, Text};

/// One catalogue entry, keyed by `code`, `sub_code` or both.
///
/// Texts may hold two placeholders that [`explain()`] fills from the response: `{param}` (the
/// parameter named by the sub-code or sub-message) and `{wait}` (the ban length the platform
/// announces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorEntry {
    /// TOP numeric code as text (`"25"`), a Qimen `code` (`"sign-check-failure"`), a 旺店通 code
    /// (`"1012"`) or an OAuth `error` (`"invalid_grant"`).
    pub code: Option<&'static str>,
    /// The precise reason (`"isv.appkey-not-exists"`); `"isp.*"` / `"isv.*"` are the catch-alls.
    pub sub_code: Option<&'static str>,
    pub title: Text,
    pub cause: Text,
    pub remedy: Text,
    /// Whether sending the same request again later can succeed without changing anything.
    pub retryable: bool,
}

/// Every entry of the catalogue, in catalogue order (for listings such as `qimen explain --all`).
pub fn entries() -> impl Iterator<Item = &'static ErrorEntry> {
    catalogue::TABLES.iter().flat_map(|table| table.iter())
}

/// The entry for a result's `code` and `sub_code`.
///
/// Order: the exact `sub_code`; the part of the `sub_code` before `:` (the platform appends the
/// parameter name, as in `isv.missing-parameter:fields`); the catch-all for its family (`isp.` or
/// `isv.`); then the `code` alone. Blank values count as absent; comparison ignores ASCII case.
pub fn lookup(code: Option<&str>, sub_code: Option<&str>) -> Option<&'static ErrorEntry> {
    if let Some(sub) = non_blank(sub_code) {
        if let Some(found) = by_sub_code(sub) {
            return Some(found);
        }
        if let Some((base, _param)) = sub.split_once(':') {
            if let Some(found) = by_sub_code(base.trim()) {
                return Some(found);
            }
        }
        let lower = sub.to_ascii_lowercase();
        for family in [catalogue::PLATFORM_SIDE, catalogue::CALLER_SIDE] {
            if lower.starts_with(family.trim_end_matches('*')) {
                if let Some(found) = by_sub_code(family) {
                    return Some(found);
                }
            }
        }
    }
    let code = non_blank(code)?;
    entries().find(|e| e.sub_code.is_none() && e.code.is_some_and(|c| c.eq_ignore_ascii_case(code)))
}

fn by_sub_code(sub: &str) -> Option<&'static ErrorEntry> {
    entries().find(|e| e.sub_code.is_some_and(|s| s.eq_ignore_ascii_case(sub)))
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests;
