//! Gateway round trips per second over loopback: a client signing each call exactly as the app does,
//! the local gateway validating and answering it. Prints the figures; budgets are read from them, never
//! asserted in timed tests.

use qimen_core::client::{ClientOptions, HttpClient};
use qimen_core::clock::SystemClock;
use qimen_core::protocol::request::{prepare, CallSpec, RawBody};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_server::gateway::{self, config, GatewayConfig};
use std::sync::Arc;
use std::time::{Duration, Instant};

const WARM_UP: usize = 200;
const MEASURE_FOR: Duration = Duration::from_secs(3);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let clock = Arc::new(SystemClock);
    let running = gateway::start(GatewayConfig::demo(), clock.clone(), 0)
        .await
        .expect("the gateway starts on a free loopback port");
    let base = running.base_url();
    let client = HttpClient::new(ClientOptions::default()).expect("an HTTP client");
    let secret = SecretString::from(config::DEMO_ERP_SECRET);

    let time_get = CallSpec::new(ApiFamily::Top, "taobao.time.get", config::DEMO_ERP_APP_KEY);
    let mut entry = CallSpec::new(
        ApiFamily::QimenStandard,
        "taobao.qimen.entryorder.create",
        config::DEMO_ERP_APP_KEY,
    );
    entry.customer_id = Some("OWNER01".into());
    entry.body = Some(RawBody::xml(qimen_core::sign::vectors::EXAMPLE_C_BODY));

    for (label, spec, path) in [
        ("taobao.time.get (TOP, json)", &time_get, "/router/rest"),
        (
            "taobao.qimen.entryorder.create (Qimen XML)",
            &entry,
            "/router/qimen/service",
        ),
    ] {
        let endpoint = format!("{base}{path}");
        let call = || async {
            let req = prepare(spec, &endpoint, &secret, clock.as_ref()).expect("a valid call");
            let exchange = client.send(&req).await.expect("the gateway answers");
            assert_eq!(exchange.status, 200, "{}", exchange.body);
        };
        for _ in 0..WARM_UP {
            call().await;
        }
        let started = Instant::now();
        let mut count = 0u64;
        let mut latencies = Vec::new();
        while started.elapsed() < MEASURE_FOR {
            let one = Instant::now();
            call().await;
            latencies.push(one.elapsed());
            count += 1;
        }
        let elapsed = started.elapsed().as_secs_f64();
        latencies.sort();
        let p50 = latencies[latencies.len() / 2];
        let p99 = latencies[latencies.len() * 99 / 100];
        println!(
            "gateway round trip, {label}: {:.0} calls/s sequential, p50 {:.0} µs, p99 {:.0} µs ({count} calls)",
            count as f64 / elapsed,
            p50.as_secs_f64() * 1e6,
            p99.as_secs_f64() * 1e6,
        );
    }
    running.shutdown().await;
}
