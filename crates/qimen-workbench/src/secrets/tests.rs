use super::keyring_store::{problem_from_text, BadIdentifier};
use super::*;
use std::sync::Mutex;

/// A store that fails every call the same way, like a keyring that is not there.
struct Failing(SecretError);

impl SecretStore for Failing {
    fn get(&self, _: &SecretKey) -> Result<Option<SecretString>, SecretError> {
        Err(self.0.clone())
    }
    fn set(&self, _: &SecretKey, _: &SecretString) -> Result<(), SecretError> {
        Err(self.0.clone())
    }
    fn delete(&self, _: &SecretKey) -> Result<(), SecretError> {
        Err(self.0.clone())
    }
}

/// A store that accepts writes and forgets them, like a mock back end silently chosen at build time.
#[derive(Default)]
struct Forgetful(Mutex<u32>);

impl SecretStore for Forgetful {
    fn get(&self, _: &SecretKey) -> Result<Option<SecretString>, SecretError> {
        Ok(None)
    }
    fn set(&self, _: &SecretKey, _: &SecretString) -> Result<(), SecretError> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        Ok(())
    }
    fn delete(&self, _: &SecretKey) -> Result<(), SecretError> {
        Ok(())
    }
}

#[test]
fn account_names_follow_profile_and_kind() {
    assert_eq!(
        SecretKey::new(7, SecretKind::AppSecret).account(),
        "profile-7-app-secret"
    );
    assert_eq!(
        SecretKey::new(12, SecretKind::RefreshToken).account(),
        "profile-12-refresh-token"
    );
    // Every kind has its own slug, or two secrets of one profile would overwrite each other.
    let mut slugs: Vec<_> = SecretKind::ALL.iter().map(|k| k.slug()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(slugs.len(), SecretKind::ALL.len());
}

#[test]
fn memory_store_round_trips_replaces_and_deletes() {
    let store = MemoryStore::new();
    let key = SecretKey::new(3, SecretKind::WdtSecret);
    assert_eq!(store.get(&key).ok().flatten(), None);
    assert!(store.set(&key, &SecretString::from("密钥:salt!@#")).is_ok());
    assert_eq!(
        store.get(&key).ok().flatten(),
        Some(SecretString::from("密钥:salt!@#"))
    );
    assert!(store.set(&key, &SecretString::from("second")).is_ok());
    assert_eq!(
        store.get(&key).ok().flatten(),
        Some(SecretString::from("second"))
    );
    assert!(store.delete(&key).is_ok());
    assert_eq!(store.get(&key).ok().flatten(), None);
    // Deleting what is not there is fine: "forget this profile" must be idempotent.
    assert!(store.delete(&key).is_ok());
    assert!(store.is_empty());
}

#[test]
fn memory_store_debug_never_shows_a_value() {
    let store = MemoryStore::new();
    let _ = store.set(
        &SecretKey::new(1, SecretKind::AppSecret),
        &SecretString::from("canary-3f9e1d"),
    );
    assert!(!format!("{store:?}").contains("canary-3f9e1d"));
}

#[test]
fn probe_reports_a_working_store_available_and_leaves_nothing_behind() {
    let store = MemoryStore::new();
    assert_eq!(probe(&store), KeyringStatus::Available);
    // The probe entry is deleted again.
    assert!(store.is_empty());
}

#[test]
fn probe_reports_the_failure_of_a_broken_store() {
    let store = Failing(SecretError::NoBackend {
        detail: "No DBus session or Secret Service provider found".into(),
    });
    let status = probe(&store);
    assert_eq!(
        status,
        KeyringStatus::Unavailable {
            problem: KeyringProblem::NoBackend,
            detail: "No DBus session or Secret Service provider found".into()
        }
    );
    assert!(!status.is_available());
}

#[test]
fn probe_catches_a_store_that_loses_what_it_is_given() {
    let store = Forgetful::default();
    let status = probe(&store);
    assert!(matches!(
        status,
        KeyringStatus::Unavailable {
            problem: KeyringProblem::Other,
            ..
        }
    ));
    assert_eq!(*store.0.lock().unwrap_or_else(|e| e.into_inner()), 1);
}

#[test]
fn platform_wordings_sort_into_problems() {
    use KeyringProblem::*;
    let cases = [
        // What the Secret Service client says when there is no session bus or no provider.
        (false, "DBus error: No DBus session or Secret Service provider found", NoBackend),
        (false, "DBus error: org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files", NoBackend),
        (false, "DBus error: Unable to autolaunch a dbus-daemon without a $DISPLAY for X11", NoBackend),
        (false, "DBus error: Failed to connect to socket /tmp/x: No such file or directory (org.freedesktop.DBus.Error.FileNotFound)", NoBackend),
        // What libdbus says when DBUS_SESSION_BUS_ADDRESS names a socket nobody listens on.
        (false, "DBus error: Failed to connect to socket /run/user/1000/bus: No such file or directory", NoBackend),
        (true, "Windows ERROR_NO_SUCH_LOGON_SESSION", NoBackend),
        (true, "Secret Service: object locked", Locked),
        (true, "Secret Service: no result found", Locked),
        (true, "Secret Service: unlock prompt was dismissed", Denied),
        (false, "User canceled the operation. (-128)", Denied),
        (false, "DBus error: disk full", Other),
    ];
    for (no_access, text, want) in cases {
        assert_eq!(problem_from_text(no_access, text), want, "{text}");
    }
}

#[test]
fn errors_speak_both_languages_and_name_the_way_out() {
    let e = SecretError::NoBackend {
        detail: "no provider".into(),
    };
    assert_eq!(e.code(), "keyring_no_backend");
    assert!(e.message(Lang::ZhCn).contains("仅在本次运行期间"));
    assert!(e.message(Lang::En).contains("in memory for this run only"));
    assert!(e.to_string().contains("in memory for this run only"));
    for p in [
        KeyringProblem::NoBackend,
        KeyringProblem::Locked,
        KeyringProblem::Denied,
        KeyringProblem::Other,
    ] {
        // Every problem offers the in-memory fallback, so the user is never stuck.
        assert!(p.text().en.contains("in memory for this run only"), "{p:?}");
        assert!(p.text().zh.contains("内存"), "{p:?}");
    }
}

#[test]
fn identifiers_are_checked_before_they_name_a_service() {
    let store = KeyringStore::with_identifier("test");
    assert_eq!(
        store.as_ref().map(|s| s.service()).ok(),
        Some("qimen-workbench-test")
    );
    assert_eq!(KeyringStore::new().service(), "qimen-workbench");
    for bad in ["", "a b", "x/y", &"a".repeat(41)] {
        assert_eq!(
            KeyringStore::with_identifier(bad).err(),
            Some(BadIdentifier(bad.to_string()))
        );
    }
}

#[test]
fn forget_and_copy_cover_every_kind() {
    let store = MemoryStore::new();
    for kind in SecretKind::ALL {
        let _ = store.set(
            &SecretKey::new(1, kind),
            &SecretString::new(format!("v-{}", kind.slug())),
        );
    }
    // A stale token on the target must not survive a copy from a source that has none.
    let _ = store.delete(&SecretKey::new(1, SecretKind::AccessToken));
    let _ = store.set(
        &SecretKey::new(2, SecretKind::AccessToken),
        &SecretString::from("stale"),
    );
    assert!(copy_profile(&store, 1, 2).is_ok());
    for kind in SecretKind::ALL {
        assert_eq!(
            store.get(&SecretKey::new(2, kind)).ok().flatten(),
            store.get(&SecretKey::new(1, kind)).ok().flatten(),
            "{kind:?}"
        );
    }
    assert!(forget_profile(&store, 1).is_ok());
    assert!(forget_profile(&store, 2).is_ok());
    assert!(store.is_empty());
}
