//! Pastes that are not requests, the wording of problems, and no panic on any input.

use super::*;
use proptest::prelude::*;

#[test]
fn empty_huge_binary_and_unknown_pastes_are_refused() {
    assert_eq!(parse("").unwrap_err().kind, ProblemKind::Empty);
    let e = parse(" \r\n\t\u{feff} ").unwrap_err();
    assert_eq!((e.kind, e.position), (ProblemKind::Empty, None));
    let huge = format!("method=x&body={}", "a".repeat(MAX_PASTE_BYTES));
    assert_eq!(parse(&huge).unwrap_err().kind, ProblemKind::TooLarge);
    let e = parse("PK\u{3}\u{4}\u{14}\u{0}binary").unwrap_err();
    assert_eq!(e.kind, ProblemKind::ControlCharacter);
    assert_eq!(e.position, Some(TextPosition { line: 1, column: 3 }));
    assert_eq!(e.subject.as_deref(), Some("U+0003"));
    let e = parse("\n\n  hello, the call fails with code 25").unwrap_err();
    assert_eq!(e.kind, ProblemKind::NotARequest);
    assert_eq!(e.position, Some(TextPosition { line: 3, column: 3 }));
}

#[test]
fn messages_are_bilingual_name_the_subject_and_the_place() {
    let e = parse("http://gw.api.taobao.com/router/rest?method=x&title=%D6%D0").unwrap_err();
    let text = e.message();
    assert!(
        text.zh.contains("“title”")
            && text.zh.contains("GBK")
            && text.zh.contains("第 1 行第 53 列"),
        "{}",
        text.zh
    );
    assert!(
        text.en.contains("\"title\"") && text.en.ends_with("(line 1, column 53)"),
        "{}",
        text.en
    );
    assert_eq!(e.to_string(), text.en);
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["kind"], "not_utf8");
    assert_eq!(json["position"]["column"], 53);
    // Every kind has words in both languages.
    let kinds = [
        ProblemKind::Empty,
        ProblemKind::TooLarge,
        ProblemKind::ControlCharacter,
        ProblemKind::NotARequest,
        ProblemKind::MissingScheme,
        ProblemKind::BadUrl,
        ProblemKind::TruncatedUrl,
        ProblemKind::NoParameters,
        ProblemKind::TruncatedEscape,
        ProblemKind::BadEscape,
        ProblemKind::NotUtf8,
        ProblemKind::ShellVariable,
        ProblemKind::UnknownCurlOption,
        ProblemKind::CurlMissingValue,
        ProblemKind::CurlDataFromFile,
        ProblemKind::CurlWithoutUrl,
        ProblemKind::SeveralUrls,
        ProblemKind::UnclosedQuote,
        ProblemKind::BadRequestLine,
        ProblemKind::BadHeader,
        ProblemKind::MissingHost,
    ];
    for kind in kinds {
        let m = CaptureProblem::new(kind, None).about("x").message();
        assert!(
            m.zh.chars().count() > 10 && m.en.len() > 20 && !m.en.contains("(line "),
            "{kind:?}"
        );
    }
}

#[test]
fn a_long_subject_is_shortened() {
    let long = format!("http://gw.api.taobao.com/{}", "a".repeat(200));
    let e = parse(&long).unwrap_err();
    assert_eq!(e.kind, ProblemKind::TruncatedUrl);
    assert_eq!(e.subject.as_deref().map(|s| s.chars().count()), Some(81));
}

/// Pieces that steer the readers into their corners.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("curl ".to_string()),
        Just("POST /router/rest?a=1 HTTP/1.1\r\n".to_string()),
        Just("Host: gw.api.taobao.com\n".to_string()),
        Just("http://gw.api.taobao.com/router/rest?".to_string()),
        Just("2024-05-20 10:15:31.245^_^".to_string()),
        Just("^_^".to_string()),
        Just("$'\\x".to_string()),
        Just("\\u".to_string()),
        Just("^\"".to_string()),
        Just("%E4%B8".to_string()),
        Just("-d @".to_string()),
        Just("-G ".to_string()),
        Just("params: ".to_string()),
        "[ -~\\n\\r\\t中%&=^\"'$`\\\\]{0,12}",
    ]
}

proptest! {
    #[test]
    fn any_text_is_read_or_refused_without_panicking(text in any::<String>()) {
        if let Err(e) = parse(&text) {
            let _ = e.message();
        }
    }

    #[test]
    fn shaped_text_is_read_or_refused_without_panicking(parts in prop::collection::vec(fragment(), 0..12)) {
        let text = parts.concat();
        match parse(&text) {
            Ok(r) => prop_assert!(!r.params.is_empty() || r.body.is_some()),
            Err(e) => {
                let _ = e.message();
                if let Some(p) = e.position {
                    prop_assert!(p.line >= 1 && p.column >= 1);
                    prop_assert!(p.line <= text.lines().count().max(1) + 1);
                }
            }
        }
    }
}
