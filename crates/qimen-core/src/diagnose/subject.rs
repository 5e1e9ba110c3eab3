//! The request as the sender's signing code saw it: one pair per name in sent order, with its
//! decoded and wire forms, the body the rule signs and the rule's own choices.

use super::search::ValueForm;
use crate::captured::CapturedRequest;
use crate::sign::top::{drop_reason, BlankValues, DropReason};
use crate::sign::SignMethod;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// RFC 3986 unreserved characters stay as they are.
const PERCENT_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One parameter as the sender's signing code saw it.
pub(crate) struct SentPair {
    pub key: String,
    /// Decoded.
    pub value: String,
    /// As on the wire, when known.
    pub raw: Option<String>,
}

/// What the search works on.
pub(crate) struct Subject<'a> {
    /// One pair per name (the last value of a repeated name, where it was last sent), in sent
    /// order, `sign` among them.
    pub pairs: Vec<SentPair>,
    /// The body the rule signs.
    pub body: Option<&'a str>,
    /// The algorithm the rule uses.
    pub method: SignMethod,
    /// The `sign_method` value sent.
    pub sign_method_sent: Option<String>,
    /// Which blank pairs the rule signs: dropped on the platform, kept by `SpiUtils`.
    pub rule_blanks: BlankValues,
    /// The rule is the provider's (`SpiUtils`): md5 whatever `sign_method` says.
    pub spi: bool,
}

/// Keeps the last occurrence of each name, in sent order.
pub(crate) fn last_of_each(pairs: Vec<SentPair>) -> Vec<SentPair> {
    let mut out: Vec<SentPair> = Vec::with_capacity(pairs.len());
    for pair in pairs {
        out.retain(|p| p.key != pair.key);
        out.push(pair);
    }
    out
}

impl<'a> Subject<'a> {
    /// A captured request under the platform's (TOP) rule.
    pub(crate) fn from_captured(request: &'a CapturedRequest, method: SignMethod) -> Self {
        let pairs = request.params.iter().map(|p| SentPair {
            key: p.name.clone(),
            value: p.value.clone(),
            raw: Some(p.raw.clone()),
        });
        Subject {
            pairs: last_of_each(pairs.collect()),
            body: request.signed_body(),
            method,
            sign_method_sent: request.param("sign_method").map(str::to_string),
            rule_blanks: BlankValues::Drop,
            spi: false,
        }
    }

    /// Names of blank pairs (not `sign`), the ones the two blank policies disagree on.
    pub(crate) fn blank_keys(&self) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|p| {
                matches!(
                    drop_reason(&p.key, &p.value, BlankValues::Drop),
                    Some(DropReason::BlankValue | DropReason::BlankKey)
                )
            })
            .map(|p| p.key.clone())
            .collect()
    }

    pub(crate) fn value_in(&self, pair: &SentPair, form: ValueForm) -> String {
        match form {
            ValueForm::Decoded => pair.value.clone(),
            ValueForm::AsSent => pair.raw.clone().unwrap_or_else(|| pair.value.clone()),
            ValueForm::FormEncoded => {
                form_urlencoded::byte_serialize(pair.value.as_bytes()).collect()
            }
            ValueForm::PercentEncoded => utf8_percent_encode(&pair.value, PERCENT_SET).to_string(),
        }
    }
}
