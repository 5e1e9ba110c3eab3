//! The TOP signature (domain reference §1.1): every sent parameter but `sign`, blank ones dropped,
//! sorted by key, concatenated as `key value` pairs, the body (if signed) appended, then
//! `MD5(secret + S + secret)`, `HMAC-MD5(secret, S)` or `HMAC-SHA256(secret, S)`, upper-case hex.

use super::{is_blank, Params};
use hmac::{Hmac, KeyInit, Mac};
use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The `sign_method` parameter's three values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum SignMethod {
    Md5,
    Hmac,
    HmacSha256,
}

impl SignMethod {
    pub const ALL: [SignMethod; 3] = [SignMethod::Md5, SignMethod::Hmac, SignMethod::HmacSha256];

    /// The method a `sign_method` value selects. Like the Java SDK, anything else (or nothing)
    /// falls back to md5 ("空（老md5）").
    pub fn from_param(value: Option<&str>) -> SignMethod {
        match value.map(str::trim) {
            Some("hmac") => SignMethod::Hmac,
            Some("hmac-sha256") => SignMethod::HmacSha256,
            _ => SignMethod::Md5,
        }
    }

    /// Parses a user-supplied name strictly; `None` for anything that is not one of the three.
    pub fn parse(value: &str) -> Option<SignMethod> {
        match value.trim().to_ascii_lowercase().as_str() {
            "md5" => Some(SignMethod::Md5),
            "hmac" | "hmac-md5" => Some(SignMethod::Hmac),
            "hmac-sha256" | "hmac_sha256" | "sha256" => Some(SignMethod::HmacSha256),
            _ => None,
        }
    }

    /// The value sent as `sign_method`.
    pub fn as_param(self) -> &'static str {
        match self {
            SignMethod::Md5 => "md5",
            SignMethod::Hmac => "hmac",
            SignMethod::HmacSha256 => "hmac-sha256",
        }
    }
}

impl std::fmt::Display for SignMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_param())
    }
}

/// Why a parameter is left out of the signed string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// `sign` itself is never signed.
    IsSign,
    /// Empty or whitespace-only value: the Java SDK neither signs nor sends it.
    BlankValue,
    /// Empty or whitespace-only name.
    BlankKey,
}

/// Which blank parameters a signer keeps. The platform and the Java SDK drop them
/// ([`BlankValues::Drop`]); the Python and Node SDKs, and the provider-side `SpiUtils`, sign every
/// pair but `sign` ([`BlankValues::Keep`]), so the same request signs differently once a blank
/// value is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BlankValues {
    Drop,
    Keep,
}

/// The TOP rule for one parameter: `None` when it is signed, otherwise why it is not.
pub fn drop_reason(key: &str, value: &str, blanks: BlankValues) -> Option<DropReason> {
    if key == "sign" {
        Some(DropReason::IsSign)
    } else if blanks == BlankValues::Keep {
        None
    } else if is_blank(key) {
        Some(DropReason::BlankKey)
    } else if is_blank(value) {
        Some(DropReason::BlankValue)
    } else {
        None
    }
}

/// `S`: the concatenated `key value` pairs (blank keys or values dropped, `sign` excluded) plus the body.
/// The secret is not part of it.
pub fn string_to_sign(params: &Params, body: Option<&str>) -> String {
    string_to_sign_with(params, body, BlankValues::Drop)
}

/// `S` with a chosen treatment of blank parameters; see [`BlankValues`].
pub fn string_to_sign_with(params: &Params, body: Option<&str>, blanks: BlankValues) -> String {
    let pairs_len: usize = params.iter().map(|(k, v)| k.len() + v.len()).sum();
    let mut s = String::with_capacity(pairs_len + body.map_or(0, str::len));
    for (key, value) in params {
        if drop_reason(key, value, blanks).is_none() {
            s.push_str(key);
            s.push_str(value);
        }
    }
    if let Some(body) = body {
        s.push_str(body);
    }
    s
}

/// Digests an already built `S` with the method's rule; upper-case hex.
pub fn digest(s: &str, secret: &str, method: SignMethod) -> String {
    digest_bytes(s.as_bytes(), secret, method)
}

/// [`digest`] over `S` already turned into bytes: the rule digests UTF-8, and a diagnosis tries
/// other encodings a misconfigured sender may have used.
pub fn digest_bytes(s: &[u8], secret: &str, method: SignMethod) -> String {
    match method {
        SignMethod::Md5 => {
            let mut md5 = Md5::new();
            md5.update(secret.as_bytes());
            md5.update(s);
            md5.update(secret.as_bytes());
            hex::encode_upper(md5.finalize())
        }
        SignMethod::Hmac => {
            let mut mac = <Hmac<Md5> as KeyInit>::new_from_slice(secret.as_bytes())
                .expect("HMAC accepts keys of any length");
            mac.update(s);
            hex::encode_upper(mac.finalize().into_bytes())
        }
        SignMethod::HmacSha256 => {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
                .expect("HMAC accepts keys of any length");
            mac.update(s);
            hex::encode_upper(mac.finalize().into_bytes())
        }
    }
}

/// The signature of a request: its parameters (any `sign` among them is ignored), the body when
/// the body is signed (Qimen XML/JSON), the AppSecret and the method.
pub fn sign_top(params: &Params, body: Option<&str>, secret: &str, method: SignMethod) -> String {
    digest(&string_to_sign(params, body), secret, method)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::vectors::*;

    #[test]
    fn official_doc_vector_md5() {
        let sign = sign_top(&example_a("md5"), None, EXAMPLE_A_SECRET, SignMethod::Md5);
        assert_eq!(sign, "66987CB115214E59E6EC978214934FB8");
    }

    #[test]
    fn official_doc_vector_hmac() {
        let sign = sign_top(&example_a("hmac"), None, EXAMPLE_A_SECRET, SignMethod::Hmac);
        assert_eq!(sign, "D56D7858309C31B6251083A874D48273");
    }

    #[test]
    fn official_doc_vector_hmac_sha256() {
        let params = example_a("hmac-sha256");
        let sign = sign_top(&params, None, EXAMPLE_A_SECRET, SignMethod::HmacSha256);
        assert_eq!(
            sign,
            "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8"
        );
    }

    #[test]
    fn blank_values_and_sign_are_not_signed() {
        let mut params = example_a("md5");
        params.insert("empty".into(), "".into());
        params.insert("spaces".into(), "  \t".into());
        params.insert("sign".into(), "ABC".into());
        let sign = sign_top(&params, None, EXAMPLE_A_SECRET, SignMethod::Md5);
        assert_eq!(sign, "66987CB115214E59E6EC978214934FB8");
    }

    #[test]
    fn qimen_body_vector_md5() {
        let sign = sign_top(
            &example_c(),
            Some(EXAMPLE_C_BODY),
            QIMEN_SECRET,
            SignMethod::Md5,
        );
        assert_eq!(sign, EXAMPLE_C_MD5);
    }

    #[test]
    fn qimen_body_vector_hmac_methods() {
        // sign_method is itself a signed param, so each vector carries its own method's name.
        let mut params = example_c();
        params.insert("sign_method".into(), "hmac".into());
        let hmac = sign_top(
            &params,
            Some(EXAMPLE_C_BODY),
            QIMEN_SECRET,
            SignMethod::Hmac,
        );
        assert_eq!(hmac, "8484A337263A98DD76B11FDA1F496E9F");
        params.insert("sign_method".into(), "hmac-sha256".into());
        let sha = sign_top(
            &params,
            Some(EXAMPLE_C_BODY),
            QIMEN_SECRET,
            SignMethod::HmacSha256,
        );
        assert_eq!(
            sha,
            "A40A782E553ECEF15AA8BFAC176E5233A7953B2C55EF962B4C02F45B9B47F5B9"
        );
    }

    #[test]
    fn third_party_qimen_vector_places_body_after_pairs() {
        let params = example_d();
        let body = Some("<request></request>");
        assert_eq!(
            string_to_sign(&params, body),
            "app_key23268761formatxmlmethodtaobao.qimen.entryorder.createsign_methodmd5\
             timestamp2020-04-08 10:56:00v2.0<request></request>"
        );
        let sign = sign_top(&params, body, QIMEN_SECRET, SignMethod::Md5);
        assert_eq!(sign, "12104E748A8F2DAD3EBA9F735A8D9C4F");
    }

    #[test]
    fn keep_policy_signs_blank_pairs_but_never_sign() {
        let mut params = Params::new();
        params.insert("a".into(), "".into());
        params.insert("b".into(), " ".into());
        params.insert("sign".into(), "X".into());
        // Python SDK / SpiUtils style: every pair but sign, even blank ones.
        assert_eq!(string_to_sign_with(&params, None, BlankValues::Keep), "ab ");
        // Java SDK style: blank pairs vanish.
        assert_eq!(string_to_sign_with(&params, None, BlankValues::Drop), "");
        assert_eq!(
            drop_reason(" ", "v", BlankValues::Drop),
            Some(DropReason::BlankKey)
        );
        assert_eq!(
            drop_reason("sign", "v", BlankValues::Keep),
            Some(DropReason::IsSign)
        );
    }

    #[test]
    fn unknown_sign_method_falls_back_to_md5() {
        assert_eq!(SignMethod::from_param(Some("sha1")), SignMethod::Md5);
        assert_eq!(SignMethod::from_param(None), SignMethod::Md5);
        assert_eq!(SignMethod::from_param(Some("hmac")), SignMethod::Hmac);
        assert_eq!(SignMethod::parse("sha1"), None);
    }
}
