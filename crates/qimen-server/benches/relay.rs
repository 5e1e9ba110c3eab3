//! The relay's cost: the same signed call sent straight to the local gateway and through the relay
//! (recording only, and diagnosing every call with the secret), sequential latency (p50 / p99) and
//! throughput with 32 concurrent callers. Prints the figures; nothing is asserted on timings.

use qimen_core::client::{ClientOptions, HttpClient, ProxySetting};
use qimen_core::clock::{Clock, SystemClock};
use qimen_core::protocol::request::{prepare, CallSpec};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_server::gateway::{self, config, GatewayConfig};
use qimen_server::relay::{self, Exchange, RelayConfig};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const WARM_UP: usize = 300;
const MEASURE_FOR: Duration = Duration::from_secs(3);
const CONCURRENCY: usize = 32;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run());
}

/// One signed `taobao.time.get` to `base`.
async fn call(client: &HttpClient, base: &str, clock: &dyn Clock) {
    let spec = CallSpec::new(ApiFamily::Top, "taobao.time.get", config::DEMO_ERP_APP_KEY);
    let secret = SecretString::from(config::DEMO_ERP_SECRET);
    let request = prepare(&spec, &format!("{base}/router/rest"), &secret, clock).expect("a call");
    let exchange = client.send(&request).await.expect("an answer");
    assert!(
        exchange.body.contains("time_get_response"),
        "{}",
        exchange.body
    );
}

/// Sequential latencies (sorted) and calls per second.
async fn sequential(client: &HttpClient, base: &str, clock: &dyn Clock) -> (Vec<Duration>, f64) {
    for _ in 0..WARM_UP {
        call(client, base, clock).await;
    }
    let started = Instant::now();
    let mut latencies = Vec::new();
    while started.elapsed() < MEASURE_FOR {
        let one = Instant::now();
        call(client, base, clock).await;
        latencies.push(one.elapsed());
    }
    latencies.sort();
    let rate = latencies.len() as f64 / started.elapsed().as_secs_f64();
    (latencies, rate)
}

/// Calls per second with `CONCURRENCY` callers at once.
async fn concurrent(client: &HttpClient, base: &str) -> f64 {
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut callers = Vec::new();
    for _ in 0..CONCURRENCY {
        let (client, base, done) = (client.clone(), base.to_string(), done.clone());
        callers.push(tokio::spawn(async move {
            while started.elapsed() < MEASURE_FOR {
                call(&client, &base, &SystemClock).await;
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for caller in callers {
        caller.await.expect("a caller");
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

async fn run() {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let gateway = gateway::start(GatewayConfig::demo(), clock.clone(), 0)
        .await
        .expect("the gateway starts");
    let options = ClientOptions {
        proxy: ProxySetting::Direct,
        ..ClientOptions::default()
    };
    let client = HttpClient::new(options).expect("an HTTP client");
    let recorded = Arc::new(AtomicU64::new(0));
    let count = recorded.clone();
    let sink = Arc::new(move |_: Exchange| {
        count.fetch_add(1, Ordering::Relaxed);
    });
    let plain = relay::start(
        RelayConfig::new(gateway.base_url()),
        sink.clone(),
        clock.clone(),
    )
    .await
    .expect("the relay starts");
    let mut config = RelayConfig::new(gateway.base_url());
    config.secret = Some(SecretString::from(config::DEMO_ERP_SECRET));
    let diagnosing = relay::start(config, sink, clock.clone())
        .await
        .expect("the relay starts");

    let targets = [
        ("direct to the gateway", gateway.base_url()),
        ("through the relay, recording", plain.base_url()),
        ("through the relay, diagnosing", diagnosing.base_url()),
    ];
    let mut direct_p = (0.0, 0.0);
    for (label, base) in &targets {
        let (latencies, rate) = sequential(&client, base, clock.as_ref()).await;
        let p50 = micros(latencies[latencies.len() / 2]);
        let p99 = micros(latencies[latencies.len() * 99 / 100]);
        let throughput = concurrent(&client, base).await;
        let added = if label.starts_with("direct") {
            direct_p = (p50, p99);
            String::new()
        } else {
            format!(
                ", added p50 {:.0} µs, p99 {:.0} µs",
                p50 - direct_p.0,
                p99 - direct_p.1
            )
        };
        println!(
            "relay bench, taobao.time.get {label}: p50 {p50:.0} µs, p99 {p99:.0} µs{added}; {rate:.0} calls/s sequential, {throughput:.0} calls/s with {CONCURRENCY} callers"
        );
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    println!(
        "relay bench: {} exchanges recorded",
        recorded.load(Ordering::Relaxed)
    );
    plain.shutdown().await;
    diagnosing.shutdown().await;
    gateway.shutdown().await;
}
