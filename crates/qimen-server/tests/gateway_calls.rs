//! Successful calls, sent the way each official SDK sends them: the Java SDK (system params in the
//! query, business params in the form, three sign methods), the Python SDK (epoch-ms timestamp, blank
//! `k=` params signed as the key alone), the Node SDK (everything in the form, or everything in the
//! query for GET), and the Qimen standard XML body.

mod support;

use qimen_core::sign::top::digest;
use qimen_core::sign::SignMethod;
use support::*;

fn time_get(format: &str, method: SignMethod) -> Vec<(String, String)> {
    let mut p = system("taobao.time.get", DEMO_ERP_APP_KEY, Some(format));
    set(&mut p, "sign_method", method.as_param());
    p
}

#[tokio::test]
async fn time_get_signed_each_of_the_three_ways() {
    let gw = TestGateway::start().await;
    for method in SignMethod::ALL {
        let p = signed(time_get("json", method), None, DEMO_ERP_SECRET);
        let reply = gw.get("/router/rest", &p).await;
        let v = reply.json();
        // The gateway's clock is fixed, so the platform time is exactly it.
        assert_eq!(
            v["time_get_response"]["time"], NOW_GMT8,
            "{method}: {}",
            reply.body
        );
        assert!(v["time_get_response"]["request_id"].is_string());
    }
    gw.running.shutdown().await;
}

#[tokio::test]
async fn java_style_query_plus_form_and_xml_and_simplify() {
    let gw = TestGateway::start().await;
    // Java: system params in the URL, business params in the form body; all signed together.
    let mut all = time_get("xml", SignMethod::HmacSha256);
    set(&mut all, "partner_id", "top-sdk-java-20200706");
    set(&mut all, "extra", "值 with spaces");
    let all = signed(all, None, DEMO_ERP_SECRET);
    let (form, query): (Vec<_>, Vec<_>) = all.into_iter().partition(|(k, _)| k == "extra");
    let reply = gw.post_form("/router/rest", &query, &form).await;
    assert!(reply.content_type.contains("xml"), "{}", reply.content_type);
    assert!(
        reply.body.contains(&format!(
            "<time_get_response><time>{NOW_GMT8}</time><request_id>"
        )),
        "{}",
        reply.body
    );

    let mut p = time_get("json", SignMethod::Md5);
    set(&mut p, "simplify", "true");
    let v = gw
        .get("/router/rest", &signed(p, None, DEMO_ERP_SECRET))
        .await
        .json();
    // simplify=true: the fields at the root, no time_get_response wrapper.
    assert_eq!(v["time"], NOW_GMT8);
    assert!(v.get("time_get_response").is_none());
    gw.running.shutdown().await;
}

/// The Python SDK's signature: a blank value is kept, signed as its key alone.
fn python_sign(pairs: &[(String, String)], secret: &str) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != "sign").collect();
    sorted.sort();
    let s: String = sorted.iter().map(|(k, v)| format!("{k}{v}")).collect();
    digest(&s, secret, SignMethod::Md5)
}

#[tokio::test]
async fn python_sdk_epoch_millis_and_blank_params() {
    let gw = TestGateway::start().await;
    let millis = gw.clock_millis();
    let mut p = system("taobao.time.get", DEMO_ERP_APP_KEY, Some("json"));
    set(&mut p, "timestamp", &millis.to_string());
    set(&mut p, "partner_id", "taobao-sdk-python-20200622");
    set(&mut p, "fields", "");
    let sign = python_sign(&p, DEMO_ERP_SECRET);
    // The two readings differ, so this really tests the Python one.
    assert_ne!(sign, sign_of(&p, None, DEMO_ERP_SECRET));
    p.push(("sign".into(), sign));
    let (form, query): (Vec<_>, Vec<_>) = p.into_iter().partition(|(k, _)| k == "fields");
    let reply = gw.post_form("/router/rest", &query, &form).await;
    assert_eq!(
        reply.json()["time_get_response"]["time"],
        NOW_GMT8,
        "{}",
        reply.body
    );

    // The Java reading of the same request (blank dropped) is accepted too.
    let mut p = system("taobao.time.get", DEMO_ERP_APP_KEY, Some("json"));
    set(&mut p, "fields", "");
    let p = signed(p, None, DEMO_ERP_SECRET);
    let reply = gw.get("/router/rest", &p).await;
    assert_eq!(
        reply.json()["time_get_response"]["time"],
        NOW_GMT8,
        "{}",
        reply.body
    );
    gw.running.shutdown().await;
}

#[tokio::test]
async fn node_sdk_everything_in_the_form_or_everything_in_the_query() {
    let gw = TestGateway::start().await;
    let p = signed(time_get("json", SignMethod::Md5), None, DEMO_ERP_SECRET);
    let reply = gw.post_form("/router/rest", &[], &p).await;
    assert_eq!(
        reply.json()["time_get_response"]["time"],
        NOW_GMT8,
        "{}",
        reply.body
    );
    let reply = gw.get("/router/rest", &p).await;
    assert_eq!(
        reply.json()["time_get_response"]["time"],
        NOW_GMT8,
        "{}",
        reply.body
    );
    gw.running.shutdown().await;
}

const ENTRY_ORDER: &str = r#"<?xml version="1.0" encoding="utf-8"?><request><entryOrder><entryOrderCode>E20240520001</entryOrderCode><ownerCode>OWNER01</ownerCode><warehouseCode>WH01</warehouseCode><orderType>CGRK</orderType></entryOrder><orderLines><orderLine><itemCode>SKU-001</itemCode><planQty>10</planQty></orderLine></orderLines></request>"#;

#[tokio::test]
async fn qimen_standard_xml_body_on_every_qimen_standard_route() {
    let gw = TestGateway::start().await;
    for path in [
        "/router/qimen/service",
        "/router/qmtest",
        "/top/router/qmtest",
        "/router/qm",
    ] {
        let mut p = system(
            "taobao.qimen.entryorder.create",
            DEMO_WMS_APP_KEY,
            Some("xml"),
        );
        set(&mut p, "customerId", "stub-cust-code");
        let p = signed(p, Some(ENTRY_ORDER), DEMO_WMS_SECRET);
        let reply = gw
            .post_body(path, &p, "text/xml;charset=utf-8", ENTRY_ORDER)
            .await;
        assert!(
            reply.body.starts_with(
                r#"<?xml version="1.0" encoding="utf-8"?><response><flag>success</flag><code>0</code>"#
            ),
            "{path}: {}",
            reply.body
        );
    }
    // The standard API is not a TOP API: on /router/rest it is code 22 naming the right router.
    let mut p = system(
        "taobao.qimen.entryorder.create",
        DEMO_WMS_APP_KEY,
        Some("json"),
    );
    set(&mut p, "customerId", "stub-cust-code");
    let p = signed(p, Some(ENTRY_ORDER), DEMO_WMS_SECRET);
    let reply = gw
        .post_body("/router/rest", &p, "application/xml", ENTRY_ORDER)
        .await;
    let e = reply.top_error();
    assert_eq!(e["code"], 22);
    assert!(e["sub_msg"]
        .as_str()
        .unwrap()
        .contains("/router/qimen/service"));
    gw.running.shutdown().await;
}

#[tokio::test]
async fn unknown_paths_say_what_is_served() {
    let gw = TestGateway::start().await;
    let reply = gw.get("/router/nope", &[]).await;
    assert_eq!(reply.status, 404);
    assert!(reply.body.contains("/router/rest"), "{}", reply.body);
    gw.running.shutdown().await;
}
