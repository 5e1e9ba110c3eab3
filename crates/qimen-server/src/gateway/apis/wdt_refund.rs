//! `hu3cgwt0tc.wdt.refund.query` (查询退换管理): the demo account's refunds in 旺店通's field names —
//! `total_count` and `refunds`, each with its `refund_order_list`. Filters: the modification time
//! window (required unless `refund_no`, `src_refund_no`, `trade_no` or `tid` is given),
//! `process_status`, `shop_no`. No buyer or receiver identity is returned.

use super::credentials::check_custom;
use super::failure::{invalid, outcome, Answer};
use super::query::{text, wdt_paging, window};
use crate::gateway::api_contract::{ApiCall, ApiOutcome};
use crate::gateway::demo_data::catalogue::barcode;
use crate::gateway::demo_data::{yuan, DemoData, Refund, Trade};
use qimen_core::clock::format_gmt8;
use serde_json::{json, Map, Value};

fn refund_json(refund: &Refund, trade: &Trade) -> Value {
    let line = trade.lines.first();
    let order_list: Vec<Value> = line
        .map(|l| {
            json!({
                "refund_id": refund.refund_id,
                "oid": l.src_oid,
                "tid": trade.src_tid,
                "trade_no": trade.trade_no,
                "goods_id": l.goods.goods_id,
                "goods_no": l.goods.goods_no,
                "goods_name": l.goods.goods_name,
                "spec_id": l.spec.spec_id,
                "spec_no": l.spec.spec_no,
                "spec_name": l.spec.spec_name,
                "spec_code": l.spec.spec_code,
                "barcode": barcode(l.spec),
                "order_num": l.num,
                "refund_num": refund.refund_num,
                "price": yuan(l.price_fen),
                "original_price": yuan(l.price_fen),
                "refund_order_amount": yuan(refund.refund_fen),
                "total_amount": yuan(refund.refund_fen),
                "stockin_num": if refund.refund_type == 2 && refund.process_status == 90 { refund.refund_num } else { 0 },
                "process_status": refund.process_status,
            })
        })
        .into_iter()
        .collect();
    let (return_logistics_name, return_logistics_no) = refund
        .return_logistics
        .as_ref()
        .map_or(("", ""), |(name, no)| (*name, no.as_str()));
    json!({
        "refund_id": refund.refund_id,
        "refund_no": refund.refund_no,
        "src_no": refund.src_refund_no,
        "type": refund.refund_type,
        "process_status": refund.process_status,
        "status": refund.platform_status,
        "platform_id": trade.shop.platform_id,
        "shop_no": trade.shop.shop_no,
        "shop_name": trade.shop.shop_name,
        "trade_id": trade.trade_id,
        "trade_no": trade.trade_no,
        "tid": trade.src_tid,
        "warehouse_no": trade.warehouse.warehouse_no,
        "refund_amount": yuan(refund.refund_fen),
        "actual_refund_amount": yuan(refund.actual_refund_fen),
        "goods_amount": yuan(refund.refund_fen),
        "post_amount": yuan(0),
        "reason_name": refund.reason,
        "refund_reason": refund.reason,
        "logistics_name": return_logistics_name,
        "logistics_no": return_logistics_no,
        "refund_time": format_gmt8(refund.created),
        "created": format_gmt8(refund.created),
        "modified": format_gmt8(refund.modified),
        "refund_order_list": order_list,
    })
}

fn answer(call: &ApiCall<'_>) -> Answer {
    check_custom(call)?;
    let p = call.params;
    let refund_no = text(p, "refund_no");
    let src_refund_no = text(p, "src_refund_no");
    let trade_no = text(p, "trade_no");
    let tid = text(p, "tid");
    let by_number =
        refund_no.is_some() || src_refund_no.is_some() || trade_no.is_some() || tid.is_some();
    let window = window(p, "start_time", "end_time", !by_number)?;
    let process_status = text(p, "process_status")
        .map(|s| {
            s.parse::<u32>().map_err(|_| {
                invalid(
                    "process_status",
                    &format!("{s} 不是退换单处理状态码，如 20 待审核、60 待收货、90 已完成"),
                )
            })
        })
        .transpose()?;
    let paging = wdt_paging(p)?;

    let data = DemoData::at(call.now);
    let matches: Vec<(&Refund, &Trade)> = data
        .refunds
        .iter()
        .filter_map(|r| data.trades.get(r.trade).map(|t| (r, t)))
        .filter(|(r, _)| refund_no.is_none_or(|n| r.refund_no == n))
        .filter(|(r, _)| src_refund_no.is_none_or(|n| r.src_refund_no == n))
        .filter(|(_, t)| trade_no.is_none_or(|n| t.trade_no == n))
        .filter(|(_, t)| tid.is_none_or(|n| t.src_tid == n))
        .filter(|(r, _)| window.is_none_or(|w| w.contains(r.modified)))
        .filter(|(r, _)| process_status.is_none_or(|s| r.process_status == s))
        .filter(|(_, t)| text(p, "shop_no").is_none_or(|s| t.shop.shop_no == s))
        .collect();
    let total = matches.len();
    let refunds: Vec<Value> = paging
        .slice(matches)
        .into_iter()
        .map(|(r, t)| refund_json(r, t))
        .collect();
    let mut fields = Map::new();
    fields.insert("total_count".into(), json!(total));
    fields.insert("refunds".into(), Value::Array(refunds));
    Ok(fields)
}

pub(crate) fn refund_query(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(answer(call))
}
