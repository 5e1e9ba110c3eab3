//! `qimen repro show` and `qimen repro replay` on bundles made here with the core's `Bundle::new`:
//! requests signed for a local gateway started in-process, their answers recorded from it.

mod common;

use common::*;
use predicates::prelude::*;
use qimen_core::bundle::{
    Bundle, BundleCall, BundleEnvironment, BundleExplanation, BundleResponse,
};
use qimen_core::captured::CapturedRequest;
use qimen_core::client::{ClientOptions, HttpClient, ProxySetting};
use qimen_core::clock::{format_gmt8, Clock, SystemClock};
use qimen_core::diagnose::diagnose;
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_core::text::Text;
use qimen_server::gateway::{self, GatewayConfig};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const ERP_APP_KEY: &str = "23000001";
const ERP_SECRET: &str = "demo0erp0secret0000000000023000001";
const WMS_APP_KEY: &str = "23000002";
const WMS_SECRET: &str = "demo0wms0secret0000000000023000002";
const SESSION: &str = "6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4";

async fn start_gateway() -> gateway::RunningGateway {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    gateway::start(GatewayConfig::demo(), clock, 0)
        .await
        .expect("the gateway starts on a free port")
}

/// Runs the binary on a blocking thread so the in-process gateway keeps serving meanwhile.
async fn run(mut cmd: assert_cmd::Command) -> assert_cmd::assert::Assert {
    cmd.timeout(std::time::Duration::from_secs(60));
    tokio::task::spawn_blocking(move || cmd.assert())
        .await
        .expect("the command thread finished")
}

/// `taobao.time.get` to the gateway at `base`, signed now for `app_key` with `secret`; `extra`
/// parameters (a session) are signed too.
fn signed(base: &str, app_key: &str, secret: &str, extra: &[(&str, &str)]) -> CapturedRequest {
    let mut params: Params = [
        ("method", "taobao.time.get"),
        ("app_key", app_key),
        ("v", "2.0"),
        ("format", "json"),
        ("sign_method", "md5"),
    ]
    .iter()
    .chain(extra)
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    params.insert("timestamp".into(), format_gmt8(SystemClock.now()));
    let sign = sign_top(&params, None, secret, SignMethod::Md5);
    let mut query: Vec<(String, String)> = params.into_iter().collect();
    query.push(("sign".into(), sign));
    CapturedRequest::from_parts(&format!("{base}/router/rest"), &query, &[], None)
}

/// A call of `request` as the app records it; its answer from the gateway when `base` is given.
async fn recorded(request: CapturedRequest, base: Option<&str>) -> BundleCall {
    let endpoint = format!("{}/router/rest", base.unwrap_or("http://127.0.0.1:18080"));
    let response = match base {
        Some(_) => {
            let client = HttpClient::new(ClientOptions {
                proxy: ProxySetting::Direct,
                ..ClientOptions::default()
            })
            .unwrap();
            let answer = client.send_as_sent(&request, &endpoint).await.unwrap();
            Some(BundleResponse {
                status: answer.status,
                content_type: answer.content_type,
                size_bytes: answer.size_bytes as u64,
                elapsed_ms: answer.elapsed.as_millis() as u64,
                body: answer.body,
            })
        }
        None => None,
    };
    BundleCall {
        api: Some("taobao.time.get".into()),
        environment: Some(BundleEnvironment {
            id: "local".into(),
            endpoint,
        }),
        request,
        response,
        explanation: None,
        diagnosis: None,
        recorded_at: Some(SystemClock.now()),
    }
}

fn write_bundle(dir: &Path, calls: Vec<BundleCall>) -> PathBuf {
    let path = dir.join("case.qimen.json");
    let bundle = Bundle::new(calls, "0.1.0", SystemClock.now());
    std::fs::write(&path, bundle.to_json()).unwrap();
    path
}

fn replay(file: &Path, gateway: &str) -> assert_cmd::Command {
    let mut cmd = qimen();
    cmd.args(["repro", "replay", "--lang", "en", "--gateway", gateway])
        .arg(file);
    cmd
}

#[tokio::test]
async fn show_prints_the_call_and_never_the_session() {
    let request = signed(
        "http://127.0.0.1:18080",
        ERP_APP_KEY,
        ERP_SECRET,
        &[("session", SESSION)],
    );
    let mut call = recorded(request.clone(), None).await;
    call.diagnosis = Some(diagnose(&request, "not-the-secret", SystemClock.now()));
    call.explanation = Some(BundleExplanation {
        code: Some("25".into()),
        sub_code: None,
        title: Text::new("签名无效", "Invalid signature"),
        cause: Text::new("原因", "the sign was made with another secret"),
        remedy: Text::new("处理", "sign with the app's own AppSecret"),
    });
    let dir = tempfile::tempdir().unwrap();
    let file = write_bundle(dir.path(), vec![call]);
    qimen()
        .args(["repro", "show", "--lang", "en"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("call 1 of 1: taobao.time.get"))
        .stdout(predicate::str::contains(
            "environment: local -> http://127.0.0.1:18080/router/rest",
        ))
        .stdout(predicate::str::contains("request: POST"))
        .stdout(predicate::str::is_match(r"app_key += 23000001  \[query\]").unwrap())
        .stdout(predicate::str::contains("session").and(predicate::str::contains("******f4")))
        .stdout(predicate::str::contains(
            "Remedy: sign with the app's own AppSecret",
        ))
        .stdout(predicate::str::contains("diagnosis:").and(predicate::str::contains("invalid")))
        .stdout(predicate::str::contains(SESSION).not());
    qimen()
        .args(["repro", "show", "--json"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("qimen-workbench/repro"))
        .stdout(predicate::str::contains(SESSION).not());
}

#[test]
fn a_file_that_is_not_a_bundle_exits_2_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("other.json");
    std::fs::write(&file, "{\"a\": 1}").unwrap();
    for (lang, reason) in [
        ("en", "not a Qimen Workbench bundle"),
        ("zh", "不是奇门对接工作台的复现包"),
    ] {
        qimen()
            .args(["repro", "show", "--lang", lang])
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(reason));
    }
    qimen()
        .args(["repro", "replay", "--as-sent"])
        .arg(dir.path().join("missing.qimen.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FILE: cannot read"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn as_sent_a_fresh_valid_request_succeeds_with_the_same_answer() {
    let gw = start_gateway().await;
    let base = gw.base_url();
    let call = recorded(signed(&base, ERP_APP_KEY, ERP_SECRET, &[]), Some(&base)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_bundle(dir.path(), vec![call]);
    let mut cmd = replay(&file, &base);
    cmd.arg("--as-sent");
    run(cmd)
        .await
        .code(0)
        .stdout(predicate::str::contains("(as sent)"))
        .stdout(predicate::str::contains("/router/rest (environment local)"))
        .stdout(predicate::str::contains("result: success"))
        .stdout(predicate::str::contains(
            "compared with the recorded answer: same",
        ));
    let mut cmd = replay(&file, &base);
    cmd.args(["--as-sent", "--json"]);
    let out = run(cmd).await.code(0).get_output().stdout.clone();
    let report: serde_json::Value = serde_json::from_slice(&out).expect("stdout is JSON");
    let first = &report[0];
    assert_eq!(first["mode"], "as_sent");
    assert_eq!(first["status"], 200);
    assert_eq!(first["result"]["success"], true);
    assert_eq!(first["diff"]["same"], true);
    // A new request_id every call: listed, not counted.
    assert!(first["diff"]["volatile"]
        .as_array()
        .unwrap()
        .contains(&"request_id".into()));
    gw.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn re_signed_with_another_app_succeeds_and_lists_the_changes() {
    let gw = start_gateway().await;
    let base = gw.base_url();
    let call = recorded(signed(&base, WMS_APP_KEY, WMS_SECRET, &[]), Some(&base)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_bundle(dir.path(), vec![call]);
    let mut cmd = replay(&file, &base);
    cmd.args(["--app-key", ERP_APP_KEY])
        .env("QIMEN_APP_SECRET", ERP_SECRET);
    run(cmd)
        .await
        .code(0)
        .stdout(predicate::str::contains("(re-signed)"))
        .stdout(predicate::str::contains("changed by re-signing:"))
        // The timestamp is listed too when the second has turned since the recording.
        .stdout(
            predicate::str::is_match(format!("app_key +{WMS_APP_KEY} -> {ERP_APP_KEY}\n")).unwrap(),
        )
        .stdout(predicate::str::is_match(r"\n +sign +[0-9A-F]{32} -> [0-9A-F]{32}\n").unwrap())
        .stdout(predicate::str::contains(
            "compared with the recorded answer: same",
        ))
        .stdout(predicate::str::contains(ERP_SECRET).not());
    gw.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn re_signed_with_a_session_shows_it_masked_only() {
    let gw = start_gateway().await;
    let base = gw.base_url();
    let request = signed(
        &base,
        ERP_APP_KEY,
        ERP_SECRET,
        &[("session", "6100aaaaaaaaaaaaaaaaaaaaaaaa")],
    );
    let call = recorded(request, Some(&base)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_bundle(dir.path(), vec![call]);
    let mut cmd = replay(&file, &base);
    cmd.args(["--app-key", ERP_APP_KEY, "--json"])
        .env("QIMEN_APP_SECRET", ERP_SECRET)
        .env("QIMEN_SESSION", SESSION);
    let out = run(cmd).await.code(0).get_output().stdout.clone();
    let text = String::from_utf8_lossy(&out);
    assert!(!text.contains(SESSION), "{text}");
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let session = report[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "session")
        .expect("the session is replaced");
    assert_eq!(session["after"], "******f4");
    gw.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_secret_exits_1_with_the_platform_code_and_a_difference() {
    let gw = start_gateway().await;
    let base = gw.base_url();
    let first = recorded(signed(&base, ERP_APP_KEY, ERP_SECRET, &[]), Some(&base)).await;
    let second = recorded(signed(&base, ERP_APP_KEY, ERP_SECRET, &[]), Some(&base)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_bundle(dir.path(), vec![first, second]);
    let mut cmd = replay(&file, &base);
    cmd.args(["--app-key", ERP_APP_KEY, "--call", "2"])
        .env("QIMEN_APP_SECRET", "not-the-right-secret");
    run(cmd)
        .await
        .code(1)
        .stdout(predicate::str::contains("call 2 of 2"))
        .stdout(predicate::str::contains("call 1 of 2").not())
        .stdout(predicate::str::contains("result: failure (code 25"))
        .stdout(predicate::str::contains("Remedy:"))
        .stdout(predicate::str::contains(
            "compared with the recorded answer: differs",
        ))
        .stdout(predicate::str::contains("+     \"code\": 25,"));
    gw.shutdown().await;
}

#[tokio::test]
async fn bad_input_exits_2_and_no_gateway_exits_3() {
    let call = recorded(
        signed("http://127.0.0.1:9", ERP_APP_KEY, ERP_SECRET, &[]),
        None,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_bundle(dir.path(), vec![call]);
    let gateway = "http://127.0.0.1:9";
    replay(&file, gateway)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--app-key"));
    replay(&file, gateway)
        .args(["--as-sent", "--call", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--call 3").and(predicate::str::contains("1 call")));
    replay(&file, gateway)
        .args(["--as-sent", "--env", "moon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--env").and(predicate::str::contains("moon")));
    replay(&file, gateway)
        .arg("--as-sent")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("qimen gateway serve"));
}

#[tokio::test]
async fn a_profile_is_read_from_the_app_data_as_call_reads_it() {
    use qimen_core::protocol::environment::Environment;
    use qimen_workbench::store::{ProfileInput, ProfileRole, Store};
    let data = tempfile::tempdir().unwrap();
    Store::open(data.path())
        .unwrap()
        .profiles_create(&ProfileInput::new(
            "erp-local",
            ERP_APP_KEY,
            ProfileRole::Erp,
            Environment::parse("sandbox").unwrap(),
        ))
        .unwrap();
    let call = recorded(
        signed("http://127.0.0.1:9", ERP_APP_KEY, ERP_SECRET, &[]),
        None,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_bundle(dir.path(), vec![call]);
    replay(&file, "http://127.0.0.1:9")
        .args(["--profile", "nope"])
        .env("QIMEN_WORKBENCH_DATA_DIR", data.path())
        .env("QIMEN_WORKBENCH_KEYRING_SERVICE", "qimen-workbench-clitest")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"nope\"").and(predicate::str::contains("erp-local")));
}
