//! Every platform error the gateway produces, over real HTTP, in JSON and in XML, read back with the
//! product's own response parser (so the client and the gateway agree on the shapes).

mod support;

use qimen_core::protocol::response::{parse_response, ResponseShape};
use qimen_server::gateway::GatewayConfig;
use std::collections::HashSet;
use support::*;

const WDT_TRADE: &str = "hu3cgwt0tc.wdt.trade.query";

struct Case {
    name: &'static str,
    path: &'static str,
    /// The call's pairs for a format; they are signed unless `sign` is already among them.
    build: fn(&str) -> Vec<(String, String)>,
    code: &'static str,
    sub_code: Option<&'static str>,
}

fn time_get(format: &str) -> Vec<(String, String)> {
    system("taobao.time.get", DEMO_ERP_APP_KEY, Some(format))
}

fn wdt_call(format: &str, app_key: &str) -> Vec<(String, String)> {
    let mut p = system(WDT_TRADE, app_key, Some(format));
    set(&mut p, "target_app_key", "21363512");
    set(&mut p, "sid", "wdtdemo");
    p
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "missing method",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                remove(&mut p, "method");
                p
            },
            code: "21",
            sub_code: None,
        },
        Case {
            name: "unknown method",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                set(&mut p, "method", "taobao.no.such.api");
                p
            },
            code: "22",
            sub_code: None,
        },
        Case {
            name: "missing app_key",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                remove(&mut p, "app_key");
                p
            },
            code: "28",
            sub_code: None,
        },
        Case {
            name: "unknown app_key",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                set(&mut p, "app_key", "99999999");
                p
            },
            code: "29",
            sub_code: Some("isv.appkey-not-exists"),
        },
        Case {
            name: "missing timestamp",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                remove(&mut p, "timestamp");
                p
            },
            code: "30",
            sub_code: None,
        },
        Case {
            name: "unreadable timestamp",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                set(&mut p, "timestamp", "2024/05/20 10:15");
                p
            },
            code: "31",
            sub_code: None,
        },
        Case {
            name: "timestamp 11 minutes behind",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                set(&mut p, "timestamp", "2024-05-20 10:04:29");
                p
            },
            code: "31",
            sub_code: None,
        },
        Case {
            name: "missing v",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                remove(&mut p, "v");
                p
            },
            code: "32",
            sub_code: None,
        },
        Case {
            name: "non-numeric v",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                set(&mut p, "v", "two");
                p
            },
            code: "33",
            sub_code: None,
        },
        Case {
            name: "missing sign",
            path: "/router/rest",
            build: |f| {
                let mut p = time_get(f);
                // A blank sign counts as missing; `signed` is bypassed because sign is present.
                set(&mut p, "sign", " ");
                p
            },
            code: "24",
            sub_code: None,
        },
        Case {
            name: "wrong sign",
            path: "/router/rest",
            build: |f| {
                let p = time_get(f);
                signed(p, None, "not-the-secret")
            },
            code: "25",
            sub_code: None,
        },
        Case {
            name: "missing session",
            path: "/router/rest",
            build: |f| {
                let mut p = system("taobao.user.seller.get", DEMO_ERP_APP_KEY, Some(f));
                set(&mut p, "fields", "nick,user_id");
                p
            },
            code: "26",
            sub_code: None,
        },
        Case {
            name: "unknown session",
            path: "/router/rest",
            build: |f| {
                let mut p = system("taobao.user.seller.get", DEMO_ERP_APP_KEY, Some(f));
                set(&mut p, "fields", "nick,user_id");
                set(&mut p, "session", "6100a1b2c3d4e5f6");
                p
            },
            code: "27",
            sub_code: Some("invalid-sessionkey"),
        },
        Case {
            name: "API package not granted",
            path: "/router/qm",
            build: |f| wdt_call(f, DEMO_SANDBOX_APP_KEY),
            code: "11",
            sub_code: Some("isv.permission-api-package-not-allowed"),
        },
        Case {
            name: "missing business parameter",
            path: "/router/qm",
            build: |f| {
                let mut p = wdt_call(f, DEMO_ERP_APP_KEY);
                remove(&mut p, "sid");
                p
            },
            code: "40",
            sub_code: Some("isv.missing-parameter:sid"),
        },
        Case {
            name: "custom API without target_app_key",
            path: "/router/qm",
            build: |f| {
                let mut p = wdt_call(f, DEMO_ERP_APP_KEY);
                remove(&mut p, "target_app_key");
                p
            },
            code: "40",
            sub_code: Some("isv.missing-parameter:target_app_key"),
        },
        Case {
            name: "custom API with the wrong target_app_key",
            path: "/router/qm",
            build: |f| {
                let mut p = wdt_call(f, DEMO_ERP_APP_KEY);
                set(&mut p, "target_app_key", "12345678");
                p
            },
            code: "41",
            sub_code: Some("isv.invalid-parameter:target_app_key"),
        },
    ]
}

fn secret_for(pairs: &[(String, String)]) -> &'static str {
    match pairs
        .iter()
        .find(|(k, _)| k == "app_key")
        .map(|(_, v)| v.as_str())
    {
        Some(DEMO_SANDBOX_APP_KEY) => DEMO_SANDBOX_SECRET,
        _ => DEMO_ERP_SECRET,
    }
}

#[tokio::test]
async fn every_error_code_in_json_and_xml() {
    let gw = TestGateway::start().await;
    let mut request_ids = HashSet::new();
    for case in cases() {
        for format in ["json", "xml"] {
            let mut pairs = (case.build)(format);
            if !pairs.iter().any(|(k, _)| k == "sign") {
                let secret = secret_for(&pairs);
                pairs = signed(pairs, None, secret);
            }
            let reply = gw.get(case.path, &pairs).await;
            let what = format!("{} ({format}): {}", case.name, reply.body);
            // The platform answers errors with HTTP 200 and the error in the body.
            assert_eq!(reply.status, 200, "{what}");
            let result = parse_response(&reply.body, Some(&reply.content_type));
            assert!(!result.success, "{what}");
            assert_eq!(result.code.as_deref(), Some(case.code), "{what}");
            assert_eq!(result.sub_code.as_deref(), case.sub_code, "{what}");
            let expected_shape = match (case.path, format) {
                ("/router/rest", "json") => ResponseShape::TopJson,
                ("/router/rest", _) => ResponseShape::TopXml,
                (_, "json") => ResponseShape::QimenCloudJson,
                _ => ResponseShape::QimenXml,
            };
            assert_eq!(result.shape, expected_shape, "{what}");
            if format == "xml" {
                assert!(reply.content_type.contains("xml"), "{what}");
            }
            let id = result.request_id.clone().unwrap_or_default();
            // Every answer carries its own request_id.
            assert!(!id.is_empty() && request_ids.insert(id), "{what}");
        }
    }
    gw.running.shutdown().await;
}

#[tokio::test]
async fn top_errors_have_the_platform_shape_and_messages() {
    let gw = TestGateway::start().await;
    let mut p = time_get("json");
    set(&mut p, "timestamp", "2024-05-20 10:26:31");
    let reply = gw
        .get("/router/rest", &signed(p, None, DEMO_ERP_SECRET))
        .await;
    let e = reply.top_error();
    // The code is a JSON number, the msg the platform's exact words.
    assert_eq!(e["code"], serde_json::json!(31));
    assert_eq!(e["msg"], "Invalid Timestamp");
    assert!(e["sub_msg"].as_str().unwrap().contains("ahead of"), "{e}");

    let mut p = time_get("xml");
    remove(&mut p, "method");
    let reply = gw.get("/router/rest", &p).await;
    assert!(
        reply
            .body
            .contains("<error_response><code>21</code><msg>Missing Method</msg>"),
        "{}",
        reply.body
    );
    gw.running.shutdown().await;
}

#[tokio::test]
async fn format_errors_answer_in_xml_and_version_three_is_unsupported() {
    let gw = TestGateway::start().await;
    let reply = gw
        .get(
            "/router/rest",
            &signed(time_get("yaml"), None, DEMO_ERP_SECRET),
        )
        .await;
    // An unusable format cannot be honoured, so the default (xml) is used.
    assert!(
        reply
            .body
            .contains("<code>23</code><msg>Invalid Format</msg>"),
        "{}",
        reply.body
    );

    let mut p = time_get("json");
    set(&mut p, "v", "3.0");
    let e = gw
        .get("/router/rest", &signed(p, None, DEMO_ERP_SECRET))
        .await
        .top_error();
    assert_eq!(e["code"], 34);
    gw.running.shutdown().await;
}

#[tokio::test]
async fn wrong_route_and_wrong_sign_explain_themselves() {
    let gw = TestGateway::start().await;
    let p = signed(wdt_call("json", DEMO_ERP_APP_KEY), None, DEMO_ERP_SECRET);
    let e = gw.get("/router/rest", &p).await.top_error();
    assert_eq!(e["code"], 22);
    // The sub_msg names the router that serves the API.
    assert!(e["sub_msg"].as_str().unwrap().contains("/router/qm"), "{e}");

    let mut p = time_get("json");
    set(&mut p, "sign_method", "hmac-sha256");
    let e = gw
        .get("/router/rest", &signed(p, None, "wrong-secret"))
        .await
        .top_error();
    assert_eq!(e["code"], 25);
    let sub = e["sub_msg"].as_str().unwrap();
    assert!(sub.contains("sign_method=hmac-sha256"), "{sub}");
    assert!(
        !sub.contains(DEMO_ERP_SECRET),
        "the secret never appears in an answer"
    );
    gw.running.shutdown().await;
}

#[tokio::test]
async fn an_app_without_any_package_gets_package_empty() {
    let mut config = GatewayConfig::demo();
    config
        .add_toml("[[app]]\napp_key = \"23999009\"\nsecret = \"nothing-granted\"\ngranted = []\n")
        .unwrap();
    let gw = TestGateway::with_config(config).await;
    let p = system("taobao.time.get", "23999009", Some("json"));
    let e = gw
        .get("/router/rest", &signed(p, None, "nothing-granted"))
        .await
        .top_error();
    assert_eq!(e["code"], 11);
    assert_eq!(e["sub_code"], "isv.permission-api-package-empty");
    gw.running.shutdown().await;
}

#[tokio::test]
async fn qimen_standard_failures_are_flag_code_message_xml() {
    let gw = TestGateway::start().await;
    let body = "<request><entryOrder><entryOrderCode>E1</entryOrderCode></entryOrder></request>";
    let mut p = system(
        "taobao.qimen.entryorder.create",
        DEMO_ERP_APP_KEY,
        Some("xml"),
    );
    set(&mut p, "customerId", "stub-cust-code");
    // Signed without the body: the body is part of the signature, so this must fail with 25.
    let p = signed(p, None, DEMO_ERP_SECRET);
    let reply = gw
        .post_body("/router/qimen/service", &p, "text/xml;charset=utf-8", body)
        .await;
    assert!(
        reply.body.contains(
            "<response><flag>failure</flag><code>25</code><message>Invalid Signature</message>"
        ),
        "{}",
        reply.body
    );
    gw.running.shutdown().await;
}

#[tokio::test]
async fn bodies_over_the_cap_get_an_error_answer() {
    let gw = TestGateway::start().await;
    let big = "x".repeat(qimen_server::gateway::MAX_BODY_BYTES + 1);
    let p = pairs(&[("format", "json")]);
    let reply = gw.post_body("/router/rest", &p, "text/plain", &big).await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.top_error()["sub_code"], "isv.invalid-parameter:body");
    // The gateway is still serving afterwards.
    let ok = gw
        .get(
            "/router/rest",
            &signed(time_get("json"), None, DEMO_ERP_SECRET),
        )
        .await;
    assert!(ok.json().get("time_get_response").is_some(), "{}", ok.body);
    gw.running.shutdown().await;
}

#[tokio::test]
async fn only_get_and_post_are_accepted() {
    let gw = TestGateway::start().await;
    let url = with_query(&gw.url("/router/rest"), &pairs(&[("format", "json")]));
    let reply = gw.http.put(url).body("x").send().await.unwrap();
    let v: serde_json::Value = serde_json::from_str(&reply.text().await.unwrap()).unwrap();
    assert_eq!(v["error_response"]["code"], 9);
    assert_eq!(v["error_response"]["msg"], "Http Action Not Allowed");
    gw.running.shutdown().await;
}

#[tokio::test]
async fn a_busy_port_is_named_in_the_error() {
    let gw = TestGateway::start().await;
    let port = gw.running.addr().port();
    let clock = gw.clock.clone();
    let err = qimen_server::gateway::start(GatewayConfig::demo(), clock, port)
        .await
        .unwrap_err();
    assert!(err.to_string().contains(&port.to_string()), "{err}");
    assert!(err.to_string().contains("in use"), "{err}");
    gw.running.shutdown().await;
}
