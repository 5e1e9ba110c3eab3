//! 旺店通's own `wdt_sign` (domain reference §5): the 旺店通 provider behind Qimen checks it on top of
//! the Qimen `sign`, with the 旺店通 secret (the part before `:` of the `secret:salt` it hands out).
//!
//! `wdt_sign = lower-hex md5(wdtSecret + SER + wdtSecret)`. SER, as the published helpers build it
//! (PHP `WdtUtils`, Java `QiMenUtils`, C# `WdtUtils`, which agree):
//! - the business parameters plus `method`: the TOP system parameters (`app_key`, `timestamp`,
//!   `target_app_key`, …) are not part of it; neither are `wdt_sign` and `wdt3_customer_id`, at any
//!   depth; blank values are dropped because the TOP client never sends them;
//! - keys in ordinal order, each written as `key` then its value;
//! - a value that is a JSON object or array is decoded and written the same way, recursively: object
//!   keys sorted, `null` members skipped, array elements one after the other (no index), booleans as
//!   `true`/`false`, numbers as JSON writes them (`20`, `1.5`), strings that hold JSON decoded again.
//!
//! Two flavours: [`WdtFlavour::Custom`] for the custom APIs (`hu3cgwt0tc.wdt.trade.query`, the router
//! code before `wdt.` is stripped from the method), and [`WdtFlavour::OfficialCrm`] for
//! `qimen.taobao.crm.order.detail.get`, which signs only [`CRM_SIGNED_FIELDS`] with a leading `qimen.`
//! stripped, and carries `wdt_sign` inside its `extendProps` JSON.
//!
//! Where the helpers disagree (rare values), this follows the majority and says so: a `null` member
//! is skipped (Java, C#, Python; PHP writes the key alone); a decimal keeps JSON's shortest form
//! (`1.50` → `1.5`; Java keeps `1.50`).

use super::explain::mask_signed_string;
use super::{is_blank, Params};
use crate::protocol::request::SYSTEM_PARAMS;
use crate::sensitive::SecretString;
use md5::{Digest, Md5};
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

/// The method name of the official CRM API that 旺店通 serves through Qimen.
pub const WDT_CRM_METHOD: &str = "qimen.taobao.crm.order.detail.get";

/// The same name without its `qimen.` prefix, as some SDK copies send it and as it is signed.
pub const WDT_CRM_METHOD_BARE: &str = "taobao.crm.order.detail.get";

/// The only parameters the official CRM flavour signs.
pub const CRM_SIGNED_FIELDS: [&str; 9] = [
    "pageNo",
    "pageSize",
    "fields",
    "extendProps",
    "customerid",
    "method",
    "sd_code",
    "startModified",
    "endModified",
];

/// Never signed, at any depth.
pub const WDT_EXCLUDED_KEYS: [&str; 2] = ["wdt_sign", "wdt3_customer_id"];

/// Which `wdt_sign` rule an API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum WdtFlavour {
    /// 旺店通 custom APIs (企业版 `hu3cgwt0tc.wdt.*`, 旗舰版 `wdt.*`).
    Custom,
    /// The official Qimen CRM API `qimen.taobao.crm.order.detail.get`.
    OfficialCrm,
}

/// The flavour for an API name: the CRM API with or without its `qimen.` prefix, else custom.
pub fn wdt_flavour_for(method: &str) -> WdtFlavour {
    let method = method.trim();
    if method.strip_prefix("qimen.").unwrap_or(method) == WDT_CRM_METHOD_BARE {
        WdtFlavour::OfficialCrm
    } else {
        WdtFlavour::Custom
    }
}

/// The `method` value as it enters SER: custom APIs lose their router code unless the name
/// already starts with `wdt.` (`hu3cgwt0tc.wdt.trade.query` → `wdt.trade.query`); the CRM API
/// loses a leading `qimen.`.
pub fn wdt_method_as_signed(method: &str, flavour: WdtFlavour) -> String {
    let stripped = match flavour {
        WdtFlavour::Custom if method.starts_with("wdt.") => method,
        WdtFlavour::Custom => method.split_once('.').map_or(method, |(_, rest)| rest),
        WdtFlavour::OfficialCrm => method.strip_prefix("qimen.").unwrap_or(method),
    };
    stripped.to_string()
}

/// Why a top-level parameter is not part of SER.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum WdtDropReason {
    /// A TOP system parameter (custom flavour): only business parameters and `method` count.
    SystemParam,
    /// `wdt_sign` or `wdt3_customer_id`.
    ExcludedByWdt,
    /// Blank: the TOP client does not send it.
    BlankValue,
    /// Not one of [`CRM_SIGNED_FIELDS`] (official CRM flavour).
    NotInCrmFieldList,
}

/// The rule for one top-level parameter: `None` when it is part of SER, otherwise why not.
pub(crate) fn wdt_drop_reason(
    key: &str,
    value: &str,
    flavour: WdtFlavour,
) -> Option<WdtDropReason> {
    if WDT_EXCLUDED_KEYS.contains(&key) {
        Some(WdtDropReason::ExcludedByWdt)
    } else if flavour == WdtFlavour::OfficialCrm && !CRM_SIGNED_FIELDS.contains(&key) {
        Some(WdtDropReason::NotInCrmFieldList)
    } else if flavour == WdtFlavour::Custom && key != "method" && SYSTEM_PARAMS.contains(&key) {
        Some(WdtDropReason::SystemParam)
    } else if is_blank(key) || is_blank(value) {
        Some(WdtDropReason::BlankValue)
    } else {
        None
    }
}

/// One signed top-level parameter: its key and what follows the key in SER.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct WdtSignedPart {
    pub key: String,
    pub serialised: String,
    /// The value was a JSON object or array and was serialised from its decoded form.
    pub decoded_json: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct WdtDroppedParam {
    pub key: String,
    pub reason: WdtDropReason,
}

/// Every step of a `wdt_sign`, secret masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct WdtSignExplanation {
    pub flavour: WdtFlavour,
    /// `method` after stripping, `None` when the params have no `method` (then the sign cannot
    /// match what 旺店通 computes).
    pub method_as_signed: Option<String>,
    pub kept: Vec<WdtSignedPart>,
    pub dropped: Vec<WdtDroppedParam>,
    /// `wdtSecret + SER + wdtSecret` with the secret masked.
    pub string_to_sign_masked: String,
    /// Lower-case hex: the `wdt_sign` value.
    pub digest: String,
}

/// SER for `params` (all the request's parameters, `method` included).
pub fn wdt_string_to_sign(params: &Params, flavour: WdtFlavour) -> String {
    signed_parts(params, flavour)
        .0
        .into_iter()
        .fold(String::new(), |mut s, part| {
            s.push_str(&part.key);
            s.push_str(&part.serialised);
            s
        })
}

/// The `wdt_sign` of a request; `params` are all its parameters, `method` included.
pub fn wdt_sign(params: &Params, wdt_secret: &str, flavour: WdtFlavour) -> String {
    wdt_digest(&wdt_string_to_sign(params, flavour), wdt_secret)
}

/// Explains the `wdt_sign` of `params`.
pub fn explain_wdt(params: &Params, wdt_secret: &str, flavour: WdtFlavour) -> WdtSignExplanation {
    let (kept, dropped) = signed_parts(params, flavour);
    let ser: String = kept
        .iter()
        .map(|p| format!("{}{}", p.key, p.serialised))
        .collect();
    let method_as_signed = kept
        .iter()
        .find(|p| p.key == "method")
        .map(|p| p.serialised.clone());
    WdtSignExplanation {
        flavour,
        method_as_signed,
        string_to_sign_masked: mask_signed_string(&ser, wdt_secret, true),
        digest: wdt_digest(&ser, wdt_secret),
        kept,
        dropped,
    }
}

/// `wdt_sign` of an already built SER: lower-case hex md5 with the secret at both ends.
pub(crate) fn wdt_digest(ser: &str, wdt_secret: &str) -> String {
    let mut md5 = Md5::new();
    md5.update(wdt_secret.as_bytes());
    md5.update(ser.as_bytes());
    md5.update(wdt_secret.as_bytes());
    hex::encode(md5.finalize())
}

fn signed_parts(
    params: &Params,
    flavour: WdtFlavour,
) -> (Vec<WdtSignedPart>, Vec<WdtDroppedParam>) {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    // `Params` iterates in ordinal key order, which is SER's order.
    for (key, value) in params {
        if let Some(reason) = wdt_drop_reason(key, value, flavour) {
            dropped.push(WdtDroppedParam {
                key: key.clone(),
                reason,
            });
            continue;
        }
        let mut serialised = String::new();
        let decoded_json = if key == "method" {
            serialised.push_str(&wdt_method_as_signed(value, flavour));
            false
        } else {
            append_text(&mut serialised, value)
        };
        kept.push(WdtSignedPart {
            key: key.clone(),
            serialised,
            decoded_json,
        });
    }
    (kept, dropped)
}

/// Appends a string value: decoded and serialised when it holds a JSON object or array, as is
/// otherwise. Returns whether it was decoded.
pub(crate) fn append_text(out: &mut String, text: &str) -> bool {
    match json_container(text) {
        Some(value) => {
            append_json(out, &value);
            true
        }
        None => {
            out.push_str(text);
            false
        }
    }
}

/// The helpers decode a string only when, trimmed, it is wrapped in `{}` or `[]` and parses.
fn json_container(text: &str) -> Option<Value> {
    let t = text.trim();
    let wrapped =
        (t.starts_with('{') && t.ends_with('}')) || (t.starts_with('[') && t.ends_with(']'));
    if wrapped {
        serde_json::from_str(t).ok()
    } else {
        None
    }
}

fn append_json(out: &mut String, value: &Value) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => {
            append_text(out, s);
        }
        Value::Array(items) => items.iter().for_each(|item| append_json(out, item)),
        Value::Object(map) => {
            // Sorted here, whatever order the JSON map keeps.
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            for (key, member) in members {
                if member.is_null() || WDT_EXCLUDED_KEYS.contains(&key.as_str()) {
                    continue;
                }
                out.push_str(key);
                append_json(out, member);
            }
        }
    }
}

/// Problems with 旺店通 inputs, each naming the field.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum WdtSignError {
    #[error("extendProps is not a JSON object ({0}); write it as {{\"wdt_appkey\": \"…\", …}}")]
    ExtendPropsNotObject(String),
    #[error(
        "the 旺店通 app secret has no ':' separating secret and salt; paste it exactly as 旺店通 \
         gave it (secret:salt)"
    )]
    SecretWithoutSalt,
}

/// The CRM flavour carries `wdt_sign` inside `extendProps`: the sign is computed over
/// `extendProps` without it, then added as a member (any old one is replaced).
pub fn extend_props_with_wdt_sign(
    extend_props: &str,
    wdt_sign: &str,
) -> Result<String, WdtSignError> {
    let mut value: Value = serde_json::from_str(extend_props.trim())
        .map_err(|e| WdtSignError::ExtendPropsNotObject(e.to_string()))?;
    let map = value
        .as_object_mut()
        .ok_or_else(|| WdtSignError::ExtendPropsNotObject("it is not an object".into()))?;
    map.insert("wdt_sign".into(), Value::String(wdt_sign.to_string()));
    Ok(value.to_string())
}

/// The `wdt_sign` a request carries: the `wdt_sign` param (custom flavour) or the `wdt_sign`
/// member of `extendProps` (CRM flavour).
pub fn carried_wdt_sign(params: &Params, flavour: WdtFlavour) -> Option<String> {
    match flavour {
        WdtFlavour::Custom => params.get("wdt_sign").cloned(),
        WdtFlavour::OfficialCrm => params
            .get("extendProps")
            .and_then(|text| serde_json::from_str::<Value>(text.trim()).ok())
            .and_then(|v| {
                v.get("wdt_sign")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            }),
    }
}

/// The part of 旺店通's app secret that signs: before the `:` of `secret:salt`, or the whole secret
/// when it has no salt; surrounding blanks dropped.
pub fn wdt_signing_secret(full: &SecretString) -> SecretString {
    let full = full.expose().trim();
    let signing = full.split_once(':').map_or(full, |(secret, _salt)| secret);
    SecretString::from(signing.trim())
}

/// Splits the app secret 旺店通 hands out (`secret:salt`) into the signing secret and the salt
/// sent as `wdt_salt`.
pub fn split_wdt_app_secret(full: &str) -> Result<(&str, &str), WdtSignError> {
    full.trim()
        .split_once(':')
        .ok_or(WdtSignError::SecretWithoutSalt)
}

#[cfg(test)]
#[path = "wdt_tests.rs"]
mod tests;
