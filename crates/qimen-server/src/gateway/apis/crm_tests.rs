//! Tests of the official Qimen CRM API on the demo 旺店通 account: `wdt_sign` inside `extendProps`
//! (the CRM flavour), requested fields, privacy, paging from 1.

use super::tests::{call_with, err, now, ok, params};
use super::wdt_tests::{ago, array, assert_private_keys_absent, call};
use super::*;
use qimen_core::sign::wdt::{extend_props_with_wdt_sign, wdt_sign, WdtFlavour};
use qimen_core::sign::Params;
use serde_json::json;

const CRM: &str = "qimen.taobao.crm.order.detail.get";

/// A CRM call with its `wdt_sign` inside `extendProps`, signed as the published helpers do.
fn crm_params(extra: &[(&str, &str)]) -> Params {
    let props = json!({
        "wdt_appkey": WDT_DEMO_APPKEY,
        "wdt_salt": WDT_DEMO_SALT,
        "datetime": "2024-05-20 10:15:30",
        "start_time": ago(24 * 7),
        "end_time": ago(0),
    })
    .to_string();
    let mut p = params(&[
        ("method", CRM),
        ("app_key", "23000001"),
        ("target_app_key", WDT_TARGET_APP_KEY),
        ("timestamp", "2024-05-20 10:15:30"),
        ("customerid", WDT_DEMO_SID),
        ("startModified", &ago(24 * 7)),
        ("endModified", &ago(0)),
        ("fields", "order_sn,deal_code,sd_id,order_status,lastchanged,order_amount,receiver_name,receiver_mobile,goods_sn,sku,goods_number"),
        ("pageNo", "1"),
        ("pageSize", "20"),
        ("extendProps", &props),
    ]);
    p.extend(params(extra));
    let sign = wdt_sign(&p, WDT_DEMO_SECRET, WdtFlavour::OfficialCrm);
    let with_sign = extend_props_with_wdt_sign(&props, &sign).unwrap();
    p.insert("extendProps".into(), with_sign);
    p
}

#[test]
fn crm_order_detail_answers_requested_fields_without_privacy() {
    let fields = ok(call(CRM, &crm_params(&[])));
    let orders = array(&fields, "orders");
    assert!(!orders.is_empty());
    assert!(fields["total_results"].as_u64().unwrap() as usize >= orders.len());
    let o = orders[0].as_object().unwrap();
    for key in [
        "order_sn",
        "deal_code",
        "sd_id",
        "order_status",
        "lastchanged",
        "order_amount",
        "goods",
    ] {
        assert!(o.contains_key(key), "order has {key}");
    }
    assert!(
        !o.contains_key("pay_status"),
        "only requested fields are answered"
    );
    assert!(o["goods"][0].get("sku").is_some());
    // receiver_name and receiver_mobile were requested, and still are not there.
    assert_private_keys_absent(&fields);
    // The uncertain name without `qimen.` is the same API (signed with its own method name).
    let mut alias = crm_params(&[]);
    alias.insert("method".into(), "taobao.crm.order.detail.get".into());
    let alias = ok(call_with(
        "taobao.crm.order.detail.get",
        &alias,
        None,
        None,
        now(),
    ));
    assert_eq!(alias["total_results"], fields["total_results"]);
}

#[test]
fn crm_order_detail_checks_its_credentials_and_paging() {
    let second = ok(call(
        CRM,
        &crm_params(&[("pageNo", "2"), ("pageSize", "5")]),
    ));
    let first = ok(call(
        CRM,
        &crm_params(&[("pageNo", "1"), ("pageSize", "5")]),
    ));
    assert_ne!(
        first["orders"][0], second["orders"][0],
        "pageNo counts from 1"
    );
    let by_sn = first["orders"][1]["order_sn"].as_str().unwrap().to_string();
    let one = ok(call(CRM, &crm_params(&[("orderSn", &by_sn)])));
    assert_eq!(one["total_results"], 1);

    let mut tampered = crm_params(&[]);
    tampered.insert("pageSize".into(), "21".into());
    assert_eq!(err(call(CRM, &tampered)).code, "wdt.sign-check-failure");
    let mut broken = crm_params(&[]);
    broken.insert("extendProps".into(), "{not json".into());
    assert_eq!(
        err(call(CRM, &broken)).sub_code.as_deref(),
        Some("isv.invalid-parameter:extendProps")
    );
    let mut stranger = crm_params(&[]);
    stranger.insert("customerid".into(), "another-seller".into());
    assert_eq!(err(call(CRM, &stranger)).code, "wdt.invalid-sid");
    let e = err(call(CRM, &crm_params(&[("pageSize", "101")])));
    assert_eq!(
        e.sub_code.as_deref(),
        Some("isv.invalid-parameter:pageSize")
    );
}
