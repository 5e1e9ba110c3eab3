//! The axes along which a sender's `sign` commonly departs from the rule, and the candidates they
//! span. Each axis is independent; a candidate's deviations are the axes where it leaves the rule,
//! and the search tries candidates with fewer deviations first.

use crate::sign::top::BlankValues;
use crate::sign::SignMethod;
use std::borrow::Cow;

/// The most deviations one candidate combines. More mistakes at once than this are not
/// plausible, and the search stays a few thousand digests even for a large body.
pub(crate) const MAX_DEVIATIONS: usize = 4;

/// How parameter values enter the string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ValueForm {
    /// Decoded: the rule.
    Decoded,
    /// Exactly as on the wire, still encoded.
    AsSent,
    /// Form-encoded (`+` for a space), as Java's `URLEncoder` writes.
    FormEncoded,
    /// Percent-encoded (`%20` for a space), unreserved characters kept.
    PercentEncoded,
}

/// The order of the pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Order {
    /// Ordinal (byte) order of the names: the rule.
    Ordinal,
    /// The order sent.
    AsSent,
    /// Names compared ignoring case.
    CaseInsensitive,
}

impl Order {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Order::Ordinal => "ordinal",
            Order::AsSent => "as-sent",
            Order::CaseInsensitive => "case-insensitive",
        }
    }
}

/// Where the md5 secret goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Placement {
    /// The method's rule: both ends for md5, the HMAC key otherwise.
    Rule,
    /// md5 with the secret at the start only.
    Front,
    /// md5 with the secret at the end only.
    Back,
}

/// How the string becomes bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Bytes {
    Utf8,
    Gbk,
    Gb18030,
}

impl Bytes {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Bytes::Utf8 => "UTF-8",
            Bytes::Gbk => "GBK",
            Bytes::Gb18030 => "GB18030",
        }
    }

    /// `text` in this encoding.
    pub(crate) fn encode(self, text: &str) -> Cow<'_, [u8]> {
        match self {
            Bytes::Utf8 => Cow::Borrowed(text.as_bytes()),
            Bytes::Gbk => encoding_rs::GBK.encode(text).0,
            Bytes::Gb18030 => encoding_rs::GB18030.encode(text).0,
        }
    }

    /// The encodings worth trying for a request whose text (names, values, body) is `all_text`:
    /// UTF-8 alone for ASCII text, GB18030 only where it writes the text otherwise than GBK.
    pub(crate) fn options(all_text: &str) -> Vec<Bytes> {
        if all_text.is_ascii() {
            vec![Bytes::Utf8]
        } else if Bytes::Gbk.encode(all_text) == Bytes::Gb18030.encode(all_text) {
            vec![Bytes::Utf8, Bytes::Gbk]
        } else {
            vec![Bytes::Utf8, Bytes::Gbk, Bytes::Gb18030]
        }
    }
}

/// Which body is appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum BodyChoice {
    /// The body the rule signs (none when the rule signs none).
    AsSent,
    /// No body.
    LeftOut,
    /// The variant at this index of the search's body variants.
    Changed(usize),
}

/// What decides the string (not the digest): the key of the string cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TextChoice {
    pub blanks: BlankValues,
    pub body: BodyChoice,
    pub values: ValueForm,
    pub order: Order,
    pub sign_included: bool,
}

/// One way of computing a sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Candidate {
    pub method: SignMethod,
    pub placement: Placement,
    pub bytes: Bytes,
    pub text: TextChoice,
}

/// The options open on each axis for one request; the first of each is the rule.
pub(crate) struct Axes {
    pub rule_method: SignMethod,
    pub blanks: Vec<BlankValues>,
    pub bodies: Vec<BodyChoice>,
    pub values: Vec<ValueForm>,
    pub orders: Vec<Order>,
    pub bytes: Vec<Bytes>,
}

impl Candidate {
    /// How many axes leave the rule.
    pub(crate) fn deviations(&self, axes: &Axes) -> usize {
        [
            self.method != axes.rule_method,
            self.placement != Placement::Rule,
            self.bytes != Bytes::Utf8,
            self.text.blanks != axes.blanks[0],
            self.text.body != BodyChoice::AsSent,
            self.text.values != ValueForm::Decoded,
            self.text.order != Order::Ordinal,
            self.text.sign_included,
        ]
        .into_iter()
        .filter(|d| *d)
        .count()
    }
}

impl Axes {
    /// The rule itself.
    pub(crate) fn rule(&self) -> Candidate {
        Candidate {
            method: self.rule_method,
            placement: Placement::Rule,
            bytes: Bytes::Utf8,
            text: TextChoice {
                blanks: self.blanks[0],
                body: BodyChoice::AsSent,
                values: ValueForm::Decoded,
                order: Order::Ordinal,
                sign_included: false,
            },
        }
    }

    /// Every combination of up to [`MAX_DEVIATIONS`] deviations, fewest first (stable, so within
    /// a count the rule's own options come first).
    pub(crate) fn candidates(&self) -> Vec<Candidate> {
        let mut all = Vec::new();
        for method in SignMethod::ALL {
            let placements: &[Placement] = if method == SignMethod::Md5 {
                &[Placement::Rule, Placement::Front, Placement::Back]
            } else {
                &[Placement::Rule]
            };
            for &placement in placements {
                for &bytes in &self.bytes {
                    for &blanks in &self.blanks {
                        for &body in &self.bodies {
                            for &values in &self.values {
                                for &order in &self.orders {
                                    for sign_included in [false, true] {
                                        all.push(Candidate {
                                            method,
                                            placement,
                                            bytes,
                                            text: TextChoice {
                                                blanks,
                                                body,
                                                values,
                                                order,
                                                sign_included,
                                            },
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        all.retain(|c| c.deviations(self) <= MAX_DEVIATIONS);
        // The rule's method first among equals, then the others in their usual order.
        all.sort_by_key(|c| (c.deviations(self), c.method != self.rule_method));
        all
    }
}

/// Whether the customer's hex equals a computed digest, and whether only by ignoring case.
pub(crate) fn hex_match(customer: &str, computed: &str) -> Option<bool> {
    if customer == computed {
        Some(false)
    } else if customer.eq_ignore_ascii_case(computed) {
        Some(true)
    } else {
        None
    }
}
