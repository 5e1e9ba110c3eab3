//! Shared by the gateway integration tests: a gateway on 127.0.0.1:0 with a fixed clock, signing
//! like the SDKs do, and small HTTP helpers (real HTTP through reqwest).
#![allow(dead_code, unused_imports)]

use qimen_core::clock::{format_gmt8, Clock, FixedClock};
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_server::gateway::{self, GatewayConfig, RunningGateway};
use serde_json::Value;
use std::sync::Arc;

pub use qimen_server::gateway::config::{
    DEMO_ERP_APP_KEY, DEMO_ERP_SECRET, DEMO_SANDBOX_APP_KEY, DEMO_SANDBOX_SECRET, DEMO_WMS_APP_KEY,
    DEMO_WMS_SECRET,
};

pub const NOW_GMT8: &str = "2024-05-20 10:15:30";

pub struct TestGateway {
    pub running: RunningGateway,
    pub clock: Arc<FixedClock>,
    pub http: reqwest::Client,
}

impl TestGateway {
    pub async fn start() -> TestGateway {
        Self::with_config(GatewayConfig::demo()).await
    }

    pub async fn with_config(config: GatewayConfig) -> TestGateway {
        let clock = Arc::new(FixedClock::at_gmt8(NOW_GMT8).expect("valid time"));
        let running = gateway::start(config, clock.clone(), 0)
            .await
            .expect("gateway starts on a free port");
        let http = qimen_core::client::http_client_builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestGateway {
            running,
            clock,
            http,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.base_url())
    }

    pub fn clock_millis(&self) -> i64 {
        self.clock.now().timestamp_millis()
    }

    pub fn now_gmt8(&self) -> String {
        format_gmt8(self.clock.now())
    }

    /// GET `path` with every pair in the query string.
    pub async fn get(&self, path: &str, pairs: &[(String, String)]) -> Reply {
        let url = with_query(&self.url(path), pairs);
        Reply::from(self.http.get(url).send().await.expect("gateway answers")).await
    }

    /// POST `query` in the URL and `form` as an urlencoded body.
    pub async fn post_form(
        &self,
        path: &str,
        query: &[(String, String)],
        form: &[(String, String)],
    ) -> Reply {
        let url = with_query(&self.url(path), query);
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form.iter())
            .finish();
        let response = self
            .http
            .post(url)
            .header(
                "content-type",
                "application/x-www-form-urlencoded;charset=utf-8",
            )
            .body(body)
            .send()
            .await
            .expect("gateway answers");
        Reply::from(response).await
    }

    /// POST a raw body with `content_type`, `query` in the URL.
    pub async fn post_body(
        &self,
        path: &str,
        query: &[(String, String)],
        content_type: &str,
        body: &str,
    ) -> Reply {
        let url = with_query(&self.url(path), query);
        let response = self
            .http
            .post(url)
            .header("content-type", content_type)
            .body(body.to_string())
            .send()
            .await
            .expect("gateway answers");
        Reply::from(response).await
    }
}

pub fn with_query(base: &str, pairs: &[(String, String)]) -> String {
    let mut url = url::Url::parse(base).expect("base url");
    if !pairs.is_empty() {
        url.query_pairs_mut().extend_pairs(pairs.iter());
    }
    url.to_string()
}

/// An answer: status, content type and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub location: Option<String>,
    pub body: String,
}

impl Reply {
    async fn from(response: reqwest::Response) -> Reply {
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type").unwrap_or_default();
        let location = header("location");
        let body = response.text().await.expect("body");
        Reply {
            status,
            content_type,
            location,
            body,
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The `error_response` of a TOP JSON answer.
    pub fn top_error(&self) -> Value {
        let v = self.json();
        v.get("error_response")
            .cloned()
            .unwrap_or_else(|| panic!("no error_response: {}", self.body))
    }
}

/// The system parameters of a call at the gateway's fixed time.
pub fn system(method: &str, app_key: &str, format: Option<&str>) -> Vec<(String, String)> {
    let mut p = vec![
        ("method".to_string(), method.to_string()),
        ("app_key".to_string(), app_key.to_string()),
        ("timestamp".to_string(), NOW_GMT8.to_string()),
        ("v".to_string(), "2.0".to_string()),
        ("sign_method".to_string(), "md5".to_string()),
    ];
    if let Some(format) = format {
        p.push(("format".to_string(), format.to_string()));
    }
    p
}

/// Replaces (or adds) a parameter.
pub fn set(pairs: &mut Vec<(String, String)>, key: &str, value: &str) {
    pairs.retain(|(k, _)| k != key);
    pairs.push((key.to_string(), value.to_string()));
}

pub fn remove(pairs: &mut Vec<(String, String)>, key: &str) {
    pairs.retain(|(k, _)| k != key);
}

/// The sign of `pairs` (+ body) with the SDKs' rule, blank values dropped; the method is the one
/// named by the `sign_method` pair (md5 when absent).
pub fn sign_of(pairs: &[(String, String)], body: Option<&str>, secret: &str) -> String {
    let params: Params = pairs.iter().cloned().collect();
    let method = SignMethod::from_param(params.get("sign_method").map(String::as_str));
    sign_top(&params, body, secret, method)
}

/// `pairs` plus their sign.
pub fn signed(
    mut pairs: Vec<(String, String)>,
    body: Option<&str>,
    secret: &str,
) -> Vec<(String, String)> {
    remove(&mut pairs, "sign");
    let sign = sign_of(&pairs, body, secret);
    pairs.push(("sign".to_string(), sign));
    pairs
}

pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Opens the consent page for `query` and returns its form's fields, as a browser would post them
/// (the page's own consent token included).
pub async fn consent_form(gw: &TestGateway, query: &[(String, String)]) -> Vec<(String, String)> {
    let page = gw.get("/authorize", query).await;
    assert_eq!(page.status, 200, "{}", page.body);
    qimen_server::gateway::oauth_page::hidden_fields(&page.body)
}
