//! One router call as the gateway sees it: which route it came in on, its parameters from the query
//! string and the form body (merged, the query winning on a repeated name, as a servlet's
//! `getParameter` does), and the raw XML/JSON body of a Qimen standard call, which is signed too.

use super::api_contract::ApiFamily;
use super::api_contract::PlatformError;
use super::codes::TopCode;
use qimen_core::sign::Params;

/// The routers the gateway serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `/router/rest`: TOP.
    Rest,
    /// `/router/qm`: Qimen cloud, custom APIs and Qimen standard.
    Qm,
    /// `/router/qmtest`: the joint-test router, serving what `/router/qm` serves.
    QmTest,
    /// `/top/router/qmtest`: the same joint-test router under the path some samples use.
    TopQmTest,
    /// `/router/qimen/service`: Qimen standard.
    QimenService,
}

impl Route {
    pub const ALL: [Route; 5] = [
        Route::Rest,
        Route::Qm,
        Route::QmTest,
        Route::TopQmTest,
        Route::QimenService,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Route::Rest => "/router/rest",
            Route::Qm => "/router/qm",
            Route::QmTest => "/router/qmtest",
            Route::TopQmTest => "/top/router/qmtest",
            Route::QimenService => "/router/qimen/service",
        }
    }

    /// Whether APIs of `family` are served here.
    pub fn serves(self, family: ApiFamily) -> bool {
        match self {
            Route::Rest => family == ApiFamily::Top,
            Route::Qm | Route::QmTest | Route::TopQmTest => family != ApiFamily::Top,
            Route::QimenService => family == ApiFamily::QimenStandard,
        }
    }

    /// Where an API of `family` must be sent instead, for the sub_msg of code 22.
    pub fn proper_paths(family: ApiFamily) -> &'static str {
        match family {
            ApiFamily::Top => "/router/rest",
            ApiFamily::QimenStandard => {
                "/router/qimen/service (or /router/qmtest, /top/router/qmtest for joint tests)"
            }
            ApiFamily::QimenCloud => "/router/qm (or /router/qmtest for joint tests)",
        }
    }

    pub fn is_qimen(self) -> bool {
        self != Route::Rest
    }
}

/// A parsed call.
#[derive(Debug, Clone)]
pub struct Inbound {
    pub route: Route,
    /// Query-string pairs in order, as received (decoded).
    pub query: Vec<(String, String)>,
    /// Form-body pairs in order, as received (decoded).
    pub form: Vec<(String, String)>,
    /// Query and form merged; the first occurrence of a name wins.
    pub params: Params,
    /// The raw body of an XML / JSON / text call.
    pub body: Option<String>,
    /// The body's `Content-Type` as received, for relaying a raw body unchanged.
    pub content_type: Option<String>,
}

impl Inbound {
    /// Reads a call from its raw query string, `Content-Type` and body bytes.
    pub fn parse(
        route: Route,
        raw_query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Inbound, PlatformError> {
        let query: Vec<(String, String)> = raw_query
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        let mime = content_type
            .and_then(|c| c.split(';').next())
            .map(|m| m.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let mut form = Vec::new();
        let mut raw = None;
        if !body.is_empty() {
            match mime.as_str() {
                "application/x-www-form-urlencoded" | "" => {
                    form = form_urlencoded::parse(body).into_owned().collect();
                }
                "text/xml" | "application/xml" | "application/json" | "text/plain" => {
                    let text = std::str::from_utf8(body).map_err(|_| {
                        TopCode::InvalidEncoding
                            .with_msg("the request body is not valid UTF-8: send it encoded as UTF-8 (charset=utf-8)")
                    })?;
                    raw = Some(text.to_string());
                }
                other => {
                    return Err(TopCode::InvalidArguments.with_sub(
                        "isv.invalid-parameter:Content-Type",
                        format!(
                            "Content-Type {other} is not supported here: send parameters as \
                             application/x-www-form-urlencoded, or a Qimen body as text/xml, \
                             application/xml, application/json or text/plain"
                        ),
                    ))
                }
            }
        }
        let mut params = Params::new();
        for (k, v) in query.iter().chain(form.iter()) {
            params.entry(k.clone()).or_insert_with(|| v.clone());
        }
        Ok(Inbound {
            route,
            query,
            form,
            params,
            body: raw,
            content_type: content_type.map(str::to_string),
        })
    }

    /// A parameter's value, trimmed; `None` when absent or blank.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .get(key)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_and_form_merge_with_the_query_first() {
        let inbound = Inbound::parse(
            Route::Rest,
            Some("method=taobao.time.get&app_key=1&k="),
            Some("application/x-www-form-urlencoded;charset=UTF-8"),
            b"fields=a%2Cb&method=other&nick=%E6%99%B4",
        )
        .unwrap();
        assert_eq!(inbound.param("method"), Some("taobao.time.get"));
        assert_eq!(inbound.param("fields"), Some("a,b"));
        assert_eq!(inbound.param("nick"), Some("晴"));
        // A blank `k=` is kept as a parameter (the Python SDK signs it) but reads as absent.
        assert_eq!(inbound.params.get("k").map(String::as_str), Some(""));
        assert_eq!(inbound.param("k"), None);
    }

    #[test]
    fn xml_bodies_are_kept_raw() {
        let inbound = Inbound::parse(
            Route::QimenService,
            Some("method=m"),
            Some("text/xml;charset=utf-8"),
            b"<request><a>1</a></request>",
        )
        .unwrap();
        assert_eq!(inbound.body.as_deref(), Some("<request><a>1</a></request>"));
        assert!(inbound.form.is_empty());
    }

    #[test]
    fn bad_bodies_are_platform_errors() {
        let err = Inbound::parse(Route::Qm, None, Some("text/xml"), &[0xff, 0xfe]).unwrap_err();
        assert_eq!(err.code, "47");
        let err = Inbound::parse(
            Route::Qm,
            None,
            Some("multipart/form-data; boundary=x"),
            b"--x",
        )
        .unwrap_err();
        assert_eq!(err.code, "41");
    }

    #[test]
    fn routes_serve_their_families() {
        assert!(Route::Rest.serves(ApiFamily::Top));
        assert!(!Route::Rest.serves(ApiFamily::QimenCloud));
        assert!(Route::QmTest.serves(ApiFamily::QimenStandard));
        assert!(!Route::QimenService.serves(ApiFamily::QimenCloud));
    }
}
