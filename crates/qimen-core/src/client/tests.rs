use super::*;
use crate::protocol::ApiFamily;
use crate::sign::{SignExplanation, SignMethod};
use crate::text::Lang;

fn request(endpoint: &str, query: &[(&str, &str)]) -> PreparedRequest {
    PreparedRequest {
        family: ApiFamily::Top,
        endpoint: endpoint.to_string(),
        query: query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        form: Vec::new(),
        body: None,
        signature: SignExplanation {
            method: SignMethod::Md5,
            kept: Vec::new(),
            dropped: Vec::new(),
            body_appended: false,
            string_to_sign_masked: String::new(),
            digest: String::new(),
        },
    }
}

#[test]
fn the_query_is_encoded_like_java_urlencoder() {
    let req = request(
        "http://127.0.0.1:8080/router/rest",
        &[
            ("timestamp", "2024-05-20 10:15:30"),
            ("customerId", "仓库 A&B"),
            ("sign", "6373AD7D"),
        ],
    );
    // Space → '+', ':' and '&' escaped, Chinese as UTF-8 bytes, order kept.
    assert_eq!(
        sent_url(&req),
        "http://127.0.0.1:8080/router/rest?timestamp=2024-05-20+10%3A15%3A30&customerId=%E4%BB%93%E5%BA%93+A%26B&sign=6373AD7D"
    );
    assert_eq!(
        sent_url(&request("http://h/x?a=1", &[("b", "2")])),
        "http://h/x?a=1&b=2"
    );
    assert_eq!(sent_url(&request(" http://h/x ", &[])), "http://h/x");
}

#[test]
fn defaults_are_sensible() {
    let options = ClientOptions::default();
    assert_eq!(options.max_response_bytes, 32 * 1024 * 1024);
    assert_eq!(options.proxy, ProxySetting::System);
    assert!(options.user_agent.starts_with("qimen-workbench/"));
    assert!(HttpClient::new(options).is_ok());
}

#[test]
fn a_bad_proxy_is_named_without_its_password() {
    let options = ClientOptions {
        proxy: ProxySetting::Url("http://user:hunter2@bad host:99999".into()),
        ..ClientOptions::default()
    };
    match HttpClient::new(options) {
        Err(ClientError::InvalidProxy { proxy, .. }) => {
            assert_eq!(proxy, "http://***@bad host:99999");
        }
        other => panic!("expected InvalidProxy, got {other:?}"),
    }
}

#[test]
fn bad_addresses_are_refused_before_sending() {
    for endpoint in ["not a url", "ftp://example.com/router/rest", "", "http://"] {
        let req = request(endpoint, &[("session", "6201b07f4e1a0b5ZZ")]);
        let err = checked_url(&req.endpoint, &sent_url(&req)).expect_err(endpoint);
        match &err {
            ClientError::InvalidUrl { url, .. } => assert_eq!(url, endpoint),
            other => panic!("expected InvalidUrl for {endpoint:?}, got {other:?}"),
        }
        // The message names the endpoint but never the query, which holds the session.
        assert!(!err.to_string().contains("6201b07f"), "{err}");
    }
}

#[test]
fn every_error_speaks_both_languages() {
    let errors = [
        ClientError::InvalidUrl {
            url: "x".into(),
            reason: "relative URL without a base".into(),
        },
        ClientError::InvalidProxy {
            proxy: "x".into(),
            detail: "bad".into(),
        },
        ClientError::Setup { detail: "d".into() },
        ClientError::Connect {
            target: "http://127.0.0.1:1".into(),
            detail: "refused".into(),
        },
        ClientError::ConnectTimeout {
            target: "http://10.0.0.1:80".into(),
            after: Duration::from_secs(10),
        },
        ClientError::Timeout {
            after: Duration::from_millis(1500),
        },
        ClientError::Tls {
            target: "https://h:443".into(),
            detail: "invalid certificate".into(),
        },
        ClientError::ResponseTooLarge { limit: 1024 },
        ClientError::Transport {
            target: "http://h:80".into(),
            detail: "reset".into(),
        },
    ];
    for err in errors {
        let zh = err.message(Lang::ZhCn);
        let en = err.message(Lang::En);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(en.is_ascii(), "{en}");
    }
    assert!(ClientError::Timeout {
        after: Duration::from_millis(1500)
    }
    .to_string()
    .contains("1.5 s"));
    assert!(ClientError::Timeout {
        after: Duration::from_secs(30)
    }
    .message(Lang::ZhCn)
    .contains("30 秒"));
}
