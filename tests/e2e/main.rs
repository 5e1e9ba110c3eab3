//! End-to-end tests of the real desktop app through tauri-driver and WebKitWebDriver.
//!
//! They need a display, a D-Bus session with an unlocked Secret Service and a binary built with the
//! bundled UI, so they are ignored by a plain `cargo test`; `make e2e` (part of `make test`) provides all
//! of that and runs them with `--ignored`. Each scenario starts the app on a fresh data directory and
//! saves a screenshot to docs/screenshots.

mod console;
mod harness;
mod history;
mod journey;
mod language;
mod onboarding;
mod profiles;
mod qimen;
mod receiver;
mod recovery;
mod repro;
mod secrets;
mod security;
mod session;
mod small_window;
mod traffic;

use harness::{run_prepared_scenario, run_scenario};

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn first_launch_sends_a_successful_demo_call() {
    run_scenario("first-launch", console::first_launch_demo_call).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn security_settings_hold_in_the_running_app() {
    run_scenario("security", security::security_posture).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn secrets_are_never_shown() {
    run_scenario("secrets", secrets::secrets_never_shown).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn a_wrong_secret_is_explained_with_the_string_signed() {
    run_scenario("wrong-secret", profiles::wrong_secret_explained).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn a_qimen_xml_call_succeeds() {
    run_scenario("qimen-xml", qimen::qimen_xml_call).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn history_search_finds_the_call_and_resends_it() {
    run_scenario("history", history::search_and_resend).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn switching_to_english_follows_everywhere_and_is_kept() {
    run_scenario("english", language::switch_to_english).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn a_session_is_captured_by_listener_and_paste_then_used_for_a_call() {
    run_scenario("session-call", session::capture_and_use).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn onboarding_questionnaire_recommends_an_app_type() {
    run_scenario(
        "onboarding-questionnaire",
        onboarding::questionnaire_recommends,
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn onboarding_taobaoke_checker_names_the_failed_rule() {
    run_scenario("onboarding-taobaoke", onboarding::taobaoke_fails_one_rule).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn onboarding_tracker_step_survives_a_restart() {
    if let Err(failure) = onboarding::tracker_step_survives_restart().await {
        panic!("onboarding-tracker: {failure}");
    }
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn onboarding_erp_crm_prepares_the_joint_test_call() {
    run_scenario("onboarding-crm", onboarding::crm_prepares_the_console).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn a_damaged_database_opens_the_recovery_screen_and_is_set_aside() {
    run_prepared_scenario(
        "recovery",
        recovery::damage_the_database,
        recovery::damaged_database_is_set_aside,
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn a_customer_curl_is_diagnosed_replayed_shared_and_replayed_elsewhere() {
    run_scenario("repro", repro::diagnose_replay_and_share).await;
    run_scenario("repro-import", repro::open_the_bundle_elsewhere).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn traffic_through_the_relay_is_listed_and_diagnosed() {
    run_scenario("traffic", traffic::relay_a_customer_call).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn a_console_call_reaches_the_receiver_through_the_gateway() {
    run_scenario("receiver", receiver::round_trip_through_the_gateway).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn at_1024_by_700_every_screen_fits_in_both_languages() {
    run_scenario("small-window", small_window::small_window_in_both_languages).await;
}

#[tokio::test]
#[ignore = "needs the app built with the bundled UI, a display and a keyring: run `make e2e`"]
async fn journey_from_the_demo_tour_to_a_real_profile() {
    run_scenario("journey", journey::demo_to_real_journey).await;
}
