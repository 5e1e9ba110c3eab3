//! Facts of the platform that more than one part of the product names: 旺店通's AppKey and router
//! codes, the OAuth token APIs, the partner id this product sends, the Taobaoke permission packages.
//! Defined here once; everything else uses them by name.

use serde::{Deserialize, Serialize};

/// 旺店通's AppKey on the Taobao Open Platform: the `target_app_key` of every 旺店通 API
/// (domain reference §5).
pub const WDT_TARGET_APP_KEY: &str = "21363512";

/// The Qimen router code of 旺店通 企业版 custom APIs (the method prefix, `hu3cgwt0tc.wdt.*`).
pub const WDT_ROUTER_CODE: &str = "hu3cgwt0tc";

/// The router codes of 旺店通's custom APIs: 企业版 and 旗舰版.
pub const WDT_ROUTER_CODES: [&str; 2] = [WDT_ROUTER_CODE, "3ldsmu02o9"];

/// `taobao.top.auth.token.create`: exchanges an OAuth code for a session.
pub const TOKEN_CREATE: &str = "taobao.top.auth.token.create";

/// `taobao.top.auth.token.refresh`: exchanges a refresh token for a new session.
pub const TOKEN_REFRESH: &str = "taobao.top.auth.token.refresh";

/// The `partner_id` this product sends on the calls it builds itself, so platform logs can tell
/// them apart. A request replayed as a customer's system sent it carries none.
pub const PARTNER_ID: &str = "qimen-workbench";

/// Whether `method` is served by 旺店通 through one of its router codes (`hu3cgwt0tc.wdt.trade.query`).
pub fn is_wdt_router_method(method: &str) -> bool {
    let method = method.trim();
    WDT_ROUTER_CODES.iter().any(|code| {
        method
            .strip_prefix(code)
            .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// A Taobaoke (淘宝客) API permission package (document 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PackageId {
    Basic,
    Link,
    ThreeParty,
}

impl PackageId {
    /// The package's name as the platform shows it, Chinese and English.
    pub fn platform_name(self) -> (&'static str, &'static str) {
        match self {
            PackageId::Basic => ("淘宝客基础API", "Taobaoke basic API"),
            PackageId::Link => ("淘宝客链接API", "Taobaoke link API"),
            PackageId::ThreeParty => ("淘宝客三方API", "Taobaoke three-party API"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wdt_router_methods_need_the_code_and_a_dot() {
        assert!(is_wdt_router_method("hu3cgwt0tc.wdt.trade.query"));
        assert!(is_wdt_router_method(" 3ldsmu02o9.wdt.stock.query"));
        assert!(!is_wdt_router_method("hu3cgwt0tcx.wdt.trade.query"));
        assert!(!is_wdt_router_method("a1q40taq0j.other.api"));
    }
}
