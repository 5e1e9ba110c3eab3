//! The checks a verified body goes through, in the receiver's order (timestamp window, then the
//! signature as `SpiUtils` computes it), and the template that answers a call that passed.

use super::answer::{
    Answer, AnswerFormat, INVALID_TIMESTAMP, SIGN_CHECK_FAILURE, SIGN_CHECK_FAILURE_MESSAGE,
};
use super::record::{ReceiptVerdict, MASKED_PARAMS};
use super::template::{self, AnswerTemplate, TemplateProblem};
use super::Shared;
use axum::http::StatusCode;
use qimen_core::diagnose::{diagnose_inbound, Diagnosis};
use qimen_core::sign::spi::{check_timestamp, verify, InboundRequest};

/// What the checks decided: the answer, the verdict, the template that answered, and why a sign or
/// timestamp was refused.
pub(super) struct Judged {
    pub answer: Answer,
    pub verdict: ReceiptVerdict,
    pub template: Option<AnswerTemplate>,
    pub diagnosis: Option<Diagnosis>,
}

impl Judged {
    /// An answer given without a template and with nothing to diagnose.
    pub fn plain(answer: Answer, verdict: ReceiptVerdict) -> Judged {
        Judged {
            answer,
            verdict,
            template: None,
            diagnosis: None,
        }
    }
}

/// The credential values a request carries, to mask wherever its text is recorded.
pub(super) fn credentials(inbound: &InboundRequest) -> Vec<String> {
    inbound
        .query
        .iter()
        .chain(inbound.form.iter())
        .filter(|(k, v)| MASKED_PARAMS.contains(&k.as_str()) && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect()
}

pub(super) fn check_templates(templates: &[AnswerTemplate]) -> Result<(), TemplateProblem> {
    templates.iter().try_for_each(AnswerTemplate::check)
}

/// Timestamp window, then signature (the size cap is checked before the body is read), then the
/// template for the API.
pub(super) fn judge(shared: &Shared, inbound: &InboundRequest, format: AnswerFormat) -> Judged {
    let now = shared.clock.now();
    let secret = shared.config.secret.expose();
    if let Err(problem) = check_timestamp(inbound, now, shared.config.max_skew) {
        let answer = Answer::failure(
            StatusCode::OK,
            format,
            INVALID_TIMESTAMP,
            &problem.to_string(),
        );
        return Judged {
            diagnosis: Some(diagnose_inbound(inbound, secret, now)),
            ..Judged::plain(answer, ReceiptVerdict::BadTimestamp { problem })
        };
    }
    let verdict = ReceiptVerdict::from_sign(verify(inbound, secret), &inbound.query);
    if !verdict.is_accepted() {
        let answer = Answer::failure(
            StatusCode::OK,
            format,
            SIGN_CHECK_FAILURE,
            SIGN_CHECK_FAILURE_MESSAGE,
        );
        return Judged {
            diagnosis: Some(diagnose_inbound(inbound, secret, now)),
            ..Judged::plain(answer, verdict)
        };
    }
    let templates = shared.templates.read().unwrap_or_else(|e| e.into_inner());
    match template::pick(&templates, inbound.param("method")) {
        Some(template) => Judged {
            answer: template.answer(format),
            verdict,
            template: Some(template.clone()),
            diagnosis: None,
        },
        None => Judged::plain(shared.canned.clone(), verdict),
    }
}
