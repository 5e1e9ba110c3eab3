//! Why a request's signature fails: the request exactly as a customer's system sent it, the secret
//! and the time in, a verdict and its causes out.
//!
//! The platform's rule is [`crate::sign::top`]; this module only varies what a sender commonly gets
//! wrong (algorithm, empty parameters, body, URL encoding, order, `sign` itself, where the md5
//! secret goes, text encoding, letter case), searches the combinations of up to four of them for
//! one that reproduces the customer's `sign` with the fewest deviations, and names exactly those
//! deviations. Beside the signature it checks the `timestamp` window, the required system
//! parameters and, for 旺店通, `wdt_sign`. Every text is written for people in both languages;
//! nothing returned holds a secret in clear.
//!
//! [`diagnose`] reads a request captured on the caller's side; [`diagnose_inbound`] a request a
//! provider received, under the provider's `SpiUtils` rule.

mod body;
mod causes;
mod inbound;
mod required;
mod rows;
mod search;
mod sign_causes;
mod subject;
mod timing;
mod top;
mod wdt;
mod wdt_causes;
mod wdt_search;

#[cfg(test)]
mod body_tests;
#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod inbound_tests;
#[cfg(test)]
mod request_tests;
#[cfg(test)]
mod top_tests;
#[cfg(test)]
mod wdt_tests;

pub use causes::CauseId;
pub use inbound::diagnose_inbound;

use crate::call::is_wdt_method;
use crate::captured::CapturedRequest;
use crate::sensitive::mask_each;
use crate::sign::explain::mask_signed_string;
use crate::sign::{is_blank, top as rule, SignMethod, WdtFlavour};
use crate::text::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The key of the row that compares the bodies, always the last row.
pub const BODY_ROW_KEY: &str = "(body)";

/// One reason a sign does not check, or one other problem of the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Cause {
    /// Stable id.
    pub id: CauseId,
    /// The particular: the parameter missing, the minutes off, the body variant, the method used…
    pub detail: Option<String>,
    /// What happened, in plain words.
    pub explanation: Text,
    /// What to change in the sender's code or settings.
    pub fix: Text,
}

/// One parameter of the string to sign as the platform reads it, next to the sender's reading.
/// A side without a value (`null`) does not have the parameter in its string. Values never show
/// a secret in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SignedRow {
    /// The parameter name, or [`BODY_ROW_KEY`] for the body.
    pub key: String,
    /// The value as the platform signs it.
    pub platform: Option<String>,
    /// The value as the sender signed it (the reproducing reading), or as it was sent when no
    /// reading reproduced the sign.
    pub customer: Option<String>,
}

/// The check of 旺店通's `wdt_sign`, beside the Qimen `sign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct WdtDiagnosis {
    /// The rule the method uses.
    pub flavour: WdtFlavour,
    /// The `wdt_sign` sent equals the one 旺店通 computes.
    pub valid: bool,
    /// The `wdt_sign` sent.
    pub customer_wdt_sign: String,
    /// What 旺店通 computes with this secret (lower-case hex).
    pub expected_wdt_sign: String,
    /// `secret + SER + secret`, the secret masked.
    pub string_to_sign_masked: String,
    /// SER member by member: 旺店通's reading next to the sender's.
    pub rows: Vec<SignedRow>,
}

/// The verdict on a request's signature, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Diagnosis {
    /// The `sign` sent is the one the platform's rule computes with this secret. Timestamp and
    /// missing-parameter causes may still be listed beside a valid sign.
    pub valid: bool,
    /// Every cause found; empty for a valid request with nothing else wrong.
    pub causes: Vec<Cause>,
    /// The algorithm the platform uses for this request.
    pub sign_method: SignMethod,
    /// The `sign` sent, when there was one.
    pub customer_sign: Option<String>,
    /// The sign the platform's rule computes with this secret.
    pub expected_sign: String,
    /// The platform's string to sign, the secret masked.
    pub string_to_sign_masked: String,
    /// The string to sign parameter by parameter, the body last.
    pub rows: Vec<SignedRow>,
    /// The `wdt_sign` check, for a 旺店通 method that carries one and a 旺店通 secret to check it.
    pub wdt: Option<WdtDiagnosis>,
}

impl SignedRow {
    fn masking(&self, tokens: &[String]) -> SignedRow {
        let hide = |v: &Option<String>| v.clone().map(|v| mask_each(v, tokens));
        SignedRow {
            key: self.key.clone(),
            platform: hide(&self.platform),
            customer: hide(&self.customer),
        }
    }
}

impl Diagnosis {
    /// A copy with each of `tokens` (the session the request sent, say) masked wherever the
    /// diagnosis quotes a value, for keeping or sharing it.
    pub fn masking(&self, tokens: &[String]) -> Diagnosis {
        let mut out = self.clone();
        out.string_to_sign_masked = mask_each(out.string_to_sign_masked, tokens);
        out.rows = self.rows.iter().map(|r| r.masking(tokens)).collect();
        for cause in out.causes.iter_mut() {
            cause.detail = cause.detail.take().map(|d| mask_each(d, tokens));
        }
        if let Some(wdt) = out.wdt.as_mut() {
            wdt.string_to_sign_masked =
                mask_each(std::mem::take(&mut wdt.string_to_sign_masked), tokens);
            wdt.rows = wdt.rows.iter().map(|r| r.masking(tokens)).collect();
        }
        out
    }
}

/// Diagnoses a request as it was sent, with the caller's AppSecret, at `now` (the reference time
/// when the request does not say when it was sent).
///
/// For a 旺店通 method, a secret written `secret:salt` is taken as 旺店通's secret and also checks
/// `wdt_sign`; the outer Qimen `sign` needs the Qimen app's own AppSecret, so give both with
/// [`diagnose_with_wdt_secret`] to check both at once.
pub fn diagnose(request: &CapturedRequest, secret: &str, now: DateTime<Utc>) -> Diagnosis {
    let method = request.param("method").unwrap_or_default();
    let wdt_secret = (is_wdt_method(method) && secret.contains(':')).then_some(secret);
    diagnose_with_wdt_secret(request, secret, wdt_secret, now)
}

/// [`diagnose`] with the Qimen AppSecret for `sign` and, separately, 旺店通's `secret:salt` for
/// `wdt_sign` (checked when the method is a 旺店通 one and the request carries a `wdt_sign`).
pub fn diagnose_with_wdt_secret(
    request: &CapturedRequest,
    app_secret: &str,
    wdt_secret: Option<&str>,
    now: DateTime<Utc>,
) -> Diagnosis {
    let params = request.params_map();
    let method_name = request.param("method").unwrap_or_default();
    let sign_method = SignMethod::from_param(params.get("sign_method").map(String::as_str));
    let body = request.signed_body();
    let subject = subject::Subject::from_captured(request, sign_method);
    let hide = rows::Hider::new(&[Some(app_secret), wdt_secret]);
    let mut causes = required::missing(|name| request.param(name), method_name);
    let customer_sign = request.param("sign").filter(|s| !is_blank(s));
    let looks_like_wdt = is_wdt_method(method_name) && app_secret.contains(':');
    let verdict = top::judge(&subject, app_secret, customer_sign, looks_like_wdt, &hide);
    causes.extend(verdict.causes);
    causes.extend(timing::check(
        request.param("timestamp"),
        request.sent_at,
        now,
    ));
    let wdt_secret = wdt_secret.filter(|_| is_wdt_method(method_name));
    let wdt = wdt_secret.and_then(|secret| {
        let (diagnosis, wdt_causes) = wdt::check(request, method_name, secret, &hide)?;
        causes.extend(wdt_causes);
        Some(diagnosis)
    });
    causes.sort_by_key(|c| c.id);
    let s = rule::string_to_sign(&params, body);
    Diagnosis {
        valid: verdict.valid,
        causes,
        sign_method,
        customer_sign: customer_sign.map(str::to_string),
        expected_sign: rule::sign_top(&params, body, app_secret, sign_method),
        string_to_sign_masked: hide.hide(&mask_signed_string(
            &s,
            app_secret,
            sign_method == SignMethod::Md5,
        )),
        rows: verdict.rows,
        wdt,
    }
}
