//! A Linux machine without a Secret Service: the probe and every operation say so plainly, with the
//! in-memory fallback offered, instead of failing with a raw D-Bus message.

#[cfg(target_os = "linux")]
#[test]
fn without_a_session_bus_the_keyring_reports_no_backend() {
    use qimen_core::sensitive::SecretString;
    use qimen_core::text::Lang;
    use qimen_workbench::secrets::{
        probe, KeyringProblem, KeyringStatus, KeyringStore, SecretKey, SecretKind, SecretStore,
    };

    // Point D-Bus at a socket that does not exist. This test binary holds this one test only, so
    // changing the environment cannot disturb another test.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/qimen-no-such-bus",
    );
    let store = KeyringStore::with_identifier("no-backend-test")
        .unwrap_or_else(|e| panic!("valid identifier: {e}"));

    match probe(&store) {
        KeyringStatus::Unavailable { problem, detail } => {
            assert_eq!(problem, KeyringProblem::NoBackend, "{detail}");
        }
        KeyringStatus::Available => panic!("a keyring cannot be reached through a missing bus"),
    }

    let key = SecretKey::new(1, SecretKind::AppSecret);
    let err = match store.set(&key, &SecretString::from("canary-nobackend-77")) {
        Err(e) => e,
        Ok(()) => panic!("storing through a missing bus cannot succeed"),
    };
    assert_eq!(err.code(), "keyring_no_backend");
    assert!(err
        .message(Lang::En)
        .contains("in memory for this run only"));
    // The failure names what went wrong, never the value that was being stored.
    assert!(!err.to_string().contains("canary-nobackend-77"));
    assert!(!format!("{err:?}").contains("canary-nobackend-77"));
    assert!(store.get(&key).is_err());
}
