//! The `wdt_sign` candidates: which key signs, which members, their order, JSON kept as text.
//! Each choice off the rule is one deviation; candidates with fewer come first.

use super::subject::SentPair;
use crate::protocol::request::SYSTEM_PARAMS;
use crate::sign::wdt::{append_text, wdt_drop_reason, wdt_method_as_signed, WdtDropReason};
use crate::sign::WdtFlavour;
use serde_json::Value;

/// Which key signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    Signing,
    WholeSecretSalt,
    SaltAsSecret,
}

/// How `method` enters SER.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MethodForm {
    Rule,
    WithRouterCode,
    LeftOut,
}

/// One way of computing `wdt_sign`; every `true` and every non-rule choice is a deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WdtCandidate {
    pub key: Key,
    pub salt_left_out: bool,
    pub system_params: bool,
    pub customer_id: bool,
    pub method: MethodForm,
    pub blanks_kept: bool,
    pub all_params: bool,
    pub as_sent_order: bool,
    pub json_as_text: bool,
}

impl WdtCandidate {
    pub(crate) const RULE: WdtCandidate = WdtCandidate {
        key: Key::Signing,
        salt_left_out: false,
        system_params: false,
        customer_id: false,
        method: MethodForm::Rule,
        blanks_kept: false,
        all_params: false,
        as_sent_order: false,
        json_as_text: false,
    };

    fn deviations(&self) -> usize {
        [
            self.key != Key::Signing,
            self.salt_left_out,
            self.system_params,
            self.customer_id,
            self.method != MethodForm::Rule,
            self.blanks_kept,
            self.all_params,
            self.as_sent_order,
            self.json_as_text,
        ]
        .into_iter()
        .filter(|d| *d)
        .count()
    }
}

/// The request's parameters as the sender's code saw them.
pub(crate) struct WdtSubject {
    pub flavour: WdtFlavour,
    /// Sent order, one per name.
    pub sent: Vec<SentPair>,
    /// The same, sorted by name.
    pub sorted: Vec<(String, String)>,
}

impl WdtSubject {
    /// SER's members for a candidate: key and what follows it.
    pub(crate) fn parts(&self, c: &WdtCandidate) -> Vec<(String, String)> {
        let sent: Vec<(String, String)>;
        let pairs: &[(String, String)] = if c.as_sent_order {
            sent = self
                .sent
                .iter()
                .map(|p| (p.key.clone(), p.value.clone()))
                .collect();
            &sent
        } else {
            &self.sorted
        };
        let mut out = Vec::new();
        for (key, value) in pairs {
            if key == "sign" || key == "wdt_sign" || (key == "wdt_salt" && c.salt_left_out) {
                continue;
            }
            let system = SYSTEM_PARAMS.contains(&key.as_str()) && key != "method";
            let keep = match wdt_drop_reason(key, value, self.flavour) {
                None => true,
                Some(WdtDropReason::SystemParam) => c.system_params,
                Some(WdtDropReason::ExcludedByWdt) => c.customer_id,
                Some(WdtDropReason::BlankValue) => c.blanks_kept,
                Some(WdtDropReason::NotInCrmFieldList) if system => c.system_params,
                Some(WdtDropReason::NotInCrmFieldList) => c.all_params,
            };
            if !keep {
                continue;
            }
            let serialised = if key == "method" {
                match c.method {
                    MethodForm::Rule => wdt_method_as_signed(value, self.flavour),
                    MethodForm::WithRouterCode => value.clone(),
                    MethodForm::LeftOut => continue,
                }
            } else if c.json_as_text {
                text_without_wdt_sign(value)
            } else {
                let mut s = String::new();
                append_text(&mut s, value);
                s
            };
            out.push((key.clone(), serialised));
        }
        out
    }

    fn has(&self, key: &str) -> bool {
        self.sorted.iter().any(|(k, _)| k == key)
    }

    fn has_json(&self) -> bool {
        self.sorted
            .iter()
            .any(|(_, v)| append_text(&mut String::new(), v))
    }

    /// Every candidate worth trying, fewest deviations first.
    pub(crate) fn candidates(&self, keys: &[Key]) -> Vec<WdtCandidate> {
        let flags = |applies: bool| {
            if applies {
                vec![false, true]
            } else {
                vec![false]
            }
        };
        let custom = self.flavour == WdtFlavour::Custom;
        let has_json = self.has_json();
        let mut all = Vec::new();
        for &key in keys {
            for salt_left_out in flags(self.has("wdt_salt")) {
                for system_params in flags(true) {
                    for customer_id in flags(self.has("wdt3_customer_id")) {
                        for method in [
                            MethodForm::Rule,
                            MethodForm::WithRouterCode,
                            MethodForm::LeftOut,
                        ] {
                            for blanks_kept in flags(true) {
                                for all_params in flags(!custom) {
                                    for as_sent_order in flags(true) {
                                        for json_as_text in flags(has_json) {
                                            all.push(WdtCandidate {
                                                key,
                                                salt_left_out,
                                                system_params,
                                                customer_id,
                                                method,
                                                blanks_kept,
                                                all_params,
                                                as_sent_order,
                                                json_as_text,
                                            });
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        all.sort_by_key(WdtCandidate::deviations);
        all
    }
}

/// A JSON value as text, without any `wdt_sign` member (computed before it was added).
fn text_without_wdt_sign(value: &str) -> String {
    match serde_json::from_str::<Value>(value.trim()) {
        Ok(Value::Object(mut map)) if map.contains_key("wdt_sign") => {
            map.remove("wdt_sign");
            Value::Object(map).to_string()
        }
        _ => value.to_string(),
    }
}
