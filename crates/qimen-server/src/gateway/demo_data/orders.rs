//! The demo sales orders (销售订单) and their refunds (退换单), generated from the catalogue with a
//! fixed scrambling of the order's index, and timed back from the anchor. An order's status follows
//! its age, the way a real shop's orders move from 待审核 to 已完成.

use super::catalogue::{specs_of_shop, Goods, Shop, Spec, Warehouse, SHOPS, WAREHOUSES};
use super::mix;
use chrono::{DateTime, Duration, Utc};

const TRADE_COUNT: u64 = 120;

/// 旺店通's order status codes (`trade_status`) that occur in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TradeStatus {
    /// 5 已取消
    Cancelled,
    /// 30 待客审
    AwaitingReview,
    /// 55 已审核
    Approved,
    /// 95 已发货
    Shipped,
    /// 110 已完成
    Completed,
}

impl TradeStatus {
    pub fn code(self) -> u32 {
        match self {
            TradeStatus::Cancelled => 5,
            TradeStatus::AwaitingReview => 30,
            TradeStatus::Approved => 55,
            TradeStatus::Shipped => 95,
            TradeStatus::Completed => 110,
        }
    }
}

/// One line of an order (a SKU, its quantity and price).
#[derive(Debug, Clone, PartialEq)]
pub struct TradeLine {
    pub rec_id: u32,
    /// The platform's sub-order id.
    pub src_oid: String,
    pub goods: &'static Goods,
    pub spec: &'static Spec,
    pub num: u32,
    pub price_fen: i64,
    /// The shop discount on this line.
    pub discount_fen: i64,
    /// The part of the order's postage borne by this line.
    pub share_post_fen: i64,
}

impl TradeLine {
    /// What the line costs after its discount (旺店通 `share_amount`).
    pub fn share_amount_fen(&self) -> i64 {
        self.price_fen * i64::from(self.num) - self.discount_fen
    }
}

/// One sales order as the ERP holds it. There are no buyer or receiver identities in the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Trade {
    pub trade_id: u32,
    pub trade_no: String,
    /// The platform order number (原始单号).
    pub src_tid: String,
    pub shop: &'static Shop,
    pub warehouse: &'static Warehouse,
    pub status: TradeStatus,
    /// 0 无退款, 1 申请退款, 2 部分退款, 3 全部退款.
    pub refund_status: u32,
    pub trade_time: DateTime<Utc>,
    pub pay_time: Option<DateTime<Utc>>,
    pub consign_time: Option<DateTime<Utc>>,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    pub logistics_no: Option<String>,
    pub post_fen: i64,
    pub receiver_province: &'static str,
    pub receiver_city: &'static str,
    pub lines: Vec<TradeLine>,
}

impl Trade {
    pub fn goods_amount_fen(&self) -> i64 {
        self.lines
            .iter()
            .map(|l| l.price_fen * i64::from(l.num))
            .sum()
    }

    pub fn discount_fen(&self) -> i64 {
        self.lines.iter().map(|l| l.discount_fen).sum()
    }

    /// What the buyer owes: goods after discounts, plus postage.
    pub fn receivable_fen(&self) -> i64 {
        self.goods_amount_fen() - self.discount_fen() + self.post_fen
    }

    /// What the buyer paid (nothing for a cancelled, unpaid order).
    pub fn paid_fen(&self) -> i64 {
        if self.pay_time.is_some() {
            self.receivable_fen()
        } else {
            0
        }
    }

    pub fn goods_count(&self) -> u32 {
        self.lines.iter().map(|l| l.num).sum()
    }

    pub fn weight_g(&self) -> u32 {
        self.lines.iter().map(|l| l.spec.weight_g * l.num).sum()
    }
}

/// One refund (退换单) against the first line of an order.
#[derive(Debug, Clone, PartialEq)]
pub struct Refund {
    pub refund_id: u32,
    pub refund_no: String,
    /// The platform's refund number (平台原始退换单号).
    pub src_refund_no: String,
    /// Index into [`super::DemoData::trades`].
    pub trade: usize,
    /// 1 退款(未发货), 2 退货, 3 换货, 4 退款不退货.
    pub refund_type: u32,
    /// ERP 处理状态: 20 待审核, 60 待收货, 90 已完成.
    pub process_status: u32,
    /// Platform status: 2 已申请退款, 4 等待收货, 5 退款成功.
    pub platform_status: u32,
    pub reason: &'static str,
    pub refund_num: u32,
    pub refund_fen: i64,
    pub actual_refund_fen: i64,
    pub return_logistics: Option<(&'static str, String)>,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
}

const REGIONS: &[(&str, &str)] = &[
    ("浙江省", "杭州市"),
    ("上海市", "上海市"),
    ("江苏省", "南京市"),
    ("广东省", "深圳市"),
    ("北京市", "北京市"),
    ("四川省", "成都市"),
    ("湖北省", "武汉市"),
    ("山东省", "青岛市"),
];

/// Minutes between the anchor and the order time: six orders in the last six hours, then one about
/// every half day back to day 60.
fn age_minutes(i: u64) -> i64 {
    let jitter = mix(i * 31 + 1);
    let minutes = if i < 6 {
        i * 60 + 7 + jitter % 45
    } else {
        360 + (i - 6) * 750 + jitter % 600
    };
    minutes as i64
}

fn platform_number(shop: &Shop, seed: u64) -> u64 {
    match shop.platform_id {
        1 => 2_000_000_000_000_000_000 + mix(seed) % 1_000_000_000_000_000_000,
        3 => 200_000_000_000 + mix(seed) % 100_000_000_000,
        _ => 6_900_000_000_000_000_000 + mix(seed) % 100_000_000_000_000_000,
    }
}

fn waybill(shop: &Shop, seed: u64) -> String {
    let digits = mix(seed) % 10_000_000_000_000;
    match shop.logistics.0 {
        "SF" => format!("SF{digits:013}"),
        "JD" => format!("JDVA{:011}", digits % 100_000_000_000),
        "ZTO" => format!("7{digits:013}"),
        _ => format!("YT{digits:013}"),
    }
}

fn build_lines(i: u64, shop_index: usize, src_tid: u64, trade_id: u32) -> Vec<TradeLine> {
    let specs = specs_of_shop(shop_index);
    let count = (1 + mix(i * 5 + 2) % 3).min(specs.len() as u64) as usize;
    let start = (mix(i * 5 + 3) % specs.len() as u64) as usize;
    (0..count)
        .map(|j| {
            let (goods, spec) = specs[(start + j) % specs.len()];
            let seed = i * 100 + j as u64;
            let num = 1 + (mix(seed + 11) % 3) as u32;
            let gross = spec.retail_fen * i64::from(num);
            // A quarter of the lines carry a 10% shop discount, rounded to whole yuan.
            let discount_fen = if mix(seed + 12).is_multiple_of(4) {
                gross / 1000 * 100
            } else {
                0
            };
            let src_oid = if count == 1 {
                src_tid.to_string()
            } else {
                (src_tid + 1 + j as u64).to_string()
            };
            TradeLine {
                rec_id: trade_id * 10 + j as u32,
                src_oid,
                goods,
                spec,
                num,
                price_fen: spec.retail_fen,
                discount_fen,
                share_post_fen: 0,
            }
        })
        .collect()
}

fn build_trade(anchor: DateTime<Utc>, i: u64) -> Trade {
    let shop_index = (mix(i * 7 + 1) % SHOPS.len() as u64) as usize;
    let shop = &SHOPS[shop_index];
    let warehouse_index = if mix(i * 7 + 2).is_multiple_of(6) {
        1 - shop.home_warehouse
    } else {
        shop.home_warehouse
    };
    let trade_id = 10_001 + (TRADE_COUNT - 1 - i) as u32;
    let src_tid = platform_number(shop, i * 7 + 4);
    let mut lines = build_lines(i, shop_index, src_tid, trade_id);

    let age = Duration::minutes(age_minutes(i));
    let trade_time = anchor - age;
    let status = if mix(i * 7 + 3).is_multiple_of(14) {
        TradeStatus::Cancelled
    } else if age < Duration::hours(2) {
        TradeStatus::AwaitingReview
    } else if age < Duration::hours(8) {
        TradeStatus::Approved
    } else if age < Duration::days(10) {
        TradeStatus::Shipped
    } else {
        TradeStatus::Completed
    };
    let pay_time = (status != TradeStatus::Cancelled)
        .then(|| trade_time + Duration::minutes(1 + (mix(i * 7 + 5) % 5) as i64));
    let shipped = matches!(status, TradeStatus::Shipped | TradeStatus::Completed);
    let consign_time = shipped.then(|| trade_time + Duration::hours(6));
    let created = trade_time + Duration::minutes(1);
    let modified = match status {
        TradeStatus::Cancelled => (trade_time + Duration::minutes(20)).min(anchor),
        TradeStatus::AwaitingReview => created + Duration::minutes(1),
        TradeStatus::Approved => trade_time + Duration::minutes(90),
        TradeStatus::Shipped => trade_time + Duration::hours(6),
        TradeStatus::Completed => trade_time + Duration::days(10),
    };

    let net: i64 = lines.iter().map(TradeLine::share_amount_fen).sum();
    // Free shipping from 99 yuan, otherwise 8 yuan, borne by the first line.
    let post_fen = if net < 9_900 { 800 } else { 0 };
    if let Some(first) = lines.first_mut() {
        first.share_post_fen = post_fen;
    }
    let (receiver_province, receiver_city) =
        REGIONS[(mix(i * 7 + 6) % REGIONS.len() as u64) as usize];

    Trade {
        trade_id,
        trade_no: format!("JY{:08}", 24_100_000 + trade_id),
        src_tid: src_tid.to_string(),
        shop,
        warehouse: &WAREHOUSES[warehouse_index],
        status,
        refund_status: 0,
        trade_time,
        pay_time,
        consign_time,
        created,
        modified,
        logistics_no: shipped.then(|| waybill(shop, i * 7 + 8)),
        post_fen,
        receiver_province,
        receiver_city,
        lines,
    }
}

/// The 120 demo orders, newest first.
pub(super) fn build_trades(anchor: DateTime<Utc>) -> Vec<Trade> {
    (0..TRADE_COUNT).map(|i| build_trade(anchor, i)).collect()
}

const RETURN_REASONS: &[&str] = &["7天无理由退换货", "尺码/规格不合适", "商品与描述不符"];
const REFUND_ONLY_REASONS: &[&str] = &["少件/漏发", "商品破损", "快递延误补偿"];

fn build_refund(anchor: DateTime<Utc>, index: usize, trade: &Trade, k: usize) -> Option<Refund> {
    let line = trade.lines.first()?;
    let consign = trade.consign_time?;
    let seed = u64::from(trade.trade_id);
    let completed = trade.status == TradeStatus::Completed;
    // After-sales on a completed order starts after it was completed; a refund on a shipped
    // order somewhere between shipping and now.
    let (refund_type, created) = if completed {
        (2, trade.modified + (anchor - trade.modified) / 3)
    } else {
        (4, consign + (anchor - consign) / 2)
    };
    let age = anchor - created;
    let (process_status, platform_status) = match (refund_type, age) {
        (2, a) if a > Duration::days(3) => (90, 5),
        (2, _) => (60, 4),
        (_, a) if a > Duration::hours(12) => (90, 5),
        _ => (20, 2),
    };
    let modified = if process_status == 90 {
        created + (age / 2).min(Duration::days(2))
    } else {
        created + (age / 2).min(Duration::minutes(10))
    };
    let reasons = if refund_type == 2 {
        RETURN_REASONS
    } else {
        REFUND_ONLY_REASONS
    };
    let refund_fen = line.share_amount_fen();
    Some(Refund {
        refund_id: 9_001 + k as u32,
        refund_no: format!("TK{:08}", 24_200_000 + trade.trade_id),
        src_refund_no: (150_000_000_000_000 + mix(seed * 3 + 1) % 10_000_000_000_000).to_string(),
        trade: index,
        refund_type,
        process_status,
        platform_status,
        reason: reasons[(mix(seed * 3 + 2) % reasons.len() as u64) as usize],
        refund_num: line.num,
        refund_fen,
        actual_refund_fen: if process_status == 90 { refund_fen } else { 0 },
        return_logistics: (refund_type == 2)
            .then(|| (trade.shop.logistics.1, waybill(trade.shop, seed * 3 + 3))),
        created,
        modified,
    })
}

/// Refunds for about a tenth of the shipped or completed orders.
pub(super) fn build_refunds(anchor: DateTime<Utc>, trades: &[Trade]) -> Vec<Refund> {
    trades
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.status, TradeStatus::Shipped | TradeStatus::Completed))
        .filter(|(_, t)| mix(u64::from(t.trade_id) * 13 + 5).is_multiple_of(8))
        .enumerate()
        .filter_map(|(k, (index, t))| build_refund(anchor, index, t, k))
        .collect()
}

/// Marks the refunded orders (refund status, and their last change time).
pub(super) fn apply_refunds(mut trades: Vec<Trade>, refunds: &[Refund]) -> Vec<Trade> {
    for refund in refunds {
        if let Some(trade) = trades.get_mut(refund.trade) {
            trade.refund_status = match (refund.process_status, trade.lines.len()) {
                (90, 1) => 3,
                (90, _) => 2,
                _ => 1,
            };
            trade.modified = trade.modified.max(refund.modified);
        }
    }
    trades
}

#[cfg(test)]
mod tests {
    use super::super::DemoData;
    use super::*;
    use qimen_core::clock::parse_gmt8;

    fn data() -> DemoData {
        DemoData::at(parse_gmt8("2024-05-20 10:15:30").unwrap())
    }

    #[test]
    fn every_time_is_in_the_past_and_in_order() {
        let d = data();
        for t in &d.trades {
            assert!(
                t.trade_time <= t.created && t.created <= t.modified,
                "{}",
                t.trade_no
            );
            assert!(
                t.modified <= d.anchor,
                "{} modified in the future",
                t.trade_no
            );
            assert!(d.anchor - t.trade_time <= Duration::days(60));
        }
        for r in &d.refunds {
            assert!(r.created <= r.modified && r.modified <= d.anchor);
        }
        // The newest order is less than an hour old, so "the last hour or two" finds data.
        assert!(d.anchor - d.trades[0].trade_time < Duration::hours(1));
    }

    #[test]
    fn amounts_add_up() {
        for t in &data().trades {
            let shares: i64 = t
                .lines
                .iter()
                .map(|l| l.share_amount_fen() + l.share_post_fen)
                .sum();
            assert_eq!(shares, t.receivable_fen(), "{}", t.trade_no);
            assert!(t.receivable_fen() > 0);
        }
    }

    #[test]
    fn statuses_follow_age_and_cover_the_lifecycle() {
        let d = data();
        let codes: std::collections::BTreeSet<u32> =
            d.trades.iter().map(|t| t.status.code()).collect();
        assert_eq!(
            codes.into_iter().collect::<Vec<_>>(),
            vec![5, 30, 55, 95, 110]
        );
        for t in &d.trades {
            // Only shipped orders have a waybill, only paid orders a pay time.
            assert_eq!(t.logistics_no.is_some(), t.consign_time.is_some());
            assert_eq!(t.pay_time.is_none(), t.status == TradeStatus::Cancelled);
        }
    }

    #[test]
    fn refunds_point_at_shipped_orders_and_mark_them() {
        let d = data();
        for r in &d.refunds {
            let t = &d.trades[r.trade];
            assert!(t.consign_time.is_some());
            assert_ne!(t.refund_status, 0);
            assert!(r.refund_fen <= t.receivable_fen());
        }
    }
}
