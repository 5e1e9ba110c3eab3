//! `qimen call --profile`: a profile prepared in a scratch data folder through the core's store, the
//! secrets in a test-only keyring service. The successful call needs a real keyring and runs only
//! under scripts/with-test-keyring.sh (QIMEN_REAL_KEYRING=1); the failures run everywhere.

mod common;

use common::*;
use predicates::prelude::*;
use qimen_core::clock::{Clock, SystemClock};
use qimen_core::protocol::environment::Environment;
use qimen_core::sensitive::SecretString;
use qimen_server::gateway::{self, GatewayConfig};
use qimen_workbench::places::LaunchPlaces;
use qimen_workbench::secrets::{SecretKey, SecretKind, SecretStore};
use qimen_workbench::store::{Profile, ProfileInput, ProfileRole, Store};
use std::sync::Arc;

const ERP_APP_KEY: &str = "23000001";
const ERP_SECRET: &str = "demo0erp0secret0000000000023000001";
/// A service of its own, so these tests never read or write a user's entries.
const SERVICE: &str = "qimen-workbench-clitest";

fn prepared_profile(dir: &std::path::Path) -> Profile {
    let store = Store::open(dir).expect("the scratch store opens");
    store
        .profiles_create(&ProfileInput::new(
            "erp-local",
            ERP_APP_KEY,
            ProfileRole::Erp,
            Environment::Local {
                base_url: "http://127.0.0.1:1".into(),
            },
        ))
        .expect("the profile is valid")
}

fn call_with(dir: &std::path::Path, gateway: &str) -> assert_cmd::Command {
    let mut cmd = qimen();
    cmd.args(["call", "--gateway", gateway, "--method", "taobao.time.get"])
        .env("QIMEN_WORKBENCH_DATA_DIR", dir)
        .env("QIMEN_WORKBENCH_KEYRING_SERVICE", SERVICE)
        .env_remove("QIMEN_APP_KEY")
        .env_remove("QIMEN_APP_SECRET");
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

#[test]
fn an_unknown_profile_is_named_with_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    prepared_profile(dir.path());
    call_with(dir.path(), "http://127.0.0.1:9")
        .args(["--profile", "nope", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"nope\""))
        // The known profiles are listed so the user can pick one.
        .stderr(predicate::str::contains("erp-local"));
}

#[test]
fn a_folder_without_app_data_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    call_with(dir.path(), "http://127.0.0.1:9")
        .args(["--profile", "erp-local", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no desktop app data"));
    // Read-only in spirit: no database appears where there was none.
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn a_secret_missing_or_no_keyring_says_what_and_how() {
    if std::env::var("QIMEN_REAL_KEYRING").is_ok() {
        // Under the test keyring the secret is stored by the other test; nothing to check here.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    prepared_profile(dir.path());
    call_with(dir.path(), "http://127.0.0.1:9")
        .args(["--profile", "erp-local", "--lang", "en"])
        .assert()
        .code(2)
        // Either the keyring answers without the AppSecret, or there is no keyring: both name the
        // service the app files secrets under.
        .stderr(predicate::str::contains(SERVICE))
        .stderr(
            predicate::str::contains("AppSecret")
                .or(predicate::str::contains("cannot read the keyring")),
        );
}

#[test]
fn secrets_never_come_from_argv_with_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    call_with(dir.path(), "http://127.0.0.1:9")
        .args(["--profile", "erp-local", "--secret-file", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_real_keyring_the_profile_signs_and_the_call_succeeds() {
    if std::env::var("QIMEN_REAL_KEYRING").is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = prepared_profile(dir.path());
    let places = LaunchPlaces::decide(
        |name| (name == "QIMEN_WORKBENCH_KEYRING_SERVICE").then(|| SERVICE.to_string()),
        dir.path().to_path_buf(),
    )
    .unwrap();
    let keyring = places.keyring_store().unwrap();
    let key = SecretKey::new(profile.id, SecretKind::AppSecret);
    keyring.set(&key, &SecretString::from(ERP_SECRET)).unwrap();

    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let gw = gateway::start(GatewayConfig::demo(), clock, 0)
        .await
        .unwrap();
    let mut cmd = call_with(dir.path(), &gw.base_url());
    cmd.args(["--profile", "erp-local"]);
    let assert = tokio::task::spawn_blocking(move || cmd.assert())
        .await
        .unwrap();
    keyring.delete(&key).unwrap();
    // The profile's local environment goes to --gateway, not its stored address (port 1).
    assert
        .code(0)
        .stdout(predicate::str::contains("time_get_response"))
        .stdout(predicate::str::contains(ERP_SECRET).not());
    gw.shutdown().await;
}
