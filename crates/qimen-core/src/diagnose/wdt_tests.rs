//! 旺店通's `wdt_sign`: the rule's sign passes, each usual mistake comes back by its id, and the
//! secrets stay masked.

use super::fixtures::*;
use super::*;
use crate::sign::top::digest;
use crate::sign::wdt_sign;

const WDT_SECRET: &str = "wdtsecret123456";
const WDT_FULL: &str = "wdtsecret123456:salt01";

/// A 企业版 call as sent, without `wdt_sign` and `sign`.
fn trade_query() -> Vec<(String, String)> {
    pairs(&[
        ("method", "hu3cgwt0tc.wdt.trade.query"),
        ("app_key", "23000001"),
        ("timestamp", "2024-05-20 10:15:30"),
        ("format", "json"),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("target_app_key", "21363512"),
        ("sid", "shop01"),
        ("pager", r#"{"page_size":20,"page_no":1}"#),
        ("wdt_salt", "salt01"),
    ])
}

/// SER of [`trade_query`] by the rule, written out.
const SER: &str = "methodwdt.trade.querypagerpage_no1page_size20sidshop01wdt_saltsalt01";

fn wdt_md5(ser: &str, secret: &str) -> String {
    digest(ser, secret, SignMethod::Md5).to_lowercase()
}

/// The call with the given `wdt_sign` and a correct outer sign, diagnosed with both secrets.
fn diagnose_wdt(list: &[(String, String)], wdt: &str) -> Diagnosis {
    let mut all = list.to_vec();
    all.push(("wdt_sign".into(), wdt.into()));
    let sign = rule_sign(&all, None, QIMEN_SECRET, SignMethod::Md5);
    let request = signed_request(&all, None, &sign);
    diagnose_with_wdt_secret(&request, QIMEN_SECRET, Some(WDT_FULL), example_c_time())
}

fn ids(d: &Diagnosis) -> Vec<CauseId> {
    d.causes.iter().map(|c| c.id).collect()
}

fn details(d: &Diagnosis) -> Vec<&str> {
    d.causes
        .iter()
        .filter_map(|c| c.detail.as_deref())
        .collect()
}

#[test]
fn the_rule_written_out_is_the_rule_computed() {
    let expected = wdt_sign(
        &map(&trade_query()),
        WDT_SECRET,
        crate::sign::WdtFlavour::Custom,
    );
    assert_eq!(wdt_md5(SER, WDT_SECRET), expected);
}

#[test]
fn a_right_wdt_sign_is_valid() {
    let d = diagnose_wdt(&trade_query(), &wdt_md5(SER, WDT_SECRET));
    assert!(d.valid, "{:?}", d.causes);
    assert!(d.causes.is_empty(), "{:?}", d.causes);
    let wdt = d.wdt.expect("wdt checked");
    assert!(wdt.valid);
    assert_eq!(wdt.rows.len(), 4);
    assert!(wdt.rows.iter().all(|r| r.platform == r.customer));
}

#[test]
fn the_whole_secret_salt_or_the_salt_as_key() {
    let d = diagnose_wdt(&trade_query(), &wdt_md5(SER, WDT_FULL));
    assert_eq!(ids(&d), [CauseId::WdtSecretSalt]);
    assert_eq!(details(&d), ["whole-secret-salt"]);
    assert!(!d.wdt.as_ref().expect("wdt").valid);
    let d = diagnose_wdt(&trade_query(), &wdt_md5(SER, "salt01"));
    assert_eq!(details(&d), ["salt-as-secret"]);
}

#[test]
fn the_salt_left_out_or_sent_wrong() {
    let ser = SER.replace("wdt_saltsalt01", "");
    let d = diagnose_wdt(&trade_query(), &wdt_md5(&ser, WDT_SECRET));
    assert_eq!(ids(&d), [CauseId::WdtSecretSalt]);
    assert_eq!(details(&d), ["wdt-salt-left-out"]);
    let mut list = trade_query();
    list[9].1 = "salt02".into();
    let ser = SER.replace("salt01", "salt02");
    let d = diagnose_wdt(&list, &wdt_md5(&ser, WDT_SECRET));
    assert!(d.wdt.as_ref().expect("wdt").valid);
    assert_eq!(details(&d), ["wdt-salt-differs"]);
}

#[test]
fn wrong_members() {
    let with_code = SER.replace("methodwdt.", "methodhu3cgwt0tc.wdt.");
    let d = diagnose_wdt(&trade_query(), &wdt_md5(&with_code, WDT_SECRET));
    assert_eq!(ids(&d), [CauseId::WdtWrongMembers]);
    assert_eq!(details(&d), ["method-with-router-code"]);
    // Every parameter but the signs, sorted.
    let mut all = trade_query();
    all.sort();
    let everything: String = all
        .iter()
        .map(|(k, v)| {
            let v = if k == "method" {
                "wdt.trade.query"
            } else {
                v.as_str()
            };
            let v = if k == "pager" {
                "page_no1page_size20"
            } else {
                v
            };
            format!("{k}{v}")
        })
        .collect();
    let d = diagnose_wdt(&trade_query(), &wdt_md5(&everything, WDT_SECRET));
    assert_eq!(ids(&d), [CauseId::WdtWrongMembers]);
    assert_eq!(details(&d), ["system-params"]);
    assert!(d.causes[0].explanation.en.contains("app_key, timestamp"));
}

#[test]
fn order_sent_and_json_as_text() {
    let sent = "methodwdt.trade.querysidshop01pagerpage_no1page_size20wdt_saltsalt01";
    let d = diagnose_wdt(&trade_query(), &wdt_md5(sent, WDT_SECRET));
    assert_eq!(ids(&d), [CauseId::WdtWrongOrder]);
    let text = SER.replace("page_no1page_size20", r#"{"page_size":20,"page_no":1}"#);
    let d = diagnose_wdt(&trade_query(), &wdt_md5(&text, WDT_SECRET));
    assert_eq!(ids(&d), [CauseId::WdtJsonAsText]);
    assert_eq!(details(&d), ["pager"]);
}

#[test]
fn upper_case_and_unexplained_wdt_signs() {
    let d = diagnose_wdt(&trade_query(), &wdt_md5(SER, WDT_SECRET).to_uppercase());
    assert_eq!(ids(&d), [CauseId::WdtUppercaseHex]);
    let d = diagnose_wdt(&trade_query(), &wdt_md5(SER, "another-wdt-secret"));
    assert_eq!(ids(&d), [CauseId::WdtSignMismatch]);
    assert!(d.valid, "the outer sign is still right");
}

#[test]
fn the_crm_api_carries_wdt_sign_in_extend_props() {
    let props = r#"{"wdt_appkey":"k1","wdt_salt":"salt01","datetime":"2024-05-20 10:15:30"}"#;
    let mut list = pairs(&[
        ("method", "qimen.taobao.crm.order.detail.get"),
        ("app_key", "23000001"),
        ("timestamp", "2024-05-20 10:15:30"),
        ("v", "2.0"),
        ("customerid", "shop01"),
        ("pageNo", "1"),
        ("pageSize", "20"),
        ("fields", "tid"),
        ("extendProps", props),
    ]);
    let flavour = crate::sign::WdtFlavour::OfficialCrm;
    let wdt = wdt_sign(&map(&list), WDT_SECRET, flavour);
    let with_sign = crate::sign::extend_props_with_wdt_sign(props, &wdt).expect("object");
    list[8].1 = with_sign;
    let sign = rule_sign(&list, None, QIMEN_SECRET, SignMethod::Md5);
    let request = signed_request(&list, None, &sign);
    let d = diagnose_with_wdt_secret(&request, QIMEN_SECRET, Some(WDT_FULL), example_c_time());
    assert!(d.valid && d.causes.is_empty(), "{:?}", d.causes);
    let checked = d.wdt.expect("wdt checked");
    assert_eq!(checked.flavour, flavour);
    assert!(checked.valid);
}

#[test]
fn one_secret_for_a_wdt_method_checks_wdt_sign_and_says_the_sign_needs_the_app_secret() {
    let mut all = trade_query();
    all.push(("wdt_sign".into(), wdt_md5(SER, WDT_SECRET)));
    let sign = rule_sign(&all, None, QIMEN_SECRET, SignMethod::Md5);
    let request = signed_request(&all, None, &sign);
    let d = diagnose(&request, WDT_FULL, example_c_time());
    assert!(!d.valid);
    assert_eq!(ids(&d), [CauseId::WrongSecret]);
    assert_eq!(d.causes[0].detail.as_deref(), Some("wdt-secret-given"));
    assert!(d.wdt.expect("wdt checked").valid);
}

#[test]
fn wdt_secrets_never_show_in_clear() {
    let mut list = trade_query();
    list.push(("memo".into(), format!("{WDT_FULL} and {QIMEN_SECRET}")));
    let ser = format!("memo{WDT_FULL} and {QIMEN_SECRET}");
    let ser = SER.replace("methodwdt", &format!("{ser}methodwdt"));
    let d = diagnose_wdt(&list, &wdt_md5(&ser, "not-it-at-all"));
    let json = serde_json::to_string(&d).expect("serialisable");
    for secret in [WDT_SECRET, WDT_FULL, QIMEN_SECRET] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
}
