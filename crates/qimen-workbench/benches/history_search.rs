//! History search at scale: records 100 000 realistic calls (see `history_search/calls.rs`) through
//! the store's own insert path into a database in a temporary folder, then times each kind of
//! search the history page makes (first page of 20, median of several runs) and prints the
//! database's size against the raw text it was given. Run with `make bench`.
//!
//! `QIMEN_BENCH_CALLS` sets another number of calls (a quick look: 10000); `QIMEN_BENCH_KEEP`
//! names an empty folder to write the database into and leave it there for a closer look.

#[path = "history_search/calls.rs"]
mod calls;

use calls::{Kind, Rng};
use qimen_workbench::store::{HistoryQuery, HistoryRecord, Store, DATABASE_FILE};
use std::time::{Duration, Instant};

/// How often each query runs after one warm-up run; the median is reported.
const RUNS: usize = 9;
/// Each kind's goal at 100 000 calls.
const GOAL_MS: f64 = 50.0;

/// What was recorded: the raw text given to the store and the numbers the searches should find.
#[derive(Default)]
struct Recorded {
    raw_bytes: u64,
    largest_body: usize,
    trades_sold: u64,
    code_25: u64,
    invalid_signature: u64,
    order_code: Option<String>,
}

fn fill(store: &Store, calls: u64) -> Recorded {
    let mut rng = Rng::new(20_240_501);
    let mut seen = Recorded::default();
    for n in 0..calls {
        let call = calls::call(n, &mut rng);
        let request_json = serde_json::to_string(&call.request).unwrap_or_default();
        seen.raw_bytes += (request_json.len() + call.outcome.body.len()) as u64;
        seen.largest_body = seen.largest_body.max(call.outcome.body.len());
        match call.kind {
            Kind::TradesSold => seen.trades_sold += 1,
            Kind::Error("25") => {
                seen.code_25 += 1;
                seen.invalid_signature += 1;
            }
            _ => {}
        }
        if seen.order_code.is_none() && n >= calls / 2 {
            seen.order_code = call.order_code.clone();
        }
        let origin = qimen_workbench::store::CallOrigin {
            profile_id: None,
            profile_name: "店铺正式配置".into(),
            environment: "production".into(),
            at: call.at,
        };
        let record = HistoryRecord::new(&call.request, origin, call.outcome)
            .unwrap_or_else(|e| panic!("call {n}: {e}"));
        store
            .history_insert(&record)
            .unwrap_or_else(|e| panic!("call {n}: {e}"));
    }
    seen
}

/// The median, min and max time of `RUNS` runs of `query`, and what its page said.
fn time(store: &Store, query: &HistoryQuery) -> (Duration, Duration, Duration, String) {
    let run = || {
        let started = Instant::now();
        let page = store
            .history_list(query)
            .unwrap_or_else(|e| panic!("{query:?}: {e}"));
        (started.elapsed(), page)
    };
    let (_, page) = run();
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run().0).collect();
    times.sort();
    // A count that stopped at the limit is shown as the page shows it: "1000+".
    let more = if page.total_is_lower_bound { "+" } else { "" };
    let shown = format!("{}{more}", page.total);
    (times[RUNS / 2], times[0], times[RUNS - 1], shown)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is taken from the command line.
    let calls: u64 = std::env::var("QIMEN_BENCH_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let temp = tempfile::tempdir().expect("a temporary folder");
    let dir =
        std::env::var_os("QIMEN_BENCH_KEEP").map_or_else(|| temp.path().to_path_buf(), Into::into);
    let store = Store::open(&dir).expect("a new database");
    store
        .settings_set_history_retention(calls.max(1) as u32)
        .expect("retention");
    let started = Instant::now();
    let seen = fill(&store, calls);
    let filled = started.elapsed();
    println!(
        "history_search: {calls} calls recorded in {:.1} s ({:.0} calls/s), largest answer {:.1} KiB",
        filled.as_secs_f64(),
        calls as f64 / filled.as_secs_f64(),
        seen.largest_body as f64 / 1024.0
    );

    let text = |t: &str| HistoryQuery {
        text: Some(t.to_string()),
        limit: 20,
        ..HistoryQuery::default()
    };
    let order_code = seen.order_code.clone().unwrap_or_default();
    let kinds: Vec<(&str, HistoryQuery, String)> = vec![
        (
            "newest page, no filter",
            HistoryQuery {
                limit: 20,
                ..HistoryQuery::default()
            },
            format!("{calls}"),
        ),
        (
            "method name",
            text("taobao.trades.sold.get"),
            format!("{}", seen.trades_sold),
        ),
        ("identifier in a body", text(&order_code), "1".into()),
        ("2-char Chinese 餐具", text("餐具"), "-".into()),
        ("1-char Chinese 碗", text("碗"), "-".into()),
        ("numeric code 25", text("25"), format!("≥ {}", seen.code_25)),
        (
            "sub_code",
            text("isv.invalid-signature"),
            format!("{}", seen.invalid_signature),
        ),
        ("3-char Chinese 上海仓", text("上海仓"), "-".into()),
        (
            "word + failures only",
            HistoryQuery {
                success: Some(false),
                ..text("上海仓")
            },
            "0".into(),
        ),
        (
            "near miss (typo)",
            text("taobao.trade.sold.get"),
            "0".into(),
        ),
    ];
    println!(
        "{:<26} {:>9} {:>9} {:>9}  {:>8}  {:>10}  query",
        "kind", "median ms", "min ms", "max ms", "goal", "total"
    );
    for (kind, query, expected) in &kinds {
        let (median, min, max, total) = time(&store, query);
        let verdict = if ms(median) <= GOAL_MS { "ok" } else { "SLOW" };
        println!(
            "{kind:<26} {:>9.2} {:>9.2} {:>9.2}  {verdict:>8}  {total:>10}  {} (expected {expected})",
            ms(median),
            ms(min),
            ms(max),
            query.text.as_deref().unwrap_or("")
        );
    }
    drop(store);
    sizes(&dir, seen.raw_bytes);
}

/// The database's size (main file and WAL) against the raw text, and the largest tables.
fn sizes(dir: &std::path::Path, raw: u64) {
    let file = dir.join(DATABASE_FILE);
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let total = size(&file) + size(&dir.join(format!("{DATABASE_FILE}-wal")));
    println!(
        "database: {:.1} MiB for {:.1} MiB of raw text (request JSON + answers) = {:.2}× (goal ≤ 2×)",
        mib(total),
        mib(raw),
        total as f64 / raw.max(1) as f64
    );
    let Ok(conn) = rusqlite::Connection::open(&file) else {
        return;
    };
    let Ok(mut stmt) =
        conn.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8")
    else {
        return;
    };
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)));
    for (name, bytes) in rows.into_iter().flatten().flatten() {
        println!("  {name:<28} {:>9.1} MiB", mib(bytes.max(0) as u64));
    }
}
