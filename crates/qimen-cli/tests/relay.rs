//! `qimen relay serve` as a real child process between a client and the local gateway: the printed
//! address, calls through it, one JSON line per exchange with no session and no secret; and the
//! refusals to start, each with its own message and exit code.

mod common;

use common::*;
use predicates::prelude::*;
use qimen_core::clock::{format_gmt8, Clock, SystemClock};
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};
use qimen_server::gateway::{self, GatewayConfig};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

const SESSION: &str = "6201b07f4e1a0b5ZZ8ec1a2f7d63b2fe9aa";

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Lines of a pipe, read on a thread so every wait below is bounded.
fn lines_of(pipe: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
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
        .expect("the relay printed a line within 20 s")
}

/// `taobao.time.get` signed with `secret` at the current time, as a query string.
fn time_get(secret: &str, extra: &[(&str, &str)]) -> String {
    let mut params: Params = [
        ("method", "taobao.time.get"),
        ("app_key", DEMO_ERP_APP_KEY),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("format", "json"),
    ]
    .iter()
    .chain(extra)
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    params.insert("timestamp".into(), format_gmt8(SystemClock.now()));
    let sign = sign_top(&params, None, secret, SignMethod::Md5);
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(params.iter());
    query.append_pair("sign", &sign);
    query.finish()
}

// Multi-threaded: the gateway must keep answering while the test blocks on the child's output.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relay_serve_forwards_calls_and_prints_one_masked_json_line_each() {
    let gateway = gateway::start(GatewayConfig::demo(), Arc::new(SystemClock), 0)
        .await
        .expect("the gateway starts");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("qimen"))
        .args(["relay", "serve", "--port", "0", "--upstream"])
        .arg(gateway.base_url())
        .env("QIMEN_APP_SECRET", DEMO_ERP_SECRET)
        .env_remove("QIMEN_GATEWAY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qimen starts");
    let mut child = Running(child);
    let out = lines_of(child.0.stdout.take().unwrap());
    let err = lines_of(child.0.stderr.take().unwrap());
    let banner = next_line(&err);
    let base = banner
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in the banner: {banner}"))
        .trim_end_matches(',')
        .to_string();
    let mut rest = String::new();
    while !rest.contains("Ctrl-C") {
        rest.push_str(&next_line(&err));
        rest.push('\n');
    }
    assert!(
        rest.contains(&format!("{base}/router/qimen/service")),
        "{rest}"
    );
    assert!(!rest.contains(DEMO_ERP_SECRET), "{rest}");

    let http = qimen_core::client::http_client_builder()
        .no_proxy()
        .build()
        .unwrap();
    let answer = http
        .get(format!(
            "{base}/router/rest?{}",
            time_get(DEMO_ERP_SECRET, &[])
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(answer.contains("time_get_response"), "{answer}");
    let line: Value = serde_json::from_str(&next_line(&out)).unwrap();
    assert_eq!(line["verdict"], "valid", "{line}");
    assert_eq!(line["method"], "GET");
    assert_eq!(line["api"], "taobao.time.get");
    assert_eq!(line["path"], "/router/rest");
    assert_eq!(line["status"], 200);
    assert_eq!(line["causes"], serde_json::json!([]));
    assert!(line["latency_ms"].is_u64() && line["response_bytes"].as_u64() > Some(0));
    assert!(
        line["time"].as_str().is_some_and(|t| t.ends_with("+08:00")),
        "{line}"
    );

    // A wrong secret and a session: code 25 from the gateway, the cause named, nothing leaked.
    let query = time_get("some-other-secret-00000000", &[("session", SESSION)]);
    let answer = http
        .get(format!("{base}/router/rest?{query}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(answer.contains("\"code\":25"), "{answer}");
    let text = next_line(&out);
    let line: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(line["verdict"], "invalid", "{line}");
    assert_eq!(line["platform_code"], "25");
    assert!(
        line["causes"]
            .as_array()
            .unwrap()
            .contains(&"wrong-secret".into()),
        "{line}"
    );
    assert!(
        !text.contains(SESSION) && !text.contains(DEMO_ERP_SECRET),
        "{text}"
    );
    drop(child);
    gateway.shutdown().await;
}

#[test]
fn a_bad_upstream_is_bad_input() {
    qimen()
        .args([
            "relay",
            "serve",
            "--port",
            "0",
            "--upstream",
            "http://example.com/router/rest",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--upstream"))
        .stderr(predicate::str::contains("path"));
    qimen()
        .args(["relay", "serve", "--upstream", "nowhere"])
        .assert()
        .code(2);
    // LAN access needs an allow-list.
    qimen()
        .args(["relay", "serve", "--upstream", "local", "--lan", "0.0.0.0"])
        .assert()
        .code(2);
}

#[test]
fn an_unreachable_upstream_is_a_network_failure() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    qimen()
        .args(["relay", "serve", "--port", "0", "--upstream"])
        .arg(format!("http://127.0.0.1:{port}"))
        .timeout(Duration::from_secs(30))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("cannot be reached"))
        .stderr(predicate::str::contains("--skip-check"));
}

#[test]
fn a_busy_port_is_a_failure() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    qimen()
        .args(["relay", "serve", "--skip-check", "--port", &port])
        .args(["--upstream", "http://127.0.0.1:9"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already in use"));
}
