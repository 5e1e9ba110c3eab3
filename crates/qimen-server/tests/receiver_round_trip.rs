//! The round trip the desktop app shows on one machine: a call to the gateway naming a customerId
//! is re-signed and forwarded to the real receiver registered while the gateway runs; the receiver
//! verifies it with its own secret and answers from the template picked for the API.

mod support;

use qimen_core::clock::{Clock, FixedClock};
use qimen_core::diagnose::CauseId;
use qimen_core::sensitive::SecretString;
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};
use qimen_server::gateway::ProviderConfig;
use qimen_server::receiver::{
    self, AnswerTemplate, ReceiptVerdict, ReceivedRequest, ReceiverConfig, TemplateKind, ANY_API,
};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::*;

const RECEIVER_SECRET: &str = "receiving-app-secret-0001";
const CUSTOMER_ID: &str = "MY-WMS-01";
const METHOD: &str = "taobao.qimen.entryorder.create";
const BODY: &str =
    "<request><entryOrder><entryOrderCode>E1</entryOrderCode></entryOrder></request>";

async fn start_receiver(templates: Vec<AnswerTemplate>) -> receiver::RunningReceiver {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock::at_gmt8(NOW_GMT8).unwrap());
    let mut config = ReceiverConfig::new(SecretString::from(RECEIVER_SECRET));
    config.templates = templates;
    receiver::start(config, clock, 0).await.unwrap()
}

fn provider_for(url: String, open_to_demo_apps: bool) -> ProviderConfig {
    ProviderConfig {
        app_key: "23999100".into(),
        secret: SecretString::from(RECEIVER_SECRET),
        url,
        customer_id: Some(CUSTOMER_ID.into()),
        name: "the app's receiver".into(),
        open_to_demo_apps,
    }
}

async fn call(gw: &TestGateway, format: &str) -> Reply {
    let mut p = system(METHOD, DEMO_ERP_APP_KEY, Some(format));
    set(&mut p, "customerId", CUSTOMER_ID);
    let p = signed(p, Some(BODY), DEMO_ERP_SECRET);
    gw.post_body("/router/qimen/service", &p, "text/xml;charset=utf-8", BODY)
        .await
}

async fn next(records: &mut tokio::sync::broadcast::Receiver<ReceivedRequest>) -> ReceivedRequest {
    tokio::time::timeout(Duration::from_secs(5), records.recv())
        .await
        .expect("a record within 5 s")
        .expect("open channel")
}

#[tokio::test]
async fn a_demo_call_reaches_the_registered_receiver_and_each_template_answers() {
    let receiver = start_receiver(vec![AnswerTemplate::starter(METHOD)]).await;
    let mut records = receiver.subscribe();
    let gw = TestGateway::start().await;
    gw.running
        .set_added_providers(vec![provider_for(receiver.url(), true)]);

    let reply = call(&gw, "xml").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply
            .body
            .contains("<entryOrderId>E202412010001</entryOrderId>"),
        "{}",
        reply.body
    );
    let record = next(&mut records).await;
    assert_eq!(
        record.verdict,
        ReceiptVerdict::Accepted,
        "the gateway re-signed with the receiver's secret"
    );
    assert_eq!(record.answer.template, Some(TemplateKind::Success));
    assert_eq!(record.body.as_deref(), Some(BODY));
    assert!(record.diagnosis.is_none());

    // A business failure, asked for in JSON, for this API only; others keep the default.
    let mut failure = AnswerTemplate::starter(METHOD);
    failure.kind = TemplateKind::BusinessFailure;
    failure.code = "B001".into();
    failure.message = "单据已存在".into();
    receiver
        .receiver()
        .set_templates(vec![AnswerTemplate::starter(ANY_API), failure])
        .unwrap();
    let reply = call(&gw, "json").await;
    assert_eq!(reply.json()["response"]["code"], "B001", "{}", reply.body);
    assert_eq!(reply.json()["response"]["flag"], "failure");
    assert_eq!(
        next(&mut records).await.answer.format,
        receiver::AnswerFormat::Json
    );

    // A sign-check failure on request, a delay, and a server error.
    let mut refuse = AnswerTemplate::starter(METHOD);
    refuse.kind = TemplateKind::SignCheckFailure;
    refuse.delay_ms = 300;
    receiver.receiver().set_templates(vec![refuse]).unwrap();
    let started = Instant::now();
    let reply = call(&gw, "xml").await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(
        reply.body.contains("<code>sign-check-failure</code>"),
        "{}",
        reply.body
    );
    let record = next(&mut records).await;
    assert_eq!(
        record.verdict,
        ReceiptVerdict::Accepted,
        "the sign itself verified"
    );
    assert!(record.answer.took_ms >= 300);

    let mut broken = AnswerTemplate::starter(METHOD);
    broken.kind = TemplateKind::ServerError;
    receiver.receiver().set_templates(vec![broken]).unwrap();
    assert_eq!(call(&gw, "xml").await.status, 500);
    assert_eq!(next(&mut records).await.answer.status, 500);

    // A bad template is refused by name and the working one stays.
    let mut bad = AnswerTemplate::starter(METHOD);
    bad.json = "{".into();
    assert_eq!(
        receiver
            .receiver()
            .set_templates(vec![bad])
            .unwrap_err()
            .field,
        "json"
    );
    assert_eq!(
        receiver.receiver().templates()[0].kind,
        TemplateKind::ServerError
    );

    gw.running.shutdown().await;
    receiver.shutdown().await;
}

#[tokio::test]
async fn a_provider_not_opened_to_demo_apps_refuses_them_and_can_be_unregistered() {
    let receiver = start_receiver(Vec::new()).await;
    let gw = TestGateway::start().await;
    gw.running
        .set_added_providers(vec![provider_for(receiver.url(), false)]);
    let reply = call(&gw, "xml").await;
    assert!(reply.body.contains("<code>11</code>"), "{}", reply.body);
    // Unregistered: the gateway answers the API itself again (its own entryorder checks).
    gw.running.set_added_providers(Vec::new());
    let reply = call(&gw, "xml").await;
    assert!(!reply.body.contains("<code>11</code>"), "{}", reply.body);
    gw.running.shutdown().await;
    receiver.shutdown().await;
}

#[tokio::test]
async fn a_tampered_forward_is_refused_with_the_diagnosis() {
    let receiver = start_receiver(Vec::new()).await;
    let mut records = receiver.subscribe();
    // Signed with another secret than the receiver's: as if the provider registered the wrong one.
    let mut p = system(METHOD, DEMO_ERP_APP_KEY, Some("xml"));
    set(&mut p, "customerId", CUSTOMER_ID);
    set(&mut p, "session", "6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4");
    let p = signed(p, Some(BODY), "another-secret");
    let url = with_query(&format!("{}/qimen", receiver.url()), &p);
    let reply = qimen_core::client::http_client_builder()
        .build()
        .expect("an HTTP client")
        .post(url)
        .header("content-type", "text/xml;charset=utf-8")
        .body(BODY)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(reply.contains("sign-check-failure"), "{reply}");
    let record = next(&mut records).await;
    assert!(matches!(
        record.verdict,
        ReceiptVerdict::SignMismatch { .. }
    ));
    let diagnosis = record.diagnosis.expect("a refused sign is diagnosed");
    assert!(!diagnosis.valid);
    assert!(
        diagnosis
            .causes
            .iter()
            .any(|c| c.id == CauseId::WrongSecret),
        "{:?}",
        diagnosis.causes
    );
    let shown = serde_json::to_string(&diagnosis).unwrap();
    assert!(
        !shown.contains(RECEIVER_SECRET) && !shown.contains("6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4")
    );
    receiver.shutdown().await;
}
