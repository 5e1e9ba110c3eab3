//! `qimen.taobao.crm.order.detail.get` — the official Qimen CRM API 旺店通 serves, and the API the
//! onboarding document has third parties joint-test — on the demo account. Also served under
//! `taobao.crm.order.detail.get`, the name one published SDK copy sends (domain reference §8.6).
//!
//! Request, as the published SDK request class defines it: `startModified`, `endModified`,
//! `fields`, `pageNo` (from 1), `pageSize` (≤ 100) required; `sd_code` (shop), `orderSn`,
//! `customerid` (the 旺店通 seller account), `extendProps` (旺店通 credentials and `wdt_sign`).
//!
//! Answer: `total_results` and `orders`, each order holding only the requested `fields`, and a
//! `goods` list when item fields (`goods_sn`, `sku`, `goods_number`, …) are requested. The field
//! names come from the SDK's list of supported `fields`; the exact answer shape and the status
//! encodings below are the demo's reading, not confirmed against the real provider:
//! `order_status` 0 未确认 / 1 已确认 / 3 已作废, `pay_status` 0 未付款 / 2 已付款,
//! `shipping_status` 0 未发货 / 1 已发货 / 2 已收货. Requested privacy fields (`user_name`,
//! `receiver_name`, `receiver_address`, `receiver_tel`, `receiver_mobile`) are never returned.

use super::credentials::check_crm;
use super::failure::{outcome, Answer};
use super::query::{crm_paging, text, window};
use crate::gateway::api_contract::{ApiCall, ApiOutcome};
use crate::gateway::demo_data::{yuan, DemoData, Trade, TradeLine, TradeStatus};
use qimen_core::clock::format_gmt8;
use serde_json::{json, Map, Value};

/// Fields a caller may request but never receives (domain reference §5).
pub const PRIVACY_FIELDS: [&str; 5] = [
    "user_name",
    "receiver_name",
    "receiver_address",
    "receiver_tel",
    "receiver_mobile",
];

const ITEM_FIELDS: [&str; 6] = [
    "goods_sn",
    "sku",
    "goods_name",
    "goods_number",
    "goods_price",
    "share_price",
];

fn order_field(trade: &Trade, field: &str) -> Option<Value> {
    let time =
        |t: Option<chrono::DateTime<chrono::Utc>>| json!(t.map(format_gmt8).unwrap_or_default());
    let value = match field {
        "order_id" => json!(trade.trade_id),
        "order_sn" => json!(trade.trade_no),
        "deal_code" | "ori_deal_code" => json!(trade.src_tid),
        "sd_id" => json!(trade.shop.shop_no),
        "shop_name" => json!(trade.shop.shop_name),
        "fhck_id" => json!(trade.warehouse.warehouse_no),
        "order_status" => json!(match trade.status {
            TradeStatus::Cancelled => 3,
            TradeStatus::AwaitingReview => 0,
            _ => 1,
        }),
        "pay_status" => json!(if trade.pay_time.is_some() { 2 } else { 0 }),
        "shipping_status" => json!(match trade.status {
            TradeStatus::Shipped => 1,
            TradeStatus::Completed => 2,
            _ => 0,
        }),
        "shipping_code" => json!(trade.shop.logistics.0),
        "shipping_name" => json!(trade.shop.logistics.1),
        "shipping_sn" => json!(trade.logistics_no.clone().unwrap_or_default()),
        "shipping_fee" => json!(yuan(trade.post_fen)),
        "shipping_time_fh" => time(trade.consign_time),
        "add_time" => json!(format_gmt8(trade.created)),
        "pay_time" => time(trade.pay_time),
        "lastchanged" => json!(format_gmt8(trade.modified)),
        "goods_amount" => json!(yuan(trade.goods_amount_fen())),
        "discount_fee" => json!(yuan(trade.discount_fen())),
        "order_amount" => json!(yuan(trade.receivable_fen())),
        "money_paid" => json!(yuan(trade.paid_fen())),
        "weigh" => json!(format!("{:.3}", f64::from(trade.weight_g()) / 1000.0)),
        "is_split" | "is_combine" => json!(0),
        _ => return None,
    };
    Some(value)
}

fn item_field(line: &TradeLine, field: &str) -> Option<Value> {
    let value = match field {
        "goods_sn" => json!(line.goods.goods_no),
        "sku" => json!(line.spec.spec_no),
        "goods_name" => json!(line.goods.goods_name),
        "goods_number" => json!(line.num),
        "goods_price" => json!(yuan(line.price_fen)),
        "share_price" => json!(yuan(line.share_amount_fen() / i64::from(line.num.max(1)))),
        _ => return None,
    };
    Some(value)
}

fn order_json(trade: &Trade, fields: &[&str]) -> Value {
    let mut order = Map::new();
    for field in fields {
        if let Some(value) = order_field(trade, field) {
            order.insert((*field).to_string(), value);
        }
    }
    let item_fields: Vec<&str> = fields
        .iter()
        .copied()
        .filter(|f| ITEM_FIELDS.contains(f))
        .collect();
    if !item_fields.is_empty() {
        let goods: Vec<Value> = trade
            .lines
            .iter()
            .map(|line| {
                let item: Map<String, Value> = item_fields
                    .iter()
                    .filter_map(|f| item_field(line, f).map(|v| ((*f).to_string(), v)))
                    .collect();
                Value::Object(item)
            })
            .collect();
        order.insert("goods".into(), Value::Array(goods));
    }
    Value::Object(order)
}

fn answer(call: &ApiCall<'_>) -> Answer {
    check_crm(call)?;
    let p = call.params;
    let window = window(p, "startModified", "endModified", true)?;
    let paging = crm_paging(p)?;
    let requested: Vec<&str> = text(p, "fields")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty() && !PRIVACY_FIELDS.contains(f))
        .collect();
    let order_sn = text(p, "orderSn");
    let sd_code = text(p, "sd_code");

    let data = DemoData::at(call.now);
    let matches: Vec<&Trade> = data
        .trades
        .iter()
        .filter(|t| window.is_none_or(|w| w.contains(t.modified)))
        .filter(|t| order_sn.is_none_or(|n| t.trade_no == n))
        .filter(|t| sd_code.is_none_or(|s| t.shop.shop_no == s))
        .collect();
    let total = matches.len();
    let orders: Vec<Value> = paging
        .slice(matches)
        .into_iter()
        .map(|t| order_json(t, &requested))
        .collect();
    let mut fields = Map::new();
    fields.insert("total_results".into(), json!(total));
    fields.insert("orders".into(), Value::Array(orders));
    Ok(fields)
}

pub(crate) fn order_detail_get(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(answer(call))
}
