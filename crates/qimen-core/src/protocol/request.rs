//! Building a signed request for any of the three families, each parameter travelling where the
//! official SDKs put it (domain reference §1.2, §2): system parameters in the query string, business
//! parameters in a UTF-8 form body, or a raw XML/JSON body that is itself signed (then the business
//! parameters move to the query, as the Java clients do).

use super::ApiFamily;
use crate::clock::{format_gmt8, Clock};
use crate::platform::PARTNER_ID;
use crate::sensitive::{mask, token_param_names, tokens_in, SecretString};
use crate::sign::explain::explain_top;
use crate::sign::{is_blank, Params, SignExplanation, SignMethod};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// System parameter names. Everything else a user adds is a business parameter.
pub const SYSTEM_PARAMS: [&str; 12] = [
    "method",
    "app_key",
    "session",
    "timestamp",
    "v",
    "sign_method",
    "sign",
    "format",
    "simplify",
    "partner_id",
    "target_app_key",
    "customerId",
];

/// System parameters a user may still give among the parameters, to reproduce another system's call:
/// a fixed `timestamp` instead of now, and `partner_id` instead of the workbench's own.
pub const OVERRIDABLE_PARAMS: [&str; 2] = ["timestamp", "partner_id"];

/// A raw body that travels as-is (and is part of the signature).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawBody {
    pub content_type: String,
    pub text: String,
}

impl RawBody {
    pub fn xml(text: impl Into<String>) -> Self {
        RawBody {
            content_type: "text/xml;charset=utf-8".into(),
            text: text.into(),
        }
    }

    pub fn json(text: impl Into<String>) -> Self {
        RawBody {
            content_type: "application/json;charset=utf-8".into(),
            text: text.into(),
        }
    }
}

/// What the caller wants to send, before time, signature and transport are decided.
#[derive(Debug, Clone)]
pub struct CallSpec {
    pub family: ApiFamily,
    pub method: String,
    pub app_key: String,
    pub sign_method: SignMethod,
    /// `json` or `xml`; `None` = the family's usual one (xml for Qimen standard, json otherwise).
    pub format: Option<String>,
    /// `v`; `None` = `2.0`.
    pub version: Option<String>,
    pub session: Option<SecretString>,
    pub target_app_key: Option<String>,
    pub customer_id: Option<String>,
    pub simplify: bool,
    /// Business parameters.
    pub params: Params,
    pub body: Option<RawBody>,
}

impl CallSpec {
    /// A call with the family's defaults (md5 for Qimen standard as its SDK does, hmac-sha256 otherwise
    /// would also be right; md5 is chosen everywhere because every SDK supports it).
    pub fn new(family: ApiFamily, method: impl Into<String>, app_key: impl Into<String>) -> Self {
        CallSpec {
            family,
            method: method.into(),
            app_key: app_key.into(),
            sign_method: SignMethod::Md5,
            format: None,
            version: None,
            session: None,
            target_app_key: None,
            customer_id: None,
            simplify: false,
            params: Params::new(),
            body: None,
        }
    }
}

/// A call that cannot be built; each names the field and how to fix it.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RequestError {
    #[error("method: enter the API name, e.g. taobao.time.get")]
    MissingMethod,
    #[error("method: \"{0}\" contains spaces or characters an API name cannot have")]
    BadMethod(String),
    #[error("app_key: enter the AppKey shown in the console (digits only, e.g. 12345678)")]
    MissingAppKey,
    #[error("app_key: \"{0}\" must be digits only")]
    BadAppKey(String),
    #[error("app_secret: the AppSecret is empty; enter it so the request can be signed")]
    MissingSecret,
    #[error("format: \"{0}\" must be json or xml")]
    BadFormat(String),
    #[error("params: \"{0}\" is a system parameter the workbench sets from the profile and the form (method, AppKey, session, sign method, format); change it there, or use 复现请求 / Reproduce to send a request exactly as another system built it")]
    SystemParamInParams(String),
    #[error("body: a Qimen standard call needs an XML body starting with <request>")]
    MissingBody,
    #[error("target_app_key: a Qimen cloud / custom API call needs the provider's AppKey (旺店通: 21363512)")]
    MissingTargetAppKey,
}

/// Everything needed to send one call, already signed. Holds no AppSecret; the session, when there is
/// one, travels in `query` (an OAuth token form carries its `client_secret` and code in `form`).
/// Neither `Debug` nor `Serialize` can show them: both write the [`PreparedRequest::redacted`]
/// request, so a log line, a history row or an export holds masks only.
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    pub family: ApiFamily,
    /// The router URL without the query string.
    pub endpoint: String,
    /// Parameters sent in the URL query, in the order they are written.
    pub query: Vec<(String, String)>,
    /// Parameters sent as `application/x-www-form-urlencoded;charset=UTF-8` (empty when `body` is set).
    pub form: Vec<(String, String)>,
    /// A raw XML / JSON body, sent instead of a form.
    pub body: Option<RawBody>,
    pub signature: SignExplanation,
}

impl PreparedRequest {
    /// The same request with every token it carries ([`Self::token_params`]) masked everywhere it
    /// appears, for the screen, the history and exports. The signature digest stays: it is not a
    /// secret.
    pub fn redacted(&self) -> PreparedRequest {
        let mut out = self.clone();
        for key in self.token_params() {
            // A value masked already stays as it is: masking is done once, however often a copy
            // is redacted again.
            let Some(value) = self
                .param(key)
                .filter(|v| !v.is_empty() && !v.starts_with("******"))
                .map(str::to_string)
            else {
                continue;
            };
            let masked = mask(&value);
            for (k, v) in out
                .query
                .iter_mut()
                .chain(out.form.iter_mut())
                .chain(out.signature.kept.iter_mut())
            {
                if k == key {
                    *v = masked.clone();
                }
            }
            out.signature.string_to_sign_masked = out
                .signature
                .string_to_sign_masked
                .replace(&format!("{key}{value}"), &format!("{key}{masked}"));
        }
        out
    }

    /// The parameters of this request that carry a token or a secret: the session and a token form's
    /// `client_secret` always, the OAuth code of `taobao.top.auth.token.create` (or of an
    /// `authorization_code` grant), the refresh token of `taobao.top.auth.token.refresh` (or of a
    /// `refresh_token` grant).
    pub fn token_params(&self) -> Vec<&'static str> {
        token_param_names(self.param("method"), self.param("grant_type"))
    }

    /// Every token to mask around this request: the values it sends under [`Self::token_params`],
    /// and those its `answer` hands out ([`tokens_in`]).
    pub fn tokens_with(&self, answer: &str) -> Vec<String> {
        let mut tokens: Vec<String> = self
            .token_params()
            .iter()
            .filter_map(|key| self.param(key))
            .map(str::to_string)
            .collect();
        tokens.extend(tokens_in(answer));
        tokens
    }

    /// The masked copy as `Debug` and `Serialize` write it.
    fn write_masked<R>(&self, write: impl FnOnce(Masked<'_>) -> R) -> R {
        let shown = self.redacted();
        write(Masked {
            family: shown.family,
            endpoint: &shown.endpoint,
            query: &shown.query,
            form: &shown.form,
            body: shown.body.as_ref(),
            signature: &shown.signature,
        })
    }

    /// The value of a parameter wherever it travels.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .chain(self.form.iter())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A request as it may leave the process: every field, its tokens masked.
#[derive(Debug, Serialize)]
#[serde(rename = "PreparedRequest")]
struct Masked<'a> {
    family: ApiFamily,
    endpoint: &'a str,
    query: &'a [(String, String)],
    form: &'a [(String, String)],
    body: Option<&'a RawBody>,
    signature: &'a SignExplanation,
}

impl Serialize for PreparedRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.write_masked(|masked| masked.serialize(serializer))
    }
}

impl std::fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_masked(|masked| masked.fmt(f))
    }
}

/// Builds and signs a call: the timestamp from `clock` in GMT+8, blank parameters dropped (they are
/// neither signed nor sent, as the Java SDK does), each parameter placed where the SDKs put it.
pub fn prepare(
    spec: &CallSpec,
    endpoint: &str,
    secret: &SecretString,
    clock: &dyn Clock,
) -> Result<PreparedRequest, RequestError> {
    validate(spec, secret)?;
    let format = spec.format.clone().unwrap_or_else(|| {
        match spec.family {
            ApiFamily::QimenStandard => "xml",
            _ => "json",
        }
        .to_string()
    });
    let mut system = Params::new();
    system.insert("method".into(), spec.method.trim().into());
    system.insert("app_key".into(), spec.app_key.trim().into());
    let given = |key: &str| spec.params.get(key).filter(|v| !is_blank(v)).cloned();
    system.insert(
        "timestamp".into(),
        given("timestamp").unwrap_or_else(|| format_gmt8(clock.now())),
    );
    system.insert(
        "v".into(),
        spec.version.clone().unwrap_or_else(|| "2.0".into()),
    );
    system.insert("sign_method".into(), spec.sign_method.as_param().into());
    system.insert("format".into(), format);
    system.insert(
        "partner_id".into(),
        given("partner_id").unwrap_or_else(|| PARTNER_ID.into()),
    );
    if spec.simplify {
        system.insert("simplify".into(), "true".into());
    }
    let optional = [
        (
            "session",
            spec.session.as_ref().map(|s| s.expose().as_str()),
        ),
        ("target_app_key", spec.target_app_key.as_deref()),
        ("customerId", spec.customer_id.as_deref()),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            system.insert(key.into(), v.trim().into());
        }
    }
    system.retain(|_, v| !is_blank(v));
    let business: Params = spec
        .params
        .iter()
        .filter(|(k, v)| !is_blank(k) && !is_blank(v) && !OVERRIDABLE_PARAMS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();

    let mut all = system.clone();
    all.extend(business.clone());
    let body_text = spec.body.as_ref().map(|b| b.text.as_str());
    let signature = explain_top(&all, body_text, secret.expose(), spec.sign_method);

    // With a raw body every parameter rides in the query; otherwise business params go in the form.
    let (mut query, form): (Vec<_>, Vec<_>) = if spec.body.is_some() {
        (all.into_iter().collect(), Vec::new())
    } else {
        (system.into_iter().collect(), business.into_iter().collect())
    };
    query.push(("sign".into(), signature.digest.clone()));
    Ok(PreparedRequest {
        family: spec.family,
        endpoint: endpoint.to_string(),
        query,
        form,
        body: spec.body.clone(),
        signature,
    })
}

fn validate(spec: &CallSpec, secret: &SecretString) -> Result<(), RequestError> {
    let method = spec.method.trim();
    if method.is_empty() {
        return Err(RequestError::MissingMethod);
    }
    if !method
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(RequestError::BadMethod(method.to_string()));
    }
    let app_key = spec.app_key.trim();
    if app_key.is_empty() {
        return Err(RequestError::MissingAppKey);
    }
    if !app_key.chars().all(|c| c.is_ascii_digit()) {
        return Err(RequestError::BadAppKey(app_key.to_string()));
    }
    if secret.is_blank() {
        return Err(RequestError::MissingSecret);
    }
    if let Some(format) = &spec.format {
        if !matches!(format.as_str(), "json" | "xml") {
            return Err(RequestError::BadFormat(format.clone()));
        }
    }
    if let Some(key) = spec
        .params
        .keys()
        .find(|k| SYSTEM_PARAMS.contains(&k.as_str()) && !OVERRIDABLE_PARAMS.contains(&k.as_str()))
    {
        return Err(RequestError::SystemParamInParams(key.clone()));
    }
    match spec.family {
        ApiFamily::QimenStandard if spec.body.as_ref().is_none_or(|b| is_blank(&b.text)) => {
            Err(RequestError::MissingBody)
        }
        ApiFamily::QimenCloud if spec.target_app_key.as_deref().is_none_or(is_blank) => {
            Err(RequestError::MissingTargetAppKey)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::platform::TOKEN_CREATE;
    use crate::sign::sign_top;

    #[test]
    fn neither_debug_nor_serialize_can_show_a_token() {
        let mut spec = CallSpec::new(ApiFamily::Top, TOKEN_CREATE, "23000001");
        spec.session = Some(SecretString::from("SessionCanaryQ1w2e3r4t5y6"));
        spec.params
            .insert("code".into(), "CodeCanaryA1s2d3f4g5h6".into());
        let req = prepare(
            &spec,
            "http://127.0.0.1:1/router/rest",
            &SecretString::from("s3cret-app-0001"),
            &clock(),
        )
        .unwrap();
        let token_form = PreparedRequest {
            family: ApiFamily::Top,
            endpoint: "http://127.0.0.1:1/token".into(),
            query: Vec::new(),
            form: vec![
                ("grant_type".into(), "refresh_token".into()),
                ("client_secret".into(), "ClientSecretCanaryZ9x8c7v6".into()),
                ("refresh_token".into(), "RefreshCanaryM1n2b3v4c5x6".into()),
            ],
            body: None,
            signature: req.redacted().signature,
        };
        for shown in [
            format!("{req:?}"),
            serde_json::to_string(&req).unwrap(),
            format!("{token_form:?}"),
            serde_json::to_string(&token_form).unwrap(),
        ] {
            for canary in [
                "SessionCanary",
                "CodeCanary",
                "ClientSecretCanary",
                "RefreshCanary",
            ] {
                assert!(!shown.contains(canary), "{canary} in {shown}");
            }
        }
        // The request itself still holds them, for sending.
        assert_eq!(req.param("code"), Some("CodeCanaryA1s2d3f4g5h6"));
    }

    fn clock() -> FixedClock {
        FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap()
    }

    #[test]
    fn top_call_puts_system_params_in_query_and_business_in_form() {
        let mut spec = CallSpec::new(ApiFamily::Top, "taobao.item.seller.get", "12345678");
        spec.params.insert("fields".into(), "num_iid,title".into());
        spec.params.insert("empty".into(), " ".into());
        let secret = SecretString::from("helloworld");
        let req = prepare(&spec, "http://gw/router/rest", &secret, &clock()).unwrap();
        assert_eq!(req.param("timestamp"), Some("2024-05-20 10:15:30"));
        assert_eq!(req.form, vec![("fields".into(), "num_iid,title".into())]);
        // The blank business param is neither sent nor signed.
        assert!(req.param("empty").is_none());
        assert!(req.query.iter().all(|(k, _)| k != "fields"));
        // The sign sent is the sign of exactly what is sent.
        let sent: Params = req
            .query
            .iter()
            .chain(req.form.iter())
            .filter(|(k, _)| k != "sign")
            .cloned()
            .collect();
        let expected = sign_top(&sent, None, "helloworld", SignMethod::Md5);
        assert_eq!(req.param("sign"), Some(expected.as_str()));
        // The explanation never carries the secret.
        assert!(!req.signature.string_to_sign_masked.contains("helloworld"));
    }

    #[test]
    fn qimen_standard_call_signs_the_body_and_sends_all_params_in_query() {
        let body = "<request><entryOrder/></request>";
        let mut spec = CallSpec::new(
            ApiFamily::QimenStandard,
            "taobao.qimen.entryorder.create",
            "23268761",
        );
        spec.customer_id = Some("stub-cust-code".into());
        spec.body = Some(RawBody::xml(body));
        let secret = SecretString::from("b17cc059ffba3f6cf0d9131359d0be2a");
        let req = prepare(&spec, "http://gw/router/qimen/service", &secret, &clock()).unwrap();
        assert_eq!(req.param("format"), Some("xml"));
        assert_eq!(req.param("customerId"), Some("stub-cust-code"));
        assert!(req.form.is_empty());
        assert!(req.signature.body_appended);
        let sent: Params = req
            .query
            .iter()
            .filter(|(k, _)| k != "sign")
            .cloned()
            .collect();
        let expected = sign_top(&sent, Some(body), secret.expose(), SignMethod::Md5);
        assert_eq!(req.param("sign"), Some(expected.as_str()));
    }

    #[test]
    fn session_is_masked_in_the_redacted_copy() {
        let mut spec = CallSpec::new(ApiFamily::Top, "taobao.user.seller.get", "12345678");
        spec.session = Some(SecretString::from("6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4"));
        let req = prepare(&spec, "http://gw/router/rest", &"s3cret".into(), &clock()).unwrap();
        for shown in [
            serde_json::to_string(&req.redacted()).unwrap(),
            serde_json::to_string(&req).unwrap(),
        ] {
            assert!(!shown.contains("6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4"));
            assert!(shown.contains("******f4"), "masked once: {shown}");
        }
        assert_eq!(
            req.param("session"),
            Some("6100e2a7b3f4c5d6e7f8a9b0c1d2e3f4")
        );
    }

    #[test]
    fn bad_input_names_the_field() {
        let secret = SecretString::from("x");
        let mut spec = CallSpec::new(ApiFamily::Top, "taobao.time.get", "12ab");
        let err = prepare(&spec, "u", &secret, &clock()).unwrap_err();
        assert!(err.to_string().starts_with("app_key:"));
        spec.app_key = "12345678".into();
        spec.params.insert("sign".into(), "X".into());
        assert_eq!(
            prepare(&spec, "u", &secret, &clock()).unwrap_err(),
            RequestError::SystemParamInParams("sign".into())
        );
        let cloud = CallSpec::new(ApiFamily::QimenCloud, "hu3cgwt0tc.wdt.trade.query", "1");
        assert_eq!(
            prepare(&cloud, "u", &secret, &clock()).unwrap_err(),
            RequestError::MissingTargetAppKey
        );
        let empty = SecretString::from(" ");
        let spec = CallSpec::new(ApiFamily::Top, "taobao.time.get", "1");
        assert_eq!(
            prepare(&spec, "u", &empty, &clock()).unwrap_err(),
            RequestError::MissingSecret
        );
    }

    #[test]
    fn a_given_timestamp_and_partner_id_replace_the_workbench_s_own() {
        // A customer's call reproduced: its own time and partner id, so its sign can match.
        let secret = SecretString::from(crate::sign::vectors::EXAMPLE_A_SECRET);
        let mut spec = CallSpec::new(ApiFamily::Top, "taobao.item.seller.get", "12345678");
        spec.params
            .insert("timestamp".into(), "2016-01-01 12:00:00".into());
        spec.params
            .insert("partner_id".into(), "top-sdk-java-20160101".into());
        let prepared = prepare(&spec, "u", &secret, &clock()).unwrap();
        assert_eq!(prepared.param("timestamp"), Some("2016-01-01 12:00:00"));
        assert_eq!(prepared.param("partner_id"), Some("top-sdk-java-20160101"));
        // Once each: they travel as system parameters, not again among the business ones.
        let all: Vec<&str> = prepared
            .query
            .iter()
            .chain(prepared.form.iter())
            .map(|(k, _)| k.as_str())
            .filter(|k| *k == "timestamp" || *k == "partner_id")
            .collect();
        assert_eq!(all.len(), 2);
    }
}
