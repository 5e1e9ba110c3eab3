//! The query-string-plus-body reader.

use super::curl_tests::{EXAMPLE_C_BODY, EXAMPLE_C_QUERY, EXAMPLE_C_SECRET};
use super::*;
use crate::captured::ParamPlace;
use crate::sign::{sign_top, SignMethod};

#[test]
fn a_qimen_query_then_a_blank_line_then_the_xml_body() {
    let pasted = format!("{EXAMPLE_C_QUERY}\n\n{EXAMPLE_C_BODY}\n");
    let r = parse(&pasted).unwrap();
    assert_eq!(r.source, CaptureSource::QueryAndBody);
    assert_eq!((r.http_method.as_str(), r.url.as_deref()), ("POST", None));
    assert_eq!(r.raw_query, EXAMPLE_C_QUERY);
    assert_eq!(r.body.as_deref(), Some(EXAMPLE_C_BODY));
    assert_eq!(r.content_type.as_deref(), Some("text/xml;charset=utf-8"));
    let sign = sign_top(
        &r.params_map(),
        r.signed_body(),
        EXAMPLE_C_SECRET,
        SignMethod::Md5,
    );
    assert_eq!(Some(sign.as_str()), r.param("sign"));
}

#[test]
fn a_query_alone_is_a_get_and_a_leading_question_mark_is_dropped() {
    let r = parse("?method=wdt.trade.query&sid=demo&page_no=0&page_size=40").unwrap();
    assert_eq!((r.http_method.as_str(), r.body.as_deref()), ("GET", None));
    assert_eq!(
        r.raw_query,
        "method=wdt.trade.query&sid=demo&page_no=0&page_size=40"
    );
    assert_eq!(r.params.len(), 4);
}

#[test]
fn a_one_line_form_body_is_read_and_json_is_recognised() {
    let r = parse(
        "method=taobao.item.seller.get&v=2.0&sign=A\r\n\r\nfields=num_iid%2Ctitle&num_iid=11223344",
    )
    .unwrap();
    assert_eq!(
        r.content_type.as_deref(),
        Some("application/x-www-form-urlencoded;charset=UTF-8")
    );
    assert_eq!(r.param("fields"), Some("num_iid,title"));
    assert_eq!(
        r.params
            .iter()
            .filter(|p| p.place == ParamPlace::Form)
            .count(),
        2
    );
    let r = parse("method=hu3cgwt0tc.wdt.trade.push&sid=x\n{\"trade_list\":[]}").unwrap();
    assert_eq!(
        r.content_type.as_deref(),
        Some("application/json;charset=utf-8")
    );
    assert_eq!(r.body.as_deref(), Some("{\"trade_list\":[]}"));
    let r = parse("a=1\n\nsome free text").unwrap();
    assert_eq!(
        (r.body.as_deref(), r.content_type.as_deref()),
        (Some("some free text"), None)
    );
}

#[test]
fn a_broken_escape_in_the_body_points_into_the_body() {
    let e = parse("method=x&v=2.0\n\nfields=a&title=%ZZ").unwrap_err();
    assert_eq!(
        (e.kind, e.subject.as_deref()),
        (ProblemKind::BadEscape, Some("title"))
    );
    assert_eq!(
        e.position,
        Some(TextPosition {
            line: 3,
            column: 16
        })
    );
}
