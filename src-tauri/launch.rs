//! Where this run of the app keeps its data and under which keyring service it files secrets.
//!
//! A user's run takes the platform's app data directory and the product's keyring service. The end-to-end
//! tests (and anyone who wants a scratch workspace) set two environment variables instead, so a test run
//! never reads or writes a user's profiles, history or keyring entries.

use std::path::PathBuf;

/// Overrides the data directory (SQLite store, logs stay in the platform's log dir).
pub const DATA_DIR_VAR: &str = "QIMEN_WORKBENCH_DATA_DIR";
/// Overrides the keyring service name under which profile secrets are filed.
pub const KEYRING_SERVICE_VAR: &str = "QIMEN_WORKBENCH_KEYRING_SERVICE";
/// The keyring service of a normal run.
pub const DEFAULT_KEYRING_SERVICE: &str = "qimen-workbench";

/// The places one run of the app uses, decided once at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchPlaces {
    pub data_dir: PathBuf,
    pub keyring_service: String,
}

impl LaunchPlaces {
    /// Decides the places from an environment lookup and the platform's app data directory.
    /// Blank variables count as unset, so `VAR= qimen-workbench` behaves like a normal run.
    pub fn decide(env: impl Fn(&str) -> Option<String>, platform_data_dir: PathBuf) -> Self {
        let non_blank = |name: &str| env(name).filter(|value| !value.trim().is_empty());
        Self {
            data_dir: non_blank(DATA_DIR_VAR)
                .map(PathBuf::from)
                .unwrap_or(platform_data_dir),
            keyring_service: non_blank(KEYRING_SERVICE_VAR)
                .unwrap_or_else(|| DEFAULT_KEYRING_SERVICE.to_owned()),
        }
    }

    /// Reads the real process environment.
    pub fn from_process(platform_data_dir: PathBuf) -> Self {
        Self::decide(|name| std::env::var(name).ok(), platform_data_dir)
    }
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

    #[test]
    fn a_normal_run_uses_the_platform_dir_and_the_product_service() {
        let places = LaunchPlaces::decide(env_of(&[]), PathBuf::from("/platform/data"));
        assert_eq!(places.data_dir, PathBuf::from("/platform/data"));
        assert_eq!(places.keyring_service, "qimen-workbench");
    }

    #[test]
    fn a_test_run_takes_both_overrides() {
        let places = LaunchPlaces::decide(
            env_of(&[
                (DATA_DIR_VAR, "/tmp/e2e-data"),
                (KEYRING_SERVICE_VAR, "qimen-workbench-test"),
            ]),
            PathBuf::from("/platform/data"),
        );
        assert_eq!(places.data_dir, PathBuf::from("/tmp/e2e-data"));
        assert_eq!(places.keyring_service, "qimen-workbench-test");
    }

    #[test]
    fn blank_overrides_are_ignored() {
        // An exported-but-empty variable must not send the data to the current directory.
        let places = LaunchPlaces::decide(
            env_of(&[(DATA_DIR_VAR, "  "), (KEYRING_SERVICE_VAR, "")]),
            PathBuf::from("/platform/data"),
        );
        assert_eq!(places.data_dir, PathBuf::from("/platform/data"));
        assert_eq!(places.keyring_service, DEFAULT_KEYRING_SERVICE);
    }
}
