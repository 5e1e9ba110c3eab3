//! The demo 旺店通 provider's own credential check, done on top of the Qimen `sign` the router has
//! already verified: the seller account must be the demo one, the 旺店通 interface account known,
//! and `wdt_sign` right for the 旺店通 secret (computed by [`qimen_core::sign::wdt`], either flavour).

use super::failure::{invalid, missing, WdtError};
use super::query::text;
use super::{WDT_DEMO_APPKEY, WDT_DEMO_SALT, WDT_DEMO_SECRET, WDT_DEMO_SID};
use crate::gateway::api_contract::{ApiCall, PlatformError};
use qimen_core::sensitive::SecretString;
use qimen_core::sign::wdt::{carried_wdt_sign, explain_wdt, wdt_sign, WdtFlavour};
use qimen_core::sign::Params;
use serde_json::{Map, Value};

/// The call's parameters with `method` as the caller sent it (it is part of what `wdt_sign` signs).
fn signed_params(call: &ApiCall<'_>) -> Params {
    let mut params = call.params.clone();
    params
        .entry("method".to_string())
        .or_insert_with(|| call.method.to_string());
    params
}

fn check_sid(field: &str, sid: Option<&str>) -> Result<(), PlatformError> {
    match sid {
        None => Err(missing(field, "填写旺店通分配给 ERP 购买方的卖家账号")),
        Some(WDT_DEMO_SID) => Ok(()),
        Some(other) => Err(WdtError::InvalidSid.with(format!(
            "{field}={other} 不是本旺店通服务的卖家账号；请向 ERP 购买方确认卖家账号（本地演示账号为 {WDT_DEMO_SID}）"
        ))),
    }
}

fn check_appkey(field: &str, appkey: Option<&str>) -> Result<(), PlatformError> {
    match appkey {
        None => Err(missing(field, "填写在旺店通开放平台申请的接口账号 appkey")),
        Some(WDT_DEMO_APPKEY) => Ok(()),
        Some(other) => Err(WdtError::InvalidAppkey.with(format!(
            "{field}={other} 不存在；请使用在旺店通开放平台“自助对接”申请的接口账号（本地演示账号为 {WDT_DEMO_APPKEY}）"
        ))),
    }
}

fn check_salt(field: &str, salt: Option<&str>) -> Result<(), PlatformError> {
    match salt {
        None | Some(WDT_DEMO_SALT) => Ok(()),
        Some(_) => Err(WdtError::InvalidSalt.with(format!(
            "{field} 与接口账号不匹配；旺店通下发的 appsecret 形如 secret:salt，{field} 取冒号后面的部分"
        ))),
    }
}

/// Compares the carried `wdt_sign` with the one the demo secret gives.
fn check_sign(params: &Params, flavour: WdtFlavour, field: &str) -> Result<(), PlatformError> {
    let secret = SecretString::from(WDT_DEMO_SECRET);
    let carried = carried_wdt_sign(params, flavour)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| missing(field, "按旺店通规则计算 wdt_sign 后随请求发送"))?;
    if carried == wdt_sign(params, secret.expose(), flavour) {
        return Ok(());
    }
    // The string that was signed, the secret masked, so the caller can compare it with theirs.
    let explanation = explain_wdt(params, secret.expose(), flavour);
    Err(WdtError::SignCheckFailure.with(format!(
        "wdt_sign 校验失败：{field} 与用旺店通 secret 计算的结果不符。规则为小写 md5(secret + 业务参数按键名排序拼接（含 method{}） + secret)；本次应签名的字符串为 {}",
        match flavour {
            WdtFlavour::Custom => "，去掉路由前缀如 hu3cgwt0tc.",
            WdtFlavour::OfficialCrm => "，仅 pageNo/pageSize/fields/extendProps/customerid/method/sd_code/startModified/endModified，method 去掉 qimen.",
        },
        explanation.string_to_sign_masked
    )))
}

/// The custom APIs (`hu3cgwt0tc.wdt.*`): `sid`, `appkey` (or `wdt_appkey`), optional `wdt_salt`,
/// and `wdt_sign` as parameters.
pub(crate) fn check_custom(call: &ApiCall<'_>) -> Result<(), PlatformError> {
    let params = signed_params(call);
    check_sid("sid", text(&params, "sid"))?;
    let (field, appkey) = match text(&params, "wdt_appkey") {
        Some(key) => ("wdt_appkey", Some(key)),
        None => ("appkey", text(&params, "appkey")),
    };
    check_appkey(field, appkey)?;
    check_salt("wdt_salt", text(&params, "wdt_salt"))?;
    check_sign(&params, WdtFlavour::Custom, "wdt_sign")
}

/// The official CRM API: the seller account is `customerid`, and the 旺店通 credentials travel in
/// the `extendProps` JSON object (`wdt_appkey`, `wdt_salt`, `wdt_sign`, …). Answers the decoded
/// `extendProps`.
pub(crate) fn check_crm(call: &ApiCall<'_>) -> Result<Map<String, Value>, PlatformError> {
    let params = signed_params(call);
    check_sid("customerid", text(&params, "customerid"))?;
    let raw = text(&params, "extendProps").ok_or_else(|| {
        missing(
            "extendProps",
            "以 JSON 对象传旺店通凭证，如 {\"wdt_appkey\":\"…\",\"wdt_salt\":\"…\",\"datetime\":\"…\",\"wdt_sign\":\"…\"}",
        )
    })?;
    let props = match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(invalid("extendProps", "必须是 JSON 对象（{…}）")),
        Err(e) => return Err(invalid("extendProps", &format!("不是合法的 JSON：{e}"))),
    };
    let member = |key: &str| {
        props
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    check_appkey("extendProps.wdt_appkey", member("wdt_appkey"))?;
    check_salt("extendProps.wdt_salt", member("wdt_salt"))?;
    check_sign(&params, WdtFlavour::OfficialCrm, "extendProps.wdt_sign")?;
    Ok(props)
}
