//! Reading where a profile's session stands: the environment's endpoints, the callback URL
//! checked, and the stored metadata with countdowns.

use super::error::SessionError;
use super::ipc::{CallbackCheck, SessionStatus};
use crate::calls::build::read_secret;
use crate::calls::environments::{id_of, is_local_id, resolve};
use crate::error::WorkbenchError;
use crate::oauth::{classify_callback, CallbackUrlError, CaptureMode, TokenEndpoint, TokenRoute};
use crate::secrets::SecretKind;
use crate::store::{Profile, SessionSource};
use crate::{IpcError, Workbench};
use chrono::{DateTime, Utc};
use qimen_core::client::HttpClient;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::ApiFamily;

fn seconds_between(from: DateTime<Utc>, to: Option<DateTime<Utc>>) -> Option<i64> {
    to.map(|t| (t - from).num_seconds())
}

impl Workbench {
    pub(super) fn session_ipc<T>(&self, result: Result<T, SessionError>) -> Result<T, IpcError> {
        result.map_err(|e| e.to_ipc(self.lang()))
    }

    /// The profile's environment, the local gateway started and named by its running address.
    pub(super) async fn session_environment(
        &self,
        profile: &Profile,
    ) -> Result<Environment, WorkbenchError> {
        let id = id_of(&profile.environment);
        let gateway = if is_local_id(&id) {
            self.ensure_gateway().await?
        } else {
            String::new()
        };
        Ok(resolve(&id, &gateway)?)
    }

    pub(super) fn session_client(&self, environment: &Environment) -> &HttpClient {
        match environment {
            Environment::Local { .. } => &self.local_client,
            _ => &self.remote_client,
        }
    }

    pub(super) fn callback_check(
        &self,
        profile: &Profile,
        environment: &Environment,
    ) -> CallbackCheck {
        let local = matches!(environment, Environment::Local { .. });
        match profile.callback_url.as_deref().map(classify_callback) {
            Some(Ok(checked)) => CallbackCheck {
                url: Some(checked.url.clone()),
                suggested: checked.suggested,
                checked: Some(checked),
                problem: None,
            },
            Some(Err(e)) => CallbackCheck {
                url: profile.callback_url.clone(),
                checked: None,
                problem: Some(e.message(self.lang())),
                suggested: CaptureMode::Manual,
            },
            // The local gateway accepts any callback: the listener takes a free loopback port.
            None if local => CallbackCheck {
                url: None,
                checked: None,
                problem: None,
                suggested: CaptureMode::LocalListener,
            },
            None => CallbackCheck {
                url: None,
                checked: None,
                problem: Some(CallbackUrlError::Empty.message(self.lang())),
                suggested: CaptureMode::Manual,
            },
        }
    }

    pub(super) fn token_endpoint(environment: &Environment, route: TokenRoute) -> TokenEndpoint {
        match route {
            TokenRoute::TokenEndpoint => TokenEndpoint::OAuth(environment.oauth_endpoints().1),
            TokenRoute::TopApi => TokenEndpoint::TopApi(environment.endpoint(ApiFamily::Top)),
        }
    }

    pub(super) fn status_of(
        &self,
        profile: &Profile,
        environment: &Environment,
    ) -> Result<SessionStatus, SessionError> {
        let record = self
            .store
            .session_get(profile.id)
            .map_err(WorkbenchError::from)?;
        let secrets = self.secrets();
        let stored = read_secret(secrets.as_ref(), profile.id, SecretKind::AccessToken)?.is_some();
        let refresh_stored =
            read_secret(secrets.as_ref(), profile.id, SecretKind::RefreshToken)?.is_some();
        let now = self.clock.now();
        let r = record.as_ref();
        let access_expires_at = r.and_then(|r| r.access_expires_at);
        let refresh_expires_at = r.and_then(|r| r.refresh_expires_at);
        let expired = stored && access_expires_at.is_some_and(|t| t <= now);
        let (authorize_endpoint, token_endpoint) = environment.oauth_endpoints();
        Ok(SessionStatus {
            profile_id: profile.id,
            authorized: stored && !expired,
            expired,
            source: r.map(|r| r.source),
            user_nick: r.and_then(|r| r.user_nick.clone()),
            user_id: r.and_then(|r| r.user_id.clone()),
            sub_user_id: r.and_then(|r| r.sub_user_id.clone()),
            sub_user_nick: r.and_then(|r| r.sub_user_nick.clone()),
            open_uid: r.and_then(|r| r.open_uid.clone()),
            obtained_at: r.map(|r| r.obtained_at),
            access_expires_at,
            refresh_expires_at,
            access_seconds_left: seconds_between(now, access_expires_at),
            refresh_seconds_left: seconds_between(now, refresh_expires_at),
            can_refresh: refresh_stored
                && r.is_some_and(|r| r.has_refresh_token && r.source != SessionSource::Manual)
                && refresh_expires_at.is_none_or(|t| t > now),
            callback: self.callback_check(profile, environment),
            authorize_endpoint,
            token_endpoint,
            token_api_endpoint: environment.endpoint(ApiFamily::Top),
        })
    }

    /// The profile a session command is about.
    pub(super) fn session_profile(&self, profile_id: i64) -> Result<Profile, SessionError> {
        Ok(self
            .store
            .profiles_get(profile_id)
            .map_err(WorkbenchError::from)?)
    }

    pub(super) async fn status_inner(
        &self,
        profile_id: i64,
    ) -> Result<SessionStatus, SessionError> {
        let profile = self.session_profile(profile_id)?;
        let environment = self.session_environment(&profile).await?;
        self.status_of(&profile, &environment)
    }
}
