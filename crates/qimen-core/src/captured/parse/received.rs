//! A request as a listener received it on the wire (the relay between a customer's system and the
//! platform), rather than as text someone pasted: the same reading of parameters and bodies as the
//! pasted raw HTTP request, but nothing is refused, because the bytes were really sent.

use super::wire::{date_header, guess_content_type, is_form_type, read_pairs_lenient};
use super::wire::{header, starts_like_document};
use crate::captured::{CaptureSource, CapturedRequest, ParamPlace};

impl CapturedRequest {
    /// The request a listener received: its HTTP method, `url` (`scheme://host[:port]/path`, no
    /// query), the query string exactly as sent, its headers in order and its body bytes.
    ///
    /// Parameters are decoded as a Java servlet decodes UTF-8: a bad escape stays as written and
    /// bytes that are not UTF-8 (a GBK value, say) read as U+FFFD, so a diagnosis sees what the
    /// platform sees; `raw_query`, each parameter's `raw` and a UTF-8 body keep every byte. A form
    /// body's parameters are read when the `Content-Type` says form and the body is not XML or
    /// JSON; a body sent without a type is typed by its first character, as a pasted one is.
    pub fn from_wire(
        http_method: &str,
        url: &str,
        raw_query: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> CapturedRequest {
        let mut params = Vec::new();
        read_pairs_lenient(raw_query, ParamPlace::Query, &mut params);
        let body = (!body.is_empty()).then(|| String::from_utf8_lossy(body).into_owned());
        let content_type = match header(headers, "content-type") {
            Some(ct) => Some(ct.to_string()),
            None => body.as_deref().and_then(guess_content_type),
        };
        if let (Some(b), Some(ct)) = (body.as_deref(), content_type.as_deref()) {
            if is_form_type(ct) && !starts_like_document(b) {
                read_pairs_lenient(b, ParamPlace::Form, &mut params);
            }
        }
        CapturedRequest {
            source: CaptureSource::RawHttp,
            http_method: http_method.to_ascii_uppercase(),
            url: Some(url.to_string()),
            raw_query: raw_query.to_string(),
            params,
            sent_at: date_header(headers),
            headers: headers.to_vec(),
            body,
            content_type,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::captured::{parse, CapturedRequest, ParamPlace};

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_form_post_reads_like_the_same_request_pasted() {
        let query = "method=taobao.time.get&app_key=1&sign=AB";
        let body = "fields=a%2Cb&nick=%E6%99%B4+x";
        let ct = "application/x-www-form-urlencoded;charset=UTF-8";
        let wire = CapturedRequest::from_wire(
            "post",
            "http://127.0.0.1:9/router/rest",
            query,
            &headers(&[("host", "127.0.0.1:9"), ("content-type", ct)]),
            body.as_bytes(),
        );
        let pasted = parse(&format!(
            "POST /router/rest?{query} HTTP/1.1\nhost: 127.0.0.1:9\ncontent-type: {ct}\n\n{body}"
        ))
        .unwrap();
        assert_eq!(wire, pasted);
        assert_eq!(wire.param("nick"), Some("晴 x"));
        assert_eq!(wire.params[4].place, ParamPlace::Form);
    }

    #[test]
    fn what_a_paste_would_refuse_is_read_as_the_platform_reads_it() {
        // %D6%D0 is 中 in GBK: not UTF-8, so U+FFFD; `%zz` is no escape and stays as written.
        let query = "method=m&name=%D6%D0&odd=%zz&sign=AB";
        let wire = CapturedRequest::from_wire("GET", "http://h/router/qm", query, &[], b"");
        assert_eq!(wire.param("name"), Some("\u{fffd}\u{fffd}"));
        assert_eq!(wire.param("odd"), Some("%zz"));
        assert_eq!(wire.raw_query, query);
        assert_eq!(wire.params[1].raw, "%D6%D0");
        assert_eq!(wire.body, None);
    }

    #[test]
    fn a_raw_xml_body_is_kept_and_signed_as_it_is() {
        let body = "<request><a>1</a></request>";
        let wire = CapturedRequest::from_wire(
            "POST",
            "http://h/router/qimen/service",
            "method=m",
            &[],
            body.as_bytes(),
        );
        assert_eq!(wire.signed_body(), Some(body));
        assert_eq!(wire.content_type.as_deref(), Some("text/xml;charset=utf-8"));
    }
}
