//! An exchange as the live list shows it, and the list's filter over those summaries.

use super::ipc::ExchangeSummary;
use qimen_core::protocol::response::parse_response;
use qimen_server::relay::{Exchange, Verdict};

/// The list's summary of an exchange.
pub(super) fn summarise(exchange: &Exchange) -> ExchangeSummary {
    // A platform answer fails by its own flag (a Qimen success carries a code too).
    let answer_failed = match exchange.status {
        Some(status) => {
            !(200..300).contains(&status)
                || !parse_response(
                    &exchange.response_body,
                    exchange.response_content_type.as_deref(),
                )
                .success
        }
        None => true,
    };
    ExchangeSummary {
        id: exchange.id,
        at: exchange.at,
        api: exchange.api.clone(),
        http_method: exchange.http_method.clone(),
        path: exchange.path.clone(),
        verdict: exchange.verdict,
        causes: exchange
            .diagnosis
            .as_ref()
            .map(|d| d.causes.iter().map(|c| c.id).collect())
            .unwrap_or_default(),
        status: exchange.status,
        platform_code: exchange.platform_code.clone(),
        platform_sub_code: exchange.platform_sub_code.clone(),
        upstream_error: exchange.upstream_error.clone(),
        latency_ms: exchange.latency_ms,
        request_bytes: exchange.request_bytes,
        response_bytes: exchange.response_bytes,
        failed: exchange.verdict == Verdict::Invalid
            || exchange.upstream_error.is_some()
            || answer_failed,
    }
}

/// Whether a summary matches every word of `text` (ignoring case).
pub(super) fn matches(summary: &ExchangeSummary, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let mut haystack = format!(
        "{} {} {} {} {} {}",
        summary.api.as_deref().unwrap_or_default(),
        summary.path,
        summary.http_method,
        summary.status.map(|s| s.to_string()).unwrap_or_default(),
        summary.platform_code.as_deref().unwrap_or_default(),
        summary.platform_sub_code.as_deref().unwrap_or_default(),
    );
    for cause in &summary.causes {
        if let Ok(serde_json::Value::String(id)) = serde_json::to_value(cause) {
            haystack.push(' ');
            haystack.push_str(&id);
        }
    }
    let haystack = haystack.to_lowercase();
    words.iter().all(|w| haystack.contains(w.as_str()))
}
