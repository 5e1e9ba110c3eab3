//! The app commands: what the app shows about itself, its settings, and the choice to keep secrets
//! in memory for this run when no keyring is available.

mod first_screen;
mod ipc;
mod links;
mod startup;

pub use first_screen::{AppStart, FirstScreen, Part};
pub use ipc::{AppInfo, SettingsInput};
pub use startup::StartupProblem;

use crate::error::WorkbenchError;
use crate::secrets::{probe, MemoryStore, SecretStore};
use crate::{IpcError, Workbench};
use std::sync::Arc;

impl Workbench {
    pub(crate) async fn app_info_inner(&self) -> Result<AppInfo, WorkbenchError> {
        let settings = self.store.settings_get()?;
        let current = self.current_profile()?;
        let local = current.as_ref().is_none_or(|p| {
            matches!(
                p.environment,
                qimen_core::protocol::environment::Environment::Local { .. }
            )
        });
        let gateway_url = if local {
            Some(self.ensure_gateway().await?)
        } else {
            self.running_gateway_url().await
        };
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            demo_mode: current.as_ref().is_some_and(|p| p.is_demo),
            gateway_port_moved: gateway_url.as_deref().is_some_and(|url| {
                !url.ends_with(&format!(":{}", qimen_server::gateway::DEFAULT_PORT))
            }),
            gateway_url,
            keyring: self
                .keyring
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
            secrets_in_memory: *self
                .secrets_in_memory
                .read()
                .unwrap_or_else(|e| e.into_inner()),
            language: settings.language,
            retention: settings.history_retention,
            data_dir: self.data_dir.display().to_string(),
            current_profile_id: current.map(|p| p.id),
        })
    }

    /// `app_info`
    pub async fn app_info(&self) -> Result<AppInfo, IpcError> {
        let result = self.app_info_inner().await;
        self.ipc(result)
    }

    /// `settings_set`
    pub async fn settings_set(&self, input: SettingsInput) -> Result<AppInfo, IpcError> {
        let result = async {
            if let Some(language) = input.language {
                self.store.settings_set_language(language)?;
            }
            if let Some(keep) = input.retention {
                self.store.settings_set_history_retention(keep)?;
            }
            self.app_info_inner().await
        }
        .await;
        self.ipc(result)
    }

    /// `secrets_use_memory`: the user accepted keeping secrets in memory for this run only. The
    /// demo profile's documented secrets are put there again so the demo keeps working.
    pub async fn secrets_use_memory(&self) -> Result<AppInfo, IpcError> {
        let result = async {
            let memory: Arc<dyn SecretStore> = Arc::new(MemoryStore::new());
            *self.secrets.write().unwrap_or_else(|e| e.into_inner()) = memory.clone();
            *self.keyring.write().unwrap_or_else(|e| e.into_inner()) = probe(memory.as_ref());
            *self
                .secrets_in_memory
                .write()
                .unwrap_or_else(|e| e.into_inner()) = true;
            self.store_demo_secrets()?;
            self.app_info_inner().await
        }
        .await;
        self.ipc(result)
    }
}
