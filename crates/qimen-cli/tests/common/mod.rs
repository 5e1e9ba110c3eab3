//! Shared by the CLI tests: the binary with a clean environment, and the public vectors.
#![allow(dead_code)]

use assert_cmd::Command;

/// `qimen` with none of the variables it reads inherited from the machine running the tests.
pub fn qimen() -> Command {
    let mut cmd = Command::cargo_bin("qimen").expect("the qimen binary is built");
    for var in [
        "QIMEN_APP_SECRET",
        "QIMEN_APP_KEY",
        "QIMEN_SESSION",
        "QIMEN_GATEWAY",
        "WDT_APP_SECRET",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// domain reference §6 Example A, md5.
pub const EXAMPLE_A: [&str; 9] = [
    "method=taobao.item.seller.get",
    "app_key=12345678",
    "session=test",
    "timestamp=2016-01-01 12:00:00",
    "format=json",
    "v=2.0",
    "sign_method=md5",
    "fields=num_iid,title,nick,price,num",
    "num_iid=11223344",
];
pub const EXAMPLE_A_SECRET: &str = "helloworld";
pub const EXAMPLE_A_SIGN: &str = "66987CB115214E59E6EC978214934FB8";

/// domain reference §6 Example C: Qimen standard XML body.
pub const EXAMPLE_C: [&str; 7] = [
    "method=taobao.qimen.entryorder.create",
    "timestamp=2024-05-20 10:15:30",
    "format=xml",
    "app_key=23268761",
    "v=2.0",
    "sign_method=md5",
    "customerId=stub-cust-code",
];
pub const EXAMPLE_C_SECRET: &str = "b17cc059ffba3f6cf0d9131359d0be2a";
pub const EXAMPLE_C_SIGN: &str = "6373AD7D699451361C5190A9249865B2";
pub const EXAMPLE_C_BODY: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><entryOrder><entryOrderCode>E20240520001</entryOrderCode><ownerCode>OWNER01</ownerCode><warehouseCode>WH01</warehouseCode><orderType>CGRK</orderType></entryOrder><orderLines><orderLine><itemCode>SKU-001</itemCode><planQty>10</planQty></orderLine></orderLines></request>";

/// Example C's sign computed without its body: what a sender that leaves the body out sends.
pub fn example_c_sign_without_body() -> String {
    use qimen_core::sign::{sign_top, Params, SignMethod};
    let params: Params = EXAMPLE_C
        .iter()
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    sign_top(&params, None, EXAMPLE_C_SECRET, SignMethod::Md5)
}

/// The last non-empty line of a command's stdout.
pub fn last_line(stdout: &[u8]) -> String {
    String::from_utf8_lossy(stdout)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}
