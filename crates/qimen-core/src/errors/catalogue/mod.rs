//! The catalogue's data: one static table per source of errors, written for a merchant who is not a
//! programmer. Lookup logic lives in the parent module; nothing here decides anything.
//!
//! Keys are the strings the platform sends. Where the platform reports a situation only in prose
//! (a missing `customerId`, an unknown custom API, a `wdt_sign` mismatch, an OAuth `redirect_uri`
//! mismatch), the entry is keyed by a name of ours in a namespace the platform does not use
//! (`qimen.*`, `wdt.*`, `oauth.*`); the local gateway sends those same names, and [`MESSAGE_HINTS`] /
//! [`PARAM_HINTS`] map the platform's prose onto them.

mod oauth;
mod platform_access;
mod platform_request;
mod qimen_wdt;
mod sub_codes;
mod taobaoke;

use super::{ErrorEntry, Text};

/// Every table, searched in this order.
pub(super) const TABLES: &[&[ErrorEntry]] = &[
    platform_access::ENTRIES,
    platform_request::ENTRIES,
    sub_codes::ENTRIES,
    qimen_wdt::ENTRIES,
    oauth::ENTRIES,
    taobaoke::ENTRIES,
];

/// Catch-all sub-code for an unknown `isp.*` reason: the platform's side failed.
pub(super) const PLATFORM_SIDE: &str = "isp.*";
/// Catch-all sub-code for an unknown `isv.*` reason: the caller's request was refused.
pub(super) const CALLER_SIDE: &str = "isv.*";
/// Used when a Qimen answer says `flag=failure` with a code of the receiving system's own.
pub(crate) const QIMEN_BUSINESS_FAILURE: &str = "qimen.business-failure";

/// A phrase in the message that identifies a situation more precisely than the codes do.
pub(crate) struct MessageHint {
    /// Applies only when the result's code is this one (any code when `None`).
    pub when_code: Option<&'static str>,
    /// Lower-case phrase searched in the message and the sub-message.
    pub phrase: &'static str,
    /// The sub-code whose entry explains the situation.
    pub sub_code: &'static str,
}

pub(crate) const MESSAGE_HINTS: &[MessageHint] = &[
    // Taobao OAuth answers a callback mismatch with the generic `invalid_client`.
    MessageHint {
        when_code: Some("invalid_client"),
        phrase: "redirect_uri",
        sub_code: oauth::REDIRECT_URI_MISMATCH,
    },
    // Some answers carry this reason in the sub-message of `invalid-sessionkey`.
    MessageHint {
        when_code: None,
        phrase: "sessionkey-not-generated-by-server",
        sub_code: "sessionkey-not-generated-by-server",
    },
    // The local gateway names the Taobaoke package of document 002 in a code-11 sub-message.
    MessageHint {
        when_code: Some("11"),
        phrase: "淘宝客基础api",
        sub_code: taobaoke::BASIC_NOT_HELD,
    },
    MessageHint {
        when_code: Some("11"),
        phrase: "淘宝客链接api",
        sub_code: taobaoke::LINK_NOT_HELD,
    },
    MessageHint {
        when_code: Some("11"),
        phrase: "淘宝客三方api",
        sub_code: taobaoke::THREE_PARTY_NOT_HELD,
    },
];

/// A missing or invalid parameter that has an entry of its own.
pub(crate) struct ParamHint {
    /// The generic sub-code (`isv.missing-parameter`, `isv.invalid-parameter`).
    pub base_sub_code: &'static str,
    /// The parameter name, compared ignoring ASCII case.
    pub param: &'static str,
    pub sub_code: &'static str,
}

pub(crate) const PARAM_HINTS: &[ParamHint] = &[
    ParamHint {
        base_sub_code: "isv.missing-parameter",
        param: "customerId",
        sub_code: qimen_wdt::MISSING_CUSTOMER_ID,
    },
    ParamHint {
        base_sub_code: "isv.invalid-parameter",
        param: "customerId",
        sub_code: qimen_wdt::MISSING_CUSTOMER_ID,
    },
    ParamHint {
        base_sub_code: "isv.missing-parameter",
        param: "target_app_key",
        sub_code: qimen_wdt::MISSING_TARGET_APP_KEY,
    },
    ParamHint {
        base_sub_code: "isv.invalid-parameter",
        param: "target_app_key",
        sub_code: qimen_wdt::MISSING_TARGET_APP_KEY,
    },
];

/// Shorthand for the tables: Chinese first, then English.
const fn t(zh: &'static str, en: &'static str) -> Text {
    Text::fixed(zh, en)
}
