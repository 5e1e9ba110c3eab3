//! The address reader, on the official TOP doc vector and 旺店通 calls.

use super::*;
use crate::captured::ParamPlace;
use crate::sign::{sign_top, SignMethod};

/// Example A of the protocol reference, URL-encoded as the Java SDK sends it.
pub(super) const EXAMPLE_A_QUERY: &str = "method=taobao.item.seller.get&app_key=12345678&session=test\
&timestamp=2016-01-01+12%3A00%3A00&format=json&v=2.0&sign_method=md5\
&fields=num_iid%2Ctitle%2Cnick%2Cprice%2Cnum&num_iid=11223344&sign=66987CB115214E59E6EC978214934FB8";

#[test]
fn a_full_address_gives_its_parameters_decoded_and_raw_in_order() {
    let url = format!("http://gw.api.taobao.com/router/rest?{EXAMPLE_A_QUERY}");
    let r = parse(&url).unwrap();
    assert_eq!(r.source, CaptureSource::Url);
    assert_eq!(r.http_method, "GET");
    assert_eq!(
        r.url.as_deref(),
        Some("http://gw.api.taobao.com/router/rest")
    );
    assert_eq!(r.raw_query, EXAMPLE_A_QUERY);
    let names: Vec<&str> = r.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "method",
            "app_key",
            "session",
            "timestamp",
            "format",
            "v",
            "sign_method",
            "fields",
            "num_iid",
            "sign"
        ]
    );
    let ts = &r.params[3];
    assert_eq!(
        (ts.value.as_str(), ts.raw.as_str()),
        ("2016-01-01 12:00:00", "2016-01-01+12%3A00%3A00")
    );
    assert_eq!(ts.place, ParamPlace::Query);
    assert_eq!(r.param("fields"), Some("num_iid,title,nick,price,num"));
    assert_eq!(
        (r.body.as_deref(), r.content_type.as_deref(), r.sent_at),
        (None, None, None)
    );
    // The decoded values are the ones signed: the published signature comes back.
    let sign = sign_top(&r.params_map(), None, "helloworld", SignMethod::Md5);
    assert_eq!(Some(sign.as_str()), r.param("sign"));
}

#[test]
fn quotes_white_space_and_a_fragment_around_an_address_are_dropped() {
    let pasted =
        "  \"https://eco.taobao.com:443/router/rest?method=taobao.time.get&v=2.0#top\"\r\n";
    let r = parse(pasted).unwrap();
    assert_eq!(
        r.url.as_deref(),
        Some("https://eco.taobao.com:443/router/rest")
    );
    assert_eq!(r.raw_query, "method=taobao.time.get&v=2.0");
    let single = parse("'HTTP://gw.api.taobao.com/router/rest?method=taobao.time.get'").unwrap();
    assert_eq!(
        single.url.as_deref(),
        Some("http://gw.api.taobao.com/router/rest")
    );
}

#[test]
fn chinese_values_decode_as_utf8_and_repeated_names_are_all_kept() {
    let url = "https://3ldsmu02o9.api.taobao.com/router/qm?method=wdt.trade.query&target_app_key=21363512\
&sid=%E6%97%BA%E5%BA%97%E9%80%9A&shop_no=tb%E6%97%97%E8%88%B0%E5%BA%97&shop_no=second&empty=&flag&&=orphan";
    let r = parse(url).unwrap();
    assert_eq!(r.param("sid"), Some("旺店通"));
    assert_eq!(r.param("shop_no"), Some("tb旗舰店"));
    assert_eq!(r.repeated_names(), ["shop_no"]);
    assert_eq!(r.param("empty"), Some(""));
    assert_eq!(r.param("flag"), Some(""));
    // An empty piece and a piece without a name are skipped, as a servlet does.
    assert_eq!(r.params.len(), 7);
}

#[test]
fn a_body_after_the_address_is_kept_with_its_type_guessed() {
    let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<request><entryOrder/></request>";
    let pasted = format!(
        "http://qimen.api.taobao.com/router/qimen/service?method=taobao.qimen.entryorder.create&customerId=c1\n\n{xml}\n"
    );
    let r = parse(&pasted).unwrap();
    assert_eq!(r.http_method, "POST");
    assert_eq!(r.body.as_deref(), Some(xml));
    assert_eq!(r.content_type.as_deref(), Some("text/xml;charset=utf-8"));
    assert_eq!(r.signed_body(), Some(xml));
}

#[test]
fn a_half_copied_address_is_refused_where_it_stops() {
    let e = parse("http://gw.api.taobao.com/router/re").unwrap_err();
    assert_eq!(e.kind, ProblemKind::TruncatedUrl);
    assert_eq!(
        e.position,
        Some(TextPosition {
            line: 1,
            column: 35
        })
    );
    assert_eq!(
        e.subject.as_deref(),
        Some("http://gw.api.taobao.com/router/re")
    );
    assert_eq!(
        parse("https://eco.taobao.com/router/rest?")
            .unwrap_err()
            .kind,
        ProblemKind::TruncatedUrl
    );
}

#[test]
fn an_address_cut_inside_a_percent_escape_is_refused() {
    let e = parse("http://gw.api.taobao.com/router/rest?method=taobao.item.seller.get&q=%E4%B8")
        .unwrap_err();
    assert_eq!(e.kind, ProblemKind::TruncatedEscape);
    assert_eq!(e.subject.as_deref(), Some("q"));
    assert_eq!(
        e.position,
        Some(TextPosition {
            line: 1,
            column: 70
        })
    );
    let e = parse("http://gw.api.taobao.com/router/rest?method=x&sign=AB%").unwrap_err();
    assert_eq!(e.kind, ProblemKind::TruncatedEscape);
}

#[test]
fn gbk_and_broken_escapes_name_their_parameter() {
    // 旺店 in GBK.
    let e = parse("http://gw.api.taobao.com/router/rest?method=x&seller_nick=%CD%FA%B5%EA&v=2.0")
        .unwrap_err();
    assert_eq!(e.kind, ProblemKind::NotUtf8);
    assert_eq!(e.subject.as_deref(), Some("seller_nick"));
    assert_eq!(
        e.position,
        Some(TextPosition {
            line: 1,
            column: 59
        })
    );
    assert!(e.message().en.contains("GBK"), "{}", e.message().en);
    let e =
        parse("http://gw.api.taobao.com/router/rest?method=x&discount=50%off&v=2.0").unwrap_err();
    assert_eq!(
        (e.kind, e.subject.as_deref()),
        (ProblemKind::BadEscape, Some("discount"))
    );
}

#[test]
fn bare_hosts_and_unreadable_hosts_are_refused() {
    for bare in [
        "gw.api.taobao.com",
        "gw.api.taobao.com/router/rest?method=taobao.time.get",
        "127.0.0.1:8080/router/rest",
    ] {
        let e = parse(bare).unwrap_err();
        assert_eq!(e.kind, ProblemKind::MissingScheme, "{bare}");
        assert_eq!(e.position, Some(TextPosition { line: 1, column: 1 }));
    }
    let e = parse("http:///router/rest?method=x").unwrap_err();
    assert_eq!(
        (e.kind, e.position.map(|p| p.column)),
        (ProblemKind::BadUrl, Some(8))
    );
    assert_eq!(
        parse("https://gw.api.taobao.com:99999/router/rest?a=b")
            .unwrap_err()
            .kind,
        ProblemKind::BadUrl
    );
}
