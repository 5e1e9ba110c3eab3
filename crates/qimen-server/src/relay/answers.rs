//! The relay's own answers, when it cannot pass on the upstream's: platform-shaped, through the
//! gateway's renderer, so the caller's SDK parses them like any platform error. The family follows
//! the router path (then the method), the format the request's `format` parameter (XML by default,
//! as the platform's).

use super::exchange::{UpstreamProblem, UpstreamProblemKind};
use crate::gateway::codes::TopCode;
use crate::gateway::render::{self, Answer, Format};
use crate::gateway::tokens::random_token;
use axum::http::StatusCode;
use qimen_core::captured::CapturedRequest;

/// The sub-codes of the relay's answers: `isp.*` as the platform's own transport errors.
pub const SUB_UNREACHABLE: &str = "isp.relay-upstream-unreachable";
pub const SUB_TIMED_OUT: &str = "isp.relay-upstream-timeout";
pub const SUB_FAILED: &str = "isp.relay-upstream-error";
pub const SUB_BODY: &str = "isv.invalid-parameter:body";

/// Code 15 (Remote Service Error) with a sub-code and a message saying the relay got no answer,
/// HTTP 200 as the platform sends its errors.
pub fn upstream_failed(
    request: &CapturedRequest,
    upstream: &str,
    problem: &UpstreamProblem,
) -> Answer {
    let sub = match problem.kind {
        UpstreamProblemKind::Unreachable => SUB_UNREACHABLE,
        UpstreamProblemKind::TimedOut => SUB_TIMED_OUT,
        UpstreamProblemKind::TooLarge | UpstreamProblemKind::Other => SUB_FAILED,
    };
    let message = format!(
        "联调中转（Qimen Workbench relay）没有拿到上游 {upstream} 的应答：{} / the relay got no answer from the upstream {upstream}: {}",
        problem.message.zh, problem.message.en
    );
    render_for(request, &TopCode::RemoteServiceError.with_sub(sub, message))
}

/// A request the relay refuses to forward (body too large, too slow, broken): code 41 with the
/// body sub-code, at `status` (413, 408, 400) as the gateway answers the same cases.
pub fn refused(request: &CapturedRequest, status: StatusCode, problem: &UpstreamProblem) -> Answer {
    let message = format!(
        "联调中转未转发此请求：{} / the relay did not forward this request: {}",
        problem.message.zh, problem.message.en
    );
    let mut answer = render_for(
        request,
        &TopCode::InvalidArguments.with_sub(SUB_BODY, message),
    );
    answer.status = status;
    answer
}

fn render_for(
    request: &CapturedRequest,
    error: &crate::gateway::api_contract::PlatformError,
) -> Answer {
    let format = Format::from_param(request.param("format")).unwrap_or(Format::Xml);
    render::failure(request.family(), format, error, &random_token(13))
}
