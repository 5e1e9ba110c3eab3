//! `hu3cgwt0tc.wdt.trade.query` (查询订单管理): the demo account's sales orders in 旺店通's own
//! field names — `total_count` and `trades`, each with its `goods_list`. Filters: the modification
//! time window (`start_time` / `end_time`, required unless `trade_no` or `src_tid` is given, which
//! then select on their own as 旺店通 documents), `status`, `shop_no`, `warehouse_no`.
//!
//! Privacy: buyer and receiver identities (buyer_nick, receiver_name / address / mobile / telno,
//! id_card, pay_account) are never returned (domain reference §5); only province and city are.

use super::credentials::check_custom;
use super::failure::{invalid, outcome, Answer};
use super::query::{text, wdt_paging, window};
use crate::gateway::api_contract::{ApiCall, ApiOutcome};
use crate::gateway::demo_data::catalogue::barcode;
use crate::gateway::demo_data::{yuan, DemoData, Trade, TradeLine};
use qimen_core::clock::format_gmt8;
use serde_json::{json, Map, Value};

fn time_or_empty(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(format_gmt8).unwrap_or_default()
}

fn goods_json(trade: &Trade, line: &TradeLine) -> Value {
    json!({
        "rec_id": line.rec_id,
        "trade_id": trade.trade_id,
        "platform_id": trade.shop.platform_id,
        "src_tid": trade.src_tid,
        "src_oid": line.src_oid,
        "gift_type": 0,
        "refund_status": trade.refund_status,
        "goods_id": line.goods.goods_id,
        "goods_no": line.goods.goods_no,
        "goods_name": line.goods.goods_name,
        "spec_id": line.spec.spec_id,
        "spec_no": line.spec.spec_no,
        "spec_code": line.spec.spec_code,
        "spec_name": line.spec.spec_name,
        "barcode": barcode(line.spec),
        "api_goods_name": line.goods.goods_name,
        "api_spec_name": line.spec.spec_name,
        "num": line.num,
        "actual_num": line.num,
        "price": yuan(line.price_fen),
        "order_price": yuan(line.price_fen),
        "discount": yuan(line.discount_fen),
        "share_price": yuan(line.share_amount_fen() / i64::from(line.num.max(1))),
        "share_amount": yuan(line.share_amount_fen()),
        "share_post": yuan(line.share_post_fen),
        "paid": yuan(if trade.pay_time.is_some() { line.share_amount_fen() + line.share_post_fen } else { 0 }),
        "weight": format!("{:.4}", f64::from(line.spec.weight_g * line.num) / 1000.0),
        "unit_name": line.goods.unit_name,
        "created": format_gmt8(trade.created),
        "modified": format_gmt8(trade.modified),
    })
}

/// One order in 旺店通's shape.
pub(crate) fn trade_json(trade: &Trade) -> Value {
    let goods: Vec<Value> = trade.lines.iter().map(|l| goods_json(trade, l)).collect();
    json!({
        "trade_id": trade.trade_id,
        "trade_no": trade.trade_no,
        "platform_id": trade.shop.platform_id,
        "shop_id": trade.shop.shop_id,
        "shop_no": trade.shop.shop_no,
        "shop_name": trade.shop.shop_name,
        "warehouse_type": 1,
        "warehouse_no": trade.warehouse.warehouse_no,
        "src_tids": trade.src_tid,
        "trade_status": trade.status.code(),
        "trade_type": 1,
        "delivery_term": 1,
        "refund_status": trade.refund_status,
        "trade_time": format_gmt8(trade.trade_time),
        "pay_time": time_or_empty(trade.pay_time),
        "consign_time": time_or_empty(trade.consign_time),
        "receiver_province": trade.receiver_province,
        "receiver_city": trade.receiver_city,
        "logistics_code": trade.shop.logistics.0,
        "logistics_name": trade.shop.logistics.1,
        "logistics_no": trade.logistics_no.clone().unwrap_or_default(),
        "goods_type_count": trade.lines.len(),
        "goods_count": trade.goods_count(),
        "goods_amount": yuan(trade.goods_amount_fen()),
        "post_amount": yuan(trade.post_fen),
        "other_amount": yuan(0),
        "discount": yuan(trade.discount_fen()),
        "receivable": yuan(trade.receivable_fen()),
        "paid": yuan(trade.paid_fen()),
        "cod_amount": yuan(0),
        "weight": format!("{:.4}", f64::from(trade.weight_g()) / 1000.0),
        "invoice_type": 0,
        "created": format_gmt8(trade.created),
        "modified": format_gmt8(trade.modified),
        "goods_list": goods,
    })
}

fn parse_status(value: &str) -> Result<Vec<u32>, crate::gateway::api_contract::PlatformError> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u32>().map_err(|_| {
                invalid("status", &format!("{s} 不是订单状态码，如 30 待客审、55 已审核、95 已发货、110 已完成，多个用英文逗号分隔"))
            })
        })
        .collect()
}

fn answer(call: &ApiCall<'_>) -> Answer {
    check_custom(call)?;
    let p = call.params;
    let trade_no = text(p, "trade_no");
    let src_tid = text(p, "src_tid");
    let by_number = trade_no.is_some() || src_tid.is_some();
    let window = window(p, "start_time", "end_time", !by_number)?;
    let statuses = text(p, "status").map(parse_status).transpose()?;
    let paging = wdt_paging(p)?;

    let data = DemoData::at(call.now);
    let matches: Vec<&Trade> = data
        .trades
        .iter()
        .filter(|t| trade_no.is_none_or(|n| t.trade_no == n))
        .filter(|t| src_tid.is_none_or(|s| t.src_tid == s))
        .filter(|t| by_number || window.is_none_or(|w| w.contains(t.modified)))
        .filter(|t| {
            by_number
                || statuses
                    .as_ref()
                    .is_none_or(|s| s.contains(&t.status.code()))
        })
        .filter(|t| by_number || text(p, "shop_no").is_none_or(|s| t.shop.shop_no == s))
        .filter(|t| {
            by_number || text(p, "warehouse_no").is_none_or(|w| t.warehouse.warehouse_no == w)
        })
        .collect();
    let total = matches.len();
    let trades: Vec<Value> = paging.slice(matches).into_iter().map(trade_json).collect();
    let mut fields = Map::new();
    fields.insert("total_count".into(), json!(total));
    fields.insert("trades".into(), Value::Array(trades));
    Ok(fields)
}

pub(crate) fn trade_query(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(answer(call))
}
