//! The candidate signs of a TOP (or SPI) request: strings built from the [`Subject`] along the
//! axes of [`super::search`], digests by the rule's own [`digest_bytes`], and the causes and rows
//! of the candidate that reproduces the customer's sign.

use super::body::{body_variants, BodyVariant};
use super::rows::{self, Hider};
use super::search::{
    hex_match, Axes, BodyChoice, Bytes, Candidate, Order, Placement, TextChoice, ValueForm,
};
use super::sign_causes as causes;
use super::subject::Subject;
use super::{Cause, SignedRow};
use crate::sign::top::{digest_bytes, drop_reason, BlankValues};
use crate::sign::SignMethod;
use std::collections::HashMap;

/// The search over one subject with one secret.
pub(crate) struct Search<'s, 'a> {
    subject: &'s Subject<'a>,
    secret: &'s str,
    variants: Vec<(BodyVariant, String)>,
    axes: Axes,
}

impl<'s, 'a> Search<'s, 'a> {
    pub(crate) fn new(subject: &'s Subject<'a>, secret: &'s str) -> Self {
        let variants = subject.body.map(body_variants).unwrap_or_default();
        let other_blanks = match subject.rule_blanks {
            BlankValues::Drop => BlankValues::Keep,
            BlankValues::Keep => BlankValues::Drop,
        };
        let mut blanks = vec![subject.rule_blanks];
        if !subject.blank_keys().is_empty() {
            blanks.push(other_blanks);
        }
        let mut bodies = vec![BodyChoice::AsSent];
        if subject.body.is_some() {
            bodies.push(BodyChoice::LeftOut);
            bodies.extend((0..variants.len()).map(BodyChoice::Changed));
        }
        let mut values = vec![ValueForm::Decoded];
        let mut seen = vec![Self::value_list(subject, ValueForm::Decoded)];
        for form in [
            ValueForm::AsSent,
            ValueForm::FormEncoded,
            ValueForm::PercentEncoded,
        ] {
            let list = Self::value_list(subject, form);
            if !seen.contains(&list) {
                seen.push(list);
                values.push(form);
            }
        }
        let mut orders = vec![Order::Ordinal];
        let mut seen = vec![Self::key_order(subject, Order::Ordinal)];
        for order in [Order::AsSent, Order::CaseInsensitive] {
            let keys = Self::key_order(subject, order);
            if !seen.contains(&keys) {
                seen.push(keys);
                orders.push(order);
            }
        }
        let mut all_text: String = subject
            .pairs
            .iter()
            .flat_map(|p| [&p.key, &p.value])
            .map(String::as_str)
            .collect();
        all_text.push_str(subject.body.unwrap_or_default());
        let bytes = Bytes::options(&all_text);
        let axes = Axes {
            rule_method: subject.method,
            blanks,
            bodies,
            values,
            orders,
            bytes,
        };
        Search {
            subject,
            secret,
            variants,
            axes,
        }
    }

    fn value_list(subject: &Subject<'_>, form: ValueForm) -> Vec<String> {
        subject
            .pairs
            .iter()
            .map(|p| subject.value_in(p, form))
            .collect()
    }

    fn key_order(subject: &Subject<'_>, order: Order) -> Vec<String> {
        let mut keys: Vec<String> = subject.pairs.iter().map(|p| p.key.clone()).collect();
        sort_keys(&mut keys, order, |k| k);
        keys
    }

    /// The rule's candidate.
    pub(crate) fn rule(&self) -> Candidate {
        self.axes.rule()
    }

    /// The pairs a candidate signs, in its order.
    pub(crate) fn pairs(&self, text: &TextChoice) -> Vec<(String, String)> {
        let mut items: Vec<(String, String)> = Vec::new();
        for pair in &self.subject.pairs {
            if pair.key == "sign" {
                if text.sign_included {
                    items.push((pair.key.clone(), String::new()));
                }
            } else if drop_reason(&pair.key, &pair.value, text.blanks).is_none() {
                items.push((pair.key.clone(), self.subject.value_in(pair, text.values)));
            }
        }
        sort_keys(&mut items, text.order, |(k, _)| k);
        items
    }

    /// The body a candidate appends.
    pub(crate) fn body(&self, choice: BodyChoice) -> Option<&str> {
        match choice {
            BodyChoice::AsSent => self.subject.body,
            BodyChoice::LeftOut => None,
            BodyChoice::Changed(i) => self.variants.get(i).map(|(_, t)| t.as_str()),
        }
    }

    fn text(&self, choice: &TextChoice) -> String {
        let mut s: String = self
            .pairs(choice)
            .into_iter()
            .flat_map(|(k, v)| [k, v])
            .collect();
        s.push_str(self.body(choice.body).unwrap_or_default());
        s
    }

    fn digest(&self, candidate: &Candidate, bytes: &[u8]) -> String {
        let secret = self.secret.as_bytes();
        match candidate.placement {
            Placement::Rule => digest_bytes(bytes, self.secret, candidate.method),
            // md5 of the secret and the string with an empty wrapping secret: md5 with no wrap.
            Placement::Front => digest_bytes(&[secret, bytes].concat(), "", SignMethod::Md5),
            Placement::Back => digest_bytes(&[bytes, secret].concat(), "", SignMethod::Md5),
        }
    }

    /// The simplest candidate that reproduces `customer` (ignoring case), and whether the case
    /// differs.
    pub(crate) fn find(&self, customer: &str) -> Option<(Candidate, bool)> {
        let mut texts: HashMap<TextChoice, String> = HashMap::new();
        for candidate in self.axes.candidates() {
            let text = texts
                .entry(candidate.text)
                .or_insert_with(|| self.text(&candidate.text));
            let digest = self.digest(&candidate, &candidate.bytes.encode(text));
            if let Some(case_differs) = hex_match(customer, &digest) {
                return Some((candidate, case_differs));
            }
        }
        None
    }

    /// The deviations of a candidate as causes, in the order of their ids.
    pub(crate) fn causes(&self, c: &Candidate) -> Vec<Cause> {
        let mut out = Vec::new();
        if c.method != self.subject.method {
            let sent = self.subject.sign_method_sent.as_deref();
            out.push(causes::sign_method_mismatch(
                sent,
                c.method,
                self.subject.spi,
            ));
        }
        if c.text.blanks != self.subject.rule_blanks {
            out.push(causes::blank_params(
                self.subject.rule_blanks,
                &self.subject.blank_keys(),
            ));
        }
        match c.text.body {
            BodyChoice::AsSent => {}
            BodyChoice::LeftOut => out.push(causes::body_not_signed()),
            BodyChoice::Changed(i) => out.extend(self.variants.get(i).map(|(v, _)| v.cause())),
        }
        if c.text.values != ValueForm::Decoded {
            let signed = self.pairs(&c.text);
            let keys: Vec<String> = self
                .subject
                .pairs
                .iter()
                .filter(|p| signed.iter().any(|(k, _)| *k == p.key))
                .filter(|p| self.subject.value_in(p, c.text.values) != p.value)
                .map(|p| p.key.clone())
                .collect();
            out.push(causes::url_encoded_values(&keys));
        }
        if c.text.order != Order::Ordinal {
            out.push(causes::wrong_sort_order(c.text.order.as_str()));
        }
        if c.text.sign_included {
            out.push(causes::sign_param_included());
        }
        if c.placement != Placement::Rule {
            out.push(causes::secret_once(c.placement == Placement::Front));
        }
        if c.bytes != Bytes::Utf8 {
            out.push(causes::non_utf8(c.bytes.as_str()));
        }
        out
    }

    /// The rule's reading next to a candidate's, or next to the request as sent.
    pub(crate) fn rows(&self, candidate: Option<&Candidate>, hide: &Hider) -> Vec<SignedRow> {
        let rule = self.rule();
        let platform = self.pairs(&rule.text);
        let platform_body = self.body(rule.text.body);
        let (customer, customer_body) = match candidate {
            Some(c) => (self.pairs(&c.text), self.body(c.text.body)),
            None => {
                let sent = self.subject.pairs.iter().filter(|p| p.key != "sign");
                let sent = sent.map(|p| (p.key.clone(), p.value.clone())).collect();
                (sent, self.subject.body)
            }
        };
        rows::side_by_side(&platform, platform_body, &customer, customer_body, hide)
    }
}

/// Sorts items by their names in the given order (stable; sent order left alone).
fn sort_keys<T>(items: &mut [T], order: Order, key: impl Fn(&T) -> &String) {
    match order {
        Order::Ordinal => items.sort_by(|a, b| key(a).cmp(key(b))),
        Order::AsSent => {}
        Order::CaseInsensitive => items.sort_by_cached_key(|a| key(a).to_lowercase()),
    }
}

/// The outcome for the `sign` itself.
pub(crate) struct Verdict {
    pub valid: bool,
    pub causes: Vec<Cause>,
    pub rows: Vec<SignedRow>,
}

/// Compares the customer's sign with the rule and, when they differ, names the deviations of the
/// simplest candidate that reproduces it (or the wrong secret when none does).
pub(crate) fn judge(
    subject: &Subject<'_>,
    secret: &str,
    customer_sign: Option<&str>,
    looks_like_wdt_secret: bool,
    hide: &Hider,
) -> Verdict {
    let search = Search::new(subject, secret);
    let Some(customer) = customer_sign else {
        return Verdict {
            valid: false,
            causes: Vec::new(),
            rows: search.rows(None, hide),
        };
    };
    match search.find(customer) {
        Some((candidate, case_differs)) => {
            let mut causes = search.causes(&candidate);
            if case_differs {
                causes.push(causes::lowercase_hex());
            }
            Verdict {
                valid: causes.is_empty(),
                rows: search.rows(Some(&candidate), hide),
                causes,
            }
        }
        None => Verdict {
            valid: false,
            causes: vec![causes::wrong_secret(looks_like_wdt_secret)],
            rows: search.rows(None, hide),
        },
    }
}
