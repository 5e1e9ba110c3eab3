//! Shared by the OAuth tests: the local gateway on 127.0.0.1:0 with a fixed clock, an HTTP client
//! with the platform's timeouts, and a browser that follows the consent page like a user would.
#![allow(dead_code, unused_imports)]

use qimen_core::client::{ClientOptions, HttpClient, ProxySetting};
use qimen_core::clock::FixedClock;
use qimen_server::gateway::{self, GatewayConfig, RunningGateway};
use std::sync::Arc;
use std::time::Duration;

pub use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};

pub const DEMO_NICK: &str = "晴川数码旗舰店";

pub struct Gateway {
    pub running: RunningGateway,
    pub clock: Arc<FixedClock>,
}

impl Gateway {
    pub async fn start() -> Gateway {
        let clock = Arc::new(FixedClock::at_gmt8("2024-05-20 10:15:30").expect("valid time"));
        let running = gateway::start(GatewayConfig::demo(), clock.clone(), 0)
            .await
            .expect("gateway starts on a free port");
        Gateway { running, clock }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.base_url())
    }
}

/// The client the app uses for the local gateway, with a timeout suited to tests.
pub fn http(timeout: Duration) -> HttpClient {
    HttpClient::new(ClientOptions {
        timeout,
        connect_timeout: timeout,
        proxy: ProxySetting::Direct,
        ..ClientOptions::default()
    })
    .expect("client")
}

/// A browser that does not follow redirects by itself, so each step can be checked.
pub fn browser() -> reqwest::Client {
    qimen_core::client::http_client_builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// Opens the authorize page, clicks approve or deny, and returns where the platform redirects.
pub async fn consent(browser: &reqwest::Client, authorize_url: &str, decision: &str) -> String {
    let page = browser
        .get(authorize_url)
        .send()
        .await
        .expect("authorize page");
    assert_eq!(page.status(), 200, "the consent page opens");
    let body = page.text().await.expect("page");
    assert!(body.contains(DEMO_NICK), "the page names the demo shop");
    let url = url::Url::parse(authorize_url).expect("url");
    let mut form = qimen_server::gateway::oauth_page::hidden_fields(&body);
    form.push(("decision".into(), decision.into()));
    let action = format!("{}/authorize", url.origin().ascii_serialization());
    let reply = browser
        .post(action)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form.iter())
                .finish(),
        )
        .send()
        .await
        .expect("decision");
    assert_eq!(
        reply.status(),
        302,
        "the platform redirects to the callback"
    );
    reply
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("a Location")
        .to_string()
}

/// GETs `url` and returns the status and body.
pub async fn visit(browser: &reqwest::Client, url: &str) -> (u16, String) {
    let reply = browser.get(url).send().await.expect("answer");
    let status = reply.status().as_u16();
    (status, reply.text().await.unwrap_or_default())
}
