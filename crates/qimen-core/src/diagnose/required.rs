//! The system parameters every request needs (domain reference §1.3, §2.1, §2.3): `method`,
//! `app_key`, `timestamp`, `v` and `sign` always; `customerId` for Qimen standard APIs
//! (`taobao.qimen.*`), `target_app_key` for 旺店通's custom APIs. `sign_method` may be left out: it
//! defaults to md5.

use super::causes::{cause, CauseId};
use super::Cause;
use crate::platform::{is_wdt_router_method, WDT_TARGET_APP_KEY};
use crate::sign::is_blank;
use crate::text::Text;

const ALWAYS: [&str; 5] = ["method", "app_key", "timestamp", "v", "sign"];

/// One cause per required parameter absent or blank, in the order above.
pub(crate) fn missing<'a>(param: impl Fn(&str) -> Option<&'a str>, method: &str) -> Vec<Cause> {
    let method = method.trim();
    let mut required: Vec<&str> = ALWAYS.to_vec();
    if method.starts_with("taobao.qimen.") {
        required.push("customerId");
    }
    if is_wdt_router_method(method) {
        required.push("target_app_key");
    }
    required
        .into_iter()
        .filter(|name| param(name).is_none_or(is_blank))
        .map(missing_param)
        .collect()
}

fn missing_param(name: &str) -> Cause {
    let (zh_what, en_what, zh_fix, en_fix) = match name {
        "method" => (
            "接口名称",
            "the API name",
            "填写接口名，如 taobao.item.seller.get。".to_string(),
            "Send the API name, for example taobao.item.seller.get.".to_string(),
        ),
        "app_key" => (
            "应用的 AppKey",
            "the app's AppKey",
            "填写控制台里应用的 AppKey。".to_string(),
            "Send the app's AppKey from the console.".to_string(),
        ),
        "timestamp" => (
            "请求时间",
            "the request time",
            "按北京时间（GMT+8）发送 yyyy-MM-dd HH:mm:ss 格式的当前时间。".to_string(),
            "Send the current Beijing time (GMT+8) as yyyy-MM-dd HH:mm:ss.".to_string(),
        ),
        "v" => (
            "协议版本",
            "the protocol version",
            "发送 v=2.0。".to_string(),
            "Send v=2.0.".to_string(),
        ),
        "sign" => (
            "签名；没有它就无法比对签名",
            "the signature; without it the sign cannot be compared",
            "计算签名后把它作为参数 sign 一起发送。".to_string(),
            "Compute the sign and send it as the sign parameter.".to_string(),
        ),
        "customerId" => (
            "奇门用来找到接收方的路由编码",
            "the routing code Qimen uses to find the receiver",
            "填写对方在奇门控制台配置的 customerId。".to_string(),
            "Send the customerId configured for the counterpart in the Qimen console.".to_string(),
        ),
        "target_app_key" => (
            "被调用方的 AppKey",
            "the AppKey of the app called",
            format!("调用旺店通接口时发送 target_app_key={WDT_TARGET_APP_KEY}。"),
            format!("Send target_app_key={WDT_TARGET_APP_KEY} when calling 旺店通's APIs."),
        ),
        _ => (
            "必填参数",
            "a required parameter",
            format!("在请求中加上参数 {name}。"),
            format!("Add the parameter {name} to the request."),
        ),
    };
    cause(
        CauseId::MissingSystemParam,
        Some(name.to_string()),
        Text::new(
            format!("请求缺少必填的系统参数 {name}（{zh_what}）。"),
            format!("The request lacks the required system parameter {name} ({en_what})."),
        ),
        Text::new(zh_fix, en_fix),
    )
}
