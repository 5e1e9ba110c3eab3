//! Signatures, exactly as the official SDKs and the platform compute them.
//!
//! - [`top`]: the TOP rule shared by every router (md5 / hmac / hmac-sha256, optional body).
//! - [`wdt`]: 旺店通's own `wdt_sign` (custom APIs and the official CRM API).
//! - [`spi`]: verifying an inbound request on the provider side, as the official `SpiUtils` does.
//! - [`explain`]: every step of a signature, with the secret masked, for people to read.

pub mod explain;
pub mod spi;
pub mod top;
pub mod wdt;

pub mod vectors;

pub use explain::{explain_top, DropReason, DroppedParam, SignExplanation};
pub use spi::{
    check_timestamp, spi_sign, spi_string_to_sign, verify, InboundRequest, SpiVerdict,
    TimestampProblem,
};
pub use top::{digest, sign_top, string_to_sign, string_to_sign_with, BlankValues, SignMethod};
pub use wdt::{
    carried_wdt_sign, explain_wdt, extend_props_with_wdt_sign, split_wdt_app_secret,
    wdt_flavour_for, wdt_sign, wdt_string_to_sign, WdtFlavour, WdtSignError, WdtSignExplanation,
};

use std::collections::BTreeMap;

/// Request parameters by name. `BTreeMap<String, _>` iterates in ordinal (byte) order of the keys,
/// which for the platform's ASCII names is exactly Java's `Arrays.sort(String[])`.
pub type Params = BTreeMap<String, String>;

/// Java's `StringUtils.isEmpty` as the SDK uses it: empty or whitespace only.
pub fn is_blank(value: &str) -> bool {
    value.chars().all(char::is_whitespace)
}
