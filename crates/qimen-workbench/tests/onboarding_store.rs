//! The onboarding rows in SQLite: tracker states, the materials checklist and the app details survive
//! closing and reopening the database, go with their profile, and refuse an unknown profile by name.

use chrono::NaiveDate;
use qimen_core::protocol::environment::Environment;
use qimen_workbench::catalog::wdt::CaseId;
use qimen_workbench::onboarding::guide::tracker::StepState;
use qimen_workbench::store::{
    AppDetailsInput, AttachedFile, ProfileInput, ProfileRole, Store, StoreError, StoredMaterials,
};
use std::path::PathBuf;

struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "qimen-onb-store-{label}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn profile(store: &Store, name: &str) -> i64 {
    store
        .profiles_create(&ProfileInput::new(
            name,
            "12345678",
            ProfileRole::Erp,
            Environment::Production,
        ))
        .expect("profile")
        .id
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

#[test]
fn the_guide_survives_reopening_the_database() {
    let dir = TempDir::new("reopen");
    let id = {
        let store = Store::open(&dir.0).expect("open");
        let id = profile(&store, "财务系统");
        store
            .onboarding_step_set(id, "register_developer", StepState::Done)
            .expect("step");
        let waiting = StepState::WaitingForReview {
            since: day("2024-05-20"),
        };
        store
            .onboarding_step_set(id, "submit_application", waiting)
            .expect("step");
        let materials = StoredMaterials {
            case: CaseId::Agent,
            done: vec![("mrd_market_analysis".into(), true)],
            files: vec![AttachedFile {
                item_id: "mrd_market_analysis".into(),
                path: "/docs/MRD.pdf".into(),
                name: "MRD.pdf".into(),
                size_bytes: 2048,
                attached_at: chrono::Utc::now(),
            }],
        };
        store.materials_save(id, &materials).expect("materials");
        let details = AppDetailsInput {
            app_name: "演示财务系统".into(),
            published: true,
            developer_email: Some("dev@example.com".into()),
            developer_phone: Some("13800138000".into()),
            client_login_name: Some("qimen-check".into()),
        };
        let valid = details.validate().expect("valid");
        store.app_details_save(id, &valid).expect("details");
        id
    };
    let store = Store::open(&dir.0).expect("reopen");
    let steps = store.onboarding_steps(id).expect("steps");
    assert_eq!(steps.len(), 2);
    let submitted = steps
        .iter()
        .find(|s| s.step_id == "submit_application")
        .expect("the submitted step");
    // The review date is kept exactly, so the wait clock restarts where it was.
    assert_eq!(
        submitted.state,
        StepState::WaitingForReview {
            since: day("2024-05-20")
        }
    );
    let materials = store.materials_get(id).expect("read").expect("saved");
    assert_eq!(materials.case, CaseId::Agent);
    assert_eq!(
        materials.done,
        vec![("mrd_market_analysis".to_string(), true)]
    );
    assert_eq!(materials.files[0].name, "MRD.pdf");
    assert_eq!(materials.files[0].size_bytes, 2048);
    let details = store.app_details_get(id).expect("read").expect("saved");
    assert_eq!(details.app_name, "演示财务系统");
    assert!(details.published);
    assert_eq!(details.client_login_name.as_deref(), Some("qimen-check"));

    // Back to "not started" removes the row; deleting the profile removes its whole guide.
    store
        .onboarding_step_set(id, "register_developer", StepState::NotStarted)
        .expect("reset");
    assert_eq!(store.onboarding_steps(id).expect("steps").len(), 1);
    store.profiles_delete(id).expect("delete");
    let other = profile(&store, "另一个");
    assert!(store.materials_get(other).expect("read").is_none());
    assert!(matches!(
        store.onboarding_steps(id),
        Err(StoreError::ProfileNotFound(found)) if found == id
    ));
}

/// The app-creation form writes the profile and the details together: when the details cannot be
/// written, the profile's new AppKey is not kept either.
#[test]
fn the_app_details_form_is_saved_whole_or_not_at_all() {
    let dir = TempDir::new("details-atomic");
    let store = Store::open(&dir.0).expect("open");
    let id = profile(&store, "atomic");
    let conn =
        rusqlite::Connection::open(dir.0.join(qimen_workbench::store::DATABASE_FILE)).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER refuse_details BEFORE INSERT ON app_details BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    )
    .unwrap();
    let mut changed = ProfileInput::from(&store.profiles_get(id).unwrap());
    changed.app_key = "87654321".into();
    let details = AppDetailsInput {
        app_name: "演示财务系统".into(),
        published: true,
        developer_email: None,
        developer_phone: None,
        client_login_name: None,
    }
    .validate()
    .expect("valid");
    assert!(store
        .app_details_save_with_profile(id, &changed, &details)
        .is_err());
    assert_eq!(
        store.profiles_get(id).unwrap().app_key,
        "12345678",
        "the profile is as it was"
    );
    conn.execute_batch("DROP TRIGGER refuse_details;").unwrap();
    store
        .app_details_save_with_profile(id, &changed, &details)
        .expect("saved");
    assert_eq!(store.profiles_get(id).unwrap().app_key, "87654321");
}

#[test]
fn taobaoke_applications_are_kept_carried_to_a_real_profile_and_cleared_by_a_reset() {
    use qimen_workbench::catalog::taobaoke::PackageId;
    let dir = TempDir::new("tbk-apps");
    let store = Store::open(&dir.0).expect("store");
    let demo = profile(&store, "演示");
    store
        .taobaoke_application_set(demo, PackageId::ThreeParty, Some(day("2026-11-20")))
        .expect("set");
    store
        .taobaoke_application_set(demo, PackageId::Link, Some(day("2026-11-25")))
        .expect("set");
    assert_eq!(
        store.taobaoke_applications(demo).expect("list"),
        vec![
            (PackageId::Link, day("2026-11-25")),
            (PackageId::ThreeParty, day("2026-11-20"))
        ],
        "in package order"
    );
    store
        .taobaoke_application_set(demo, PackageId::Link, None)
        .expect("withdraw");

    let real = profile(&store, "正式");
    assert!(store.onboarding_copy(demo, real).expect("carry"));
    assert_eq!(
        store.taobaoke_applications(real).expect("list"),
        vec![(PackageId::ThreeParty, day("2026-11-20"))]
    );

    store.onboarding_clear(demo).expect("reset");
    assert!(store.taobaoke_applications(demo).expect("list").is_empty());
    assert_eq!(
        store.taobaoke_applications(real).expect("list").len(),
        1,
        "the real profile keeps its own"
    );
}
