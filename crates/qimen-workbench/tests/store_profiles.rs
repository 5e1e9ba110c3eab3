//! Profiles: create, read, list, update, duplicate, delete, and the checks a profile form must pass.

use qimen_core::clock::FixedClock;
use qimen_core::protocol::environment::Environment;
use qimen_core::text::Lang;
use qimen_workbench::store::{ProfileError, ProfileInput, ProfileRole, Store, StoreError};
use std::sync::Arc;

fn store() -> Store {
    let clock = FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap_or_else(|| panic!("valid time"));
    Store::open_in_memory()
        .unwrap_or_else(|e| panic!("{e}"))
        .with_clock(Arc::new(clock))
}

fn input(name: &str) -> ProfileInput {
    ProfileInput {
        name: name.to_string(),
        app_key: "23268761".into(),
        role: ProfileRole::Wms,
        scenario: "wms".into(),
        environment: Environment::Local {
            base_url: "http://127.0.0.1:18080".into(),
        },
        callback_url: Some("http://127.0.0.1:8765/callback".into()),
        target_app_key: Some("21363512".into()),
        customer_id: Some("stub-cust-code".into()),
        wdt_sid: Some("apidevnew2".into()),
        wdt_appkey: None,
        is_demo: false,
    }
}

fn errors_of(result: Result<impl std::fmt::Debug, StoreError>) -> Vec<ProfileError> {
    match result {
        Err(StoreError::Invalid(errors)) => errors.0,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn a_profile_is_created_read_listed_updated_and_deleted() {
    let store = store();
    let mut raw = input("  仓库联调  ");
    raw.wdt_appkey = Some("   ".into());
    let created = store
        .profiles_create(&raw)
        .unwrap_or_else(|e| panic!("{e}"));
    // Trimmed, and a blank optional field stored as absent.
    assert_eq!(created.name, "仓库联调");
    assert_eq!(created.wdt_appkey, None);
    assert_eq!(created.created_at.timestamp(), 1716171330);
    assert_eq!(created.created_at, created.updated_at);
    assert_eq!(store.profiles_get(created.id).ok(), Some(created.clone()));

    let mut change = ProfileInput::from(&created);
    change.environment = Environment::Sandbox;
    change.role = ProfileRole::Erp;
    let updated = store
        .profiles_update(created.id, &change)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(updated.environment, Environment::Sandbox);
    assert_eq!(updated.role, ProfileRole::Erp);
    assert_eq!(updated.created_at, created.created_at);

    let other = store
        .profiles_create(&input("Another"))
        .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = store
        .profiles_list()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Another", "仓库联调"]);

    assert!(store.profiles_delete(created.id).is_ok());
    assert!(matches!(
        store.profiles_get(created.id),
        Err(StoreError::ProfileNotFound(_))
    ));
    assert!(matches!(
        store.profiles_update(created.id, &change),
        Err(StoreError::ProfileNotFound(_))
    ));
    // Ids are never reused, so a leftover keyring entry of a deleted profile cannot attach to a new one.
    let next = store
        .profiles_create(&input("Third"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(next.id > other.id);
}

#[test]
fn names_are_unique_ignoring_case() {
    let store = store();
    assert!(store.profiles_create(&input("Demo")).is_ok());
    let err = store.profiles_create(&input("demo"));
    assert!(
        matches!(err, Err(StoreError::DuplicateName(ref n)) if n == "demo"),
        "{err:?}"
    );
    let err = err.err().unwrap_or_else(|| panic!("checked above"));
    assert_eq!(err.code(), "profile_duplicate_name");
    assert!(err.message(Lang::ZhCn).contains("名称"));
    assert!(err.to_string().starts_with("name:"));
}

#[test]
fn duplicates_get_a_free_copy_name_in_the_users_language() {
    let store = store();
    let original = store
        .profiles_create(&input("旺店通 WMS"))
        .unwrap_or_else(|e| panic!("{e}"));
    let first = store
        .profiles_duplicate(original.id, Lang::ZhCn)
        .unwrap_or_else(|e| panic!("{e}"));
    let second = store
        .profiles_duplicate(original.id, Lang::ZhCn)
        .unwrap_or_else(|e| panic!("{e}"));
    let english = store
        .profiles_duplicate(original.id, Lang::En)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.name, "旺店通 WMS (副本)");
    assert_eq!(second.name, "旺店通 WMS (副本 2)");
    assert_eq!(english.name, "旺店通 WMS (copy)");
    // Everything but id, name and times is copied.
    assert_ne!(first.id, original.id);
    assert_eq!(first.app_key, original.app_key);
    assert_eq!(first.environment, original.environment);
    assert_eq!(first.customer_id, original.customer_id);

    // A name at the length limit is shortened so the copy is still a valid name.
    let long = store
        .profiles_create(&input(&"长".repeat(60)))
        .unwrap_or_else(|e| panic!("{e}"));
    let copy = store
        .profiles_duplicate(long.id, Lang::ZhCn)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(copy.name.chars().count(), 60);
    assert!(copy.name.ends_with(" (副本)"));
    assert!(matches!(
        store.profiles_duplicate(9999, Lang::En),
        Err(StoreError::ProfileNotFound(9999))
    ));
}

#[test]
fn every_bad_field_is_reported_at_once_with_its_name() {
    let store = store();
    let bad = ProfileInput {
        scenario: "wms scenario".into(),
        callback_url: Some("https://erp.example.com/cb#frag".into()),
        target_app_key: Some("旺店通".into()),
        customer_id: Some("has space".into()),
        wdt_sid: Some("x".repeat(65)),
        wdt_appkey: Some("tab\there".into()),
        ..ProfileInput::new(
            "   ",
            "12ab",
            ProfileRole::Other,
            Environment::Url {
                url: "ftp://example.com".into(),
            },
        )
    };
    let errors = errors_of(store.profiles_create(&bad));
    let fields: Vec<&str> = errors.iter().map(|e| e.field()).collect();
    assert_eq!(
        fields,
        [
            "name",
            "app_key",
            "scenario",
            "environment",
            "callback_url",
            "target_app_key",
            "customer_id",
            "wdt_sid",
            "wdt_appkey"
        ]
    );
    for e in &errors {
        // Each message starts with the field and says what is expected, in both languages.
        assert!(e.message(Lang::En).starts_with(e.field()), "{e:?}");
        assert!(!e.message(Lang::ZhCn).is_empty());
    }
    assert!(errors[1].message(Lang::En).contains("digits"));
    assert!(errors[4].message(Lang::ZhCn).contains("回调地址"));
    // Nothing was written.
    assert_eq!(store.profiles_list().map(|l| l.len()).ok(), Some(0));
}

#[test]
fn field_rules_accept_what_the_platform_uses() {
    let ok = |f: &dyn Fn(&mut ProfileInput)| {
        let mut i = input("x");
        f(&mut i);
        i.validate()
    };
    assert!(ok(&|i| i.name = "名".repeat(60)).is_ok());
    assert!(ok(&|i| i.name = "名".repeat(61)).is_err());
    assert!(ok(&|i| i.app_key = "1".repeat(20)).is_ok());
    assert!(ok(&|i| i.app_key = "1".repeat(21)).is_err());
    assert!(ok(&|i| i.app_key = String::new()).is_err());
    assert!(ok(&|i| i.callback_url = Some("http://localhost:3000/oauth/cb?x=1".into())).is_ok());
    assert!(ok(&|i| i.callback_url = Some("erp.example.com/cb".into())).is_err());
    assert!(ok(&|i| i.callback_url = None).is_ok());
    assert!(ok(&|i| i.scenario = String::new()).is_ok());
    assert!(ok(&|i| {
        i.environment = Environment::ProviderRouter {
            code: "hu3cgwt0tc".into(),
            test: true,
        }
    })
    .is_ok());
    assert!(ok(&|i| {
        i.environment = Environment::ProviderRouter {
            code: "hu3c-gwt".into(),
            test: false,
        }
    })
    .is_err());
    assert!(ok(&|i| {
        i.environment = Environment::Local {
            base_url: "127.0.0.1:18080".into(),
        }
    })
    .is_err());
    // A Chinese seller nick is a valid customerId.
    assert!(ok(&|i| i.customer_id = Some("旺店通测试店".into())).is_ok());
}

#[test]
fn profiles_serialise_for_the_ui_without_any_secret_field() {
    let store = store();
    let p = store
        .profiles_create(&input("json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_value(&p).unwrap_or_else(|e| panic!("{e}"));
    let keys: Vec<&String> = json
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    for k in keys {
        assert!(
            !k.contains("secret") && !k.contains("token") && !k.contains("password"),
            "{k}"
        );
    }
    assert_eq!(json["environment"]["kind"], "local");
    assert_eq!(json["role"], "wms");
}
