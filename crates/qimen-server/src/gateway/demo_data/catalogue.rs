//! The fixed part of the demo 旺店通 account: shops, warehouses and the goods archive. Everything here
//! is invented for the demo (names, codes, barcodes, prices); nothing describes a real merchant.

/// A shop as the ERP knows it. `platform_id` follows 旺店通's numbering: 1 = 淘宝/天猫, 3 = 京东;
/// 69 for 抖音 is the demo's assumption (not confirmed in a public document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shop {
    pub shop_id: u32,
    pub shop_no: &'static str,
    pub shop_name: &'static str,
    pub platform_id: u32,
    pub platform_name: &'static str,
    /// The warehouse most of this shop's orders ship from (index into [`WAREHOUSES`]).
    pub home_warehouse: usize,
    /// A 物流公司 this shop mostly ships with: (logistics_code, logistics_name).
    pub logistics: (&'static str, &'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warehouse {
    pub warehouse_id: u32,
    pub warehouse_no: &'static str,
    pub warehouse_name: &'static str,
    pub province: &'static str,
    pub city: &'static str,
}

/// One SKU (单品). Money is in fen (分) so sums stay exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub spec_id: u32,
    pub spec_no: &'static str,
    pub spec_code: &'static str,
    pub spec_name: &'static str,
    /// The first 12 digits of the EAN-13 barcode; the check digit is computed by [`barcode`].
    pub barcode_base: &'static str,
    pub retail_fen: i64,
    pub cost_fen: i64,
    pub weight_g: u32,
}

/// One SPU (货品) with its SKUs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goods {
    pub goods_id: u32,
    pub goods_no: &'static str,
    pub goods_name: &'static str,
    pub short_name: &'static str,
    pub brand_name: &'static str,
    pub class_name: &'static str,
    pub unit_name: &'static str,
    pub origin: &'static str,
    /// Index into [`SHOPS`] of the shop that sells it.
    pub shop: usize,
    pub specs: &'static [Spec],
}

pub const SHOPS: &[Shop] = &[
    Shop {
        shop_id: 1,
        shop_no: "YQ-TM01",
        shop_name: "杭州云栖茶舍旗舰店",
        platform_id: 1,
        platform_name: "天猫",
        home_warehouse: 0,
        logistics: ("SF", "顺丰速运"),
    },
    Shop {
        shop_id: 2,
        shop_no: "QM-TB02",
        shop_name: "栖木家居生活馆",
        platform_id: 1,
        platform_name: "淘宝",
        home_warehouse: 1,
        logistics: ("ZTO", "中通快递"),
    },
    Shop {
        shop_id: 3,
        shop_no: "JN-JD03",
        shop_name: "江南织造服饰京东旗舰店",
        platform_id: 3,
        platform_name: "京东",
        home_warehouse: 1,
        logistics: ("JD", "京东快递"),
    },
    Shop {
        shop_id: 4,
        shop_no: "HG-DY04",
        shop_name: "禾谷食坊抖音小店",
        platform_id: 69,
        platform_name: "抖音",
        home_warehouse: 0,
        logistics: ("YTO", "圆通速递"),
    },
];

pub const WAREHOUSES: &[Warehouse] = &[
    Warehouse {
        warehouse_id: 11,
        warehouse_no: "HZ-YH01",
        warehouse_name: "杭州余杭主仓",
        province: "浙江省",
        city: "杭州市",
    },
    Warehouse {
        warehouse_id: 12,
        warehouse_no: "SH-JD02",
        warehouse_name: "上海嘉定分仓",
        province: "上海市",
        city: "上海市",
    },
];

const fn spec(
    spec_id: u32,
    spec_no: &'static str,
    spec_name: &'static str,
    barcode_base: &'static str,
    retail_fen: i64,
    cost_fen: i64,
    weight_g: u32,
) -> Spec {
    Spec {
        spec_id,
        spec_no,
        spec_code: spec_no,
        spec_name,
        barcode_base,
        retail_fen,
        cost_fen,
        weight_g,
    }
}

#[allow(clippy::too_many_arguments)]
const fn goods(
    goods_id: u32,
    goods_no: &'static str,
    goods_name: &'static str,
    short_name: &'static str,
    brand_name: &'static str,
    class_name: &'static str,
    unit_name: &'static str,
    origin: &'static str,
    shop: usize,
    specs: &'static [Spec],
) -> Goods {
    Goods {
        goods_id,
        goods_no,
        goods_name,
        short_name,
        brand_name,
        class_name,
        unit_name,
        origin,
        shop,
        specs,
    }
}

#[rustfmt::skip]
pub const GOODS: &[Goods] = &[
    // 茶叶 — 杭州云栖茶舍旗舰店
    goods(101, "YQ-LJ", "西湖龙井 明前特级绿茶", "明前龙井", "云栖", "茶叶/绿茶", "罐", "浙江杭州", 0, &[
        spec(1011, "YQ-LJ-050", "50g罐装", "692100010105", 16800, 7200, 180),
        spec(1012, "YQ-LJ-100", "100g罐装", "692100010112", 31800, 13800, 300),
        spec(1013, "YQ-LJ-250", "250g礼盒装", "692100010129", 72800, 31000, 820),
    ]),
    goods(102, "YQ-AJ", "安吉白茶 雨前一级", "安吉白茶", "云栖", "茶叶/绿茶", "袋", "浙江湖州", 0, &[
        spec(1021, "YQ-AJ-050", "50g袋装", "692100010211", 9800, 4100, 90),
        spec(1022, "YQ-AJ-125", "125g铁盒装", "692100010228", 22800, 9600, 260),
    ]),
    goods(103, "YQ-DHP", "武夷山大红袍 岩茶", "大红袍", "云栖", "茶叶/乌龙茶", "盒", "福建南平", 0, &[
        spec(1031, "YQ-DHP-100", "100g盒装", "692100010310", 15800, 6900, 240),
        spec(1032, "YQ-DHP-250", "250g礼盒装", "692100010327", 36800, 16200, 640),
    ]),
    goods(104, "YQ-PE", "云南普洱熟茶饼 357g", "普洱茶饼", "云栖", "茶叶/黑茶", "饼", "云南普洱", 0, &[
        spec(1041, "YQ-PE-357", "357g单饼", "692100010419", 12800, 5300, 420),
    ]),
    // 家居 — 栖木家居生活馆
    goods(201, "QM-SJT", "新疆长绒棉四件套 60支", "长绒棉四件套", "栖木", "家纺/床品", "套", "江苏南通", 1, &[
        spec(2011, "QM-SJT-15", "1.5m床 燕麦色", "692100020114", 45900, 18800, 2100),
        spec(2012, "QM-SJT-18", "1.8m床 雾蓝色", "692100020121", 49900, 20500, 2400),
    ]),
    goods(202, "QM-CJ", "日式釉下彩陶瓷餐具套装", "陶瓷餐具", "栖木", "家居/餐具", "套", "江西景德镇", 1, &[
        spec(2021, "QM-CJ-4P", "4人份 18件", "692100020213", 26800, 11200, 5200),
        spec(2022, "QM-CJ-6P", "6人份 26件", "692100020220", 35800, 15100, 7400),
    ]),
    goods(203, "QM-MJ", "竹纤维加厚毛巾", "竹纤维毛巾", "栖木", "家居/洗浴", "组", "河北高阳", 1, &[
        spec(2031, "QM-MJ-3", "3条装 混色", "692100020312", 5990, 2100, 380),
        spec(2032, "QM-MJ-6", "6条装 混色", "692100020329", 10990, 4000, 760),
    ]),
    goods(204, "QM-XXD", "实木香薰蜡烛 无烟大豆蜡", "香薰蜡烛", "栖木", "家居/香氛", "个", "浙江义乌", 1, &[
        spec(2041, "QM-XXD-200", "200g 白茶香", "692100020411", 8900, 2900, 320),
    ]),
    // 服饰 — 江南织造服饰京东旗舰店
    goods(301, "JN-ZSC", "桑蚕丝女式衬衫 长袖", "真丝衬衫", "江南织造", "服饰/女装", "件", "浙江湖州", 2, &[
        spec(3011, "JN-ZSC-S", "米白 S", "692100030110", 59900, 23500, 210),
        spec(3012, "JN-ZSC-M", "米白 M", "692100030127", 59900, 23500, 220),
        spec(3013, "JN-ZSC-L", "米白 L", "692100030134", 59900, 23500, 230),
    ]),
    goods(302, "JN-KS", "羊毛针织开衫 男女同款", "羊毛开衫", "江南织造", "服饰/针织", "件", "内蒙古鄂尔多斯", 2, &[
        spec(3021, "JN-KS-M", "藏青 M", "692100030219", 39900, 15800, 420),
        spec(3022, "JN-KS-L", "藏青 L", "692100030226", 39900, 15800, 440),
        spec(3023, "JN-KS-XL", "藏青 XL", "692100030233", 39900, 15800, 460),
    ]),
    goods(303, "JN-XXK", "纯棉男士休闲裤 直筒", "休闲裤", "江南织造", "服饰/男装", "条", "广东佛山", 2, &[
        spec(3031, "JN-XXK-30", "卡其 30码", "692100030318", 21900, 8200, 480),
        spec(3032, "JN-XXK-32", "卡其 32码", "692100030325", 21900, 8200, 500),
        spec(3033, "JN-XXK-34", "卡其 34码", "692100030332", 21900, 8200, 520),
    ]),
    // 食品 — 禾谷食坊抖音小店
    goods(401, "HG-DM", "五常稻花香大米 当季新米", "五常大米", "禾谷", "食品/粮油", "袋", "黑龙江五常", 3, &[
        spec(4011, "HG-DM-5K", "5kg袋装", "692100040115", 8990, 5200, 5100),
        spec(4012, "HG-DM-10K", "10kg袋装", "692100040122", 16990, 10100, 10200),
    ]),
    goods(402, "HG-MH", "天津手工小麻花", "手工麻花", "禾谷", "食品/糕点", "箱", "天津", 3, &[
        spec(4021, "HG-MH-YW", "原味 1kg", "692100040214", 3990, 1800, 1050),
        spec(4022, "HG-MH-HT", "红糖味 1kg", "692100040221", 4290, 1950, 1050),
    ]),
    goods(403, "HG-JG", "每日坚果 混合果仁", "每日坚果", "禾谷", "食品/坚果", "盒", "安徽合肥", 3, &[
        spec(4031, "HG-JG-15", "15包 375g", "692100040313", 6990, 3300, 450),
        spec(4032, "HG-JG-30", "30包 750g", "692100040320", 12990, 6200, 880),
    ]),
    goods(404, "HG-XHB", "云南玫瑰鲜花饼 礼盒", "鲜花饼", "禾谷", "食品/糕点", "盒", "云南昆明", 3, &[
        spec(4041, "HG-XHB-10", "10枚 500g", "692100040412", 5990, 2600, 560),
    ]),
];

/// The full EAN-13 barcode: the 12-digit base plus its check digit (weights 1,3,1,3… from the left).
pub fn barcode(spec: &Spec) -> String {
    let sum: u32 = spec
        .barcode_base
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d } else { d * 3 })
        .sum();
    let check = (10 - sum % 10) % 10;
    format!("{}{}", spec.barcode_base, check)
}

/// Every SKU with the goods it belongs to, in archive order.
pub fn all_specs() -> impl Iterator<Item = (&'static Goods, &'static Spec)> {
    GOODS
        .iter()
        .flat_map(|g| g.specs.iter().map(move |s| (g, s)))
}

/// The SKUs a shop sells.
pub fn specs_of_shop(shop: usize) -> Vec<(&'static Goods, &'static Spec)> {
    all_specs().filter(|(g, _)| g.shop == shop).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_every_shop_sells_something() {
        let specs: Vec<_> = all_specs().collect();
        assert!((20..=40).contains(&specs.len()), "20–40 SKUs");
        let spec_nos: HashSet<_> = specs.iter().map(|(_, s)| s.spec_no).collect();
        assert_eq!(spec_nos.len(), specs.len());
        let barcodes: HashSet<_> = specs.iter().map(|(_, s)| barcode(s)).collect();
        assert_eq!(barcodes.len(), specs.len());
        for shop in 0..SHOPS.len() {
            assert!(!specs_of_shop(shop).is_empty());
        }
    }

    #[test]
    fn barcodes_carry_a_valid_ean13_check_digit() {
        // Re-check with the other textbook formulation: the weighted sum of all 13 digits
        // (1,3,1,3,…) must be a multiple of 10.
        for (_, s) in all_specs() {
            let code = barcode(s);
            assert_eq!(code.len(), 13);
            let sum: u32 = code
                .chars()
                .filter_map(|c| c.to_digit(10))
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { d } else { 3 * d })
                .sum();
            assert_eq!(sum % 10, 0, "{code}");
        }
    }
}
