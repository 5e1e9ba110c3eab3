//! The raw HTTP reader on captures of Qimen and TOP calls.

use super::curl_tests::{EXAMPLE_C_BODY, EXAMPLE_C_QUERY, EXAMPLE_C_SECRET};
use super::*;
use crate::captured::ParamPlace;
use crate::sign::{sign_top, SignMethod};

#[test]
fn a_qimen_xml_post_with_crlf_lines_and_a_date() {
    let pasted = format!(
        "POST /router/qimen/service?{EXAMPLE_C_QUERY} HTTP/1.1\r\n\
         Host: qimen.api.taobao.com\r\n\
         Content-Type: text/xml;charset=utf-8\r\n\
         Content-Length: {}\r\n\
         Date: Mon, 20 May 2024 02:15:31 GMT\r\n\
         User-Agent:   top-sdk-java-20200706  \r\n\
         \r\n\
         {EXAMPLE_C_BODY}\r\n",
        EXAMPLE_C_BODY.len()
    );
    let r = parse(&pasted).unwrap();
    assert_eq!(r.source, CaptureSource::RawHttp);
    assert_eq!(r.http_method, "POST");
    assert_eq!(
        r.url.as_deref(),
        Some("http://qimen.api.taobao.com/router/qimen/service")
    );
    assert_eq!(r.raw_query, EXAMPLE_C_QUERY);
    assert_eq!(r.body.as_deref(), Some(EXAMPLE_C_BODY));
    assert_eq!(r.content_type.as_deref(), Some("text/xml;charset=utf-8"));
    assert_eq!(r.header("user-agent"), Some("top-sdk-java-20200706"));
    assert_eq!(r.headers[0].0, "Host");
    assert_eq!(r.sent_at.map(|t| t.timestamp()), Some(1_716_171_331));
    let sign = sign_top(
        &r.params_map(),
        r.signed_body(),
        EXAMPLE_C_SECRET,
        SignMethod::Md5,
    );
    assert_eq!(Some(sign.as_str()), r.param("sign"));
}

#[test]
fn a_form_post_with_an_absolute_target_and_lf_lines() {
    let pasted =
        "POST https://gw.api.taobao.com/router/rest?method=taobao.item.seller.get&v=2.0 HTTP/1.1\n\
        Host: gw.api.taobao.com\n\
        Content-Type: application/x-www-form-urlencoded;charset=UTF-8\n\
        \n\
        fields=num_iid%2Ctitle&num_iid=11223344&nick=%E5%BA%97+%E4%B8%BB\n";
    let r = parse(pasted).unwrap();
    assert_eq!(
        r.url.as_deref(),
        Some("https://gw.api.taobao.com/router/rest")
    );
    assert_eq!(
        r.body.as_deref(),
        Some("fields=num_iid%2Ctitle&num_iid=11223344&nick=%E5%BA%97+%E4%B8%BB")
    );
    assert_eq!(r.params.len(), 5);
    let nick = r.params.last().unwrap();
    assert_eq!(
        (nick.value.as_str(), nick.raw.as_str(), nick.place),
        ("店 主", "%E5%BA%97+%E4%B8%BB", ParamPlace::Form)
    );
    assert!(r.body_is_form());
    assert_eq!(r.signed_body(), None);
}

#[test]
fn the_scheme_follows_the_port_or_a_forwarded_proto_and_a_json_body_is_recognised() {
    let r = parse("POST /router/qm?method=wdt.trade.query&sid=x HTTP/1.1\nHost: 3ldsmu02o9.api.taobao.com\nX-Forwarded-Proto: https\n\n{\"page_no\":1}").unwrap();
    assert_eq!(
        r.url.as_deref(),
        Some("https://3ldsmu02o9.api.taobao.com/router/qm")
    );
    assert_eq!(
        r.content_type.as_deref(),
        Some("application/json;charset=utf-8")
    );
    let r = parse("GET /router/rest?method=taobao.time.get HTTP/1.0\nHost: eco.taobao.com:443\n")
        .unwrap();
    assert_eq!(
        r.url.as_deref(),
        Some("https://eco.taobao.com:443/router/rest")
    );
    assert_eq!((r.http_method.as_str(), r.body.as_deref()), ("GET", None));
    let r = parse("post /r?a=1 HTTP/1.1\nHost: h.example.com\nX-Trace: one,\n two\n\nplain text")
        .unwrap_err();
    assert_eq!(r.kind, ProblemKind::NotARequest);
    let r = parse("POST /r?a=1 HTTP/1.1\nHost: h.example.com\nX-Trace: one,\n two\n\nplain text")
        .unwrap();
    assert_eq!(r.header("x-trace"), Some("one, two"));
    assert_eq!(
        (r.body.as_deref(), r.content_type.as_deref()),
        (Some("plain text"), None)
    );
}

#[test]
fn content_length_ends_the_body_before_a_pasted_response() {
    let pasted = "POST /router/rest?method=taobao.time.get HTTP/1.1\nHost: gw.api.taobao.com\nContent-Type: application/x-www-form-urlencoded\nContent-Length: 5\n\na=1&b\n\nHTTP/1.1 200 OK\n";
    let r = parse(pasted).unwrap();
    assert_eq!(r.body.as_deref(), Some("a=1&b"));
    assert_eq!(r.param("b"), Some(""));
}

#[test]
fn bad_request_lines_headers_and_a_missing_host_are_refused_where_they_are() {
    let cases: [(&str, ProblemKind, (usize, usize)); 6] = [
        ("POST /router/rest HTTP1.1\nHost: a\n", ProblemKind::BadRequestLine, (1, 19)),
        ("POST\nHost: a\n", ProblemKind::BadRequestLine, (1, 5)),
        ("GET router/rest?a=1 HTTP/1.1\n", ProblemKind::BadRequestLine, (1, 5)),
        ("GET /r?a=1 HTTP/1.1 extra\n", ProblemKind::BadRequestLine, (1, 21)),
        ("POST /router/rest?a=1 HTTP/1.1\r\nHost: gw.api.taobao.com\r\nContent-Type text/xml\r\n\r\n<request/>", ProblemKind::BadHeader, (3, 1)),
        ("POST /router/rest?a=1 HTTP/1.1\nContent-Type: text/xml\n\n<request/>", ProblemKind::MissingHost, (1, 6)),
    ];
    for (pasted, kind, (line, column)) in cases {
        let e = parse(pasted).unwrap_err();
        assert_eq!(e.kind, kind, "{pasted}");
        assert_eq!(e.position, Some(TextPosition { line, column }), "{pasted}");
    }
    let e = parse("POST /router/rest?a=1 HTTP/1.1\nHost: a.example.com\nContent-Type text/xml\n")
        .unwrap_err();
    assert_eq!(e.subject.as_deref(), Some("Content-Type text/xml"));
}
