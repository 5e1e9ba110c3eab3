//! The loopback guard: which `Host` names a listener answers to, and which `Origin`s may call it.

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::net::Ipv4Addr;

/// Which `Host` names a listener answers to (always with its own port).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HostPolicy {
    /// `127.0.0.1`, `localhost` and `[::1]`: a listener on loopback (every listener by default).
    #[default]
    Loopback,
    /// Those and any IP address (`192.168.1.20:PORT`, `[fe80::1]:PORT`): a listener bound to a LAN
    /// address on purpose. A DNS name is still refused, so DNS rebinding cannot reach it.
    IpLiterals,
}

/// The names this listener answers to.
fn own_hosts(port: u16) -> [String; 3] {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// A refusal for a request that names another host (DNS rebinding) or comes from another site.
pub fn refuse_foreign(headers: &HeaderMap, port: u16) -> Option<Response> {
    refuse_foreign_with(headers, port, HostPolicy::Loopback)
}

/// [`refuse_foreign`] under a [`HostPolicy`].
pub fn refuse_foreign_with(headers: &HeaderMap, port: u16, hosts: HostPolicy) -> Option<Response> {
    let own = own_hosts(port);
    let accepted = |host: &str| {
        own.iter().any(|o| o == host)
            || (hosts == HostPolicy::IpLiterals && is_ip_with_port(host, port))
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.trim().to_ascii_lowercase());
    if !host.as_deref().is_some_and(accepted) {
        let also = match hosts {
            HostPolicy::Loopback => "",
            HostPolicy::IpLiterals => " or an IP address of this machine",
        };
        let message = format!(
            "this local service answers only to 127.0.0.1:{port} or localhost:{port}{also}; the request named {}",
            host.as_deref().unwrap_or("no host")
        );
        return Some((StatusCode::MISDIRECTED_REQUEST, message).into_response());
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin
            .to_str()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let allowed = origin.strip_prefix("http://").is_some_and(accepted);
        if !allowed {
            let message = format!(
                "a page from {origin} may not call this local service; only its own pages (http://127.0.0.1:{port}) may"
            );
            return Some((StatusCode::FORBIDDEN, message).into_response());
        }
    }
    None
}

/// `192.168.1.20:PORT` or `[fe80::1]:PORT`: an IP address, not a name, with this port.
fn is_ip_with_port(host: &str, port: u16) -> bool {
    let Some((address, p)) = host.rsplit_once(':') else {
        return false;
    };
    if p.parse::<u16>().ok() != Some(port) {
        return false;
    }
    match address.strip_prefix('[').and_then(|a| a.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => address.parse::<Ipv4Addr>().is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, value.parse().unwrap());
        headers
    }

    #[test]
    fn ip_literals_pass_only_when_asked_and_names_never() {
        for ok in ["127.0.0.1:80", "localhost:80", "[::1]:80"] {
            assert!(refuse_foreign(&host(ok), 80).is_none(), "{ok}");
        }
        for lan in ["192.168.1.20:80", "[fe80::1]:80", "0.0.0.0:80"] {
            assert!(refuse_foreign(&host(lan), 80).is_some(), "{lan}");
            assert!(
                refuse_foreign_with(&host(lan), 80, HostPolicy::IpLiterals).is_none(),
                "{lan}"
            );
        }
        for bad in [
            "relay.example.com:80",
            "192.168.1.20:81",
            "192.168.1.20",
            "1.2.3:80",
        ] {
            assert!(
                refuse_foreign_with(&host(bad), 80, HostPolicy::IpLiterals).is_some(),
                "{bad}"
            );
        }
    }
}
