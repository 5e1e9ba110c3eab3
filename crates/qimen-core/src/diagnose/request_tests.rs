//! Beside the sign: the timestamp window, the required system parameters, and secrets kept out of
//! everything a diagnosis returns.

use super::fixtures::*;
use super::*;
use chrono::Duration;

const A_MD5: &str = "66987CB115214E59E6EC978214934FB8";

fn ids(d: &Diagnosis) -> Vec<CauseId> {
    d.causes.iter().map(|c| c.id).collect()
}

fn cause(d: &Diagnosis, id: CauseId) -> &Cause {
    d.causes.iter().find(|c| c.id == id).expect("cause present")
}

#[test]
fn a_valid_sign_with_a_timestamp_eight_hours_behind_names_the_time_zone() {
    let request = signed_request(&example_a("md5"), None, A_MD5);
    let d = diagnose(
        &request,
        EXAMPLE_A_SECRET,
        example_a_time() + Duration::hours(8),
    );
    assert!(d.valid);
    assert_eq!(ids(&d), [CauseId::TimestampOutOfWindow]);
    let c = cause(&d, CauseId::TimestampOutOfWindow);
    assert_eq!(c.detail.as_deref(), Some("-480 min (-8 h)"));
    assert!(
        c.explanation.zh.contains("480 分钟"),
        "{}",
        c.explanation.zh
    );
    assert!(c.explanation.zh.contains("时区"));
    assert!(c.explanation.en.contains("UTC"), "{}", c.explanation.en);
}

#[test]
fn minutes_off_without_whole_hours_say_no_time_zone() {
    let request = signed_request(&example_a("md5"), None, A_MD5);
    let now = example_a_time() - Duration::minutes(25);
    let d = diagnose(&request, EXAMPLE_A_SECRET, now);
    let c = cause(&d, CauseId::TimestampOutOfWindow);
    assert_eq!(c.detail.as_deref(), Some("+25 min"));
    assert!(
        !c.explanation.en.contains("time zone"),
        "{}",
        c.explanation.en
    );
    // Nine minutes is inside the window.
    let d = diagnose(
        &request,
        EXAMPLE_A_SECRET,
        example_a_time() + Duration::minutes(9),
    );
    assert!(d.valid && d.causes.is_empty());
}

#[test]
fn the_time_sent_is_the_reference_when_known() {
    let mut request = signed_request(&example_a("md5"), None, A_MD5);
    request.sent_at = Some(example_a_time() + Duration::minutes(30));
    // `now` is years later; only the 30 minutes to the time sent count.
    let d = diagnose(
        &request,
        EXAMPLE_A_SECRET,
        example_a_time() + Duration::days(900),
    );
    let c = cause(&d, CauseId::TimestampOutOfWindow);
    assert_eq!(c.detail.as_deref(), Some("-30 min"));
    assert!(c.explanation.en.contains("the time the request was sent"));
}

#[test]
fn epoch_millis_timestamps_are_read_and_unreadable_ones_named() {
    let mut list = example_a("md5");
    let millis = example_a_time().timestamp_millis().to_string();
    list[3].1 = millis;
    let sign = rule_sign(&list, None, EXAMPLE_A_SECRET, SignMethod::Md5);
    let d = diagnose(
        &signed_request(&list, None, &sign),
        EXAMPLE_A_SECRET,
        example_a_time(),
    );
    assert!(d.valid && d.causes.is_empty(), "{:?}", d.causes);
    list[3].1 = "2016/01/01".into();
    let sign = rule_sign(&list, None, EXAMPLE_A_SECRET, SignMethod::Md5);
    let d = diagnose(
        &signed_request(&list, None, &sign),
        EXAMPLE_A_SECRET,
        example_a_time(),
    );
    assert_eq!(ids(&d), [CauseId::TimestampUnreadable]);
}

#[test]
fn missing_system_params_are_named_beside_a_valid_sign() {
    let list: Vec<(String, String)> = example_a("md5")
        .into_iter()
        .filter(|(k, _)| k != "v" && k != "app_key")
        .collect();
    let sign = rule_sign(&list, None, EXAMPLE_A_SECRET, SignMethod::Md5);
    let d = diagnose(
        &signed_request(&list, None, &sign),
        EXAMPLE_A_SECRET,
        example_a_time(),
    );
    assert!(d.valid);
    let missing: Vec<Option<&str>> = d.causes.iter().map(|c| c.detail.as_deref()).collect();
    assert_eq!(
        ids(&d),
        [CauseId::MissingSystemParam, CauseId::MissingSystemParam]
    );
    assert_eq!(missing, [Some("app_key"), Some("v")]);
    assert!(d.causes[1].fix.en.contains("v=2.0"));
}

#[test]
fn sign_method_may_be_left_out_but_not_sign() {
    let list: Vec<(String, String)> = example_a("md5")
        .into_iter()
        .filter(|(k, _)| k != "sign_method")
        .collect();
    let sign = rule_sign(&list, None, EXAMPLE_A_SECRET, SignMethod::Md5);
    let d = diagnose(
        &signed_request(&list, None, &sign),
        EXAMPLE_A_SECRET,
        example_a_time(),
    );
    assert!(d.valid && d.causes.is_empty(), "{:?}", d.causes);
    let d = diagnose(&captured(&list, None), EXAMPLE_A_SECRET, example_a_time());
    assert!(!d.valid);
    assert_eq!(ids(&d), [CauseId::MissingSystemParam]);
    assert_eq!(d.causes[0].detail.as_deref(), Some("sign"));
    assert_eq!(d.customer_sign, None);
    // An empty sign= is missing too.
    let d = diagnose(
        &signed_request(&list, None, ""),
        EXAMPLE_A_SECRET,
        example_a_time(),
    );
    assert_eq!(ids(&d), [CauseId::MissingSystemParam]);
}

#[test]
fn qimen_standard_requests_need_a_customer_id() {
    let list: Vec<(String, String)> = example_c()
        .into_iter()
        .filter(|(k, _)| k != "customerId")
        .collect();
    let sign = rule_sign(&list, Some(EXAMPLE_C_BODY), QIMEN_SECRET, SignMethod::Md5);
    let request = signed_request(&list, Some(EXAMPLE_C_BODY), &sign);
    let d = diagnose(&request, QIMEN_SECRET, example_c_time());
    assert!(d.valid);
    assert_eq!(d.causes.len(), 1);
    assert_eq!(d.causes[0].detail.as_deref(), Some("customerId"));
}

#[test]
fn no_secret_in_clear_anywhere_in_the_diagnosis() {
    let mut list = example_c();
    list.push(("note".into(), format!("pasted {QIMEN_SECRET} by mistake")));
    for sign in [
        rule_sign(&list, Some(EXAMPLE_C_BODY), QIMEN_SECRET, SignMethod::Md5),
        rule_sign(&list, None, QIMEN_SECRET, SignMethod::Md5),
        "0123456789ABCDEF0123456789ABCDEF".to_string(),
    ] {
        let body = format!("<request><remark>{QIMEN_SECRET}</remark></request>");
        let request = signed_request(&list, Some(&body), &sign);
        let d = diagnose(&request, QIMEN_SECRET, example_c_time());
        let json = serde_json::to_string(&d).expect("serialisable");
        assert!(!json.contains(QIMEN_SECRET), "{json}");
        assert!(json.contains("******2a"));
    }
}

#[test]
fn the_masked_string_is_the_platform_reading() {
    let request = signed_request(&example_c(), Some(EXAMPLE_C_BODY), EXAMPLE_C_MD5);
    let d = diagnose(&request, QIMEN_SECRET, example_c_time());
    assert!(d
        .string_to_sign_masked
        .starts_with("******2aapp_key23268761customerId"));
    assert!(d.string_to_sign_masked.ends_with("</request>******2a"));
}

#[test]
fn cause_ids_serialise_kebab_case() {
    for id in [
        CauseId::BodyNotSigned,
        CauseId::UrlEncodedValuesSigned,
        CauseId::WdtSecretSalt,
    ] {
        let json = serde_json::to_string(&id).expect("serialisable");
        assert_eq!(json, format!("\"{}\"", id.as_str()));
    }
    assert_eq!(CauseId::NonUtf8Encoding.as_str(), "non-utf8-encoding");
}
