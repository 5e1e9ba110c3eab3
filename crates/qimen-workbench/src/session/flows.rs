//! Authorizations in progress: starting one (with a listener or for the app window and paste),
//! following it, and exchanging its code exactly once.

use super::error::SessionError;
use super::ipc::{FlowOptions, FlowView, SessionFlow};
use super::LOCAL_CALLBACK_PATH;
use crate::oauth::flow::{Flow, FlowStatus};
use crate::oauth::{
    authorize_url, classify_callback, listen, new_state, CallbackKind, CallbackUrlError,
    CaptureMode, Captured, ListenerConfig, ListenerError,
};
use crate::Workbench;
use qimen_core::protocol::environment::Environment;
use std::sync::Arc;

impl Workbench {
    pub(super) fn flow_view(&self, flow_id: &str) -> Result<FlowView, SessionError> {
        let flow = self
            .session_flows
            .get(flow_id)
            .ok_or_else(|| SessionError::FlowNotFound(flow_id.to_string()))?;
        Ok(FlowView {
            flow_id: flow_id.to_string(),
            profile_id: flow.profile_id,
            status: flow.status,
            session: None,
        })
    }

    /// Exchanges a flow's captured redirect once, and records how it ended.
    pub(super) async fn complete(
        &self,
        flow_id: &str,
        flow: &Flow,
        captured: Captured,
    ) -> Result<FlowView, SessionError> {
        if !self.session_flows.claim(flow_id) {
            return self.flow_view(flow_id);
        }
        let result = match captured {
            Captured::Denied {
                error, description, ..
            } => Err(SessionError::Denied { error, description }),
            Captured::Code { code, .. } => {
                self.exchange_and_store(flow.profile_id, &code, &flow.redirect_uri, flow.route)
                    .await
            }
        };
        let now = self.clock.now();
        let (status, session) = match result {
            Ok(session) => (FlowStatus::Done, Some(session)),
            Err(e) => {
                let ipc = e.to_ipc(self.lang());
                (
                    FlowStatus::Failed {
                        code: ipc.code,
                        message: ipc.message,
                    },
                    None,
                )
            }
        };
        self.session_flows.finish(flow_id, status, now);
        Ok(FlowView {
            session,
            ..self.flow_view(flow_id)?
        })
    }

    pub(super) async fn advance(
        &self,
        flow_id: &str,
        wait: bool,
    ) -> Result<FlowView, SessionError> {
        let flow = self
            .session_flows
            .get(flow_id)
            .ok_or_else(|| SessionError::FlowNotFound(flow_id.to_string()))?;
        if flow.status == FlowStatus::Exchanging && wait {
            // Another command is exchanging this code; its result is moments away.
            while self
                .session_flows
                .get(flow_id)
                .is_some_and(|f| f.status == FlowStatus::Exchanging)
            {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        }
        let Some(listener) = flow
            .listener
            .clone()
            .filter(|_| flow.status == FlowStatus::Waiting)
        else {
            return self.flow_view(flow_id);
        };
        let outcome = if wait {
            Some(listener.wait().await)
        } else {
            listener.outcome()
        };
        match outcome {
            None => self.flow_view(flow_id),
            Some(Ok(captured)) => self.complete(flow_id, &flow, captured).await,
            Some(Err(e)) => {
                let status = match e {
                    ListenerError::Cancelled => FlowStatus::Cancelled,
                    e => FlowStatus::Failed {
                        code: e.code().into(),
                        message: e.message(self.lang()),
                    },
                };
                self.session_flows.finish(flow_id, status, self.clock.now());
                self.flow_view(flow_id)
            }
        }
    }

    pub(super) async fn start_flow(
        &self,
        profile_id: i64,
        options: FlowOptions,
        listen_here: bool,
    ) -> Result<SessionFlow, SessionError> {
        let profile = self.session_profile(profile_id)?;
        let environment = self.session_environment(&profile).await?;
        let local = matches!(environment, Environment::Local { .. });
        let callback = match profile.callback_url.as_deref() {
            Some(url) => Some(classify_callback(url)?),
            None if local => None,
            None => return Err(CallbackUrlError::Empty.into()),
        };
        let state = new_state(&mut rand::rng());
        let (mode, listener, redirect_uri) = if listen_here {
            let (port, path) = match callback.as_ref().map(|c| &c.kind) {
                Some(CallbackKind::Loopback { port, path, .. }) => (*port, path.clone()),
                Some(_) => {
                    return Err(SessionError::NotLoopback(
                        profile.callback_url.clone().unwrap_or_default(),
                    ))
                }
                None => (0, LOCAL_CALLBACK_PATH.to_string()),
            };
            let config = ListenerConfig {
                port,
                path,
                state: state.clone(),
                timeout: self.session_flows.listen_timeout(),
            };
            let listener = listen(config).await?;
            let redirect = callback.as_ref().map(|c| c.url.clone()).unwrap_or_else(|| {
                format!("http://127.0.0.1:{}{LOCAL_CALLBACK_PATH}", listener.port())
            });
            (
                CaptureMode::LocalListener,
                Some(Arc::new(listener)),
                redirect,
            )
        } else {
            let mode = match callback.as_ref().map(|c| &c.kind) {
                Some(CallbackKind::OutOfBand) => CaptureMode::Paste,
                _ => CaptureMode::InAppWindow,
            };
            let redirect = callback
                .as_ref()
                .map(|c| c.url.clone())
                .unwrap_or_else(|| format!("http://127.0.0.1{LOCAL_CALLBACK_PATH}"));
            (mode, None, redirect)
        };
        let listening_on = listener.as_ref().map(|l| l.local_addr().to_string());
        let url = authorize_url(
            &environment.oauth_endpoints().0,
            &profile.app_key,
            &redirect_uri,
            &state,
            options.view,
        );
        let flow = Flow {
            profile_id,
            state: state.clone(),
            redirect_uri: redirect_uri.clone(),
            view: options.view,
            route: options.route,
            mode,
            listener,
            status: FlowStatus::Waiting,
            started_at: self.clock.now(),
            finished_at: None,
        };
        let flow_id = self.session_flows.insert(flow, self.clock.now());
        Ok(SessionFlow {
            flow_id,
            url,
            state,
            redirect_uri,
            mode,
            listening_on,
        })
    }

    /// Whether `url` is the flow's callback (see [`crate::oauth::callback::is_callback`]).
    pub(super) fn is_callback(expected: &str, url: &url::Url) -> bool {
        url::Url::parse(expected).is_ok_and(|e| crate::oauth::callback::is_callback(&e, url))
    }
}
