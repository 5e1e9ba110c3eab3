//! `qimen call` against a local gateway started in-process by each test, plus bad input and an
//! unreachable gateway.

mod common;

use common::*;
use predicates::prelude::*;
use qimen_core::clock::{format_gmt8, Clock, SystemClock};
use qimen_server::gateway::{self, GatewayConfig};
use std::sync::Arc;

const ERP_APP_KEY: &str = "23000001";
const ERP_SECRET: &str = "demo0erp0secret0000000000023000001";

async fn start_gateway() -> gateway::RunningGateway {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    gateway::start(GatewayConfig::demo(), clock, 0)
        .await
        .expect("the gateway starts on a free port")
}

/// Runs the binary on a blocking thread so the in-process gateway keeps serving meanwhile.
async fn run(cmd: assert_cmd::Command) -> assert_cmd::assert::Assert {
    let mut cmd = cmd;
    cmd.timeout(std::time::Duration::from_secs(60));
    tokio::task::spawn_blocking(move || cmd.assert())
        .await
        .expect("the command thread finished")
}

fn call(gateway: &str, secret: &str) -> assert_cmd::Command {
    let mut cmd = qimen();
    cmd.args(["call", "--gateway", gateway])
        .env("QIMEN_APP_KEY", ERP_APP_KEY)
        .env("QIMEN_APP_SECRET", secret);
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn taobao_time_get_succeeds() {
    let gw = start_gateway().await;
    let mut cmd = call(&gw.base_url(), ERP_SECRET);
    cmd.args(["--method", "taobao.time.get"]);
    run(cmd)
        .await
        .code(0)
        .stdout(predicate::str::contains("/router/rest"))
        .stdout(predicate::str::contains("time_get_response"));
    gw.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_secret_exits_1_with_the_explanation_of_25() {
    let gw = start_gateway().await;
    let mut cmd = call(&gw.base_url(), "not-the-right-secret");
    cmd.args(["--method", "taobao.time.get", "--lang", "en"]);
    run(cmd)
        .await
        .code(1)
        // The platform's own answer, then the catalogue's explanation of code 25.
        .stdout(predicate::str::contains("error_response"))
        .stdout(predicate::str::contains("Error:").and(predicate::str::contains("(25")))
        .stdout(predicate::str::contains("Remedy:"));
    gw.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_output_is_machine_readable_and_masks_the_session() {
    let gw = start_gateway().await;
    let session = "6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4";
    let mut cmd = call(&gw.base_url(), "not-the-right-secret");
    cmd.args(["--method", "taobao.time.get", "--json"])
        .env("QIMEN_SESSION", session);
    let out = run(cmd).await.code(1).get_output().stdout.clone();
    let report: serde_json::Value = serde_json::from_slice(&out).expect("stdout is JSON");
    assert_eq!(report["status"], 200);
    assert_eq!(report["result"]["success"], false);
    assert_eq!(report["result"]["code"], "25");
    assert!(report["explanation"]["remedy"].is_string());
    assert!(report["request"]["endpoint"]
        .as_str()
        .unwrap()
        .ends_with("/router/rest"));
    // The session is sent, but the report only shows its mask.
    let text = String::from_utf8_lossy(&out);
    assert!(!text.contains(session));
    assert!(text.contains("******f4"));
    gw.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_qimen_xml_call_reaches_the_wms_api() {
    let gw = start_gateway().await;
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("entryorder.xml");
    std::fs::write(&body, EXAMPLE_C_BODY).unwrap();
    let mut cmd = call(&gw.base_url(), ERP_SECRET);
    cmd.args([
        "--method",
        "taobao.qimen.entryorder.create",
        "--customer-id",
        "stub-cust-code",
        "--body-file",
    ])
    .arg(&body);
    run(cmd)
        .await
        .code(0)
        .stdout(predicate::str::contains("/router/qimen/service"))
        .stdout(predicate::str::contains("<flag>success</flag>"));
    gw.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wdt_call_with_wdt_sign_succeeds_and_without_it_fails() {
    let gw = start_gateway().await;
    // The demo orders are dated back from now: ask for the last day (GMT+8).
    let now = SystemClock.now();
    let start = format!("start_time={}", format_gmt8(now - chrono_day()));
    let end = format!("end_time={}", format_gmt8(now));
    let params = [
        "--method",
        "hu3cgwt0tc.wdt.trade.query",
        "sid=wdtdemo",
        "appkey=wdtdemo-finance",
        start.as_str(),
        end.as_str(),
    ];
    let mut cmd = call(&gw.base_url(), ERP_SECRET);
    cmd.args(params)
        .arg("--wdt-secret-env")
        .env("WDT_APP_SECRET", "wdtdemo-secret:wdtdemo-salt");
    // target_app_key defaults to 旺店通's 21363512 for a 旺店通 method.
    run(cmd)
        .await
        .code(0)
        .stdout(predicate::str::contains("target_app_key 21363512"))
        .stdout(predicate::str::contains("\"trades\""));

    // Without --wdt-secret-env the demo 旺店通 provider refuses the call, and it is explained.
    let mut cmd = call(&gw.base_url(), ERP_SECRET);
    cmd.args(params);
    run(cmd)
        .await
        .code(1)
        .stdout(predicate::str::contains("wdt_sign"));
    gw.shutdown().await;
}

fn chrono_day() -> chrono::Duration {
    chrono::Duration::days(1)
}

#[test]
fn an_unreachable_gateway_exits_3_with_a_hint() {
    // Port 9 (discard) on loopback: nothing listens there in a test environment.
    qimen()
        .args([
            "call",
            "--gateway",
            "http://127.0.0.1:9",
            "--method",
            "taobao.time.get",
        ])
        .env("QIMEN_APP_KEY", ERP_APP_KEY)
        .env("QIMEN_APP_SECRET", ERP_SECRET)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("qimen gateway serve"));
}

#[test]
fn bad_input_exits_2_naming_the_argument() {
    let base = [
        "call",
        "--method",
        "taobao.time.get",
        "--app-key",
        ERP_APP_KEY,
    ];
    qimen()
        .args(base)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("QIMEN_APP_SECRET"));
    qimen()
        .args(base)
        .args(["--env", "moon"])
        .env("QIMEN_APP_SECRET", ERP_SECRET)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--env").and(predicate::str::contains("moon")));
    qimen()
        .args(base)
        .args(["--sign-method", "sha1"])
        .env("QIMEN_APP_SECRET", ERP_SECRET)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--sign-method"));
    qimen()
        .args(base)
        .arg("fields")
        .env("QIMEN_APP_SECRET", ERP_SECRET)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`fields`"));
    // A Qimen standard method without a body: the request builder names the field.
    qimen()
        .args([
            "call",
            "--method",
            "taobao.qimen.entryorder.create",
            "--app-key",
            ERP_APP_KEY,
        ])
        .env("QIMEN_APP_SECRET", ERP_SECRET)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("body"));
}
