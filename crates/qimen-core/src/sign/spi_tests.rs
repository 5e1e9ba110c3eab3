//! SPI verification against the domain reference §6 Example C, run through the official
//! `SpiUtils` (valid as sent; invalid with planQty 11; invalid with a wrong secret).

use super::*;
use crate::sign::vectors::{example_c, EXAMPLE_C_BODY, EXAMPLE_C_MD5, QIMEN_SECRET};
use chrono::Duration;

/// Example C's query string, URL-encoded as the Java client encodes it (space as `+`).
fn example_c_query(sign: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in example_c() {
        query.append_pair(&k, &v);
    }
    query.append_pair("sign", sign);
    query.finish()
}

fn example_c_request() -> InboundRequest {
    InboundRequest::from_query(&example_c_query(EXAMPLE_C_MD5)).with_body(EXAMPLE_C_BODY)
}

#[test]
fn example_c_verifies() {
    let request = example_c_request();
    assert!(request
        .query
        .iter()
        .any(|(k, v)| k == "timestamp" && v == "2024-05-20 10:15:30"));
    assert_eq!(spi_sign(&request, QIMEN_SECRET), EXAMPLE_C_MD5);
    assert_eq!(verify(&request, QIMEN_SECRET), SpiVerdict::Valid);
}

#[test]
fn percent_encoded_spaces_decode_like_plus() {
    // Another client may write the space as %20 and the colon as %3A: same decoded params.
    let raw = example_c_query(EXAMPLE_C_MD5)
        .replace('+', "%20")
        .replace(':', "%3A");
    let request = InboundRequest::from_query(&format!("?{raw}")).with_body(EXAMPLE_C_BODY);
    assert!(verify(&request, QIMEN_SECRET).is_valid());
}

#[test]
fn changed_body_fails_with_the_string_to_sign_masked() {
    let request = InboundRequest::from_query(&example_c_query(EXAMPLE_C_MD5))
        .with_body(EXAMPLE_C_BODY.replace("<planQty>10<", "<planQty>11<"));
    match verify(&request, QIMEN_SECRET) {
        SpiVerdict::Mismatch {
            provided,
            expected,
            string_to_sign_masked,
        } => {
            assert_eq!(provided, EXAMPLE_C_MD5);
            assert_ne!(expected, EXAMPLE_C_MD5);
            assert!(string_to_sign_masked.starts_with("******2aapp_key23268761customerId"));
            assert!(string_to_sign_masked.contains("<planQty>11</planQty>"));
            assert!(!string_to_sign_masked.contains(QIMEN_SECRET));
        }
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

#[test]
fn wrong_secret_fails() {
    let verdict = verify(&example_c_request(), "b17cc059ffba3f6cf0d9131359d0be2b");
    assert!(matches!(verdict, SpiVerdict::Mismatch { .. }));
}

#[test]
fn missing_sign_is_its_own_verdict() {
    let raw = example_c_query("X").replace("&sign=X", "");
    let request = InboundRequest::from_query(&raw).with_body(EXAMPLE_C_BODY);
    assert_eq!(verify(&request, QIMEN_SECRET), SpiVerdict::MissingSign);
}

#[test]
fn lower_case_sign_is_rejected_like_spiutils() {
    let request = InboundRequest::from_query(&example_c_query(&EXAMPLE_C_MD5.to_lowercase()))
        .with_body(EXAMPLE_C_BODY);
    assert!(!verify(&request, QIMEN_SECRET).is_valid());
}

#[test]
fn empty_values_are_signed_unlike_the_client() {
    let request = InboundRequest::from_query("a=1&empty=&bare&sign=X");
    // `empty=` and a bare `bare` both count as key + "".
    assert_eq!(spi_string_to_sign(&request), "a1bareempty");
}

#[test]
fn listed_headers_are_signed_case_insensitively_and_decoded() {
    let request = InboundRequest::from_query("a=1&sign=X")
        .with_header("Top-Sign-List", "x-biz-id, X-Trace%2DId,missing")
        .with_header("X-BIZ-ID", "%E5%BA%97+1")
        .with_header("x-trace-id", "t1")
        .with_header("x-unlisted", "nope");
    // Keys as named in the list (decoded); values URL-decoded ('+' is a space); a listed header
    // that is absent counts as empty; unlisted headers are not signed.
    assert_eq!(
        spi_string_to_sign(&request),
        "X-Trace-Idt1a1missingx-biz-id店 1"
    );
}

#[test]
fn form_params_count_only_without_a_body_and_never_over_the_query() {
    let form = InboundRequest::from_query("a=1&sign=X").with_form_body("a=9&b=2&c=");
    assert_eq!(spi_string_to_sign(&form), "a1b2c");
    let with_body = form.clone().with_body("<r/>");
    assert_eq!(spi_string_to_sign(&with_body), "a1<r/>");
}

fn at(text: &str) -> DateTime<Utc> {
    crate::clock::parse_gmt8(text).expect("test times are well formed")
}

#[test]
fn timestamp_window_both_ways() {
    let request = example_c_request(); // timestamp 2024-05-20 10:15:30 (GMT+8)
    let ten = Duration::minutes(10);
    assert_eq!(
        check_timestamp(&request, at("2024-05-20 10:25:30"), ten),
        Ok(())
    );
    // 10 min 1 s old: rounded up to 11 so the figure shown exceeds the limit.
    assert_eq!(
        check_timestamp(&request, at("2024-05-20 10:25:31"), ten),
        Err(TimestampProblem::TooOld {
            minutes: 11,
            max_minutes: 10
        })
    );
    assert_eq!(
        check_timestamp(&request, at("2024-05-20 09:55:30"), ten),
        Err(TimestampProblem::InFuture {
            minutes: 20,
            max_minutes: 10
        })
    );
}

#[test]
fn timestamp_missing_or_unparseable() {
    let now = at("2024-05-20 10:15:30");
    let ten = Duration::minutes(10);
    assert_eq!(
        check_timestamp(&InboundRequest::from_query("a=1"), now, ten),
        Err(TimestampProblem::Missing)
    );
    let bad = InboundRequest::from_query("timestamp=2024%2F05%2F20");
    assert_eq!(
        check_timestamp(&bad, now, ten),
        Err(TimestampProblem::Unparseable {
            value: "2024/05/20".into()
        })
    );
    // The Python SDK's epoch milliseconds are accepted, read from a form too.
    let epoch = InboundRequest::from_query("").with_form_body("timestamp=1716171330000");
    assert_eq!(check_timestamp(&epoch, now, ten), Ok(()));
}

#[test]
fn a_repeated_system_parameter_is_refused_whatever_was_signed() {
    // A request signed an hour ago, with a fresh unsigned timestamp put in front of it.
    let secret = "provider-secret";
    let mut signed = Params::new();
    signed.insert("method".into(), "taobao.qimen.entryorder.create".into());
    signed.insert("timestamp".into(), "2024-05-20 09:15:30".into());
    signed.insert("app_key".into(), "23000009".into());
    let sign = top::digest(
        &top::string_to_sign_with(&signed, None, BlankValues::Keep),
        secret,
        SignMethod::Md5,
    );
    let query = format!(
        "timestamp=2024-05-20%2010%3A15%3A30&method=taobao.qimen.entryorder.create&timestamp=2024-05-20%2009%3A15%3A30&app_key=23000009&sign={sign}"
    );
    let request = InboundRequest::from_query(&query);
    assert_eq!(
        verify(&request, secret),
        SpiVerdict::DuplicateParameter {
            name: "timestamp".into()
        }
    );
    let without = InboundRequest::from_query(query.split_once('&').unwrap().1);
    assert_eq!(
        verify(&without, secret),
        SpiVerdict::Valid,
        "the request as it was signed"
    );
    // A business parameter may repeat; only system parameters are refused.
    assert_eq!(
        InboundRequest::from_query("a=1&a=2&method=x").duplicated_system_param(),
        None
    );
    assert_eq!(
        InboundRequest::from_query("method=a&method=b").duplicated_system_param(),
        Some("method")
    );
}
