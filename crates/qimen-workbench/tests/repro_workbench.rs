//! 复现请求 below the window: a curl line of a real call read back, its sign diagnosed with the
//! profile's secret or a typed one, replayed as sent and re-signed against the real local gateway,
//! shared as a bundle that holds no secret, and a history entry opened as a reproduction.

mod support;

use qimen_core::diagnose::CauseId;
use qimen_server::gateway::config::DEMO_ERP_SECRET;
use qimen_workbench::repro::{ReplayMode, ReproDiagnoseInput, ReproReplayInput, ReproSecret};
use support::workbench::{call, open, TempDir};

fn causes(d: &qimen_core::diagnose::Diagnosis) -> Vec<CauseId> {
    d.causes.iter().map(|c| c.id).collect()
}

#[tokio::test]
async fn a_pasted_curl_is_diagnosed_replayed_and_bundled() {
    let dir = TempDir::new("repro");
    let (wb, _secrets) = open(dir.path());
    let input = call("taobao.time.get", &[]);
    let curl = wb.call_curl(input, true).await.expect("a curl line");

    let opened = wb.repro_open(curl.clone()).await.expect("the curl reads");
    assert!(!opened.from_bundle);
    let request = opened.calls[0].request.clone();
    assert_eq!(request.param("method"), Some("taobao.time.get"));

    let with_profile = |request| ReproDiagnoseInput {
        request,
        secret: ReproSecret::Profile { profile_id: None },
    };
    let verdict = wb
        .repro_diagnose(with_profile(request.clone()))
        .await
        .expect("diagnosed");
    assert!(verdict.valid && verdict.causes.is_empty(), "{verdict:?}");

    // The customer's code wrote the digest in lower case.
    let sign = request.param("sign").expect("a sign").to_string();
    let lowered = wb
        .repro_open(curl.replace(&sign, &sign.to_ascii_lowercase()))
        .await
        .expect("reads")
        .calls[0]
        .request
        .clone();
    let verdict = wb
        .repro_diagnose(with_profile(lowered))
        .await
        .expect("diagnosed");
    assert_eq!(causes(&verdict), [CauseId::LowercaseHex]);

    // A secret typed for this check only: the wrong one is named as such.
    let typed = ReproDiagnoseInput {
        request: request.clone(),
        secret: ReproSecret::Typed {
            secret: "not-the-secret-0000000000000000".into(),
        },
    };
    let verdict = wb.repro_diagnose(typed).await.expect("diagnosed");
    assert_eq!(causes(&verdict), [CauseId::WrongSecret]);
    let blank = ReproDiagnoseInput {
        request: request.clone(),
        secret: ReproSecret::Typed { secret: " ".into() },
    };
    let err = wb
        .repro_diagnose(blank)
        .await
        .expect_err("a blank secret is refused");
    assert_eq!(err.code, "validation.repro.secret");

    // As sent: the customer's bytes, their sign, accepted by the gateway.
    let replay = |mode| ReproReplayInput {
        request: request.clone(),
        environment_id: "local".into(),
        mode,
        profile_id: None,
        recorded_body: None,
    };
    let as_sent = wb
        .repro_replay(replay(ReplayMode::AsSent))
        .await
        .expect("replayed");
    assert!(as_sent.changes.is_empty());
    assert!(
        as_sent.result.as_ref().is_some_and(|r| r.success),
        "{as_sent:?}"
    );
    let resigned = wb
        .repro_replay(replay(ReplayMode::Resigned))
        .await
        .expect("replayed");
    assert!(
        resigned.result.as_ref().is_some_and(|r| r.success),
        "{resigned:?}"
    );
    assert!(resigned.changes.iter().any(|c| c.name == "sign"));

    let mut calls = opened.calls.clone();
    calls[0].diagnosis = Some(verdict);
    let text = wb.repro_bundle_text(calls).expect("a bundle");
    assert!(!text.contains(DEMO_ERP_SECRET));
    let reopened = wb.repro_open(text).await.expect("the bundle opens");
    assert!(reopened.from_bundle);
    assert_eq!(reopened.calls[0].request.param("sign"), Some(sign.as_str()));
}

#[tokio::test]
async fn a_history_entry_opens_as_a_reproduction_and_replays_with_the_profile() {
    let dir = TempDir::new("repro-history");
    let (wb, _secrets) = open(dir.path());
    let outcome = wb
        .call_send(call("taobao.time.get", &[]))
        .await
        .expect("sent");
    let id = outcome.history_id.expect("recorded");
    let calls = wb.history_bundle(vec![id]).await.expect("as calls");
    assert_eq!(calls[0].api.as_deref(), Some("taobao.time.get"));
    assert!(calls[0].response.as_ref().is_some_and(|r| r.status == 200));
    let replay = wb
        .repro_replay(ReproReplayInput {
            request: calls[0].request.clone(),
            environment_id: "local".into(),
            mode: ReplayMode::Resigned,
            profile_id: None,
            recorded_body: calls[0].response.as_ref().map(|r| r.body.clone()),
        })
        .await
        .expect("replayed");
    assert!(
        replay.result.as_ref().is_some_and(|r| r.success),
        "{replay:?}"
    );
    // The same answer but for its time and request id, which change on every call.
    let diff = replay.diff.expect("a diff with the recorded answer");
    assert!(diff.same, "{diff:?}");

    let input = wb.history_call_input(id).await.expect("a console call");
    assert_eq!(input.draft.method, "taobao.time.get");
}

#[tokio::test]
async fn what_is_not_a_request_is_refused_with_where_reading_stopped() {
    let dir = TempDir::new("repro-bad");
    let (wb, _secrets) = open(dir.path());
    let err = wb
        .repro_open("curl \"http://gw.api.taobao.com/router/rest?method=$METHOD\"".into())
        .await
        .expect_err("a shell variable");
    assert_eq!(err.code, "validation.repro.text");
    assert!(err.message.contains("METHOD"), "{}", err.message);
    let err = wb
        .repro_open("{\"format\":\"qimen-workbench/repro\",\"version\":99,\"calls\":[]}".into())
        .await
        .expect_err("a newer bundle");
    assert_eq!(err.code, "validation.repro.bundle");
}
