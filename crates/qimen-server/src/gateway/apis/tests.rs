//! Tests of the catalogue and the TOP / WMS handlers; the 旺店通 handlers are tested in
//! `wdt_tests.rs`.

use super::*;
use crate::gateway::api_contract::{ApiCall, ApiOutcome, PlatformError, SessionUser};
use chrono::{DateTime, Utc};
use qimen_core::clock::parse_gmt8;
use qimen_core::sign::Params;
use serde_json::{Map, Value};

pub(super) fn now() -> DateTime<Utc> {
    parse_gmt8("2024-05-20 10:15:30").unwrap()
}

pub(super) fn params(pairs: &[(&str, &str)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Calls the API named `method` through the catalogue, as the router will.
pub(super) fn call_with(
    method: &str,
    params: &Params,
    body: Option<&str>,
    user: Option<&SessionUser>,
    at: DateTime<Utc>,
) -> ApiOutcome {
    let spec = find(method).unwrap_or_else(|| panic!("{method} is in the catalogue"));
    let call = ApiCall {
        method,
        params,
        body,
        app_key: "23000001",
        user,
        now: at,
        request_id: "demo-request",
    };
    (spec.handler)(&call)
}

pub(super) fn ok(outcome: ApiOutcome) -> Map<String, Value> {
    match outcome {
        ApiOutcome::Ok(fields) => fields,
        ApiOutcome::Err(e) => panic!("expected success, got {e:?}"),
    }
}

pub(super) fn err(outcome: ApiOutcome) -> PlatformError {
    match outcome {
        ApiOutcome::Err(e) => e,
        ApiOutcome::Ok(fields) => panic!("expected an error, got {fields:?}"),
    }
}

#[test]
fn catalogue_names_are_unique_and_findable() {
    let names: std::collections::HashSet<_> = catalogue().iter().map(|s| s.name).collect();
    assert_eq!(names.len(), catalogue().len());
    for spec in catalogue() {
        assert_eq!(find(spec.name).map(|s| s.name), Some(spec.name));
        // Provider APIs are exactly the Qimen cloud ones, all served as 旺店通.
        assert_eq!(
            spec.provider_app_key.is_some(),
            spec.family == ApiFamily::QimenCloud
        );
    }
    assert!(find("taobao.nonexistent.get").is_none());
    assert!(
        find(" taobao.time.get").is_none(),
        "names match exactly, as callers send them"
    );
    let short = find("entryorder.create").unwrap();
    assert_eq!(
        short.handler as usize,
        find("taobao.qimen.entryorder.create").unwrap().handler as usize
    );
}

#[test]
fn time_get_answers_gmt8_from_the_call_time() {
    let fields = ok(call_with(
        "taobao.time.get",
        &params(&[]),
        None,
        None,
        now(),
    ));
    assert_eq!(fields["time"], "2024-05-20 10:15:30");
}

#[test]
fn seller_get_answers_the_sessions_user_with_requested_fields_only() {
    let user = SessionUser {
        user_id: "2200001234".into(),
        nick: "云栖茶舍".into(),
    };
    let p = params(&[("fields", "user_id,nick,type,unknown_field")]);
    let fields = ok(call_with(
        "taobao.user.seller.get",
        &p,
        None,
        Some(&user),
        now(),
    ));
    let u = fields["user"].as_object().unwrap();
    assert_eq!(u["nick"], "云栖茶舍");
    assert_eq!(u["user_id"], 2_200_001_234_u64);
    assert_eq!(u["type"], "C");
    assert!(!u.contains_key("unknown_field"));
    let p = params(&[("fields", "nick")]);
    let fields = ok(call_with(
        "taobao.user.seller.get",
        &p,
        None,
        Some(&user),
        now(),
    ));
    assert_eq!(fields["user"].as_object().unwrap().len(), 1);
    // Without a user (the router normally stops this first) the answer is 26, never a panic.
    assert_eq!(
        err(call_with("taobao.user.seller.get", &p, None, None, now())).code,
        "26"
    );
}

const ENTRY: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><entryOrder>\
<entryOrderCode>E20240520001</entryOrderCode><ownerCode>OWNER01</ownerCode>\
<warehouseCode>WH01</warehouseCode><orderType>CGRK</orderType></entryOrder><orderLines>\
<orderLine><itemCode>SKU-001</itemCode><planQty>10</planQty></orderLine>\
<orderLine><itemCode>SKU-002</itemCode><planQty>3</planQty></orderLine></orderLines></request>";

fn entry(body: &str) -> ApiOutcome {
    call_with(
        "taobao.qimen.entryorder.create",
        &params(&[]),
        Some(body),
        None,
        now(),
    )
}

#[test]
fn entryorder_create_accepts_a_valid_order_with_a_stable_id() {
    let fields = ok(entry(ENTRY));
    let id = fields["entryOrderId"].as_str().unwrap();
    assert!(
        id.starts_with("WMS-RK-") && id.len() == "WMS-RK-".len() + 12,
        "{id}"
    );
    // Idempotent: the same order code gives the same id; another code another id.
    assert_eq!(ok(entry(ENTRY))["entryOrderId"], id);
    let other = ENTRY.replace("E20240520001", "E20240520002");
    assert_ne!(ok(entry(&other))["entryOrderId"], id);
    // The short name without `taobao.qimen.` is the same API.
    let short = call_with("entryorder.create", &params(&[]), Some(ENTRY), None, now());
    assert_eq!(ok(short)["entryOrderId"], id);
}

fn assert_field_error(outcome: ApiOutcome, code: &str, sub_code: &str, mentions: &str) {
    let e = err(outcome);
    assert_eq!(e.code, code);
    assert_eq!(e.sub_code.as_deref(), Some(sub_code));
    let msg = e.sub_msg.unwrap_or_default();
    assert!(msg.contains(mentions), "{msg}");
}

#[test]
fn entryorder_create_names_each_missing_or_bad_field() {
    let cases = [
        (
            "<entryOrderCode>E20240520001</entryOrderCode>",
            "",
            "40",
            "isv.missing-parameter:entryOrderCode",
            "entryOrder/entryOrderCode",
        ),
        (
            "<warehouseCode>WH01</warehouseCode>",
            "",
            "40",
            "isv.missing-parameter:warehouseCode",
            "warehouseCode",
        ),
        (
            "<ownerCode>OWNER01</ownerCode>",
            "<ownerCode> </ownerCode>",
            "40",
            "isv.missing-parameter:ownerCode",
            "ownerCode",
        ),
        (
            "<itemCode>SKU-002</itemCode>",
            "",
            "40",
            "isv.missing-parameter:itemCode",
            "orderLine[2]",
        ),
        (
            "<planQty>3</planQty>",
            "<planQty>-3</planQty>",
            "41",
            "isv.invalid-parameter:planQty",
            "orderLine[2]/planQty=-3",
        ),
        (
            "<planQty>10</planQty>",
            "<planQty>1.5</planQty>",
            "41",
            "isv.invalid-parameter:planQty",
            "1.5",
        ),
        (
            "<planQty>10</planQty>",
            "<planQty>0</planQty>",
            "41",
            "isv.invalid-parameter:planQty",
            "正整数",
        ),
    ];
    for (from, to, code, sub_code, mentions) in cases {
        assert_field_error(entry(&ENTRY.replace(from, to)), code, sub_code, mentions);
    }
    let no_lines = ENTRY
        .replace(
            "<orderLine><itemCode>SKU-001</itemCode><planQty>10</planQty></orderLine>",
            "",
        )
        .replace(
            "<orderLine><itemCode>SKU-002</itemCode><planQty>3</planQty></orderLine>",
            "",
        );
    assert_field_error(
        entry(&no_lines),
        "40",
        "isv.missing-parameter:orderLine",
        "orderLine",
    );
}

#[test]
fn entryorder_create_rejects_bodies_that_are_not_a_request() {
    assert_field_error(
        entry("<request><entryOrder>"),
        "41",
        "isv.invalid-parameter:body",
        "请求报文不是合法的XML",
    );
    assert_field_error(
        entry("not xml at all"),
        "41",
        "isv.invalid-parameter:body",
        "请求报文不是合法的XML",
    );
    assert_field_error(
        entry("<response/>"),
        "41",
        "isv.invalid-parameter:body",
        "<request>",
    );
    let none = call_with(
        "taobao.qimen.entryorder.create",
        &params(&[]),
        None,
        None,
        now(),
    );
    assert_field_error(none, "40", "isv.missing-parameter:body", "XML");
}

const DELIVERY: &str = "<request><deliveryOrder><deliveryOrderCode>D20240520001</deliveryOrderCode>\
<warehouseCode>WH01</warehouseCode><receiverInfo><name>张三</name><mobile>13800138000</mobile>\
<province>浙江省</province><city>杭州市</city><area>余杭区</area><detailAddress>文一西路1号</detailAddress>\
</receiverInfo></deliveryOrder><orderLines><orderLine><itemCode>SKU-001</itemCode><planQty>2</planQty>\
</orderLine></orderLines></request>";

fn delivery(body: &str) -> ApiOutcome {
    call_with(
        "taobao.qimen.deliveryorder.create",
        &params(&[]),
        Some(body),
        None,
        now(),
    )
}

#[test]
fn deliveryorder_create_answers_id_warehouse_and_time() {
    let fields = ok(delivery(DELIVERY));
    assert!(fields["deliveryOrderId"]
        .as_str()
        .unwrap()
        .starts_with("WMS-CK-"));
    assert_eq!(fields["warehouseCode"], "WH01");
    assert_eq!(fields["createTime"], "2024-05-20 10:15:30");
    let short = call_with(
        "deliveryorder.create",
        &params(&[]),
        Some(DELIVERY),
        None,
        now(),
    );
    assert_eq!(ok(short)["deliveryOrderId"], fields["deliveryOrderId"]);
}

#[test]
fn deliveryorder_create_names_each_missing_or_bad_field() {
    let cases = [
        (
            "<deliveryOrderCode>D20240520001</deliveryOrderCode>",
            "",
            "40",
            "isv.missing-parameter:deliveryOrderCode",
        ),
        ("<name>张三</name>", "", "40", "isv.missing-parameter:name"),
        (
            "<mobile>13800138000</mobile>",
            "",
            "40",
            "isv.missing-parameter:mobile",
        ),
        (
            "<mobile>13800138000</mobile>",
            "<mobile>call me</mobile>",
            "41",
            "isv.invalid-parameter:mobile",
        ),
        (
            "<province>浙江省</province>",
            "",
            "40",
            "isv.missing-parameter:province",
        ),
        (
            "<city>杭州市</city>",
            "",
            "40",
            "isv.missing-parameter:city",
        ),
        (
            "<detailAddress>文一西路1号</detailAddress>",
            "",
            "40",
            "isv.missing-parameter:detailAddress",
        ),
        (
            "<planQty>2</planQty>",
            "<planQty>two</planQty>",
            "41",
            "isv.invalid-parameter:planQty",
        ),
    ];
    for (from, to, code, sub_code) in cases {
        let field = sub_code.rsplit(':').next().unwrap_or_default();
        assert_field_error(delivery(&DELIVERY.replace(from, to)), code, sub_code, field);
    }
    let no_receiver = "<request><deliveryOrder><deliveryOrderCode>D1</deliveryOrderCode>\
<warehouseCode>WH01</warehouseCode></deliveryOrder></request>";
    assert_field_error(
        delivery(no_receiver),
        "40",
        "isv.missing-parameter:receiverInfo",
        "receiverInfo",
    );
    // A masked number, as platforms hand them to warehouses, is accepted.
    ok(delivery(&DELIVERY.replace("13800138000", "138****8000")));
}
