//! One call through the relay: the body read within the limit (never unbounded), the request
//! forwarded unchanged, the answer streamed back, the exchange recorded. A body the relay will not
//! forward, or an upstream that gives no answer, gets a platform-shaped error instead.

use super::answers;
use super::exchange::{UpstreamProblem, UpstreamProblemKind};
use super::record::{Answered, Pending};
use super::send::{self, answer_headers};
use super::tee::Tee;
use super::Shared;
use crate::listener::{read_body_draining, BodyProblem};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use qimen_core::captured::CapturedRequest;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// How much of a body over the limit is still read (and dropped) so the caller gets the 413.
const DRAIN_BYTES: usize = 16 * 1024 * 1024;

/// Every path, every verb.
pub(crate) async fn relay_call(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let started = std::time::Instant::now();
    let deadline = tokio::time::Instant::now() + shared.total_timeout;
    let at = shared.clock.now();
    let id = shared.next_id.fetch_add(1, Ordering::Relaxed) + 1;
    let (parts, body) = request.into_parts();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let path = parts.uri.path().to_string();
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let url = format!("http://{host}{path}");
    let read = read_within(&parts.headers, body, shared.max_body_bytes).await;
    let (bytes, refusal) = match read {
        Ok(bytes) => (bytes, None),
        Err(refusal) => (Bytes::new(), Some(refusal)),
    };
    let request = CapturedRequest::from_wire(
        parts.method.as_str(),
        &url,
        parts.uri.query().unwrap_or(""),
        &header_pairs(&parts.headers),
        &bytes,
    );
    let pending = Pending {
        sink: shared.sink.clone(),
        id,
        at,
        started,
        path,
        request,
        request_bytes: bytes.len() as u64,
        secret: shared.secret.clone(),
    };
    if let Some((status, problem, declared)) = refusal {
        let answer = answers::refused(&pending.request, status, &problem);
        let pending = Pending {
            request_bytes: declared,
            ..pending
        };
        pending.finish(Answered::own(answer.content_type, &answer.body, problem));
        return answer.into_response();
    }
    let sent = tokio::time::timeout_at(
        deadline,
        send::forward(
            &shared.client,
            &shared.upstream,
            &parts.method,
            &path_and_query,
            &parts.headers,
            bytes,
        ),
    )
    .await
    .unwrap_or_else(|_| {
        Err(send::problem(
            format!("no answer within {} s", shared.total_timeout.as_secs_f64()),
            false,
            true,
        ))
    });
    let response = match sent {
        Ok(response) => response,
        Err(problem) => {
            let answer =
                answers::upstream_failed(&pending.request, &shared.upstream.base, &problem);
            pending.finish(Answered::own(answer.content_type, &answer.body, problem));
            return answer.into_response();
        }
    };
    let (head, body) = response.into_parts();
    let answered = Answered {
        status: Some(head.status.as_u16()),
        content_type: head
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
        ..Answered::default()
    };
    let tee = Tee::new(body, deadline, shared.total_timeout, answered, pending);
    let mut out = Response::new(Body::new(tee));
    *out.status_mut() = head.status;
    *out.headers_mut() = answer_headers(&head.headers);
    out
}

/// The body, or the status and reason to refuse it with and the size it claimed.
async fn read_within(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, (StatusCode, UpstreamProblem, u64)> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let too_large = |declared: Option<u64>| {
        let mib = limit as f64 / (1024.0 * 1024.0);
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            UpstreamProblem::new(
                UpstreamProblemKind::TooLarge,
                format!("请求体超过中转的上限 {mib} MiB，请减少每次调用的数据量"),
                format!("the request body is larger than the relay's limit of {mib} MiB; send less data per call"),
            ),
            declared.unwrap_or(limit as u64 + 1),
        )
    };
    if declared.is_some_and(|d| d > (limit + DRAIN_BYTES) as u64) {
        return Err(too_large(declared));
    }
    read_body_draining(body, limit, DRAIN_BYTES)
        .await
        .map_err(|problem| match problem {
            BodyProblem::TooLarge => too_large(declared),
            BodyProblem::TimedOut(after) => (
                StatusCode::REQUEST_TIMEOUT,
                UpstreamProblem::new(
                    UpstreamProblemKind::Other,
                    format!("请求体没有在 {} 秒内传完，请一次发完", after.as_secs()),
                    format!("the request body did not arrive within {} s; send it at once", after.as_secs()),
                ),
                declared.unwrap_or(0),
            ),
            BodyProblem::Malformed(reason) => (
                StatusCode::BAD_REQUEST,
                UpstreamProblem::new(
                    UpstreamProblemKind::Other,
                    format!("请求体格式有误（{reason}），请检查 Content-Length 或分块编码"),
                    format!("the request body is malformed ({reason}); check its Content-Length or chunked encoding"),
                ),
                declared.unwrap_or(0),
            ),
        })
}

/// The headers in order, as text (bytes that are not UTF-8 replaced).
fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_string(),
                String::from_utf8_lossy(value.as_bytes()).trim().to_string(),
            )
        })
        .collect()
}
