//! The provider's side: a request a receiver got, checked as the official `SpiUtils` checks it
//! ([`crate::sign::spi`]: every pair but `sign`, blank ones kept, the headers `top-sign-list`
//! names, the body; md5 always; exact comparison), with the same candidate search as the caller's
//! side when it fails.

use super::required;
use super::rows::Hider;
use super::subject::{last_of_each, SentPair, Subject};
use super::timing;
use super::top;
use super::Diagnosis;
use crate::sign::explain::mask_signed_string;
use crate::sign::spi::{spi_sign, spi_string_to_sign, TOP_SIGN_LIST_HEADER};
use crate::sign::top::BlankValues;
use crate::sign::{is_blank, InboundRequest, SignMethod};
use chrono::{DateTime, Utc};

/// The signed pairs in the order they arrived: the signed headers, the query, then the form
/// (without a body), one per name with the value `SpiUtils` signs.
fn sent_pairs(request: &InboundRequest) -> Vec<SentPair> {
    let signed = request.signed_params();
    let mut names: Vec<String> = Vec::new();
    if let Some(list) = request.header(TOP_SIGN_LIST_HEADER) {
        names.extend(list.split(',').map(|n| n.trim().to_string()));
    }
    names.extend(request.query.iter().map(|(k, _)| k.clone()));
    if request.body.is_none() {
        names.extend(request.form.iter().map(|(k, _)| k.clone()));
    }
    let pairs = names.into_iter().filter_map(|name| {
        let value = signed.get(&name)?.clone();
        Some(SentPair {
            key: name,
            value,
            raw: None,
        })
    });
    let mut pairs = last_of_each(pairs.collect());
    // Names spelled differently in the header list than after decoding: keep every signed pair.
    for (key, value) in &signed {
        if !pairs.iter().any(|p| p.key == *key) {
            pairs.push(SentPair {
                key: key.clone(),
                value: value.clone(),
                raw: None,
            });
        }
    }
    pairs
}

/// Diagnoses an inbound request with the receiving app's own secret, at `now` (the reference time
/// for its `timestamp`). The rule is `SpiUtils`': md5, blank values signed, so
/// `blank-params-dropped` (not `blank-params-signed`) names a sender that skipped them; the sign is
/// read from the query only.
pub fn diagnose_inbound(request: &InboundRequest, secret: &str, now: DateTime<Utc>) -> Diagnosis {
    let subject = Subject {
        pairs: sent_pairs(request),
        body: request.body.as_deref(),
        method: SignMethod::Md5,
        sign_method_sent: request.param("sign_method").map(str::to_string),
        rule_blanks: BlankValues::Keep,
        spi: true,
    };
    let hide = Hider::new(&[Some(secret)]);
    let method_name = request.param("method").unwrap_or_default();
    let mut causes = required::missing(
        |name| match name {
            "sign" => request.provided_sign(),
            _ => request.param(name),
        },
        method_name,
    );
    let customer_sign = request.provided_sign().filter(|s| !is_blank(s));
    let verdict = top::judge(&subject, secret, customer_sign, false, &hide);
    causes.extend(verdict.causes);
    causes.extend(timing::check(request.param("timestamp"), None, now));
    causes.sort_by_key(|c| c.id);
    Diagnosis {
        valid: verdict.valid,
        causes,
        sign_method: SignMethod::Md5,
        customer_sign: customer_sign.map(str::to_string),
        expected_sign: spi_sign(request, secret),
        string_to_sign_masked: mask_signed_string(&spi_string_to_sign(request), secret, true),
        rows: verdict.rows,
        wdt: None,
    }
}
