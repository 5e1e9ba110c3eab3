//! Demo stock (库存): one row per SKU per warehouse. The reserved quantities are not invented but
//! follow the open demo orders, so stock and orders tell the same story: orders waiting for review
//! count as `order_num` (待审核量), approved unshipped ones as `sending_num` (待发货量), and
//! `avaliable_num` (旺店通's spelling of 可发库存) is what is left.

use super::catalogue::{all_specs, Goods, Spec, Warehouse, WAREHOUSES};
use super::mix;
use super::orders::{Trade, TradeStatus};
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct StockRow {
    pub rec_id: u32,
    pub goods: &'static Goods,
    pub spec: &'static Spec,
    pub warehouse: &'static Warehouse,
    /// 实物库存.
    pub stock_num: i64,
    /// Quantity on orders waiting for review.
    pub order_num: i64,
    /// Quantity on approved orders not yet shipped.
    pub sending_num: i64,
    /// Quantity on purchase orders not yet received.
    pub purchase_num: i64,
    pub modified: DateTime<Utc>,
    pub created: DateTime<Utc>,
}

impl StockRow {
    /// 可发库存: physical stock minus what open orders hold.
    pub fn available_num(&self) -> i64 {
        self.stock_num - self.order_num - self.sending_num
    }
}

fn reserved(trades: &[Trade], spec: &Spec, warehouse: &Warehouse, status: TradeStatus) -> i64 {
    trades
        .iter()
        .filter(|t| t.status == status && t.warehouse.warehouse_no == warehouse.warehouse_no)
        .flat_map(|t| t.lines.iter())
        .filter(|l| l.spec.spec_no == spec.spec_no)
        .map(|l| i64::from(l.num))
        .sum()
}

/// The stock rows, in archive order (SKU by SKU, warehouse by warehouse).
pub(super) fn build_stock(anchor: DateTime<Utc>, trades: &[Trade]) -> Vec<StockRow> {
    let mut rows = Vec::new();
    for (goods, spec) in all_specs() {
        for warehouse in WAREHOUSES {
            let seed = u64::from(spec.spec_id) * 10 + u64::from(warehouse.warehouse_id);
            let rec_id = 70_000 + spec.spec_id * 10 + warehouse.warehouse_id % 10;
            // Stock counted at the last stock-take, 1–20 days ago; a shipment out of the
            // warehouse since then moves the row's last change time forward.
            let counted = anchor - Duration::days(1 + (mix(seed) % 20) as i64);
            let last_shipment = trades
                .iter()
                .filter(|t| t.warehouse.warehouse_no == warehouse.warehouse_no)
                .filter(|t| t.lines.iter().any(|l| l.spec.spec_no == spec.spec_no))
                .filter_map(|t| t.consign_time.filter(|c| *c <= anchor))
                .max();
            rows.push(StockRow {
                rec_id,
                goods,
                spec,
                warehouse,
                stock_num: 30 + (mix(seed + 1) % 470) as i64,
                order_num: reserved(trades, spec, warehouse, TradeStatus::AwaitingReview),
                sending_num: reserved(trades, spec, warehouse, TradeStatus::Approved),
                purchase_num: if mix(seed + 2).is_multiple_of(3) {
                    200
                } else {
                    0
                },
                modified: last_shipment.map_or(counted, |s| s.max(counted)),
                created: anchor - Duration::days(200),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::DemoData;
    use qimen_core::clock::parse_gmt8;

    #[test]
    fn reserved_stock_matches_the_open_orders() {
        let d = DemoData::at(parse_gmt8("2024-05-20 10:15:30").unwrap());
        let reserved: i64 = d.stocks.iter().map(|s| s.order_num + s.sending_num).sum();
        let open: i64 = d
            .trades
            .iter()
            .filter(|t| t.status.code() == 30 || t.status.code() == 55)
            .map(|t| i64::from(t.goods_count()))
            .sum();
        // Every unit on an open order is held in exactly one stock row.
        assert_eq!(reserved, open);
        assert!(open > 0, "the newest orders are still open");
        for s in &d.stocks {
            assert!(s.available_num() >= 0, "{}", s.spec.spec_no);
            assert!(s.modified <= d.anchor);
        }
    }
}
