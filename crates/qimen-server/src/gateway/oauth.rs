//! The OAuth 2.0 endpoints of the local platform (domain reference §4): `/authorize` shows a consent
//! page for the demo shop and redirects back with a one-time code (or `access_denied`), and `/token`
//! exchanges a code or a refresh token for the platform's token JSON. A code only ever travels to a
//! redirect_uri that passed validation.

use super::config::AppConfig;
use super::oauth_page::{consent_page, error_page, CONSENT_TOKEN_FIELD};
use super::server::GatewayState;
use super::tokens::GrantError;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use qimen_core::sensitive::constant_time_eq;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

/// Everything but RFC 3986 unreserved characters is encoded (so a space is `%20`, as the platform
/// writes `authorize%20reject`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn form_map(bytes: &[u8]) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for (k, v) in form_urlencoded::parse(bytes) {
        map.entry(k.into_owned()).or_insert_with(|| v.into_owned());
    }
    map
}

fn field<'m>(map: &'m HashMap<String, String>, key: &str) -> Option<&'m str> {
    map.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// A checked authorize request: the app and the redirect target.
struct AuthorizeRequest<'a> {
    app: &'a AppConfig,
    redirect: url::Url,
    redirect_raw: String,
    state: Option<String>,
    view: String,
}

fn check_authorize<'a>(
    gateway: &'a GatewayState,
    map: &HashMap<String, String>,
) -> Result<AuthorizeRequest<'a>, String> {
    match field(map, "response_type") {
        Some("code") => {}
        Some(other) => {
            return Err(format!(
                "response_type={other} 不受支持 / is not supported: use response_type=code"
            ))
        }
        None => {
            return Err(
                "缺少 response_type / response_type is missing: add response_type=code".into(),
            )
        }
    }
    let client_id = field(map, "client_id")
        .ok_or("缺少 client_id / client_id is missing: send your AppKey as client_id")?;
    let app = gateway.started().app(client_id).ok_or_else(|| {
        format!("client_id {client_id} 不是本网关的应用 / is not an app of this gateway: use a demo AppKey or add it to the config file")
    })?;
    let redirect_raw = field(map, "redirect_uri")
        .ok_or(
            "缺少 redirect_uri / redirect_uri is missing: send the callback address of your app",
        )?
        .to_string();
    let redirect = url::Url::parse(&redirect_raw)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .ok_or_else(|| {
            format!("redirect_uri \"{redirect_raw}\" 不是有效的 http(s) 地址 / is not an absolute http(s) URL")
        })?;
    if let Some(expected) = &app.callback_host {
        let host = redirect.host_str().unwrap_or_default().to_ascii_lowercase();
        if &host != expected {
            return Err(format!(
                "redirect_uri 的域名 {host} 与应用登记的回调域名 {expected} 不一致 / application callback can not match the redirect_uri"
            ));
        }
    }
    Ok(AuthorizeRequest {
        app,
        redirect,
        redirect_raw,
        state: field(map, "state").map(str::to_string),
        view: field(map, "view").unwrap_or("web").to_string(),
    })
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html;charset=utf-8")],
        body,
    )
        .into_response()
}

/// `GET /authorize`: the consent page, or an error page when the request cannot be trusted.
pub(crate) async fn authorize_page(
    State(gateway): State<Arc<GatewayState>>,
    RawQuery(query): RawQuery,
) -> Response {
    let map = form_map(query.unwrap_or_default().as_bytes());
    match check_authorize(&gateway, &map) {
        Ok(req) => {
            let token = gateway.tokens().issue_consent(
                &req.app.app_key,
                &req.redirect_raw,
                gateway.clock.now(),
            );
            html(
                StatusCode::OK,
                consent_page(
                    &req.app.name,
                    &req.app.app_key,
                    &req.redirect_raw,
                    req.state.as_deref(),
                    &req.view,
                    &token,
                ),
            )
        }
        Err(problem) => html(StatusCode::BAD_REQUEST, error_page(&problem)),
    }
}

/// `POST /authorize`: the user's answer; approve → `redirect_uri?code=…&state=…`, deny →
/// `redirect_uri?error=access_denied&error_description=authorize%20reject&state=…`.
pub(crate) async fn authorize_decision(
    State(gateway): State<Arc<GatewayState>>,
    body: Bytes,
) -> Response {
    let map = form_map(&body);
    let req = match check_authorize(&gateway, &map) {
        Ok(req) => req,
        Err(problem) => return html(StatusCode::BAD_REQUEST, error_page(&problem)),
    };
    // Only a decision posted from a consent page this gateway showed counts.
    let shown = field(&map, CONSENT_TOKEN_FIELD).is_some_and(|token| {
        gateway.tokens().take_consent(
            token,
            &req.app.app_key,
            &req.redirect_raw,
            gateway.clock.now(),
        )
    });
    if !shown {
        return html(
            StatusCode::FORBIDDEN,
            error_page(
                "这个授权决定不是从本网关的授权页提交的，已拒绝；请重新打开授权页 / this decision was not posted from a consent page of this gateway: open the authorize page again",
            ),
        );
    }
    let mut added: Vec<(&str, String)> = match field(&map, "decision") {
        Some("approve") => {
            let now = gateway.clock.now();
            let code = gateway
                .tokens()
                .issue_code(&req.app.app_key, &req.redirect_raw, now);
            vec![("code", code)]
        }
        Some("deny") => vec![
            ("error", "access_denied".into()),
            ("error_description", "authorize reject".into()),
        ],
        _ => {
            return html(
                StatusCode::BAD_REQUEST,
                error_page("请选择同意或取消授权 / choose approve or deny"),
            )
        }
    };
    if let Some(state) = req.state {
        added.push(("state", state));
    }
    let addition: Vec<String> = added
        .iter()
        .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, COMPONENT)))
        .collect();
    let mut target = req.redirect;
    let query = match target.query().filter(|q| !q.is_empty()) {
        Some(existing) => format!("{existing}&{}", addition.join("&")),
        None => addition.join("&"),
    };
    target.set_query(Some(&query));
    (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
}

fn token_error(error: &str, description: impl Into<String>) -> Response {
    let body = json!({"error": error, "error_description": description.into()});
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "application/json;charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

fn grant_error(error: GrantError) -> Response {
    token_error("invalid_grant", error.to_string())
}

/// `POST /token`: `grant_type=authorization_code` or `refresh_token`, form-encoded (query
/// parameters are read too).
pub(crate) async fn token(
    State(gateway): State<Arc<GatewayState>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let mut map = form_map(&body);
    for (k, v) in form_map(query.unwrap_or_default().as_bytes()) {
        map.entry(k).or_insert(v);
    }
    let grant_type = match field(&map, "grant_type") {
        Some(g @ ("authorization_code" | "refresh_token")) => g.to_string(),
        Some(other) => {
            return token_error(
                "unsupported_grant_type",
                format!(
                    "grant_type {other} is not supported: use authorization_code or refresh_token"
                ),
            )
        }
        None => return token_error("invalid_request", "grant_type is missing"),
    };
    let needed: &[&str] = if grant_type == "authorization_code" {
        &["client_id", "client_secret", "code", "redirect_uri"]
    } else {
        &["client_id", "client_secret", "refresh_token"]
    };
    if let Some(missing) = needed.iter().find(|k| field(&map, k).is_none()) {
        return token_error("invalid_request", format!("{missing} is missing"));
    }
    let client_id = field(&map, "client_id").unwrap_or_default();
    let Some(app) = gateway.started().app(client_id) else {
        return token_error(
            "invalid_client",
            format!("client_id {client_id} is not an app of this gateway"),
        );
    };
    let secret_matches = field(&map, "client_secret")
        .is_some_and(|sent| constant_time_eq(sent, app.secret.expose()));
    if !secret_matches {
        return token_error(
            "invalid_client",
            format!("client_secret is not the AppSecret of client_id {client_id}"),
        );
    }
    let now = gateway.clock.now();
    let result = {
        let mut tokens = gateway.tokens();
        if grant_type == "authorization_code" {
            tokens.redeem_code(
                field(&map, "code").unwrap_or_default(),
                client_id,
                field(&map, "redirect_uri"),
                now,
            )
        } else {
            tokens.refresh(
                field(&map, "refresh_token").unwrap_or_default(),
                client_id,
                now,
            )
        }
    };
    match result {
        Ok(set) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json;charset=utf-8")],
            set.to_json().to_string(),
        )
            .into_response(),
        Err(error) => grant_error(error),
    }
}
