//! The canary: a profile and calls made with a recognisable AppSecret and session, then the raw bytes
//! of the database file and its WAL searched for those values, and every stored body and search
//! text too, inflated where it is kept compressed. Zero hits, or a secret reached disk.

use qimen_core::clock::FixedClock;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::request::{prepare, CallSpec, RawBody};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_workbench::store::{
    CallOrigin, CallOutcome, HistoryRecord, ProfileInput, ProfileRole, Store, DATABASE_FILE,
};
use std::path::Path;

const APP_SECRET: &str = "CanarySecretQ7w8e9r0t1y2u3i4o5";
const SESSION: &str = "CanarySessionZ1x2c3v4b5n6m7k8j9";

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every file of the database (main file, WAL, shared memory), read as raw bytes.
fn database_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let path = dir.join(format!("{DATABASE_FILE}{suffix}"));
        if let Ok(bytes) = std::fs::read(&path) {
            out.push((path.display().to_string(), bytes));
        }
    }
    out
}

/// Every body and search text the database holds, inflated where it is stored compressed: a
/// secret inside a compressed value would not show in the raw bytes.
fn stored_texts(dir: &Path) -> Vec<String> {
    use std::io::Read;
    let conn = rusqlite::Connection::open_with_flags(
        dir.join(DATABASE_FILE),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut stmt = conn
        .prepare(
            "SELECT request FROM history UNION ALL SELECT response FROM history \
             UNION ALL SELECT body FROM history_text",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let values = stmt
        .query_map([], |r| r.get::<_, rusqlite::types::Value>(0))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    for value in values.flatten() {
        match value {
            rusqlite::types::Value::Text(t) => out.push(t),
            rusqlite::types::Value::Blob(b) => {
                let mut text = String::new();
                flate2::read::DeflateDecoder::new(b.as_slice())
                    .read_to_string(&mut text)
                    .unwrap_or_else(|e| panic!("a stored body does not inflate: {e}"));
                out.push(text);
            }
            _ => {}
        }
    }
    out
}

fn assert_no_canary(dir: &Path, stage: &str) {
    let texts = stored_texts(dir);
    assert!(!texts.is_empty(), "{stage}: no stored text found");
    for text in &texts {
        for needle in [APP_SECRET, &APP_SECRET[..16], SESSION, &SESSION[..16]] {
            assert!(
                !text.contains(needle),
                "{stage}: a stored value holds {needle}"
            );
        }
    }
    let files = database_bytes(dir);
    assert!(!files.is_empty(), "{stage}: no database file found");
    for (path, bytes) in files {
        // The whole value and a long prefix: a half-masked secret is still a leak.
        for needle in [APP_SECRET, &APP_SECRET[..16], SESSION, &SESSION[..16]] {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{stage}: {path} holds {needle}"
            );
        }
    }
}

#[test]
fn no_secret_reaches_the_database_files() {
    let dir = std::env::temp_dir().join(format!(
        "qimen-canary-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    let store = Store::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    let profile = store
        .profiles_create(&ProfileInput {
            scenario: "wms".into(),
            callback_url: Some("http://127.0.0.1:8765/cb".into()),
            target_app_key: Some("21363512".into()),
            customer_id: Some("stub-cust-code".into()),
            wdt_sid: Some("apidevnew2".into()),
            ..ProfileInput::new(
                "金丝雀",
                "23268761",
                ProfileRole::Wms,
                Environment::Local {
                    base_url: "http://127.0.0.1:18080".into(),
                },
            )
        })
        .unwrap_or_else(|e| panic!("{e}"));

    let clock = FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap_or_else(|| panic!("valid time"));
    let secret = SecretString::from(APP_SECRET);
    // One call per family, each with the session, each signed with the secret.
    let mut top = CallSpec::new(ApiFamily::Top, "taobao.user.seller.get", "23268761");
    top.params.insert("fields".into(), "nick,user_id".into());
    let mut qimen = CallSpec::new(
        ApiFamily::QimenStandard,
        "taobao.qimen.entryorder.create",
        "23268761",
    );
    qimen.customer_id = Some("stub-cust-code".into());
    qimen.body = Some(RawBody::xml(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><entryOrder/></request>",
    ));
    let mut cloud = CallSpec::new(
        ApiFamily::QimenCloud,
        "hu3cgwt0tc.wdt.trade.query",
        "23268761",
    );
    cloud.target_app_key = Some("21363512".into());
    cloud.params.insert("sid".into(), "apidevnew2".into());
    for (n, mut spec) in [top, qimen, cloud].into_iter().enumerate() {
        spec.session = Some(SecretString::from(SESSION));
        let request = prepare(&spec, "http://127.0.0.1:18080/router/rest", &secret, &clock)
            .unwrap_or_else(|e| panic!("{e}"));
        // The platform answers with an error that quotes the session back.
        let outcome = CallOutcome {
            http_status: Some(200),
            latency_ms: 20,
            body: format!(
                "{{\"error_response\":{{\"code\":27,\"msg\":\"Invalid session\",\"sub_msg\":\"{SESSION}\"}}}}"
            ),
            success: false,
            code: Some("27".into()),
            sub_code: Some("invalid-sessionkey".into()),
            message: Some("Invalid session".into()),
            sub_message: Some(format!("session {SESSION} expired")),
        };
        let origin = CallOrigin {
            profile_id: Some(profile.id),
            profile_name: profile.name.clone(),
            environment: "本地网关".into(),
            at: chrono::DateTime::from_timestamp(1_716_171_330 + n as i64, 0).unwrap_or_default(),
        };
        let record =
            HistoryRecord::new(&request, origin, outcome).unwrap_or_else(|e| panic!("{e}"));
        assert!(store.history_insert(&record).is_ok());
    }

    // While the store is open, the newest pages sit in the WAL: search it and the main file.
    assert_no_canary(&dir, "open");
    // The history rows are really there (so the search above looked at real data).
    let page = store
        .history_list(&Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 3);
    drop(store);
    // Closing checkpoints the WAL into the main file.
    assert_no_canary(&dir, "closed");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A console call to the token APIs: the OAuth code and refresh token it sends and the tokens its
/// answer hands out (also inside `token_result`, a JSON string) never reach the files or the index.
#[test]
fn token_api_calls_keep_no_token_in_history() {
    const CODE: &str = "CanaryCodeA1s2d3f4g5h6";
    const ACCESS: &str = "CanaryAccessTokenP0o9i8u7y6";
    const REFRESH: &str = "CanaryRefreshTokenL1k2j3h4g5";
    let dir = std::env::temp_dir().join(format!(
        "qimen-canary-tokens-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    let store = Store::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    let clock = FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap();
    let origin = || CallOrigin {
        profile_id: None,
        profile_name: "p".into(),
        environment: "local".into(),
        at: chrono::Utc::now(),
    };
    for (method, key, value) in [
        ("taobao.top.auth.token.create", "code", CODE),
        ("taobao.top.auth.token.refresh", "refresh_token", REFRESH),
    ] {
        let mut spec = CallSpec::new(ApiFamily::Top, method, "23000001");
        spec.params.insert(key.into(), value.into());
        let request = prepare(
            &spec,
            "http://127.0.0.1:18080/router/rest",
            &SecretString::from(APP_SECRET),
            &clock,
        )
        .unwrap();
        let token_result = format!(
            "{{\"access_token\":\"{ACCESS}\",\"refresh_token\":\"{REFRESH}\",\"taobao_user_nick\":\"shop\"}}"
        );
        let body = serde_json::json!({
            "top_auth_token_create_response": { "token_result": token_result }
        })
        .to_string();
        let xml = format!(
            "<token_result>{token_result}</token_result><access_token>{ACCESS}</access_token>"
        );
        for answer in [body, xml] {
            let outcome = CallOutcome {
                http_status: Some(200),
                body: answer,
                success: true,
                ..CallOutcome::default()
            };
            let record = HistoryRecord::new(&request, origin(), outcome).unwrap();
            store.history_insert(&record).unwrap();
        }
    }
    for (path, bytes) in database_bytes(&dir) {
        for needle in [CODE, ACCESS, REFRESH, &ACCESS[..16], &REFRESH[..16]] {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{path} holds {needle}"
            );
        }
    }
    for text in stored_texts(&dir) {
        for needle in [CODE, ACCESS, REFRESH, &ACCESS[..16], &REFRESH[..16]] {
            assert!(!text.contains(needle), "a stored value holds {needle}");
        }
    }
    let found = store
        .history_list(&qimen_workbench::store::HistoryQuery {
            text: Some(ACCESS[..12].to_string()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 0, "the index finds no token");
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
