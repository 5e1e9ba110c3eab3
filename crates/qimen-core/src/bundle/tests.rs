use super::*;
use crate::captured::parse;
use crate::diagnose::diagnose;

const SECRET: &str = "helloworld-0123456789abcdefABCDEF";
const SESSION: &str = "6201b07f4e1a0b5ZZ8ec1a2f7d63b2fe9aa";
const ACCESS: &str = "6200e1f2a3b4c5d6e7f8091a2b3c4d5e6f7";

fn call() -> BundleCall {
    let curl = format!(
        "curl 'http://127.0.0.1:18080/router/rest?method=taobao.item.seller.get&app_key=12345678&session={SESSION}\
         &timestamp=2026-12-01+13:30:00&v=2.0&sign_method=md5&sign=0123456789ABCDEF0123456789ABCDEF'"
    );
    let request = parse(&curl).expect("a request");
    let now = DateTime::parse_from_rfc3339("2026-12-01T05:30:00Z")
        .unwrap()
        .to_utc();
    BundleCall {
        api: Some("taobao.item.seller.get".into()),
        environment: Some(BundleEnvironment {
            id: "local".into(),
            endpoint: "http://127.0.0.1:18080/router/rest".into(),
        }),
        diagnosis: Some(diagnose(&request, SECRET, now)),
        request,
        response: Some(BundleResponse {
            status: 200,
            content_type: Some("application/json".into()),
            body: format!("{{\"error_response\":{{\"code\":25,\"msg\":\"Invalid signature\",\"access_token\":\"{ACCESS}\"}}}}"),
            elapsed_ms: 12,
            size_bytes: 80,
        }),
        explanation: None,
        recorded_at: Some(now),
    }
}

#[test]
fn a_bundle_holds_no_secret_and_no_token_and_reads_back() {
    let now = Utc::now();
    let bundle = Bundle::new(vec![call()], "0.1.0", now);
    let text = bundle.to_json();
    for canary in [SECRET, SESSION, ACCESS] {
        assert!(!text.contains(canary), "{canary} in {text}");
    }
    assert!(text.contains("\"format\": \"qimen-workbench/repro\""));
    let read = Bundle::read(&text).expect("reads back");
    assert_eq!(read, bundle);
    assert_eq!(
        read.calls[0].request.param("method"),
        Some("taobao.item.seller.get")
    );
    assert!(Bundle::looks_like_bundle(&text));
}

#[test]
fn a_hand_edited_token_is_masked_on_reading() {
    let mut bundle = Bundle::new(vec![call()], "0.1.0", Utc::now());
    bundle.calls[0].request.raw_query = format!("method=x&session={SESSION}");
    bundle.calls[0].request.params[2].value = SESSION.into();
    let read = Bundle::read(&serde_json::to_string(&bundle).unwrap()).expect("reads");
    assert!(!serde_json::to_string(&read).unwrap().contains(SESSION));
}

#[test]
fn other_files_are_refused_with_a_reason() {
    assert!(matches!(
        Bundle::read("not json"),
        Err(BundleError::NotJson(_))
    ));
    assert_eq!(Bundle::read("{\"a\":1}"), Err(BundleError::NotABundle));
    let newer = "{\"format\":\"qimen-workbench/repro\",\"version\":9,\"calls\":[]}";
    assert_eq!(Bundle::read(newer), Err(BundleError::TooNew(9)));
    let mut bundle = Bundle::new(vec![call()], "0.1.0", Utc::now());
    bundle.calls.clear();
    assert_eq!(Bundle::read(&bundle.to_json()), Err(BundleError::Empty));
    let damaged = "{\"format\":\"qimen-workbench/repro\",\"version\":1,\"calls\":[{}]}";
    let err = Bundle::read(damaged).unwrap_err();
    assert!(matches!(err, BundleError::Damaged(_)), "{err:?}");
    assert!(err.message(Lang::ZhCn).contains("损坏"));
}
