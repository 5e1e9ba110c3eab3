//! What the Request tab and the result panel show: the request exactly as sent (session masked),
//! a `curl` line that repeats it, and the answer with its body cut for display when it is large.

use super::ipc::{RequestView, ResponseView};
use qimen_core::client::{sent_url, HttpExchange, FORM_CONTENT_TYPE};
use qimen_core::protocol::request::PreparedRequest;
use qimen_core::protocol::response::ApiResult;

/// Bodies above this many bytes are shown cut (the whole body stays in history and can be saved):
/// formatting and highlighting megabytes would freeze the window.
pub const DISPLAY_BODY_CAP_BYTES: usize = 512 * 1024;

/// The parsed answer as the window gets it: for an answer shown cut, without the parsed payload
/// (`data`), which no page reads (the body text is shown) and which would make the IPC message as
/// large as the whole answer again. Codes and messages stay.
pub fn shown_result(mut result: ApiResult, response: Option<&ResponseView>) -> ApiResult {
    if response.is_some_and(|r| r.body_truncated) {
        result.data = serde_json::Value::Null;
    }
    result
}

fn content_type(req: &PreparedRequest) -> String {
    req.body
        .as_ref()
        .map_or_else(|| FORM_CONTENT_TYPE.to_string(), |b| b.content_type.clone())
}

fn body_text(req: &PreparedRequest) -> String {
    match &req.body {
        Some(raw) => raw.text.clone(),
        None => form_urlencoded::Serializer::new(String::new())
            .extend_pairs(req.form.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .finish(),
    }
}

/// A word for a POSIX shell: single-quoted, with `'` written as `'\''`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The `curl` command that sends `req` as the client does. Pass the redacted request unless the
/// user explicitly asked to reveal the session.
pub fn curl_line(req: &PreparedRequest) -> String {
    format!(
        "curl -X POST {} -H {} --data-binary {}",
        shell_quote(&sent_url(req)),
        shell_quote(&format!("Content-Type: {}", content_type(req))),
        shell_quote(&body_text(req)),
    )
}

/// The request view of a prepared request; the session is masked here whatever is passed in.
pub fn request_view(req: &PreparedRequest) -> RequestView {
    let shown = req.redacted();
    RequestView {
        http_method: "POST".into(),
        url: sent_url(&shown),
        endpoint: shown.endpoint.clone(),
        family: shown.family,
        query: shown.query.clone(),
        form: shown.form.clone(),
        headers: vec![("Content-Type".into(), content_type(&shown))],
        body: body_text(&shown),
        curl: curl_line(&shown),
    }
}

/// `text` cut to at most `limit` bytes on a character boundary, and whether it was cut.
pub fn cut(text: &str, limit: usize) -> (String, bool) {
    if text.len() <= limit {
        return (text.to_string(), false);
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (text[..end].to_string(), true)
}

pub fn response_view(exchange: &HttpExchange) -> ResponseView {
    let (body, body_truncated) = cut(&exchange.body, DISPLAY_BODY_CAP_BYTES);
    ResponseView {
        status: exchange.status,
        latency_ms: u64::try_from(exchange.elapsed.as_millis()).unwrap_or(u64::MAX),
        size_bytes: exchange.size_bytes as u64,
        content_type: exchange.content_type.clone(),
        headers: exchange.headers.clone(),
        body,
        body_truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_apostrophes() {
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }

    #[test]
    fn cutting_keeps_whole_characters() {
        // "旺" is 3 bytes: a 4-byte limit keeps one character, not a broken one.
        assert_eq!(cut("旺店通", 4), ("旺".to_string(), true));
        assert_eq!(cut("abc", 4), ("abc".to_string(), false));
    }
}
