use super::*;
use proptest::prelude::*;
use serde_json::json;

#[test]
fn response_names_follow_the_sdk_rule() {
    assert_eq!(
        api_response_name("taobao.trades.sold.get"),
        "trades_sold_get_response"
    );
    assert_eq!(
        api_response_name("taobao.top.auth.token.create"),
        "top_auth_token_create_response"
    );
    // Only the `taobao.` prefix goes; router-code and `qimen.` prefixes stay.
    assert_eq!(
        api_response_name("hu3cgwt0tc.wdt.trade.query"),
        "hu3cgwt0tc_wdt_trade_query_response"
    );
    assert_eq!(
        api_response_name("qimen.taobao.crm.order.detail.get"),
        "qimen_taobao_crm_order_detail_get_response"
    );
    assert_eq!(
        api_response_name("taobaoke.item.get"),
        "taobaoke_item_get_response"
    );
}

#[test]
fn top_json_success_records_the_wrapper_and_request_id() {
    let body = r#"{"trades_sold_get_response":{"total_results":1,"has_next":false,"trades":{"trade":[{"tid":3812345678901234567,"status":"WAIT_SELLER_SEND_GOODS","receiver_state":"浙江省","payment":"128.00"}]},"request_id":"16mfv3ugl2rkx"}}"#;
    let r = parse_response(body, Some("application/json;charset=UTF-8"));
    assert!(r.success);
    assert_eq!(r.shape, ResponseShape::TopJson);
    assert_eq!(r.wrapper.as_deref(), Some("trades_sold_get_response"));
    assert_eq!(r.request_id.as_deref(), Some("16mfv3ugl2rkx"));
    // `data` is the inside of the wrapper.
    assert_eq!(r.data["trades"]["trade"][0]["receiver_state"], "浙江省");
    assert_eq!(r.code, None);
}

#[test]
fn top_json_error_takes_numeric_or_text_codes() {
    let body = r#"{"error_response":{"code":27,"msg":"Invalid session","sub_code":"invalid-sessionkey","sub_msg":"SessionKey非法","request_id":"zt2vg1ecr9ui"}}"#;
    let r = parse_response(body, None);
    assert!(!r.success);
    assert_eq!(r.shape, ResponseShape::TopJson);
    assert_eq!(r.code.as_deref(), Some("27"));
    assert_eq!(r.message.as_deref(), Some("Invalid session"));
    assert_eq!(r.sub_code.as_deref(), Some("invalid-sessionkey"));
    assert_eq!(r.sub_message.as_deref(), Some("SessionKey非法"));
    assert_eq!(r.request_id.as_deref(), Some("zt2vg1ecr9ui"));
    assert_eq!(r.wrapper.as_deref(), Some("error_response"));

    let body = r#"{"error_response":{"code":"15","msg":"Remote service error","sub_code":"isv.trade-not-exist","sub_msg":"交易不存在"}}"#;
    let r = parse_response(body, None);
    assert_eq!(r.code.as_deref(), Some("15"));
    assert_eq!(r.request_id, None);
}

#[test]
fn simplified_top_json_has_its_fields_at_the_root() {
    let body = r#"{"time":"2024-05-20 10:15:30","request_id":"3x9hfkq1wbn0"}"#;
    let r = parse_response(body, Some("application/json"));
    assert!(r.success);
    assert_eq!(r.shape, ResponseShape::TopJson);
    assert_eq!(r.wrapper, None);
    assert_eq!(r.request_id.as_deref(), Some("3x9hfkq1wbn0"));
    assert_eq!(r.data["time"], "2024-05-20 10:15:30");
}

#[test]
fn top_xml_success_with_prolog_and_trailing_comment() {
    // The router appends a comment naming the host after the root element.
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<time_get_response><time>2024-05-20 10:15:30</time><request_id>4ab1zd0e8h3p</request_id></time_get_response><!--top011033208046.na61-->\n";
    let r = parse_response(body, Some("text/xml;charset=UTF-8"));
    assert!(r.success);
    assert_eq!(r.shape, ResponseShape::TopXml);
    assert_eq!(r.wrapper.as_deref(), Some("time_get_response"));
    assert_eq!(r.request_id.as_deref(), Some("4ab1zd0e8h3p"));
    assert_eq!(
        r.data,
        json!({"time": "2024-05-20 10:15:30", "request_id": "4ab1zd0e8h3p"})
    );
}

#[test]
fn top_xml_lists_marked_list_true_are_arrays_even_with_one_item() {
    let body = r#"<trades_sold_get_response><trades list="true"><trade><tid>3812345678901234567</tid><title>羊毛围巾</title></trade></trades><total_results>1</total_results></trades_sold_get_response>"#;
    let r = parse_response(body, None);
    assert_eq!(
        r.data["trades"]["trade"],
        json!([{"tid": "3812345678901234567", "title": "羊毛围巾"}])
    );
    assert_eq!(r.data["total_results"], "1");
}

#[test]
fn top_xml_error() {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><error_response><code>31</code><msg>Invalid timestamp</msg><request_id>11ypqg0cr3n6b</request_id></error_response>";
    let r = parse_response(body, Some("text/xml"));
    assert!(!r.success);
    assert_eq!(r.shape, ResponseShape::TopXml);
    assert_eq!(r.code.as_deref(), Some("31"));
    assert_eq!(r.message.as_deref(), Some("Invalid timestamp"));
    assert_eq!(r.request_id.as_deref(), Some("11ypqg0cr3n6b"));
}

#[test]
fn qimen_xml_success_converts_the_body_to_json() {
    let body = r#"<?xml version="1.0" encoding="utf-8"?>
<response>
    <flag>success</flag>
    <code>0</code>
    <message>入库单创建成功</message>
    <entryOrderId>WMS-E20240520001</entryOrderId>
    <items>
        <item unit="件"><itemCode>SKU-001</itemCode><planQty>10</planQty></item>
        <item unit="箱"><itemCode>SKU-002</itemCode><planQty>2</planQty></item>
    </items>
    <remark/>
</response>"#;
    let r = parse_response(body, Some("text/xml;charset=utf-8"));
    assert!(r.success);
    assert_eq!(r.shape, ResponseShape::QimenXml);
    assert_eq!(r.flag.as_deref(), Some("success"));
    assert_eq!(r.code.as_deref(), Some("0"));
    assert_eq!(r.message.as_deref(), Some("入库单创建成功"));
    assert_eq!(r.data["entryOrderId"], "WMS-E20240520001");
    // Repeated elements become an array; attributes are kept under "@name"; an empty element is "".
    assert_eq!(
        r.data["items"]["item"],
        json!([
            {"@unit": "件", "itemCode": "SKU-001", "planQty": "10"},
            {"@unit": "箱", "itemCode": "SKU-002", "planQty": "2"}
        ])
    );
    assert_eq!(r.data["remark"], "");
}

#[test]
fn qimen_xml_failure_and_escapes() {
    let body = "<response><flag>failure</flag><code>sign-check-failure</code><message>Illegal request</message></response>";
    let r = parse_response(body, None);
    assert!(!r.success);
    assert_eq!(r.code.as_deref(), Some("sign-check-failure"));
    assert_eq!(r.message.as_deref(), Some("Illegal request"));

    let body = "<response><flag>failure</flag><code>E01</code><message>A &amp; B &#x4E2D;&lt;<![CDATA[<raw>]]></message></response>";
    let r = parse_response(body, None);
    assert_eq!(r.message.as_deref(), Some("A & B 中<<raw>"));
    // Without a flag of "success" a Qimen answer is a failure.
    let r = parse_response("<response><code>0</code></response>", None);
    assert_eq!((r.shape, r.success), (ResponseShape::QimenXml, false));
}

#[test]
fn qimen_cloud_json_success_and_failures() {
    let ok = r#"{"response":{"flag":"success","code":"0","message":"","total_count":2,"trades":[{"trade_no":"JY202405200001"}],"request_id":"15rv8bxjg3oja"}}"#;
    let r = parse_response(ok, Some("application/json"));
    assert!(r.success);
    assert_eq!(r.shape, ResponseShape::QimenCloudJson);
    assert_eq!(r.request_id.as_deref(), Some("15rv8bxjg3oja"));
    assert_eq!(r.data["trades"][0]["trade_no"], "JY202405200001");
    // A blank message counts as absent.
    assert_eq!(r.message, None);

    // No flag and a numeric 0 code is still a success, as QimenCloudResponse decides.
    let r = parse_response(r#"{"response":{"code":0,"total_count":0}}"#, None);
    assert!(r.success);

    let bad = r#"{"response":{"flag":"failure","code":"1012","message":"接口调用过于频繁","sub_code":"isv.wdt-busy","sub_message":"请稍后再试","request_id":"abc"}}"#;
    let r = parse_response(bad, None);
    assert!(!r.success);
    assert_eq!(r.code.as_deref(), Some("1012"));
    assert_eq!(r.sub_code.as_deref(), Some("isv.wdt-busy"));
    assert_eq!(r.sub_message.as_deref(), Some("请稍后再试"));

    // A sub_code alone makes it a failure even with flag=success.
    let r = parse_response(
        r#"{"response":{"flag":"success","sub_code":"isp.unknown-error"}}"#,
        None,
    );
    assert!(!r.success);
}

#[test]
fn oauth_token_json() {
    let ok = r#"{"w1_expires_in":86400,"refresh_token_valid_time":1716257730000,"taobao_user_nick":"%E6%B5%8B%E8%AF%95%E5%BA%97","re_expires_in":86400,"expire_time":1716257730000,"token_type":"Bearer","open_uid":"AAHQ3FkXAMmbE3d","access_token":"6201b07f4e1a0b5ZZ0c9b2e91c6d3e7a84f5b21c9bb2207123456789","refresh_token":"6202a07f4e1a0b5ZZ0c9b2e91c6d3e7a84f5b21c9bb2207123456789","expires_in":86400,"taobao_user_id":"2207123456789"}"#;
    let r = parse_response(ok, Some("application/json;charset=UTF-8"));
    assert!(r.success);
    assert_eq!(r.shape, ResponseShape::OAuthJson);
    assert_eq!(r.data["taobao_user_id"], "2207123456789");

    let bad = r#"{"error":"invalid_grant","error_description":"authorize code expire"}"#;
    let r = parse_response(bad, None);
    assert!(!r.success);
    assert_eq!(r.shape, ResponseShape::OAuthJson);
    assert_eq!(r.code.as_deref(), Some("invalid_grant"));
    assert_eq!(r.message.as_deref(), Some("authorize code expire"));
}

#[test]
fn anything_else_is_unrecognised_with_the_raw_text() {
    for body in [
        "",
        "   ",
        "null",
        "[1,2,3]",
        r#"{"hello":"world"}"#,
        r#"{"time_get_response":{"#,
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "<response><flag>success</flag>",
        "<a></b>",
        "<response/><response/>",
        "Service Unavailable",
    ] {
        let r = parse_response(body, Some("text/html"));
        assert_eq!(r.shape, ResponseShape::Unrecognised, "{body}");
        assert!(!r.success);
        assert_eq!(r.data, Value::String(body.to_string()));
    }
}

#[test]
fn the_body_wins_over_a_wrong_content_type() {
    let r = parse_response(
        r#"{"time":"2024-05-20 10:15:30","request_id":"x1"}"#,
        Some("text/xml"),
    );
    assert_eq!(r.shape, ResponseShape::TopJson);
    let r = parse_response(
        "\u{feff}<response><flag>success</flag></response>",
        Some("application/json"),
    );
    assert_eq!((r.shape, r.success), (ResponseShape::QimenXml, true));
}

#[test]
fn very_deep_documents_are_refused_without_overflowing() {
    let xml = "<a>".repeat(100_000);
    assert_eq!(
        parse_response(&xml, None).shape,
        ResponseShape::Unrecognised
    );
    let json = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert_eq!(
        parse_response(&json, None).shape,
        ResponseShape::Unrecognised
    );
}

#[test]
fn parsed_errors_feed_the_explainer() {
    let body = r#"{"error_response":{"code":40,"msg":"Missing required arguments:fields","sub_code":"isv.missing-parameter:fields"}}"#;
    let r = parse_response(body, None);
    let ex = crate::errors::explain(&r, crate::text::Lang::En).expect("code 40 is catalogued");
    assert_eq!(ex.param.as_deref(), Some("fields"));
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(body in any::<String>(), ct in proptest::option::of("[a-z/;=+-]{0,30}")) {
        let r = parse_response(&body, ct.as_deref());
        if r.shape == ResponseShape::Unrecognised {
            prop_assert_eq!(r.data, Value::String(body));
        }
    }

    #[test]
    fn never_panics_on_xml_like_text(body in "(<|>|/|response|flag|&|#|;|\\?|!|\\[|\\]|a|x| |=|\"|-|CDATA){0,60}") {
        let _ = parse_response(&body, None);
    }

    #[test]
    fn qimen_leaf_text_round_trips(message in "[^<>&\r]{0,40}") {
        let body = format!("<response><flag>failure</flag><message>{message}</message></response>");
        let r = parse_response(&body, None);
        prop_assert_eq!(r.shape, ResponseShape::QimenXml);
        // Blank messages count as absent; otherwise the text is kept, trimmed.
        let expected = Some(message.trim().to_string()).filter(|m| !m.is_empty());
        prop_assert_eq!(r.message, expected);
    }
}
