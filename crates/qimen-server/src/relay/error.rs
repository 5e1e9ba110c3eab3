//! Why the relay could not start, or its upstream is not usable, in both languages.

use qimen_core::text::{Lang, Text};
use std::net::IpAddr;
use thiserror::Error;

/// Starting the relay failed, or its upstream is not usable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RelayError {
    #[error("port {port} is already in use by another program: stop it, or choose another port (0 picks a free one)")]
    PortInUse { port: u16 },
    #[error("cannot listen on {address}:{port} ({reason}); choose another port or address")]
    Bind {
        address: IpAddr,
        port: u16,
        reason: String,
    },
    #[error("upstream `{upstream}`: {}. Give production, qimen-test, sandbox, local or a base URL such as http://127.0.0.1:18080 (scheme, host and port: each request keeps its own path and query)", reason.en)]
    BadUpstream { upstream: String, reason: Text },
    #[error("the upstream {upstream} cannot be reached ({reason}): start it, or check the address and the network")]
    UpstreamUnreachable { upstream: String, reason: String },
    #[error("LAN access: {}", reason.en)]
    BadLan { reason: Text },
    #[error("cannot build the HTTP client that forwards calls: {0}")]
    HttpClient(String),
}

impl RelayError {
    /// A stable id for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            RelayError::PortInUse { .. } => "relay.port_in_use",
            RelayError::Bind { .. } => "relay.bind_failed",
            RelayError::BadUpstream { .. } => "relay.bad_upstream",
            RelayError::UpstreamUnreachable { .. } => "relay.upstream_unreachable",
            RelayError::BadLan { .. } => "relay.bad_lan",
            RelayError::HttpClient(_) => "relay.http_client",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            RelayError::PortInUse { port } => format!(
                "端口 {port} 已被其他程序占用：请关闭该程序，或换一个端口（0 表示任选空闲端口）。"
            ),
            RelayError::Bind {
                address,
                port,
                reason,
            } => format!("无法在 {address}:{port} 上监听（{reason}），请换一个端口或地址。"),
            RelayError::BadUpstream { upstream, reason } => format!(
                "上游 `{upstream}` 不可用：{}。请填写 production、qimen-test、sandbox、local，或基础地址如 http://127.0.0.1:18080（只含协议、主机和端口，每个请求保留自己的路径和参数）。",
                reason.zh
            ),
            RelayError::UpstreamUnreachable { upstream, reason } => format!(
                "无法连接上游 {upstream}（{reason}）：请先启动它，或检查地址和网络。"
            ),
            RelayError::BadLan { reason } => format!("局域网访问设置有误：{}", reason.zh),
            RelayError::HttpClient(reason) => format!("无法创建转发请求用的 HTTP 客户端：{reason}"),
        }
    }

    /// A failed bind: the port taken, or another reason.
    pub(crate) fn from_bind(port: u16, address: Option<IpAddr>, error: &std::io::Error) -> Self {
        match error.kind() {
            std::io::ErrorKind::AddrInUse => RelayError::PortInUse { port },
            _ => RelayError::Bind {
                address: address.unwrap_or(IpAddr::from([127, 0, 0, 1])),
                port,
                reason: error.to_string(),
            },
        }
    }
}
