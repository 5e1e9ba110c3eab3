//! The curl reader on Chrome (bash and cmd) and Postman copies.

use super::url_tests::EXAMPLE_A_QUERY;
use super::*;
use crate::captured::ParamPlace;
use crate::sign::{sign_top, SignMethod};

/// Example C of the protocol reference: a Qimen standard call with its XML body.
pub(super) const EXAMPLE_C_BODY: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><entryOrder>\
<entryOrderCode>E20240520001</entryOrderCode><ownerCode>OWNER01</ownerCode><warehouseCode>WH01</warehouseCode>\
<orderType>CGRK</orderType></entryOrder><orderLines><orderLine><itemCode>SKU-001</itemCode><planQty>10</planQty>\
</orderLine></orderLines></request>";
pub(super) const EXAMPLE_C_QUERY: &str = "method=taobao.qimen.entryorder.create&timestamp=2024-05-20+10%3A15%3A30\
&format=xml&app_key=23268761&v=2.0&sign=6373AD7D699451361C5190A9249865B2&sign_method=md5&customerId=stub-cust-code";
pub(super) const EXAMPLE_C_SECRET: &str = "b17cc059ffba3f6cf0d9131359d0be2a";

/// How a browser quotes one argument for cmd: `\` doubled, `"` as `\"`, a caret before every
/// character outside a safe set, `%` before a name character broken with a caret.
fn cmd_quote(text: &str) -> String {
    let mut out = String::from("^\"");
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    let chars: Vec<char> = escaped.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let safe =
            c.is_ascii_alphanumeric() || c.is_ascii_whitespace() || "_-:=+~'/.,?;()*`".contains(c);
        if !safe {
            out.push('^');
        }
        out.push(c);
        if c == '%'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '_')
        {
            out.push('^');
        }
    }
    out.push_str("^\"");
    out
}

fn assert_example_c(r: &CapturedRequest) {
    assert_eq!(r.http_method, "POST");
    assert_eq!(
        r.url.as_deref(),
        Some("http://qimen.api.taobao.com/router/qimen/service")
    );
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
fn chrome_bash_copy_of_a_form_post() {
    let pasted = "curl 'https://eco.taobao.com/router/rest?method=taobao.trades.sold.get&app_key=12345678&v=2.0&sign=A1' \\\n  \
        -H 'accept: application/json, text/plain, */*' \\\n  \
        -H 'content-type: application/x-www-form-urlencoded;charset=UTF-8' \\\n  \
        -b 'cna=abc; t=1' \\\n  \
        -H 'user-agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0.0.0' \\\n  \
        --data-raw 'fields=tid%2Cstatus&buyer_nick=%E5%B0%8F%E6%98%8E&page_no=1' \\\n  \
        --compressed";
    let r = parse(pasted).unwrap();
    assert_eq!(r.source, CaptureSource::Curl);
    assert_eq!(r.http_method, "POST");
    assert_eq!(r.url.as_deref(), Some("https://eco.taobao.com/router/rest"));
    assert_eq!(r.headers.len(), 3);
    assert_eq!(
        r.headers[0],
        (
            "accept".to_string(),
            "application/json, text/plain, */*".to_string()
        )
    );
    assert_eq!(
        r.content_type.as_deref(),
        Some("application/x-www-form-urlencoded;charset=UTF-8")
    );
    assert_eq!(
        r.body.as_deref(),
        Some("fields=tid%2Cstatus&buyer_nick=%E5%B0%8F%E6%98%8E&page_no=1")
    );
    assert_eq!(r.params.len(), 7);
    let nick = r.params.iter().find(|p| p.name == "buyer_nick").unwrap();
    assert_eq!(
        (nick.value.as_str(), nick.place),
        ("小明", ParamPlace::Form)
    );
    assert_eq!(r.params[0].place, ParamPlace::Query);
}

#[test]
fn chrome_bash_ansi_c_quoting_and_qimen_xml_body() {
    let body = EXAMPLE_C_BODY.replace('"', "\\\"");
    let pasted = format!(
        "curl 'http://qimen.api.taobao.com/router/qimen/service?{EXAMPLE_C_QUERY}' \\\n  \
         -H 'Content-Type: text/xml;charset=utf-8' \\\n  --data-raw $'{body}' \\\n  --compressed"
    );
    assert_example_c(&parse(&pasted).unwrap());
    let r =
        parse("curl -sSL -XPOST \"http://x.example.com/r?a=1\" -d $'t=\\x41\\u4e2d\\101\\'\\n!'")
            .unwrap();
    assert_eq!(r.body.as_deref(), Some("t=A中A'\n!"));
}

#[test]
fn chrome_cmd_copy_with_carets() {
    let pasted = format!(
        "curl {} ^\n  -H {} ^\n  --data-raw {} ^\n  --compressed",
        cmd_quote(&format!(
            "http://qimen.api.taobao.com/router/qimen/service?{EXAMPLE_C_QUERY}"
        )),
        cmd_quote("Content-Type: text/xml;charset=utf-8"),
        cmd_quote(EXAMPLE_C_BODY),
    );
    assert!(
        pasted.contains("^%^3A") && pasted.contains("^\\^\""),
        "{pasted}"
    );
    assert_example_c(&parse(&pasted).unwrap());
    // With CRLF line ends and Chinese text, as copied on Windows.
    let hand = "curl ^\"https://eco.taobao.com/router/rest?method=taobao.item.seller.get^&q=^中^文^\" ^\r\n  -X POST";
    let r = parse(hand).unwrap();
    assert_eq!(r.param("q"), Some("中文"));
    assert_eq!(r.http_method, "POST");
}

#[test]
fn postman_copy_with_data_urlencode_signs_like_the_doc_vector() {
    let query = EXAMPLE_A_QUERY
        .replace(
            "&fields=num_iid%2Ctitle%2Cnick%2Cprice%2Cnum&num_iid=11223344",
            "",
        )
        .replace('+', "%20");
    let pasted = format!(
        "curl --location --request POST 'http://gw.api.taobao.com/router/rest?{query}' \\\n\
         --header 'Content-Type: application/x-www-form-urlencoded' \\\n\
         --data-urlencode 'fields=num_iid,title,nick,price,num' \\\n\
         --data-urlencode 'num_iid=11223344'"
    );
    let r = parse(&pasted).unwrap();
    assert_eq!(
        r.body.as_deref(),
        Some("fields=num_iid%2Ctitle%2Cnick%2Cprice%2Cnum&num_iid=11223344")
    );
    let sign = sign_top(&r.params_map(), None, "helloworld", SignMethod::Md5);
    assert_eq!(Some(sign.as_str()), r.param("sign"));
    assert_eq!(r.params.last().map(|p| p.place), Some(ParamPlace::Form));
}

#[test]
fn postman_copy_of_a_wdt_json_body() {
    let pasted = "curl --location 'https://hu3cgwt0tc.api.taobao.com/router/qm?method=hu3cgwt0tc.wdt.trade.query&target_app_key=21363512&sign=X' \\\n\
        --header 'Content-Type: application/json' \\\n\
        --data '{\"sid\":\"wdtdemo\",\"start_time\":\"2024-05-20 00:00:00\"}'";
    let r = parse(pasted).unwrap();
    assert_eq!(r.http_method, "POST");
    assert_eq!(r.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        r.body.as_deref(),
        Some("{\"sid\":\"wdtdemo\",\"start_time\":\"2024-05-20 00:00:00\"}")
    );
    assert_eq!(r.params.len(), 3);
}

#[test]
fn data_options_join_default_to_a_form_and_move_with_get() {
    let r = parse("curl http://gw.api.taobao.com/router/rest -d method=wdt.trade.query -d 'sid=a b' --data-urlencode '=x y' -u me:pw -A agent").unwrap();
    assert_eq!(r.http_method, "POST");
    assert_eq!(
        r.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        r.body.as_deref(),
        Some("method=wdt.trade.query&sid=a b&x%20y")
    );
    let r = parse("curl -G gw.api.taobao.com/router/rest?v=2.0 -d method=taobao.time.get").unwrap();
    assert_eq!((r.http_method.as_str(), r.body.as_deref()), ("GET", None));
    assert_eq!(
        r.url.as_deref(),
        Some("http://gw.api.taobao.com/router/rest")
    );
    assert_eq!(r.raw_query, "v=2.0&method=taobao.time.get");
    let r =
        parse("curl -X get 'http://h.example.com/a?x=1' -H 'Date: Mon, 20 May 2024 02:15:30 GMT'")
            .unwrap();
    assert_eq!(r.http_method, "GET");
    assert_eq!(r.sent_at.map(|t| t.timestamp()), Some(1_716_171_330));
}

#[test]
fn refusals_name_the_option_or_variable_and_where_it_is() {
    let cases: [(&str, ProblemKind, &str, (usize, usize)); 11] = [
        (
            "curl 'http://a.example.com/r?a=1' -d @order.xml",
            ProblemKind::CurlDataFromFile,
            "order.xml",
            (1, 38),
        ),
        (
            "curl http://a.example.com/r?a=1 \\\n  -F 'file=@x.png'",
            ProblemKind::UnknownCurlOption,
            "-F",
            (2, 3),
        ),
        (
            "curl http://a.example.com/r?a=1 --form x=1",
            ProblemKind::UnknownCurlOption,
            "--form",
            (1, 33),
        ),
        (
            "curl \"http://a.example.com/r?app_key=$APP_KEY&v=2.0\"",
            ProblemKind::ShellVariable,
            "$APP_KEY",
            (1, 38),
        ),
        (
            "curl http://a.example.com/r?t=${TS}",
            ProblemKind::ShellVariable,
            "${TS}",
            (1, 31),
        ),
        (
            "curl \"http://a.example.com/r?t=$(date +%s)\"",
            ProblemKind::ShellVariable,
            "$(date +%s)",
            (1, 32),
        ),
        (
            "curl http://a.example.com/r?t=`date`",
            ProblemKind::ShellVariable,
            "`date`",
            (1, 31),
        ),
        (
            "curl ^\"http://a.example.com/r?app_key=%APPKEY%^\" ^\n -H ^\"a: b^\"",
            ProblemKind::ShellVariable,
            "%APPKEY%",
            (1, 39),
        ),
        (
            "curl -H 'x: y' \\\n 'http://a.example.com/r?a=1",
            ProblemKind::UnclosedQuote,
            "'",
            (2, 2),
        ),
        (
            "curl http://a.example.com/r?a=1 -H",
            ProblemKind::CurlMissingValue,
            "-H",
            (1, 33),
        ),
        (
            "curl http://a.example.com/r?a=1 http://b.example.com/",
            ProblemKind::SeveralUrls,
            "http://b.example.com/",
            (1, 33),
        ),
    ];
    for (pasted, kind, subject, (line, column)) in cases {
        let e = parse(pasted).unwrap_err();
        assert_eq!(e.kind, kind, "{pasted}");
        assert_eq!(e.subject.as_deref(), Some(subject), "{pasted}");
        assert_eq!(e.position, Some(TextPosition { line, column }), "{pasted}");
    }
    // Single quotes keep a dollar sign as it is; a lone `$` is no variable.
    let r = parse("curl 'http://a.example.com/r?x=$y' -d \"price=$ 5\"").unwrap();
    assert_eq!((r.param("x"), r.param("price")), (Some("$y"), Some("$ 5")));
    let e = parse("curl -s --compressed").unwrap_err();
    assert_eq!(e.kind, ProblemKind::CurlWithoutUrl);
    let e = parse("curl 'http://a.example.com/r?a=1' -H 'no colon here'").unwrap_err();
    assert_eq!(
        (e.kind, e.subject.as_deref()),
        (ProblemKind::BadHeader, Some("no colon here"))
    );
}
