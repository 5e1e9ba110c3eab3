//! A profile: one app's settings (never its secrets), and the checks a profile form must pass, each
//! naming the field and how to fix it in Chinese and English.

use super::field_errors::{FieldErrors, FieldProblem};
use chrono::{DateTime, Utc};
use qimen_core::protocol::environment::Environment;
use qimen_core::text::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The role the user's system plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProfileRole {
    Wms,
    Erp,
    Crm,
    Pos,
    Other,
}

impl ProfileRole {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            ProfileRole::Wms => "wms",
            ProfileRole::Erp => "erp",
            ProfileRole::Crm => "crm",
            ProfileRole::Pos => "pos",
            ProfileRole::Other => "other",
        }
    }

    /// Reads the stored form; anything unknown (a hand-edited file) is `Other`.
    pub(super) fn from_stored(text: &str) -> ProfileRole {
        match text {
            "wms" => ProfileRole::Wms,
            "erp" => ProfileRole::Erp,
            "crm" => ProfileRole::Crm,
            "pos" => ProfileRole::Pos,
            _ => ProfileRole::Other,
        }
    }
}

impl From<crate::catalog::wdt::Role> for ProfileRole {
    fn from(role: crate::catalog::wdt::Role) -> Self {
        use crate::catalog::wdt::Role;
        match role {
            Role::Wms => ProfileRole::Wms,
            Role::Erp => ProfileRole::Erp,
            Role::Crm => ProfileRole::Crm,
            Role::Pos => ProfileRole::Pos,
        }
    }
}

/// A saved profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Profile {
    pub id: i64,
    pub name: String,
    pub app_key: String,
    pub role: ProfileRole,
    /// A scenario id from the catalogue (e.g. `wms`), or empty.
    pub scenario: String,
    pub environment: Environment,
    pub callback_url: Option<String>,
    pub target_app_key: Option<String>,
    pub customer_id: Option<String>,
    pub wdt_sid: Option<String>,
    pub wdt_appkey: Option<String>,
    /// The first-run demo profile on the local gateway.
    pub is_demo: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a profile form sends; checked by [`ProfileInput::validate`] before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProfileInput {
    pub name: String,
    pub app_key: String,
    pub role: ProfileRole,
    #[serde(default)]
    pub scenario: String,
    pub environment: Environment,
    #[serde(default)]
    pub callback_url: Option<String>,
    #[serde(default)]
    pub target_app_key: Option<String>,
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub wdt_sid: Option<String>,
    #[serde(default)]
    pub wdt_appkey: Option<String>,
    #[serde(default)]
    pub is_demo: bool,
}

impl ProfileInput {
    /// A profile with its name, AppKey, role and environment, and nothing else set yet.
    pub fn new(
        name: impl Into<String>,
        app_key: impl Into<String>,
        role: ProfileRole,
        environment: Environment,
    ) -> ProfileInput {
        ProfileInput {
            name: name.into(),
            app_key: app_key.into(),
            role,
            scenario: String::new(),
            environment,
            callback_url: None,
            target_app_key: None,
            customer_id: None,
            wdt_sid: None,
            wdt_appkey: None,
            is_demo: false,
        }
    }
}

impl From<&Profile> for ProfileInput {
    fn from(p: &Profile) -> Self {
        ProfileInput {
            name: p.name.clone(),
            app_key: p.app_key.clone(),
            role: p.role,
            scenario: p.scenario.clone(),
            environment: p.environment.clone(),
            callback_url: p.callback_url.clone(),
            target_app_key: p.target_app_key.clone(),
            customer_id: p.customer_id.clone(),
            wdt_sid: p.wdt_sid.clone(),
            wdt_appkey: p.wdt_appkey.clone(),
            is_demo: p.is_demo,
        }
    }
}

/// The longest profile name, in characters.
pub const NAME_MAX_CHARS: usize = 60;

/// One field that fails its check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum ProfileError {
    /// Blank, too long, or with control characters.
    Name(String),
    /// Not 1–20 digits.
    AppKey(String),
    /// Not letters, digits, `_`, `-`, `.` (up to 64).
    Scenario(String),
    /// A URL environment or local gateway address that is not http(s), or a bad router code.
    Environment(String),
    /// Not an http(s) URL with a host and no `#…` part.
    CallbackUrl(String),
    /// Not 1–20 digits.
    TargetAppKey(String),
    /// Spaces, control characters or more than 64 characters.
    CustomerId(String),
    WdtSid(String),
    WdtAppkey(String),
}

impl ProfileError {
    /// The form field this error belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            ProfileError::Name(_) => "name",
            ProfileError::AppKey(_) => "app_key",
            ProfileError::Scenario(_) => "scenario",
            ProfileError::Environment(_) => "environment",
            ProfileError::CallbackUrl(_) => "callback_url",
            ProfileError::TargetAppKey(_) => "target_app_key",
            ProfileError::CustomerId(_) => "customer_id",
            ProfileError::WdtSid(_) => "wdt_sid",
            ProfileError::WdtAppkey(_) => "wdt_appkey",
        }
    }

    /// What is wrong and how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            ProfileError::Name(_) if zh => format!("名称：请输入 1–{NAME_MAX_CHARS} 个字符，不能只有空格或包含控制字符。"),
            ProfileError::Name(_) => format!("name: enter 1 to {NAME_MAX_CHARS} characters, not only spaces and without control characters"),
            ProfileError::AppKey(v) if zh => format!("AppKey：“{v}”应为 1–20 位数字，即开放平台控制台中显示的 AppKey，例如 12345678。"),
            ProfileError::AppKey(v) => format!("app_key: \"{v}\" must be 1 to 20 digits, the AppKey shown in the console, e.g. 12345678"),
            ProfileError::Scenario(v) if zh => format!("场景：“{v}”只能包含字母、数字、_、-、.，最多 64 个字符；请从列表中选择。"),
            ProfileError::Scenario(v) => format!("scenario: \"{v}\" may hold letters, digits, '_', '-' and '.' only (up to 64); pick one from the list"),
            ProfileError::Environment(v) if zh => format!("环境：“{v}”无效；自定义地址须以 http:// 或 https:// 开头并包含主机名，路由代码只能是字母和数字。"),
            ProfileError::Environment(v) => format!("environment: \"{v}\" is not valid; a custom address must start with http:// or https:// and name a host, a router code is letters and digits only"),
            ProfileError::CallbackUrl(v) if zh => format!("回调地址：“{v}”须是以 http:// 或 https:// 开头、包含主机名、不带 # 部分的地址，并与应用在开放平台登记的回调地址一致。"),
            ProfileError::CallbackUrl(v) => format!("callback_url: \"{v}\" must be an http:// or https:// address with a host and no #… part, the same as the callback URL registered for the app"),
            ProfileError::TargetAppKey(v) if zh => format!("目标 AppKey：“{v}”应为 1–20 位数字（旺店通为 21363512）。"),
            ProfileError::TargetAppKey(v) => format!("target_app_key: \"{v}\" must be 1 to 20 digits (旺店通: 21363512)"),
            ProfileError::CustomerId(v) if zh => format!("customerId：“{v}”不能包含空格或控制字符，最多 64 个字符；请填写对方提供的 customerId。"),
            ProfileError::CustomerId(v) => format!("customer_id: \"{v}\" must have no spaces or control characters and at most 64 characters; use the customerId the counterpart gave you"),
            ProfileError::WdtSid(v) if zh => format!("旺店通卖家账号（sid）：“{v}”不能包含空格或控制字符，最多 64 个字符。"),
            ProfileError::WdtSid(v) => format!("wdt_sid: \"{v}\" (the 旺店通 seller account) must have no spaces or control characters and at most 64 characters"),
            ProfileError::WdtAppkey(v) if zh => format!("旺店通 appkey：“{v}”不能包含空格或控制字符，最多 64 个字符。"),
            ProfileError::WdtAppkey(v) => format!("wdt_appkey: \"{v}\" must have no spaces or control characters and at most 64 characters"),
        }
    }
}

/// Every failing field of one form.
pub type ProfileErrors = FieldErrors<ProfileError>;

impl FieldProblem for ProfileError {
    fn field(&self) -> &'static str {
        ProfileError::field(self)
    }

    fn message(&self, lang: Lang) -> String {
        ProfileError::message(self, lang)
    }
}

impl ProfileInput {
    /// The input trimmed, blank optional fields turned into `None`, and every field checked.
    pub fn validate(&self) -> Result<ProfileInput, ProfileErrors> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_string();
        let name_len = name.chars().count();
        if name_len == 0 || name_len > NAME_MAX_CHARS || name.chars().any(char::is_control) {
            errors.push(ProfileError::Name(name.clone()));
        }
        let app_key = self.app_key.trim().to_string();
        if !is_app_key(&app_key) {
            errors.push(ProfileError::AppKey(app_key.clone()));
        }
        let scenario = self.scenario.trim().to_string();
        if scenario.chars().count() > 64
            || !scenario
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            errors.push(ProfileError::Scenario(scenario.clone()));
        }
        let environment = match check_environment(&self.environment) {
            Ok(env) => env,
            Err(text) => {
                errors.push(ProfileError::Environment(text));
                self.environment.clone()
            }
        };
        let callback_url = optional(&self.callback_url);
        if let Some(url) = &callback_url {
            if !is_callback_url(url) {
                errors.push(ProfileError::CallbackUrl(url.clone()));
            }
        }
        let target_app_key = optional(&self.target_app_key);
        if let Some(v) = &target_app_key {
            if !is_app_key(v) {
                errors.push(ProfileError::TargetAppKey(v.clone()));
            }
        }
        let customer_id = optional(&self.customer_id);
        let wdt_sid = optional(&self.wdt_sid);
        let wdt_appkey = optional(&self.wdt_appkey);
        for (value, make) in [
            (
                &customer_id,
                ProfileError::CustomerId as fn(String) -> ProfileError,
            ),
            (&wdt_sid, ProfileError::WdtSid),
            (&wdt_appkey, ProfileError::WdtAppkey),
        ] {
            if let Some(v) = value {
                if !is_token(v) {
                    errors.push(make(v.clone()));
                }
            }
        }
        if !errors.is_empty() {
            return Err(FieldErrors(errors));
        }
        Ok(ProfileInput {
            name,
            app_key,
            role: self.role,
            scenario,
            environment,
            callback_url,
            target_app_key,
            customer_id,
            wdt_sid,
            wdt_appkey,
            is_demo: self.is_demo,
        })
    }
}

fn optional(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn is_app_key(v: &str) -> bool {
    (1..=20).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())
}

/// An identifier someone else hands out: anything printable without spaces, up to 64 characters.
fn is_token(v: &str) -> bool {
    v.chars().count() <= 64 && !v.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_callback_url(v: &str) -> bool {
    match url::Url::parse(v) {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| !h.is_empty())
                && u.fragment().is_none()
                && v.len() <= 2048
        }
        Err(_) => false,
    }
}

/// Checks the user-typed parts of an environment with the same parser the CLI uses, and returns it
/// with those parts trimmed.
fn check_environment(env: &Environment) -> Result<Environment, String> {
    let is_url = |text: &str| matches!(Environment::parse(text), Ok(Environment::Url { .. }));
    match env {
        Environment::Local { base_url } => {
            let t = base_url.trim();
            if is_url(t) {
                Ok(Environment::Local {
                    base_url: t.to_string(),
                })
            } else {
                Err(t.to_string())
            }
        }
        Environment::Url { url } => {
            let t = url.trim();
            if is_url(t) {
                Ok(Environment::Url { url: t.to_string() })
            } else {
                Err(t.to_string())
            }
        }
        Environment::ProviderRouter { code, test } => {
            let t = code.trim();
            match Environment::parse(&format!("router:{t}")) {
                Ok(_) => Ok(Environment::ProviderRouter {
                    code: t.to_string(),
                    test: *test,
                }),
                Err(_) => Err(t.to_string()),
            }
        }
        other => Ok(other.clone()),
    }
}
