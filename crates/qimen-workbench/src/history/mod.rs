//! History commands: list and search (the store's full-text index), open with the answer explained
//! in the UI language, delete, clear, re-send (the stored request turned back into a console call,
//! signed anew with a fresh timestamp and the secrets in the keyring now), and save a response body
//! whole to a file.

mod ipc;

pub use ipc::HistoryDetail;

use crate::calls::{CallInput, CallOutcome};
use crate::error::WorkbenchError;
use crate::store::{HistoryPage, HistoryQuery};
use crate::{lock, IpcError, Workbench};
use qimen_core::call::{read_body, CallDraft, ParamRow, WdtOptions};
use qimen_core::captured::CapturedRequest;
use qimen_core::errors::explain;
use qimen_core::protocol::request::SYSTEM_PARAMS;
use qimen_core::protocol::response::parse_response;
use qimen_core::protocol::ApiFamily;
use qimen_core::sign::{carried_wdt_sign, wdt_flavour_for, Params, SignMethod};
use serde::Deserialize;
use std::path::Path;

/// The stored request (a redacted `PreparedRequest` as JSON), read back.
#[derive(Debug, Deserialize)]
pub(crate) struct SentRequest {
    pub family: ApiFamily,
    pub query: Vec<(String, String)>,
    #[serde(default)]
    pub form: Vec<(String, String)>,
    #[serde(default, deserialize_with = "body_text")]
    pub body: Option<String>,
    #[serde(rename = "signature", deserialize_with = "sign_method_of")]
    pub sign_method: SignMethod,
}

fn body_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    struct Raw {
        text: String,
    }
    Ok(Option::<Raw>::deserialize(d)?.map(|r| r.text))
}

fn sign_method_of<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SignMethod, D::Error> {
    #[derive(Deserialize)]
    struct Signature {
        method: SignMethod,
    }
    Ok(Signature::deserialize(d)?.method)
}

impl SentRequest {
    pub fn read(json: &serde_json::Value) -> Result<SentRequest, WorkbenchError> {
        SentRequest::deserialize(json).map_err(|e| {
            WorkbenchError::field(
                "history",
                format!("这条历史记录的请求无法读取（{e}），请重新发起调用"),
                format!(
                    "the request of this history entry cannot be read ({e}); make the call again"
                ),
            )
        })
    }

    /// Every parameter that was signed, as sent (`sign` excluded).
    pub fn signed_params(&self) -> Params {
        self.query
            .iter()
            .chain(self.form.iter())
            .filter(|(k, _)| k != "sign")
            .cloned()
            .collect()
    }

    fn param(&self, key: &str) -> Option<String> {
        self.query
            .iter()
            .chain(self.form.iter())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// The request as a reproduction: sent to `endpoint`, its parameters where they travelled, its
    /// body with its content type (tokens already masked in history).
    pub fn captured(&self, endpoint: &str) -> CapturedRequest {
        let body = self
            .body
            .as_deref()
            .and_then(|text| read_body(text).ok().flatten());
        CapturedRequest::from_parts(
            endpoint,
            &self.query,
            &self.form,
            body.as_ref()
                .map(|b| (b.content_type.as_str(), b.text.as_str())),
        )
    }

    /// The console call that sends the same thing again.
    pub fn to_input(&self, profile_id: Option<i64>, environment_id: String) -> CallInput {
        let method = self.param("method").unwrap_or_default();
        let params: Params = self
            .signed_params()
            .into_iter()
            .filter(|(k, _)| !SYSTEM_PARAMS.contains(&k.as_str()))
            .collect();
        let wdt = carried_wdt_sign(&params, wdt_flavour_for(&method)).is_some();
        CallInput {
            profile_id,
            environment_id,
            draft: CallDraft {
                family: Some(self.family),
                sign_method: self.sign_method,
                format: self.param("format"),
                params: params
                    .into_iter()
                    .map(|(key, value)| ParamRow { key, value })
                    .collect(),
                body: self.body.clone(),
                target_app_key: self.param("target_app_key"),
                customer_id: self.param("customerId"),
                use_session: self.param("session").is_some(),
                wdt: WdtOptions { compute: wdt },
                method,
            },
            app_secret_once: None,
        }
    }
}

/// A history entry's stored request, read back.
pub(crate) fn sent_call(json: &serde_json::Value) -> Result<SentRequest, WorkbenchError> {
    SentRequest::read(json)
}

impl Workbench {
    /// `history_call_input`: the console call that sends a history entry again, to open it in the
    /// console for editing.
    pub async fn history_call_input(&self, id: i64) -> Result<CallInput, IpcError> {
        let result = self
            .store
            .history_get(id)
            .map_err(WorkbenchError::from)
            .and_then(|entry| {
                let sent = SentRequest::read(&entry.request)?;
                Ok(sent.to_input(entry.summary.profile_id, entry.summary.environment.clone()))
            });
        self.ipc(result)
    }

    /// `history_list`
    pub async fn history_list(&self, query: HistoryQuery) -> Result<HistoryPage, IpcError> {
        let result = self
            .store
            .history_list(&query)
            .map_err(WorkbenchError::from);
        self.ipc(result)
    }

    /// `history_get`
    pub async fn history_get(&self, id: i64) -> Result<HistoryDetail, IpcError> {
        let result = self
            .store
            .history_get(id)
            .map_err(WorkbenchError::from)
            .map(|entry| {
                let result = parse_response(&entry.response, None);
                let explanation = explain(&result, self.lang());
                HistoryDetail {
                    entry,
                    result,
                    explanation,
                }
            });
        self.ipc(result)
    }

    /// `history_delete`
    pub async fn history_delete(&self, id: i64) -> Result<(), IpcError> {
        let result = self.store.history_delete(id).map_err(WorkbenchError::from);
        self.ipc(result)
    }

    /// `history_clear`
    pub async fn history_clear(&self) -> Result<(), IpcError> {
        let result = self
            .store
            .history_clear()
            .map(|_| ())
            .map_err(WorkbenchError::from);
        self.ipc(result)
    }

    /// `history_resend`: the same call again, signed now (a new timestamp, the current secrets),
    /// recorded as a new entry. A deleted profile's call is sent with the selected profile.
    pub async fn history_resend(&self, id: i64) -> Result<CallOutcome, IpcError> {
        let result = async {
            let entry = self.store.history_get(id)?;
            let sent = SentRequest::read(&entry.request)?;
            let input = sent.to_input(entry.summary.profile_id, entry.summary.environment.clone());
            self.send_inner(&input).await
        }
        .await;
        self.ipc(result)
    }

    /// `response_save`: writes the whole response body of a call to `path` (the shell asks the
    /// user where). A body larger than history keeps is written whole while it is among the last
    /// few calls of this run.
    pub async fn response_save(&self, history_id: i64, path: &Path) -> Result<(), IpcError> {
        let result = (|| {
            let entry = self.store.history_get(history_id)?;
            let recent = lock(&self.recent_bodies)
                .iter()
                .find(|(id, _)| *id == history_id)
                .map(|(_, body)| body.clone());
            let body = match recent {
                Some(full) if entry.summary.response_truncated => full,
                _ => entry.response,
            };
            std::fs::write(path, body).map_err(|e| WorkbenchError::Save {
                path: path.display().to_string(),
                reason: e.to_string(),
            })
        })();
        self.ipc(result)
    }
}
