//! The app-creation details of document 003 §三.4 as a form: the app name, whether it is published,
//! the developer's email and mobile phone (from registration, §三.2), and the login name of the
//! client account Qimen verifies (§三.3.3). Each field is checked with a message that names it and
//! says how to fix it, in Chinese and English. Nothing here is secret: the AppSecret and the client
//! password are kept in the keyring.

use crate::store::field_errors::{FieldErrors, FieldProblem};
use chrono::{DateTime, Utc};
use qimen_core::text::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest app name, in characters.
pub const APP_NAME_MAX_CHARS: usize = 60;
/// The longest client login name, in characters.
pub const LOGIN_NAME_MAX_CHARS: usize = 64;

/// What the details form sends (the non-secret part).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppDetailsInput {
    /// "APP名称": chosen after the system name used in the application.
    pub app_name: String,
    /// The app was published ("发布应用").
    #[serde(default)]
    pub published: bool,
    #[serde(default)]
    pub developer_email: Option<String>,
    /// A mainland mobile number: 11 digits starting with 1 (`+86` and separators are accepted).
    #[serde(default)]
    pub developer_phone: Option<String>,
    /// The login name of the business client account for Qimen's verification.
    #[serde(default)]
    pub client_login_name: Option<String>,
}

/// The saved details of one profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppDetails {
    pub app_name: String,
    pub published: bool,
    pub developer_email: Option<String>,
    pub developer_phone: Option<String>,
    pub client_login_name: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// One field that fails its check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum AppDetailsError {
    AppName(String),
    DeveloperEmail(String),
    DeveloperPhone(String),
    ClientLoginName(String),
}

impl AppDetailsError {
    /// The form field this error belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            AppDetailsError::AppName(_) => "app_name",
            AppDetailsError::DeveloperEmail(_) => "developer_email",
            AppDetailsError::DeveloperPhone(_) => "developer_phone",
            AppDetailsError::ClientLoginName(_) => "client_login_name",
        }
    }

    /// What is wrong and how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            AppDetailsError::AppName(_) if zh => format!("APP名称：请填写 1–{APP_NAME_MAX_CHARS} 个字符，不能只有空格或包含控制字符；通常与申请时的系统名称一致。"),
            AppDetailsError::AppName(_) => format!("app_name: enter 1 to {APP_NAME_MAX_CHARS} characters, not only spaces and without control characters; usually the system name used in the application"),
            AppDetailsError::DeveloperEmail(v) if zh => format!("开发者邮箱：“{v}”不是有效的邮箱地址，请写成 name@example.com 的形式（注册开放平台时填写的邮箱）。"),
            AppDetailsError::DeveloperEmail(v) => format!("developer_email: \"{v}\" is not an email address; write it as name@example.com (the email given when registering on the open platform)"),
            AppDetailsError::DeveloperPhone(v) if zh => format!("开发者手机：“{v}”不是中国大陆手机号，请填写以 1 开头的 11 位数字，例如 13800138000（可带 +86）。"),
            AppDetailsError::DeveloperPhone(v) => format!("developer_phone: \"{v}\" is not a mainland China mobile number; enter 11 digits starting with 1, e.g. 13800138000 (+86 may be added)"),
            AppDetailsError::ClientLoginName(v) if zh => format!("客户端登录账号：“{v}”不能包含空白或控制字符，最多 {LOGIN_NAME_MAX_CHARS} 个字符；密码请填在单独的密码框中。"),
            AppDetailsError::ClientLoginName(v) => format!("client_login_name: \"{v}\" must have no spaces or control characters and at most {LOGIN_NAME_MAX_CHARS} characters; put the password in its own field"),
        }
    }
}

/// Every failing field of one form.
pub type AppDetailsErrors = FieldErrors<AppDetailsError>;

impl FieldProblem for AppDetailsError {
    fn field(&self) -> &'static str {
        AppDetailsError::field(self)
    }

    fn message(&self, lang: Lang) -> String {
        AppDetailsError::message(self, lang)
    }
}

/// Details that passed [`AppDetailsInput::validate`]: trimmed, blank optional fields `None`, the
/// phone as its 11 digits. Only validation makes one, so the store never writes unchecked values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAppDetails(pub(super) AppDetailsInput);

impl ValidAppDetails {
    pub fn get(&self) -> &AppDetailsInput {
        &self.0
    }
}

fn optional(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// `name@domain.tld`: one `@`, a local part without spaces, a domain of dot-separated labels made of
/// letters, digits and `-`, with at least one dot.
pub fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    v.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '@')
        && domain.contains('.')
        && domain.split('.').all(label_ok)
}

/// The 11 digits of a mainland mobile number (`1` then `3`–`9` then 9 digits), after dropping
/// spaces, hyphens and a `+86` / `86` prefix; `None` when it is not one.
pub fn mainland_mobile(v: &str) -> Option<String> {
    let digits: String = v
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .or_else(|| {
            (digits.len() == 13)
                .then(|| digits.strip_prefix("86"))
                .flatten()
        })
        .unwrap_or(digits.as_str());
    let bytes = digits.as_bytes();
    let ok = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    ok.then(|| digits.to_string())
}

impl AppDetailsInput {
    /// The input trimmed and checked field by field.
    pub fn validate(&self) -> Result<ValidAppDetails, AppDetailsErrors> {
        let mut errors = Vec::new();
        let app_name = self.app_name.trim().to_string();
        let len = app_name.chars().count();
        if len == 0 || len > APP_NAME_MAX_CHARS || app_name.chars().any(char::is_control) {
            errors.push(AppDetailsError::AppName(app_name.clone()));
        }
        let developer_email = optional(&self.developer_email);
        if let Some(email) = &developer_email {
            if !is_email(email) {
                errors.push(AppDetailsError::DeveloperEmail(email.clone()));
            }
        }
        let developer_phone = match optional(&self.developer_phone) {
            None => None,
            Some(phone) => match mainland_mobile(&phone) {
                Some(digits) => Some(digits),
                None => {
                    errors.push(AppDetailsError::DeveloperPhone(phone));
                    None
                }
            },
        };
        let client_login_name = optional(&self.client_login_name);
        if let Some(name) = &client_login_name {
            if name.chars().count() > LOGIN_NAME_MAX_CHARS
                || name.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                errors.push(AppDetailsError::ClientLoginName(name.clone()));
            }
        }
        if !errors.is_empty() {
            return Err(FieldErrors(errors));
        }
        Ok(ValidAppDetails(AppDetailsInput {
            app_name,
            published: self.published,
            developer_email,
            developer_phone,
            client_login_name,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        assert!(is_email("dev@example.com"));
        assert!(is_email("张三@例子.中国"));
        for bad in [
            "dev",
            "dev@",
            "@example.com",
            "dev@example",
            "a b@example.com",
            "dev@-x.com",
            "a@b..com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones_are_mainland_mobiles_of_eleven_digits() {
        assert_eq!(
            mainland_mobile("138 0013 8000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            mainland_mobile("+86 13800138000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            mainland_mobile("8613800138000").as_deref(),
            Some("13800138000")
        );
        // Ten digits, a landline, a second digit below 3, letters.
        for bad in [
            "1380013800",
            "01088886666",
            "12800138000",
            "1380013800a",
            "23800138000",
        ] {
            assert_eq!(mainland_mobile(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_failing_field_is_named_in_both_languages() {
        let input = AppDetailsInput {
            app_name: "  ".into(),
            published: true,
            developer_email: Some("dev.example.com".into()),
            developer_phone: Some("12345".into()),
            client_login_name: Some("two words".into()),
        };
        let errors = input.validate().unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(AppDetailsError::field).collect();
        assert_eq!(
            fields,
            [
                "app_name",
                "developer_email",
                "developer_phone",
                "client_login_name"
            ]
        );
        let en = errors.message(Lang::En);
        assert!(
            en.contains("developer_phone: \"12345\"") && en.contains("11 digits"),
            "{en}"
        );
        let zh = errors.message(Lang::ZhCn);
        assert!(
            zh.contains("开发者邮箱") && zh.contains("name@example.com"),
            "{zh}"
        );
    }

    #[test]
    fn valid_input_is_trimmed_and_normalised() {
        let input = AppDetailsInput {
            app_name: " 演示财务系统 ".into(),
            published: false,
            developer_email: Some(" ".into()),
            developer_phone: Some("+86 138-0013-8000".into()),
            client_login_name: None,
        };
        let valid = input.validate().unwrap();
        assert_eq!(valid.get().app_name, "演示财务系统");
        // A blank optional field is no value, not an error.
        assert_eq!(valid.get().developer_email, None);
        assert_eq!(valid.get().developer_phone.as_deref(), Some("13800138000"));
    }
}
