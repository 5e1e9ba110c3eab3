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

#[cfg(test)]
pub(crate) mod vectors;

pub use explain::{
    compare_pasted_sign, explain_top, DropReason, DroppedParam, SignComparison, SignExplanation,
    SignHint,
};
pub use top::{digest, sign_top, string_to_sign, BlankValues, SignMethod};

use std::collections::BTreeMap;

/// Request parameters by name. `BTreeMap<String, _>` iterates in ordinal (byte) order of the keys,
/// which for the platform's ASCII names is exactly Java's `Arrays.sort(String[])`.
pub type Params = BTreeMap<String, String>;

/// Java's `StringUtils.isEmpty` as the SDK uses it: empty or whitespace only.
pub fn is_blank(value: &str) -> bool {
    value.chars().all(char::is_whitespace)
}
