//! The upstream: where the relay forwards, as a base URL (`scheme://host[:port]`, each request
//! keeping its own path and query), from a name the user knows or a URL.

use super::RelayError;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::ApiFamily;
use qimen_core::text::Text;
use std::net::SocketAddr;
use std::time::Duration;

/// How long [`check_upstream`] waits for an answer.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// Turns what the user typed into a base URL:
///
/// - `production` (`prod`), `qimen-test` (`qmtest`), `sandbox`: the origin of that environment's
///   Qimen routers (`http://qimen.api.taobao.com`, `http://qimenapi.tbsandbox.com`), the routers a
///   joint test goes to. A TOP `/router/rest` call goes to the same host; to relay TOP calls to
///   the TOP host, give it as a URL (`https://eco.taobao.com`);
/// - `local`: `gateway_url`, the local gateway;
/// - an `http://` or `https://` URL: its origin. A URL with a path is refused: the relay keeps each
///   request's own path, so a path here would be silently dropped.
pub fn resolve_upstream(name: &str, gateway_url: &str) -> Result<String, RelayError> {
    let text = name.trim();
    if text.eq_ignore_ascii_case("local") {
        return Upstream::parse(gateway_url).map(|u| u.base);
    }
    let environment = Environment::parse(text).map_err(|e| RelayError::BadUpstream {
        upstream: text.to_string(),
        reason: Text::new(format!("不是已知的环境或地址（{e}）"), e.to_string()),
    })?;
    match environment {
        Environment::Url { url } => Upstream::parse(&url).map(|u| u.base),
        other => {
            let endpoint = other.endpoint(ApiFamily::QimenStandard);
            let url = url::Url::parse(&endpoint).map_err(|e| RelayError::BadUpstream {
                upstream: text.to_string(),
                reason: Text::new(format!("地址无法解析：{e}"), format!("unreadable: {e}")),
            })?;
            Ok(url.origin().ascii_serialization())
        }
    }
}

/// A parsed upstream base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Upstream {
    /// `scheme://host[:port]`, no trailing slash.
    pub base: String,
    pub https: bool,
    /// The host as a URL writes it (`[::1]` for IPv6), and the port (the scheme's when not given).
    pub host: String,
    pub port: u16,
    /// `host[:port]`, the `Host` header the upstream expects.
    pub authority: String,
    /// On this machine: reached without any proxy.
    pub loopback: bool,
}

impl Upstream {
    pub fn parse(text: &str) -> Result<Upstream, RelayError> {
        let text = text.trim();
        let bad = |zh: &str, en: &str| RelayError::BadUpstream {
            upstream: text.to_string(),
            reason: Text::new(zh.to_string(), en.to_string()),
        };
        let url = url::Url::parse(text).map_err(|_| {
            bad(
                "不是 http:// 或 https:// 地址",
                "not an http:// or https:// URL",
            )
        })?;
        let https = match url.scheme() {
            "http" => false,
            "https" => true,
            _ => {
                return Err(bad(
                    "只支持 http:// 和 https://",
                    "only http:// and https:// are relayed",
                ))
            }
        };
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("缺少主机名", "it names no host"))?
            .to_string();
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad(
                "不能包含用户名或密码",
                "it must not carry a user name or password",
            ));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(bad(
                "只填协议、主机和端口：每个请求保留自己的路径和参数，这里的路径会被忽略",
                "give scheme, host and port only: each request keeps its own path and query, so a path here would be ignored",
            ));
        }
        let port = url
            .port_or_known_default()
            .unwrap_or(if https { 443 } else { 80 });
        let authority = match url.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.clone(),
        };
        let loopback = match url.host() {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        Ok(Upstream {
            base: url.origin().ascii_serialization(),
            https,
            host,
            port,
            authority,
            loopback,
        })
    }

    /// The URL a request with this path and query goes to.
    pub fn target(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.base)
    }

    /// Whether this upstream is the listener at `addr` (a relay forwarding to itself).
    pub fn is_same_listener(&self, addr: SocketAddr) -> bool {
        self.loopback && self.port == addr.port() && addr.ip().is_loopback()
    }

    /// The host and port to open a TCP connection to (no brackets around IPv6).
    pub fn connect_to(&self) -> (String, u16) {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        (host.to_string(), self.port)
    }
}

/// Whether the upstream answers at all (any HTTP status counts), within 5 seconds: for a command
/// line that should say at once that the upstream is down, rather than at the first call.
pub async fn check_upstream(upstream: &str) -> Result<(), RelayError> {
    let parsed = Upstream::parse(upstream)?;
    let client = super::send::client(&parsed)?;
    let unreachable = |reason: String| RelayError::UpstreamUnreachable {
        upstream: parsed.base.clone(),
        reason,
    };
    match tokio::time::timeout(
        CHECK_TIMEOUT,
        client.get(format!("{}/", parsed.base)).send(),
    )
    .await
    {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(unreachable(super::send::describe(&e.without_url()))),
        Err(_) => Err(unreachable(format!(
            "no answer within {} s",
            CHECK_TIMEOUT.as_secs()
        ))),
    }
}
