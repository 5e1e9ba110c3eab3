//! 旺店通's `wdt_sign` (rule in [`crate::sign::wdt`]): checked with the `secret:salt` 旺店通 gave,
//! and when it fails, the variations its published helpers and their users get wrong searched
//! like the TOP sign's: which key (the signing part, the whole `secret:salt`, the salt), which
//! members (system parameters, `wdt3_customer_id`, the method's router code, `wdt_salt`, blank
//! values, for the CRM API every parameter), their order, and JSON values kept as text.

use super::rows::{side_by_side, Hider};
use super::search::hex_match;
use super::subject::{last_of_each, SentPair};
use super::wdt_causes as texts;
use super::wdt_search::{Key, WdtCandidate, WdtSubject};
use super::{Cause, WdtDiagnosis};
use crate::captured::CapturedRequest;
use crate::sensitive::SecretString;
use crate::sign::wdt::{wdt_digest, wdt_signing_secret};
use crate::sign::{
    carried_wdt_sign, explain_wdt, split_wdt_app_secret, wdt_flavour_for, Params, WdtFlavour,
};
use serde_json::Value;

/// The `wdt_salt` the request sends: a parameter, or a member of the CRM API's `extendProps`.
fn salt_sent(params: &Params, flavour: WdtFlavour) -> Option<String> {
    match flavour {
        WdtFlavour::Custom => params.get("wdt_salt").cloned(),
        WdtFlavour::OfficialCrm => params
            .get("extendProps")
            .and_then(|t| serde_json::from_str::<Value>(t.trim()).ok())
            .and_then(|v| {
                v.get("wdt_salt")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            }),
    }
}

/// Checks `wdt_sign` when the request is a 旺店通 one carrying it; `None` otherwise.
pub(crate) fn check(
    request: &CapturedRequest,
    method: &str,
    full_secret: &str,
    hide: &Hider,
) -> Option<(WdtDiagnosis, Vec<Cause>)> {
    let params = request.params_map();
    let flavour = wdt_flavour_for(method);
    let customer = carried_wdt_sign(&params, flavour)?;
    let signing = wdt_signing_secret(&SecretString::from(full_secret));
    let signing = signing.expose().as_str();
    let split = split_wdt_app_secret(full_secret).ok();
    let explanation = explain_wdt(&params, signing, flavour);
    let sent = request.params.iter().map(|p| SentPair {
        key: p.name.clone(),
        value: p.value.clone(),
        raw: None,
    });
    let subject = WdtSubject {
        flavour,
        sent: last_of_each(sent.collect()),
        sorted: params.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    };
    let full = full_secret.trim();
    let keys: Vec<(Key, &str)> = match split {
        Some((_, salt)) => vec![
            (Key::Signing, signing),
            (Key::WholeSecretSalt, full),
            (Key::SaltAsSecret, salt.trim()),
        ],
        None => vec![(Key::Signing, signing)],
    };
    let key_ids: Vec<Key> = keys.iter().map(|(k, _)| *k).collect();
    let found = subject.candidates(&key_ids).into_iter().find_map(|c| {
        let secret = keys.iter().find(|(k, _)| *k == c.key).map(|(_, s)| *s)?;
        let ser: String = subject
            .parts(&c)
            .into_iter()
            .flat_map(|(k, v)| [k, v])
            .collect();
        hex_match(&customer, &wdt_digest(&ser, secret)).map(|upper| (c, upper))
    });
    let mut causes = Vec::new();
    if let (Some((_, salt)), Some(sent_salt)) = (split, salt_sent(&params, flavour)) {
        if sent_salt.trim() != salt.trim() {
            causes.push(texts::salt_differs());
        }
    }
    let platform: Vec<(String, String)> = explanation
        .kept
        .iter()
        .map(|p| (p.key.clone(), p.serialised.clone()))
        .collect();
    let customer_parts = match &found {
        Some((c, upper)) => {
            causes.extend(texts::deviations(c, &subject.sent, flavour));
            if *upper {
                causes.push(texts::uppercase_hex());
            }
            subject.parts(c)
        }
        None => {
            causes.push(texts::mismatch());
            let sent = subject
                .sent
                .iter()
                .filter(|p| p.key != "sign" && p.key != "wdt_sign");
            sent.map(|p| (p.key.clone(), p.value.clone())).collect()
        }
    };
    let valid = found.is_some_and(|(c, upper)| c == WdtCandidate::RULE && !upper);
    let diagnosis = WdtDiagnosis {
        flavour,
        valid,
        customer_wdt_sign: customer,
        expected_wdt_sign: explanation.digest.clone(),
        string_to_sign_masked: hide.hide(&explanation.string_to_sign_masked),
        rows: side_by_side(&platform, None, &customer_parts, None, hide),
    };
    Some((diagnosis, causes))
}
