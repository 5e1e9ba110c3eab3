//! OAuth on the local platform end to end: consent page → approve → code → token → a call that needs
//! the session; deny; used, expired and mismatched codes; refresh; the token APIs of the router.

mod support;

use chrono::Duration;
use serde_json::Value;
use support::*;

/// Form fields of one case.
type Params = Vec<(&'static str, &'static str)>;

const CALLBACK: &str = "http://127.0.0.1:7777/callback?from=test";

fn authorize_query(client_id: &str, redirect_uri: &str) -> Vec<(String, String)> {
    pairs(&[
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("state", "st 1&2"),
        ("view", "web"),
    ])
}

/// Approves on the consent page and returns the redirect's query pairs.
async fn approve(gw: &TestGateway, decision: &str) -> Vec<(String, String)> {
    let mut form = consent_form(gw, &authorize_query(DEMO_ERP_APP_KEY, CALLBACK)).await;
    form.push(("decision".into(), decision.into()));
    let reply = gw.post_form("/authorize", &[], &form).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let location = reply.location.expect("a Location header");
    assert!(
        location.starts_with("http://127.0.0.1:7777/callback?from=test&"),
        "{location}"
    );
    url::Url::parse(&location)
        .expect("a URL")
        .query_pairs()
        .into_owned()
        .collect()
}

fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

async fn exchange(gw: &TestGateway, code: &str, redirect_uri: &str) -> Reply {
    let form = pairs(&[
        ("grant_type", "authorization_code"),
        ("code", code),
        ("client_id", DEMO_ERP_APP_KEY),
        ("client_secret", DEMO_ERP_SECRET),
        ("redirect_uri", redirect_uri),
    ]);
    gw.post_form("/token", &[], &form).await
}

async fn seller_get(gw: &TestGateway, session: &str) -> Value {
    let mut p = system("taobao.user.seller.get", DEMO_ERP_APP_KEY, Some("json"));
    set(&mut p, "fields", "nick,user_id");
    set(&mut p, "session", session);
    // Sent at the gateway's current time, which some tests move on.
    set(&mut p, "timestamp", &gw.now_gmt8());
    gw.get("/router/rest", &signed(p, None, DEMO_ERP_SECRET))
        .await
        .json()
}

#[tokio::test]
async fn consent_page_then_code_then_token_then_a_session_call() {
    let gw = TestGateway::start().await;
    let page = gw
        .get("/authorize", &authorize_query(DEMO_ERP_APP_KEY, CALLBACK))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    // Names the app and the demo shop, and offers both buttons as a plain form.
    assert!(page.body.contains("演示财务ERP"), "{}", page.body);
    assert!(page.body.contains("晴川数码旗舰店"));
    assert!(page.body.contains("value=\"approve\"") && page.body.contains("value=\"deny\""));

    let back = approve(&gw, "approve").await;
    assert_eq!(
        value(&back, "state"),
        Some("st 1&2"),
        "state is echoed unchanged"
    );
    let code = value(&back, "code").expect("a code").to_string();

    let token = exchange(&gw, &code, CALLBACK).await;
    assert_eq!(token.status, 200, "{}", token.body);
    let t = token.json();
    for field in [
        "access_token",
        "token_type",
        "expires_in",
        "refresh_token",
        "re_expires_in",
        "r1_expires_in",
        "r2_expires_in",
        "w1_expires_in",
        "w2_expires_in",
        "taobao_user_nick",
        "taobao_user_id",
        "sub_taobao_user_id",
        "sub_taobao_user_nick",
        "expire_time",
        "refresh_token_valid_time",
        "taobao_open_uid",
    ] {
        assert!(t.get(field).is_some(), "{field} missing: {t}");
    }
    // The nick is URL-encoded UTF-8, as the platform sends it.
    let nick = t["taobao_user_nick"].as_str().unwrap();
    let decoded = percent_encoding::percent_decode_str(nick)
        .decode_utf8()
        .unwrap();
    assert_eq!(decoded, "晴川数码旗舰店");
    assert_eq!(t["expire_time"], gw.clock_millis() + 86_400_000);

    let session = t["access_token"].as_str().unwrap();
    let v = seller_get(&gw, session).await;
    assert_eq!(
        v["user_seller_get_response"]["user"]["nick"], "晴川数码旗舰店",
        "{v}"
    );

    // The same session with another app's key is refused: it was issued to 23000001 only.
    let mut p = system("taobao.user.seller.get", DEMO_WMS_APP_KEY, Some("json"));
    set(&mut p, "fields", "nick");
    set(&mut p, "session", session);
    let e = gw
        .get("/router/rest", &signed(p, None, DEMO_WMS_SECRET))
        .await
        .top_error();
    assert_eq!(e["code"], 27);
    assert_eq!(e["sub_code"], "invalid-sessionkey");

    // A used code cannot be exchanged again.
    let again = exchange(&gw, &code, CALLBACK).await;
    assert_eq!(again.status, 400);
    assert_eq!(again.json()["error"], "invalid_grant");

    // After 24 h the session has expired: code 27.
    gw.clock.advance(Duration::hours(24));
    let v = seller_get(&gw, session).await;
    assert_eq!(v["error_response"]["code"], 27, "{v}");
    gw.running.shutdown().await;
}

#[tokio::test]
async fn deny_redirects_with_access_denied() {
    let gw = TestGateway::start().await;
    let location = {
        let mut form = consent_form(&gw, &authorize_query(DEMO_ERP_APP_KEY, CALLBACK)).await;
        form.push(("decision".into(), "deny".into()));
        gw.post_form("/authorize", &[], &form)
            .await
            .location
            .unwrap()
    };
    // The platform's exact wording, with %20 (not +) for the space.
    assert!(
        location
            .contains("error=access_denied&error_description=authorize%20reject&state=st%201%262"),
        "{location}"
    );
    assert!(!location.contains("code="));
    gw.running.shutdown().await;
}

#[tokio::test]
async fn untrusted_authorize_requests_get_an_error_page_not_a_redirect() {
    let gw = TestGateway::start().await;
    for (client, redirect) in [
        ("99999999", CALLBACK),
        (DEMO_ERP_APP_KEY, "not a url"),
        (DEMO_ERP_APP_KEY, "javascript:alert(1)"),
        (DEMO_ERP_APP_KEY, ""),
    ] {
        let mut form = authorize_query(client, redirect);
        let page = gw.get("/authorize", &form).await;
        assert_eq!(page.status, 400, "{client} {redirect}");
        form.push(("decision".into(), "approve".into()));
        let posted = gw.post_form("/authorize", &[], &form).await;
        assert_eq!(posted.status, 400, "{client} {redirect}");
        assert!(
            posted.location.is_none(),
            "never redirect an untrusted request"
        );
    }
    gw.running.shutdown().await;
}

#[tokio::test]
async fn expired_and_mismatched_codes_are_invalid_grants() {
    let gw = TestGateway::start().await;
    let code = value(&approve(&gw, "approve").await, "code")
        .unwrap()
        .to_string();
    let other = exchange(&gw, &code, "http://127.0.0.1:7777/elsewhere").await;
    assert_eq!(other.json()["error"], "invalid_grant");
    assert!(other.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("redirect_uri"));

    gw.clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let late = exchange(&gw, &code, CALLBACK).await;
    assert_eq!(late.status, 400);
    assert_eq!(late.json()["error"], "invalid_grant");
    assert!(late.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("expired"));
    gw.running.shutdown().await;
}

#[tokio::test]
async fn token_endpoint_errors_name_the_problem() {
    let gw = TestGateway::start().await;
    let base = [
        ("client_id", DEMO_ERP_APP_KEY),
        ("client_secret", DEMO_ERP_SECRET),
    ];
    // (extra form fields, expected error, a word its description must contain)
    let cases: Vec<(Params, &str, &str)> = vec![
        (
            vec![("grant_type", "password")],
            "unsupported_grant_type",
            "password",
        ),
        (
            vec![("grant_type", "authorization_code")],
            "invalid_request",
            "code",
        ),
        (
            vec![("grant_type", "refresh_token"), ("refresh_token", "r")],
            "invalid_grant",
            "refresh_token",
        ),
    ];
    for (extra, error, mentions) in cases {
        let mut form = pairs(&base);
        form.extend(pairs(&extra));
        let reply = gw.post_form("/token", &[], &form).await;
        assert_eq!(reply.status, 400);
        let v = reply.json();
        assert_eq!(v["error"], error, "{v}");
        assert!(
            v["error_description"].as_str().unwrap().contains(mentions),
            "{v}"
        );
    }
    let form = pairs(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", "r"),
        ("client_id", DEMO_ERP_APP_KEY),
        ("client_secret", "wrong"),
    ]);
    let v = gw.post_form("/token", &[], &form).await.json();
    assert_eq!(v["error"], "invalid_client");
    assert!(!v.to_string().contains(DEMO_ERP_SECRET));
    gw.running.shutdown().await;
}

#[tokio::test]
async fn refresh_gives_a_new_working_session() {
    let gw = TestGateway::start().await;
    let code = value(&approve(&gw, "approve").await, "code")
        .unwrap()
        .to_string();
    let first = exchange(&gw, &code, CALLBACK).await.json();
    let form = pairs(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", first["refresh_token"].as_str().unwrap()),
        ("client_id", DEMO_ERP_APP_KEY),
        ("client_secret", DEMO_ERP_SECRET),
    ]);
    let second = gw.post_form("/token", &[], &form).await.json();
    let session = second["access_token"].as_str().expect("a new token");
    assert_ne!(Some(session), first["access_token"].as_str());
    let v = seller_get(&gw, session).await;
    assert_eq!(
        v["user_seller_get_response"]["user"]["nick"], "晴川数码旗舰店",
        "{v}"
    );
    gw.running.shutdown().await;
}

#[tokio::test]
async fn token_apis_on_the_router_return_token_result_as_a_json_string() {
    let gw = TestGateway::start().await;
    let code = value(&approve(&gw, "approve").await, "code")
        .unwrap()
        .to_string();
    let mut p = system(
        "taobao.top.auth.token.create",
        DEMO_ERP_APP_KEY,
        Some("json"),
    );
    set(&mut p, "code", &code);
    let v = gw
        .get("/router/rest", &signed(p, None, DEMO_ERP_SECRET))
        .await
        .json();
    let text = v["top_auth_token_create_response"]["token_result"]
        .as_str()
        .unwrap_or_else(|| panic!("token_result is a string: {v}"));
    let token: Value = serde_json::from_str(text).expect("a JSON document inside the string");
    let session = token["access_token"].as_str().unwrap();
    assert_eq!(
        seller_get(&gw, session).await["user_seller_get_response"]["user"]["nick"],
        "晴川数码旗舰店"
    );

    let mut p = system(
        "taobao.top.auth.token.refresh",
        DEMO_ERP_APP_KEY,
        Some("json"),
    );
    set(
        &mut p,
        "refresh_token",
        token["refresh_token"].as_str().unwrap(),
    );
    let v = gw
        .get("/router/rest", &signed(p, None, DEMO_ERP_SECRET))
        .await
        .json();
    let text = v["top_auth_token_refresh_response"]["token_result"]
        .as_str()
        .unwrap();
    assert!(serde_json::from_str::<Value>(text).unwrap()["access_token"].is_string());

    // The code was used: a second create is a business error naming the parameter.
    let mut p = system(
        "taobao.top.auth.token.create",
        DEMO_ERP_APP_KEY,
        Some("json"),
    );
    set(&mut p, "code", &code);
    let e = gw
        .get("/router/rest", &signed(p, None, DEMO_ERP_SECRET))
        .await
        .top_error();
    assert_eq!(e["sub_code"], "isv.invalid-parameter:code");

    // Without code: 40 naming it.
    let p = system(
        "taobao.top.auth.token.create",
        DEMO_ERP_APP_KEY,
        Some("json"),
    );
    let e = gw
        .get("/router/rest", &signed(p, None, DEMO_ERP_SECRET))
        .await
        .top_error();
    assert_eq!(e["sub_code"], "isv.missing-parameter:code");
    gw.running.shutdown().await;
}

#[tokio::test]
async fn a_decision_not_posted_from_a_shown_consent_page_approves_nothing() {
    let gw = TestGateway::start().await;
    // A cross-site form: every field right, but no page of this gateway was shown for it.
    let mut forged = authorize_query(DEMO_ERP_APP_KEY, CALLBACK);
    forged.push(("decision".into(), "approve".into()));
    let reply = gw.post_form("/authorize", &[], &forged).await;
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert!(reply.location.is_none());
    // A page's token is good once, and only for the app and callback it was shown for.
    let mut form = consent_form(&gw, &authorize_query(DEMO_ERP_APP_KEY, CALLBACK)).await;
    form.push(("decision".into(), "approve".into()));
    let mut other_callback = form.clone();
    for (k, v) in other_callback.iter_mut() {
        if k == "redirect_uri" {
            *v = "http://127.0.0.1:7777/elsewhere".into();
        }
    }
    assert_eq!(
        gw.post_form("/authorize", &[], &other_callback)
            .await
            .status,
        403
    );
    let mut fresh = consent_form(&gw, &authorize_query(DEMO_ERP_APP_KEY, CALLBACK)).await;
    fresh.push(("decision".into(), "approve".into()));
    assert_eq!(gw.post_form("/authorize", &[], &fresh).await.status, 302);
    assert_eq!(
        gw.post_form("/authorize", &[], &fresh).await.status,
        403,
        "used once"
    );
    gw.running.shutdown().await;
}
