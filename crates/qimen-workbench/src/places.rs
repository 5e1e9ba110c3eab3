//! Where the desktop app keeps its data and under which keyring service it files secrets, decided in
//! one place so the app and `qimen call --profile` always open the same SQLite store and the same
//! keyring entries.
//!
//! A user's run takes the platform's app data directory for the app's identifier and the product's
//! keyring service. The end-to-end tests (and anyone who wants a scratch workspace) set two
//! environment variables instead, so a test run never reads or writes a user's profiles, history or
//! keyring entries. The app passes the directory its shell reports; the CLI, which has no shell,
//! computes the same one with [`platform_data_dir`].

use crate::secrets::{BadIdentifier, KeyringStore};
use std::path::{Path, PathBuf};

/// The desktop app's bundle identifier (`identifier` in tauri.conf.json): the name of its data folder.
pub const APP_IDENTIFIER: &str = "com.qimen.workbench";

/// The platform's app data directory for the desktop app: the user's data directory joined with
/// [`APP_IDENTIFIER`] (`~/.local/share/…` on Linux, `~/Library/Application Support/…` on macOS,
/// `%APPDATA%\…` on Windows), which is where the app's shell puts it. `None` when the platform
/// has no user data directory (no home directory).
pub fn platform_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// Overrides the data directory (the SQLite store and the remembered profile).
pub const DATA_DIR_VAR: &str = "QIMEN_WORKBENCH_DATA_DIR";
/// Overrides the keyring service under which profile secrets are filed: `qimen-workbench-<identifier>`.
pub const KEYRING_SERVICE_VAR: &str = "QIMEN_WORKBENCH_KEYRING_SERVICE";
/// The keyring service of a normal run; an override must extend it with `-<identifier>`.
pub const PRODUCT_KEYRING_SERVICE: &str = "qimen-workbench";

/// Why the places of this run could not be decided.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LaunchError {
    #[error(
        "{KEYRING_SERVICE_VAR}={0:?}: use \"{PRODUCT_KEYRING_SERVICE}-<identifier>\", e.g. \
         \"{PRODUCT_KEYRING_SERVICE}-test\", so test entries never mix with a user's secrets"
    )]
    ForeignKeyringService(String),
}

/// The places one run of the app uses, decided once at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchPlaces {
    pub data_dir: PathBuf,
    /// `None`: the product's own keyring service; `Some(id)`: the service `qimen-workbench-<id>`.
    pub keyring_identifier: Option<String>,
}

impl LaunchPlaces {
    /// Decides the places from an environment lookup and the platform's app data directory.
    /// Blank variables count as unset, so `VAR= qimen-workbench` behaves like a normal run.
    pub fn decide(
        env: impl Fn(&str) -> Option<String>,
        platform_data_dir: PathBuf,
    ) -> Result<Self, LaunchError> {
        let non_blank = |name: &str| {
            env(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let keyring_identifier = match non_blank(KEYRING_SERVICE_VAR) {
            None => None,
            Some(service) if service == PRODUCT_KEYRING_SERVICE => None,
            Some(service) => match service
                .strip_prefix(PRODUCT_KEYRING_SERVICE)
                .and_then(|rest| rest.strip_prefix('-'))
            {
                Some(identifier) if !identifier.is_empty() => Some(identifier.to_owned()),
                _ => return Err(LaunchError::ForeignKeyringService(service)),
            },
        };
        Ok(Self {
            data_dir: non_blank(DATA_DIR_VAR)
                .map(PathBuf::from)
                .unwrap_or(platform_data_dir),
            keyring_identifier,
        })
    }

    /// Reads the real process environment.
    pub fn from_process(platform_data_dir: PathBuf) -> Result<Self, LaunchError> {
        Self::decide(|name| std::env::var(name).ok(), platform_data_dir)
    }

    /// The keyring service name this run files secrets under.
    pub fn keyring_service(&self) -> String {
        match &self.keyring_identifier {
            None => PRODUCT_KEYRING_SERVICE.to_owned(),
            Some(identifier) => format!("{PRODUCT_KEYRING_SERVICE}-{identifier}"),
        }
    }

    /// The OS keyring under this run's service.
    pub fn keyring_store(&self) -> Result<KeyringStore, BadIdentifier> {
        match &self.keyring_identifier {
            None => Ok(KeyringStore::new()),
            Some(identifier) => KeyringStore::with_identifier(identifier),
        }
    }
}

/// Writes a file of the data folder readable by its owner only, replacing it whole: written beside
/// it, then renamed, so a crash leaves the old file or the new one, never half of either.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut beside = path.as_os_str().to_owned();
    beside.push(".new");
    let beside = PathBuf::from(beside);
    let mut options = std::fs::OpenOptions::new();
    options.create(true).write(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&beside)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&beside, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    fn platform() -> PathBuf {
        PathBuf::from("/platform/data")
    }

    #[test]
    fn a_normal_run_uses_the_platform_dir_and_the_product_service() {
        let places = LaunchPlaces::decide(env_of(&[]), platform()).unwrap();
        assert_eq!(places.data_dir, platform());
        assert_eq!(places.keyring_identifier, None);
        assert_eq!(places.keyring_service(), "qimen-workbench");
    }

    #[test]
    fn a_test_run_takes_both_overrides() {
        let places = LaunchPlaces::decide(
            env_of(&[
                (DATA_DIR_VAR, "/tmp/e2e-data"),
                (KEYRING_SERVICE_VAR, "qimen-workbench-test"),
            ]),
            platform(),
        )
        .unwrap();
        assert_eq!(places.data_dir, PathBuf::from("/tmp/e2e-data"));
        // The identifier is what the core's keyring store appends to the product service.
        assert_eq!(places.keyring_identifier.as_deref(), Some("test"));
        assert_eq!(places.keyring_service(), "qimen-workbench-test");
    }

    #[test]
    fn naming_the_product_service_is_a_normal_run() {
        let places = LaunchPlaces::decide(
            env_of(&[(KEYRING_SERVICE_VAR, "qimen-workbench")]),
            platform(),
        )
        .unwrap();
        assert_eq!(places.keyring_identifier, None);
    }

    #[test]
    fn blank_overrides_are_ignored() {
        // An exported-but-empty variable must not send the data to the current directory.
        let places = LaunchPlaces::decide(
            env_of(&[(DATA_DIR_VAR, "  "), (KEYRING_SERVICE_VAR, "")]),
            platform(),
        )
        .unwrap();
        assert_eq!(places.data_dir, platform());
        assert_eq!(places.keyring_identifier, None);
    }

    #[test]
    fn a_service_outside_the_product_namespace_is_refused() {
        for service in ["login", "qimen-workbenchx", "qimen-workbench-"] {
            let env = |name: &str| (name == KEYRING_SERVICE_VAR).then(|| service.to_owned());
            let outcome = LaunchPlaces::decide(env, platform());
            assert_eq!(
                outcome,
                Err(LaunchError::ForeignKeyringService(service.to_owned())),
                "{service}"
            );
        }
    }

    #[test]
    fn the_identifier_is_the_one_the_app_is_bundled_with() {
        // The CLI finds the app's data only if this constant matches the shell's configuration.
        let conf = include_str!("../../../tauri.conf.json");
        let conf: serde_json::Value = serde_json::from_str(conf).unwrap();
        assert_eq!(conf["identifier"], APP_IDENTIFIER);
    }

    #[test]
    fn the_platform_dir_ends_with_the_identifier() {
        if let Some(dir) = platform_data_dir() {
            assert!(dir.ends_with(APP_IDENTIFIER), "{}", dir.display());
            assert_eq!(dir.parent(), dirs::data_dir().as_deref());
        }
    }

    #[test]
    fn the_keyring_store_follows_the_service() {
        let places = LaunchPlaces::decide(
            env_of(&[(KEYRING_SERVICE_VAR, "qimen-workbench-test")]),
            platform(),
        )
        .unwrap();
        assert_eq!(
            places.keyring_store().unwrap().service(),
            "qimen-workbench-test"
        );
        let normal = LaunchPlaces::decide(env_of(&[]), platform()).unwrap();
        assert_eq!(normal.keyring_store().unwrap().service(), "qimen-workbench");
    }
}
