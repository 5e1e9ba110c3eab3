//! The OS keyring through the `keyring` crate, with a read cache so each secret is fetched from the
//! keyring once per run (a locked keyring may prompt; nobody wants a prompt per call).
//!
//! The crate reports platform failures as boxed errors from several back ends; [`problem_from_text`]
//! sorts their wording into the four cases a user can act on.

use super::{KeyringProblem, SecretError, SecretKey, SecretStore, SERVICE};
use qimen_core::sensitive::SecretString;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use thiserror::Error;

/// A service identifier that cannot be part of a keyring service name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("keyring identifier \"{0}\": use 1 to 40 letters, digits, '-' or '_', e.g. test")]
pub struct BadIdentifier(pub String);

/// Secrets in the operating system's keyring.
#[derive(Debug)]
pub struct KeyringStore {
    service: String,
    /// What this run has already read (`None` = known to be absent). Dropped on set and delete.
    cache: Mutex<HashMap<SecretKey, Option<SecretString>>>,
}

impl Default for KeyringStore {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyringStore {
    /// The installed app's entries, under the service `qimen-workbench`.
    pub fn new() -> Self {
        KeyringStore {
            service: SERVICE.to_string(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Entries under `qimen-workbench-<identifier>`, so tests and end-to-end runs never read or
    /// overwrite a user's real secrets.
    pub fn with_identifier(identifier: &str) -> Result<Self, BadIdentifier> {
        let ok = (1..=40).contains(&identifier.chars().count())
            && identifier
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            return Err(BadIdentifier(identifier.to_string()));
        }
        Ok(KeyringStore {
            service: format!("{SERVICE}-{identifier}"),
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The keyring service name entries are stored under.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// Forgets everything read so far; the next `get` asks the keyring again.
    pub fn clear_cache(&self) {
        self.cache().clear();
    }

    fn cache(&self) -> MutexGuard<'_, HashMap<SecretKey, Option<SecretString>>> {
        // The map is only ever replaced whole-entry, so a poisoned lock still holds consistent data.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn entry(&self, key: &SecretKey) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, &key.account()).map_err(classify)
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, key: &SecretKey) -> Result<Option<SecretString>, SecretError> {
        if let Some(cached) = self.cache().get(key) {
            return Ok(cached.clone());
        }
        let value = match self.entry(key)?.get_password() {
            Ok(text) => Some(SecretString::new(text)),
            Err(keyring::Error::NoEntry) => None,
            Err(e) => return Err(classify(e)),
        };
        self.cache().insert(*key, value.clone());
        Ok(value)
    }

    fn set(&self, key: &SecretKey, value: &SecretString) -> Result<(), SecretError> {
        self.cache().remove(key);
        self.entry(key)?
            .set_password(value.expose())
            .map_err(classify)
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        self.cache().remove(key);
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(classify(e)),
        }
    }
}

/// Turns a keyring error into one of ours. Only the platform's wording is kept, never a value: the
/// one variant that carries secret bytes (`BadEncoding`) is described without them.
fn classify(err: keyring::Error) -> SecretError {
    let (problem, detail) = match &err {
        keyring::Error::NoStorageAccess(inner) => {
            let text = chain_text(inner.as_ref());
            (problem_from_text(true, &text), text)
        }
        keyring::Error::PlatformFailure(inner) => {
            let text = chain_text(inner.as_ref());
            (problem_from_text(false, &text), text)
        }
        keyring::Error::BadEncoding(_) => (
            KeyringProblem::Other,
            "the stored secret is not UTF-8 text; enter it again".to_string(),
        ),
        keyring::Error::TooLong(attr, limit) => (
            KeyringProblem::Other,
            format!("the {attr} is longer than the keyring allows ({limit} characters)"),
        ),
        keyring::Error::Invalid(attr, reason) => (
            KeyringProblem::Other,
            format!("the {attr} is invalid: {reason}"),
        ),
        keyring::Error::Ambiguous(items) => (
            KeyringProblem::Other,
            format!(
                "{} keyring entries match; delete the duplicates in your passwords app",
                items.len()
            ),
        ),
        keyring::Error::NoEntry => (KeyringProblem::Other, "no such entry".to_string()),
        other => (KeyringProblem::Other, other.to_string()),
    };
    match problem {
        KeyringProblem::NoBackend => SecretError::NoBackend { detail },
        KeyringProblem::Locked => SecretError::Locked { detail },
        KeyringProblem::Denied => SecretError::Denied { detail },
        KeyringProblem::Other => SecretError::Other { detail },
    }
}

/// An error and its sources, `outer: inner: innermost`.
fn chain_text(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        let more = inner.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = inner.source();
    }
    text
}

/// Wordings (lower case) meaning no keyring service can be reached: the Secret Service client's
/// "no provider", D-Bus failing to find a session bus or the `org.freedesktop.secrets` name, the
/// macOS "keychain not available / no such keychain" codes, Windows without a logon session.
const NO_BACKEND: [&str; 13] = [
    "no dbus session or secret service provider found",
    "failed to connect to socket",
    "org.freedesktop.dbus.error.serviceunknown",
    "org.freedesktop.dbus.error.notsupported",
    "org.freedesktop.dbus.error.filenotfound",
    "org.freedesktop.dbus.error.noserver",
    "org.freedesktop.dbus.error.spawn",
    "autolaunch",
    "dbus_session_bus_address",
    "-25291",
    "-25294",
    "-25295",
    "error_no_such_logon_session",
];

/// Wordings meaning the user or the system said no: a dismissed Secret Service prompt, macOS
/// "user canceled" (-128), "auth failed" (-25293), "read only" (-25292).
const DENIED: [&str; 7] = [
    "prompt was dismissed",
    "canceled",
    "cancelled",
    "-128",
    "-25293",
    "-25292",
    "denied",
];

/// Sorts a platform's wording into a problem. `no_access` is the keyring crate's own verdict that
/// storage could not be accessed (locked, prompt refused, keychain missing); without a more precise
/// word, such a failure is most often a locked keyring.
pub(super) fn problem_from_text(no_access: bool, text: &str) -> KeyringProblem {
    let lower = text.to_lowercase();
    if NO_BACKEND.iter().any(|w| lower.contains(w)) {
        KeyringProblem::NoBackend
    } else if DENIED.iter().any(|w| lower.contains(w)) {
        KeyringProblem::Denied
    } else if lower.contains("locked") || no_access {
        KeyringProblem::Locked
    } else {
        KeyringProblem::Other
    }
}
