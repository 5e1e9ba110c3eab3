//! 服务端接收 below the window: the receiver started with the demo profile's secret and registered on
//! the local gateway for a customerId; a console call naming it goes console → gateway → receiver →
//! answer → console, verified and listed; each template answers; a tampered request is refused
//! with its diagnosis; templates survive a restart; a busy port, a profile without a secret and an
//! empty route are refused with their own messages; stopping ends the forwarding.

mod support;

use qimen_core::diagnose::CauseId;
use qimen_server::receiver::{AnswerTemplate, TemplateKind, ANY_API};
use qimen_workbench::live::LiveSink;
use qimen_workbench::receiver::{
    ReceiptQuery, ReceiptSummary, ReceiverRoute, ReceiverStartInput, ReceiverStatus,
};
use qimen_workbench::Workbench;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::workbench::{example_call, open, TempDir};

const CUSTOMER_ID: &str = "MY-WMS-01";
const METHOD: &str = "taobao.qimen.entryorder.create";

/// The batches the window would get.
#[derive(Default)]
struct Window(Mutex<Vec<ReceiptSummary>>);

impl LiveSink<ReceiptSummary> for Window {
    fn deliver(&self, batch: Vec<ReceiptSummary>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(batch);
    }
}

fn any_port() -> ReceiverStartInput {
    ReceiverStartInput {
        port: Some(0),
        profile_id: None,
    }
}

async fn start(wb: &Workbench, window: &Arc<Window>) -> ReceiverStatus {
    wb.receiver_start(any_port(), window.clone())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The console's example entryorder call, naming the receiver's customerId.
async fn console_call(wb: &Workbench) -> qimen_workbench::calls::CallOutcome {
    let mut input = example_call(METHOD);
    input.draft.customer_id = Some(CUSTOMER_ID.into());
    wb.call_send(input).await.unwrap_or_else(|e| panic!("{e}"))
}

/// Waits until the window has been handed `count` summaries.
async fn delivered(window: &Window, count: usize) -> Vec<ReceiptSummary> {
    for _ in 0..100 {
        let seen = window.0.lock().unwrap().clone();
        if seen.len() >= count {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    panic!("the window never got {count} receipts");
}

#[tokio::test]
async fn a_console_call_goes_through_the_gateway_to_the_receiver_and_back() {
    let dir = TempDir::new("receiver-round-trip");
    let (wb, _) = open(dir.path());
    let window = Arc::new(Window::default());
    let status = start(&wb, &window).await;
    assert!(status.running && status.verifying_with.is_some());
    assert_eq!(
        status.templates[0].api, ANY_API,
        "the default success answer"
    );

    let status = wb
        .receiver_route_set(ReceiverRoute {
            customer_id: Some(format!("  {CUSTOMER_ID} ")),
            target_app_key: None,
        })
        .await
        .unwrap();
    assert_eq!(
        status.route.unwrap().customer_id.as_deref(),
        Some(CUSTOMER_ID)
    );
    assert!(status.gateway_url.is_some());

    let outcome = console_call(&wb).await;
    let result = outcome.result.expect("an answer");
    assert!(result.success, "{result:?}");
    let seen = delivered(&window, 1).await;
    assert_eq!(seen[0].verdict, "accepted");
    assert_eq!(seen[0].api.as_deref(), Some(METHOD));
    assert!(!seen[0].failed);
    let receipt = wb.receiver_get(seen[0].id).await.unwrap();
    assert!(receipt.request.body.unwrap().contains("entryOrder"));

    // A business failure for this API: the console shows the receiver's code.
    let mut failure = AnswerTemplate::starter(METHOD);
    failure.kind = TemplateKind::BusinessFailure;
    failure.code = "B001".into();
    failure.message = "单据已存在".into();
    wb.receiver_templates_set(vec![AnswerTemplate::starter(ANY_API), failure])
        .await
        .unwrap();
    let result = console_call(&wb).await.result.expect("an answer");
    assert!(!result.success);
    assert_eq!(result.code.as_deref(), Some("B001"));
    let seen = delivered(&window, 2).await;
    assert!(seen[1].failed && seen[1].template == Some(TemplateKind::BusinessFailure));
    let failures = wb
        .receiver_list(ReceiptQuery {
            only_failures: true,
            ..ReceiptQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(failures.total, 1);

    // Stopped: the gateway no longer forwards, and answers the API itself.
    wb.receiver_stop().await.unwrap();
    let result = console_call(&wb).await.result.expect("an answer");
    assert_ne!(result.code.as_deref(), Some("B001"));
    wb.shutdown().await;
}

#[tokio::test]
async fn a_tampered_request_is_refused_with_its_diagnosis_and_no_secret_is_kept() {
    let dir = TempDir::new("receiver-tampered");
    let (wb, _) = open(dir.path());
    let window = Arc::new(Window::default());
    let status = start(&wb, &window).await;
    let url = status.url.unwrap();
    let answer = qimen_core::client::http_client_builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!(
            "{url}/qimen?method={METHOD}&app_key=23000001&customerId={CUSTOMER_ID}&timestamp=2020-01-01%2000:00:00&v=2.0&sign_method=md5&format=xml&sign=0123456789ABCDEF0123456789ABCDEF"
        ))
        .header("content-type", "text/xml;charset=utf-8")
        .body("<request/>")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(answer.contains("<flag>failure</flag>"), "{answer}");
    let seen = delivered(&window, 1).await;
    assert!(seen[0].failed);
    assert!(
        seen[0].causes.contains(&CauseId::TimestampOutOfWindow),
        "{:?}",
        seen[0].causes
    );
    let receipt = wb.receiver_get(seen[0].id).await.unwrap();
    let diagnosis = receipt.request.diagnosis.clone().expect("diagnosed");
    assert!(!diagnosis.valid);
    // Neither the list's journal nor the detail holds the demo secret.
    let journal = std::fs::read_to_string(dir.path().join("receiver.jsonl")).unwrap();
    let secret = qimen_server::gateway::config::DEMO_ERP_SECRET;
    assert!(!journal.contains(secret));
    assert!(!serde_json::to_string(&receipt).unwrap().contains(secret));
    wb.receiver_clear().await.unwrap();
    assert_eq!(wb.receiver_status().await.unwrap().recorded, 0);
    assert!(!dir.path().join("receiver.jsonl").exists());
    wb.shutdown().await;
}

#[tokio::test]
async fn templates_are_kept_between_runs_and_a_broken_one_names_its_field() {
    let dir = TempDir::new("receiver-templates");
    {
        let (wb, _) = open(dir.path());
        let mut slow = AnswerTemplate::starter(METHOD);
        slow.delay_ms = 1500;
        wb.receiver_templates_set(vec![slow]).await.unwrap();
        let mut broken = AnswerTemplate::starter(METHOD);
        broken.json = "{".into();
        let error = wb.receiver_templates_set(vec![broken]).await.unwrap_err();
        assert_eq!(error.code, "validation.receiver.json");
        assert!(error.message.contains(METHOD), "{}", error.message);
    }
    let (wb, _) = open(dir.path());
    let status = wb.receiver_status().await.unwrap();
    assert_eq!(status.templates.len(), 1);
    assert_eq!(status.templates[0].delay_ms, 1500);
}

#[tokio::test]
async fn a_busy_port_a_missing_secret_and_an_empty_route_each_say_so() {
    let dir = TempDir::new("receiver-refusals");
    let (wb, secrets) = open(dir.path());
    let window = Arc::new(Window::default());
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let error = wb
        .receiver_start(
            ReceiverStartInput {
                port: Some(port),
                profile_id: None,
            },
            window.clone(),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code, "receiver.port_busy");
    assert!(error.message.contains(&port.to_string()));

    let error = wb
        .receiver_route_set(ReceiverRoute {
            customer_id: Some("  ".into()),
            target_app_key: None,
        })
        .await
        .unwrap_err();
    assert_eq!(error.code, "validation.receiver.customer_id");

    use qimen_workbench::secrets::{SecretKey, SecretKind, SecretStore};
    let profile = wb.profiles_list().await.unwrap()[0].profile.id;
    secrets
        .delete(&SecretKey::new(profile, SecretKind::AppSecret))
        .unwrap();
    let error = wb.receiver_start(any_port(), window).await.unwrap_err();
    assert!(error.code.starts_with("secret.missing"), "{}", error.code);
}
