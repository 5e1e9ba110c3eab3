//! Why a call never got an answer, told so a merchant knows what to check. Messages name the
//! address (scheme, host and port only: the query may hold a session) and never a secret.

use super::ClientOptions;
use crate::text::Lang;
use std::error::Error as StdError;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    #[error("invalid address `{url}`: {reason}; enter a full address such as http://127.0.0.1:8080/router/rest")]
    InvalidUrl { url: String, reason: String },
    #[error("invalid proxy `{proxy}`: {detail}; use an address such as http://127.0.0.1:8888, or choose the system proxy or no proxy")]
    InvalidProxy { proxy: String, detail: String },
    #[error("the HTTP client could not be set up: {detail}")]
    Setup { detail: String },
    #[error("cannot connect to {target}: is the gateway running, and are the address and port right? ({detail})")]
    Connect { target: String, detail: String },
    #[error("no connection to {target} after {}: the server does not answer; check the address, the network and any firewall or proxy", seconds(*after))]
    ConnectTimeout { target: String, after: Duration },
    #[error("timed out after {}: the server did not finish answering; try again, or raise the timeout", seconds(*after))]
    Timeout { after: Duration },
    #[error("secure connection (TLS) to {target} failed: {detail}; check that the address is right, that https is expected there, and that the computer's clock is correct")]
    Tls { target: String, detail: String },
    #[error("the answer is larger than {limit} bytes (the size limit) and was not read; narrow the request (fewer fields, smaller pages) or raise the limit")]
    ResponseTooLarge { limit: usize },
    #[error("the connection to {target} broke: {detail}; try again")]
    Transport { target: String, detail: String },
}

impl ClientError {
    /// The message in one language (`Display` gives the English one).
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::ZhCn => self.message_zh(),
        }
    }

    fn message_zh(&self) -> String {
        match self {
            ClientError::InvalidUrl { url, reason } => format!(
                "地址“{url}”无效：{reason}。请填写完整地址，例如 http://127.0.0.1:8080/router/rest"
            ),
            ClientError::InvalidProxy { proxy, detail } => format!(
                "代理地址“{proxy}”无效：{detail}。请填写如 http://127.0.0.1:8888 的地址，或改用系统代理、不使用代理"
            ),
            ClientError::Setup { detail } => format!("无法初始化网络组件：{detail}"),
            ClientError::Connect { target, detail } => format!(
                "无法连接到 {target}：网关是否已经启动？地址和端口是否正确？（{detail}）"
            ),
            ClientError::ConnectTimeout { target, after } => format!(
                "{} 内没能连上 {target}：对方没有响应。请检查地址、网络以及防火墙或代理设置",
                seconds_zh(*after)
            ),
            ClientError::Timeout { after } => format!(
                "等待 {} 后超时：服务器没有在时限内答完。请重试，或调大超时时间",
                seconds_zh(*after)
            ),
            ClientError::Tls { target, detail } => format!(
                "与 {target} 建立安全连接（TLS）失败：{detail}。请确认地址正确、对方确实使用 https，并检查电脑时间是否准确"
            ),
            ClientError::ResponseTooLarge { limit } => format!(
                "返回内容超过 {limit} 字节的大小上限，已停止读取。请缩小查询范围（减少字段、减小每页条数），或调高上限"
            ),
            ClientError::Transport { target, detail } => {
                format!("与 {target} 的连接中断：{detail}。请重试")
            }
        }
    }
}

/// Maps a reqwest failure onto what a person can act on.
pub(super) fn classify(e: reqwest::Error, url: &url::Url, options: &ClientOptions) -> ClientError {
    let e = e.without_url();
    let target = match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) => format!("{}://{host}:{port}", url.scheme()),
        _ => url.scheme().to_string(),
    };
    let detail = describe(&e);
    let lower = detail.to_ascii_lowercase();
    if e.is_timeout() {
        if e.is_connect() {
            return ClientError::ConnectTimeout {
                target,
                after: options.connect_timeout,
            };
        }
        return ClientError::Timeout {
            after: options.timeout,
        };
    }
    if ["tls", "certificate", "handshake", "ssl"]
        .iter()
        .any(|word| lower.contains(word))
    {
        return ClientError::Tls { target, detail };
    }
    if e.is_connect() {
        return ClientError::Connect { target, detail };
    }
    ClientError::Transport { target, detail }
}

/// The error and its causes on one line, each said once.
pub(super) fn describe(e: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(err) = current {
        let text = err.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = err.source();
    }
    parts.join(": ")
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

fn seconds_zh(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} 秒", d.as_secs())
    } else {
        format!("{:.1} 秒", d.as_secs_f64())
    }
}
