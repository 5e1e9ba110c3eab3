use super::*;
use crate::clock::FixedClock;
use crate::sign::wdt::WDT_CRM_METHOD;

fn clock() -> FixedClock {
    FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap()
}

fn draft(method: &str) -> CallDraft {
    CallDraft {
        method: method.into(),
        family: None,
        sign_method: SignMethod::Md5,
        format: None,
        params: Vec::new(),
        body: None,
        target_app_key: None,
        customer_id: None,
        use_session: false,
        wdt: WdtOptions::default(),
    }
}

fn row(key: &str, value: &str) -> ParamRow {
    ParamRow {
        key: key.into(),
        value: value.into(),
    }
}

fn defaults() -> CallDefaults {
    CallDefaults {
        app_key: "12345678".into(),
        target_app_key: Some("99990000".into()),
        customer_id: Some("CUST1".into()),
        wdt_sid: Some("sid1".into()),
        wdt_appkey: Some("wdtkey".into()),
    }
}

fn env() -> Environment {
    Environment::parse("sandbox").unwrap()
}

/// Every secret there is, recording which ones were asked for.
fn secrets(
    asked: &mut Vec<CallSecret>,
) -> impl FnMut(CallSecret) -> Result<SecretString, CallError> + '_ {
    |which| {
        asked.push(which);
        Ok(SecretString::from(match which {
            CallSecret::AppSecret => "app-secret",
            CallSecret::Session => "session-token",
            CallSecret::WdtSecret => "wdt-secret:wdt-salt",
        }))
    }
}

/// The field a draft is refused on, with every secret at hand.
fn refused_field(d: &CallDraft, defaults: &CallDefaults) -> String {
    let mut asked = Vec::new();
    match build(
        d,
        defaults,
        &ApiHints::default(),
        &env(),
        &clock(),
        secrets(&mut asked),
    ) {
        Err(CallError::Field { field, .. }) => field,
        Err(other) => panic!("refused, but not on a field: {other}"),
        Ok(_) => panic!("built, but a refusal was expected"),
    }
}

fn built(d: &CallDraft, defaults: &CallDefaults, hints: &ApiHints<'_>) -> BuiltCall {
    let mut asked = Vec::new();
    build(d, defaults, hints, &env(), &clock(), secrets(&mut asked)).unwrap()
}

#[test]
fn the_family_is_the_drafts_then_the_catalogues_then_the_names() {
    let hints = ApiHints {
        family: Some(ApiFamily::QimenStandard),
        ..ApiHints::default()
    };
    assert_eq!(
        family_of(&draft("entryorder.create"), &hints),
        ApiFamily::QimenStandard
    );
    assert_eq!(
        family_of(&draft("entryorder.create"), &ApiHints::default()),
        ApiFamily::Top
    );
    assert_eq!(
        family_of(&draft("a1q40taq0j.x.y"), &ApiHints::default()),
        ApiFamily::QimenCloud
    );
    let mut d = draft("taobao.time.get");
    d.family = Some(ApiFamily::QimenCloud);
    assert_eq!(family_of(&d, &hints), ApiFamily::QimenCloud);
}

#[test]
fn a_body_is_json_or_xml_by_its_first_character_and_anything_else_is_refused() {
    assert_eq!(read_body("  ").unwrap(), None);
    assert_eq!(
        read_body(" <request/>").unwrap(),
        Some(RawBody::xml(" <request/>"))
    );
    assert_eq!(
        read_body("{\"a\":1}").unwrap(),
        Some(RawBody::json("{\"a\":1}"))
    );
    assert_eq!(read_body("[1]").unwrap(), Some(RawBody::json("[1]")));
    let err = read_body("a=1").unwrap_err();
    assert!(
        matches!(&err, CallError::Field { field, .. } if field == "body"),
        "{err}"
    );
}

#[test]
fn target_app_key_goes_only_on_qimen_cloud_calls_from_the_draft_catalogue_account_or_wdt() {
    let top = built(&draft("taobao.time.get"), &defaults(), &ApiHints::default());
    assert_eq!(top.prepared.param("target_app_key"), None);

    let hints = ApiHints {
        target_app_key: Some("11112222"),
        ..ApiHints::default()
    };
    let cloud = draft("a1q40taq0j.other.api");
    assert_eq!(
        built(&cloud, &defaults(), &hints)
            .prepared
            .param("target_app_key"),
        Some("11112222")
    );
    assert_eq!(
        built(&cloud, &defaults(), &ApiHints::default())
            .prepared
            .param("target_app_key"),
        Some("99990000")
    );
    let mut typed = cloud.clone();
    typed.target_app_key = Some(" 33334444 ".into());
    assert_eq!(
        built(&typed, &defaults(), &hints)
            .prepared
            .param("target_app_key"),
        Some("33334444")
    );

    let bare = CallDefaults {
        app_key: "12345678".into(),
        ..CallDefaults::default()
    };
    let wdt = draft("hu3cgwt0tc.wdt.trade.query");
    assert_eq!(
        built(&wdt, &bare, &ApiHints::default())
            .prepared
            .param("target_app_key"),
        Some(WDT_TARGET_APP_KEY)
    );
}

#[test]
fn customer_id_goes_only_on_qimen_standard_calls() {
    let mut standard = draft("taobao.qimen.entryorder.create");
    standard.body = Some("<request/>".into());
    assert_eq!(
        built(&standard, &defaults(), &ApiHints::default())
            .prepared
            .param("customerId"),
        Some("CUST1")
    );
    let top = built(&draft("taobao.time.get"), &defaults(), &ApiHints::default());
    assert_eq!(top.prepared.param("customerId"), None);
}

#[test]
fn only_the_secrets_a_draft_needs_are_asked_for() {
    let mut asked = Vec::new();
    build(
        &draft("taobao.time.get"),
        &defaults(),
        &ApiHints::default(),
        &env(),
        &clock(),
        secrets(&mut asked),
    )
    .unwrap();
    assert_eq!(asked, [CallSecret::AppSecret]);

    let mut d = draft("hu3cgwt0tc.wdt.trade.query");
    d.use_session = true;
    d.wdt.compute = true;
    let mut asked = Vec::new();
    build(
        &d,
        &defaults(),
        &ApiHints::default(),
        &env(),
        &clock(),
        secrets(&mut asked),
    )
    .unwrap();
    assert_eq!(
        asked,
        [
            CallSecret::WdtSecret,
            CallSecret::Session,
            CallSecret::AppSecret
        ]
    );
}

#[test]
fn a_missing_secret_is_reported_in_the_callers_terms() {
    #[derive(Debug, PartialEq)]
    enum Mine {
        Missing(CallSecret),
        Call,
    }
    impl From<CallError> for Mine {
        fn from(_: CallError) -> Self {
            Mine::Call
        }
    }
    let mut d = draft("taobao.user.seller.get");
    d.use_session = true;
    let err = build(
        &d,
        &defaults(),
        &ApiHints::default(),
        &env(),
        &clock(),
        |which| match which {
            CallSecret::Session => Err(Mine::Missing(which)),
            _ => Ok(SecretString::from("s")),
        },
    )
    .unwrap_err();
    assert_eq!(err, Mine::Missing(CallSecret::Session));
}

#[test]
fn wdt_sign_uses_the_part_before_the_colon_and_fills_the_account() {
    let mut d = draft("hu3cgwt0tc.wdt.trade.query");
    d.wdt.compute = true;
    d.params = vec![row("start_time", "2024-05-20 00:00:00")];
    let call = built(&d, &defaults(), &ApiHints::default());
    assert_eq!(call.prepared.param("sid"), Some("sid1"));
    assert_eq!(call.prepared.param("appkey"), Some("wdtkey"));
    let mut signed = Params::new();
    signed.insert("start_time".into(), "2024-05-20 00:00:00".into());
    signed.insert("sid".into(), "sid1".into());
    signed.insert("appkey".into(), "wdtkey".into());
    signed.insert("method".into(), "hu3cgwt0tc.wdt.trade.query".into());
    let expected = wdt_sign(&signed, "wdt-secret", WdtFlavour::Custom);
    assert_eq!(call.prepared.param("wdt_sign"), Some(expected.as_str()));
    assert_eq!(
        wdt_signing_secret(&SecretString::from(" wdt-secret ")).expose(),
        "wdt-secret",
        "a secret without a salt signs whole"
    );
}

#[test]
fn the_crm_api_carries_wdt_sign_inside_extend_props() {
    let mut d = draft(WDT_CRM_METHOD);
    d.wdt.compute = true;
    let call = built(&d, &defaults(), &ApiHints::default());
    let props: serde_json::Value =
        serde_json::from_str(call.prepared.param("extendProps").unwrap()).unwrap();
    assert_eq!(props["wdt_appkey"], "wdtkey");
    assert!(props["wdt_sign"].as_str().is_some_and(|s| s.len() == 32));
    assert_eq!(call.prepared.param("customerid"), Some("sid1"));

    let no_account = CallDefaults {
        app_key: "12345678".into(),
        ..CallDefaults::default()
    };
    assert_eq!(refused_field(&d, &no_account), "extendProps");
}

#[test]
fn rows_without_a_name_or_twice_are_refused_and_blank_rows_skipped() {
    let mut d = draft("taobao.time.get");
    d.params = vec![row("", " "), row("a", "1")];
    assert_eq!(
        built(&d, &defaults(), &ApiHints::default())
            .prepared
            .param("a"),
        Some("1")
    );
    d.params = vec![row("", "orphan")];
    assert_eq!(refused_field(&d, &defaults()), "params");
    d.params = vec![row("a", "1"), row(" a", "2")];
    assert_eq!(refused_field(&d, &defaults()), "a");
}

#[test]
fn wdt_methods_are_recognised() {
    assert!(is_wdt_method("hu3cgwt0tc.wdt.trade.query"));
    assert!(is_wdt_method("qimen.taobao.crm.order.detail.get"));
    assert!(is_wdt_method("taobao.crm.order.detail.get"));
    assert!(!is_wdt_method("a1q40taq0j.other.api"));
    assert!(!is_wdt_method("hu3cgwt0tcx.wdt.trade.query"));
}
