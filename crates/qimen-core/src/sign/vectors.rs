//! The public signing vectors of the domain reference §6 (the official TOP documentation example,
//! the Qimen XML examples), written down once for the tests, the benchmarks and anyone who wants to
//! check their own implementation against them.

use super::Params;

fn params(pairs: &[(&str, &str)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Example A (official TOP doc, docId=101617) with the given `sign_method` value.
pub fn example_a(sign_method: &str) -> Params {
    params(&[
        ("method", "taobao.item.seller.get"),
        ("app_key", "12345678"),
        ("session", "test"),
        ("timestamp", "2016-01-01 12:00:00"),
        ("format", "json"),
        ("v", "2.0"),
        ("sign_method", sign_method),
        ("fields", "num_iid,title,nick,price,num"),
        ("num_iid", "11223344"),
    ])
}

pub const EXAMPLE_A_SECRET: &str = "helloworld";

/// Example C: the Qimen standard query parameters.
pub fn example_c() -> Params {
    params(&[
        ("method", "taobao.qimen.entryorder.create"),
        ("timestamp", "2024-05-20 10:15:30"),
        ("format", "xml"),
        ("app_key", "23268761"),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("customerId", "stub-cust-code"),
    ])
}

/// The Qimen secret of Examples C and D.
pub const QIMEN_SECRET: &str = "b17cc059ffba3f6cf0d9131359d0be2a";

pub const EXAMPLE_C_BODY: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?><request>\
<entryOrder><entryOrderCode>E20240520001</entryOrderCode><ownerCode>OWNER01</ownerCode>\
<warehouseCode>WH01</warehouseCode><orderType>CGRK</orderType></entryOrder><orderLines>\
<orderLine><itemCode>SKU-001</itemCode><planQty>10</planQty></orderLine></orderLines></request>";

pub const EXAMPLE_C_MD5: &str = "6373AD7D699451361C5190A9249865B2";

/// Example D (third-party published Qimen vector).
pub fn example_d() -> Params {
    params(&[
        ("app_key", "23268761"),
        ("format", "xml"),
        ("method", "taobao.qimen.entryorder.create"),
        ("sign_method", "md5"),
        ("timestamp", "2020-04-08 10:56:00"),
        ("v", "2.0"),
    ])
}
