//! Where secrets rest between runs: the operating system's keyring, behind one small trait.
//!
//! The AppSecret, the 旺店通 secret, OAuth tokens and a client password never go to SQLite, a log or
//! an IPC answer. They live in the OS keyring (macOS Keychain, Windows Credential Manager, the Secret
//! Service on Linux), one entry per profile and kind, under the service name `qimen-workbench` (or
//! `qimen-workbench-<id>` so tests and end-to-end runs never touch a user's real entries).
//!
//! A Linux desktop without a Secret Service is common; [`probe`] finds that out up front so the app can
//! say so plainly and offer [`MemoryStore`]: the secret is kept in memory for this run only.
//! Every value travels as [`SecretString`], which never prints or serialises in clear.

mod keyring_store;
mod memory;

pub use keyring_store::{BadIdentifier, KeyringStore};
pub use memory::MemoryStore;

use qimen_core::sensitive::SecretString;
use qimen_core::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;
use ts_rs::TS;

/// The keyring service name of the installed app; tests use `qimen-workbench-<id>`.
pub const SERVICE: &str = "qimen-workbench";

/// The profile id the availability probe writes under. SQLite row ids start at 1, so no real
/// profile ever has it.
pub const PROBE_PROFILE_ID: i64 = 0;

/// What a secret is for; one keyring entry per profile and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SecretKind {
    /// The app's AppSecret, used to sign every call.
    AppSecret,
    /// The 旺店通 secret (`secret:salt`) used for `wdt_sign`.
    WdtSecret,
    /// The OAuth access token (the `session` parameter).
    AccessToken,
    /// The OAuth refresh token.
    RefreshToken,
    /// A password the counterpart's own system asks for.
    ClientPassword,
}

impl SecretKind {
    pub const ALL: [SecretKind; 5] = [
        SecretKind::AppSecret,
        SecretKind::WdtSecret,
        SecretKind::AccessToken,
        SecretKind::RefreshToken,
        SecretKind::ClientPassword,
    ];

    /// The slug used in the keyring account name.
    pub fn slug(self) -> &'static str {
        match self {
            SecretKind::AppSecret => "app-secret",
            SecretKind::WdtSecret => "wdt-secret",
            SecretKind::AccessToken => "access-token",
            SecretKind::RefreshToken => "refresh-token",
            SecretKind::ClientPassword => "client-password",
        }
    }
}

/// Which secret: a profile and a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SecretKey {
    pub profile_id: i64,
    pub kind: SecretKind,
}

impl SecretKey {
    pub fn new(profile_id: i64, kind: SecretKind) -> Self {
        SecretKey { profile_id, kind }
    }

    /// The keyring account name: `profile-<id>-<kind>`, e.g. `profile-7-app-secret`.
    pub fn account(&self) -> String {
        format!("profile-{}-{}", self.profile_id, self.kind.slug())
    }
}

impl fmt::Display for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.account())
    }
}

/// Why the keyring could not be used, in words that say what to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KeyringProblem {
    /// No keyring service is reachable (Linux without a Secret Service, no logon session).
    NoBackend,
    /// The keyring exists but is locked, or has no default collection to write to.
    Locked,
    /// The user or the system refused access.
    Denied,
    /// Anything else the platform reported.
    Other,
}

impl KeyringProblem {
    /// A stable code the UI switches on.
    pub fn code(self) -> &'static str {
        match self {
            KeyringProblem::NoBackend => "keyring_no_backend",
            KeyringProblem::Locked => "keyring_locked",
            KeyringProblem::Denied => "keyring_denied",
            KeyringProblem::Other => "keyring_failed",
        }
    }

    /// What happened and what to do, in the user's language.
    pub fn text(self) -> Text {
        match self {
            KeyringProblem::NoBackend => Text::fixed("本机没有可用的系统钥匙串（Linux 上需要运行 Secret Service，例如 gnome-keyring 或 KWallet）。可以选择仅在本次运行期间把密钥保存在内存中，关闭应用后需要重新输入。", "No keyring is available on this computer (on Linux a Secret Service such as gnome-keyring or KWallet must be running). The secret can be kept in memory for this run only; you will enter it again after closing the app."),
            KeyringProblem::Locked => Text::fixed("系统钥匙串已锁定，或还没有默认钥匙串。请解锁钥匙串（例如登录桌面会话，或在“密码和密钥”中解锁或新建“登录”钥匙串）后重试，或者仅在本次运行期间把密钥保存在内存中。", "The keyring is locked, or has no default keyring yet. Unlock it (log in to your desktop session, or unlock or create the \"Login\" keyring in your passwords app) and try again, or keep the secret in memory for this run only."),
            KeyringProblem::Denied => Text::fixed("访问系统钥匙串被拒绝（可能是取消了授权提示）。请重试并在提示中允许 Qimen Workbench 访问，或者仅在本次运行期间把密钥保存在内存中。", "Access to the keyring was refused (perhaps the prompt was cancelled). Try again and allow Qimen Workbench when asked, or keep the secret in memory for this run only."),
            KeyringProblem::Other => Text::fixed("系统钥匙串报告了错误。请重试；如果问题持续，可以仅在本次运行期间把密钥保存在内存中。", "The keyring reported an error. Try again; if it keeps failing, keep the secret in memory for this run only."),
        }
    }
}

/// A keyring operation that failed. `detail` is the platform's own wording: it names the failure,
/// never a secret value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SecretError {
    #[error("keyring: no keyring is available ({detail}); the secret can be kept in memory for this run only")]
    NoBackend { detail: String },
    #[error("keyring: the keyring is locked or has no default keyring ({detail}); unlock it and try again, or keep the secret in memory for this run only")]
    Locked { detail: String },
    #[error("keyring: access was refused ({detail}); allow Qimen Workbench when asked, or keep the secret in memory for this run only")]
    Denied { detail: String },
    #[error("keyring: {detail}; try again, or keep the secret in memory for this run only")]
    Other { detail: String },
}

impl SecretError {
    pub fn problem(&self) -> KeyringProblem {
        match self {
            SecretError::NoBackend { .. } => KeyringProblem::NoBackend,
            SecretError::Locked { .. } => KeyringProblem::Locked,
            SecretError::Denied { .. } => KeyringProblem::Denied,
            SecretError::Other { .. } => KeyringProblem::Other,
        }
    }

    /// A stable code the UI switches on (`keyring_no_backend` …).
    pub fn code(&self) -> &'static str {
        self.problem().code()
    }

    /// The message for a person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        self.problem().text().get(lang).to_string()
    }

    pub fn detail(&self) -> &str {
        match self {
            SecretError::NoBackend { detail }
            | SecretError::Locked { detail }
            | SecretError::Denied { detail }
            | SecretError::Other { detail } => detail,
        }
    }
}

/// Somewhere secrets can be kept: the OS keyring or this run's memory.
pub trait SecretStore: Send + Sync {
    /// The secret, or `None` when none is stored.
    fn get(&self, key: &SecretKey) -> Result<Option<SecretString>, SecretError>;
    /// Stores or replaces the secret.
    fn set(&self, key: &SecretKey, value: &SecretString) -> Result<(), SecretError>;
    /// Removes the secret; removing one that is not there is not an error.
    fn delete(&self, key: &SecretKey) -> Result<(), SecretError>;
}

/// Whether a store can keep secrets right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum KeyringStatus {
    Available,
    Unavailable {
        problem: KeyringProblem,
        /// The platform's wording, for a support engineer.
        detail: String,
    },
}

impl KeyringStatus {
    pub fn is_available(&self) -> bool {
        matches!(self, KeyringStatus::Available)
    }
}

/// Checks a store by writing, reading back and deleting a throwaway entry under
/// [`PROBE_PROFILE_ID`]. A store that accepts the write but returns something else is reported as
/// [`KeyringProblem::Other`].
pub fn probe(store: &dyn SecretStore) -> KeyringStatus {
    let key = SecretKey::new(PROBE_PROFILE_ID, SecretKind::AppSecret);
    let value = SecretString::new(format!("probe-{}", rand::random::<u64>()));
    let unavailable = |e: SecretError| KeyringStatus::Unavailable {
        problem: e.problem(),
        detail: e.detail().to_string(),
    };
    if let Err(e) = store.set(&key, &value) {
        return unavailable(e);
    }
    let read = store.get(&key);
    // Clean up whatever the read said; a failed delete matters less than the read's answer.
    let deleted = store.delete(&key);
    match read {
        Err(e) => unavailable(e),
        Ok(Some(back)) if back == value => match deleted {
            Ok(()) => KeyringStatus::Available,
            Err(e) => unavailable(e),
        },
        Ok(_) => KeyringStatus::Unavailable {
            problem: KeyringProblem::Other,
            detail: "the keyring accepted a secret but did not return it".to_string(),
        },
    }
}

/// Writes the secrets a form carried for a profile, the one way every form does it: `None` keeps
/// the stored secret, a blank one removes it, anything else replaces it (surrounding blanks dropped).
pub fn save_form_secrets(
    store: &dyn SecretStore,
    profile_id: i64,
    entries: [(Option<SecretString>, SecretKind); 2],
) -> Result<(), SecretError> {
    for (value, kind) in entries {
        let key = SecretKey::new(profile_id, kind);
        match value {
            None => {}
            Some(v) if v.is_blank() => store.delete(&key)?,
            Some(v) => store.set(&key, &SecretString::from(v.expose().trim()))?,
        }
    }
    Ok(())
}

/// Removes every secret of a profile (call it when the profile is deleted).
pub fn forget_profile(store: &dyn SecretStore, profile_id: i64) -> Result<(), SecretError> {
    for kind in SecretKind::ALL {
        store.delete(&SecretKey::new(profile_id, kind))?;
    }
    Ok(())
}

/// Copies every secret a profile has to another profile (call it after duplicating a profile).
/// Kinds the source does not have are removed from the target, so the copy matches exactly.
pub fn copy_profile(store: &dyn SecretStore, from: i64, to: i64) -> Result<(), SecretError> {
    for kind in SecretKind::ALL {
        let target = SecretKey::new(to, kind);
        match store.get(&SecretKey::new(from, kind))? {
            Some(value) => store.set(&target, &value)?,
            None => store.delete(&target)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
