//! `hu3cgwt0tc.wdt.stock.query` (增量查询库存) and `hu3cgwt0tc.wdt.goods.query` (查询货品档案) on the
//! demo account, in 旺店通's field names (`stocks` with `avaliable_num` — 旺店通's own spelling —,
//! `goods_list` with `spec_list`). As 旺店通 documents, a time window or a code must be given: the
//! window is required unless `spec_no` (stock; goods also `goods_no`) selects the rows.

use super::credentials::check_custom;
use super::failure::{outcome, Answer};
use super::query::{text, wdt_paging, window};
use crate::gateway::api_contract::{ApiCall, ApiOutcome};
use crate::gateway::demo_data::catalogue::barcode;
use crate::gateway::demo_data::{yuan, DemoData, Goods, StockRow, GOODS};
use qimen_core::clock::format_gmt8;
use serde_json::{json, Map, Value};

fn stock_json(row: &StockRow) -> Value {
    json!({
        "rec_id": row.rec_id,
        "spec_id": row.spec.spec_id,
        "goods_id": row.goods.goods_id,
        "goods_no": row.goods.goods_no,
        "goods_name": row.goods.goods_name,
        "spec_no": row.spec.spec_no,
        "spec_code": row.spec.spec_code,
        "spec_name": row.spec.spec_name,
        "barcode": barcode(row.spec),
        "brand_name": row.goods.brand_name,
        "warehouse_id": row.warehouse.warehouse_id,
        "warehouse_no": row.warehouse.warehouse_no,
        "warehouse_name": row.warehouse.warehouse_name,
        "stock_num": format!("{}.0000", row.stock_num),
        "avaliable_num": format!("{}.0000", row.available_num()),
        "order_num": format!("{}.0000", row.order_num),
        "sending_num": format!("{}.0000", row.sending_num),
        "purchase_num": format!("{}.0000", row.purchase_num),
        "lock_num": "0.0000",
        "cost_price": yuan(row.spec.cost_fen),
        "created": format_gmt8(row.created),
        "modified": format_gmt8(row.modified),
    })
}

fn stock_answer(call: &ApiCall<'_>) -> Answer {
    check_custom(call)?;
    let p = call.params;
    let spec_no = text(p, "spec_no");
    let warehouse_no = text(p, "warehouse_no");
    let window = window(p, "start_time", "end_time", spec_no.is_none())?;
    let paging = wdt_paging(p)?;

    let data = DemoData::at(call.now);
    let matches: Vec<&StockRow> = data
        .stocks
        .iter()
        .filter(|s| spec_no.is_none_or(|n| s.spec.spec_no == n))
        .filter(|s| warehouse_no.is_none_or(|w| s.warehouse.warehouse_no == w))
        .filter(|s| window.is_none_or(|w| w.contains(s.modified)))
        .collect();
    let total = matches.len();
    let stocks: Vec<Value> = paging.slice(matches).into_iter().map(stock_json).collect();
    let mut fields = Map::new();
    fields.insert("total_count".into(), json!(total));
    fields.insert("stocks".into(), Value::Array(stocks));
    Ok(fields)
}

fn goods_json(data: &DemoData, goods: &Goods) -> Value {
    let modified = format_gmt8(data.goods_modified(goods));
    let created = format_gmt8(data.goods_created(goods));
    let specs: Vec<Value> = goods
        .specs
        .iter()
        .map(|s| {
            json!({
                "spec_id": s.spec_id,
                "goods_id": goods.goods_id,
                "spec_no": s.spec_no,
                "spec_code": s.spec_code,
                "spec_name": s.spec_name,
                "barcode": barcode(s),
                "retail_price": yuan(s.retail_fen),
                "market_price": yuan(s.retail_fen),
                "lowest_price": yuan(s.cost_fen),
                "wholesale_price": yuan((s.retail_fen + s.cost_fen) / 2),
                "weight": format!("{:.4}", f64::from(s.weight_g) / 1000.0),
                "deleted": 0,
                "created": created,
                "modified": modified,
            })
        })
        .collect();
    json!({
        "goods_id": goods.goods_id,
        "goods_no": goods.goods_no,
        "goods_name": goods.goods_name,
        "short_name": goods.short_name,
        "goods_type": 1,
        "spec_count": goods.specs.len(),
        "brand_name": goods.brand_name,
        "class_name": goods.class_name,
        "unit_name": goods.unit_name,
        "origin": goods.origin,
        "deleted": 0,
        "created": created,
        "modified": modified,
        "spec_list": specs,
    })
}

fn goods_answer(call: &ApiCall<'_>) -> Answer {
    check_custom(call)?;
    let p = call.params;
    let goods_no = text(p, "goods_no");
    let spec_no = text(p, "spec_no");
    let by_code = goods_no.is_some() || spec_no.is_some();
    let window = window(p, "start_time", "end_time", !by_code)?;
    let paging = wdt_paging(p)?;

    let data = DemoData::at(call.now);
    let matches: Vec<&Goods> = GOODS
        .iter()
        .filter(|g| goods_no.is_none_or(|n| g.goods_no == n))
        .filter(|g| spec_no.is_none_or(|n| g.specs.iter().any(|s| s.spec_no == n)))
        // 旺店通: with a code given, the time window does not apply.
        .filter(|g| by_code || window.is_none_or(|w| w.contains(data.goods_modified(g))))
        .collect();
    let total = matches.len();
    let goods: Vec<Value> = paging
        .slice(matches)
        .into_iter()
        .map(|g| goods_json(&data, g))
        .collect();
    let mut fields = Map::new();
    fields.insert("total_count".into(), json!(total));
    fields.insert("goods_list".into(), Value::Array(goods));
    Ok(fields)
}

pub(crate) fn stock_query(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(stock_answer(call))
}

pub(crate) fn goods_query(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(goods_answer(call))
}
