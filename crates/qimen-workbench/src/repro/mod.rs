//! Reproducing a customer's request (复现请求): read what a support engineer pasted (a URL, a curl
//! line, a raw HTTP request, an SDK log line, or a bundle), diagnose its sign with a profile's
//! AppSecret or one typed for this check only, replay it as sent or re-signed with a profile, and
//! share calls as a bundle. History entries open here too.

mod ipc;

pub use ipc::{
    ReplayMode, ReproDiagnoseInput, ReproExportInput, ReproOpened, ReproReplay, ReproReplayInput,
    ReproSaved, ReproSecret,
};

use crate::calls::build::{read_secret, required_secret};
use crate::calls::view::response_view;
use crate::calls::NetworkFailure;
use crate::error::{network_code, MissingSecret, WorkbenchError};
use crate::history::sent_call;
use crate::secrets::SecretKind;
use crate::{IpcError, Workbench};
use qimen_core::bundle::{
    response_diff, Bundle, BundleCall, BundleEnvironment, BundleExplanation, BundleResponse,
};
use qimen_core::captured::{parse, Resigning};
use qimen_core::diagnose::{diagnose, Diagnosis};
use qimen_core::errors::explain;
use qimen_core::protocol::response::{parse_response, ApiResult};
use qimen_core::sensitive::{mask_each, tokens_in};
use qimen_core::text::{Lang, Text};
use std::path::Path;

impl Workbench {
    /// `repro_open`: a pasted or opened text as calls to reproduce. A bundle opens with all its
    /// calls; anything else is read as one request, or refused with where reading stopped.
    pub async fn repro_open(&self, text: String) -> Result<ReproOpened, IpcError> {
        let lang = self.lang();
        if Bundle::looks_like_bundle(&text) {
            return Bundle::read(&text)
                .map(|bundle| ReproOpened {
                    from_bundle: true,
                    app_version: Some(bundle.app_version),
                    calls: bundle.calls,
                })
                .map_err(|e| IpcError::new("validation.repro.bundle", e.message(lang)));
        }
        let request = parse(&text).map_err(|problem| {
            IpcError::new(
                "validation.repro.text",
                problem.message().get(lang).to_string(),
            )
        })?;
        Ok(ReproOpened {
            from_bundle: false,
            app_version: None,
            calls: vec![BundleCall {
                api: request.param("method").map(str::to_string),
                environment: None,
                request,
                response: None,
                explanation: None,
                diagnosis: None,
                recorded_at: None,
            }],
        })
    }

    /// `repro_diagnose`: the sign checked with the profile's AppSecret (or one typed for this check
    /// only, dropped when the check ends); the answer quotes no token.
    pub async fn repro_diagnose(&self, input: ReproDiagnoseInput) -> Result<Diagnosis, IpcError> {
        if matches!(&input.secret, ReproSecret::Typed { secret } if secret.is_blank()) {
            return Err(IpcError::new(
                "validation.repro.secret",
                self.lang().pick(
                    "请输入用于核对签名的 AppSecret（只用于这次核对，不会保存）。",
                    "Enter the AppSecret to check the sign with (used for this check only, never stored).",
                ),
            ));
        }
        let result = self.diagnose_inner(&input);
        self.ipc(result)
    }

    fn diagnose_inner(&self, input: &ReproDiagnoseInput) -> Result<Diagnosis, WorkbenchError> {
        let secret = match &input.secret {
            ReproSecret::Typed { secret } => secret.clone(),
            ReproSecret::Profile { profile_id } => {
                let profile = self.profile_for(*profile_id)?;
                required_secret(self.secrets().as_ref(), &profile, MissingSecret::AppSecret)?
            }
        };
        let diagnosis = diagnose(&input.request, secret.expose(), self.clock.now());
        Ok(diagnosis.masking(&input.request.tokens()))
    }

    /// `repro_replay`: sends the request as sent, or re-signed with a profile, to an environment,
    /// and explains the answer. Nothing is recorded; tokens in the answer are masked.
    pub async fn repro_replay(&self, input: ReproReplayInput) -> Result<ReproReplay, IpcError> {
        let result = self.replay_inner(input).await;
        self.ipc(result)
    }

    async fn replay_inner(&self, input: ReproReplayInput) -> Result<ReproReplay, WorkbenchError> {
        let lang = self.lang();
        let environment = self.environment(&input.environment_id).await?;
        let endpoint = environment.endpoint(input.request.family());
        let (request, changes) = match input.mode {
            ReplayMode::AsSent => (input.request.clone(), Vec::new()),
            ReplayMode::Resigned => {
                let profile = self.profile_for(input.profile_id)?;
                let secrets = self.secrets();
                let secret = required_secret(secrets.as_ref(), &profile, MissingSecret::AppSecret)?;
                let session = read_secret(secrets.as_ref(), profile.id, SecretKind::AccessToken)?;
                input.request.resigned(&Resigning {
                    app_key: &profile.app_key,
                    session: session.as_ref().map(|s| s.expose().as_str()),
                    secret: secret.expose(),
                    now: self.clock.now(),
                })
            }
        };
        let sent = self
            .client_for(&environment)
            .send_as_sent(&request, &endpoint)
            .await;
        let (response, result, explanation, network_error) = match sent {
            Ok(mut exchange) => {
                let mut tokens = request.tokens();
                tokens.extend(tokens_in(&exchange.body));
                exchange.body = mask_each(std::mem::take(&mut exchange.body), &tokens);
                let result = exchange.parse();
                let explanation = explain(&result, lang);
                (
                    Some(response_view(&exchange)),
                    Some(result),
                    explanation,
                    None,
                )
            }
            Err(e) => {
                let failure = NetworkFailure {
                    code: network_code(&e).to_string(),
                    message: e.message(lang),
                };
                (None, None, None, Some(failure))
            }
        };
        let diff = match (&input.recorded_body, &response) {
            (Some(recorded), Some(now)) => Some(response_diff(recorded, &now.body)),
            _ => None,
        };
        Ok(ReproReplay {
            diff,
            mode: input.mode,
            endpoint,
            request: request.redacted(),
            changes,
            response,
            result,
            explanation,
            network_error,
        })
    }

    /// The bundle file's text for `calls`, every token masked.
    pub fn repro_bundle_text(&self, calls: Vec<BundleCall>) -> Result<String, IpcError> {
        if calls.is_empty() {
            return Err(IpcError::new(
                "validation.repro.calls",
                self.lang()
                    .pick("没有可导出的调用。", "There is no call to export."),
            ));
        }
        let bundle = Bundle::new(calls, env!("CARGO_PKG_VERSION"), self.clock.now());
        Ok(bundle.to_json())
    }

    /// Writes the bundle of `calls` to `path` (the shell asks the user where).
    pub fn repro_write(&self, calls: Vec<BundleCall>, path: &Path) -> Result<(), IpcError> {
        let text = self.repro_bundle_text(calls)?;
        let result = std::fs::write(path, text).map_err(|e| WorkbenchError::Save {
            path: path.display().to_string(),
            reason: e.to_string(),
        });
        self.ipc(result)
    }

    /// Reads a file the user opened: a bundle, or a request saved as text (a curl line, a raw HTTP
    /// request, a log line).
    pub async fn repro_read_file(&self, path: &Path) -> Result<ReproOpened, IpcError> {
        let lang = self.lang();
        let bytes = std::fs::read(path).map_err(|e| {
            IpcError::new(
                "validation.repro.file",
                lang.pick(
                    format!("无法读取文件 {}：{e}", path.display()),
                    format!("cannot read {}: {e}", path.display()),
                ),
            )
        })?;
        self.repro_open(String::from_utf8_lossy(&bytes).into_owned())
            .await
    }

    /// `history_bundle`: history entries as calls to reproduce or export, answers included.
    pub async fn history_bundle(&self, ids: Vec<i64>) -> Result<Vec<BundleCall>, IpcError> {
        let result = ids
            .iter()
            .map(|&id| self.history_call(id))
            .collect::<Result<Vec<_>, WorkbenchError>>();
        self.ipc(result)
    }

    fn history_call(&self, id: i64) -> Result<BundleCall, WorkbenchError> {
        let entry = self.store.history_get(id)?;
        let sent = sent_call(&entry.request)?;
        let result = parse_response(&entry.response, None);
        Ok(BundleCall {
            api: Some(entry.summary.method.clone()),
            environment: Some(BundleEnvironment {
                id: entry.summary.environment.clone(),
                endpoint: entry.summary.endpoint.clone(),
            }),
            request: sent.captured(&entry.summary.endpoint),
            response: entry.summary.http_status.map(|status| BundleResponse {
                status,
                content_type: None,
                body: entry.response.clone(),
                elapsed_ms: entry.summary.latency_ms,
                size_bytes: entry.summary.response_size,
            }),
            explanation: bilingual(&result),
            diagnosis: None,
            recorded_at: Some(entry.summary.created_at),
        })
    }
}

/// A failed answer's explanation in both languages, for a bundle's reader in either.
pub(crate) fn bilingual(result: &ApiResult) -> Option<BundleExplanation> {
    let zh = explain(result, Lang::ZhCn)?;
    let en = explain(result, Lang::En)?;
    Some(BundleExplanation {
        code: zh.code.map(str::to_string),
        sub_code: zh.sub_code.map(str::to_string),
        title: Text::new(zh.title, en.title),
        cause: Text::new(zh.cause, en.cause),
        remedy: Text::new(zh.remedy, en.remedy),
    })
}
