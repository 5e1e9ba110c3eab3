//! What the receiver answered, as the window sees it: each request numbered, appended to the
//! journal, kept in memory and summarised for the live list; the list filtered, one request opened,
//! everything cleared.

use super::ipc::{Receipt, ReceiptPage, ReceiptQuery, ReceiptSummary};
use crate::error::WorkbenchError;
use crate::live::{Journal, Pending, Ring};
use crate::{IpcError, Workbench};
use qimen_server::receiver::{ReceivedRequest, TemplateKind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::task::JoinHandle;

/// The list's summary of a request.
pub(super) fn summarise(receipt: &Receipt) -> ReceiptSummary {
    let request = &receipt.request;
    let answered_failure = matches!(
        request.answer.template,
        Some(
            TemplateKind::BusinessFailure
                | TemplateKind::SignCheckFailure
                | TemplateKind::ServerError
        )
    );
    ReceiptSummary {
        id: receipt.id,
        at: request.received_at,
        api: request.api_method.clone(),
        http_method: request.http_method.clone(),
        path: request.path.clone(),
        verdict: request.verdict.kind().to_string(),
        causes: request
            .diagnosis
            .as_ref()
            .map(|d| d.causes.iter().map(|c| c.id).collect())
            .unwrap_or_default(),
        status: request.answer.status,
        template: request.answer.template,
        took_ms: request.answer.took_ms,
        body_bytes: request.body_bytes as u64,
        failed: !request.verdict.is_accepted()
            || !(200..300).contains(&request.answer.status)
            || answered_failure,
    }
}

/// Whether a summary holds every word (lower case) in its API, path, method, verdict or causes.
fn matches(summary: &ReceiptSummary, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let causes: Vec<&str> = summary.causes.iter().map(|c| c.as_str()).collect();
    let haystack = format!(
        "{} {} {} {} {} {}",
        summary.api.as_deref().unwrap_or_default(),
        summary.path,
        summary.http_method,
        summary.verdict,
        summary.status,
        causes.join(" ")
    )
    .to_lowercase();
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// Bytes a receipt holds in memory (its bodies).
fn bytes(receipt: &Receipt) -> usize {
    receipt.request.body.as_ref().map_or(0, String::len) + receipt.request.answer.body.len()
}

/// Numbers, journals, keeps and queues every request the receiver reports, until aborted.
pub(super) fn pump(
    mut records: broadcast::Receiver<ReceivedRequest>,
    ring: Arc<Ring<ReceiptSummary, Receipt>>,
    journal: Arc<Journal>,
    next_id: Arc<AtomicU64>,
    pending: Arc<Pending<ReceiptSummary>>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let request = match records.recv().await {
                Ok(request) => request,
                Err(RecvError::Lagged(skipped)) => {
                    tracing::warn!("the receiver's list skipped {skipped} requests that came faster than they could be kept");
                    continue;
                }
                Err(RecvError::Closed) => break,
            };
            let receipt = Receipt {
                id: next_id.fetch_add(1, Ordering::Relaxed),
                request,
            };
            if let Err(e) = journal.append(&receipt) {
                tracing::warn!("the receiver's journal cannot be written: {e}");
            }
            let summary = summarise(&receipt);
            let size = bytes(&receipt);
            ring.push(receipt.id, summary.clone(), receipt, size);
            pending.push(summary);
        }
    })
}

impl Workbench {
    /// `receiver_list`: the requests in memory matching the filter, newest first.
    pub async fn receiver_list(&self, query: ReceiptQuery) -> Result<ReceiptPage, IpcError> {
        let words: Vec<String> = query
            .text
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let page = self.receiving.ring.page(
            |s| (!query.only_failures || s.failed) && matches(s, &words),
            query.offset,
            query.limit,
        );
        Ok(ReceiptPage {
            items: page.items,
            total: page.total,
            offset: query.offset,
            limit: page.limit,
        })
    }

    /// `receiver_get`: one request in full, credentials masked.
    pub async fn receiver_get(&self, id: u64) -> Result<Receipt, IpcError> {
        match self.receiving.ring.get(id) {
            Some(receipt) => Ok(receipt.as_ref().clone()),
            None => Err(IpcError::new(
                "not_found.receiver",
                self.lang().pick(
                    format!("请求 #{id} 已不在列表中：列表只保留最近 {} 条（全部记录在数据目录的 {} 中）。", crate::live::MAX_KEPT, super::RECEIVER_LOG_FILE),
                    format!("Request #{id} is no longer in the list: it keeps the latest {} (every one is in {} in the data folder).", crate::live::MAX_KEPT, super::RECEIVER_LOG_FILE),
                ),
            )),
        }
    }

    /// `receiver_clear`: forgets every request, in memory and in the journal.
    pub async fn receiver_clear(&self) -> Result<(), IpcError> {
        self.receiving.ring.clear();
        let path = self.receiving.journal.path();
        let result = self
            .receiving
            .journal
            .clear()
            .map_err(|e| WorkbenchError::Save {
                path: path.display().to_string(),
                reason: e.to_string(),
            });
        self.ipc(result)
    }
}
