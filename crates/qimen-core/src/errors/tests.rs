use super::*;
use crate::protocol::response::{ApiResult, ResponseShape};
use std::collections::HashSet;

/// Every top-level code the platform, Qimen, 旺店通 and OAuth are known to send (domain reference
/// §3, §4, §5 and the Qimen conventions).
const CODES: &[&str] = &[
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "11",
    "12",
    "13",
    "15",
    "21",
    "22",
    "23",
    "24",
    "25",
    "26",
    "27",
    "28",
    "29",
    "30",
    "31",
    "32",
    "33",
    "34",
    "40",
    "41",
    "42",
    "43",
    "44",
    "47",
    "50",
    "530",
    "670",
    "sign-check-failure",
    "1012",
    "invalid_client",
    "invalid_grant",
    "access_denied",
    "invalid_request",
    "unsupported_grant_type",
];

const SUB_CODES: &[&str] = &[
    "accesscontrol.limited-by-app-access-count",
    "accesscontrol.limited-by-api-access-count",
    "accesscontrol.limited-by-app-api-access-count",
    "isv.permission-api-package-empty",
    "isv.permission-api-package-not-allowed",
    "isv.permission-api-package-limit",
    "isv.permission-ip-whitelist-limit",
    "isv.permission-api-widget-only-limit",
    "invalid-sessionkey",
    "sessionkey-not-generated-by-server",
    "isv.appkey-not-exists",
    "isv.missing-parameter",
    "isv.invalid-parameter",
    "isv.invalid-permission",
    "isp.top-remote-connection-timeout",
    "isp.top-remote-service-unavailable",
    "isp.remote-service-error",
    "isp.remote-service-timeout",
    "isp.unknown-error",
    "isp.service-unavailable",
    "isp.top-remote-unknown-error",
    "qimen.missing-customer-id",
    "qimen.missing-target-app-key",
    "qimen.api-not-found",
    "qimen.business-failure",
    "wdt.sign-check-failure",
    "oauth.redirect-uri-mismatch",
];

fn failure(
    code: Option<&str>,
    sub_code: Option<&str>,
    message: Option<&str>,
    sub_message: Option<&str>,
) -> ApiResult {
    ApiResult {
        success: false,
        shape: ResponseShape::TopJson,
        code: code.map(str::to_string),
        message: message.map(str::to_string),
        sub_code: sub_code.map(str::to_string),
        sub_message: sub_message.map(str::to_string),
        flag: None,
        request_id: None,
        wrapper: None,
        data: serde_json::Value::Null,
    }
}

#[test]
fn every_listed_code_resolves_to_its_own_entry() {
    for code in CODES {
        let entry = lookup(Some(code), None).unwrap_or_else(|| panic!("code {code} has no entry"));
        assert_eq!(entry.code, Some(*code));
        assert_eq!(
            entry.sub_code, None,
            "a bare code must find the code-only entry"
        );
    }
}

#[test]
fn every_listed_sub_code_resolves_exactly() {
    for sub in SUB_CODES {
        let entry =
            lookup(None, Some(sub)).unwrap_or_else(|| panic!("sub_code {sub} has no entry"));
        assert_eq!(entry.sub_code, Some(*sub));
    }
}

#[test]
fn sub_code_wins_over_code() {
    let entry = lookup(Some("27"), Some("isv.appkey-not-exists")).expect("known sub_code");
    assert_eq!(entry.sub_code, Some("isv.appkey-not-exists"));
    let entry = lookup(Some("15"), Some("isp.remote-service-timeout")).expect("known sub_code");
    assert!(entry.retryable, "platform-side timeouts are worth retrying");
}

#[test]
fn parameter_suffix_and_families_fall_back_in_order() {
    // The platform appends the parameter name after a colon.
    let entry = lookup(Some("40"), Some("isv.missing-parameter:fields")).expect("prefix");
    assert_eq!(entry.sub_code, Some("isv.missing-parameter"));
    // Unknown reasons still say whose side failed.
    let entry = lookup(Some("15"), Some("isp.item-search-unavailable")).expect("isp family");
    assert_eq!(entry.sub_code, Some("isp.*"));
    assert!(entry.retryable);
    let entry = lookup(Some("15"), Some("isv.item-not-exist:123")).expect("isv family");
    assert_eq!(entry.sub_code, Some("isv.*"));
    assert!(!entry.retryable);
    // A sub_code outside both families falls back to the code.
    let entry = lookup(Some("7"), Some("accesscontrol.something-new")).expect("code 7");
    assert_eq!((entry.code, entry.sub_code), (Some("7"), None));
}

#[test]
fn lookup_ignores_case_and_blanks() {
    assert!(lookup(None, Some("ISV.AppKey-Not-Exists")).is_some());
    assert_eq!(
        lookup(Some(" 25 "), Some("  ")).and_then(|e| e.code),
        Some("25")
    );
}

#[test]
fn unknown_codes_resolve_to_nothing() {
    assert_eq!(lookup(Some("99999"), None), None);
    assert_eq!(lookup(None, Some("nothing-like-this")), None);
    assert_eq!(lookup(None, None), None);
    assert_eq!(lookup(Some(""), Some("")), None);
    // "0" is the success code of Qimen cloud answers, never an error.
    assert_eq!(lookup(Some("0"), None), None);
}

#[test]
fn every_entry_has_both_languages_and_a_key() {
    for entry in entries() {
        assert!(
            entry.code.is_some() || entry.sub_code.is_some(),
            "{entry:?} has no key"
        );
        for text in [&entry.title, &entry.cause, &entry.remedy] {
            assert!(
                !text.zh.trim().is_empty() && !text.en.trim().is_empty(),
                "{entry:?}"
            );
            // The Chinese side must be Chinese and the English side must not use Chinese
            // punctuation: catches swapped or half-translated texts.
            assert!(
                text.zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}",
                text.zh
            );
            assert!(
                !text.en.contains(['，', '。', '；', '（', '：']),
                "{}",
                text.en
            );
        }
    }
}

#[test]
fn no_two_entries_share_a_key() {
    let mut keys = HashSet::new();
    let mut sub_codes = HashSet::new();
    for entry in entries() {
        assert!(
            keys.insert((entry.code, entry.sub_code)),
            "duplicate key {entry:?}"
        );
        // Sub-codes are looked up without the code, so they must be unique on their own.
        if let Some(sub) = entry.sub_code {
            assert!(
                sub_codes.insert(sub.to_ascii_lowercase()),
                "duplicate sub_code {sub}"
            );
        }
    }
}

#[test]
fn texts_only_use_known_placeholders() {
    for entry in entries() {
        for text in [&entry.title, &entry.cause, &entry.remedy] {
            for side in [&text.zh, &text.en] {
                let stripped = side.replace("{param}", "").replace("{wait}", "");
                assert!(
                    !stripped.contains(['{', '}']),
                    "stray placeholder in {side}"
                );
            }
        }
    }
}

#[test]
fn every_entry_renders_without_placeholders() {
    for entry in entries() {
        let result = failure(entry.code, entry.sub_code, None, None);
        for lang in [Lang::ZhCn, Lang::En] {
            let ex = explain(&result, lang).unwrap_or_else(|| panic!("{entry:?} does not render"));
            for text in [&ex.title, &ex.cause, &ex.remedy] {
                assert!(!text.contains('{'), "{text}");
            }
        }
    }
}

#[test]
fn the_missing_parameter_is_named_in_both_languages() {
    let result = failure(
        Some("40"),
        Some("isv.missing-parameter:fields"),
        Some("Missing required arguments"),
        None,
    );
    let zh = explain(&result, Lang::ZhCn).expect("explained");
    assert_eq!(zh.param.as_deref(), Some("fields"));
    assert!(zh.cause.contains("参数“fields”"), "{}", zh.cause);
    let en = explain(&result, Lang::En).expect("explained");
    assert!(
        en.cause.starts_with("The parameter `fields`"),
        "{}",
        en.cause
    );
}

#[test]
fn the_parameter_can_come_from_the_message() {
    let result = failure(Some("41"), None, Some("Invalid arguments:num_iid"), None);
    let ex = explain(&result, Lang::En).expect("explained");
    assert_eq!(ex.param.as_deref(), Some("num_iid"));
    assert!(ex.remedy.contains("`num_iid`"));
    // Without a name the text still reads as a sentence.
    let ex = explain(&failure(Some("40"), None, None, None), Lang::ZhCn).expect("explained");
    assert_eq!(ex.param, None);
    assert!(ex.cause.contains("某个参数"));
}

#[test]
fn a_missing_customer_id_gets_the_qimen_routing_explanation() {
    let result = failure(
        Some("40"),
        Some("isv.missing-parameter:customerId"),
        None,
        None,
    );
    let ex = explain(&result, Lang::En).expect("explained");
    assert_eq!(ex.sub_code, Some("qimen.missing-customer-id"));
    let result = failure(
        Some("41"),
        Some("isv.invalid-parameter"),
        None,
        Some("Invalid arguments:target_app_key"),
    );
    let ex = explain(&result, Lang::ZhCn).expect("explained");
    assert_eq!(ex.sub_code, Some("qimen.missing-target-app-key"));
    assert!(
        ex.remedy.contains("21363512"),
        "the 旺店通 AppKey is the concrete fix"
    );
}

#[test]
fn the_announced_ban_length_is_used() {
    let result = failure(
        Some("7"),
        Some("accesscontrol.limited-by-api-access-count"),
        Some("App Call Limited"),
        Some("This ban will last for 71 more seconds"),
    );
    assert!(explain(&result, Lang::En)
        .expect("explained")
        .remedy
        .contains("about 71 seconds"));
    assert!(explain(&result, Lang::ZhCn)
        .expect("explained")
        .remedy
        .contains("约 71 秒"));
}

#[test]
fn messages_refine_generic_codes() {
    let mut result = failure(
        Some("invalid_client"),
        None,
        Some("application callback can not match the redirect_uri"),
        None,
    );
    result.shape = ResponseShape::OAuthJson;
    let ex = explain(&result, Lang::En).expect("explained");
    assert_eq!(ex.sub_code, Some("oauth.redirect-uri-mismatch"));
    let result = failure(
        Some("27"),
        Some("invalid-sessionkey"),
        Some("Invalid session"),
        Some("sessionkey-not-generated-by-server:RealSession don't belong app and user !"),
    );
    let ex = explain(&result, Lang::ZhCn).expect("explained");
    assert_eq!(ex.sub_code, Some("sessionkey-not-generated-by-server"));
}

#[test]
fn qimen_failures_fall_back_to_the_receivers_own_failure() {
    let mut result = failure(Some("E1001"), None, Some("单据已存在"), None);
    result.shape = ResponseShape::QimenXml;
    result.flag = Some("failure".into());
    let ex = explain(&result, Lang::ZhCn).expect("explained");
    assert_eq!(ex.sub_code, Some("qimen.business-failure"));
    result.code = Some("sign-check-failure".into());
    result.message = Some("Illegal request".into());
    let ex = explain(&result, Lang::En).expect("explained");
    assert_eq!(ex.code, Some("sign-check-failure"));
}

#[test]
fn successes_and_unknown_failures_have_no_explanation() {
    let mut ok = failure(None, None, None, None);
    ok.success = true;
    assert_eq!(explain(&ok, Lang::En), None);
    assert_eq!(
        explain(&failure(Some("88888"), None, None, None), Lang::En),
        None
    );
}

#[test]
fn bare_codes_explain_like_results() {
    let ex = explain_codes(Some("25"), None, Lang::En).expect("25");
    assert!(
        ex.remedy.contains("sort")
            && ex.remedy.contains("UTF-8")
            && ex.remedy.contains("sign_method")
    );
    let ex = explain_codes(Some("31"), None, Lang::ZhCn).expect("31");
    assert!(ex.remedy.contains("10 分钟") && ex.remedy.contains("yyyy-MM-dd HH:mm:ss"));
}

#[test]
fn languages_parse_and_serialise_with_their_tags() {
    assert_eq!("zh-CN".parse::<Lang>(), Ok(Lang::ZhCn));
    assert_eq!("zh_cn".parse::<Lang>(), Ok(Lang::ZhCn));
    assert_eq!("en-US".parse::<Lang>(), Ok(Lang::En));
    assert!("fr".parse::<Lang>().is_err());
    assert_eq!(
        serde_json::to_string(&Lang::ZhCn).ok().as_deref(),
        Some("\"zh-CN\"")
    );
    assert_eq!(serde_json::from_str::<Lang>("\"en\"").ok(), Some(Lang::En));
}
