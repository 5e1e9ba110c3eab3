//! `qimen diagnose` on captured requests built from the public vectors, and `qimen sign --expect`.

mod common;

use common::*;
use predicates::prelude::*;
use qimen_core::sign::{digest, string_to_sign, Params, SignMethod};
use std::path::Path;

/// The time Example A's timestamp names, so that the window check passes.
const EXAMPLE_A_TIME: &str = "2016-01-01 12:00:00";
/// The time Example C's timestamp names.
const EXAMPLE_C_TIME: &str = "2024-05-20 10:15:30";

/// `KEY=VALUE` arguments as a query string, values encoded as the Java SDK does.
fn query(pairs: &[&str], sign: &str) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for pair in pairs {
        let (key, value) = pair.split_once('=').unwrap();
        out.append_pair(key, value);
    }
    out.append_pair("sign", sign);
    out.finish()
}

/// Example A as a gateway address with the given `sign`.
fn example_a_url(pairs: &[&str], sign: &str) -> String {
    format!(
        "https://gw.api.taobao.com/router/rest?{}",
        query(pairs, sign)
    )
}

fn params(pairs: &[&str]) -> Params {
    pairs
        .iter()
        .map(|p| p.split_once('=').unwrap())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Example A with `sign_method=hmac` sent.
fn example_a_hmac() -> Vec<&'static str> {
    EXAMPLE_A
        .iter()
        .map(|a| match *a {
            "sign_method=md5" => "sign_method=hmac",
            other => other,
        })
        .collect()
}

/// A curl file posting Example C's XML body (when given) with `sign`.
fn example_c_curl(dir: &Path, sign: &str, body: Option<&str>) -> std::path::PathBuf {
    let url = format!(
        "http://qimen.api.taobao.com/router/qimen/service?{}",
        query(&EXAMPLE_C, sign)
    );
    let mut text = format!("curl -X POST '{url}' \\\n  -H 'Content-Type: text/xml;charset=utf-8'");
    if let Some(body) = body {
        text.push_str(&format!(" \\\n  --data-raw '{body}'"));
    }
    let path = dir.join("request.sh");
    std::fs::write(&path, text).unwrap();
    path
}

/// `qimen diagnose` with the secret set, at the vector's time.
fn diagnose(secret: &str, at: &str) -> assert_cmd::Command {
    let mut cmd = qimen();
    cmd.arg("diagnose")
        .args(["--sent-at", at])
        .env("QIMEN_APP_SECRET", secret);
    cmd
}

/// The `causes` ids of a `--json` report.
fn cause_ids(stdout: &[u8]) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(stdout).expect("JSON on stdout");
    json["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_published_example_is_valid() {
    let assert = diagnose(EXAMPLE_A_SECRET, EXAMPLE_A_TIME)
        .args(["--url", &example_a_url(&EXAMPLE_A, EXAMPLE_A_SIGN)])
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(text.starts_with("valid"), "{text}");
    assert!(text.contains(EXAMPLE_A_SIGN), "{text}");
    assert!(text.contains("sign_method | md5"), "{text}");
}

#[test]
fn without_sent_at_the_old_timestamp_is_measured_against_now() {
    let out = qimen()
        .args(["diagnose", "--json", "--url"])
        .arg(example_a_url(&EXAMPLE_A, EXAMPLE_A_SIGN))
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(cause_ids(&out), ["timestamp-out-of-window"]);
}

#[test]
fn a_sign_method_mismatch_is_named() {
    // The sender wrote sign_method=hmac but digested with md5.
    let sent = example_a_hmac();
    let sign = digest(
        &string_to_sign(&params(&sent), None),
        EXAMPLE_A_SECRET,
        SignMethod::Md5,
    );
    let assert = diagnose(EXAMPLE_A_SECRET, EXAMPLE_A_TIME)
        .args(["--json", "--url", &example_a_url(&sent, &sign)])
        .assert()
        .code(1);
    assert_eq!(
        cause_ids(&assert.get_output().stdout),
        ["sign-method-mismatch"]
    );
}

#[test]
fn a_lower_case_sign_is_named() {
    let url = example_a_url(&EXAMPLE_A, &EXAMPLE_A_SIGN.to_lowercase());
    let assert = diagnose(EXAMPLE_A_SECRET, EXAMPLE_A_TIME)
        .args(["--json", "--url", &url])
        .assert()
        .code(1);
    assert_eq!(cause_ids(&assert.get_output().stdout), ["lowercase-hex"]);
}

#[test]
fn a_qimen_body_left_out_of_the_sign_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let without_body = example_c_sign_without_body();
    let curl = example_c_curl(dir.path(), &without_body, Some(EXAMPLE_C_BODY));
    let assert = diagnose(EXAMPLE_C_SECRET, EXAMPLE_C_TIME)
        .arg("--curl-file")
        .arg(&curl)
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(text.starts_with("invalid"), "{text}");
    assert!(text.contains("body-not-signed: "), "{text}");
    assert!(text.contains("  fix: "), "{text}");
    assert!(text.contains(EXAMPLE_C_SIGN) && text.contains(&without_body));
    let out = diagnose(EXAMPLE_C_SECRET, EXAMPLE_C_TIME)
        .arg("--json")
        .arg("--curl-file")
        .arg(&curl)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(cause_ids(&out), ["body-not-signed"]);
}

#[test]
fn a_body_file_supplies_the_body_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let curl = example_c_curl(dir.path(), EXAMPLE_C_SIGN, None);
    let body = dir.path().join("body.xml");
    std::fs::write(&body, EXAMPLE_C_BODY).unwrap();
    diagnose(EXAMPLE_C_SECRET, EXAMPLE_C_TIME)
        .arg("--curl-file")
        .arg(&curl)
        .arg("--body-file")
        .arg(&body)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("valid"));
    // One more byte (a final line break) is signed too, so the published sign no longer checks.
    std::fs::write(&body, format!("{EXAMPLE_C_BODY}\n")).unwrap();
    diagnose(EXAMPLE_C_SECRET, EXAMPLE_C_TIME)
        .arg("--curl-file")
        .arg(&curl)
        .arg("--body-file")
        .arg(&body)
        .assert()
        .code(1);
}

#[test]
fn a_request_read_from_stdin_is_detected() {
    diagnose(EXAMPLE_A_SECRET, EXAMPLE_A_TIME)
        .args(["--file", "-"])
        .write_stdin(format!("{}\n", example_a_url(&EXAMPLE_A, EXAMPLE_A_SIGN)))
        .assert()
        .code(0);
}

#[test]
fn a_curl_variable_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("request.sh");
    std::fs::write(
        &path,
        "curl \"https://gw.api.taobao.com/router/rest?method=taobao.time.get&sign=$SIGN\"",
    )
    .unwrap();
    qimen()
        .args(["diagnose", "--curl-file"])
        .arg(&path)
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("$SIGN")
                .and(predicate::str::contains("--curl-file"))
                .and(predicate::str::contains("line 1, column")),
        );
}

#[test]
fn bad_input_exits_2_naming_the_argument() {
    let url = example_a_url(&EXAMPLE_A, EXAMPLE_A_SIGN);
    qimen()
        .args(["diagnose", "--url", &url])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("QIMEN_APP_SECRET"));
    qimen()
        .args(["diagnose", "--request-file", "/nonexistent/request.txt"])
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--request-file"));
    // An address given as a curl command: the message says which option fits.
    qimen()
        .args(["diagnose", "--curl-file", "-"])
        .write_stdin(url.clone())
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--url"));
    // No request, or two.
    qimen()
        .arg("diagnose")
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .code(2);
    qimen()
        .args(["diagnose", "--url", &url, "--file", "x"])
        .env("QIMEN_APP_SECRET", EXAMPLE_A_SECRET)
        .assert()
        .code(2);
}

#[test]
fn json_has_the_four_keys_and_the_details() {
    let out = diagnose(EXAMPLE_A_SECRET, EXAMPLE_A_TIME)
        .args([
            "--json",
            "--url",
            &example_a_url(&EXAMPLE_A, EXAMPLE_A_SIGN),
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let required = ["expected_sign", "string_to_sign_masked", "valid"];
    assert_eq!(keys, [&["causes", "details"][..], &required].concat());
    assert_eq!(json["valid"], true);
    assert_eq!(json["causes"], serde_json::json!([]));
    assert_eq!(json["expected_sign"], EXAMPLE_A_SIGN);
    let masked = json["string_to_sign_masked"].as_str().unwrap();
    assert!(masked.starts_with("******app_key12345678"), "{masked}");
    assert_eq!(json["details"]["customer_sign"], EXAMPLE_A_SIGN);
    assert!(json["details"]["rows"].as_array().unwrap().len() >= 9);
}

#[test]
fn the_secret_is_never_printed() {
    let hmac_url = example_a_url(&example_a_hmac(), EXAMPLE_A_SIGN);
    let runs: [&[&str]; 4] = [
        &["--url", &hmac_url],
        &["--url", &hmac_url, "--json"],
        &["--url", &hmac_url, "--lang", "zh"],
        &["--curl-file", "/nonexistent/request.sh"],
    ];
    for args in runs {
        let assert = diagnose(EXAMPLE_A_SECRET, EXAMPLE_A_TIME)
            .args(args)
            .assert();
        let output = assert.get_output();
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.contains(EXAMPLE_A_SECRET), "{args:?}: {text}");
        }
    }
}
