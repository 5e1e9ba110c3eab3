//! The stable ids of the causes a diagnosis names, and the helpers their texts share. Texts are
//! for merchants and support engineers: plain words, naming the parameter.

use super::Cause;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Why a sign does not check, or what else is wrong with the request. The ids are stable: the UI,
/// the command line and support notes refer to them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum CauseId {
    /// A required system parameter is absent or blank.
    MissingSystemParam,
    /// Another algorithm than the `sign_method` sent.
    SignMethodMismatch,
    /// Parameters with empty values signed as bare keys.
    BlankParamsSigned,
    /// Parameters with empty values left out where the rule signs them (provider side).
    BlankParamsDropped,
    /// The Qimen body left out of the string.
    BodyNotSigned,
    /// A body signed, but not the body sent.
    BodyChanged,
    /// Values signed URL-encoded instead of decoded.
    UrlEncodedValuesSigned,
    /// Parameters in another order than ordinal byte order.
    WrongSortOrder,
    /// `sign` itself in the string.
    SignParamIncluded,
    /// md5 wrapping the secret at one end only.
    SecretOnce,
    /// The string encoded as GBK / GB18030 before hashing.
    NonUtf8Encoding,
    /// The right digest in lower case.
    LowercaseHex,
    /// Nothing tried reproduces the sign with this secret.
    WrongSecret,
    /// `timestamp` more than 10 minutes from the reference time.
    TimestampOutOfWindow,
    /// `timestamp` in no format the platform reads.
    TimestampUnreadable,
    /// 旺店通: the secret or its salt misused.
    WdtSecretSalt,
    /// 旺店通: other members signed than the rule's.
    WdtWrongMembers,
    /// 旺店通: members not in ordinal key order.
    WdtWrongOrder,
    /// 旺店通: JSON values signed as text instead of decoded and serialised.
    WdtJsonAsText,
    /// 旺店通: `wdt_sign` right but in upper case (the rule writes lower case).
    WdtUppercaseHex,
    /// 旺店通: nothing tried reproduces `wdt_sign` with this secret.
    WdtSignMismatch,
}

impl CauseId {
    /// The id as serialised (`body-not-signed`).
    pub fn as_str(self) -> &'static str {
        match self {
            CauseId::MissingSystemParam => "missing-system-param",
            CauseId::SignMethodMismatch => "sign-method-mismatch",
            CauseId::BlankParamsSigned => "blank-params-signed",
            CauseId::BlankParamsDropped => "blank-params-dropped",
            CauseId::BodyNotSigned => "body-not-signed",
            CauseId::BodyChanged => "body-changed",
            CauseId::UrlEncodedValuesSigned => "url-encoded-values-signed",
            CauseId::WrongSortOrder => "wrong-sort-order",
            CauseId::SignParamIncluded => "sign-param-included",
            CauseId::SecretOnce => "secret-once",
            CauseId::NonUtf8Encoding => "non-utf8-encoding",
            CauseId::LowercaseHex => "lowercase-hex",
            CauseId::WrongSecret => "wrong-secret",
            CauseId::TimestampOutOfWindow => "timestamp-out-of-window",
            CauseId::TimestampUnreadable => "timestamp-unreadable",
            CauseId::WdtSecretSalt => "wdt-secret-salt",
            CauseId::WdtWrongMembers => "wdt-wrong-members",
            CauseId::WdtWrongOrder => "wdt-wrong-order",
            CauseId::WdtJsonAsText => "wdt-json-as-text",
            CauseId::WdtUppercaseHex => "wdt-uppercase-hex",
            CauseId::WdtSignMismatch => "wdt-sign-mismatch",
        }
    }
}

impl std::fmt::Display for CauseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

pub(crate) fn cause(id: CauseId, detail: Option<String>, explanation: Text, fix: Text) -> Cause {
    Cause {
        id,
        detail,
        explanation,
        fix,
    }
}

/// `a, b, c` for texts in both languages.
pub(crate) fn names(keys: &[String]) -> String {
    keys.join(", ")
}
