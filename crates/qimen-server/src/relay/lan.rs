//! LAN access, when the user chooses it: the customer's system on another machine calls
//! `http://ADDRESS:PORT/<token>/router/…`. Only the allow-listed client addresses and this machine
//! are served (any other gets 403), and only under the random path token (anything else gets 404,
//! so a scan of the network finds nothing); the token is removed before forwarding.

use super::{LanAccess, RelayError};
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::uri::PathAndQuery;
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::Router;
use qimen_core::text::Text;
use std::net::{IpAddr, SocketAddr};

/// Refuses settings that would leave the relay open: an empty or odd token, no client allowed.
pub(crate) fn check(lan: &LanAccess) -> Result<(), RelayError> {
    let token = &lan.path_token;
    let token_ok = token.len() >= 8
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !token_ok {
        return Err(RelayError::BadLan {
            reason: Text::fixed(
                "路径令牌至少 8 个字符，只能用字母、数字、- 和 _",
                "the path token must be at least 8 characters of letters, digits, - and _",
            ),
        });
    }
    if lan.allowed_clients.is_empty() {
        return Err(RelayError::BadLan {
            reason: Text::fixed(
                "请至少列出一个允许访问的客户端地址（对方系统所在机器的 IP）",
                "list at least one client address allowed to call (the IP of the machine the customer's system runs on)",
            ),
        });
    }
    Ok(())
}

/// The router behind the allow-list and the path token.
pub(crate) fn guard(router: Router, lan: LanAccess) -> Router {
    router.layer(axum::middleware::from_fn(
        move |request: Request, next: Next| {
            let lan = lan.clone();
            async move {
                let peer = request
                    .extensions()
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip());
                if !peer.is_some_and(|ip| allowed(&lan, ip)) {
                    let shown = peer.map_or("unknown".to_string(), |ip| ip.to_string());
                    let text = format!(
                        "此联调中转只接受允许列表中的客户端，{shown} 不在其中 / this relay serves only the clients on its allow-list; {shown} is not on it"
                    );
                    return (StatusCode::FORBIDDEN, text).into_response();
                }
                match without_token(&request, &lan.path_token) {
                    Some(uri) => {
                        let (mut parts, body) = request.into_parts();
                        parts.uri = uri;
                        next.run(Request::from_parts(parts, body)).await
                    }
                    None => (StatusCode::NOT_FOUND, Body::from("not found")).into_response(),
                }
            }
        },
    ))
}

/// This machine, or a listed client (an IPv4 client seen through an IPv6 socket counts as itself).
fn allowed(lan: &LanAccess, ip: IpAddr) -> bool {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    ip.is_loopback() || lan.allowed_clients.contains(&ip)
}

/// The request's path and query without `/<token>`; `None` when it does not start with it.
fn without_token(request: &Request, token: &str) -> Option<Uri> {
    let pq = request.uri().path_and_query()?.as_str();
    let rest = pq.strip_prefix('/')?.strip_prefix(token)?;
    let rest = match rest.chars().next() {
        None => "/".to_string(),
        Some('/') => rest.to_string(),
        Some('?') => format!("/{rest}"),
        Some(_) => return None,
    };
    let pq = PathAndQuery::try_from(rest).ok()?;
    Uri::builder().path_and_query(pq).build().ok()
}
