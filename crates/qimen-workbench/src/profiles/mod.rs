//! Profile commands, the selected profile, and the first run: a demo profile on the local gateway
//! (the documented demo app 23000001 and 旺店通 demo account), its secrets stored like any other,
//! selected, so a new user's first call succeeds without credentials.

mod demo;
mod ipc;

pub use ipc::{ProfileForm, ProfileView};

use crate::app::AppInfo;
use crate::calls::build::read_secret;
use crate::error::WorkbenchError;
use crate::secrets::{copy_profile, forget_profile, save_form_secrets, SecretKey, SecretKind};
use crate::store::{Profile, ProfileInput, ProfileRole};
use crate::{lock, IpcError, Workbench, CURRENT_PROFILE_FILE};
use qimen_core::protocol::environment::Environment;
use qimen_core::sensitive::SecretString;
use qimen_core::text::{Lang, Text};
use qimen_server::gateway::apis::{WDT_DEMO_APPKEY, WDT_DEMO_APP_SECRET, WDT_DEMO_SID};
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};

/// The demo profile's name.
pub const DEMO_PROFILE_NAME: &str = "演示：本地网关 Demo";
/// The demo profile's name for an English reader.
const DEMO_PROFILE_NAME_EN: &str = "Demo: local gateway";

/// A profile's name in both languages: the demo profile's, as created, is translated.
fn label_of(profile: &Profile) -> Text {
    if profile.is_demo && profile.name == DEMO_PROFILE_NAME {
        Text::fixed(DEMO_PROFILE_NAME, DEMO_PROFILE_NAME_EN)
    } else {
        Text::new(profile.name.clone(), profile.name.clone())
    }
}

/// Until the gateway has started, a local profile names the loopback address without a port; the
/// running gateway's address always replaces it when a call is made.
const LOCAL_PLACEHOLDER_URL: &str = "http://127.0.0.1";

/// The demo profile's fields as the first run creates them.
fn demo_input() -> ProfileInput {
    ProfileInput {
        wdt_sid: Some(WDT_DEMO_SID.into()),
        wdt_appkey: Some(WDT_DEMO_APPKEY.into()),
        is_demo: true,
        ..ProfileInput::new(
            DEMO_PROFILE_NAME,
            DEMO_ERP_APP_KEY,
            ProfileRole::Erp,
            Environment::Local {
                base_url: LOCAL_PLACEHOLDER_URL.into(),
            },
        )
    }
}

impl Workbench {
    pub(super) fn first_run(&self, language: Lang) -> Result<(), WorkbenchError> {
        self.store.settings_set_language(language)?;
        let demo = match self.store.profiles_list()?.into_iter().find(|p| p.is_demo) {
            Some(existing) => existing,
            None => self.store.profiles_create(&demo_input())?,
        };
        self.select(demo.id)?;
        // Without a keyring the demo secrets cannot be stored yet; the app says so and, when the
        // user keeps secrets in memory, stores them there (see `secrets_use_memory`).
        if let Err(e) = self.store_demo_secrets() {
            tracing::warn!("demo profile secrets not stored: {e}");
        }
        self.store.settings_set_first_run_done(true)?;
        Ok(())
    }

    /// Stores the demo profile's documented (public, not real) secrets in the current secret store.
    pub(super) fn store_demo_secrets(&self) -> Result<(), WorkbenchError> {
        let secrets = self.secrets();
        for demo in self
            .store
            .profiles_list()?
            .into_iter()
            .filter(|p| p.is_demo)
        {
            if demo.app_key == DEMO_ERP_APP_KEY {
                secrets.set(
                    &SecretKey::new(demo.id, SecretKind::AppSecret),
                    &SecretString::from(DEMO_ERP_SECRET),
                )?;
                secrets.set(
                    &SecretKey::new(demo.id, SecretKind::WdtSecret),
                    &SecretString::from(WDT_DEMO_APP_SECRET),
                )?;
            }
        }
        Ok(())
    }

    fn select(&self, id: i64) -> Result<(), WorkbenchError> {
        let path = self.data_dir.join(CURRENT_PROFILE_FILE);
        std::fs::write(&path, id.to_string()).map_err(|e| WorkbenchError::Save {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        *lock(&self.current_profile) = Some(id);
        Ok(())
    }

    /// The selected profile, `None` when none is (or it was deleted).
    pub(super) fn current_profile(&self) -> Result<Option<Profile>, WorkbenchError> {
        let Some(id) = *lock(&self.current_profile) else {
            return Ok(None);
        };
        match self.store.profiles_get(id) {
            Ok(p) => Ok(Some(p)),
            Err(crate::store::StoreError::ProfileNotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The profile a call names, else the selected one.
    pub(super) fn profile_for(&self, id: Option<i64>) -> Result<Profile, WorkbenchError> {
        match id {
            Some(id) => Ok(self.store.profiles_get(id)?),
            None => self.current_profile()?.ok_or(WorkbenchError::NoProfile),
        }
    }

    fn view(&self, profile: Profile) -> Result<ProfileView, WorkbenchError> {
        let secrets = self.secrets();
        let app = read_secret(secrets.as_ref(), profile.id, SecretKind::AppSecret)?;
        let wdt = read_secret(secrets.as_ref(), profile.id, SecretKind::WdtSecret)?;
        let session = read_secret(secrets.as_ref(), profile.id, SecretKind::AccessToken)?;
        Ok(ProfileView {
            secret_stored: app.is_some(),
            secret_hint: app.map(|s| s.hint()),
            wdt_secret_stored: wdt.is_some(),
            wdt_secret_hint: wdt.map(|s| s.hint()),
            session_stored: session.is_some(),
            label: label_of(&profile),
            carried_guide: false,
            profile,
        })
    }

    /// `profiles_list`
    pub async fn profiles_list(&self) -> Result<Vec<ProfileView>, IpcError> {
        let result = (|| {
            self.store
                .profiles_list()?
                .into_iter()
                .map(|p| self.view(p))
                .collect::<Result<Vec<_>, WorkbenchError>>()
        })();
        self.ipc(result)
    }

    fn save(&self, form: ProfileForm) -> Result<ProfileView, WorkbenchError> {
        let ProfileForm {
            id,
            fields,
            app_secret,
            wdt_secret,
            carry_guide_from,
        } = form;
        let profile = match id {
            None => self.store.profiles_create(&fields)?,
            Some(id) => self.store.profiles_update(id, &fields)?,
        };
        let carried = match (id, carry_guide_from) {
            (None, Some(from)) => self.carry_guide(from, profile.id)?,
            _ => false,
        };
        save_form_secrets(
            self.secrets().as_ref(),
            profile.id,
            [
                (app_secret, SecretKind::AppSecret),
                (wdt_secret, SecretKind::WdtSecret),
            ],
        )?;
        // The guide may have brought a scenario: read the profile as it is now.
        let profile = self.store.profiles_get(profile.id)?;
        Ok(ProfileView {
            carried_guide: carried,
            ..self.view(profile)?
        })
    }

    /// The guide of `from` carried over to the new profile `to`, with the client login password
    /// the user typed there (the one secret of the guide); the demo's AppSecret stays with it.
    fn carry_guide(&self, from: i64, to: i64) -> Result<bool, WorkbenchError> {
        let carried = self.store.onboarding_copy(from, to)?;
        let secrets = self.secrets();
        if let Some(password) = read_secret(secrets.as_ref(), from, SecretKind::ClientPassword)? {
            secrets.set(&SecretKey::new(to, SecretKind::ClientPassword), &password)?;
        }
        Ok(carried)
    }

    /// `profile_save`
    pub async fn profile_save(&self, form: ProfileForm) -> Result<ProfileView, IpcError> {
        let result = self.save(form);
        self.ipc(result)
    }

    /// `profile_duplicate`: the copy gets the original's secrets too.
    pub async fn profile_duplicate(&self, id: i64) -> Result<ProfileView, IpcError> {
        let result = (|| {
            let copy = self.store.profiles_duplicate(id, self.lang())?;
            copy_profile(self.secrets().as_ref(), id, copy.id)?;
            self.view(copy)
        })();
        self.ipc(result)
    }

    /// `profile_delete`: the profile, its keyring entries, and the selection if it was selected.
    pub async fn profile_delete(&self, id: i64) -> Result<(), IpcError> {
        let result = (|| {
            // The keyring first: should it fail, the profile is still there to retry from, and no
            // secret is left behind without the profile that names it.
            self.store.profiles_get(id)?;
            forget_profile(self.secrets().as_ref(), id)?;
            self.store.profiles_delete(id)?;
            let mut current = lock(&self.current_profile);
            if *current == Some(id) {
                *current = None;
                let _ = std::fs::remove_file(self.data_dir.join(CURRENT_PROFILE_FILE));
            }
            Ok(())
        })();
        self.ipc(result)
    }

    /// `profile_select`
    pub async fn profile_select(&self, id: i64) -> Result<AppInfo, IpcError> {
        let result = async {
            self.store.profiles_get(id)?;
            self.select(id)?;
            self.app_info_inner().await
        }
        .await;
        self.ipc(result)
    }
}
