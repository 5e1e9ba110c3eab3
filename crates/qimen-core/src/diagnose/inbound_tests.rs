//! The provider's side: the `SpiUtils` rule passes Example C, and a sender's usual mistakes come
//! back by their ids.

use super::fixtures::*;
use super::*;
use crate::sign::top::{digest, string_to_sign};
use crate::sign::InboundRequest;

fn query(list: &[(String, String)], sign: &str) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in list {
        q.append_pair(k, v);
    }
    q.append_pair("sign", sign);
    q.finish()
}

fn inbound(list: &[(String, String)], sign: &str) -> InboundRequest {
    InboundRequest::from_query(&query(list, sign)).with_body(EXAMPLE_C_BODY)
}

fn ids(d: &Diagnosis) -> Vec<CauseId> {
    d.causes.iter().map(|c| c.id).collect()
}

#[test]
fn example_c_checks_on_the_provider_side() {
    let d = diagnose_inbound(
        &inbound(&example_c(), EXAMPLE_C_MD5),
        QIMEN_SECRET,
        example_c_time(),
    );
    assert!(d.valid, "{:?}", d.causes);
    assert!(d.causes.is_empty());
    assert_eq!(d.expected_sign, EXAMPLE_C_MD5);
    assert_eq!(d.rows.last().map(|r| r.key.as_str()), Some(BODY_ROW_KEY));
}

#[test]
fn a_sender_that_dropped_a_blank_param_is_named() {
    let mut list = example_c();
    list.push(("remark".into(), String::new()));
    // The caller's rule drops the blank pair; SpiUtils signs it as the bare key.
    let sign = digest(
        &string_to_sign(&map(&list), Some(EXAMPLE_C_BODY)),
        QIMEN_SECRET,
        SignMethod::Md5,
    );
    let d = diagnose_inbound(&inbound(&list, &sign), QIMEN_SECRET, example_c_time());
    assert!(!d.valid);
    assert_eq!(ids(&d), [CauseId::BlankParamsDropped]);
    assert_eq!(d.causes[0].detail.as_deref(), Some("remark"));
}

#[test]
fn hmac_and_lower_case_on_the_provider_side() {
    let mut list = example_c();
    list[5].1 = "hmac".into();
    let s = string_to_sign(&map(&list), Some(EXAMPLE_C_BODY));
    let sign = digest(&s, QIMEN_SECRET, SignMethod::Hmac);
    let d = diagnose_inbound(&inbound(&list, &sign), QIMEN_SECRET, example_c_time());
    assert_eq!(ids(&d), [CauseId::SignMethodMismatch]);
    assert!(d.causes[0].explanation.en.contains("md5 only"));
    let d = diagnose_inbound(
        &inbound(&example_c(), &EXAMPLE_C_MD5.to_lowercase()),
        QIMEN_SECRET,
        example_c_time(),
    );
    assert_eq!(ids(&d), [CauseId::LowercaseHex]);
}

#[test]
fn no_sign_in_the_query_is_missing() {
    let request =
        InboundRequest::from_query("method=a&app_key=1&v=2.0&timestamp=2024-05-20+10%3A15%3A30");
    let d = diagnose_inbound(&request, QIMEN_SECRET, example_c_time());
    assert!(!d.valid);
    assert_eq!(ids(&d), [CauseId::MissingSystemParam]);
    assert_eq!(d.causes[0].detail.as_deref(), Some("sign"));
}
