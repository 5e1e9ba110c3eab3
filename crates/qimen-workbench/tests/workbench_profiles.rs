//! Profiles through the workbench: validation errors name the field, secrets go to the secret
//! store and only a hint comes back, duplicate and delete carry the secrets along, and a canary
//! proves no secret value reaches an IPC answer, the SQLite files or the data folder.

mod support;

use qimen_core::protocol::environment::Environment;
use qimen_core::sensitive::SecretString;
use qimen_server::gateway::config::DEMO_ERP_APP_KEY;
use qimen_workbench::calls::{SignCompareInput, SignTarget};
use qimen_workbench::profiles::ProfileForm;
use qimen_workbench::secrets::{SecretKey, SecretKind, SecretStore};
use qimen_workbench::store::{HistoryQuery, ProfileInput, ProfileRole};
use std::path::Path;
use support::workbench::{call, example_call, open, TempDir};

fn form(name: &str, app_key: &str) -> ProfileForm {
    ProfileForm {
        id: None,
        fields: ProfileInput {
            wdt_sid: Some("wdtdemo".into()),
            wdt_appkey: Some("wdtdemo-finance".into()),
            ..ProfileInput::new(
                name,
                app_key,
                ProfileRole::Erp,
                Environment::Local {
                    base_url: "http://127.0.0.1".into(),
                },
            )
        },
        app_secret: None,
        wdt_secret: None,
        carry_guide_from: None,
    }
}

#[tokio::test]
async fn validation_errors_name_the_field() {
    let dir = TempDir::new("validation");
    let (wb, _) = open(dir.path());
    let err = wb
        .profile_save(form("坏的 AppKey", "12ab"))
        .await
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.code, "validation.profile.app_key");
    assert!(
        err.message.contains("AppKey") && err.message.contains("12ab"),
        "{}",
        err.message
    );

    let err = wb
        .profile_save(form("  ", "12345678"))
        .await
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.code, "validation.profile.name");

    // A profile name is unique.
    wb.profile_save(form("ERP 正式", "12345678"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let err = wb
        .profile_save(form("ERP 正式", "12345678"))
        .await
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.code, "validation.profile.name");

    // A call without an AppSecret stored names what is missing.
    let list = wb.profiles_list().await.unwrap_or_default();
    let bare = list
        .iter()
        .find(|p| p.profile.name == "ERP 正式")
        .unwrap_or_else(|| panic!("saved"));
    assert!(!bare.secret_stored && bare.secret_hint.is_none());
    let mut input = call("taobao.time.get", &[]);
    input.profile_id = Some(bare.profile.id);
    let err = wb
        .call_send(input)
        .await
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.code, "secret.missing.app_secret");
    wb.shutdown().await;
}

#[tokio::test]
async fn secrets_stay_in_the_secret_store_and_follow_duplicate_and_delete() {
    let dir = TempDir::new("secrets");
    let (wb, secrets) = open(dir.path());
    let mut f = form("双密钥", DEMO_ERP_APP_KEY);
    f.app_secret = Some("demo0erp0secret0000000000023000001".into());
    f.wdt_secret = Some("wdtdemo-secret:wdtdemo-salt".into());
    let saved = wb.profile_save(f).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(saved.secret_stored && saved.wdt_secret_stored);
    assert_eq!(saved.secret_hint.as_deref(), Some("******01"));

    // null keeps the stored secret; an edit of other fields does not lose it.
    let mut edit = form("双密钥（改）", DEMO_ERP_APP_KEY);
    edit.id = Some(saved.profile.id);
    let edited = wb
        .profile_save(edit)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(edited.secret_stored && edited.wdt_secret_stored);

    let copy = wb
        .profile_duplicate(saved.profile.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(copy.secret_stored && copy.wdt_secret_stored);
    let mut input = example_call("hu3cgwt0tc.wdt.stock.query");
    input.profile_id = Some(copy.profile.id);
    let outcome = wb.call_send(input).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(outcome.result.is_some_and(|r| r.success));

    wb.profile_delete(copy.profile.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let key = SecretKey::new(copy.profile.id, SecretKind::AppSecret);
    // The deleted profile's keyring entries are gone with it.
    assert!(matches!(secrets.get(&key), Ok(None)));
    wb.shutdown().await;
}

const CANARY_SECRET: &str = "CANARYappSECRET7f3e9b1c5d2a8e4f6b";
const CANARY_SESSION: &str = "CANARYsession61025a9e4c7b3d8f0e2a";

fn find_in_files(dir: &Path, needle: &[u8], found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            find_in_files(&path, needle, found);
        } else if let Ok(bytes) = std::fs::read(&path) {
            if bytes.windows(needle.len()).any(|w| w == needle) {
                found.push(path.display().to_string());
            }
        }
    }
}

#[tokio::test]
async fn canary_secrets_never_reach_an_answer_the_database_or_the_data_folder() {
    let dir = TempDir::new("canary");
    let (wb, secrets) = open(dir.path());
    let mut f = form("金丝雀", DEMO_ERP_APP_KEY);
    f.app_secret = Some(CANARY_SECRET.into());
    let saved = wb.profile_save(f).await.unwrap_or_else(|e| panic!("{e}"));
    let id = saved.profile.id;
    secrets
        .set(
            &SecretKey::new(id, SecretKind::AccessToken),
            &SecretString::from(CANARY_SESSION),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    wb.profile_select(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let mut answers: Vec<String> = Vec::new();
    let mut keep = |value: serde_json::Result<String>| answers.push(value.unwrap_or_default());
    keep(serde_json::to_string(&saved));
    let mut seller = call("taobao.user.seller.get", &[("fields", "user_id,nick")]);
    seller.draft.use_session = true;
    // The gateway refuses the unknown session (and the wrong secret): recorded and explained.
    let sent = wb
        .call_send(seller.clone())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    keep(serde_json::to_string(&sent));
    keep(serde_json::to_string(
        &wb.call_preview(seller.clone())
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    ));
    let curl = wb
        .call_curl(seller.clone(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    keep(Ok(curl));
    keep(serde_json::to_string(
        &wb.history_list(HistoryQuery::default())
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    ));
    keep(serde_json::to_string(
        &wb.history_get(sent.history_id.expect("recorded"))
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    ));
    keep(serde_json::to_string(
        &wb.history_resend(sent.history_id.expect("recorded"))
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    ));
    keep(serde_json::to_string(
        &wb.sign_compare(SignCompareInput {
            target: SignTarget::History {
                history_id: sent.history_id.expect("recorded"),
            },
            pasted: "ABC".into(),
        })
        .await
        .unwrap_or_else(|e| panic!("{e}")),
    ));
    keep(serde_json::to_string(
        &wb.profiles_list().await.unwrap_or_default(),
    ));
    keep(serde_json::to_string(
        &wb.app_info().await.unwrap_or_else(|e| panic!("{e}")),
    ));
    let err = wb
        .profile_save(form("", "x"))
        .await
        .err()
        .unwrap_or_else(|| panic!("refused"));
    keep(serde_json::to_string(&err));

    for answer in &answers {
        assert!(!answer.contains(CANARY_SECRET), "AppSecret in {answer}");
        assert!(!answer.contains(CANARY_SESSION), "session in {answer}");
    }
    // The masked session is what the user sees instead (last two characters only).
    assert!(answers.iter().any(|a| a.contains("******2a")));

    // Only an explicit request reveals the session, in the curl line and nowhere else.
    let revealed = wb
        .call_curl(seller, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(revealed.contains(CANARY_SESSION));
    assert!(!revealed.contains(CANARY_SECRET));

    wb.shutdown().await;
    drop(wb);
    for needle in [CANARY_SECRET, CANARY_SESSION] {
        let mut found = Vec::new();
        find_in_files(dir.path(), needle.as_bytes(), &mut found);
        assert!(found.is_empty(), "{needle} found in {found:?}");
    }
}
