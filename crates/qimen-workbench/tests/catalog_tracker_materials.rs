//! The onboarding step tracker (states, refused changes, the next step with its wait) and the materials
//! checklist for case 1 and case 2 with its Markdown export.

use chrono::NaiveDate;
use qimen_core::text::Lang;
use qimen_workbench::catalog;
use qimen_workbench::catalog::wdt::{CaseId, StepAction};
use qimen_workbench::onboarding::guide::materials::{ChecklistError, MaterialsChecklist};
use qimen_workbench::onboarding::guide::tracker::{
    next_step, set_state, Progress, StepState, TrackerError,
};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Applies a list of (step, state) changes on `today`.
fn progress_with(changes: &[(&str, StepState)], today: NaiveDate) -> Progress {
    let steps = catalog::onboarding_steps().unwrap();
    changes.iter().fold(Progress::default(), |p, (id, state)| {
        set_state(steps, &p, id, *state, today).unwrap()
    })
}

#[test]
fn a_fresh_profile_starts_with_the_materials() {
    let steps = catalog::onboarding_steps().unwrap();
    let next = next_step(steps, &Progress::default(), day("2024-05-20")).unwrap();
    assert_eq!(
        (next.id.as_str(), next.number, next.total),
        ("prepare_materials", 1, 10)
    );
    assert_eq!(next.action, StepAction::OpenMaterialsChecklist);
    assert_eq!(next.state, StepState::NotStarted);
}

#[test]
fn waiting_for_review_reports_the_days_passed_against_the_stated_5_to_7() {
    let steps = catalog::onboarding_steps().unwrap();
    let since = day("2024-05-20");
    let progress = progress_with(
        &[
            ("prepare_materials", StepState::Done),
            ("register_developer", StepState::Skipped),
            ("submit_application", StepState::WaitingForReview { since }),
        ],
        since,
    );
    let next = next_step(steps, &progress, day("2024-05-23")).unwrap();
    assert_eq!(next.id, "submit_application");
    let waiting = next.waiting.unwrap();
    assert_eq!(waiting.elapsed, 3);
    assert!(!waiting.overdue);
    assert_eq!(
        waiting.text.en,
        "The review usually takes 5-7 days; 3 days have passed since 2024-05-20."
    );
    assert!(
        waiting
            .text
            .zh
            .starts_with("审核周期一般5~7天；自 2024-05-20 起已过去 3 天"),
        "{}",
        waiting.text.zh
    );
    // Day 7 is still within the stated time; day 8 is longer than usual.
    assert!(
        !next_step(steps, &progress, day("2024-05-27"))
            .unwrap()
            .waiting
            .unwrap()
            .overdue
    );
    let late = next_step(steps, &progress, day("2024-05-28"))
        .unwrap()
        .waiting
        .unwrap();
    assert!(
        late.overdue && late.text.en.contains("longer than usual"),
        "{}",
        late.text.en
    );
}

#[test]
fn the_next_step_skips_finished_ones_and_ends_when_all_are_done() {
    let steps = catalog::onboarding_steps().unwrap();
    let today = day("2024-06-01");
    let p = progress_with(
        &[
            ("prepare_materials", StepState::Done),
            ("register_developer", StepState::Done),
        ],
        today,
    );
    assert_eq!(
        next_step(steps, &p, today).unwrap().id,
        "submit_application"
    );
    // Order is advice: a later step done early does not hide an earlier open one.
    let p = progress_with(&[("go_live", StepState::Done)], today);
    assert_eq!(next_step(steps, &p, today).unwrap().id, "prepare_materials");
    let all: Vec<(&str, StepState)> = steps
        .iter()
        .map(|s| (s.id.as_str(), StepState::Done))
        .collect();
    assert_eq!(next_step(steps, &progress_with(&all, today), today), None);
}

#[test]
fn refused_changes_say_what_to_do_instead() {
    let steps = catalog::onboarding_steps().unwrap();
    let today = day("2024-05-20");
    let empty = Progress::default();
    let err =
        |id: &str, p: &Progress, to: StepState| set_state(steps, p, id, to, today).unwrap_err();
    assert_eq!(
        err("go_live", &empty, StepState::Skipped),
        TrackerError::NotSkippable("go_live".into())
    );
    assert_eq!(
        err(
            "self_test",
            &empty,
            StepState::WaitingForReview { since: today }
        ),
        TrackerError::NoReview("self_test".into())
    );
    let future = StepState::WaitingForReview {
        since: day("2024-05-21"),
    };
    assert!(matches!(
        err("submit_application", &empty, future),
        TrackerError::SinceInFuture { .. }
    ));
    assert_eq!(
        err("nope", &empty, StepState::Done),
        TrackerError::UnknownStep("nope".into())
    );

    let waiting = progress_with(
        &[(
            "submit_application",
            StepState::WaitingForReview { since: today },
        )],
        today,
    );
    let e = err("submit_application", &waiting, StepState::NotStarted);
    assert!(e.to_string().contains("in progress to resubmit"), "{e}");
    let done = progress_with(&[("self_test", StepState::Done)], today);
    assert!(matches!(
        err("self_test", &done, StepState::NotStarted),
        TrackerError::Transition { .. }
    ));
}

#[test]
fn allowed_changes_include_done_without_starting_and_reopening() {
    let steps = catalog::onboarding_steps().unwrap();
    let today = day("2024-05-20");
    // Done straight from not started: the step was finished before the app was used.
    let p = set_state(
        steps,
        &Progress::default(),
        "register_developer",
        StepState::Done,
        today,
    )
    .unwrap();
    assert_eq!(p.state("register_developer"), StepState::Done);
    let reopened = set_state(
        steps,
        &p,
        "register_developer",
        StepState::InProgress,
        today,
    )
    .unwrap();
    assert_eq!(reopened.state("register_developer"), StepState::InProgress);
    // Back to not started removes the entry instead of storing the default.
    let cleared = set_state(
        steps,
        &reopened,
        "register_developer",
        StepState::NotStarted,
        today,
    )
    .unwrap();
    assert!(cleared.states.is_empty());
    // The review is accepted: waiting → done.
    let waiting = set_state(
        steps,
        &cleared,
        "submit_application",
        StepState::WaitingForReview { since: today },
        today,
    )
    .unwrap();
    assert!(set_state(
        steps,
        &waiting,
        "submit_application",
        StepState::Done,
        today
    )
    .is_ok());
}

#[test]
fn progress_round_trips_through_json() {
    let today = day("2024-05-20");
    let p = progress_with(
        &[(
            "submit_application",
            StepState::WaitingForReview { since: today },
        )],
        today,
    );
    let json = serde_json::to_string(&p).unwrap();
    assert!(
        json.contains(r#""state":"waiting_for_review","since":"2024-05-20""#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Progress>(&json).unwrap(), p);
}

fn ids(list: &MaterialsChecklist) -> Vec<&str> {
    list.items.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn case_1_needs_the_vendor_authorisation_and_case_2_the_software_copyright() {
    let m = catalog::materials().unwrap();
    let agent = MaterialsChecklist::new(m, CaseId::Agent);
    let vendor = MaterialsChecklist::new(m, CaseId::Vendor);
    assert!(ids(&agent).contains(&"vendor_agency_authorisation"));
    assert!(ids(&agent).contains(&"prd_vendor_authorisation_screenshot"));
    assert!(!ids(&agent).contains(&"prd_software_copyright"));
    assert!(ids(&vendor).contains(&"prd_software_copyright"));
    assert!(!ids(&vendor).contains(&"vendor_agency_authorisation"));
    for list in [&agent, &vendor] {
        // Both cases: the four MRD items, the PRD items and the client login for Qimen's check.
        for id in [
            "mrd_market_analysis",
            "mrd_marketing_strategy",
            "prd_ui_demo",
            "prd_full_screenshots",
            "client_login_account",
        ] {
            assert!(ids(list).contains(&id), "{id} in {:?}", list.case);
        }
        assert!(
            list.items
                .iter()
                .find(|i| i.id == "client_login_account")
                .unwrap()
                .holds_secret
        );
    }
}

#[test]
fn items_are_marked_and_files_attached_and_kept_across_a_case_switch() {
    let m = catalog::materials().unwrap();
    let mut list = MaterialsChecklist::new(m, CaseId::Agent);
    list.set_done("prd_ui_demo", true).unwrap();
    list.attach("prd_ui_demo", "/home/a/demo screens.pdf")
        .unwrap();
    assert_eq!(
        list.attach("prd_ui_demo", "/home/a/demo screens.pdf"),
        Err(ChecklistError::AlreadyAttached {
            item: "prd_ui_demo".into(),
            file: "/home/a/demo screens.pdf".into()
        })
    );
    assert_eq!(
        list.attach("prd_ui_demo", "  "),
        Err(ChecklistError::EmptyFileName)
    );
    assert_eq!(
        list.set_done("nope", true),
        Err(ChecklistError::UnknownItem("nope".into()))
    );
    assert_eq!(list.progress(), (1, 12));
    let vendor = list.switch_case(m, CaseId::Vendor);
    let demo = vendor.items.iter().find(|i| i.id == "prd_ui_demo").unwrap();
    assert!(
        demo.done && demo.files.len() == 1,
        "shared items keep their work"
    );
    assert_eq!(vendor.progress(), (1, 11));
    list.detach("prd_ui_demo", "/home/a/demo screens.pdf")
        .unwrap();
    assert!(matches!(
        list.detach("prd_ui_demo", "x.pdf"),
        Err(ChecklistError::NotAttached { .. })
    ));
}

#[test]
fn the_export_lists_items_states_and_file_names_without_the_password() {
    let guide = catalog::wdt_guide().unwrap();
    let m = &guide.materials;
    let mut list = MaterialsChecklist::new(m, CaseId::Vendor);
    for item in list.items.clone() {
        list.set_done(&item.id, true).unwrap();
    }
    list.set_done("prd_software_copyright", false).unwrap();
    list.attach("prd_full_screenshots", r"C:\docs\all_functions.zip")
        .unwrap();
    let zh = list.to_markdown(m, Some(&guide.constants.company_name_text), Lang::ZhCn);
    assert!(zh.contains("完成 10 / 11 项"), "{zh}");
    assert!(zh.contains("- [ ] 软著原件截图"), "{zh}");
    // Only the file's name, with Markdown's `_` escaped.
    assert!(zh.contains(r"  - all\_functions.zip"), "{zh}");
    assert!(!zh.contains(r"C:\docs"), "{zh}");
    assert!(zh.contains("密码不在本文档中"), "{zh}");
    assert!(zh.contains("北京掌上先机网络科技有限公司"));
    let en = list.to_markdown(m, None, Lang::En);
    assert!(en.contains("10 of 11 items done."), "{en}");
    assert!(en.contains("- [x] UI demo"), "{en}");
    assert!(en.contains("Case 2"), "{en}");
    assert!(en.contains("The password is not in this document"));
}
