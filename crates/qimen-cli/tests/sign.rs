//! `qimen sign` (with `--expect`) and `qimen wdt-sign` against the public vectors, and their bad
//! input.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn sign_reproduces_the_official_doc_vector() {
    let out = qimen()
        .arg("sign")
        .args(EXAMPLE_A)
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(last_line(&out), EXAMPLE_A_SIGN);
}

#[test]
fn sign_explain_shows_each_step_and_ends_with_the_sign() {
    let assert = qimen()
        .arg("sign")
        .args(EXAMPLE_A)
        .arg("blank=")
        .arg("--explain")
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .success();
    let out = assert.get_output().stdout.clone();
    let text = String::from_utf8_lossy(&out).to_string();
    // The blank param is dropped, so the sign is still the published one.
    assert_eq!(last_line(&out), EXAMPLE_A_SIGN);
    assert!(text.contains("blank: blank value"), "{text}");
    // Kept params in ordinal order: num_iid (n) before session (s).
    let num_iid = text.find("num_iid = 11223344").unwrap();
    let session = text.find("session = test").unwrap();
    assert!(num_iid < session);
    // The signed string is shown with the secret masked at both ends, never in clear.
    assert!(text.contains("******app_key12345678fields"), "{text}");
    assert!(!text.contains(EXAMPLE_A_SECRET));
}

#[test]
fn sign_reads_the_secret_from_a_file_and_signs_a_body_file() {
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("entryorder.xml");
    std::fs::write(&body, EXAMPLE_C_BODY).unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, format!("{EXAMPLE_C_SECRET}\n")).unwrap();
    let out = qimen()
        .arg("sign")
        .args(EXAMPLE_C)
        .arg("--body-file")
        .arg(&body)
        .arg("--secret-file")
        .arg(&secret)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(last_line(&out), EXAMPLE_C_SIGN);
}

#[test]
fn sign_uses_the_sign_method_param_and_accepts_chinese_values() {
    // Example A with sign_method=hmac: the published HMAC-MD5 value.
    let args: Vec<&str> = EXAMPLE_A
        .iter()
        .map(|a| {
            if *a == "sign_method=md5" {
                "sign_method=hmac"
            } else {
                a
            }
        })
        .collect();
    let out = qimen()
        .arg("sign")
        .args(&args)
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(last_line(&out), "D56D7858309C31B6251083A874D48273");

    // A Chinese value changes the sign (it is signed as UTF-8) and is echoed intact by --explain.
    let out = qimen()
        .args(["sign", "nick=旺店通测试店", "a=b=c", "--explain"])
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("nick = 旺店通测试店"));
    // Split at the first `=`: the value keeps the second one.
    assert!(text.contains("a = b=c"));
    assert_eq!(last_line(&out).len(), 32);
}

#[test]
fn sign_without_a_secret_exits_2_naming_the_variable() {
    qimen()
        .arg("sign")
        .args(EXAMPLE_A)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("QIMEN_APP_SECRET"));
}

#[test]
fn sign_argument_without_equals_exits_2_naming_it() {
    qimen()
        .args(["sign", "method=taobao.time.get", "app_key"])
        .env("QIMEN_APP_SECRET", "x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`app_key`"));
}

#[test]
fn sign_with_an_unknown_sign_method_exits_2() {
    qimen()
        .args(["sign", "method=taobao.time.get", "sign_method=sha1"])
        .env("QIMEN_APP_SECRET", "x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sign_method").and(predicate::str::contains("sha1")));
}

#[test]
fn sign_with_a_missing_body_file_exits_2() {
    qimen()
        .args(["sign", "a=1", "--body-file", "/nonexistent/body.xml"])
        .env("QIMEN_APP_SECRET", "x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--body-file"));
}

#[test]
fn wdt_sign_custom_flavour_matches_an_independent_md5() {
    // Expected value computed outside this code base: md5("abc" + "methodwdt.trade.query"
    // + "page_size20" + "siddemo" + "abc"); app_key is a TOP system param and is not signed, and the
    // router code is stripped from the method.
    let out = qimen()
        .args([
            "wdt-sign",
            "method=hu3cgwt0tc.wdt.trade.query",
            "sid=demo",
            "page_size=20",
            "app_key=23000001",
        ])
        .env("WDT_APP_SECRET", "abc:salt")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(last_line(&out), "b469c25befa2c4cdd0b741838c9c414a");
}

#[test]
fn wdt_sign_explain_decodes_json_values_and_ends_with_the_sign() {
    let out = qimen()
        .args([
            "wdt-sign",
            "method=hu3cgwt0tc.wdt.trade.query",
            "sid=demo",
            r#"params={"b":1,"a":[true,"x"]}"#,
            "--explain",
        ])
        .env("WDT_APP_SECRET", "abc")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    // JSON keys sorted, arrays flattened, booleans as true (independently computed md5 below).
    assert!(text.contains("params -> atruexb1"), "{text}");
    assert_eq!(last_line(&out), "de66c907acc13905d30363ea21d3de70");
}

#[test]
fn wdt_sign_for_the_crm_api_uses_its_field_list() {
    let base = [
        "method=qimen.taobao.crm.order.detail.get",
        "pageNo=1",
        "pageSize=20",
        "fields=tid",
    ];
    let sign = |extra: &str| {
        let out = qimen()
            .arg("wdt-sign")
            .args(base)
            .arg(extra)
            .arg("--explain")
            .env("WDT_APP_SECRET", "abc")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        (last_line(&out), String::from_utf8_lossy(&out).to_string())
    };
    let (plain, text) = sign("unlisted=1");
    // A parameter outside the CRM field list changes nothing.
    let (with_other, _) = sign("unlisted=2");
    assert_eq!(plain, with_other);
    assert!(
        text.contains("not in the CRM API's signed field list"),
        "{text}"
    );
    // A listed field does change it.
    let (with_listed, _) = sign("sd_code=X");
    assert_ne!(plain, with_listed);
}

#[test]
fn wdt_sign_bad_input_exits_2() {
    qimen()
        .args(["wdt-sign", "sid=demo"])
        .env("WDT_APP_SECRET", "abc")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("method"));
    qimen()
        .args(["wdt-sign", "method=hu3cgwt0tc.wdt.trade.query"])
        .env("QIMEN_APP_SECRET", "not-the-right-variable")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("WDT_APP_SECRET"));
}

#[test]
fn sign_expect_checks_the_given_sign_and_ends_with_the_sign() {
    let out = qimen()
        .arg("sign")
        .args(EXAMPLE_A)
        .args(["--expect", EXAMPLE_A_SIGN])
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out).to_string();
    assert!(text.contains("--expect: valid"), "{text}");
    // Only the sign is judged here: the old timestamp is not reported.
    assert!(!text.contains("timestamp-out-of-window"), "{text}");
    assert_eq!(last_line(&out), EXAMPLE_A_SIGN);

    let lower = EXAMPLE_A_SIGN.to_lowercase();
    let assert = qimen()
        .arg("sign")
        .args(EXAMPLE_A)
        .args(["--expect", &lower, "--explain"])
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .code(1);
    let out = &assert.get_output().stdout;
    let text = String::from_utf8_lossy(out).to_string();
    assert!(text.contains("--expect: invalid"), "{text}");
    assert!(text.contains("lowercase-hex: "), "{text}");
    assert!(!text.contains(EXAMPLE_A_SECRET));
    assert_eq!(last_line(out), EXAMPLE_A_SIGN);
}

#[test]
fn sign_expect_names_a_body_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("entryorder.xml");
    std::fs::write(&body, EXAMPLE_C_BODY).unwrap();
    let without_body = example_c_sign_without_body();
    let assert = qimen()
        .arg("sign")
        .args(EXAMPLE_C)
        .arg("--body-file")
        .arg(&body)
        .args(["--expect", &without_body])
        .env("QIMEN_APP_SECRET", EXAMPLE_C_SECRET)
        .assert()
        .code(1);
    let out = &assert.get_output().stdout;
    let text = String::from_utf8_lossy(out).to_string();
    assert!(text.contains("body-not-signed: "), "{text}");
    assert_eq!(last_line(out), EXAMPLE_C_SIGN);
}
