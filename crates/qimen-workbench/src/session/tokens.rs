//! Exchanging and refreshing tokens for a profile, and storing them: the tokens in the keyring,
//! the metadata in SQLite; when any part fails, the previous tokens are put back after a new
//! authorization, and the new ones kept after a refresh (the platform revoked the old pair).

use super::error::SessionError;
use super::ipc::SessionStatus;
use crate::calls::build::{read_secret, required_secret};
use crate::error::{MissingSecret, WorkbenchError};
use crate::oauth::{exchange_code, refresh, TokenRoute, TokenSet};
use crate::secrets::{SecretKey, SecretKind, SecretStore};
use crate::store::{Profile, SessionRecord, SessionSource};
use crate::Workbench;
use qimen_core::sensitive::SecretString;

/// What a failed save leaves in the keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OnFailure {
    /// A new authorization: the previous tokens are still valid, so they are put back.
    PutBackPrevious,
    /// A refresh: the platform has just revoked the previous pair, so the new one is kept.
    KeepNew,
}

impl Workbench {
    /// Stores new tokens and their metadata; on a failure, what `on_failure` says.
    pub(super) fn store_tokens(
        &self,
        profile: &Profile,
        tokens: &TokenSet,
        source: SessionSource,
        on_failure: OnFailure,
    ) -> Result<(), WorkbenchError> {
        let secrets = self.secrets();
        let access = SecretKey::new(profile.id, SecretKind::AccessToken);
        let refresh_key = SecretKey::new(profile.id, SecretKind::RefreshToken);
        let before = (secrets.get(&access)?, secrets.get(&refresh_key)?);
        let previous = self.store.session_get(profile.id)?;
        let now = self.clock.now();
        let old = |f: fn(&SessionRecord) -> Option<String>| previous.as_ref().and_then(f);
        let record = SessionRecord {
            profile_id: profile.id,
            source,
            // A refresh answer without the user keeps who authorized before.
            user_nick: tokens
                .taobao_user_nick
                .clone()
                .or_else(|| old(|r| r.user_nick.clone())),
            user_id: tokens
                .taobao_user_id
                .clone()
                .or_else(|| old(|r| r.user_id.clone())),
            sub_user_id: tokens
                .sub_taobao_user_id
                .clone()
                .or_else(|| old(|r| r.sub_user_id.clone())),
            sub_user_nick: tokens
                .sub_taobao_user_nick
                .clone()
                .or_else(|| old(|r| r.sub_user_nick.clone())),
            open_uid: tokens
                .taobao_open_uid
                .clone()
                .or_else(|| old(|r| r.open_uid.clone())),
            obtained_at: now,
            access_expires_at: tokens.access_expires_at(now),
            refresh_expires_at: tokens.refresh_expires_at(now),
            level_expires_at: tokens.level_expiries(now),
            has_refresh_token: tokens.usable_refresh_token().is_some(),
        };
        let write = || -> Result<(), WorkbenchError> {
            secrets.set(&access, &tokens.access_token)?;
            match tokens.usable_refresh_token() {
                Some(token) => secrets.set(&refresh_key, token)?,
                None => secrets.delete(&refresh_key)?,
            }
            self.store.session_put(&record)?;
            Ok(())
        };
        write().inspect_err(|_| match on_failure {
            OnFailure::PutBackPrevious => {
                restore(secrets.as_ref(), &access, before.0.as_ref());
                restore(secrets.as_ref(), &refresh_key, before.1.as_ref());
            }
            // Whatever of the new pair reached the keyring stays: it is the only valid one.
            OnFailure::KeepNew => {}
        })
    }

    pub(super) async fn exchange_and_store(
        &self,
        profile_id: i64,
        code: &SecretString,
        redirect_uri: &str,
        route: TokenRoute,
    ) -> Result<SessionStatus, SessionError> {
        let profile = self.session_profile(profile_id)?;
        let environment = self.session_environment(&profile).await?;
        let secret = required_secret(self.secrets().as_ref(), &profile, MissingSecret::AppSecret)?;
        let endpoint = Self::token_endpoint(&environment, route);
        let client = self.session_client(&environment);
        let tokens = exchange_code(
            client,
            self.clock.as_ref(),
            &endpoint,
            &profile.app_key,
            &secret,
            code,
            redirect_uri,
        )
        .await?;
        let source = match route {
            TokenRoute::TokenEndpoint => SessionSource::TokenEndpoint,
            TokenRoute::TopApi => SessionSource::TopApi,
        };
        self.store_tokens(&profile, &tokens, source, OnFailure::PutBackPrevious)?;
        tracing::info!(profile_id, "session stored");
        self.status_of(&profile, &environment)
    }

    pub(super) async fn refresh_inner(
        &self,
        profile_id: i64,
    ) -> Result<SessionStatus, SessionError> {
        let profile = self.session_profile(profile_id)?;
        let no_refresh = || SessionError::NoRefresh(profile.name.clone());
        let record = self
            .store
            .session_get(profile.id)
            .map_err(WorkbenchError::from)?
            .ok_or_else(no_refresh)?;
        let route = match record.source {
            SessionSource::TokenEndpoint => TokenRoute::TokenEndpoint,
            SessionSource::TopApi => TokenRoute::TopApi,
            SessionSource::Manual => return Err(no_refresh()),
        };
        let secrets = self.secrets();
        let token = read_secret(secrets.as_ref(), profile.id, SecretKind::RefreshToken)?
            .ok_or_else(no_refresh)?;
        if record
            .refresh_expires_at
            .is_some_and(|t| t <= self.clock.now())
        {
            return Err(no_refresh());
        }
        let secret = required_secret(secrets.as_ref(), &profile, MissingSecret::AppSecret)?;
        let environment = self.session_environment(&profile).await?;
        let endpoint = Self::token_endpoint(&environment, route);
        let client = self.session_client(&environment);
        let tokens = refresh(
            client,
            self.clock.as_ref(),
            &endpoint,
            &profile.app_key,
            &secret,
            &token,
        )
        .await?;
        self.store_tokens(&profile, &tokens, record.source, OnFailure::KeepNew)?;
        self.status_of(&profile, &environment)
    }
}

/// Puts a keyring entry back as it was (best effort: this runs after another failure).
fn restore(secrets: &dyn SecretStore, key: &SecretKey, value: Option<&SecretString>) {
    let _ = match value {
        Some(v) => secrets.set(key, v),
        None => secrets.delete(key),
    };
}
