//! Forwarding a Qimen call to a registered provider, as the platform does between two parties: the
//! call is re-signed with the provider's own AppSecret (md5 over every parameter plus the body, the
//! rule the official `SpiUtils` verifies) and POSTed to the provider's URL; the provider's status and
//! body come back unchanged. Two parties can joint-test on one machine this way.

use super::api_contract::PlatformError;
use super::config::ProviderConfig;
use super::inbound::Inbound;
use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use qimen_core::sign::{is_blank, sign_top, Params, SignMethod};

/// The largest provider answer relayed.
pub const MAX_PROVIDER_ANSWER: usize = 4 * 1024 * 1024;

const FORM_TYPE: &str = "application/x-www-form-urlencoded;charset=UTF-8";

/// The request sent to the provider: where each parameter travels and the new signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardedRequest {
    pub query: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
    pub body: Option<String>,
    pub content_type: String,
}

/// Builds the re-signed request. Parameters keep their place (query or form); blank ones are dropped
/// so that a receiver signing blanks (SpiUtils) and one skipping them (the SDKs) agree; `sign_method`
/// becomes md5 because that is what the new sign is.
pub fn resign(inbound: &Inbound, provider: &ProviderConfig) -> ForwardedRequest {
    let keep = |(k, v): &&(String, String)| {
        !matches!(k.as_str(), "sign" | "sign_method") && !is_blank(k) && !is_blank(v)
    };
    let mut query: Vec<(String, String)> = Vec::new();
    for (k, v) in inbound.query.iter().filter(keep) {
        if !query.iter().any(|(q, _)| q == k) {
            query.push((k.clone(), v.clone()));
        }
    }
    let mut form: Vec<(String, String)> = Vec::new();
    for (k, v) in inbound.form.iter().filter(keep) {
        if !query.iter().chain(form.iter()).any(|(q, _)| q == k) {
            form.push((k.clone(), v.clone()));
        }
    }
    query.push(("sign_method".into(), SignMethod::Md5.as_param().into()));
    let signed: Params = query.iter().chain(form.iter()).cloned().collect();
    let sign = sign_top(
        &signed,
        inbound.body.as_deref(),
        provider.secret.expose(),
        SignMethod::Md5,
    );
    query.push(("sign".into(), sign));
    let content_type = match &inbound.body {
        Some(_) => inbound
            .content_type
            .clone()
            .unwrap_or_else(|| "text/xml;charset=utf-8".into()),
        None => FORM_TYPE.into(),
    };
    ForwardedRequest {
        query,
        form,
        body: inbound.body.clone(),
        content_type,
    }
}

/// Sends the re-signed call and relays the provider's answer; a provider that cannot be reached
/// or answers too much becomes a Qimen failure that says so.
pub async fn relay(
    http: &reqwest::Client,
    provider: &ProviderConfig,
    inbound: &Inbound,
) -> Result<Response, PlatformError> {
    let request = resign(inbound, provider);
    let mut url = url::Url::parse(&provider.url).map_err(|e| {
        failure(
            "isp.remote-service-error",
            format!(
                "provider {} has an unusable url {}: {e}",
                provider.app_key, provider.url
            ),
        )
    })?;
    url.query_pairs_mut().extend_pairs(request.query.iter());
    let body = match request.body {
        Some(text) => text,
        None => form_urlencoded::Serializer::new(String::new())
            .extend_pairs(request.form.iter())
            .finish(),
    };
    let sent = http
        .post(url)
        .header(header::CONTENT_TYPE, request.content_type)
        .body(body)
        .send()
        .await;
    let mut answer = sent.map_err(|e| {
        let code = if e.is_connect() || e.is_timeout() {
            "isp.top-remote-connection-timeout"
        } else {
            "isp.remote-service-error"
        };
        // without_url: the URL carries the caller's session and must not reach the answer.
        failure(
            code,
            format!(
                "the provider {} (app_key {}) at {} could not be reached: {}. Start it, or fix its \
                 url in the gateway config",
                provider.name,
                provider.app_key,
                provider.url,
                e.without_url()
            ),
        )
    })?;
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let content_type = answer.headers().get(reqwest::header::CONTENT_TYPE).cloned();
    let mut bytes = Vec::new();
    loop {
        let chunk = answer.chunk().await.map_err(|e| {
            failure(
                "isp.remote-service-error",
                format!(
                    "the provider {} at {} broke off its answer: {}",
                    provider.app_key,
                    provider.url,
                    e.without_url()
                ),
            )
        })?;
        let Some(chunk) = chunk else { break };
        if bytes.len() + chunk.len() > MAX_PROVIDER_ANSWER {
            return Err(failure(
                "isp.remote-service-error",
                format!(
                    "the provider {} at {} answered more than {} MiB; the gateway relays at most that",
                    provider.app_key,
                    provider.url,
                    MAX_PROVIDER_ANSWER / (1024 * 1024)
                ),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    if let Some(value) = content_type.and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok()) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    Ok(response)
}

fn failure(code: &str, message: String) -> PlatformError {
    PlatformError {
        code: code.into(),
        msg: message,
        sub_code: None,
        sub_msg: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::inbound::Route;
    use qimen_core::sensitive::SecretString;

    fn provider() -> ProviderConfig {
        ProviderConfig {
            app_key: "23999002".into(),
            secret: SecretString::from("provider-secret"),
            url: "http://127.0.0.1:9/qimen".into(),
            customer_id: Some("C1".into()),
            name: "test".into(),
            open_to_demo_apps: false,
        }
    }

    #[test]
    fn resigning_keeps_places_drops_blanks_and_signs_with_the_provider_secret() {
        let inbound = Inbound::parse(
            Route::Qm,
            Some("method=m&app_key=1&sign=OLD&sign_method=hmac&k=&target_app_key=23999002"),
            Some("application/x-www-form-urlencoded"),
            b"sid=s1&method=ignored",
        )
        .unwrap();
        let out = resign(&inbound, &provider());
        assert!(out
            .query
            .iter()
            .any(|(k, v)| k == "sign_method" && v == "md5"));
        // The blank `k=` and the form's repeated `method` are not forwarded.
        assert!(out.query.iter().all(|(k, _)| k != "k"));
        assert_eq!(out.form, vec![("sid".to_string(), "s1".to_string())]);
        let signed: Params = out
            .query
            .iter()
            .chain(out.form.iter())
            .filter(|(k, _)| k != "sign")
            .cloned()
            .collect();
        let expected = sign_top(&signed, None, "provider-secret", SignMethod::Md5);
        assert_eq!(out.query.last(), Some(&("sign".to_string(), expected)));
    }

    #[test]
    fn a_raw_body_is_forwarded_as_is_and_signed() {
        let inbound = Inbound::parse(
            Route::QimenService,
            Some("method=m&customerId=C1&sign=X"),
            Some("application/xml; charset=utf-8"),
            b"<request/>",
        )
        .unwrap();
        let out = resign(&inbound, &provider());
        assert_eq!(out.body.as_deref(), Some("<request/>"));
        assert_eq!(out.content_type, "application/xml; charset=utf-8");
        let signed: Params = out
            .query
            .iter()
            .filter(|(k, _)| k != "sign")
            .cloned()
            .collect();
        let expected = sign_top(
            &signed,
            Some("<request/>"),
            "provider-secret",
            SignMethod::Md5,
        );
        assert_eq!(
            out.query.last().map(|(_, v)| v.as_str()),
            Some(expected.as_str())
        );
    }
}
