//! The Taobaoke handlers on their own: answers built from the demo goods, arguments checked with the
//! field named, and every served API placed in exactly one package.

use super::taobaoke::*;
use crate::gateway::api_contract::{ApiCall, ApiOutcome};
use chrono::{TimeZone, Utc};
use qimen_core::platform::PackageId;
use qimen_core::sign::Params;
use serde_json::Value;

fn run(handler: fn(&ApiCall<'_>) -> ApiOutcome, pairs: &[(&str, &str)]) -> ApiOutcome {
    let params: Params = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let call = ApiCall {
        method: "test",
        params: &params,
        body: None,
        app_key: "23000001",
        user: None,
        now: Utc.with_ymd_and_hms(2024, 5, 20, 2, 15, 30).unwrap(),
        request_id: "test",
    };
    handler(&call)
}

fn ok(outcome: ApiOutcome) -> Value {
    match outcome {
        ApiOutcome::Ok(fields) => Value::Object(fields),
        ApiOutcome::Err(e) => panic!("expected success, got {e:?}"),
    }
}

fn sub_code(outcome: ApiOutcome) -> String {
    match outcome {
        ApiOutcome::Err(e) => e.sub_code.unwrap_or_default(),
        ApiOutcome::Ok(f) => panic!("expected an error, got {f:?}"),
    }
}

#[test]
fn item_info_returns_the_known_items_with_their_details() {
    let v = ok(run(
        super::taobaoke::item_info_get,
        &[("num_iids", "600000000001, 600000000003,123")],
    ));
    let items = v["results"]["n_tbk_item"].as_array().unwrap();
    // 123 is not a demo item: left out, as the platform leaves out ids it does not promote.
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["num_iid"], 600000000001u64);
    assert_eq!(items[0]["zk_final_price"], "268.00");
    assert_eq!(items[0]["nick"], "演示茶叶旗舰店");
    assert!(items[1]["title"].as_str().unwrap().contains("保温杯"));
    assert!(items[1]["volume"].as_u64().unwrap() > 0);
}

#[test]
fn item_ids_are_checked_naming_the_field() {
    assert_eq!(
        sub_code(run(super::taobaoke::item_info_get, &[("num_iids", "12a")])),
        "isv.invalid-parameter:num_iids"
    );
    let many = vec!["1"; MAX_NUM_IIDS + 1].join(",");
    assert_eq!(
        sub_code(run(super::taobaoke::item_info_get, &[("num_iids", &many)])),
        "isv.invalid-parameter:num_iids"
    );
    assert_eq!(
        sub_code(run(
            super::taobaoke::item_info_get,
            &[("num_iids", "600000000001"), ("platform", "3")]
        )),
        "isv.invalid-parameter:platform"
    );
}

#[test]
fn shop_search_returns_only_the_requested_fields() {
    let v = ok(run(
        super::taobaoke::shop_get,
        &[("fields", "user_id,shop_title"), ("q", "茶叶")],
    ));
    assert_eq!(v["total_results"], 1);
    let shop = &v["results"]["n_tbk_shop"][0];
    assert_eq!(shop["shop_title"], "演示茶叶旗舰店");
    // shop_type was not asked for.
    assert!(shop.get("shop_type").is_none());
}

#[test]
fn conversion_gives_a_link_per_item_for_the_ad_zone() {
    let v = ok(run(
        super::taobaoke::item_convert,
        &[
            ("fields", "num_iid,click_url"),
            ("num_iids", "600000000005"),
            ("adzone_id", "1234567"),
        ],
    ));
    let url = v["results"]["n_tbk_item"][0]["click_url"].as_str().unwrap();
    assert!(
        url.contains("1234567") && url.contains("600000000005"),
        "{url}"
    );
    assert_eq!(
        sub_code(run(
            super::taobaoke::item_convert,
            &[
                ("fields", "click_url"),
                ("num_iids", "1"),
                ("adzone_id", "mm_1_2_3")
            ]
        )),
        "isv.invalid-parameter:adzone_id"
    );
}

#[test]
fn material_search_needs_a_query_or_a_category_and_pages_from_one() {
    let base = [("site_id", "111"), ("adzone_id", "222")];
    assert_eq!(
        sub_code(run(super::taobaoke::sc_material_optional, &base)),
        "isv.missing-parameter:q"
    );
    let mut with_q = base.to_vec();
    with_q.push(("q", "茶"));
    let v = ok(run(super::taobaoke::sc_material_optional, &with_q));
    // Two demo teas match "茶".
    assert_eq!(v["total_results"], 2);
    let first = &v["result_list"]["map_data"][0];
    assert_eq!(first["shop_title"], "演示茶叶旗舰店");
    assert_eq!(first["commission_rate"], "1050");
    with_q.push(("page_no", "0"));
    assert_eq!(
        sub_code(run(super::taobaoke::sc_material_optional, &with_q)),
        "isv.invalid-parameter:page_no"
    );
}

#[test]
fn every_served_taobaoke_api_is_in_exactly_one_package() {
    assert_eq!(package_of(ITEM_INFO_GET), Some(PackageId::Basic));
    assert_eq!(package_of(ITEM_CONVERT), Some(PackageId::Link));
    assert_eq!(
        package_of(SC_MATERIAL_OPTIONAL),
        Some(PackageId::ThreeParty)
    );
    assert_eq!(package_of("taobao.time.get"), None);
    // The name comes from document 002's catalogue, in both languages.
    assert_eq!(
        permission_package(ITEM_CONVERT).as_deref(),
        Some("淘宝客链接API / Taobaoke link API")
    );
    for name in BASIC_APIS.iter().chain(&LINK_APIS).chain(&THREE_PARTY_APIS) {
        assert!(super::find(name).is_some(), "{name} is not served");
    }
}
