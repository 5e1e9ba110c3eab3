//! Properties of the signing module over arbitrary requests: what a client signs, the provider-side
//! rule accepts; any tampering is caught; the explanation always agrees with the sign; `wdt_sign`
//! does not depend on the order parameters or JSON members were written in.

use proptest::prelude::*;
use proptest::sample::Index;
use qimen_core::sign::{
    explain_top, is_blank, sign_top, verify, wdt_sign, InboundRequest, Params, SignMethod,
    SpiVerdict, WdtFlavour,
};

fn key() -> impl Strategy<Value = String> {
    // Letters and `_` only, so a tampered key (a digit written in) can never become `sign`.
    "[a-z][a-zA-Z_]{0,10}".prop_filter("sign is never a signed param", |k| k != "sign")
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,24}",
        "[\u{4e00}-\u{9fa5}]{1,8}",
        "[a-z0-9 ]{0,6}[\u{4e00}-\u{9fa5}]{1,4}[&=+%]{0,2}",
        Just(String::new()),
        Just("  ".to_string()),
    ]
}

fn params() -> impl Strategy<Value = Params> {
    prop::collection::btree_map(key(), value(), 0..12)
}

fn body() -> impl Strategy<Value = Option<String>> {
    prop::option::of("[ -~\u{4e00}-\u{4e20}\n]{0,160}")
}

fn secret() -> impl Strategy<Value = String> {
    "[a-f0-9]{32}"
}

/// What a client that signs like the Java SDK puts on the wire: blank params are neither signed
/// nor sent; with a body everything rides in the query, without one half the params go in the form.
struct Sent {
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    body: Option<String>,
}

fn send(params: &Params, body: Option<String>, secret: &str) -> Sent {
    let sign = sign_top(params, body.as_deref(), secret, SignMethod::Md5);
    let mut query = Vec::new();
    let mut form = Vec::new();
    for (i, (k, v)) in params.iter().filter(|(_, v)| !is_blank(v)).enumerate() {
        if body.is_none() && i % 2 == 1 {
            form.push((k.clone(), v.clone()));
        } else {
            query.push((k.clone(), v.clone()));
        }
    }
    query.push(("sign".into(), sign));
    Sent { query, form, body }
}

fn encode(pairs: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// The provider's view: the raw query and form decoded by the receiver, the body as-is.
fn receive(sent: &Sent) -> InboundRequest {
    let mut request = InboundRequest::from_query(&encode(&sent.query));
    if let Some(body) = &sent.body {
        request = request.with_body(body.clone());
    } else {
        request = request.with_form_body(&encode(&sent.form));
    }
    request
}

/// Replaces the character at `at` with one that differs from it and is not whitespace.
fn change_char(text: &str, at: Index, replacement: char) -> String {
    let count = text.chars().count();
    let position = at.index(count);
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            if i != position {
                c
            } else if c == replacement {
                '1'
            } else {
                replacement
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn client_signed_requests_verify_on_the_provider_side(
        params in params(), body in body(), secret in secret()
    ) {
        let sent = send(&params, body, &secret);
        prop_assert_eq!(verify(&receive(&sent), &secret), SpiVerdict::Valid);
    }

    #[test]
    fn any_changed_character_fails_verification(
        params in params(),
        body in body(),
        secret in secret(),
        which in any::<Index>(),
        at in any::<Index>(),
    ) {
        let mut sent = send(&params, body, &secret);
        // Every tamperable spot: each sent key and value (query or form, never the sign), the body.
        let signed_pairs = sent.query.len() - 1 + sent.form.len();
        let spots = signed_pairs * 2 + usize::from(sent.body.as_deref().is_some_and(|b| !b.is_empty()));
        prop_assume!(spots > 0);
        let spot = which.index(spots);
        if spot == signed_pairs * 2 {
            let body = sent.body.take().unwrap_or_default();
            sent.body = Some(change_char(&body, at, 'x'));
        } else {
            let (pair, is_key) = (spot / 2, spot % 2 == 0);
            let query_pairs = sent.query.len() - 1;
            let target = if pair < query_pairs {
                &mut sent.query[pair]
            } else {
                &mut sent.form[pair - query_pairs]
            };
            // A digit in a key (keys are letters) or a non-blank char in a value: the pair
            // is still sent and still signed, only different.
            if is_key {
                target.0 = change_char(&target.0, at, '0');
            } else {
                target.1 = change_char(&target.1, at, '0');
            }
        }
        let verdict = verify(&receive(&sent), &secret);
        prop_assert!(matches!(verdict, SpiVerdict::Mismatch { .. }), "{:?}", verdict);
    }

    #[test]
    fn explanation_digest_is_always_the_sign(
        params in params(),
        body in body(),
        secret in "[ -~]{0,40}",
        method in prop::sample::select(SignMethod::ALL.to_vec()),
    ) {
        let explanation = explain_top(&params, body.as_deref(), &secret, method);
        prop_assert_eq!(explanation.digest, sign_top(&params, body.as_deref(), &secret, method));
    }

    #[test]
    fn wdt_sign_ignores_insertion_and_member_order(
        pairs in prop::collection::vec((key(), value()), 0..10),
        members in prop::collection::btree_map("[a-z_]{1,8}", "[ -~]{0,8}|[0-9]{1,4}", 0..8),
        secret in "[a-f0-9]{32}",
    ) {
        let json = |entries: Vec<(&String, &String)>| {
            let body: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{}:{}", serde_json::json!(k), serde_json::json!(v)))
                .collect();
            format!("{{{}}}", body.join(","))
        };
        let forward = json(members.iter().collect());
        let backward = json(members.iter().rev().collect());

        // One value per key (the first), never clashing with the two fixed params.
        let mut entries: Vec<(String, String)> = Vec::new();
        for (k, v) in pairs {
            if k != "method" && k != "params" && !entries.iter().any(|(seen, _)| *seen == k) {
                entries.push((k, v));
            }
        }
        entries.push(("method".into(), "hu3cgwt0tc.wdt.trade.query".into()));
        let a: Params = entries
            .iter()
            .cloned()
            .chain([("params".to_string(), forward)])
            .collect();
        let b: Params = [("params".to_string(), backward)]
            .into_iter()
            .chain(entries.iter().rev().cloned())
            .collect();
        prop_assert_eq!(
            wdt_sign(&a, &secret, WdtFlavour::Custom),
            wdt_sign(&b, &secret, WdtFlavour::Custom)
        );
    }
}
