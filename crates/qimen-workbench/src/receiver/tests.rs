//! The receiver's list without a listener: summaries, the failure filter and the words filter.

use super::ipc::{Receipt, ReceiptSummary};
use super::records::summarise;
use chrono::Utc;
use qimen_server::receiver::{
    AnswerFormat, ReceiptVerdict, ReceivedRequest, SentAnswer, TemplateKind,
};

fn receipt(
    id: u64,
    verdict: ReceiptVerdict,
    template: Option<TemplateKind>,
    status: u16,
) -> Receipt {
    Receipt {
        id,
        request: ReceivedRequest {
            received_at: Utc::now(),
            http_method: "POST".into(),
            path: "/qimen".into(),
            api_method: Some("taobao.qimen.entryorder.create".into()),
            query: Vec::new(),
            body_bytes: 10,
            content_type: None,
            body: None,
            verdict,
            diagnosis: None,
            answer: SentAnswer {
                status,
                format: AnswerFormat::Xml,
                body: String::new(),
                template,
                took_ms: 3,
            },
        },
    }
}

fn failed(r: &Receipt) -> bool {
    let summary: ReceiptSummary = summarise(r);
    summary.failed
}

#[test]
fn a_receipt_fails_when_refused_or_answered_with_anything_but_success() {
    assert!(!failed(&receipt(
        1,
        ReceiptVerdict::Accepted,
        Some(TemplateKind::Success),
        200
    )));
    assert!(!failed(&receipt(2, ReceiptVerdict::Accepted, None, 200)));
    assert!(failed(&receipt(3, ReceiptVerdict::MissingSign, None, 200)));
    assert!(failed(&receipt(
        4,
        ReceiptVerdict::Accepted,
        Some(TemplateKind::BusinessFailure),
        200
    )));
    assert!(failed(&receipt(
        5,
        ReceiptVerdict::Accepted,
        Some(TemplateKind::SignCheckFailure),
        200
    )));
    assert!(failed(&receipt(
        6,
        ReceiptVerdict::Accepted,
        Some(TemplateKind::ServerError),
        500
    )));
    let summary = summarise(&receipt(7, ReceiptVerdict::MissingSign, None, 200));
    assert_eq!(summary.verdict, "missing_sign");
    assert_eq!(
        summary.api.as_deref(),
        Some("taobao.qimen.entryorder.create")
    );
}
