//! Forwarding to a provider started by the test: the provider checks, with the official SpiUtils rule
//! and its own secret, that the gateway re-signed the call, and its answer comes back unchanged. An
//! unreachable provider becomes a Qimen failure that names its URL.

mod support;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use qimen_core::sign::spi::{verify, InboundRequest};
use qimen_server::gateway::GatewayConfig;
use std::sync::{Arc, Mutex};
use support::*;

const PROVIDER_KEY: &str = "23999002";
const PROVIDER_SECRET: &str = "provider-own-secret-0001";
const CUSTOMER_ID: &str = "WMS-CUST-01";
/// The caller registered in the config: only such an app may reach a provider.
const CALLER_KEY: &str = "23999001";
const CALLER_SECRET: &str = "caller-own-secret-00001";

/// What the provider saw of each request.
#[derive(Debug, Clone)]
struct Seen {
    query: String,
    content_type: String,
    body: String,
    sign_valid: bool,
}

type Log = Arc<Mutex<Vec<Seen>>>;

async fn provider_handler(
    State(log): State<Log>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: String,
) -> (StatusCode, [(&'static str, &'static str); 1], String) {
    let query = query.unwrap_or_default();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let mut request = InboundRequest::from_query(&query);
    if content_type.starts_with("application/x-www-form-urlencoded") {
        request = request.with_form_body(&body);
    } else {
        request = request.with_body(body.clone());
    }
    let sign_valid = verify(&request, PROVIDER_SECRET).is_valid();
    log.lock().unwrap().push(Seen {
        query,
        content_type,
        body,
        sign_valid,
    });
    // A status and body the gateway could not have made up, to prove they are relayed as-is.
    (
        StatusCode::ACCEPTED,
        [("content-type", "text/xml;charset=utf-8")],
        format!(
            "<response><flag>{}</flag><code>from-provider</code><message>seen</message></response>",
            if sign_valid { "success" } else { "failure" }
        ),
    )
}

async fn start_provider() -> (String, Log, tokio::task::JoinHandle<()>) {
    let log: Log = Arc::default();
    let app = Router::new()
        .route("/qimen", post(provider_handler))
        .with_state(log.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/qimen", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, log, task)
}

fn config_with_provider(url: &str) -> GatewayConfig {
    GatewayConfig::from_toml(&format!(
        "[[app]]\napp_key = \"{CALLER_KEY}\"\nsecret = \"{CALLER_SECRET}\"\n\n[[provider]]\napp_key = \"{PROVIDER_KEY}\"\nsecret = \"{PROVIDER_SECRET}\"\nurl = \"{url}\"\ncustomer_id = \"{CUSTOMER_ID}\"\n"
    ))
    .unwrap()
}

const BODY: &str =
    "<request><deliveryOrder><deliveryOrderCode>D1</deliveryOrderCode></deliveryOrder></request>";

#[tokio::test]
async fn qimen_standard_call_by_customer_id_is_resigned_and_relayed() {
    let (url, log, provider) = start_provider().await;
    let gw = TestGateway::with_config(config_with_provider(&url)).await;
    let mut p = system("taobao.qimen.deliveryorder.create", CALLER_KEY, Some("xml"));
    set(&mut p, "customerId", CUSTOMER_ID);
    set(&mut p, "empty", "");
    let p = signed(p, Some(BODY), CALLER_SECRET);
    let reply = gw
        .post_body("/router/qimen/service", &p, "text/xml;charset=utf-8", BODY)
        .await;
    // The provider's own status and body came back unchanged.
    assert_eq!(reply.status, 202);
    assert_eq!(
        reply.body,
        "<response><flag>success</flag><code>from-provider</code><message>seen</message></response>"
    );
    let seen = log.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].sign_valid,
        "SpiUtils verification with the provider's secret: {seen:?}"
    );
    assert_eq!(seen[0].body, BODY);
    assert!(seen[0].content_type.starts_with("text/xml"));
    // The caller's identity and time travel on; the caller's sign does not.
    let q: Vec<(String, String)> = form_urlencoded::parse(seen[0].query.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("app_key"), Some(CALLER_KEY));
    assert_eq!(get("customerId"), Some(CUSTOMER_ID));
    assert_eq!(get("timestamp"), Some(NOW_GMT8));
    assert_eq!(get("sign_method"), Some("md5"));
    assert_eq!(get("empty"), None, "blank params are not forwarded");
    let caller_sign = p.iter().find(|(k, _)| k == "sign").map(|(_, v)| v.as_str());
    assert_ne!(get("sign"), caller_sign);
    gw.running.shutdown().await;
    provider.abort();
}

#[tokio::test]
async fn qimen_cloud_form_call_by_target_app_key_is_forwarded() {
    let (url, log, provider) = start_provider().await;
    let gw = TestGateway::with_config(config_with_provider(&url)).await;
    let mut p = system("wms.custom.stock.query", CALLER_KEY, Some("json"));
    set(&mut p, "target_app_key", PROVIDER_KEY);
    set(&mut p, "itemCode", "SKU-001 蓝色");
    let p = signed(p, None, CALLER_SECRET);
    let (form, query): (Vec<_>, Vec<_>) = p.into_iter().partition(|(k, _)| k == "itemCode");
    let reply = gw.post_form("/router/qmtest", &query, &form).await;
    assert_eq!(reply.status, 202, "{}", reply.body);
    let seen = log.lock().unwrap().clone();
    assert!(seen[0].sign_valid, "{seen:?}");
    // Business params stay in the form body, where the caller put them.
    assert!(seen[0]
        .content_type
        .starts_with("application/x-www-form-urlencoded"));
    assert!(seen[0].body.contains("itemCode="), "{seen:?}");
    gw.running.shutdown().await;
    provider.abort();
}

#[tokio::test]
async fn the_caller_is_still_checked_before_forwarding() {
    let (url, log, provider) = start_provider().await;
    let gw = TestGateway::with_config(config_with_provider(&url)).await;
    let mut p = system("wms.custom.stock.query", CALLER_KEY, Some("json"));
    set(&mut p, "target_app_key", PROVIDER_KEY);
    let reply = gw
        .get("/router/qm", &signed(p, None, "not-the-caller-secret"))
        .await;
    let v = reply.json();
    assert_eq!(v["response"]["flag"], "failure");
    assert_eq!(v["response"]["code"], "25");
    assert!(
        log.lock().unwrap().is_empty(),
        "a badly signed call never reaches the provider"
    );
    gw.running.shutdown().await;
    provider.abort();
}

#[tokio::test]
async fn an_unreachable_provider_is_a_qimen_failure_naming_its_url() {
    // A port that was free a moment ago and is closed now: connection refused.
    let url = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/qimen", listener.local_addr().unwrap())
    };
    let gw = TestGateway::with_config(config_with_provider(&url)).await;
    let mut p = system("taobao.qimen.deliveryorder.create", CALLER_KEY, Some("xml"));
    set(&mut p, "customerId", CUSTOMER_ID);
    let p = signed(p, Some(BODY), CALLER_SECRET);
    let reply = gw
        .post_body("/router/qimen/service", &p, "text/xml", BODY)
        .await;
    assert!(
        reply
            .body
            .contains("<flag>failure</flag><code>isp.top-remote-connection-timeout</code>"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains(&url), "{}", reply.body);
    gw.running.shutdown().await;
}

#[tokio::test]
async fn a_built_in_demo_app_may_not_reach_a_configured_provider() {
    let (url, log, provider) = start_provider().await;
    let gw = TestGateway::with_config(config_with_provider(&url)).await;
    let mut p = system("wms.custom.stock.query", DEMO_ERP_APP_KEY, Some("json"));
    set(&mut p, "target_app_key", PROVIDER_KEY);
    let p = signed(p, None, DEMO_ERP_SECRET);
    let reply = gw.post_form("/router/qm", &p, &[]).await;
    assert!(reply.body.contains("\"code\":\"11\""), "{}", reply.body);
    assert!(reply.body.contains("[[app]]"), "{}", reply.body);
    assert!(
        log.lock().unwrap().is_empty(),
        "nothing reached the provider"
    );
    gw.running.shutdown().await;
    provider.abort();
}
