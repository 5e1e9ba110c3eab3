//! The keyring store against a real Secret Service (gnome-keyring in a private D-Bus session).
//!
//! Run it through `scripts/with-test-keyring.sh cargo test -p qimen-core --test secrets_keyring`,
//! which sets `QIMEN_REAL_KEYRING=1`. Without that variable the test prints a notice and passes, so a
//! plain `cargo test` on a machine without a throwaway keyring never writes to a user's keyring.

use qimen_core::sensitive::SecretString;
use qimen_workbench::secrets::{
    copy_profile, forget_profile, probe, KeyringStatus, KeyringStore, SecretKey, SecretKind,
    SecretStore,
};
use std::io::Write;

fn real_keyring_requested() -> bool {
    if std::env::var_os("QIMEN_REAL_KEYRING").is_some() {
        return true;
    }
    // Written to stderr directly, not through `eprintln!`, so the test harness does not swallow it.
    let _ = writeln!(
        std::io::stderr(),
        "secrets_keyring: SKIPPED, QIMEN_REAL_KEYRING is not set \
         (run it through scripts/with-test-keyring.sh)"
    );
    false
}

/// A store under its own service name, so this test never sees the app's real entries.
fn test_store() -> KeyringStore {
    match KeyringStore::with_identifier("test") {
        Ok(store) => store,
        Err(e) => panic!("the test identifier is valid: {e}"),
    }
}

fn read(store: &dyn SecretStore, key: &SecretKey) -> Option<String> {
    match store.get(key) {
        Ok(value) => value.map(|v| v.expose().clone()),
        Err(e) => panic!("reading {key} failed: {e}"),
    }
}

fn write(store: &dyn SecretStore, key: &SecretKey, value: &str) {
    if let Err(e) = store.set(key, &SecretString::from(value)) {
        panic!("writing {key} failed: {e}");
    }
}

#[test]
fn profile_secrets_are_stored_read_replaced_and_deleted_in_the_real_keyring() {
    if !real_keyring_requested() {
        return;
    }
    let store = test_store();
    assert_eq!(store.service(), "qimen-workbench-test");
    // The throwaway keyring is unlocked, so the probe must find it usable.
    assert_eq!(probe(&store), KeyringStatus::Available);

    let profile = 4101;
    let secret = SecretKey::new(profile, SecretKind::AppSecret);
    let wdt = SecretKey::new(profile, SecretKind::WdtSecret);
    let token = SecretKey::new(profile, SecretKind::AccessToken);
    assert!(forget_profile(&store, profile).is_ok());
    assert_eq!(read(&store, &secret), None);

    write(&store, &secret, "b17cc059ffba3f6cf0d9131359d0be2a");
    // Chinese, symbols, quotes and a colon (the 旺店通 `secret:salt` form) must come back byte for byte.
    let odd = "旺店通密钥:盐 \"'`~!@#$%^&*()_+{}|<>?;=\\/ ✓";
    write(&store, &wdt, odd);
    write(&store, &token, "6101a0b5f1c2d3e4");

    // A fresh store has no cache: these reads come from the keyring itself.
    let fresh = test_store();
    assert_eq!(
        read(&fresh, &secret).as_deref(),
        Some("b17cc059ffba3f6cf0d9131359d0be2a")
    );
    assert_eq!(read(&fresh, &wdt).as_deref(), Some(odd));

    write(&store, &secret, "replaced-secret-0001");
    assert_eq!(
        read(&store, &secret).as_deref(),
        Some("replaced-secret-0001")
    );
    // `fresh` read the old value once and keeps it for this run: the cache is per run by design...
    assert_eq!(
        read(&fresh, &secret).as_deref(),
        Some("b17cc059ffba3f6cf0d9131359d0be2a")
    );
    // ...until it is told to forget, or writes itself.
    fresh.clear_cache();
    assert_eq!(
        read(&fresh, &secret).as_deref(),
        Some("replaced-secret-0001")
    );

    assert!(store.delete(&token).is_ok());
    assert_eq!(read(&test_store(), &token), None);
    // Deleting an entry that is not there is not an error.
    assert!(store.delete(&token).is_ok());

    // A duplicated profile gets the same secrets under its own accounts.
    let copy = 4102;
    assert!(copy_profile(&store, profile, copy).is_ok());
    let reader = test_store();
    assert_eq!(
        read(&reader, &SecretKey::new(copy, SecretKind::WdtSecret)).as_deref(),
        Some(odd)
    );
    assert_eq!(
        read(&reader, &SecretKey::new(copy, SecretKind::AccessToken)),
        None
    );

    assert!(forget_profile(&store, profile).is_ok());
    assert!(forget_profile(&store, copy).is_ok());
    let after = test_store();
    for kind in SecretKind::ALL {
        assert_eq!(
            read(&after, &SecretKey::new(profile, kind)),
            None,
            "{kind:?}"
        );
        assert_eq!(read(&after, &SecretKey::new(copy, kind)), None, "{kind:?}");
    }
}
