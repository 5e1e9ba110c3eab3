//! 联调抓包 below the window: the relay started on the local gateway with the demo profile's secret,
//! a customer's signed call and a wrongly signed one sent through it over HTTP, both listed with
//! their verdicts and the gateway's answer, saved to history, bundled, filtered and cleared; the
//! log file holds no secret and no session; LAN access with its token and allow-list, recording
//! unchecked; a busy port, an unknown upstream and a profile without a secret are refused with
//! their own messages.

mod support;

use qimen_core::clock::format_gmt8;
use qimen_core::diagnose::CauseId;
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_server::gateway::config::{DEMO_ERP_APP_KEY, DEMO_ERP_SECRET};
use qimen_server::relay::Verdict;
use qimen_workbench::live::LiveSink;
use qimen_workbench::secrets::{SecretKey, SecretKind, SecretStore};
use qimen_workbench::traffic::log::TRAFFIC_LOG_FILE;
use qimen_workbench::traffic::{
    ExchangeSummary, TrafficLanInput, TrafficPage, TrafficQuery, TrafficStartInput, TrafficStatus,
};
use qimen_workbench::Workbench;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::workbench::{open, TempDir};

/// A session the customer's call carries: it must never reach the log file.
const CANARY_SESSION: &str = "6201canary0session0traffic000000";

/// The batches the window would get.
#[derive(Default)]
struct Window(Mutex<Vec<ExchangeSummary>>);

impl LiveSink<ExchangeSummary> for Window {
    fn deliver(&self, batch: Vec<ExchangeSummary>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(batch);
    }
}

fn start_input(upstream: &str, diagnose: bool) -> TrafficStartInput {
    TrafficStartInput {
        port: Some(0),
        upstream: upstream.into(),
        profile_id: None,
        diagnose,
        lan: None,
    }
}

/// `taobao.time.get` as a customer's system signs it, with `secret`, as a query string.
fn customer_query(secret: &str, session: Option<&str>) -> String {
    let mut params = Params::new();
    for (k, v) in [
        ("method", "taobao.time.get"),
        ("app_key", DEMO_ERP_APP_KEY),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("format", "json"),
    ] {
        params.insert(k.into(), v.into());
    }
    if let Some(session) = session {
        params.insert("session".into(), session.into());
    }
    params.insert("timestamp".into(), format_gmt8(chrono::Utc::now()));
    let sign = sign_top(&params, None, secret, SignMethod::Md5);
    params.insert("sign".into(), sign);
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter())
        .finish()
}

/// The customer's system's HTTP client.
fn client() -> reqwest::Client {
    let builder = qimen_core::client::http_client_builder().no_proxy();
    builder
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// Sends the call to the relay's `/router/rest` and returns the answer's body.
async fn send(status: &TrafficStatus, query: &str) -> String {
    let url = &status.urls[0].url;
    assert!(url.ends_with("/router/rest"), "{url}");
    let answer = client()
        .post(format!("{url}?{query}"))
        .header(
            "content-type",
            "application/x-www-form-urlencoded;charset=utf-8",
        )
        .send()
        .await
        .expect("the relay answers");
    assert_eq!(answer.status(), 200);
    answer.text().await.expect("a body")
}

/// The exchanges in memory matching `query`.
async fn list(wb: &Workbench, query: TrafficQuery) -> TrafficPage {
    wb.traffic_list(query).await.expect("a list")
}

/// Waits until the relay has recorded `n` exchanges (recording happens off the caller's path).
async fn recorded(wb: &Workbench, n: u64) {
    for _ in 0..100 {
        if list(wb, TrafficQuery::default()).await.total >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{n} exchanges were not recorded");
}

#[tokio::test]
async fn calls_through_the_relay_are_diagnosed_listed_saved_bundled_and_cleared() {
    let dir = TempDir::new("traffic");
    let (wb, _secrets) = open(dir.path());
    let window = Arc::new(Window::default());
    let status = wb
        .traffic_start(start_input("local", true), window.clone())
        .await
        .expect("the relay starts");
    assert!(status.running);
    assert_eq!(status.urls.len(), 5);
    assert!(status.diagnosing_with.is_some(), "{status:?}");
    assert!(status.lan_warning.is_none());

    let good = send(&status, &customer_query(DEMO_ERP_SECRET, None)).await;
    assert!(good.contains("time_get_response"), "{good}");
    let wrong = "not-the-secret-0000000000000000000";
    let bad = send(&status, &customer_query(wrong, Some(CANARY_SESSION))).await;
    assert!(bad.contains("\"code\":25"), "{bad}");
    recorded(&wb, 2).await;

    let page = list(&wb, TrafficQuery::default()).await;
    let (newest, oldest) = (&page.items[0], &page.items[1]);
    assert_eq!(oldest.verdict, Verdict::Valid, "{oldest:?}");
    assert!(!oldest.failed);
    assert_eq!(newest.verdict, Verdict::Invalid, "{newest:?}");
    assert_eq!(newest.platform_code.as_deref(), Some("25"));
    assert!(newest.causes.contains(&CauseId::WrongSecret), "{newest:?}");
    assert!(newest.failed);

    // Filters: failures only, and words.
    let failures = TrafficQuery {
        only_failures: true,
        ..TrafficQuery::default()
    };
    let page = list(&wb, failures).await;
    assert_eq!((page.total, page.items[0].id), (1, newest.id));
    let words = TrafficQuery {
        text: Some("TIME.GET wrong-secret".into()),
        ..TrafficQuery::default()
    };
    assert_eq!(list(&wb, words).await.total, 1);

    let detail = wb.traffic_get(newest.id).await.expect("the exchange");
    assert!(
        detail.endpoint.ends_with("/router/rest"),
        "{}",
        detail.endpoint
    );
    assert!(detail.explanation.is_some(), "code 25 is explained");
    assert!(detail.exchange.diagnosis.is_some());

    let saved = wb
        .traffic_save_to_history(newest.id)
        .await
        .expect("saved to history");
    let entry = wb
        .history_get(saved.history_id)
        .await
        .expect("in history")
        .entry;
    assert_eq!(entry.summary.method, "taobao.time.get");
    assert_eq!(entry.summary.code.as_deref(), Some("25"));
    assert!(!entry.request.to_string().contains(CANARY_SESSION));
    let again = wb
        .history_call_input(saved.history_id)
        .await
        .expect("opens in the console");
    assert_eq!(again.draft.method, "taobao.time.get");

    let calls = wb
        .traffic_bundle(vec![oldest.id, newest.id])
        .await
        .expect("as calls");
    assert_eq!(calls.len(), 2);
    assert!(calls[1].diagnosis.is_some() && calls[1].explanation.is_some());
    let text = wb.repro_bundle_text(calls).expect("a bundle");
    assert!(!text.contains(CANARY_SESSION) && !text.contains(DEMO_ERP_SECRET));

    wb.traffic_stop().await.expect("stops");
    let seen = window.0.lock().map(|batches| batches.len()).unwrap_or(0);
    assert!(seen >= 2, "the window got the exchanges");
    let log = std::fs::read_to_string(dir.path().join(TRAFFIC_LOG_FILE)).expect("the log");
    assert_eq!(log.lines().count(), 2);
    for canary in [
        DEMO_ERP_SECRET,
        &DEMO_ERP_SECRET[..16],
        CANARY_SESSION,
        &CANARY_SESSION[..16],
    ] {
        assert!(!log.contains(canary), "the log holds {canary}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(dir.path().join(TRAFFIC_LOG_FILE)).expect("meta");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }

    wb.traffic_clear().await.expect("cleared");
    assert_eq!(list(&wb, TrafficQuery::default()).await.total, 0);
    assert!(!dir.path().join(TRAFFIC_LOG_FILE).exists());
    let gone = wb.traffic_get(newest.id).await.expect_err("cleared");
    assert_eq!(gone.code, "not_found.traffic");
}

#[tokio::test]
async fn lan_access_takes_checked_addresses_and_a_path_token() {
    let dir = TempDir::new("traffic-lan");
    let (wb, _secrets) = open(dir.path());
    let lan = |clients: &[&str]| TrafficStartInput {
        lan: Some(TrafficLanInput {
            bind: "127.0.0.1".into(),
            allowed_clients: clients.iter().map(|c| c.to_string()).collect(),
        }),
        ..start_input("local", false)
    };
    for clients in [&["192.168.1.x"][..], &[]] {
        let err = wb
            .traffic_start(lan(clients), Arc::new(Window::default()))
            .await
            .expect_err("not a list of addresses");
        assert_eq!(err.code, "validation.traffic.clients", "{clients:?}");
    }
    let status = wb
        .traffic_start(lan(&["192.168.1.35"]), Arc::new(Window::default()))
        .await
        .expect("the relay starts");
    assert!(status
        .lan_warning
        .as_deref()
        .is_some_and(|w| w.contains("192.168.1.35")));
    assert_eq!(status.diagnosing_with, None);
    let base = status.base_url.clone().expect("a base URL");
    let url = url::Url::parse(&base).expect("a URL");
    assert!(url.path().len() > 8, "a path token: {base}");
    assert!(status.urls.iter().all(|u| u.url.starts_with(&base)));

    send(&status, &customer_query(DEMO_ERP_SECRET, None)).await;
    recorded(&wb, 1).await;
    let page = list(&wb, TrafficQuery::default()).await;
    assert_eq!(page.items[0].verdict, Verdict::Unchecked);
    assert_eq!(page.items[0].path, "/router/rest");
    let port = url.port().expect("a port");
    let plain = client()
        .post(format!("http://127.0.0.1:{port}/router/rest"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(plain.status(), 404, "no token, nothing there");

    wb.shutdown().await;
    assert!(!wb.traffic_status().await.expect("a status").running);
}

#[tokio::test]
async fn a_busy_port_a_missing_secret_and_a_second_start_are_refused_in_words() {
    let dir = TempDir::new("traffic-refused");
    let (wb, secrets) = open(dir.path());

    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("addr").port();
    let busy = TrafficStartInput {
        port: Some(port),
        ..start_input("local", true)
    };
    let err = wb
        .traffic_start(busy, Arc::new(Window::default()))
        .await
        .expect_err("the port is taken");
    assert_eq!(err.code, "relay.port_in_use");
    assert!(
        err.message.contains(&port.to_string()) && err.message.contains("占用"),
        "{}",
        err.message
    );

    let err = wb
        .traffic_start(start_input("moon", true), Arc::new(Window::default()))
        .await
        .expect_err("not an upstream");
    assert_eq!(err.code, "relay.bad_upstream");

    let running = wb
        .traffic_start(start_input("local", true), Arc::new(Window::default()))
        .await
        .expect("starts");
    let err = wb
        .traffic_start(start_input("local", true), Arc::new(Window::default()))
        .await
        .expect_err("one relay at a time");
    assert_eq!(err.code, "traffic.running");
    assert!(err
        .message
        .contains(running.base_url.as_deref().unwrap_or("?")));
    wb.traffic_stop().await.expect("stops");

    let profile = wb.profiles_list().await.expect("profiles")[0].profile.id;
    secrets
        .delete(&SecretKey::new(profile, SecretKind::AppSecret))
        .expect("deleted");
    let err = wb
        .traffic_start(start_input("local", true), Arc::new(Window::default()))
        .await
        .expect_err("no secret to diagnose with");
    assert_eq!(err.code, "secret.missing.app_secret");
    assert!(err.message.contains("只记录和转发"), "{}", err.message);
}
