//! What the window does with recorded exchanges: list and filter them, open one with its answer
//! explained, clear them, save one to history, and hand some over as reproduction calls (to open in
//! 复现请求 or export as a bundle). Only the exchanges still in memory can be opened.

use super::ipc::{TrafficDetail, TrafficPage, TrafficQuery, TrafficSaved};
use super::log::Origin;
use crate::calls::NetworkFailure;
use crate::error::WorkbenchError;
use crate::repro::bilingual;
use crate::store::{CallOrigin, CallOutcome, HistoryRecord};
use crate::{IpcError, Workbench};
use qimen_core::bundle::{BundleCall, BundleEnvironment, BundleResponse};
use qimen_core::errors::explain;
use qimen_core::protocol::response::{parse_response, ApiResult};
use qimen_server::relay::{Exchange, UpstreamProblemKind};
use std::sync::Arc;

/// An upstream problem's kind as its serialised name (`unreachable`, `timed_out` …).
fn kind_name(kind: UpstreamProblemKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => "other".to_string(),
    }
}

/// The platform's answer read, when an answer came.
fn answer(exchange: &Exchange) -> Option<ApiResult> {
    exchange.status.map(|_| {
        parse_response(
            &exchange.response_body,
            exchange.response_content_type.as_deref(),
        )
    })
}

impl Workbench {
    fn exchange(&self, id: u64) -> Result<Arc<(Exchange, Arc<Origin>)>, IpcError> {
        self.traffic.log.get(id).ok_or_else(|| {
            IpcError::new(
                "not_found.traffic",
                self.lang().pick(
                    format!("请求 #{id} 已不在列表中：列表只保留最近 {} 条（全部记录在数据目录的 traffic.jsonl 中）。", super::MAX_KEPT),
                    format!("Request #{id} is no longer in the list: it keeps the latest {} (every one is in traffic.jsonl in the data folder).", super::MAX_KEPT),
                ),
            )
        })
    }

    /// `traffic_list`: the exchanges in memory matching the filter, newest first.
    pub async fn traffic_list(&self, query: TrafficQuery) -> Result<TrafficPage, IpcError> {
        Ok(self.traffic.log.list(&query))
    }

    /// `traffic_get`: one exchange in full, its answer read and explained in the UI language.
    pub async fn traffic_get(&self, id: u64) -> Result<TrafficDetail, IpcError> {
        let lang = self.lang();
        let entry = self.exchange(id)?;
        let (exchange, origin) = (&entry.0, &*entry.1);
        let result = answer(exchange);
        let explanation = result.as_ref().and_then(|r| explain(r, lang));
        let network_error = exchange
            .upstream_error
            .as_ref()
            .map(|problem| NetworkFailure {
                code: format!("upstream.{}", kind_name(problem.kind)),
                message: problem.message.get(lang).to_string(),
            });
        Ok(TrafficDetail {
            endpoint: origin.endpoint(exchange),
            exchange: Exchange::clone(exchange),
            result,
            explanation,
            network_error,
        })
    }

    /// `traffic_clear`: forgets every exchange, in memory and in `traffic.jsonl`.
    pub async fn traffic_clear(&self) -> Result<(), IpcError> {
        let path = self.traffic.log.path();
        let result = self.traffic.log.clear().map_err(|e| WorkbenchError::Save {
            path: path.display().to_string(),
            reason: e.to_string(),
        });
        self.ipc(result)
    }

    /// `traffic_save_to_history`: the exchange recorded in history like a console call (the
    /// session masked), under the profile that diagnosed it.
    pub async fn traffic_save_to_history(&self, id: u64) -> Result<TrafficSaved, IpcError> {
        let lang = self.lang();
        let entry = self.exchange(id)?;
        let (exchange, origin) = (&entry.0, &*entry.1);
        let outcome = match answer(exchange) {
            Some(result) => CallOutcome::answered(
                exchange.status.unwrap_or_default(),
                exchange.latency_ms,
                exchange.response_body.clone(),
                &result,
            ),
            None => CallOutcome::unanswered(
                exchange.latency_ms,
                exchange
                    .upstream_error
                    .as_ref()
                    .map(|p| p.message.get(lang).to_string())
                    .unwrap_or_default(),
            ),
        };
        let call_origin = CallOrigin {
            profile_id: origin.profile_id,
            profile_name: origin
                .profile_name
                .clone()
                .unwrap_or_else(|| lang.pick("联调抓包", "Traffic").to_string()),
            environment: origin.upstream.clone(),
            at: exchange.at,
        };
        let result = HistoryRecord::captured(
            &exchange.request,
            &origin.endpoint(exchange),
            call_origin,
            outcome,
        )
        .and_then(|record| self.store.history_insert(&record))
        .map(|summary| TrafficSaved {
            history_id: summary.id,
        })
        .map_err(WorkbenchError::from);
        self.ipc(result)
    }

    /// `traffic_bundle`: exchanges as reproduction calls, with their answers, explanations and
    /// diagnoses, every token masked.
    pub async fn traffic_bundle(&self, ids: Vec<u64>) -> Result<Vec<BundleCall>, IpcError> {
        ids.into_iter()
            .map(|id| {
                let entry = self.exchange(id)?;
                let (exchange, origin) = (&entry.0, &entry.1);
                Ok(bundle_call(exchange, origin))
            })
            .collect()
    }
}

fn bundle_call(exchange: &Exchange, origin: &Origin) -> BundleCall {
    let result = answer(exchange);
    BundleCall {
        api: exchange.api.clone(),
        environment: Some(BundleEnvironment {
            id: origin.upstream.clone(),
            endpoint: origin.endpoint(exchange),
        }),
        request: exchange.request.clone(),
        response: exchange.status.map(|status| BundleResponse {
            status,
            content_type: exchange.response_content_type.clone(),
            body: exchange.response_body.clone(),
            elapsed_ms: exchange.latency_ms,
            size_bytes: exchange.response_bytes,
        }),
        explanation: result.as_ref().and_then(bilingual),
        diagnosis: exchange.diagnosis.clone(),
        recorded_at: Some(exchange.at),
    }
    .redacted()
}
