//! A console call signed with a profile: the profile's fields as the call's defaults, the API
//! catalogue's hints, and the secrets read from the keyring at this moment (never kept), handed to
//! the core's one call builder ([`qimen_core::call::build`]).

use crate::api_docs;
use crate::error::{MissingSecret, WorkbenchError};
use crate::secrets::{SecretKey, SecretKind, SecretStore};
use crate::store::Profile;
use qimen_core::call::{self, ApiHints, BuiltCall, CallDefaults, CallDraft, CallError, CallSecret};
use qimen_core::clock::Clock;
use qimen_core::protocol::environment::Environment;
use qimen_core::sensitive::SecretString;

impl From<CallError> for WorkbenchError {
    fn from(error: CallError) -> Self {
        match error {
            CallError::Field { field, zh, en } => WorkbenchError::Field { field, zh, en },
            CallError::Request(e) => WorkbenchError::Request(e),
        }
    }
}

/// What the console's API catalogue knows of `method`.
pub fn hints_for(method: &str) -> ApiHints<'static> {
    match api_docs::find(method.trim()) {
        Some(doc) => ApiHints {
            family: Some(doc.family),
            target_app_key: doc.target_app_key.as_deref(),
            wdt_flavour: doc.wdt_sign,
        },
        None => ApiHints::default(),
    }
}

/// A profile's fields as the defaults of a call.
pub fn defaults_of(profile: &Profile) -> CallDefaults {
    CallDefaults {
        app_key: profile.app_key.clone(),
        target_app_key: profile.target_app_key.clone(),
        customer_id: profile.customer_id.clone(),
        wdt_sid: profile.wdt_sid.clone(),
        wdt_appkey: profile.wdt_appkey.clone(),
    }
}

/// Reads one secret of a profile; `None` when none is stored.
pub fn read_secret(
    secrets: &dyn SecretStore,
    profile_id: i64,
    kind: SecretKind,
) -> Result<Option<SecretString>, WorkbenchError> {
    Ok(secrets
        .get(&SecretKey::new(profile_id, kind))?
        .filter(|s| !s.is_blank()))
}

/// Reads a secret the action cannot do without: missing, it names the secret and the profile.
pub fn required_secret(
    secrets: &dyn SecretStore,
    profile: &Profile,
    missing: MissingSecret,
) -> Result<SecretString, WorkbenchError> {
    let kind = match missing {
        MissingSecret::AppSecret => SecretKind::AppSecret,
        MissingSecret::WdtSecret => SecretKind::WdtSecret,
        MissingSecret::Session => SecretKind::AccessToken,
    };
    read_secret(secrets, profile.id, kind)?
        .ok_or_else(|| WorkbenchError::MissingSecret(missing, profile.name.clone()))
}

/// Signs the call `draft` describes with `profile`'s credentials for `environment`.
pub fn build(
    draft: &CallDraft,
    profile: &Profile,
    environment: &Environment,
    secrets: &dyn SecretStore,
    clock: &dyn Clock,
) -> Result<BuiltCall, WorkbenchError> {
    build_with(draft, profile, environment, secrets, clock, None)
}

/// [`build`], signing with `app_secret_once` instead of the profile's AppSecret when one is given
/// (for this call only: it is not stored; the session and the 旺店通 secret stay the profile's).
pub fn build_with(
    draft: &CallDraft,
    profile: &Profile,
    environment: &Environment,
    secrets: &dyn SecretStore,
    clock: &dyn Clock,
    app_secret_once: Option<&SecretString>,
) -> Result<BuiltCall, WorkbenchError> {
    call::build(
        draft,
        &defaults_of(profile),
        &hints_for(&draft.method),
        environment,
        clock,
        |which| {
            let missing = match which {
                CallSecret::AppSecret => match app_secret_once.filter(|s| !s.is_blank()) {
                    Some(once) => return Ok(once.clone()),
                    None => MissingSecret::AppSecret,
                },
                CallSecret::Session => MissingSecret::Session,
                CallSecret::WdtSecret => MissingSecret::WdtSecret,
            };
            required_secret(secrets, profile, missing)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use qimen_core::protocol::ApiFamily;

    /// The family the console's call path gives a draft naming only `method`.
    fn family_for(method: &str) -> ApiFamily {
        let draft: CallDraft =
            serde_json::from_value(serde_json::json!({ "method": method, "sign_method": "md5" }))
                .unwrap();
        call::family_of(&draft, &hints_for(method))
    }

    #[test]
    fn family_comes_from_the_catalogue_then_the_name() {
        assert_eq!(family_for("taobao.time.get"), ApiFamily::Top);
        // A short WMS alias is catalogued as Qimen standard even without the prefix.
        assert_eq!(family_for("entryorder.create"), ApiFamily::QimenStandard);
        assert_eq!(
            family_for("taobao.qimen.unknown.thing"),
            ApiFamily::QimenStandard
        );
        assert_eq!(family_for("a1q40taq0j.other.api"), ApiFamily::QimenCloud);
        // `alibaba` has no digit: a platform prefix, not a router code.
        assert_eq!(family_for("alibaba.xxx.get"), ApiFamily::Top);
    }
}
