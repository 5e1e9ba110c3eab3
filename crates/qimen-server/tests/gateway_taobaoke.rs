//! The Taobaoke APIs on the local gateway over real HTTP: an app granted every package gets answers
//! from each package, the demo app granted only the basic package gets code 11 naming the missing
//! package, and the product explains that answer with document 002's rules.

mod support;

use qimen_core::errors::explain;
use qimen_core::protocol::response::parse_response;
use qimen_core::text::Lang;
use qimen_server::gateway::config::{DEMO_TBK_BASIC_APP_KEY, DEMO_TBK_BASIC_SECRET};
use support::*;

const CALLBACK: &str = "http://127.0.0.1:7777/callback";

/// A signed TOP JSON call of `method` by `app` with business `params`.
async fn call(gw: &TestGateway, app: (&str, &str), method: &str, params: &[(&str, &str)]) -> Reply {
    let mut p = system(method, app.0, Some("json"));
    for (k, v) in params {
        set(&mut p, k, v);
    }
    gw.get("/router/rest", &signed(p, None, app.1)).await
}

/// A session for the demo shop, issued to `app` through the consent page and `/token`.
async fn session(gw: &TestGateway, app: (&str, &str)) -> String {
    let query: Vec<(String, String)> = [
        ("response_type", "code"),
        ("client_id", app.0),
        ("redirect_uri", CALLBACK),
        ("state", "tbk"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut form = consent_form(gw, &query).await;
    form.push(("decision".into(), "approve".into()));
    let reply = gw.post_form("/authorize", &[], &form).await;
    let location = reply.location.expect("the consent page redirects");
    let code = url::Url::parse(&location)
        .expect("a URL")
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("a code");
    let token: Vec<(String, String)> = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("client_id", app.0),
        ("client_secret", app.1),
        ("redirect_uri", CALLBACK),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let answer = gw.post_form("/token", &[], &token).await.json();
    answer["access_token"]
        .as_str()
        .expect("an access token")
        .to_string()
}

const BASIC: (&str, &str) = (DEMO_TBK_BASIC_APP_KEY, DEMO_TBK_BASIC_SECRET);
const GRANTED: (&str, &str) = (DEMO_ERP_APP_KEY, DEMO_ERP_SECRET);
const CONVERT: &[(&str, &str)] = &[
    ("fields", "num_iid,click_url"),
    ("num_iids", "600000000001,600000000005"),
    ("adzone_id", "1234567"),
];

#[tokio::test]
async fn an_app_granted_every_package_gets_answers_from_each() {
    let gw = TestGateway::start().await;
    let info = call(
        &gw,
        GRANTED,
        "taobao.tbk.item.info.get",
        &[("num_iids", "600000000003")],
    )
    .await
    .json();
    let item = &info["tbk_item_info_get_response"]["results"]["n_tbk_item"][0];
    assert_eq!(item["zk_final_price"], "59.90");
    assert!(item["title"].as_str().unwrap_or("").contains("保温杯"));

    let converted = call(&gw, GRANTED, "taobao.tbk.item.convert", CONVERT)
        .await
        .json();
    let links = &converted["tbk_item_convert_response"]["results"]["n_tbk_item"];
    assert_eq!(links.as_array().map(Vec::len), Some(2));

    let session = session(&gw, GRANTED).await;
    let material = call(
        &gw,
        GRANTED,
        "taobao.tbk.sc.material.optional",
        &[
            ("site_id", "7654321"),
            ("adzone_id", "1234567"),
            ("q", "茶"),
            ("session", &session),
        ],
    )
    .await
    .json();
    let answer = &material["tbk_sc_material_optional_response"];
    assert_eq!(answer["total_results"], 2, "{material}");
    assert!(answer["result_list"]["map_data"][0]["url"]
        .as_str()
        .unwrap_or("")
        .contains("1234567"));
}

#[tokio::test]
async fn the_basic_only_app_reaches_the_basic_package_and_nothing_more() {
    let gw = TestGateway::start().await;
    let info = call(
        &gw,
        BASIC,
        "taobao.tbk.shop.get",
        &[("fields", "shop_title"), ("q", "数码")],
    )
    .await
    .json();
    assert_eq!(
        info["tbk_shop_get_response"]["results"]["n_tbk_shop"][0]["shop_title"],
        "演示数码专营店"
    );

    let reply = call(&gw, BASIC, "taobao.tbk.item.convert", CONVERT).await;
    let e = reply.top_error();
    assert_eq!(e["code"], 11);
    assert_eq!(e["sub_code"], "isv.permission-api-package-not-allowed");
    let sub_msg = e["sub_msg"].as_str().unwrap_or("");
    // The missing package is named in the answer, in document 002's words.
    assert!(sub_msg.contains("淘宝客链接API"), "{sub_msg}");

    let result = parse_response(&reply.body, Some(&reply.content_type));
    let zh = explain(&result, Lang::ZhCn).expect("code 11 is explained");
    assert!(zh.title.contains("淘宝客链接API"), "{}", zh.title);
    // The cause states the link package's thresholds and the basic-first prerequisite as seed 002 does.
    assert!(
        zh.cause.contains("5万") && zh.cause.contains("10万") && zh.cause.contains("基础API"),
        "{}",
        zh.cause
    );
    assert!(zh.remedy.contains("10-15个工作日"), "{}", zh.remedy);
    let en = explain(&result, Lang::En).expect("explained in English too");
    assert!(en.title.contains("link API"), "{}", en.title);

    // With a valid publisher session, the three-party API is still refused for its package.
    let session = session(&gw, BASIC).await;
    let reply = call(
        &gw,
        BASIC,
        "taobao.tbk.sc.material.optional",
        &[
            ("site_id", "1"),
            ("adzone_id", "2"),
            ("q", "茶"),
            ("session", &session),
        ],
    )
    .await;
    let result = parse_response(&reply.body, Some(&reply.content_type));
    assert_eq!(result.code.as_deref(), Some("11"), "{}", reply.body);
    let zh = explain(&result, Lang::ZhCn).expect("explained");
    assert!(zh.cause.contains("50万"), "{}", zh.cause);
}
