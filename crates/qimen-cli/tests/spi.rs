//! `qimen spi-verify` on the public Qimen vector, and `qimen provider serve` as a real child process
//! hit by a signed request.

mod common;

use common::*;
use predicates::prelude::*;
use qimen_core::clock::{format_gmt8, Clock, SystemClock};
use qimen_core::sign::{sign_top, Params, SignMethod};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn example_c_query(sign: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for pair in EXAMPLE_C {
        let (k, v) = pair.split_once('=').unwrap();
        query.append_pair(k, v);
    }
    query.append_pair("sign", sign);
    query.finish()
}

fn body_file(dir: &tempfile::TempDir, body: &str) -> std::path::PathBuf {
    let path = dir.path().join("body.xml");
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn spi_verify_accepts_the_public_vector() {
    let dir = tempfile::tempdir().unwrap();
    qimen()
        .args(["spi-verify", "--query", &example_c_query(EXAMPLE_C_SIGN)])
        .arg("--body-file")
        .arg(body_file(&dir, EXAMPLE_C_BODY))
        .env("QIMEN_APP_SECRET", EXAMPLE_C_SECRET)
        .assert()
        .code(0)
        .stdout("valid\n");
}

#[test]
fn spi_verify_rejects_a_changed_body_with_what_should_have_been_signed() {
    let dir = tempfile::tempdir().unwrap();
    let changed = EXAMPLE_C_BODY.replace("<planQty>10<", "<planQty>11<");
    qimen()
        .args(["spi-verify", "--query", &example_c_query(EXAMPLE_C_SIGN)])
        .arg("--body-file")
        .arg(body_file(&dir, &changed))
        .env("QIMEN_APP_SECRET", EXAMPLE_C_SECRET)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("does not match"))
        .stdout(predicate::str::contains(format!(
            "sign received: {EXAMPLE_C_SIGN}"
        )))
        .stdout(predicate::str::contains("sign expected: "))
        // The string to sign shows the changed body; the secret only as its mask (last two chars).
        .stdout(predicate::str::contains("<planQty>11<"))
        .stdout(predicate::str::contains(
            "******2aapp_key23268761customerIdstub-cust-code",
        ))
        .stdout(predicate::str::contains(EXAMPLE_C_SECRET).not());
}

#[test]
fn spi_verify_reports_a_missing_sign() {
    let query = example_c_query("X").replace("&sign=X", "");
    qimen()
        .args(["spi-verify", "--query", &query])
        .env("QIMEN_APP_SECRET", EXAMPLE_C_SECRET)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no `sign`"));
}

#[test]
fn spi_verify_signs_headers_named_in_top_sign_list() {
    // sign over the query params plus the listed header `x-shop` (value 旺店通, URL-encoded).
    let mut params: Params = [("method", "a.b"), ("x-shop", "旺店通")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let sign = sign_top(&params, None, EXAMPLE_C_SECRET, SignMethod::Md5);
    params.remove("x-shop");
    qimen()
        .args(["spi-verify", "--query", &format!("method=a.b&sign={sign}")])
        .args(["--header", "top-sign-list: x-shop"])
        .args(["--header", "X-Shop: %E6%97%BA%E5%BA%97%E9%80%9A"])
        .env("QIMEN_APP_SECRET", EXAMPLE_C_SECRET)
        .assert()
        .code(0)
        .stdout("valid\n");
}

#[test]
fn spi_verify_bad_input_exits_2() {
    qimen()
        .args([
            "spi-verify",
            "--query",
            "a=1&sign=X",
            "--header",
            "no-colon",
        ])
        .env("QIMEN_APP_SECRET", "x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-colon"));
    qimen()
        .args(["spi-verify", "--query", "a=1&sign=X"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("QIMEN_APP_SECRET"));
    // --query is required: clap's own usage error, also exit 2.
    qimen()
        .args(["spi-verify"])
        .env("QIMEN_APP_SECRET", "x")
        .assert()
        .code(2);
}

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Lines the child prints, read on a thread so every wait below is bounded.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn next_line(lines: &mpsc::Receiver<String>) -> String {
    lines
        .recv_timeout(Duration::from_secs(20))
        .expect("the provider printed a line within 20 s")
}

#[tokio::test]
async fn provider_serve_verifies_a_signed_request_and_prints_it_masked() {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("qimen"))
        .args(["provider", "serve", "--port", "0"])
        .env("QIMEN_APP_SECRET", EXAMPLE_C_SECRET)
        .env_remove("QIMEN_SESSION")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("qimen starts");
    let mut child = Running(child);
    let lines = lines_of(&mut child.0);
    let banner = next_line(&lines);
    let url = banner
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in the banner: {banner}"))
        .to_string();

    // The provider checks the timestamp against the real clock: sign with the current GMT+8 time.
    let session = "6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4";
    let mut params: Params = EXAMPLE_C
        .iter()
        .map(|p| p.split_once('=').unwrap())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    params.insert("timestamp".into(), format_gmt8(SystemClock.now()));
    params.insert("session".into(), session.into());
    let sign = sign_top(
        &params,
        Some(EXAMPLE_C_BODY),
        EXAMPLE_C_SECRET,
        SignMethod::Md5,
    );
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(params.iter());
    query.append_pair("sign", &sign);
    let target = format!("{url}/qimen?{}", query.finish());
    let client = qimen_core::client::http_client_builder()
        .build()
        .expect("an HTTP client");

    let answer = client
        .post(&target)
        .header("content-type", "text/xml;charset=utf-8")
        .body(EXAMPLE_C_BODY)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(answer.contains("<flag>success</flag>"), "{answer}");

    // Skip the second banner line, then the record of our request.
    let mut line = next_line(&lines);
    while !line.contains("/qimen") {
        line = next_line(&lines);
    }
    assert!(
        line.contains("method=taobao.qimen.entryorder.create"),
        "{line}"
    );
    assert!(line.contains("accepted"), "{line}");

    // A tampered body: refused, with the details printed and the session masked.
    let tampered = EXAMPLE_C_BODY.replace("<planQty>10<", "<planQty>11<");
    let answer = client
        .post(&target)
        .body(tampered)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(answer.contains("sign-check-failure"), "{answer}");
    let summary = next_line(&lines);
    assert!(summary.contains("sign does not verify"), "{summary}");
    let mut details = String::new();
    for _ in 0..3 {
        details.push_str(&next_line(&lines));
        details.push('\n');
    }
    assert!(
        details.contains(&format!("sign received: {sign}")),
        "{details}"
    );
    assert!(details.contains("session******f4"), "{details}");
    assert!(!details.contains(session) && !details.contains(EXAMPLE_C_SECRET));
}

#[test]
fn provider_serve_without_a_secret_exits_2() {
    qimen()
        .args(["provider", "serve", "--port", "0"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("QIMEN_APP_SECRET"));
}
