//! A few Taobaoke (淘宝客) APIs, one or two from each permission package of document 002, so that an
//! applicant can see on the local gateway what each package gives and what a missing package answers.
//!
//! Document 002 names the packages but no API. Which API belongs to which package is taken from the
//! platform's public API list: the 推广者 (publisher) item and shop lookups are the basic package
//! ("商品详情、店铺查询"), the publisher link conversion is the link package ("链接转换"), and the
//! 服务商 (service provider) APIs, which act for an authorising publisher and share the commission
//! three ways, are the three-party package ("三方分成转化"); they need the publisher's session.
//!
//! Grants decide access: an app granted only [`BASIC_APIS`] gets code 11 on a link or three-party
//! API, and the router names the missing package through [`permission_package`]. The answers are
//! built from [`super::taobaoke_data`]: invented goods, never real ones.

use super::failure::{invalid, missing, outcome, Answer};
use super::query::{text, Paging};
use super::taobaoke_data::{item, item_url, picture, shop_of, DemoItem, ITEMS, SHOPS};
use crate::gateway::api_contract::{ApiCall, ApiOutcome, PlatformError};
use qimen_core::platform::PackageId;
use serde_json::{json, Map, Value};

/// `taobao.tbk.item.info.get`: item details (basic package).
pub const ITEM_INFO_GET: &str = "taobao.tbk.item.info.get";
/// `taobao.tbk.shop.get`: shop lookup (basic package).
pub const SHOP_GET: &str = "taobao.tbk.shop.get";
/// `taobao.tbk.item.convert`: item link conversion (link package).
pub const ITEM_CONVERT: &str = "taobao.tbk.item.convert";
/// `taobao.tbk.sc.material.optional`: a service provider's material search for a publisher
/// (three-party package).
pub const SC_MATERIAL_OPTIONAL: &str = "taobao.tbk.sc.material.optional";

/// The APIs of the basic package the gateway serves.
pub const BASIC_APIS: [&str; 2] = [ITEM_INFO_GET, SHOP_GET];
/// The APIs of the link package the gateway serves.
pub const LINK_APIS: [&str; 1] = [ITEM_CONVERT];
/// The APIs of the three-party package the gateway serves.
pub const THREE_PARTY_APIS: [&str; 1] = [SC_MATERIAL_OPTIONAL];

/// At most this many ids in one `num_iids`, as the platform allows.
pub const MAX_NUM_IIDS: usize = 40;

/// The Taobaoke package an API belongs to, for the APIs this gateway serves.
pub fn package_of(method: &str) -> Option<PackageId> {
    if BASIC_APIS.contains(&method) {
        Some(PackageId::Basic)
    } else if LINK_APIS.contains(&method) {
        Some(PackageId::Link)
    } else if THREE_PARTY_APIS.contains(&method) {
        Some(PackageId::ThreeParty)
    } else {
        None
    }
}

/// The permission package of `method` as the router names it in a code-11 answer
/// ("淘宝客链接API / Taobaoke link API"), with the platform's names of the packages.
pub fn permission_package(method: &str) -> Option<String> {
    let (zh, en) = package_of(method)?.platform_name();
    Some(format!("{zh} / {en}"))
}

/// The item ids of `num_iids`: digits separated by commas, at most [`MAX_NUM_IIDS`].
fn num_iids(call: &ApiCall<'_>) -> Result<Vec<u64>, PlatformError> {
    let how = "商品ID串，用英文逗号分隔，最多 40 个，例如 600000000001,600000000003";
    let raw = text(call.params, "num_iids").ok_or_else(|| missing("num_iids", how))?;
    let ids = raw
        .split(',')
        .map(str::trim)
        .map(|id| {
            id.parse::<u64>()
                .map_err(|_| invalid("num_iids", &format!("“{id}”不是商品ID；{how}")))
        })
        .collect::<Result<Vec<u64>, PlatformError>>()?;
    if ids.len() > MAX_NUM_IIDS {
        return Err(invalid(
            "num_iids",
            &format!("一次传了 {} 个商品ID；{how}", ids.len()),
        ));
    }
    Ok(ids)
}

/// `platform`: 1 = PC links, 2 = mobile links; 1 when absent.
fn platform(call: &ApiCall<'_>) -> Result<u8, PlatformError> {
    match text(call.params, "platform") {
        None | Some("1") => Ok(1),
        Some("2") => Ok(2),
        Some(other) => Err(invalid(
            "platform",
            &format!("{other} 不是链接形式；1 表示 PC，2 表示无线"),
        )),
    }
}

/// A required whole number such as `adzone_id` (the third part of a `mm_xxx_xxx_xxx` PID).
fn id_param(call: &ApiCall<'_>, key: &str, how: &str) -> Result<u64, PlatformError> {
    let value = text(call.params, key).ok_or_else(|| missing(key, how))?;
    value
        .parse::<u64>()
        .map_err(|_| invalid(key, &format!("{value} 不是数字；{how}")))
}

/// Taobaoke paging: `page_no` from 1 (default 1), `page_size` 1–100 (default 20).
fn paging(call: &ApiCall<'_>) -> Result<Paging, PlatformError> {
    let read = |key: &str, default: usize, what: &str| -> Result<usize, PlatformError> {
        match text(call.params, key) {
            None => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| invalid(key, &format!("{v} 不是正整数；{what}"))),
        }
    };
    let page_no = read("page_no", 1, "页码从 1 开始")?;
    if page_no == 0 {
        return Err(invalid("page_no", "页码从 1 开始，0 不是合法页码"));
    }
    let size = read("page_size", 20, "每页条数取 1~100")?;
    if !(1..=100).contains(&size) {
        return Err(invalid(
            "page_size",
            &format!("{size} 超出范围，每页条数取 1~100"),
        ));
    }
    Ok(Paging {
        index: page_no - 1,
        size,
    })
}

/// The fields the caller asked for (`fields=num_iid,click_url`); unknown names are ignored.
fn requested_fields(call: &ApiCall<'_>, how: &str) -> Result<Vec<String>, PlatformError> {
    let raw = text(call.params, "fields").ok_or_else(|| missing("fields", how))?;
    Ok(raw.split(',').map(|f| f.trim().to_string()).collect())
}

fn item_json(i: &DemoItem, platform: u8) -> Value {
    let shop = shop_of(i);
    let url = if platform == 2 {
        item_url(i.num_iid).replace("item.taobao.com", "h5.m.taobao.com")
    } else {
        item_url(i.num_iid)
    };
    json!({
        "num_iid": i.num_iid,
        "title": i.title,
        "pict_url": picture(i.num_iid, 0),
        "small_images": { "string": [picture(i.num_iid, 1), picture(i.num_iid, 2)] },
        "reserve_price": i.reserve_price,
        "zk_final_price": i.zk_final_price,
        "user_type": if shop.shop_type == "B" { 1 } else { 0 },
        "provcity": shop.provcity,
        "item_url": url,
        "seller_id": shop.user_id,
        "volume": i.volume,
        "nick": shop.seller_nick,
        "cat_name": i.cat_name,
        "cat_leaf_name": i.cat_leaf_name,
        "free_shipment": i.free_shipment,
    })
}

fn results(key: &str, list: Vec<Value>) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("results".into(), json!({ key: list }));
    fields
}

fn item_info(call: &ApiCall<'_>) -> Answer {
    let ids = num_iids(call)?;
    let platform = platform(call)?;
    // Ids the alliance does not promote are left out of the answer, as the platform does.
    let items: Vec<Value> = ids
        .iter()
        .filter_map(|id| item(*id))
        .map(|i| item_json(i, platform))
        .collect();
    Ok(results("n_tbk_item", items))
}

/// `taobao.tbk.item.info.get`: `{"results": {"n_tbk_item": [...]}}` for the known ids.
pub(crate) fn item_info_get(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(item_info(call))
}

fn shop_search(call: &ApiCall<'_>) -> Answer {
    let fields = requested_fields(
        call,
        "需返回的字段，例如 user_id,shop_title,shop_type,seller_nick,pict_url,shop_url",
    )?;
    let q = text(call.params, "q").ok_or_else(|| missing("q", "查询词，例如 茶叶"))?;
    let page = paging(call)?;
    let found: Vec<Value> = SHOPS
        .iter()
        .filter(|s| s.shop_title.contains(q) || s.seller_nick.contains(q))
        .map(|s| {
            let all = json!({
                "user_id": s.user_id,
                "shop_title": s.shop_title,
                "shop_type": s.shop_type,
                "seller_nick": s.seller_nick,
                "pict_url": format!("https://img.example.com/tbk-demo/shop_{}.png", s.user_id),
                "shop_url": format!("https://shop{}.taobao.com", s.user_id),
            });
            let picked: Map<String, Value> = fields
                .iter()
                .filter_map(|f| all.get(f).map(|v| (f.clone(), v.clone())))
                .collect();
            Value::Object(picked)
        })
        .collect();
    let total = found.len();
    let mut answer = results("n_tbk_shop", page.slice(found));
    answer.insert("total_results".into(), json!(total));
    Ok(answer)
}

/// `taobao.tbk.shop.get`: shops whose title or seller contains `q`, with the requested fields.
pub(crate) fn shop_get(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(shop_search(call))
}

/// The demo promotion link of an item for an ad zone (a recognisable placeholder, not a real
/// click URL).
fn click_url(num_iid: u64, adzone_id: u64, unid: Option<&str>) -> String {
    let mut url = format!("https://s.click.taobao.com/t?e=demo-{adzone_id}-{num_iid}");
    if let Some(unid) = unid {
        url.push_str("&unid=");
        url.push_str(unid);
    }
    url
}

fn convert(call: &ApiCall<'_>) -> Answer {
    let fields = requested_fields(call, "需返回的字段，例如 num_iid,click_url")?;
    let ids = num_iids(call)?;
    let adzone = id_param(
        call,
        "adzone_id",
        "推广位ID，即 PID mm_xxx_xxx_xxx 的第三段数字",
    )?;
    platform(call)?;
    let unid = text(call.params, "unid");
    if let Some(u) = unid {
        if u.len() > 32 || !u.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(invalid(
                "unid",
                "自定义输入串只能是英文和数字，最长 32 个字符",
            ));
        }
    }
    let items: Vec<Value> = ids
        .iter()
        .filter_map(|id| item(*id))
        .map(|i| {
            let all =
                json!({ "num_iid": i.num_iid, "click_url": click_url(i.num_iid, adzone, unid) });
            let picked: Map<String, Value> = fields
                .iter()
                .filter_map(|f| all.get(f).map(|v| (f.clone(), v.clone())))
                .collect();
            Value::Object(picked)
        })
        .collect();
    Ok(results("n_tbk_item", items))
}

/// `taobao.tbk.item.convert`: the promotion link of each known item for the caller's ad zone.
pub(crate) fn item_convert(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(convert(call))
}

fn material(call: &ApiCall<'_>) -> Answer {
    let site = id_param(
        call,
        "site_id",
        "备案的网站ID，即 PID mm_xxx_xxx_xxx 的第二段数字",
    )?;
    let adzone = id_param(
        call,
        "adzone_id",
        "推广位ID，即 PID mm_xxx_xxx_xxx 的第三段数字",
    )?;
    let q = text(call.params, "q");
    let cat = text(call.params, "cat");
    if q.is_none() && cat.is_none() {
        return Err(missing(
            "q",
            "q（查询词）与 cat（类目）不能同时为空，例如 q=茶叶",
        ));
    }
    platform(call)?;
    let page = paging(call)?;
    let found: Vec<Value> = ITEMS
        .iter()
        .filter(|i| {
            q.is_none_or(|q| {
                i.title.contains(q) || i.cat_name.contains(q) || i.cat_leaf_name.contains(q)
            }) && cat.is_none_or(|c| c.split(',').any(|c| c.trim() == i.cat_name))
        })
        .map(|i| {
            let shop = shop_of(i);
            json!({
                "num_iid": i.num_iid,
                "title": i.title,
                "pict_url": picture(i.num_iid, 0),
                "reserve_price": i.reserve_price,
                "zk_final_price": i.zk_final_price,
                "volume": i.volume,
                "user_type": if shop.shop_type == "B" { 1 } else { 0 },
                "seller_id": shop.user_id,
                "nick": shop.seller_nick,
                "shop_title": shop.shop_title,
                "provcity": shop.provcity,
                "category_name": i.cat_leaf_name,
                "commission_rate": i.commission_rate,
                "item_url": item_url(i.num_iid),
                "url": click_url(i.num_iid, adzone, None),
                "site_id": site,
            })
        })
        .collect();
    let total = found.len();
    let mut answer = Map::new();
    answer.insert("total_results".into(), json!(total));
    answer.insert(
        "result_list".into(),
        json!({ "map_data": page.slice(found) }),
    );
    Ok(answer)
}

/// `taobao.tbk.sc.material.optional`: goods matching `q` / `cat` with the publisher's promotion
/// links (the router has checked the publisher's session).
pub(crate) fn sc_material_optional(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(material(call))
}
