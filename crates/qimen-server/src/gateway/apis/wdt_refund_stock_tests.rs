//! Tests of the demo 旺店通 refund, stock and goods queries: shapes, filters, code look-ups.

use super::tests::err;
use super::tests::ok;
use super::wdt_tests::{ago, array, assert_private_keys_absent, call, signed};
use serde_json::json;

const REFUND: &str = "hu3cgwt0tc.wdt.refund.query";
const STOCK: &str = "hu3cgwt0tc.wdt.stock.query";
const GOODS: &str = "hu3cgwt0tc.wdt.goods.query";

#[test]
fn refund_query_answers_refunds_and_filters_them() {
    let base = [("start_time", ago(24 * 30)), ("end_time", ago(0))];
    let b: Vec<(&str, &str)> = base.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let fields = ok(call(REFUND, &signed(REFUND, &b)));
    let refunds = array(&fields, "refunds");
    assert!(!refunds.is_empty());
    assert_eq!(fields["total_count"], json!(refunds.len()));
    let r = &refunds[0];
    for key in [
        "refund_no",
        "src_no",
        "type",
        "process_status",
        "trade_no",
        "tid",
        "shop_no",
        "refund_amount",
        "actual_refund_amount",
        "modified",
        "refund_order_list",
    ] {
        assert!(r.get(key).is_some(), "refund has {key}");
    }
    assert!(r["refund_no"].as_str().unwrap().starts_with("TK"));
    assert_private_keys_absent(&fields);

    let done = ok(call(
        REFUND,
        &signed(
            REFUND,
            &[b.clone(), vec![("process_status", "90")]].concat(),
        ),
    ));
    assert!(array(&done, "refunds")
        .iter()
        .all(|r| r["process_status"] == 90));
    let no = r["refund_no"].as_str().unwrap();
    let one = ok(call(REFUND, &signed(REFUND, &[("refund_no", no)])));
    assert_eq!(one["total_count"], 1);
    let src = r["src_no"].as_str().unwrap();
    let one = ok(call(REFUND, &signed(REFUND, &[("src_refund_no", src)])));
    assert_eq!(one["refunds"][0]["refund_no"], no);
    assert_eq!(err(call(REFUND, &signed(REFUND, &[]))).code, "40");
}

#[test]
fn stock_query_by_spec_and_warehouse() {
    let one = ok(call(STOCK, &signed(STOCK, &[("spec_no", "YQ-LJ-050")])));
    // One row per warehouse for a SKU, no time window needed when spec_no is given.
    assert_eq!(one["total_count"], 2);
    let row = &one["stocks"][0];
    for key in [
        "spec_no",
        "goods_no",
        "goods_name",
        "barcode",
        "warehouse_no",
        "warehouse_name",
        "stock_num",
        "avaliable_num",
        "modified",
    ] {
        assert!(row.get(key).is_some(), "stock row has {key}");
    }
    let both = ok(call(
        STOCK,
        &signed(
            STOCK,
            &[("spec_no", "YQ-LJ-050"), ("warehouse_no", "SH-JD02")],
        ),
    ));
    assert_eq!(both["total_count"], 1);
    assert_eq!(both["stocks"][0]["warehouse_name"], "上海嘉定分仓");
    let e = err(call(STOCK, &signed(STOCK, &[("warehouse_no", "SH-JD02")])));
    assert_eq!(
        e.sub_code.as_deref(),
        Some("isv.missing-parameter:start_time")
    );
    let recent = ok(call(
        STOCK,
        &signed(
            STOCK,
            &[("start_time", &ago(24 * 30)), ("end_time", &ago(0))],
        ),
    ));
    assert!(recent["total_count"].as_u64().unwrap() > 0);
}

#[test]
fn goods_query_by_code_and_window() {
    let one = ok(call(GOODS, &signed(GOODS, &[("goods_no", "YQ-LJ")])));
    assert_eq!(one["total_count"], 1);
    assert_eq!(
        one["goods_list"][0]["spec_list"].as_array().map(Vec::len),
        Some(3)
    );
    let by_spec = ok(call(GOODS, &signed(GOODS, &[("spec_no", "HG-DM-10K")])));
    assert_eq!(by_spec["goods_list"][0]["goods_no"], "HG-DM");
    let window = ok(call(
        GOODS,
        &signed(
            GOODS,
            &[("start_time", &ago(24 * 30)), ("end_time", &ago(0))],
        ),
    ));
    let in_window = window["total_count"].as_u64().unwrap();
    // Goods were changed 20–55 days ago: a 30-day window sees some but not all of them.
    assert!(in_window > 0 && in_window < 15, "{in_window}");
}
