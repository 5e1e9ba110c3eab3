//! The console's call commands: the environments and the API catalogue it offers, preview, send
//! (recorded in history, explained in the UI language), `curl`, and a pasted sign compared with ours.
//!
//! - [`build`]: a console call signed with a profile, over the core's one call builder.
//! - [`environments`]: the environment picker.
//! - [`view`]: the request and response as shown, `curl`.

pub mod build;
pub mod environments;
mod ipc;
pub mod view;

pub use ipc::{
    CallInput, CallOutcome, CallPreview, NetworkFailure, RequestView, ResponseView,
    SignCompareInput, SignTarget,
};

use crate::error::{network_code, MissingSecret, WorkbenchError};
use crate::secrets::SecretKind;
use crate::store::{CallOrigin, CallOutcome as StoredOutcome, HistoryRecord, Profile};
use crate::{lock, IpcError, Workbench, RECENT_BODIES};
use build::{build_with, read_secret, required_secret};
use environments::{id_of, is_local_id, resolve};
use qimen_core::call::BuiltCall;
use qimen_core::call::{account_params, is_wdt_method, read_body, ParamRow};
use qimen_core::captured::CapturedRequest;
use qimen_core::client::HttpClient;
use qimen_core::clock::parse_gmt8;
use qimen_core::diagnose::{diagnose, Diagnosis};
use qimen_core::errors::explain;
use qimen_core::protocol::environment::Environment;
use qimen_core::sensitive::{mask, mask_each};
use qimen_core::sign::wdt_flavour_for;
use std::time::Instant;
use view::{curl_line, request_view, response_view};

/// A call signed for its environment, with the profile it was signed for.
struct Ready {
    built: BuiltCall,
    profile: Profile,
    environment: Environment,
    environment_id: String,
}

impl Workbench {
    /// The environment a call names; `local` starts the gateway when needed. A profile saved on
    /// the local gateway always points at the gateway running now.
    pub(crate) async fn environment(&self, id: &str) -> Result<Environment, WorkbenchError> {
        let gateway = if is_local_id(id) {
            self.ensure_gateway().await?
        } else {
            String::new()
        };
        Ok(resolve(id, &gateway)?)
    }

    async fn ready(&self, input: &CallInput) -> Result<Ready, WorkbenchError> {
        let profile = self.profile_for(input.profile_id)?;
        let environment_id = match input.environment_id.trim() {
            "" => id_of(&profile.environment),
            id => id.to_string(),
        };
        let environment = self.environment(&environment_id).await?;
        let built = build_with(
            &input.draft,
            &profile,
            &environment,
            self.secrets().as_ref(),
            self.clock.as_ref(),
            input.app_secret_once.as_ref(),
        )?;
        Ok(Ready {
            built,
            profile,
            environment,
            environment_id,
        })
    }

    /// `call_preview`: the request exactly as it would be sent, and its signature; no network.
    pub async fn call_preview(&self, input: CallInput) -> Result<CallPreview, IpcError> {
        let result = self.ready(&input).await.map(|ready| CallPreview {
            request: request_view(&ready.built.prepared),
            signature: ready.built.prepared.redacted().signature,
            wdt_signature: ready.built.wdt,
        });
        self.ipc(result)
    }

    /// `call_curl`: the session is masked unless `reveal_session` (the only path where a session
    /// leaves Rust, and only on the user's explicit request).
    pub async fn call_curl(
        &self,
        input: CallInput,
        reveal_session: bool,
    ) -> Result<String, IpcError> {
        let result = self.ready(&input).await.map(|ready| {
            let prepared = &ready.built.prepared;
            if reveal_session {
                curl_line(prepared)
            } else {
                curl_line(&prepared.redacted())
            }
        });
        self.ipc(result)
    }

    pub(crate) fn client_for(&self, environment: &Environment) -> &HttpClient {
        match environment {
            Environment::Local { .. } => &self.local_client,
            _ => &self.remote_client,
        }
    }

    pub(super) async fn send_inner(
        &self,
        input: &CallInput,
    ) -> Result<CallOutcome, WorkbenchError> {
        let ready = self.ready(input).await?;
        let lang = self.lang();
        let prepared = &ready.built.prepared;
        let started = Instant::now();
        let sent = self.client_for(&ready.environment).send(prepared).await;
        let origin = CallOrigin {
            profile_id: Some(ready.profile.id),
            profile_name: ready.profile.name.clone(),
            environment: ready.environment_id.clone(),
            at: self.clock.now(),
        };
        let (stored, response, result, explanation, network_error, full_body) = match sent {
            Ok(mut exchange) => {
                // Tokens the answer hands out (token_result of the token APIs) are masked before the
                // answer is parsed, shown, kept for saving or recorded: a console call is a test,
                // and a session is captured on the session page, into the keyring.
                let tokens = prepared.tokens_with(&exchange.body);
                exchange.body = mask_each(std::mem::take(&mut exchange.body), &tokens);
                let result = exchange.parse();
                let view = response_view(&exchange);
                let stored = StoredOutcome::answered(
                    exchange.status,
                    view.latency_ms,
                    exchange.body.clone(),
                    &result,
                );
                let explanation = explain(&result, lang);
                (
                    stored,
                    Some(view),
                    Some(result),
                    explanation,
                    None,
                    Some(exchange.body),
                )
            }
            Err(e) => {
                let failure = NetworkFailure {
                    code: network_code(&e).to_string(),
                    message: e.message(lang),
                };
                let latency = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                let stored = StoredOutcome::unanswered(latency, failure.message.clone());
                (stored, None, None, None, Some(failure), None)
            }
        };
        // The answer is what matters: it comes back even when history cannot record it (a full
        // disk, a locked database), with the reason beside it, so nobody resends a real order.
        let recorded = HistoryRecord::new(prepared, origin, stored)
            .and_then(|record| self.store.history_insert(&record));
        let (history_id, history_error) = match recorded {
            Ok(summary) => (Some(summary.id), None),
            Err(e) => {
                tracing::warn!(
                    "a call was sent but history could not record it: {}",
                    e.code()
                );
                (None, Some(WorkbenchError::from(e).to_ipc(lang)))
            }
        };
        if let (Some(id), Some(body)) = (history_id, full_body) {
            let mut recent = lock(&self.recent_bodies);
            recent.push_back((id, body));
            while recent.len() > RECENT_BODIES {
                recent.pop_front();
            }
        }
        let result = result.map(|r| view::shown_result(r, response.as_ref()));
        Ok(CallOutcome {
            history_id,
            history_error,
            request: request_view(prepared),
            signature: prepared.redacted().signature,
            wdt_signature: ready.built.wdt,
            response,
            result,
            explanation,
            network_error,
        })
    }

    /// `call_send`: sends, records the call in history (session masked), explains a failure in the
    /// UI language. A call that got no answer is an outcome with `network_error`, recorded too.
    pub async fn call_send(&self, input: CallInput) -> Result<CallOutcome, IpcError> {
        let result = self.send_inner(&input).await;
        self.ipc(result)
    }

    /// A pasted sign diagnosed against the call it was meant for: the same parameters and body
    /// (the session put back from the keyring where history masked it), with the pasted value as
    /// `sign`, judged at the call's own timestamp.
    async fn compare(&self, input: SignCompareInput) -> Result<Diagnosis, WorkbenchError> {
        let (profile, endpoint, mut query, mut form, body) = match input.target {
            SignTarget::Call { call } => {
                let ready = self.ready(&call).await?;
                let prepared = ready.built.prepared;
                let body = prepared.body.map(|b| (b.content_type, b.text));
                (
                    ready.profile,
                    prepared.endpoint,
                    prepared.query,
                    prepared.form,
                    body,
                )
            }
            SignTarget::History { history_id } => {
                let entry = self.store.history_get(history_id)?;
                let sent = crate::history::SentRequest::read(&entry.request)?;
                let profile = self.profile_for(entry.summary.profile_id)?;
                let body = sent
                    .body
                    .as_deref()
                    .and_then(|text| read_body(text).ok().flatten())
                    .map(|b| (b.content_type, b.text));
                (profile, entry.summary.endpoint, sent.query, sent.form, body)
            }
        };
        let secrets = self.secrets();
        // History keeps the session masked; the stored token puts the real value back when the
        // mask is its mask (the session the call was made with).
        let token = read_secret(secrets.as_ref(), profile.id, SecretKind::AccessToken)?;
        for (key, value) in query.iter_mut().chain(form.iter_mut()) {
            if key == "sign" {
                *value = input.pasted.trim().to_string();
            } else if key == "session" {
                if let Some(token) = token.as_ref().filter(|t| *value == mask(t.expose())) {
                    *value = token.expose().clone();
                }
            }
        }
        let request = CapturedRequest::from_parts(
            &endpoint,
            &query,
            &form,
            body.as_ref().map(|(ct, text)| (ct.as_str(), text.as_str())),
        );
        let secret = required_secret(secrets.as_ref(), &profile, MissingSecret::AppSecret)?;
        let at = request
            .param("timestamp")
            .and_then(parse_gmt8)
            .unwrap_or_else(|| self.clock.now());
        Ok(diagnose(&request, secret.expose(), at).masking(&request.tokens()))
    }

    /// `sign_compare`: why a sign pasted from another system differs from this call's.
    pub async fn sign_compare(&self, input: SignCompareInput) -> Result<Diagnosis, IpcError> {
        let result = self.compare(input).await;
        self.ipc(result)
    }

    /// `call_profile_values`: the parameters of `method` the profile already knows (旺店通's `sid`
    /// and `appkey`, or the CRM API's `customerid` and `extendProps`), for the console to show filled
    /// in; the same rule fills them when a call leaves them blank.
    pub async fn call_profile_values(
        &self,
        method: String,
        profile_id: Option<i64>,
    ) -> Result<Vec<ParamRow>, IpcError> {
        let result = self.profile_for(profile_id).map(|profile| {
            if !is_wdt_method(method.trim()) {
                return Vec::new();
            }
            account_params(
                wdt_flavour_for(method.trim()),
                &build::defaults_of(&profile),
            )
            .into_iter()
            .map(|(key, value)| ParamRow {
                key: key.to_string(),
                value,
            })
            .collect()
        });
        self.ipc(result)
    }

    /// `environments_list`: the built-in choices, the local gateway started so its URL is real.
    pub async fn environments_list(
        &self,
    ) -> Result<Vec<environments::EnvironmentOption>, IpcError> {
        let result = self.ensure_gateway().await;
        self.ipc(result.map(|url| environments::options(&url)))
    }

    /// `api_catalogue`: every documented API, datetime examples written for now.
    pub async fn api_catalogue(&self) -> Result<Vec<crate::api_docs::ApiDoc>, IpcError> {
        let result = crate::api_docs::catalogue_at(self.clock.now()).map_err(WorkbenchError::from);
        self.ipc(result)
    }
}
