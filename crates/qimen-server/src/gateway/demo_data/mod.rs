//! The demo 旺店通 account behind the local gateway: shops, goods, warehouses, sales orders, refunds
//! and stock, so the 旺店通 APIs answer with believable data offline, in sales demos and in tests.
//!
//! The data set is fully deterministic: no randomness and no clock. Every time is an offset from an
//! *anchor* derived from the caller's "now" (the call time truncated to the whole hour), so a query
//! for "the last day" always finds orders, while two calls in the same hour see exactly the same
//! data — paging through a result set never shifts under the caller. Codes (trade_no, src_tid,
//! refund_no, spec_no…) never depend on time, so an order found once can be looked up again later.
//!
//! Contents: 4 shops on 天猫 / 淘宝 / 京东 / 抖音, 2 warehouses, 15 goods with 31 SKUs (茶叶, 家居,
//! 服饰, 食品), 120 sales orders over the last 60 days, refunds for about a tenth of them, and a
//! stock row per SKU per warehouse whose reserved quantities follow the open orders. Names and codes
//! are invented; none describes a real merchant. Buyer and receiver identities do not exist in the
//! data at all (only province and city), matching the platform rule that they are never returned.

pub mod catalogue;
mod orders;
mod stock;

pub use catalogue::{Goods, Shop, Spec, Warehouse, GOODS, SHOPS, WAREHOUSES};
pub use orders::{Refund, Trade, TradeLine, TradeStatus};
pub use stock::StockRow;

use chrono::{DateTime, Duration, DurationRound, Utc};

/// The whole demo account at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoData {
    /// The instant every demo time is measured back from (the call time truncated to the hour).
    pub anchor: DateTime<Utc>,
    /// Newest first.
    pub trades: Vec<Trade>,
    /// Each refund points at its trade by index into `trades`.
    pub refunds: Vec<Refund>,
    /// One row per SKU per warehouse.
    pub stocks: Vec<StockRow>,
}

impl DemoData {
    /// The demo account as seen at `now`.
    pub fn at(now: DateTime<Utc>) -> Self {
        let anchor = anchor_of(now);
        let trades = orders::build_trades(anchor);
        let refunds = orders::build_refunds(anchor, &trades);
        let trades = orders::apply_refunds(trades, &refunds);
        let stocks = stock::build_stock(anchor, &trades);
        DemoData {
            anchor,
            trades,
            refunds,
            stocks,
        }
    }

    /// When a goods archive entry was last changed (spread over 20–55 days before the anchor).
    pub fn goods_modified(&self, goods: &Goods) -> DateTime<Utc> {
        let days = 20 + (mix(u64::from(goods.goods_id)) % 36) as i64;
        self.anchor
            - Duration::days(days)
            - Duration::minutes((mix(u64::from(goods.goods_id) + 7) % 600) as i64)
    }

    /// When a goods archive entry was created (half a year before its last change).
    pub fn goods_created(&self, goods: &Goods) -> DateTime<Utc> {
        self.goods_modified(goods) - Duration::days(180)
    }
}

/// The call time truncated to the whole hour; falls back to the exact time if chrono cannot round.
fn anchor_of(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(Duration::hours(1)).unwrap_or(now)
}

/// A fixed scrambling of a seed (SplitMix64): deterministic variety without a random source.
pub(crate) fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Fen as 旺店通 writes money: a decimal string with four places (`"158.0000"`).
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}00", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use qimen_core::clock::parse_gmt8;

    fn now() -> DateTime<Utc> {
        parse_gmt8("2024-05-20 10:15:30").unwrap()
    }

    #[test]
    fn the_same_hour_gives_the_same_data() {
        let a = DemoData::at(now());
        // 40 minutes later is still the same hour: identical data, so paging is stable.
        let b = DemoData::at(now() + Duration::minutes(40));
        assert_eq!(a, b);
        assert_eq!(
            qimen_core::clock::format_gmt8(a.anchor),
            "2024-05-20 10:00:00"
        );
    }

    #[test]
    fn codes_do_not_move_when_the_hour_changes() {
        let a = DemoData::at(now());
        let b = DemoData::at(now() + Duration::hours(5));
        let nos_a: Vec<_> = a.trades.iter().map(|t| (&t.trade_no, &t.src_tid)).collect();
        let nos_b: Vec<_> = b.trades.iter().map(|t| (&t.trade_no, &t.src_tid)).collect();
        assert_eq!(nos_a, nos_b);
    }

    #[test]
    fn sizes_match_the_documented_data_set() {
        let d = DemoData::at(now());
        assert_eq!(d.trades.len(), 120);
        // "about a tenth" of the orders have a refund.
        assert!((8..=16).contains(&d.refunds.len()), "{}", d.refunds.len());
        assert_eq!(
            d.stocks.len(),
            catalogue::all_specs().count() * WAREHOUSES.len()
        );
    }

    #[test]
    fn money_is_written_with_four_decimals() {
        assert_eq!(yuan(15800), "158.0000");
        assert_eq!(yuan(5), "0.0500");
        assert_eq!(yuan(0), "0.0000");
        assert_eq!(yuan(-1250), "-12.5000");
    }
}
