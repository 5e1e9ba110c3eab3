//! The contract between the gateway's router (parsing, validation, authorisation, response formats)
//! and the APIs it serves. An API is data ([`ApiSpec`]) plus a pure function from the call to an
//! [`ApiOutcome`]; the router does everything else, so every API behaves like the platform for free.

use chrono::{DateTime, Utc};
use qimen_core::sign::Params;
use serde_json::{Map, Value};

pub use qimen_core::protocol::ApiFamily;

/// The user an access token was issued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub user_id: String,
    pub nick: String,
}

/// One call, after the router has validated the system parameters and the signature.
#[derive(Debug)]
pub struct ApiCall<'a> {
    /// The method as sent (with any router-code prefix).
    pub method: &'a str,
    /// Every parameter received (query and form together), `sign` excluded.
    pub params: &'a Params,
    /// The raw request body for XML/JSON calls.
    pub body: Option<&'a str>,
    pub app_key: &'a str,
    /// Present when the API needs a session and a valid one was sent.
    pub user: Option<&'a SessionUser>,
    pub now: DateTime<Utc>,
    pub request_id: &'a str,
}

/// A platform error as the router will render it (`error_response` / Qimen `flag=failure`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformError {
    pub code: String,
    pub msg: String,
    pub sub_code: Option<String>,
    pub sub_msg: Option<String>,
}

/// What an API answers; the router wraps it in the family's format and the requested `format`.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiOutcome {
    /// Success: the business fields (the router adds `request_id` and the wrapper).
    Ok(Map<String, Value>),
    /// Failure with platform codes (business errors are usually code 15 + an `isv.*` sub_code,
    /// bad arguments 40 / 41).
    Err(PlatformError),
}

/// A served API: its name, family, what it needs, and its handler.
#[derive(Debug, Clone, Copy)]
pub struct ApiSpec {
    /// The method name as callers send it, e.g. `taobao.time.get`, `hu3cgwt0tc.wdt.trade.query`.
    pub name: &'static str,
    pub family: ApiFamily,
    /// Whether a valid `session` is required (code 26 / 27 otherwise).
    pub needs_session: bool,
    /// Business parameters that must be present and non-blank (code 40 otherwise).
    pub required: &'static [&'static str],
    /// For custom / Qimen cloud APIs: the provider's AppKey that `target_app_key` must name.
    pub provider_app_key: Option<&'static str>,
    pub handler: fn(&ApiCall<'_>) -> ApiOutcome,
}
