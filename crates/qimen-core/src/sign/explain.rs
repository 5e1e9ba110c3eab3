//! Every step of a signature, for a person to read (the Signature tab, `qimen sign --explain`). Why a
//! sign pasted from another system differs is [`crate::diagnose`]'s work.
//!
//! Nothing here re-implements the rule: the kept/dropped split is [`top::drop_reason`], the string is
//! [`top::string_to_sign`] and the digest is [`top::digest`], so an explanation can never disagree
//! with the sign that is sent.

use super::top::{self, BlankValues};
use super::{Params, SignMethod};
use crate::sensitive::mask;
use serde::Serialize;

pub use super::top::DropReason;

/// A parameter the rule left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DroppedParam {
    pub key: String,
    pub reason: DropReason,
}

/// The whole computation, secret masked. Serialisable: it never holds the secret in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
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

/// Explains the TOP signature of `params` (+ `body`) with `secret` and `method`.
pub fn explain_top(
    params: &Params,
    body: Option<&str>,
    secret: &str,
    method: SignMethod,
) -> SignExplanation {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for (key, value) in params {
        match top::drop_reason(key, value, BlankValues::Drop) {
            None => kept.push((key.clone(), hide_secret_in(value, secret))),
            Some(reason) => dropped.push(DroppedParam {
                key: key.clone(),
                reason,
            }),
        }
    }
    let s = top::string_to_sign(params, body);
    SignExplanation {
        method,
        kept,
        dropped,
        body_appended: body.is_some(),
        string_to_sign_masked: mask_signed_string(&s, secret, method == SignMethod::Md5),
        digest: top::digest(&s, secret, method),
    }
}

/// A secret shorter than this is not searched for inside signed text: a short value would match
/// ordinary text and hide it for no benefit. Real AppSecrets are 32 characters.
const MIN_SEARCHED_SECRET_LEN: usize = 8;

/// `text` with any occurrence of the secret replaced by its mask. A secret that a user pasted into
/// a parameter by mistake must not reach the screen through the explanation either.
pub(crate) fn hide_secret_in(text: &str, secret: &str) -> String {
    if secret.chars().count() >= MIN_SEARCHED_SECRET_LEN && text.contains(secret) {
        text.replace(secret, &mask(secret))
    } else {
        text.to_string()
    }
}

/// The string a digest was computed over, for display: the secret masked where the rule writes it
/// at both ends (`wraps_secret`: TOP md5, SPI, `wdt_sign`) and wherever else it appears.
pub fn mask_signed_string(s: &str, secret: &str, wraps_secret: bool) -> String {
    let inner = hide_secret_in(s, secret);
    if wraps_secret {
        let m = mask(secret);
        format!("{m}{inner}{m}")
    } else {
        inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::vectors::{example_a, EXAMPLE_A_SECRET, QIMEN_SECRET};

    const SECRET: &str = EXAMPLE_A_SECRET;

    #[test]
    fn explains_the_official_vector_step_by_step() {
        let mut params = example_a("md5");
        params.insert("sign".into(), "OLD".into());
        params.insert("empty".into(), "".into());
        params.insert(" ".into(), "x".into());
        let e = explain_top(&params, None, SECRET, SignMethod::Md5);
        assert_eq!(e.digest, "66987CB115214E59E6EC978214934FB8");
        let order: Vec<&str> = e.kept.iter().map(|(k, _)| k.as_str()).collect();
        // Ordinal order: `num_iid` sorts before `session` and after `method`.
        assert_eq!(
            order,
            [
                "app_key",
                "fields",
                "format",
                "method",
                "num_iid",
                "session",
                "sign_method",
                "timestamp",
                "v"
            ]
        );
        assert_eq!(
            e.dropped,
            vec![
                DroppedParam {
                    key: " ".into(),
                    reason: DropReason::BlankKey
                },
                DroppedParam {
                    key: "empty".into(),
                    reason: DropReason::BlankValue
                },
                DroppedParam {
                    key: "sign".into(),
                    reason: DropReason::IsSign
                },
            ]
        );
        assert!(!e.body_appended);
        // "helloworld" is 10 characters: short of the 12 that mask() shows a tail for.
        assert_eq!(
            e.string_to_sign_masked,
            "******app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get\
             num_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0******"
        );
    }

    #[test]
    fn md5_masks_the_secret_at_both_ends_and_hmac_not_at_all() {
        let params = example_a("md5");
        let md5 = explain_top(&params, Some("<request/>"), QIMEN_SECRET, SignMethod::Md5);
        assert!(md5.string_to_sign_masked.starts_with("******2aapp_key"));
        assert!(md5.string_to_sign_masked.ends_with("<request/>******2a"));
        assert!(md5.body_appended);
        let hmac = explain_top(&params, None, QIMEN_SECRET, SignMethod::Hmac);
        // HMAC keys the digest with the secret; the digested string holds no secret.
        assert!(hmac.string_to_sign_masked.starts_with("app_key"));
        assert!(hmac.string_to_sign_masked.ends_with("v2.0"));
        assert_eq!(
            hmac.digest,
            top::sign_top(&params, None, QIMEN_SECRET, SignMethod::Hmac)
        );
    }

    #[test]
    fn a_secret_pasted_into_a_param_never_shows_in_clear() {
        let mut params = example_a("md5");
        params.insert("note".into(), format!("x{QIMEN_SECRET}y"));
        let e = explain_top(&params, None, QIMEN_SECRET, SignMethod::Md5);
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert!(!json.contains(QIMEN_SECRET), "{json}");
        assert!(json.contains("x******2ay"));
        // The digest still covers the real value.
        assert_eq!(
            e.digest,
            top::sign_top(&params, None, QIMEN_SECRET, SignMethod::Md5)
        );
    }
}
