//! Tests of the demo 旺店通 custom 企业版 queries: credentials and `wdt_sign`, filters, paging,
//! privacy and determinism. The official CRM API is tested in `crm_tests.rs`.

use super::tests::{call_with, err, now, ok, params};
use super::*;
use crate::gateway::api_contract::ApiOutcome;
use chrono::Duration;
use qimen_core::clock::format_gmt8;
use qimen_core::sign::wdt::{wdt_sign, WdtFlavour};
use qimen_core::sign::Params;
use serde_json::{json, Value};

const TRADE: &str = "hu3cgwt0tc.wdt.trade.query";
const STOCK: &str = "hu3cgwt0tc.wdt.stock.query";

/// Keys that would carry a buyer's or receiver's identity (domain reference §5).
const PRIVATE_KEYS: [&str; 10] = [
    "buyer_nick",
    "receiver_name",
    "receiver_address",
    "receiver_mobile",
    "receiver_telno",
    "receiver_phone",
    "id_card",
    "pay_account",
    "user_name",
    "receiver_tel",
];

pub(super) fn ago(hours: i64) -> String {
    format_gmt8(now() - Duration::hours(hours))
}

/// A custom-API call as a TOP client sends it (system params included), with a correct `wdt_sign`.
pub(super) fn signed(method: &str, business: &[(&str, &str)]) -> Params {
    let mut p = params(&[
        ("method", method),
        ("app_key", "23000001"),
        ("target_app_key", WDT_TARGET_APP_KEY),
        ("timestamp", "2024-05-20 10:15:30"),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("format", "json"),
        ("sid", WDT_DEMO_SID),
        ("appkey", WDT_DEMO_APPKEY),
    ]);
    p.extend(params(business));
    let sign = wdt_sign(&p, WDT_DEMO_SECRET, WdtFlavour::Custom);
    p.insert("wdt_sign".into(), sign);
    p
}

pub(super) fn call(method: &str, p: &Params) -> ApiOutcome {
    call_with(method, p, None, None, now())
}

pub(super) fn array<'a>(fields: &'a serde_json::Map<String, Value>, key: &str) -> &'a Vec<Value> {
    fields[key].as_array().unwrap()
}

pub(super) fn assert_private_keys_absent(fields: &serde_json::Map<String, Value>) {
    let text = Value::Object(fields.clone()).to_string();
    for key in PRIVATE_KEYS {
        assert!(
            !text.contains(&format!("\"{key}\"")),
            "{key} must never be returned"
        );
    }
}

#[test]
fn trade_query_finds_recent_orders_in_wdt_shape() {
    let p = signed(TRADE, &[("start_time", &ago(24)), ("end_time", &ago(0))]);
    let fields = ok(call(TRADE, &p));
    let trades = array(&fields, "trades");
    assert!(!trades.is_empty(), "the last day always has orders");
    assert_eq!(fields["total_count"], json!(trades.len()));
    let t = &trades[0];
    for key in [
        "trade_no",
        "src_tids",
        "platform_id",
        "shop_no",
        "shop_name",
        "warehouse_no",
        "trade_status",
        "trade_time",
        "pay_time",
        "modified",
        "receivable",
        "paid",
        "post_amount",
        "discount",
        "goods_count",
        "logistics_name",
        "logistics_no",
    ] {
        assert!(t.get(key).is_some(), "trade has {key}");
    }
    let line = &t["goods_list"][0];
    for key in [
        "goods_no",
        "spec_no",
        "goods_name",
        "spec_name",
        "num",
        "price",
        "share_amount",
    ] {
        assert!(line.get(key).is_some(), "goods_list entry has {key}");
    }
    // Money as 旺店通 writes it, a decimal string with four places.
    assert!(t["receivable"]
        .as_str()
        .unwrap()
        .ends_with(|c: char| c.is_ascii_digit()));
    assert_eq!(
        t["receivable"]
            .as_str()
            .unwrap()
            .split('.')
            .nth(1)
            .map(str::len),
        Some(4)
    );
    assert_private_keys_absent(&fields);
}

#[test]
fn trade_query_filters_really_filter() {
    let window = [("start_time", ago(24 * 30)), ("end_time", ago(0))];
    let base: Vec<(&str, &str)> = window.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let all = ok(call(
        TRADE,
        &signed(TRADE, &[base.clone(), vec![("page_size", "100")]].concat()),
    ));
    let total = all["total_count"].as_u64().unwrap();
    assert!(total > 40, "30 days hold most of the 120 orders: {total}");

    let completed = ok(call(
        TRADE,
        &signed(TRADE, &[base.clone(), vec![("status", "110")]].concat()),
    ));
    assert!(array(&completed, "trades")
        .iter()
        .all(|t| t["trade_status"] == 110));
    let open = ok(call(
        TRADE,
        &signed(TRADE, &[base.clone(), vec![("status", "30,55")]].concat()),
    ));
    assert!(array(&open, "trades")
        .iter()
        .all(|t| t["trade_status"] == 30 || t["trade_status"] == 55));
    assert!(
        completed["total_count"].as_u64().unwrap() + open["total_count"].as_u64().unwrap() < total
    );

    let shop = ok(call(
        TRADE,
        &signed(
            TRADE,
            &[base.clone(), vec![("shop_no", "JN-JD03")]].concat(),
        ),
    ));
    assert!(array(&shop, "trades")
        .iter()
        .all(|t| t["shop_no"] == "JN-JD03" && t["platform_id"] == 3));
    let wh = ok(call(
        TRADE,
        &signed(
            TRADE,
            &[base.clone(), vec![("warehouse_no", "SH-JD02")]].concat(),
        ),
    ));
    assert!(array(&wh, "trades")
        .iter()
        .all(|t| t["warehouse_no"] == "SH-JD02"));

    // trade_no / src_tid select on their own, without a time window.
    let first = &array(&all, "trades")[3];
    let no = first["trade_no"].as_str().unwrap();
    let by_no = ok(call(TRADE, &signed(TRADE, &[("trade_no", no)])));
    assert_eq!(by_no["total_count"], 1);
    assert_eq!(by_no["trades"][0]["trade_no"], no);
    let tid = first["src_tids"].as_str().unwrap();
    let by_tid = ok(call(TRADE, &signed(TRADE, &[("src_tid", tid)])));
    assert_eq!(by_tid["trades"][0]["trade_no"], no);
    let none = ok(call(TRADE, &signed(TRADE, &[("trade_no", "JY00000000")])));
    assert_eq!(none["total_count"], 0);
}

#[test]
fn trade_query_pages_from_zero_and_ends_empty() {
    let window = [("start_time", ago(24 * 30)), ("end_time", ago(0))];
    let page = |no: &str| {
        let mut b: Vec<(&str, &str)> = window.iter().map(|(k, v)| (*k, v.as_str())).collect();
        b.extend([("page_no", no), ("page_size", "25")]);
        ok(call(TRADE, &signed(TRADE, &b)))
    };
    let total = page("0")["total_count"].as_u64().unwrap() as usize;
    let mut seen = Vec::new();
    for no in 0..=total / 25 {
        let fields = page(&no.to_string());
        // total_count is the whole result set on every page.
        assert_eq!(fields["total_count"].as_u64().unwrap() as usize, total);
        seen.extend(
            array(&fields, "trades")
                .iter()
                .map(|t| t["trade_no"].clone()),
        );
    }
    assert_eq!(seen.len(), total);
    let unique: std::collections::HashSet<String> = seen.iter().map(Value::to_string).collect();
    assert_eq!(unique.len(), total, "pages do not overlap");
    assert!(array(&page(&(total / 25 + 1).to_string()), "trades").is_empty());
}

#[test]
fn trade_query_rejects_bad_windows_and_page_sizes() {
    let e = err(call(TRADE, &signed(TRADE, &[])));
    assert_eq!(
        e.sub_code.as_deref(),
        Some("isv.missing-parameter:start_time")
    );
    let too_long = signed(
        TRADE,
        &[("start_time", &ago(24 * 31)), ("end_time", &ago(0))],
    );
    let e = err(call(TRADE, &too_long));
    assert_eq!(
        (e.code.as_str(), e.sub_code.as_deref()),
        ("41", Some("isv.invalid-parameter:end_time"))
    );
    let big = signed(
        TRADE,
        &[
            ("start_time", &ago(24)),
            ("end_time", &ago(0)),
            ("page_size", "200"),
        ],
    );
    assert_eq!(
        err(call(TRADE, &big)).sub_code.as_deref(),
        Some("isv.invalid-parameter:page_size")
    );
    let bad_status = signed(
        TRADE,
        &[
            ("start_time", &ago(24)),
            ("end_time", &ago(0)),
            ("status", "shipped"),
        ],
    );
    assert_eq!(
        err(call(TRADE, &bad_status)).sub_code.as_deref(),
        Some("isv.invalid-parameter:status")
    );
}

#[test]
fn wdt_credentials_are_checked_before_any_data() {
    let good = signed(TRADE, &[("start_time", &ago(24)), ("end_time", &ago(0))]);
    ok(call(TRADE, &good));

    let mut wrong_sign = good.clone();
    wrong_sign.insert("wdt_sign".into(), "0".repeat(32));
    let e = err(call(TRADE, &wrong_sign));
    assert_eq!(e.code, "wdt.sign-check-failure");
    let msg = e.sub_msg.unwrap_or_default();
    assert!(msg.starts_with("wdt_sign 校验失败："), "{msg}");
    assert!(
        !msg.contains(WDT_DEMO_SECRET),
        "the secret never appears in an answer"
    );

    // A changed business parameter no longer matches the sign it was sent with.
    let mut tampered = good.clone();
    tampered.insert("shop_no".into(), "YQ-TM01".into());
    assert_eq!(err(call(TRADE, &tampered)).code, "wdt.sign-check-failure");

    let mut unsigned = good.clone();
    unsigned.remove("wdt_sign");
    assert_eq!(
        err(call(TRADE, &unsigned)).sub_code.as_deref(),
        Some("isv.missing-parameter:wdt_sign")
    );

    let mut other_sid = params(&[("sid", "someone-else")]);
    other_sid.extend(
        good.iter()
            .filter(|(k, _)| *k != "sid")
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    assert_eq!(err(call(TRADE, &other_sid)).code, "wdt.invalid-sid");

    let unknown_key = signed(
        TRADE,
        &[
            ("start_time", &ago(24)),
            ("end_time", &ago(0)),
            ("appkey", "nobody"),
        ],
    );
    assert_eq!(err(call(TRADE, &unknown_key)).code, "wdt.invalid-appkey");

    // `wdt_appkey` (the 旗舰版 spelling) is accepted too, and a wrong `wdt_salt` is caught.
    let mut qjb = signed(TRADE, &[("start_time", &ago(24)), ("end_time", &ago(0))]);
    qjb.remove("appkey");
    qjb.insert("wdt_appkey".into(), WDT_DEMO_APPKEY.into());
    qjb.insert("wdt_salt".into(), WDT_DEMO_SALT.into());
    qjb.remove("wdt_sign");
    let sign = wdt_sign(&qjb, WDT_DEMO_SECRET, WdtFlavour::Custom);
    qjb.insert("wdt_sign".into(), sign);
    ok(call(TRADE, &qjb));
    qjb.insert("wdt_salt".into(), "other-salt".into());
    assert_eq!(err(call(TRADE, &qjb)).code, "wdt.invalid-salt");
}

#[test]
fn the_demo_app_secret_splits_into_the_secret_and_salt() {
    let (secret, salt) = qimen_core::sign::wdt::split_wdt_app_secret(WDT_DEMO_APP_SECRET).unwrap();
    assert_eq!((secret, salt), (WDT_DEMO_SECRET, WDT_DEMO_SALT));
}

#[test]
fn answers_are_deterministic_for_the_same_now() {
    let p = signed(
        TRADE,
        &[("start_time", &ago(24 * 7)), ("end_time", &ago(0))],
    );
    assert_eq!(call(TRADE, &p), call(TRADE, &p));
    let s = signed(
        STOCK,
        &[
            ("warehouse_no", "HZ-YH01"),
            ("start_time", &ago(24 * 30)),
            ("end_time", &ago(0)),
        ],
    );
    assert_eq!(call(STOCK, &s), call(STOCK, &s));
    // Later in the same hour, the same data.
    let later = call_with(TRADE, &p, None, None, now() + Duration::minutes(30));
    assert_eq!(later, call(TRADE, &p));
}
