//! Every failure of a session command, and how it reaches the UI: a stable code and a message in
//! the UI language that says what to do.

use crate::error::WorkbenchError;
use crate::oauth::capture::explain_denied;
use crate::oauth::{CallbackUrlError, ListenerError, PasteError, TokenError};
use crate::IpcError;
use qimen_core::text::Lang;

/// Every failure of a session command, before it is put into words.
#[derive(Debug, thiserror::Error)]
pub(super) enum SessionError {
    #[error(transparent)]
    Workbench(#[from] WorkbenchError),
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error(transparent)]
    Listener(#[from] ListenerError),
    #[error(transparent)]
    Paste(#[from] PasteError),
    #[error(transparent)]
    Callback(#[from] CallbackUrlError),
    #[error("denied: {error}")]
    Denied {
        error: String,
        description: Option<String>,
    },
    #[error("flow {0} not found")]
    FlowNotFound(String),
    #[error("not a loopback callback")]
    NotLoopback(String),
    #[error("not the callback")]
    NotTheCallback,
    #[error("no refresh token")]
    NoRefresh(String),
    #[error("manual session")]
    BadManual,
    /// A flow ended without a session; its code and message are already in words.
    #[error("{code}: {message}")]
    Ended { code: String, message: String },
}

impl SessionError {
    pub(super) fn to_ipc(&self, lang: Lang) -> IpcError {
        match self {
            SessionError::Workbench(e) => e.to_ipc(lang),
            SessionError::Token(e) => IpcError::new(e.code(), e.message(lang)),
            SessionError::Listener(e) => IpcError::new(e.code(), e.message(lang)),
            SessionError::Paste(e) => IpcError::new(e.code(), e.message(lang)),
            SessionError::Callback(e) => IpcError::new(e.code(), e.message(lang)),
            SessionError::Denied { error, description } => IpcError::new(
                if error == "access_denied" { "session.access_denied" } else { "session.denied" },
                explain_denied(error, description.as_deref(), lang),
            ),
            SessionError::FlowNotFound(id) => IpcError::new(
                "not_found.session_flow",
                lang.pick(format!("授权流程 {id} 不存在或已结束很久，请重新发起授权"), format!("authorization {id} does not exist or ended long ago; start a new one")),
            ),
            SessionError::NotLoopback(url) => IpcError::new(
                "validation.session.callback_url",
                lang.pick(format!("回调地址：“{url}”不在本机（127.0.0.1 或 localhost 的 http 地址），应用无法在那里监听。请使用应用内窗口或粘贴方式"), format!("callback_url: \"{url}\" is not on this computer (an http address on 127.0.0.1 or localhost), so the app cannot listen there; use the app window or paste mode")),
            ),
            SessionError::NotTheCallback => IpcError::new(
                "validation.session.redirect",
                lang.pick("这个地址不是本次授权的回调地址，应用继续等待", "this address is not the callback of the authorization in progress; still waiting").to_string(),
            ),
            SessionError::NoRefresh(profile) => IpcError::new(
                "session.no_refresh_token",
                lang.pick(format!("配置“{profile}”没有可用的 refresh_token（手动粘贴的 session、已过期或平台未提供），无法刷新：请重新授权"), format!("profile \"{profile}\" has no usable refresh token (a pasted session, expired, or none was issued), so it cannot be refreshed: authorize again")),
            ),
            SessionError::Ended { code, message } => IpcError::new(code.clone(), message.clone()),
            SessionError::BadManual => IpcError::new(
                "validation.session.session",
                lang.pick("session：请粘贴平台授权工具生成的 session（一串不含空格的字符，最长 1024 个）", "session: paste the session the platform's authorization tool generated (one string without spaces, up to 1024 characters)").to_string(),
            ),
        }
    }
}
