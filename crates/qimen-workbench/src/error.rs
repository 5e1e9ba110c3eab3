//! How a failed command reaches the UI: a stable `code` the UI switches on and a `message` already
//! in the UI language. Inside the workbench every module's error converts into [`WorkbenchError`]
//! with `?`; the command boundary turns it into an [`IpcError`] in the current language, so no
//! code path can forget to localise.

use crate::api_docs::ApiDocsError;
use crate::secrets::SecretError;
use crate::store::StoreError;
use qimen_core::client::ClientError;
use qimen_core::protocol::environment::EnvironmentError;
use qimen_core::protocol::request::RequestError;
use qimen_core::sign::WdtSignError;
use qimen_core::text::Lang;
use qimen_server::gateway::GatewayError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What every command returns on failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
#[ts(export)]
pub struct IpcError {
    /// Stable, dotted: `validation.profile.name`, `keyring.unavailable`, `not_found.history` …
    pub code: String,
    /// For a person, in the UI language; never holds a secret.
    pub message: String,
}

impl IpcError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        IpcError {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// Which secret a call needed and did not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingSecret {
    AppSecret,
    WdtSecret,
    Session,
}

/// Every failure inside the workbench, before it is put into words.
#[derive(Debug, thiserror::Error)]
pub enum WorkbenchError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Request(#[from] RequestError),
    #[error(transparent)]
    Environment(#[from] EnvironmentError),
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Gateway(#[from] GatewayError),
    #[error(transparent)]
    ApiDocs(#[from] ApiDocsError),
    #[error(transparent)]
    Wdt(#[from] WdtSignError),
    #[error("secret missing: {0:?}")]
    MissingSecret(MissingSecret, String),
    #[error("no profile selected")]
    NoProfile,
    /// A call field the user must correct; `field` names it.
    #[error("{field}: {en}")]
    Field {
        field: String,
        zh: String,
        en: String,
    },
    #[error("saving {path}: {reason}")]
    Save { path: String, reason: String },
}

impl WorkbenchError {
    pub fn field(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        WorkbenchError::Field {
            field: field.into(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The error as the UI receives it, in `lang`.
    pub fn to_ipc(&self, lang: Lang) -> IpcError {
        match self {
            WorkbenchError::Store(e) => IpcError::new(store_code(e), e.message(lang)),
            WorkbenchError::Secret(e) => IpcError::new(
                format!("keyring.{}", e.code().trim_start_matches("keyring_")),
                e.message(lang),
            ),
            WorkbenchError::Request(e) => IpcError::new(request_code(e), request_message(e, lang)),
            WorkbenchError::Environment(e) => IpcError::new(
                "validation.call.environment",
                lang.pick(format!("环境：{e}"), e.to_string()),
            ),
            WorkbenchError::Client(e) => IpcError::new(client_code(e), e.message(lang)),
            WorkbenchError::Gateway(e) => IpcError::new(
                "gateway.start",
                lang.pick::<String>(
                    format!("本地网关无法启动：{e}。请重启应用；如仍失败，请检查本机是否允许监听 127.0.0.1 端口"),
                    format!("the local gateway could not start: {e}; restart the app, and check that listening on 127.0.0.1 is allowed"),
                ),
            ),
            WorkbenchError::ApiDocs(e) => IpcError::new(
                "internal.api_docs",
                lang.pick(format!("内置接口目录有误：{e}"), e.to_string()),
            ),
            WorkbenchError::Wdt(e) => {
                let (code, zh) = match e {
                    WdtSignError::ExtendPropsNotObject(detail) => (
                        "validation.call.extendProps",
                        format!("extendProps 不是 JSON 对象（{detail}），请写成 {{\"wdt_appkey\": \"…\", …}}"),
                    ),
                    WdtSignError::SecretWithoutSalt => (
                        "validation.profile.wdt_secret",
                        "旺店通 secret 中没有分隔 secret 与 salt 的冒号，请按旺店通提供的原样粘贴（secret:salt）".to_string(),
                    ),
                };
                IpcError::new(code, lang.pick(zh, e.to_string()))
            }
            WorkbenchError::MissingSecret(which, profile) => missing_secret(*which, profile, lang),
            WorkbenchError::NoProfile => IpcError::new(
                "validation.call.profile",
                lang.pick::<String>(
                    "没有选择配置：请先在左侧选择或新建一个应用配置".into(),
                    "no profile is selected: choose or create an app profile first".into(),
                ),
            ),
            WorkbenchError::Field { field, zh, en } => IpcError::new(
                format!("validation.call.{field}"),
                lang.pick(format!("{field}：{zh}"), format!("{field}: {en}")),
            ),
            WorkbenchError::Save { path, reason } => IpcError::new(
                "io.save",
                lang.pick::<String>(
                    format!("无法保存到 {path}（{reason}），请换一个有写入权限的位置"),
                    format!("cannot save to {path} ({reason}); choose a place you can write to"),
                ),
            ),
        }
    }
}

fn missing_secret(which: MissingSecret, profile: &str, lang: Lang) -> IpcError {
    let (code, zh, en) = match which {
        MissingSecret::AppSecret => (
            "secret.missing.app_secret",
            format!("配置“{profile}”还没有保存 AppSecret：请在配置中填写 AppSecret 后再发送"),
            format!("profile \"{profile}\" has no AppSecret stored: enter the AppSecret in the profile, then send again"),
        ),
        MissingSecret::WdtSecret => (
            "secret.missing.wdt_secret",
            format!("配置“{profile}”还没有保存旺店通 secret（secret:salt），无法计算 wdt_sign：请在配置中填写旺店通 secret，或关闭“自动计算 wdt_sign”"),
            format!("profile \"{profile}\" has no 旺店通 secret (secret:salt) stored, so wdt_sign cannot be computed: enter the 旺店通 secret in the profile, or turn off \"Compute wdt_sign for me\""),
        ),
        MissingSecret::Session => (
            "secret.missing.session",
            format!("配置“{profile}”还没有授权得到的 session（access_token）：请先在“授权 Session”页完成用户授权，或关闭“带上 session”"),
            format!("profile \"{profile}\" has no session (access_token) yet: complete the user authorisation on the Session page first, or turn off \"Send the session\""),
        ),
    };
    IpcError::new(code, lang.pick(zh, en))
}

fn store_code(e: &StoreError) -> String {
    match e {
        StoreError::Invalid(errors) => match errors.0.first().map(|e| e.field()) {
            Some(field) => format!("validation.profile.{field}"),
            None => "validation.profile".into(),
        },
        StoreError::DuplicateName(_) => "validation.profile.name".into(),
        StoreError::ProfileNotFound(_) => "not_found.profile".into(),
        StoreError::HistoryNotFound(_) => "not_found.history".into(),
        StoreError::BadValue { field, .. } => format!("validation.{field}"),
        other => format!("store.{}", other.code().trim_start_matches("store_")),
    }
}

fn request_code(e: &RequestError) -> String {
    let field = match e {
        RequestError::MissingMethod | RequestError::BadMethod(_) => "method",
        RequestError::MissingAppKey | RequestError::BadAppKey(_) => "app_key",
        RequestError::MissingSecret => return "secret.missing.app_secret".into(),
        RequestError::BadFormat(_) => "format",
        RequestError::SystemParamInParams(_) => "params",
        RequestError::MissingBody => "body",
        RequestError::MissingTargetAppKey => "target_app_key",
    };
    format!("validation.call.{field}")
}

fn request_message(e: &RequestError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        RequestError::MissingMethod => "接口名：请填写接口名称，例如 taobao.time.get".into(),
        RequestError::BadMethod(m) => format!("接口名：“{m}”含有空格或接口名不允许的字符"),
        RequestError::MissingAppKey => {
            "AppKey：请填写控制台显示的 AppKey（纯数字，例如 12345678）".into()
        }
        RequestError::BadAppKey(k) => format!("AppKey：“{k}”只能是数字"),
        RequestError::MissingSecret => "AppSecret 为空：请填写 AppSecret，才能对请求签名".into(),
        RequestError::BadFormat(f) => format!("format：“{f}”只能是 json 或 xml"),
        RequestError::SystemParamInParams(p) => {
            format!("参数：“{p}”是系统参数，请在它自己的输入框中设置")
        }
        RequestError::MissingBody => {
            "请求体：奇门标准接口需要以 <request> 开头的 XML 请求体".into()
        }
        RequestError::MissingTargetAppKey => {
            "target_app_key：奇门云/自定义接口需要填写服务方的 AppKey（旺店通为 21363512）".into()
        }
    }
}

fn client_code(e: &ClientError) -> &'static str {
    match e {
        ClientError::InvalidUrl { .. } => "network.invalid_url",
        ClientError::InvalidProxy { .. } => "network.invalid_proxy",
        ClientError::Setup { .. } => "network.setup",
        ClientError::Connect { .. } => "network.connect",
        ClientError::ConnectTimeout { .. } => "network.connect_timeout",
        ClientError::Timeout { .. } => "network.timeout",
        ClientError::Tls { .. } => "network.tls",
        ClientError::ResponseTooLarge { .. } => "network.too_large",
        ClientError::Transport { .. } => "network.transport",
    }
}

/// The stable code of a network failure (for [`super::CallOutcome::network_error`]).
pub fn network_code(e: &ClientError) -> &'static str {
    client_code(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_dotted_and_messages_follow_the_language() {
        let e = WorkbenchError::Request(RequestError::BadAppKey("12ab".into()));
        let zh = e.to_ipc(Lang::ZhCn);
        let en = e.to_ipc(Lang::En);
        assert_eq!(zh.code, "validation.call.app_key");
        assert_eq!(zh.code, en.code);
        assert!(zh.message.contains("只能是数字"), "{}", zh.message);
        assert!(en.message.starts_with("app_key:"), "{}", en.message);
        let missing = WorkbenchError::MissingSecret(MissingSecret::WdtSecret, "演示".into());
        let en = missing.to_ipc(Lang::En);
        assert_eq!(en.code, "secret.missing.wdt_secret");
        // The message names the missing secret so the user knows what to enter.
        assert!(en.message.contains("旺店通 secret"), "{}", en.message);
        let json = serde_json::to_string(&en).unwrap_or_default();
        assert!(json.starts_with("{\"code\":\"secret.missing.wdt_secret\",\"message\":"));
    }
}
