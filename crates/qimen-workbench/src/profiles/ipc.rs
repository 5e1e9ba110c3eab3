//! The IPC shapes of the profile commands. A profile's secrets never travel back: the view says only
//! whether each is stored, with a hint. The form fields a user types a secret into arrive as
//! `SecretString`, so the form can be neither logged in clear nor serialised back.

use crate::store::{Profile, ProfileInput};
use qimen_core::sensitive::SecretString;
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A profile as the UI sees it: its fields, and only whether each secret is stored, with a hint
/// that identifies it without revealing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProfileView {
    #[serde(flatten)]
    pub profile: Profile,
    pub secret_stored: bool,
    /// `******2a` for a stored AppSecret.
    pub secret_hint: Option<String>,
    pub wdt_secret_stored: bool,
    pub wdt_secret_hint: Option<String>,
    /// An OAuth access token is stored for this profile.
    pub session_stored: bool,
    /// The name as shown in each language: the demo profile's own name is translated, any name a
    /// user gave is shown as written.
    pub label: Text,
    /// Set on the answer of `profile_save` when a guide was carried over from another profile.
    pub carried_guide: bool,
}

/// `profile_save`: creates when `id` is null. `app_secret` / `wdt_secret`: null keeps the stored
/// one, a string replaces it (an empty string removes it).
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ProfileForm {
    #[serde(default)]
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    #[serde(flatten)]
    pub fields: ProfileInput,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub app_secret: Option<SecretString>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub wdt_secret: Option<SecretString>,
    /// On creation: carry the onboarding guide (steps, materials, app details, scenario) of this
    /// profile over, as when the real profile is made from demo mode.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub carry_guide_from: Option<i64>,
}
