//! The TOP signature (domain reference §1.1): every sent parameter but `sign`, blank ones dropped,
//! sorted by key, concatenated as `key value` pairs, the body (if signed) appended, then
//! `MD5(secret + S + secret)`, `HMAC-MD5(secret, S)` or `HMAC-SHA256(secret, S)`, upper-case hex.

use super::{is_blank, Params};
use hmac::{Hmac, KeyInit, Mac};
use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The `sign_method` parameter's three values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// `S`: the concatenated `key value` pairs (blank keys or values dropped, `sign` excluded) plus the body.
/// The secret is not part of it.
pub fn string_to_sign(params: &Params, body: Option<&str>) -> String {
    let mut s = String::with_capacity(256 + body.map_or(0, str::len));
    for (key, value) in params {
        if key == "sign" || is_blank(key) || is_blank(value) {
            continue;
        }
        s.push_str(key);
        s.push_str(value);
    }
    if let Some(body) = body {
        s.push_str(body);
    }
    s
}

/// Digests an already built `S` with the method's rule; upper-case hex.
pub fn digest(s: &str, secret: &str, method: SignMethod) -> String {
    match method {
        SignMethod::Md5 => {
            let mut md5 = Md5::new();
            md5.update(secret.as_bytes());
            md5.update(s.as_bytes());
            md5.update(secret.as_bytes());
            hex::encode_upper(md5.finalize())
        }
        SignMethod::Hmac => {
            let mut mac = <Hmac<Md5> as KeyInit>::new_from_slice(secret.as_bytes())
                .expect("HMAC accepts keys of any length");
            mac.update(s.as_bytes());
            hex::encode_upper(mac.finalize().into_bytes())
        }
        SignMethod::HmacSha256 => {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
                .expect("HMAC accepts keys of any length");
            mac.update(s.as_bytes());
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

    fn example_a(method: &str) -> Params {
        [
            ("method", "taobao.item.seller.get"),
            ("app_key", "12345678"),
            ("session", "test"),
            ("timestamp", "2016-01-01 12:00:00"),
            ("format", "json"),
            ("v", "2.0"),
            ("sign_method", method),
            ("fields", "num_iid,title,nick,price,num"),
            ("num_iid", "11223344"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn official_doc_vector_md5() {
        let sign = sign_top(&example_a("md5"), None, "helloworld", SignMethod::Md5);
        assert_eq!(sign, "66987CB115214E59E6EC978214934FB8");
    }

    #[test]
    fn official_doc_vector_hmac() {
        let sign = sign_top(&example_a("hmac"), None, "helloworld", SignMethod::Hmac);
        assert_eq!(sign, "D56D7858309C31B6251083A874D48273");
    }

    #[test]
    fn official_doc_vector_hmac_sha256() {
        let params = example_a("hmac-sha256");
        let sign = sign_top(&params, None, "helloworld", SignMethod::HmacSha256);
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
        let sign = sign_top(&params, None, "helloworld", SignMethod::Md5);
        assert_eq!(sign, "66987CB115214E59E6EC978214934FB8");
    }

    #[test]
    fn unknown_sign_method_falls_back_to_md5() {
        assert_eq!(SignMethod::from_param(Some("sha1")), SignMethod::Md5);
        assert_eq!(SignMethod::from_param(None), SignMethod::Md5);
        assert_eq!(SignMethod::from_param(Some("hmac")), SignMethod::Hmac);
        assert_eq!(SignMethod::parse("sha1"), None);
    }
}
