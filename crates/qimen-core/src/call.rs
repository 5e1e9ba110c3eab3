//! The one way a call is built: from what a person or a command line describes ([`CallDraft`]),
//! what the caller's account supplies where the draft is silent ([`CallDefaults`]), what the API
//! catalogue knows of the method ([`ApiHints`]) and the secrets asked for at this moment, to the
//! signed [`PreparedRequest`]. The console, history re-send, the command line and repro replay all
//! come through [`build`], so they decide the family, where each parameter travels, how a body is
//! read and where 旺店通's `secret:salt` is split in exactly one place.

use crate::clock::Clock;
use crate::platform::{is_wdt_router_method, WDT_TARGET_APP_KEY};
use crate::protocol::environment::Environment;
use crate::protocol::request::{prepare, CallSpec, PreparedRequest, RawBody, RequestError};
use crate::protocol::ApiFamily;
use crate::sensitive::SecretString;
use crate::sign::wdt::{wdt_signing_secret, WdtSignError};
use crate::sign::{
    explain_wdt, extend_props_with_wdt_sign, is_blank, wdt_flavour_for, wdt_sign, Params,
    SignMethod, WdtFlavour, WdtSignExplanation,
};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// One parameter row, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParamRow {
    pub key: String,
    pub value: String,
}

/// 旺店通 options of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WdtOptions {
    /// Compute `wdt_sign` with the account's 旺店通 secret (a parameter for the custom APIs, a
    /// member of `extendProps` for the official CRM API).
    pub compute: bool,
}

/// A call as a person or a command line describes it. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CallDraft {
    pub method: String,
    /// Null = the catalogue's, else from the method name.
    #[serde(default)]
    pub family: Option<ApiFamily>,
    pub sign_method: SignMethod,
    /// `json` or `xml`; null = the family's usual one.
    #[serde(default)]
    pub format: Option<String>,
    /// Business parameters in the order typed.
    #[serde(default)]
    pub params: Vec<ParamRow>,
    /// The XML / JSON body of a Qimen call.
    #[serde(default)]
    pub body: Option<String>,
    /// Null = the catalogue's, then the account's, then 旺店通's for a 旺店通 API.
    #[serde(default)]
    pub target_app_key: Option<String>,
    /// Null = the account's.
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub use_session: bool,
    #[serde(default)]
    pub wdt: WdtOptions,
}

/// What the caller's account supplies where the draft says nothing: a profile of the app, or the
/// command line's flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallDefaults {
    pub app_key: String,
    /// Qimen cloud calls only.
    pub target_app_key: Option<String>,
    /// Qimen standard calls only.
    pub customer_id: Option<String>,
    /// 旺店通 seller account (`sid`; `customerid` of the CRM API), filled when `wdt_sign` is computed.
    pub wdt_sid: Option<String>,
    /// 旺店通 interface account (`appkey`; `wdt_appkey` in `extendProps` of the CRM API).
    pub wdt_appkey: Option<String>,
}

/// What an API catalogue knows of the method; all `None` for an API it does not document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApiHints<'a> {
    pub family: Option<ApiFamily>,
    pub target_app_key: Option<&'a str>,
    pub wdt_flavour: Option<WdtFlavour>,
}

/// The secrets a call may need; [`build`] asks for each one only when the draft needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallSecret {
    AppSecret,
    /// The session (access token), for a draft with `use_session`.
    Session,
    /// 旺店通's `secret:salt` (or the secret alone), for a draft that computes `wdt_sign`.
    WdtSecret,
}

/// A call signed and ready to send, with how its `wdt_sign` was made.
#[derive(Debug, Clone)]
pub struct BuiltCall {
    pub prepared: PreparedRequest,
    pub wdt: Option<WdtSignExplanation>,
}

/// A draft that cannot become a request; each names the field and how to fix it, in both languages.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CallError {
    #[error("{field}: {en}")]
    Field {
        field: String,
        zh: String,
        en: String,
    },
    #[error(transparent)]
    Request(#[from] RequestError),
}

impl CallError {
    fn field(field: &str, zh: impl Into<String>, en: impl Into<String>) -> CallError {
        CallError::Field {
            field: field.to_string(),
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl From<WdtSignError> for CallError {
    fn from(error: WdtSignError) -> Self {
        CallError::field(
            "extendProps",
            format!("extendProps 必须是 JSON 对象（{error}）"),
            error.to_string(),
        )
    }
}

/// Whether 旺店通 serves `method`: a custom API under one of its router codes, or the official CRM
/// API (with or without its `qimen.` prefix).
pub fn is_wdt_method(method: &str) -> bool {
    is_wdt_router_method(method) || wdt_flavour_for(method) == WdtFlavour::OfficialCrm
}

/// The family of a call: the draft's, else the catalogue's, else the method name's.
pub fn family_of(draft: &CallDraft, hints: &ApiHints<'_>) -> ApiFamily {
    draft
        .family
        .or(hints.family)
        .unwrap_or_else(|| ApiFamily::for_method(&draft.method))
}

/// A body as typed: JSON when it starts with `{` or `[`, XML when it starts with `<`; blank is none.
pub fn read_body(text: &str) -> Result<Option<RawBody>, CallError> {
    let trimmed = text.trim_start();
    match trimmed.chars().next() {
        None => Ok(None),
        Some('<') => Ok(Some(RawBody::xml(text))),
        Some('{') | Some('[') => Ok(Some(RawBody::json(text))),
        Some(_) => Err(CallError::field(
            "body",
            "请求体应为 XML（以 < 开头）或 JSON（以 { 或 [ 开头）",
            "the body must be XML (starting with <) or JSON (starting with { or [)",
        )),
    }
}

/// Signs the call `draft` describes for `environment`. `secret` is asked for each secret the draft
/// needs, at this moment; its error type is the caller's, so a missing secret is reported in the
/// caller's terms.
pub fn build<E: From<CallError>>(
    draft: &CallDraft,
    defaults: &CallDefaults,
    hints: &ApiHints<'_>,
    environment: &Environment,
    clock: &dyn Clock,
    mut secret: impl FnMut(CallSecret) -> Result<SecretString, E>,
) -> Result<BuiltCall, E> {
    let method = draft.method.trim().to_string();
    let family = family_of(draft, hints);
    let mut spec = CallSpec::new(family, method.clone(), defaults.app_key.trim());
    spec.sign_method = draft.sign_method;
    spec.format = non_blank(draft.format.as_deref());
    spec.params = params_of(&draft.params)?;
    spec.target_app_key = non_blank(draft.target_app_key.as_deref()).or_else(|| {
        (family == ApiFamily::QimenCloud)
            .then(|| {
                hints
                    .target_app_key
                    .map(str::to_string)
                    .or_else(|| defaults.target_app_key.clone())
                    .or_else(|| is_wdt_method(&method).then(|| WDT_TARGET_APP_KEY.to_string()))
            })
            .flatten()
    });
    spec.customer_id = non_blank(draft.customer_id.as_deref()).or_else(|| {
        (family == ApiFamily::QimenStandard)
            .then(|| defaults.customer_id.clone())
            .flatten()
    });
    spec.body = match draft.body.as_deref() {
        Some(text) => read_body(text)?,
        None => None,
    };
    let wdt = if draft.wdt.compute {
        let flavour = hints
            .wdt_flavour
            .unwrap_or_else(|| wdt_flavour_for(&method));
        let full = secret(CallSecret::WdtSecret)?;
        Some(add_wdt_sign(&mut spec, defaults, flavour, &full)?)
    } else {
        None
    };
    if draft.use_session {
        spec.session = Some(secret(CallSecret::Session)?);
    }
    let app_secret = secret(CallSecret::AppSecret)?;
    let prepared = prepare(&spec, &environment.endpoint(family), &app_secret, clock)
        .map_err(CallError::from)?;
    Ok(BuiltCall { prepared, wdt })
}

fn non_blank(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// The rows as parameters: blank rows skipped, a value without a key or a key twice refused.
fn params_of(rows: &[ParamRow]) -> Result<Params, CallError> {
    let mut params = Params::new();
    for row in rows {
        let key = row.key.trim();
        if key.is_empty() {
            if is_blank(&row.value) {
                continue;
            }
            return Err(CallError::field(
                "params",
                format!("值“{}”没有参数名，请填写参数名或删除这一行", row.value),
                format!(
                    "the value \"{}\" has no name; enter the parameter name or remove the row",
                    row.value
                ),
            ));
        }
        if params.insert(key.to_string(), row.value.clone()).is_some() {
            return Err(CallError::field(
                key,
                "参数名重复出现，请只保留一行",
                "this parameter appears twice; keep one row",
            ));
        }
    }
    Ok(params)
}

/// The parameters an account's defaults supply for a 旺店通 API of `flavour`: the custom APIs take
/// `sid` and `appkey`, the official CRM API `customerid` and `extendProps` with `wdt_appkey`. The
/// builder fills them where a call leaves them blank, and the console shows them filled in.
pub fn account_params(flavour: WdtFlavour, defaults: &CallDefaults) -> Vec<(&'static str, String)> {
    let pairs = match flavour {
        WdtFlavour::Custom => vec![
            ("sid", defaults.wdt_sid.clone()),
            ("appkey", defaults.wdt_appkey.clone()),
        ],
        WdtFlavour::OfficialCrm => vec![
            ("customerid", defaults.wdt_sid.clone()),
            (
                "extendProps",
                defaults
                    .wdt_appkey
                    .as_ref()
                    .map(|k| serde_json::json!({ "wdt_appkey": k }).to_string()),
            ),
        ],
    };
    pairs
        .into_iter()
        .filter_map(|(key, value)| value.filter(|v| !is_blank(v)).map(|v| (key, v)))
        .collect()
}

/// Fills the 旺店通 account from the defaults where the call leaves it out, then computes
/// `wdt_sign` over the business parameters and `method`, and puts it where the flavour carries it.
fn add_wdt_sign(
    spec: &mut CallSpec,
    defaults: &CallDefaults,
    flavour: WdtFlavour,
    full_secret: &SecretString,
) -> Result<WdtSignExplanation, CallError> {
    for (key, value) in account_params(flavour, defaults) {
        if spec.params.get(key).is_none_or(|old| is_blank(old)) {
            spec.params.insert(key.to_string(), value);
        }
    }
    if flavour == WdtFlavour::OfficialCrm
        && spec.params.get("extendProps").is_none_or(|p| is_blank(p))
    {
        return Err(CallError::field(
            "extendProps",
            "官方 CRM 接口把 wdt_sign 放在 extendProps 中：请填写 {\"wdt_appkey\":\"…\",\"wdt_salt\":\"…\"}，或在配置中填写旺店通 appkey",
            "the CRM API carries wdt_sign inside extendProps: enter {\"wdt_appkey\":\"…\",\"wdt_salt\":\"…\"}, or set the 旺店通 appkey in the profile",
        ));
    }
    let signing = wdt_signing_secret(full_secret);
    let mut signed = spec.params.clone();
    signed.remove("wdt_sign");
    signed.insert("method".into(), spec.method.trim().to_string());
    let sign = wdt_sign(&signed, signing.expose(), flavour);
    let explanation = explain_wdt(&signed, signing.expose(), flavour);
    match flavour {
        WdtFlavour::Custom => {
            spec.params.insert("wdt_sign".into(), sign);
        }
        WdtFlavour::OfficialCrm => {
            let props = spec.params.get("extendProps").cloned().unwrap_or_default();
            let with_sign = extend_props_with_wdt_sign(&props, &sign)?;
            spec.params.insert("extendProps".into(), with_sign);
        }
    }
    Ok(explanation)
}

#[cfg(test)]
#[path = "call_tests.rs"]
mod tests;
