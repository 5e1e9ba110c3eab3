//! Exchanging a code (or a refresh token) for tokens, the two ways the platform offers: the OAuth
//! token endpoint (`POST /token`, form fields, the AppSecret as `client_secret`), or the signed API
//! `taobao.top.auth.token.create` / `taobao.top.auth.token.refresh` whose `token_result` is the same
//! JSON as a string. Both go through [`HttpClient`] (timeouts, size cap, proxy); the API call is
//! built by [`prepare`] like any other call. A failure says which of down, slow, garbage or refused.

use super::token::{TokenParseError, TokenSet};
use qimen_core::client::{ClientError, HttpClient, HttpExchange};
use qimen_core::clock::Clock;
use qimen_core::protocol::request::{prepare, CallSpec, PreparedRequest, RequestError};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_core::sign::{SignExplanation, SignMethod};
use qimen_core::text::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which way tokens are obtained (the user's choice; kept with the session so refresh goes the
/// same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TokenRoute {
    /// `POST https://oauth.taobao.com/token`.
    #[default]
    TokenEndpoint,
    /// `taobao.top.auth.token.create` / `.refresh` through the TOP router.
    TopApi,
}

/// Where to exchange: the token endpoint URL, or the TOP router URL for the token APIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenEndpoint {
    OAuth(String),
    TopApi(String),
}

impl TokenEndpoint {
    pub fn url(&self) -> &str {
        match self {
            TokenEndpoint::OAuth(u) | TokenEndpoint::TopApi(u) => u,
        }
    }
}

/// Why no tokens came back. Messages never hold a token, a code or the AppSecret.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("token exchange: the redirect_uri does not match the callback the code was issued for or the one registered on the app ({description}); use the callback URL exactly as registered, and authorize again")]
    RedirectMismatch { description: String },
    #[error("token exchange: the code or refresh token expired ({description}); codes live only minutes, so exchange right after authorizing: authorize again")]
    Expired { description: String },
    #[error("token exchange: the code or refresh token is unknown or already used ({description}); each code is exchanged once: authorize again")]
    InvalidGrant { description: String },
    #[error("token exchange: the AppKey or AppSecret was refused ({description}); check client_id (the AppKey) and the AppSecret stored in the profile")]
    InvalidClient { description: String },
    #[error("token exchange: refused with {error} ({description})")]
    Rejected { error: String, description: String },
    #[error("token exchange: {method} failed with code {code} {message}{}{}", sub_code.as_deref().map(|s| format!(", {s}")).unwrap_or_default(), sub_message.as_deref().map(|s| format!(": {s}")).unwrap_or_default())]
    Platform {
        method: String,
        code: String,
        message: String,
        sub_code: Option<String>,
        sub_message: Option<String>,
    },
    #[error("token exchange: the token endpoint {endpoint} could not be reached: {source}")]
    Unreachable {
        endpoint: String,
        source: ClientError,
    },
    #[error("token exchange: {endpoint} answered HTTP {status} with something that is not a token ({reason}); check the token endpoint address, or try again later")]
    Garbage {
        endpoint: String,
        status: u16,
        reason: String,
    },
    #[error("token exchange: {0}")]
    Request(#[from] RequestError),
}

impl TokenError {
    /// A stable code the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            TokenError::RedirectMismatch { .. } => "session.redirect_mismatch",
            TokenError::Expired { .. } => "session.expired_grant",
            TokenError::InvalidGrant { .. } => "session.invalid_grant",
            TokenError::InvalidClient { .. } => "session.invalid_client",
            TokenError::Rejected { .. } => "session.rejected",
            TokenError::Platform { .. } => "session.platform_error",
            TokenError::Unreachable { source, .. } => match source {
                ClientError::Timeout { .. } | ClientError::ConnectTimeout { .. } => {
                    "session.token_endpoint_slow"
                }
                _ => "session.token_endpoint_down",
            },
            TokenError::Garbage { .. } => "session.token_endpoint_garbage",
            TokenError::Request(_) => "validation.session.request",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            TokenError::RedirectMismatch { description } => format!("换取 session 失败：redirect_uri 与授权码签发时的回调地址或应用登记的回调地址不一致（{description}）。请按登记的原样填写回调地址，然后重新授权。"),
            TokenError::Expired { description } => format!("换取 session 失败：授权码或 refresh_token 已过期（{description}）。授权码只有几分钟有效期，请授权后立即换取：重新授权即可。"),
            TokenError::InvalidGrant { description } => format!("换取 session 失败：授权码或 refresh_token 无效或已被使用（{description}）。每个授权码只能换取一次，请重新授权。"),
            TokenError::InvalidClient { description } => format!("换取 session 失败：AppKey 或 AppSecret 不被接受（{description}）。请检查 client_id（即 AppKey）和配置中保存的 AppSecret。"),
            TokenError::Rejected { error, description } => format!("换取 session 失败：平台返回 {error}（{description}）。"),
            TokenError::Platform { method, code, message, sub_code, sub_message } => format!(
                "换取 session 失败：{method} 返回错误码 {code} {message}{}{}。",
                sub_code.as_deref().map(|s| format!("，{s}")).unwrap_or_default(),
                sub_message.as_deref().map(|s| format!("：{s}")).unwrap_or_default()
            ),
            TokenError::Unreachable { endpoint, source } => format!("换取 session 失败：无法访问令牌接口 {endpoint}。{}", source.message(lang)),
            TokenError::Garbage { endpoint, status, reason } => format!("换取 session 失败：{endpoint} 返回了 HTTP {status}，但内容不是令牌（{reason}）。请检查令牌接口地址，或稍后再试。"),
            TokenError::Request(e) => format!("换取 session 失败：{e}"),
        }
    }

    /// From an OAuth error answer: `error` and `error_description`, sorted by what to do.
    fn from_oauth(error: &str, description: &str) -> TokenError {
        let lower = description.to_ascii_lowercase();
        let description = description.to_string();
        if lower.contains("redirect_uri") || lower.contains("callback") {
            TokenError::RedirectMismatch { description }
        } else if error == "invalid_client" {
            TokenError::InvalidClient { description }
        } else if error == "invalid_grant" && lower.contains("expire") {
            TokenError::Expired { description }
        } else if error == "invalid_grant" {
            TokenError::InvalidGrant { description }
        } else {
            TokenError::Rejected {
                error: error.to_string(),
                description,
            }
        }
    }
}

/// An unsigned form POST to the token endpoint. It authenticates with `client_secret` in the form,
/// not with a `sign`, so the signature part is empty; the request lives only for this send.
fn token_form(endpoint: &str, form: Vec<(String, String)>) -> PreparedRequest {
    PreparedRequest {
        family: ApiFamily::Top,
        endpoint: endpoint.to_string(),
        query: Vec::new(),
        form,
        body: None,
        signature: SignExplanation {
            method: SignMethod::Md5,
            kept: Vec::new(),
            dropped: Vec::new(),
            body_appended: false,
            string_to_sign_masked: String::new(),
            digest: String::new(),
        },
    }
}

async fn send(http: &HttpClient, req: &PreparedRequest) -> Result<HttpExchange, TokenError> {
    http.send(req)
        .await
        .map_err(|source| TokenError::Unreachable {
            endpoint: req.endpoint.clone(),
            source,
        })
}

fn garbage(exchange: &HttpExchange, endpoint: &str, reason: &str) -> TokenError {
    TokenError::Garbage {
        endpoint: endpoint.to_string(),
        status: exchange.status,
        reason: reason.to_string(),
    }
}

/// Reads the `/token` answer: tokens, an OAuth error, or garbage.
fn read_oauth_answer(exchange: &HttpExchange, endpoint: &str) -> Result<TokenSet, TokenError> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str(exchange.body.trim()) else {
        return Err(garbage(exchange, endpoint, "not JSON"));
    };
    if let Some(error) = map.get("error").and_then(|e| e.as_str()) {
        let description = map
            .get("error_description")
            .and_then(|d| d.as_str())
            .unwrap_or_default();
        return Err(TokenError::from_oauth(error, description));
    }
    TokenSet::from_map(&map).map_err(|e| garbage(exchange, endpoint, &e.to_string()))
}

/// Sends a token API call and reads `token_result` (a JSON string, or an object from a gateway
/// that does not stringify it).
async fn top_token_call(
    http: &HttpClient,
    clock: &dyn Clock,
    router: &str,
    client_id: &str,
    client_secret: &SecretString,
    method: &str,
    param: (&str, &SecretString),
) -> Result<TokenSet, TokenError> {
    let mut spec = CallSpec::new(ApiFamily::Top, method, client_id.trim());
    spec.format = Some("json".into());
    spec.params
        .insert(param.0.to_string(), param.1.expose().trim().to_string());
    let req = prepare(&spec, router, client_secret, clock)?;
    let exchange = send(http, &req).await?;
    let result = exchange.parse();
    if !result.success {
        return match result.code {
            Some(code) => Err(TokenError::Platform {
                method: method.to_string(),
                code,
                message: result.message.unwrap_or_default(),
                sub_code: result.sub_code,
                sub_message: result.sub_message,
            }),
            None => Err(garbage(&exchange, router, "not a platform answer")),
        };
    }
    let parsed = match result.data.get("token_result") {
        Some(serde_json::Value::String(text)) => TokenSet::from_json(text),
        Some(serde_json::Value::Object(map)) => TokenSet::from_map(map),
        _ => Err(TokenParseError::NoAccessToken),
    };
    parsed.map_err(|e| garbage(&exchange, router, &format!("token_result: {e}")))
}

/// One POST to the OAuth token endpoint, its answer read into tokens or a token error.
async fn oauth_token(
    http: &HttpClient,
    url: &str,
    form: &[(&str, &str)],
) -> Result<TokenSet, TokenError> {
    let req = token_form(url, owned(form));
    let exchange = send(http, &req).await?;
    read_oauth_answer(&exchange, url)
}

/// Exchanges a one-time code for tokens. `redirect_uri` must be the one the authorization used
/// (the token endpoint checks it; the token API has no such field).
pub async fn exchange_code(
    http: &HttpClient,
    clock: &dyn Clock,
    endpoint: &TokenEndpoint,
    client_id: &str,
    client_secret: &SecretString,
    code: &SecretString,
    redirect_uri: &str,
) -> Result<TokenSet, TokenError> {
    match endpoint {
        TokenEndpoint::OAuth(url) => {
            let form = [
                ("grant_type", "authorization_code"),
                ("code", code.expose().trim()),
                ("client_id", client_id.trim()),
                ("client_secret", client_secret.expose().as_str()),
                ("redirect_uri", redirect_uri.trim()),
            ];
            oauth_token(http, url, &form).await
        }
        TokenEndpoint::TopApi(router) => {
            top_token_call(
                http,
                clock,
                router,
                client_id,
                client_secret,
                "taobao.top.auth.token.create",
                ("code", code),
            )
            .await
        }
    }
}

/// A new token pair for a refresh token; the old pair stops working on the platform.
pub async fn refresh(
    http: &HttpClient,
    clock: &dyn Clock,
    endpoint: &TokenEndpoint,
    client_id: &str,
    client_secret: &SecretString,
    refresh_token: &SecretString,
) -> Result<TokenSet, TokenError> {
    match endpoint {
        TokenEndpoint::OAuth(url) => {
            let form = [
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token.expose().trim()),
                ("client_id", client_id.trim()),
                ("client_secret", client_secret.expose().as_str()),
            ];
            oauth_token(http, url, &form).await
        }
        TokenEndpoint::TopApi(router) => {
            top_token_call(
                http,
                clock,
                router,
                client_id,
                client_secret,
                "taobao.top.auth.token.refresh",
                ("refresh_token", refresh_token),
            )
            .await
        }
    }
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oauth_errors_are_sorted_by_what_to_do() {
        let e = TokenError::from_oauth(
            "invalid_client",
            "application callback can not match the redirect_uri",
        );
        assert_eq!(e.code(), "session.redirect_mismatch");
        let e = TokenError::from_oauth(
            "invalid_grant",
            "the code expired (codes live 10 minutes): authorize again",
        );
        assert_eq!(e.code(), "session.expired_grant");
        assert!(e.message(Lang::ZhCn).contains("已过期"));
        assert_eq!(
            TokenError::from_oauth("invalid_grant", "unknown").code(),
            "session.invalid_grant"
        );
        assert_eq!(
            TokenError::from_oauth("invalid_client", "bad secret").code(),
            "session.invalid_client"
        );
        let other = TokenError::from_oauth("server_error", "busy");
        assert_eq!(other.code(), "session.rejected");
        assert!(other.to_string().contains("server_error"));
    }
}
