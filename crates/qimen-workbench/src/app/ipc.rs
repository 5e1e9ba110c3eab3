//! What the app shows about itself and the settings it takes: the IPC shapes of the app commands.

use crate::secrets::KeyringStatus;
use qimen_core::text::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the app shows about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    /// The selected profile is the first-run demo profile: the UI shows the 演示模式 tag.
    pub demo_mode: bool,
    /// The running local gateway (`http://127.0.0.1:<port>`), once started.
    pub gateway_url: Option<String>,
    /// The gateway's usual port (18080), taken by another program this run: it listens elsewhere.
    pub gateway_port_moved: bool,
    pub keyring: KeyringStatus,
    /// Secrets are kept in memory for this run only (the user accepted it).
    pub secrets_in_memory: bool,
    pub language: Lang,
    /// How many calls history keeps.
    pub retention: u32,
    pub data_dir: String,
    #[ts(type = "number | null")]
    pub current_profile_id: Option<i64>,
}

/// `settings_set`: only the fields given change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettingsInput {
    #[serde(default)]
    pub language: Option<Lang>,
    #[serde(default)]
    pub retention: Option<u32>,
}
