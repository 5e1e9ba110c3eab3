//! A profile of the desktop app, read by `qimen call --profile` and `qimen repro replay --profile`:
//! its fields from the app's data, its secrets from the OS keyring at the moment they are needed
//! and dropped after.
//!
//! Design: the CLI does not open a whole [`Workbench`](qimen_workbench::Workbench): opening one
//! creates the demo profile on a first run and owns an in-process gateway, and these commands must
//! neither write the app's data nor start a gateway. They take the pieces the app's own call path
//! is made of instead: the places the app uses ([`LaunchPlaces`], the same environment overrides
//! and the same platform data directory), the [`Store`] opened only when its database already
//! exists, and the keyring store of the same service, read through the app's own
//! [`read_secret`] / [`required_secret`] so a missing secret is named as the app names it.

use crate::failure::Failure;
use qimen_core::sensitive::SecretString;
use qimen_core::text::Lang;
use qimen_workbench::calls::build::{read_secret, required_secret};
use qimen_workbench::error::{MissingSecret, WorkbenchError};
use qimen_workbench::places::{platform_data_dir, LaunchPlaces, DATA_DIR_VAR};
use qimen_workbench::secrets::{KeyringStore, SecretKind};
use qimen_workbench::store::{Profile, Store, DATABASE_FILE};

/// A profile found in the app's data, with the keyring its secrets are filed in.
pub struct AppProfile {
    pub profile: Profile,
    pub keyring: KeyringStore,
    /// The keyring service, named in messages about a missing secret.
    pub service: String,
}

impl AppProfile {
    /// The profile `name_or_id` of the desktop app's data, opened read-only.
    pub fn open(name_or_id: &str, lang: Lang) -> Result<AppProfile, Failure> {
        let places = app_places(lang)?;
        let store = open_store(&places, lang)?;
        let profile = find_profile(&store, name_or_id, lang)?;
        let keyring = places
            .keyring_store()
            .map_err(|e| Failure::Usage(e.to_string()))?;
        Ok(AppProfile {
            profile,
            keyring,
            service: places.keyring_service(),
        })
    }

    /// What went wrong reading this profile's secrets, as a message naming the piece and the fix.
    pub fn failure(&self, error: &WorkbenchError, lang: Lang) -> Failure {
        explain_failure(error, &self.profile, &self.service, lang)
    }

    /// What a re-signed replay signs with: the AppSecret (required) and the session when one is
    /// stored, both read from the keyring now, exactly as the app's replay reads them.
    pub fn resigning_secrets(
        &self,
        lang: Lang,
    ) -> Result<(SecretString, Option<SecretString>), Failure> {
        let secret = required_secret(&self.keyring, &self.profile, MissingSecret::AppSecret)
            .map_err(|e| self.failure(&e, lang))?;
        let session = read_secret(&self.keyring, self.profile.id, SecretKind::AccessToken)
            .map_err(|e| self.failure(&e, lang))?;
        Ok((secret, session))
    }
}

fn app_places(lang: Lang) -> Result<LaunchPlaces, Failure> {
    // Without a home directory there is no platform folder; the override still works.
    let platform = platform_data_dir().unwrap_or_default();
    LaunchPlaces::from_process(platform).map_err(|e| Failure::Usage(e.to_string()))
        .and_then(|places| {
            if places.data_dir.as_os_str().is_empty() {
                Err(Failure::Usage(lang.pick(
                    format!("--profile：找不到桌面应用的数据目录（没有用户目录）；请设置 {DATA_DIR_VAR}"),
                    format!("--profile: the desktop app's data folder is unknown (no home directory); set {DATA_DIR_VAR}"),
                )))
            } else {
                Ok(places)
            }
        })
}

/// Opens the app's store only if the app has created it: these commands never create one.
fn open_store(places: &LaunchPlaces, lang: Lang) -> Result<Store, Failure> {
    let dir = places.data_dir.display();
    if !places.data_dir.join(DATABASE_FILE).is_file() {
        return Err(Failure::Usage(lang.pick(
            format!("--profile：{dir} 中没有桌面应用的数据；请先打开 Qimen Workbench 创建配置，或用 {DATA_DIR_VAR} 指向其数据目录"),
            format!("--profile: no desktop app data in {dir}; open Qimen Workbench once and create the profile, or point {DATA_DIR_VAR} at its data folder"),
        )));
    }
    Store::open_read_only(&places.data_dir)
        .map_err(|e| Failure::Usage(format!("--profile: {dir}: {}", e.message(lang))))
}

/// The profile whose id or name (exactly, then ignoring case) is `name_or_id`.
pub fn find_profile(store: &Store, name_or_id: &str, lang: Lang) -> Result<Profile, Failure> {
    let wanted = name_or_id.trim();
    let profiles = store
        .profiles_list()
        .map_err(|e| Failure::Usage(format!("--profile: {}", e.message(lang))))?;
    let by_id = wanted
        .parse::<i64>()
        .ok()
        .and_then(|id| profiles.iter().find(|p| p.id == id));
    let found = by_id
        .or_else(|| profiles.iter().find(|p| p.name == wanted))
        .or_else(|| {
            profiles
                .iter()
                .find(|p| p.name.to_lowercase() == wanted.to_lowercase())
        });
    found.cloned().ok_or_else(|| {
        let known = profiles
            .iter()
            .map(|p| format!("{} ({})", p.name, p.id))
            .collect::<Vec<_>>()
            .join(", ");
        Failure::Usage(lang.pick(
            format!("--profile：没有名为或编号为“{wanted}”的配置；已有配置：{known}"),
            format!(
                "--profile: no profile named or numbered \"{wanted}\"; the profiles are: {known}"
            ),
        ))
    })
}

/// What went wrong, naming the missing piece and how to provide it.
pub fn explain_failure(
    error: &WorkbenchError,
    profile: &Profile,
    service: &str,
    lang: Lang,
) -> Failure {
    let name = &profile.name;
    match error {
        WorkbenchError::MissingSecret(missing, _) => {
            let (zh, en) = match missing {
                MissingSecret::AppSecret => ("AppSecret", "AppSecret"),
                MissingSecret::WdtSecret => ("旺店通密钥", "旺店通 secret"),
                MissingSecret::Session => ("会话（access token）", "session (access token)"),
            };
            Failure::Usage(lang.pick(
                format!("--profile：钥匙串服务 {service} 中没有配置“{name}”的{zh}；请在 Qimen Workbench 中打开该配置并保存{zh}"),
                format!("--profile: the keyring service {service} holds no {en} for profile \"{name}\"; open the profile in Qimen Workbench and save its {en}"),
            ))
        }
        WorkbenchError::Secret(e) => Failure::Usage(lang.pick(
            format!("--profile：无法读取钥匙串服务 {service}（{}）：{}；命令行只从系统钥匙串读取配置的密钥，请解锁或安装钥匙串后重试", e.detail(), e.message(lang)),
            format!("--profile: cannot read the keyring service {service} ({}): {}; the command line reads a profile's secrets only from the OS keyring, so unlock or install one and try again", e.detail(), e.message(lang)),
        )),
        other => Failure::Usage(other.to_ipc(lang).message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qimen_core::protocol::environment::Environment;
    use qimen_workbench::secrets::{MemoryStore, SecretKey, SecretStore};
    use qimen_workbench::store::{ProfileInput, ProfileRole};

    fn profile(store: &Store) -> Profile {
        store
            .profiles_create(&ProfileInput::new(
                "p",
                "12345678",
                ProfileRole::Erp,
                Environment::parse("sandbox").unwrap(),
            ))
            .unwrap()
    }

    #[test]
    fn profiles_are_found_by_id_or_name_ignoring_case() {
        let store = Store::open_in_memory().unwrap();
        let p = profile(&store);
        assert_eq!(
            find_profile(&store, &p.id.to_string(), Lang::En)
                .unwrap()
                .id,
            p.id
        );
        assert_eq!(find_profile(&store, " P ", Lang::En).unwrap().id, p.id);
        let err = find_profile(&store, "q", Lang::En).unwrap_err().to_string();
        assert!(err.contains("p (") && err.contains("\"q\""), "{err}");
    }

    #[test]
    fn a_missing_app_secret_names_it_the_profile_and_the_service() {
        let store = Store::open_in_memory().unwrap();
        let p = profile(&store);
        let secrets = MemoryStore::new();
        let err = required_secret(&secrets, &p, MissingSecret::AppSecret).unwrap_err();
        let text = explain_failure(&err, &p, "qimen-workbench-x", Lang::En).to_string();
        assert!(text.contains("qimen-workbench-x") && text.contains("\"p\""));
        assert!(text.contains("AppSecret"), "{text}");
        // A stored session is optional for re-signing and comes back when present.
        secrets
            .set(
                &SecretKey::new(p.id, SecretKind::AccessToken),
                &SecretString::from("6200aaaaaaaaaaaaaaaa"),
            )
            .unwrap();
        let session = read_secret(&secrets, p.id, SecretKind::AccessToken).unwrap();
        assert!(session.is_some());
    }
}
