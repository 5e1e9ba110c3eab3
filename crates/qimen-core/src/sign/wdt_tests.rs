//! Vectors for `wdt_sign`, each cross-checked with an independent re-implementation of the rule
//! (a short Python script written from the same description, not from this code).

use super::*;

fn params(pairs: &[(&str, &str)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const WDT_SECRET: &str = "wdtsecret123456";

/// A 企业版 custom call as the Qimen client sends it: system params, 旺店通 params, JSON values.
fn custom_trade_query() -> Params {
    params(&[
        ("method", "hu3cgwt0tc.wdt.trade.query"),
        ("app_key", "23000001"),
        ("timestamp", "2024-05-20 10:15:30"),
        ("format", "json"),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("target_app_key", "21363512"),
        ("wdt3_customer_id", "cust01"),
        ("datetime", "2024-05-20 10:15:30"),
        ("wdt_appkey", "wdtkey01"),
        ("wdt_salt", "salt01"),
        (
            "params",
            r#"{"shop_no":"店铺01","status":30,"is_disabled":false,"tags":["a","b"],"extra":null,"nested":{"z":1,"a":"x"}}"#,
        ),
        ("pager", r#"{"page_size":20,"page_no":1}"#),
    ])
}

#[test]
fn custom_flavour_serialises_business_params_and_json_recursively() {
    let p = custom_trade_query();
    // System params, wdt3_customer_id gone; router code stripped from method; JSON keys sorted,
    // null member skipped, false written as "false", array elements without index.
    assert_eq!(
        wdt_string_to_sign(&p, WdtFlavour::Custom),
        "datetime2024-05-20 10:15:30methodwdt.trade.querypagerpage_no1page_size20\
         paramsis_disabledfalsenestedaxz1shop_no店铺01status30tagsab\
         wdt_appkeywdtkey01wdt_saltsalt01"
    );
    assert_eq!(
        wdt_sign(&p, WDT_SECRET, WdtFlavour::Custom),
        "68e45606018ab6c457a3108ebfd5db0e"
    );
}

#[test]
fn a_carried_wdt_sign_does_not_change_the_sign() {
    let mut p = custom_trade_query();
    p.insert("wdt_sign".into(), "68e45606018ab6c457a3108ebfd5db0e".into());
    // The provider recomputes over what it received, wdt_sign included: it must be ignored.
    assert_eq!(
        wdt_sign(&p, WDT_SECRET, WdtFlavour::Custom),
        "68e45606018ab6c457a3108ebfd5db0e"
    );
    assert_eq!(
        carried_wdt_sign(&p, WdtFlavour::Custom).as_deref(),
        Some("68e45606018ab6c457a3108ebfd5db0e")
    );
}

#[test]
fn decimals_keep_their_shortest_json_form() {
    let p = params(&[
        ("method", "wdt.goods.query"),
        ("sid", "shop"),
        ("price", r#"{"v":1.5,"w":2.0}"#),
    ]);
    // A method already starting with "wdt." keeps its name.
    assert_eq!(
        wdt_string_to_sign(&p, WdtFlavour::Custom),
        "methodwdt.goods.querypricev1.5w2.0sidshop"
    );
    assert_eq!(
        wdt_sign(&p, "k", WdtFlavour::Custom),
        "1b02389dfaee92bbc74e723a4465e26b"
    );
}

fn crm_request() -> Params {
    params(&[
        ("method", "qimen.taobao.crm.order.detail.get"),
        ("app_key", "23000001"),
        ("timestamp", "2024-05-20 10:15:30"),
        ("format", "json"),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("target_app_key", "21363512"),
        ("startModified", "2024-05-01 00:00:00"),
        ("endModified", "2024-05-02 00:00:00"),
        ("fields", "order_id"),
        ("pageNo", "1"),
        ("pageSize", "20"),
        ("customerid", "1234"),
        ("sd_code", "ABC"),
        ("orderSn", "1422"),
        (
            "extendProps",
            r#"{"start_time":"2024-05-01 00:00:00","end_time":"2024-05-02 00:00:00","wdt_appkey":"wdtkey01","wdt_salt":"salt01","datetime":"2024-05-20 10:15:30"}"#,
        ),
    ])
}

#[test]
fn official_crm_flavour_signs_only_its_field_list() {
    let p = crm_request();
    // orderSn and every system param are outside the list; "qimen." is stripped from method.
    assert_eq!(
        wdt_string_to_sign(&p, WdtFlavour::OfficialCrm),
        "customerid1234endModified2024-05-02 00:00:00\
         extendPropsdatetime2024-05-20 10:15:30end_time2024-05-02 00:00:00\
         start_time2024-05-01 00:00:00wdt_appkeywdtkey01wdt_saltsalt01\
         fieldsorder_idmethodtaobao.crm.order.detail.getpageNo1pageSize20sd_codeABC\
         startModified2024-05-01 00:00:00"
    );
    assert_eq!(
        wdt_sign(&p, WDT_SECRET, WdtFlavour::OfficialCrm),
        "9f9248682e824966d12e1ba3c7af6528"
    );
}

#[test]
fn crm_sign_rides_inside_extend_props_and_survives_verification() {
    let mut p = crm_request();
    let sign = wdt_sign(&p, WDT_SECRET, WdtFlavour::OfficialCrm);
    let with_sign = extend_props_with_wdt_sign(&p["extendProps"], &sign);
    let with_sign = with_sign.unwrap_or_default();
    p.insert("extendProps".into(), with_sign);
    // The receiver finds the sign in extendProps and, since wdt_sign is excluded at every depth,
    // recomputes the same value over the request as received.
    assert_eq!(
        carried_wdt_sign(&p, WdtFlavour::OfficialCrm),
        Some(sign.clone())
    );
    assert_eq!(wdt_sign(&p, WDT_SECRET, WdtFlavour::OfficialCrm), sign);
}

#[test]
fn both_crm_method_spellings_sign_alike() {
    let mut p = crm_request();
    let with_prefix = wdt_sign(&p, WDT_SECRET, WdtFlavour::OfficialCrm);
    p.insert("method".into(), WDT_CRM_METHOD_BARE.into());
    assert_eq!(
        wdt_sign(&p, WDT_SECRET, WdtFlavour::OfficialCrm),
        with_prefix
    );
}

#[test]
fn flavour_and_method_stripping() {
    assert_eq!(wdt_flavour_for(WDT_CRM_METHOD), WdtFlavour::OfficialCrm);
    assert_eq!(
        wdt_flavour_for("taobao.crm.order.detail.get"),
        WdtFlavour::OfficialCrm
    );
    assert_eq!(
        wdt_flavour_for("hu3cgwt0tc.wdt.trade.query"),
        WdtFlavour::Custom
    );
    assert_eq!(
        wdt_method_as_signed("3ldsmu02o9.wdt.setting.shop.queryshop", WdtFlavour::Custom),
        "wdt.setting.shop.queryshop"
    );
    assert_eq!(
        wdt_method_as_signed("wdt.stock.query", WdtFlavour::Custom),
        "wdt.stock.query"
    );
    // No dot at all: nothing to strip (the PHP helper would cut the first character).
    assert_eq!(wdt_method_as_signed("query", WdtFlavour::Custom), "query");
    assert_eq!(
        wdt_method_as_signed("other.qimen.x", WdtFlavour::OfficialCrm),
        "other.qimen.x"
    );
}

#[test]
fn strings_that_only_look_like_json_stay_as_they_are() {
    let p = params(&[
        ("method", "wdt.x"),
        ("a", "{not json}"),
        ("b", " [1, [2, {\"k\": true}]] "),
        ("c", "{\"inner\": \"{\\\"deep\\\": 1}\"}"),
        ("blank", "  "),
    ]);
    // a: not parseable, kept raw; b: nested arrays flattened; c: a string holding JSON is
    // decoded again; blank: not sent, so not signed.
    assert_eq!(
        wdt_string_to_sign(&p, WdtFlavour::Custom),
        "a{not json}b12ktruecinnerdeep1methodwdt.x"
    );
}

#[test]
fn explanation_masks_the_secret_and_matches_the_sign() {
    let p = custom_trade_query();
    let e = explain_wdt(&p, WDT_SECRET, WdtFlavour::Custom);
    assert_eq!(e.digest, wdt_sign(&p, WDT_SECRET, WdtFlavour::Custom));
    assert_eq!(e.method_as_signed.as_deref(), Some("wdt.trade.query"));
    assert!(e.string_to_sign_masked.starts_with("******56datetime"));
    assert!(e.string_to_sign_masked.ends_with("wdt_saltsalt01******56"));
    let json = serde_json::to_string(&e).unwrap_or_default();
    assert!(!json.contains(WDT_SECRET));
    let reason = |k: &str| e.dropped.iter().find(|d| d.key == k).map(|d| d.reason);
    assert_eq!(reason("app_key"), Some(WdtDropReason::SystemParam));
    assert_eq!(
        reason("wdt3_customer_id"),
        Some(WdtDropReason::ExcludedByWdt)
    );
    let params_part = e.kept.iter().find(|k| k.key == "params");
    assert!(params_part.is_some_and(|k| k.decoded_json));
}

#[test]
fn crm_explanation_names_fields_outside_the_list() {
    let e = explain_wdt(&crm_request(), WDT_SECRET, WdtFlavour::OfficialCrm);
    let order_sn = e.dropped.iter().find(|d| d.key == "orderSn");
    assert_eq!(
        order_sn.map(|d| d.reason),
        Some(WdtDropReason::NotInCrmFieldList)
    );
}

#[test]
fn bad_inputs_are_reported_not_panicked_on() {
    assert!(matches!(
        extend_props_with_wdt_sign("[1]", "x"),
        Err(WdtSignError::ExtendPropsNotObject(_))
    ));
    assert!(extend_props_with_wdt_sign("{", "x").is_err());
    assert_eq!(split_wdt_app_secret("abc:salt"), Ok(("abc", "salt")));
    assert_eq!(
        split_wdt_app_secret("abc"),
        Err(WdtSignError::SecretWithoutSalt)
    );
}
