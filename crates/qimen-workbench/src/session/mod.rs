//! The session commands: who is authorized for a profile and until when, and the four ways to get a
//! session ([`crate::oauth`] does the work): the loopback listener, the in-app window (the shell
//! intercepts the navigation to the callback and hands the URL over), a pasted redirect or code,
//! and a session pasted by hand. Tokens go to the keyring (access-token / refresh-token of the
//! profile, the same entries `call_send` reads at the moment of a call); who authorized and the
//! expiry times go to SQLite. A failed save restores the previous tokens: nothing is half-saved.

mod error;
mod flows;
mod ipc;
mod status;
mod tokens;

pub use ipc::{CallbackCheck, FlowOptions, FlowView, RefreshReport, SessionFlow, SessionStatus};

use crate::error::WorkbenchError;
use crate::oauth::flow::FlowStatus;
use crate::oauth::{
    parse_pasted, read_redirect, CallbackUrlError, Captured, PasteError, TokenRoute, TokenSet,
};
use crate::secrets::{SecretKey, SecretKind};
use crate::store::SessionSource;
use crate::{IpcError, Workbench};
use chrono::{DateTime, Duration, Utc};
use error::SessionError;
use qimen_core::sensitive::SecretString;
use tokens::OnFailure;

/// Sessions expiring within this are refreshed by [`Workbench::session_refresh_due`].
pub const REFRESH_AHEAD_MINUTES: i64 = 10;
/// The callback path used on the local gateway when the profile has no callback URL.
const LOCAL_CALLBACK_PATH: &str = "/callback";

impl Workbench {
    /// How long a listener waits for the redirect (5 minutes unless changed; tests shorten it).
    pub fn set_session_listen_timeout(&self, timeout: std::time::Duration) {
        self.session_flows.set_listen_timeout(timeout);
    }

    /// `session_status`: who is authorized for the profile, until when, and how to authorize.
    pub async fn session_status(&self, profile_id: i64) -> Result<SessionStatus, IpcError> {
        let result = self.status_inner(profile_id).await;
        self.session_ipc(result)
    }

    /// `session_start_listener`: listens on the profile's loopback callback (a free port on the
    /// local gateway when it has none) and returns the authorize URL to open in the browser.
    pub async fn session_start_listener(
        &self,
        profile_id: i64,
        options: FlowOptions,
    ) -> Result<SessionFlow, IpcError> {
        let result = self.start_flow(profile_id, options, true).await;
        self.session_ipc(result)
    }

    /// `session_authorize_url`: the authorize URL for the app-window or paste mode.
    pub async fn session_authorize_url(
        &self,
        profile_id: i64,
        options: FlowOptions,
    ) -> Result<SessionFlow, IpcError> {
        let result = self.start_flow(profile_id, options, false).await;
        self.session_ipc(result)
    }

    /// `session_flow_status`: where the flow stands now; a captured code is exchanged here.
    pub async fn session_flow_status(&self, flow_id: String) -> Result<FlowView, IpcError> {
        let result = self.advance(&flow_id, false).await;
        self.session_ipc(result)
    }

    /// `session_flow_wait`: waits until the listener captures, times out or is cancelled, then
    /// exchanges.
    pub async fn session_flow_wait(&self, flow_id: String) -> Result<FlowView, IpcError> {
        let result = self.advance(&flow_id, true).await;
        self.session_ipc(result)
    }

    /// `session_cancel`: stops the flow (and its listener).
    pub async fn session_cancel(&self, flow_id: String) -> Result<FlowView, IpcError> {
        let result = match self.session_flows.cancel(&flow_id, self.clock.now()) {
            Some(_) => self.flow_view(&flow_id),
            None => Err(SessionError::FlowNotFound(flow_id)),
        };
        self.session_ipc(result)
    }

    /// `session_capture_redirect`: the shell intercepted the app window's navigation to `url`.
    pub async fn session_capture_redirect(
        &self,
        flow_id: String,
        url: String,
    ) -> Result<FlowView, IpcError> {
        let result = async {
            let flow = self
                .session_flows
                .get(&flow_id)
                .ok_or_else(|| SessionError::FlowNotFound(flow_id.clone()))?;
            let parsed = url::Url::parse(url.trim()).map_err(|_| SessionError::NotTheCallback)?;
            if !Self::is_callback(&flow.redirect_uri, &parsed) {
                return Err(SessionError::NotTheCallback);
            }
            let captured = read_redirect(parsed.query_pairs()).ok_or(PasteError::NoCode)?;
            // This app started the flow, so the state must be there and be ours.
            if !captured
                .state()
                .is_some_and(|state| qimen_core::sensitive::constant_time_eq(state, &flow.state))
            {
                return Err(PasteError::StateMismatch.into());
            }
            self.complete(&flow_id, &flow, captured).await
        }
        .await;
        self.session_ipc(result)
    }

    /// `session_paste`: the redirected URL (or the code) pasted; with a flow its state is checked
    /// and its redirect_uri and route are used, else the profile's callback and `route`.
    pub async fn session_paste(
        &self,
        profile_id: i64,
        text: String,
        flow_id: Option<String>,
        route: Option<TokenRoute>,
    ) -> Result<SessionStatus, IpcError> {
        let result = async {
            let flow = match flow_id.as_deref() {
                Some(id) => Some(
                    self.session_flows
                        .get(id)
                        .filter(|f| f.profile_id == profile_id)
                        .ok_or_else(|| SessionError::FlowNotFound(id.to_string()))?,
                ),
                None => None,
            };
            let captured = parse_pasted(&text, flow.as_ref().map(|f| f.state.as_str()))?;
            if let (Some(id), Some(flow)) = (flow_id.as_deref(), flow.as_ref()) {
                let view = self.complete(id, flow, captured).await?;
                return match view.status {
                    FlowStatus::Failed { code, message } => {
                        Err(SessionError::Ended { code, message })
                    }
                    _ => self.status_inner(profile_id).await,
                };
            }
            let profile = self.session_profile(profile_id)?;
            let redirect = profile
                .callback_url
                .clone()
                .ok_or(CallbackUrlError::Empty)?;
            match captured {
                Captured::Denied {
                    error, description, ..
                } => Err(SessionError::Denied { error, description }),
                Captured::Code { code, .. } => {
                    self.exchange_and_store(profile_id, &code, &redirect, route.unwrap_or_default())
                        .await
                }
            }
        }
        .await;
        self.session_ipc(result)
    }

    /// `session_manual`: a session obtained elsewhere (the platform's authorization tool). Nothing
    /// is known about it, and it cannot be refreshed.
    pub async fn session_manual(
        &self,
        profile_id: i64,
        session: String,
    ) -> Result<SessionStatus, IpcError> {
        let session = SecretString::from(session);
        let result = async {
            let value = session.expose().trim();
            if value.is_empty()
                || value.len() > 1024
                || value.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(SessionError::BadManual);
            }
            let profile = self.session_profile(profile_id)?;
            let tokens = TokenSet::manual(SecretString::from(value));
            self.store_tokens(
                &profile,
                &tokens,
                SessionSource::Manual,
                OnFailure::PutBackPrevious,
            )?;
            self.status_inner(profile_id).await
        }
        .await;
        self.session_ipc(result)
    }

    /// `session_refresh`: a new token pair from the refresh token, the same way it was obtained.
    pub async fn session_refresh(&self, profile_id: i64) -> Result<SessionStatus, IpcError> {
        let result = self.refresh_inner(profile_id).await;
        self.session_ipc(result)
    }

    /// `session_clear`: forgets the profile's tokens and metadata and stops its flows.
    pub async fn session_clear(&self, profile_id: i64) -> Result<SessionStatus, IpcError> {
        let result = async {
            self.session_flows
                .cancel_profile(profile_id, self.clock.now());
            let secrets = self.secrets();
            for kind in [SecretKind::AccessToken, SecretKind::RefreshToken] {
                secrets
                    .delete(&SecretKey::new(profile_id, kind))
                    .map_err(WorkbenchError::from)?;
            }
            self.store
                .session_delete(profile_id)
                .map_err(WorkbenchError::from)?;
            self.status_inner(profile_id).await
        }
        .await;
        self.session_ipc(result)
    }

    /// `session_refresh_due`: refreshes every session whose access token expires within
    /// [`REFRESH_AHEAD_MINUTES`] of `now` while its refresh token is still valid (the shell calls
    /// it on a timer).
    pub async fn session_refresh_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<RefreshReport>, IpcError> {
        let records = self
            .store
            .sessions_list()
            .map_err(|e| WorkbenchError::from(e).to_ipc(self.lang()))?;
        let ahead = now + Duration::minutes(REFRESH_AHEAD_MINUTES);
        let mut reports = Vec::new();
        for record in records {
            let due = record.has_refresh_token
                && record.source != SessionSource::Manual
                && record.access_expires_at.is_some_and(|t| t <= ahead)
                && record.refresh_expires_at.is_none_or(|t| t > now);
            if !due {
                continue;
            }
            let outcome = self.refresh_inner(record.profile_id).await;
            reports.push(RefreshReport {
                profile_id: record.profile_id,
                refreshed: outcome.is_ok(),
                error: outcome.err().map(|e| e.to_ipc(self.lang())),
            });
        }
        Ok(reports)
    }
}
