//! The SDK log reader: the official Java SDK's `^_^` lines and looser loggers.

use super::url_tests::EXAMPLE_A_QUERY;
use super::*;
use crate::captured::ParamPlace;
use crate::clock::parse_gmt8;
use crate::sign::{sign_top, SignMethod};
use chrono::Duration;

#[test]
fn the_official_java_sdk_line_gives_time_address_and_every_parameter() {
    let pasted = format!(
        "2024-05-20 10:15:31.245^_^12345678^_^taobao.item.seller.get^_^192.168.1.10^_^Windows 10^_^128\
^_^http://gw.api.taobao.com/router/rest^_^{EXAMPLE_A_QUERY}\
^_^{{\"error_response\":{{\"code\":25,\"msg\":\"Invalid signature\"}}}}"
    );
    let r = parse(&pasted).unwrap();
    assert_eq!(r.source, CaptureSource::SdkLog);
    assert_eq!(
        r.url.as_deref(),
        Some("http://gw.api.taobao.com/router/rest")
    );
    assert_eq!(r.raw_query, "");
    assert_eq!(r.body.as_deref(), Some(EXAMPLE_A_QUERY));
    assert_eq!(r.http_method, "POST");
    assert!(r.params.iter().all(|p| p.place == ParamPlace::Form));
    let at = parse_gmt8("2024-05-20 10:15:31").unwrap() + Duration::milliseconds(245);
    assert_eq!(r.sent_at, Some(at));
    let sign = sign_top(&r.params_map(), None, "helloworld", SignMethod::Md5);
    assert_eq!(Some(sign.as_str()), r.param("sign"));
}

#[test]
fn a_looser_log_line_with_the_whole_address_in_it() {
    let pasted = "2024-05-20 10:15:31,007 ERROR [http-nio-8080-exec-3] c.e.erp.TaobaoSync - call failed, \
url: http://gw.api.taobao.com/router/rest?method=taobao.trades.sold.get&app_key=12345678&sign=AB12, \
response: {\"error_response\":{\"code\":27}}\n\tat com.example.Sync.run(Sync.java:42)";
    let r = parse(pasted).unwrap();
    assert_eq!(
        r.url.as_deref(),
        Some("http://gw.api.taobao.com/router/rest")
    );
    assert_eq!(r.param("sign"), Some("AB12"));
    assert_eq!((r.http_method.as_str(), r.body.as_deref()), ("GET", None));
    assert_eq!(
        r.sent_at,
        Some(parse_gmt8("2024-05-20 10:15:31").unwrap() + Duration::milliseconds(7))
    );
}

#[test]
fn labelled_parameters_and_an_explicit_zone_are_read() {
    let pasted = "[2024-05-20T02:15:31Z] WARN request https://eco.taobao.com/router/rest?method=taobao.trades.sold.get&v=2.0 \
params: fields=tid%2Cstatus&page_no=1 result={}";
    let r = parse(pasted).unwrap();
    assert_eq!(r.body.as_deref(), Some("fields=tid%2Cstatus&page_no=1"));
    assert_eq!(r.param("fields"), Some("tid,status"));
    assert_eq!(r.params.len(), 4);
    assert_eq!(r.sent_at, parse_gmt8("2024-05-20 10:15:31"));
    let r = parse("2024-05-20 10:15:31 参数：a=1&b=2 http://h.example.com/r?x=1 请求参数：method=wdt.trade.query").unwrap();
    assert_eq!(r.body.as_deref(), Some("method=wdt.trade.query"));
}

#[test]
fn a_log_line_without_any_parameter_is_refused() {
    let pasted = "2024-05-20 10:15:31.245^_^12345678^_^taobao.time.get^_^10.0.0.2^_^Linux^_^15001\
^_^https://eco.taobao.com/router/rest^_^null^_^java.net.SocketTimeoutException: Read timed out";
    let e = parse(pasted).unwrap_err();
    assert_eq!(e.kind, ProblemKind::NoParameters);
    assert_eq!(e.position.map(|p| p.line), Some(1));
    // A time without an address is not a log line of a request.
    assert_eq!(
        parse("2024-05-20 10:15:31 started").unwrap_err().kind,
        ProblemKind::NotARequest
    );
}
