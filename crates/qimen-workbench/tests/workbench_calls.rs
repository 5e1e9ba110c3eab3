//! The workbench end to end below the window: first run, calls to the real local gateway over
//! loopback (TOP, Qimen XML, 旺店通 with wdt_sign, the CRM API), failures explained in both languages,
//! history search and re-send, sign comparison, and network failures recorded.

mod support;

use qimen_core::diagnose::CauseId;
use qimen_core::protocol::environment::Environment;
use qimen_core::text::Lang;
use qimen_server::gateway::config::DEMO_ERP_APP_KEY;
use qimen_workbench::app::{Part, SettingsInput};
use qimen_workbench::calls::{SignCompareInput, SignTarget};
use qimen_workbench::profiles::ProfileForm;
use qimen_workbench::store::{HistoryQuery, ProfileInput, ProfileRole};
use support::workbench::{call, example_call, open, TempDir};

fn demo_like_profile(name: &str, secret: &str) -> ProfileForm {
    ProfileForm {
        id: None,
        fields: ProfileInput {
            wdt_sid: Some("wdtdemo".into()),
            wdt_appkey: Some("wdtdemo-finance".into()),
            ..ProfileInput::new(
                name,
                DEMO_ERP_APP_KEY,
                ProfileRole::Erp,
                Environment::Local {
                    base_url: "http://127.0.0.1".into(),
                },
            )
        },
        app_secret: Some(secret.into()),
        wdt_secret: None,
        carry_guide_from: None,
    }
}

#[tokio::test]
async fn first_run_selects_the_demo_profile_and_its_call_succeeds() {
    let dir = TempDir::new("first-run");
    let (wb, _secrets) = open(dir.path());
    let info = wb.app_info().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(info.demo_mode, "the first run is in demo mode");
    assert_eq!(info.language, Lang::ZhCn);
    let gateway = info.gateway_url.clone().unwrap_or_default();
    assert!(gateway.starts_with("http://127.0.0.1:"), "{gateway}");
    let profiles = wb.profiles_list().await.unwrap_or_default();
    assert_eq!(profiles.len(), 1);
    assert!(profiles[0].profile.is_demo && profiles[0].secret_stored);
    // The hint identifies the stored demo secret by its last two characters only.
    assert_eq!(profiles[0].secret_hint.as_deref(), Some("******01"));
    assert_eq!(info.current_profile_id, Some(profiles[0].profile.id));

    let outcome = wb
        .call_send(call("taobao.time.get", &[]))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let result = outcome.result.clone().unwrap_or_else(|| panic!("answered"));
    assert!(result.success, "{:?}", outcome.response);
    assert!(outcome.explanation.is_none());
    assert!(outcome.request.url.starts_with(&gateway));
    let response = outcome.response.unwrap_or_else(|| panic!("a response"));
    assert_eq!(response.status, 200);
    assert!(!response.body_truncated);
    assert_eq!(response.size_bytes, response.body.len() as u64);
    wb.shutdown().await;
    drop(wb);

    // A second start keeps the selection and does not create a second demo profile.
    let (again, _) = open(dir.path());
    let profiles = again.profiles_list().await.unwrap_or_default();
    assert_eq!(profiles.len(), 1);
    let info = again.app_info().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(info.current_profile_id, Some(profiles[0].profile.id));
    again.shutdown().await;
}

#[tokio::test]
async fn a_wrong_secret_is_code_25_explained_in_both_languages() {
    let dir = TempDir::new("wrong-secret");
    let (wb, _) = open(dir.path());
    let wrong = "0123456789abcdef0123456789abcdXY";
    let profile = wb
        .profile_save(demo_like_profile("错误密钥", wrong))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut input = call("taobao.time.get", &[]);
    input.profile_id = Some(profile.profile.id);

    let zh = wb
        .call_send(input.clone())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let result = zh.result.clone().unwrap_or_else(|| panic!("answered"));
    assert!(!result.success);
    assert_eq!(result.code.as_deref(), Some("25"));
    let explained = zh
        .explanation
        .clone()
        .unwrap_or_else(|| panic!("explained"));
    assert!(explained
        .title
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    // md5 wraps the secret at both ends; the Signature tab shows it masked, never in clear.
    let signed = &zh.signature.string_to_sign_masked;
    assert!(signed.starts_with("******XYapp_key23000001"), "{signed}");
    assert!(signed.ends_with("******XY"), "{signed}");
    assert!(!serde_json::to_string(&zh)
        .unwrap_or_default()
        .contains(wrong));

    wb.settings_set(SettingsInput {
        language: Some(Lang::En),
        retention: None,
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let en = wb.call_send(input).await.unwrap_or_else(|e| panic!("{e}"));
    let explained_en = en.explanation.unwrap_or_else(|| panic!("explained"));
    assert!(explained_en.title.is_ascii(), "{}", explained_en.title);
    assert_ne!(explained_en.cause, explained.cause);
    wb.shutdown().await;
}

#[tokio::test]
async fn a_qimen_xml_call_with_the_catalogue_example_succeeds() {
    let dir = TempDir::new("qimen-xml");
    let (wb, _) = open(dir.path());
    let outcome = wb
        .call_send(example_call("taobao.qimen.entryorder.create"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let result = outcome.result.unwrap_or_else(|| panic!("answered"));
    assert!(result.success, "{result:?}");
    assert_eq!(result.flag.as_deref(), Some("success"));
    assert!(
        result.data.to_string().contains("WMS-RK-"),
        "{}",
        result.data
    );
    // The body travels raw and is signed; every parameter rides in the query.
    assert!(outcome.signature.body_appended);
    assert!(outcome.request.form.is_empty());
    assert!(outcome.request.body.starts_with("<?xml"));
    wb.shutdown().await;
}

#[tokio::test]
async fn wdt_calls_get_their_wdt_sign_and_need_the_wdt_secret() {
    let dir = TempDir::new("wdt");
    let (wb, _) = open(dir.path());
    let trades = wb
        .call_send(example_call("hu3cgwt0tc.wdt.trade.query"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let result = trades.result.unwrap_or_else(|| panic!("answered"));
    assert!(result.success, "{result:?}");
    // The 72-hour example window holds demo orders.
    let total = result.data.get("total_count").and_then(|v| v.as_u64());
    assert!(total.is_some_and(|n| n > 0), "{}", result.data);
    let wdt = trades
        .wdt_signature
        .unwrap_or_else(|| panic!("wdt_sign explained"));
    assert_eq!(wdt.method_as_signed.as_deref(), Some("wdt.trade.query"));
    assert!(trades
        .request
        .form
        .iter()
        .any(|(k, v)| k == "wdt_sign" && *v == wdt.digest));

    let crm = wb
        .call_send(example_call("qimen.taobao.crm.order.detail.get"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let result = crm.result.unwrap_or_else(|| panic!("answered"));
    assert!(result.success, "{result:?}");

    // The same call from a profile without a 旺店通 secret stops before sending, naming it.
    let bare = wb
        .profile_save(demo_like_profile(
            "无旺店通密钥",
            "demo0erp0secret0000000000023000001",
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut input = example_call("hu3cgwt0tc.wdt.trade.query");
    input.profile_id = Some(bare.profile.id);
    let err = wb
        .call_send(input)
        .await
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.code, "secret.missing.wdt_secret");
    assert!(err.message.contains("旺店通 secret"), "{}", err.message);
    wb.shutdown().await;
}

#[tokio::test]
async fn history_finds_a_call_by_method_and_by_a_word_of_its_answer_and_resends_it() {
    let dir = TempDir::new("history");
    let (wb, _) = open(dir.path());
    wb.call_send(call("taobao.time.get", &[]))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let goods = wb
        .call_send(example_call("hu3cgwt0tc.wdt.goods.query"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(goods.result.as_ref().is_some_and(|r| r.success));

    let by_method = wb
        .history_list(HistoryQuery {
            method: Some("hu3cgwt0tc.wdt.goods.query".into()),
            ..HistoryQuery::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(by_method.total, 1);
    assert_eq!(by_method.items[0].id, goods.history_id.expect("recorded"));
    // "龙井" appears only in the goods answer (the demo goods YQ-LJ is 西湖龙井).
    let by_word = wb
        .history_list(HistoryQuery {
            text: Some("西湖龙井".into()),
            ..HistoryQuery::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(by_word.total, 1, "{by_word:?}");
    assert_eq!(by_word.items[0].id, goods.history_id.expect("recorded"));

    let detail = wb
        .history_get(goods.history_id.expect("recorded"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(detail.result.success);

    let again = wb
        .history_resend(goods.history_id.expect("recorded"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(again.history_id, goods.history_id);
    assert!(
        again.result.as_ref().is_some_and(|r| r.success),
        "{:?}",
        again.result
    );

    // The sign sent, pasted back, checks (only its letter case differs); a changed one is explained.
    let sent_sign = goods
        .request
        .query
        .iter()
        .find(|(k, _)| k == "sign")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let same = wb
        .sign_compare(SignCompareInput {
            target: SignTarget::History {
                history_id: goods.history_id.expect("recorded"),
            },
            pasted: sent_sign.to_lowercase(),
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!same.valid, "{same:?}");
    let ids: Vec<_> = same.causes.iter().map(|c| c.id).collect();
    assert_eq!(ids, [CauseId::LowercaseHex], "the same sign, in lower case");
    let exact = wb
        .sign_compare(SignCompareInput {
            target: SignTarget::History {
                history_id: goods.history_id.expect("recorded"),
            },
            pasted: sent_sign.clone(),
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(exact.valid && exact.causes.is_empty(), "{exact:?}");
    let other = wb
        .sign_compare(SignCompareInput {
            target: SignTarget::History {
                history_id: goods.history_id.expect("recorded"),
            },
            // Another first digit than the real one's (a sign may well start with 0).
            pasted: format!(
                "{}{}",
                if sent_sign.starts_with('0') { '1' } else { '0' },
                &sent_sign[1..]
            ),
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!other.valid);
    assert_eq!(
        other.causes.iter().map(|c| c.id).collect::<Vec<_>>(),
        [CauseId::WrongSecret],
        "a sign no known mistake reproduces"
    );

    let saved = dir.path().join("saved-response.json");
    wb.response_save(goods.history_id.expect("recorded"), &saved)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&saved).unwrap_or_default();
    assert!(text.contains("西湖龙井"));

    wb.history_delete(goods.history_id.expect("recorded"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let gone = wb
        .history_get(goods.history_id.expect("recorded"))
        .await
        .err();
    assert_eq!(gone.map(|e| e.code).as_deref(), Some("not_found.history"));
    wb.shutdown().await;
}

#[tokio::test]
async fn a_call_nobody_answers_is_an_outcome_recorded_in_history() {
    let dir = TempDir::new("network");
    let (wb, _) = open(dir.path());
    // Port 9 on loopback: nothing listens there on a test machine.
    let mut input = call("taobao.time.get", &[]);
    input.environment_id = "http://127.0.0.1:9/router/rest".into();
    let outcome = wb.call_send(input).await.unwrap_or_else(|e| panic!("{e}"));
    let failure = outcome
        .network_error
        .unwrap_or_else(|| panic!("a network error"));
    assert!(failure.code.starts_with("network."), "{}", failure.code);
    // Chinese, the UI language.
    assert!(failure
        .message
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    assert!(outcome.response.is_none());
    let page = wb
        .history_list(HistoryQuery::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 1);
    assert!(!page.items[0].success);
    wb.shutdown().await;
}

#[tokio::test]
async fn a_large_answer_is_cut_for_display_but_kept_and_saved_whole() {
    // A server answering a 600 KiB TOP-shaped JSON body, above the 512 KiB display cap.
    let filler = "旺".repeat(200 * 1024);
    let body = format!("{{\"time_get_response\":{{\"time\":\"{filler}\"}}}}");
    let served = body.clone();
    let app = axum::Router::new().fallback(move || {
        let served = served.clone();
        async move { ([("content-type", "application/json;charset=utf-8")], served) }
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    let dir = TempDir::new("large");
    let (wb, _) = open(dir.path());
    let mut input = call("taobao.time.get", &[]);
    input.environment_id = format!("http://{addr}/router/rest");
    let outcome = wb.call_send(input).await.unwrap_or_else(|e| panic!("{e}"));
    let response = outcome.response.unwrap_or_else(|| panic!("answered"));
    assert!(response.body_truncated);
    assert!(response.body.len() <= qimen_workbench::calls::view::DISPLAY_BODY_CAP_BYTES);
    assert_eq!(response.size_bytes, body.len() as u64);
    // The parsed result comes from the whole body, not the cut one.
    assert!(outcome.result.is_some_and(|r| r.success));

    let saved = dir.path().join("large.json");
    wb.response_save(outcome.history_id.expect("recorded"), &saved)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(std::fs::read_to_string(&saved).unwrap_or_default(), body);
    wb.shutdown().await;
}

/// Unwraps a part of the first screen that must have been read.
fn fulfilled<T>(part: Part<T>, what: &str) -> T {
    match part {
        Part::Fulfilled { value } => value,
        Part::Rejected { reason } => panic!("{what}: {reason}"),
    }
}

#[tokio::test]
async fn the_first_screen_comes_in_one_answer_ready_to_show() {
    let dir = TempDir::new("lists");
    let (wb, _) = open(dir.path());
    let screen = wb.first_screen().await;
    let info = fulfilled(screen.info, "app info");
    let profiles = fulfilled(screen.profiles, "profiles");
    let envs = fulfilled(screen.environments, "environments");
    let docs = fulfilled(screen.catalogue, "catalogue");
    // A first run: the demo profile, selected.
    assert_eq!(profiles.len(), 1);
    assert_eq!(info.current_profile_id, Some(profiles[0].profile.id));
    let local = envs
        .iter()
        .find(|e| e.is_local)
        .unwrap_or_else(|| panic!("a local option"));
    // The local option points at the gateway this workbench started.
    let gateway = info.gateway_url.unwrap_or_default();
    assert_eq!(local.endpoints.top, format!("{gateway}/router/rest"));
    let crm = docs
        .iter()
        .find(|d| d.name == "qimen.taobao.crm.order.detail.get")
        .unwrap_or_else(|| panic!("catalogued"));
    // Datetime examples are written out for now, never left empty for the form.
    let start = crm.param("startModified").and_then(|p| p.example.clone());
    assert!(start.is_some_and(|s| s.len() == 19), "{crm:?}");
    wb.shutdown().await;
}

/// A call that was sent is never lost to a history failure: its answer comes back, and the reason
/// history could not record it is beside it.
#[tokio::test]
async fn the_answer_comes_back_even_when_history_cannot_record_it() {
    let dir = TempDir::new("history-fails");
    let (wb, _secrets) = open(dir.path());
    // History refuses every insert, as a full disk would.
    let conn =
        rusqlite::Connection::open(dir.path().join(qimen_workbench::store::DATABASE_FILE)).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER refuse_history BEFORE INSERT ON history BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    )
    .unwrap();
    let outcome = wb
        .call_send(call("taobao.time.get", &[]))
        .await
        .unwrap_or_else(|e| panic!("the call itself must not fail: {e}"));
    assert!(
        outcome.result.as_ref().is_some_and(|r| r.success),
        "{:?}",
        outcome.response
    );
    assert!(outcome.response.is_some());
    assert_eq!(outcome.history_id, None);
    let error = outcome
        .history_error
        .expect("the history failure is reported");
    assert!(
        !error.message.is_empty() && !error.code.is_empty(),
        "{error:?}"
    );
    wb.shutdown().await;
}

/// A console call to the token API is a test: the tokens it receives are masked in the answer on
/// screen, in history and in a saved response, like every other token (a session is captured on
/// the session page, into the keyring).
#[tokio::test]
async fn a_console_call_to_the_token_api_shows_and_keeps_no_token() {
    let dir = TempDir::new("token-call");
    let (wb, _secrets) = open(dir.path());
    let profile = wb.app_info().await.unwrap().current_profile_id.unwrap();
    let flow = wb
        .session_authorize_url(profile, qimen_workbench::session::FlowOptions::default())
        .await
        .unwrap();
    let location = support::oauth::consent(&support::oauth::browser(), &flow.url, "approve").await;
    let Ok(qimen_workbench::oauth::Captured::Code { code, .. }) =
        qimen_workbench::oauth::parse_pasted(&location, None)
    else {
        panic!("a code in {location}");
    };
    let outcome = wb
        .call_send(call(
            "taobao.top.auth.token.create",
            &[("code", code.expose())],
        ))
        .await
        .unwrap();
    assert!(
        outcome.result.as_ref().is_some_and(|r| r.success),
        "{:?}",
        outcome.response
    );
    let shown = serde_json::to_string(&outcome).unwrap();
    assert!(
        shown.contains("access_token"),
        "the answer had tokens: {shown:.400}"
    );
    assert!(
        !shown.contains(code.expose().as_str()),
        "the code is masked"
    );
    assert_eq!(
        qimen_core::sensitive::tokens_in(&shown),
        Vec::<String>::new(),
        "{shown:.600}"
    );
    let id = outcome.history_id.unwrap();
    let detail = serde_json::to_string(&wb.history_get(id).await.unwrap()).unwrap();
    assert_eq!(
        qimen_core::sensitive::tokens_in(&detail),
        Vec::<String>::new()
    );
    let saved = dir.path().join("token-answer.json");
    wb.response_save(id, &saved).await.unwrap();
    let file = std::fs::read_to_string(&saved).unwrap();
    assert!(
        file.contains("access_token") && qimen_core::sensitive::tokens_in(&file).is_empty(),
        "{file}"
    );
    wb.shutdown().await;
}

#[tokio::test]
async fn the_console_is_told_the_wdt_account_the_profile_knows() {
    use qimen_server::gateway::apis::{WDT_DEMO_APPKEY, WDT_DEMO_SID};
    let dir = TempDir::new("profile-values");
    let (wb, _secrets) = open(dir.path());
    let custom = wb
        .call_profile_values("hu3cgwt0tc.wdt.stock.query".into(), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let pairs: Vec<(String, String)> = custom.into_iter().map(|r| (r.key, r.value)).collect();
    assert_eq!(
        pairs,
        [
            ("sid".to_string(), WDT_DEMO_SID.to_string()),
            ("appkey".to_string(), WDT_DEMO_APPKEY.to_string())
        ]
    );
    let crm = wb
        .call_profile_values("qimen.taobao.crm.order.detail.get".into(), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(crm[0].key, "customerid");
    assert!(crm[1].value.contains(WDT_DEMO_APPKEY), "{crm:?}");
    let none = wb
        .call_profile_values("taobao.time.get".into(), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(none.is_empty());
}
