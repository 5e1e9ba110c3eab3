//! The APIs the local gateway serves, as data the router looks up by method name: the TOP clock and
//! seller APIs, a few Taobaoke APIs of each permission package (see `taobaoke`), the Qimen standard
//! WMS pair, and a demo 旺店通 provider (the custom 企业版 queries
//! and the official Qimen CRM API) answering from [`crate::gateway::demo_data`].
//!
//! Each [`ApiSpec`] names its family, whether it needs a session, its required business
//! parameters and, for provider APIs, the provider's AppKey; its handler is a pure function of the
//! call (time comes from `call.now`).
//!
//! # Demo 旺店通 account
//!
//! The 旺店通 APIs are served as 旺店通's app ([`WDT_TARGET_APP_KEY`] `21363512`, the `target_app_key`
//! every caller uses) and check 旺店通's own credentials on top of the Qimen signature. These are
//! demo values, printed in the README, not secrets of any real account:
//!
//! | what | value |
//! | --- | --- |
//! | seller account (`sid`, or `customerid` for the CRM API) | `wdtdemo` |
//! | 旺店通 interface account (`appkey` / `wdt_appkey`) | `wdtdemo-finance` |
//! | 旺店通 app secret as handed out (`secret:salt`) | `wdtdemo-secret:wdtdemo-salt` |
//! | → secret that signs `wdt_sign` | `wdtdemo-secret` |
//! | → salt sent as `wdt_salt` (optional; checked when sent) | `wdtdemo-salt` |
//!
//! Paging: the 旺店通 custom APIs count `page_no` from 0 (0 = first page, default 0) and
//! `page_size` 1–100 (default 40), as 旺店通 documents; the CRM API counts `pageNo` from 1.

mod credentials;
mod crm;
mod failure;
mod query;
mod taobaoke;
mod taobaoke_data;
mod top;
mod wdt_refund;
mod wdt_stock;
mod wdt_trade;
mod wms;
mod xml_body;

#[cfg(test)]
mod crm_tests;
#[cfg(test)]
mod taobaoke_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wdt_refund_stock_tests;
#[cfg(test)]
mod wdt_tests;

pub use crm::PRIVACY_FIELDS;
pub use taobaoke::{
    package_of, permission_package, BASIC_APIS as TAOBAOKE_BASIC_APIS,
    LINK_APIS as TAOBAOKE_LINK_APIS, THREE_PARTY_APIS as TAOBAOKE_THREE_PARTY_APIS,
};

use crate::gateway::api_contract::{ApiCall, ApiFamily, ApiOutcome, ApiSpec};
pub use qimen_core::platform::{WDT_ROUTER_CODE, WDT_TARGET_APP_KEY};

type Handler = fn(&ApiCall<'_>) -> ApiOutcome;

/// Demo seller account (`sid`).
pub const WDT_DEMO_SID: &str = "wdtdemo";
/// Demo 旺店通 interface account (`appkey` / `wdt_appkey`).
pub const WDT_DEMO_APPKEY: &str = "wdtdemo-finance";
/// Demo 旺店通 secret, the part before `:` of [`WDT_DEMO_APP_SECRET`]; signs `wdt_sign`.
pub const WDT_DEMO_SECRET: &str = "wdtdemo-secret";
/// Demo 旺店通 salt, the part after `:`; sent as `wdt_salt`.
pub const WDT_DEMO_SALT: &str = "wdtdemo-salt";
/// The demo app secret as 旺店通 hands it out: `secret:salt`.
pub const WDT_DEMO_APP_SECRET: &str = "wdtdemo-secret:wdtdemo-salt";

const WDT: Option<&str> = Some(WDT_TARGET_APP_KEY);

const fn top(
    name: &'static str,
    needs_session: bool,
    required: &'static [&'static str],
    handler: Handler,
) -> ApiSpec {
    ApiSpec {
        name,
        family: ApiFamily::Top,
        needs_session,
        required,
        provider_app_key: None,
        handler,
    }
}

const fn wms(name: &'static str, handler: Handler) -> ApiSpec {
    ApiSpec {
        name,
        family: ApiFamily::QimenStandard,
        needs_session: false,
        required: &[],
        provider_app_key: None,
        handler,
    }
}

const fn wdt(name: &'static str, required: &'static [&'static str], handler: Handler) -> ApiSpec {
    ApiSpec {
        name,
        family: ApiFamily::QimenCloud,
        needs_session: false,
        required,
        provider_app_key: WDT,
        handler,
    }
}

const CRM_REQUIRED: &[&str] = &[
    "startModified",
    "endModified",
    "fields",
    "pageNo",
    "pageSize",
];

static CATALOGUE: &[ApiSpec] = &[
    top("taobao.time.get", false, &[], top::time_get),
    top(
        "taobao.user.seller.get",
        true,
        &["fields"],
        top::user_seller_get,
    ),
    top(
        taobaoke::ITEM_INFO_GET,
        false,
        &["num_iids"],
        taobaoke::item_info_get,
    ),
    top(
        taobaoke::SHOP_GET,
        false,
        &["fields", "q"],
        taobaoke::shop_get,
    ),
    top(
        taobaoke::ITEM_CONVERT,
        false,
        &["fields", "num_iids", "adzone_id"],
        taobaoke::item_convert,
    ),
    top(
        taobaoke::SC_MATERIAL_OPTIONAL,
        true,
        &["site_id", "adzone_id"],
        taobaoke::sc_material_optional,
    ),
    wms("taobao.qimen.entryorder.create", wms::entryorder_create),
    wms("entryorder.create", wms::entryorder_create),
    wms(
        "taobao.qimen.deliveryorder.create",
        wms::deliveryorder_create,
    ),
    wms("deliveryorder.create", wms::deliveryorder_create),
    wdt(
        "hu3cgwt0tc.wdt.trade.query",
        &["sid"],
        wdt_trade::trade_query,
    ),
    wdt(
        "hu3cgwt0tc.wdt.refund.query",
        &["sid"],
        wdt_refund::refund_query,
    ),
    wdt(
        "hu3cgwt0tc.wdt.stock.query",
        &["sid"],
        wdt_stock::stock_query,
    ),
    wdt(
        "hu3cgwt0tc.wdt.goods.query",
        &["sid"],
        wdt_stock::goods_query,
    ),
    wdt(
        "qimen.taobao.crm.order.detail.get",
        CRM_REQUIRED,
        crm::order_detail_get,
    ),
    wdt(
        "taobao.crm.order.detail.get",
        CRM_REQUIRED,
        crm::order_detail_get,
    ),
];

/// Every API the gateway serves.
pub fn catalogue() -> &'static [ApiSpec] {
    CATALOGUE
}

/// The API a method name denotes, exactly as callers send it.
pub fn find(method: &str) -> Option<&'static ApiSpec> {
    CATALOGUE.iter().find(|spec| spec.name == method)
}
