//! Every step of a signature, for a person to read (the Signature tab, `qimen sign --explain`).

use super::SignMethod;
use serde::Serialize;

/// Why a parameter was left out of the signed string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// `sign` itself is never signed.
    IsSign,
    /// Empty or whitespace-only value: the SDKs neither sign nor send it.
    BlankValue,
    /// Empty or whitespace-only name.
    BlankKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedParam {
    pub key: String,
    pub reason: DropReason,
}

/// The whole computation, secret masked. Serialisable: it never holds the secret in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignExplanation {
    pub method: SignMethod,
    /// Kept parameters in signing order (key, value).
    pub kept: Vec<(String, String)>,
    pub dropped: Vec<DroppedParam>,
    /// Whether a request body was appended after the last pair.
    pub body_appended: bool,
    /// The exact string digested, with the secret replaced by a mask (md5 wraps it at both ends).
    pub string_to_sign_masked: String,
    /// Upper-case hex digest: the `sign` value.
    pub digest: String,
}
