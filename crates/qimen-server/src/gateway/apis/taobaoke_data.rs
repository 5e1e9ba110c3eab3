//! The demo goods the local gateway's Taobaoke APIs answer with: a handful of items in three shops,
//! invented for the demo (no real item, shop or seller), with the fields the platform's Taobaoke
//! answers carry (title, pictures, list and discounted price, 30-day sales, seller, shop, commission).

/// One demo shop.
pub(crate) struct DemoShop {
    pub user_id: u64,
    pub shop_title: &'static str,
    /// `B` = Tmall, `C` = Taobao, as the platform writes it.
    pub shop_type: &'static str,
    pub seller_nick: &'static str,
    pub provcity: &'static str,
}

/// One demo item.
pub(crate) struct DemoItem {
    pub num_iid: u64,
    pub title: &'static str,
    pub shop: usize,
    pub cat_name: &'static str,
    pub cat_leaf_name: &'static str,
    /// List price in yuan, as the platform writes it ("129.00").
    pub reserve_price: &'static str,
    /// Discounted price in yuan.
    pub zk_final_price: &'static str,
    /// Sales over the last 30 days.
    pub volume: u64,
    /// Commission rate in basis points of a percent, as the platform writes it ("1050" = 10.50%).
    pub commission_rate: &'static str,
    pub free_shipment: bool,
}

pub(crate) const SHOPS: [DemoShop; 3] = [
    DemoShop {
        user_id: 3_900_000_101,
        shop_title: "演示茶叶旗舰店",
        shop_type: "B",
        seller_nick: "演示茶叶旗舰店",
        provcity: "浙江 杭州",
    },
    DemoShop {
        user_id: 3_900_000_102,
        shop_title: "演示家居小铺",
        shop_type: "C",
        seller_nick: "demo_home_seller",
        provcity: "广东 佛山",
    },
    DemoShop {
        user_id: 3_900_000_103,
        shop_title: "演示数码专营店",
        shop_type: "B",
        seller_nick: "演示数码专营店",
        provcity: "广东 深圳",
    },
];

pub(crate) const ITEMS: [DemoItem; 6] = [
    DemoItem {
        num_iid: 600_000_000_001,
        title: "演示 西湖龙井 明前特级 250g 礼盒装",
        shop: 0,
        cat_name: "茶",
        cat_leaf_name: "龙井",
        reserve_price: "398.00",
        zk_final_price: "268.00",
        volume: 1523,
        commission_rate: "1050",
        free_shipment: true,
    },
    DemoItem {
        num_iid: 600_000_000_002,
        title: "演示 安溪铁观音 浓香型 500g",
        shop: 0,
        cat_name: "茶",
        cat_leaf_name: "铁观音",
        reserve_price: "158.00",
        zk_final_price: "99.00",
        volume: 864,
        commission_rate: "800",
        free_shipment: true,
    },
    DemoItem {
        num_iid: 600_000_000_003,
        title: "演示 不锈钢保温杯 500ml 316内胆",
        shop: 1,
        cat_name: "餐饮具",
        cat_leaf_name: "保温杯",
        reserve_price: "129.00",
        zk_final_price: "59.90",
        volume: 20417,
        commission_rate: "2000",
        free_shipment: true,
    },
    DemoItem {
        num_iid: 600_000_000_004,
        title: "演示 纯棉四件套 1.8m床 简约条纹",
        shop: 1,
        cat_name: "床上用品",
        cat_leaf_name: "床品套件",
        reserve_price: "299.00",
        zk_final_price: "189.00",
        volume: 3311,
        commission_rate: "1500",
        free_shipment: false,
    },
    DemoItem {
        num_iid: 600_000_000_005,
        title: "演示 蓝牙耳机 主动降噪 长续航",
        shop: 2,
        cat_name: "影音电器",
        cat_leaf_name: "蓝牙耳机",
        reserve_price: "499.00",
        zk_final_price: "329.00",
        volume: 5120,
        commission_rate: "600",
        free_shipment: true,
    },
    DemoItem {
        num_iid: 600_000_000_006,
        title: "演示 65W 氮化镓充电器 双口快充",
        shop: 2,
        cat_name: "3C数码配件",
        cat_leaf_name: "充电器",
        reserve_price: "149.00",
        zk_final_price: "89.00",
        volume: 9876,
        commission_rate: "900",
        free_shipment: true,
    },
];

/// The shop an item belongs to (every demo item names a shop of [`SHOPS`]).
pub(crate) fn shop_of(item: &DemoItem) -> &'static DemoShop {
    SHOPS.get(item.shop).unwrap_or(&SHOPS[0])
}

pub(crate) fn item(num_iid: u64) -> Option<&'static DemoItem> {
    ITEMS.iter().find(|i| i.num_iid == num_iid)
}

/// The demo picture address of an item (the `img.example` host is reserved for examples).
pub(crate) fn picture(num_iid: u64, index: u8) -> String {
    format!("https://img.example.com/tbk-demo/{num_iid}_{index}.jpg")
}

pub(crate) fn item_url(num_iid: u64) -> String {
    format!("https://item.taobao.com/item.htm?id={num_iid}")
}
