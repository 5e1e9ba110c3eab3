//! The Qimen standard WMS pair, answered like a warehouse that accepts the order:
//! `taobao.qimen.entryorder.create` (入库单创建) and `taobao.qimen.deliveryorder.create` (发货单创建).
//! The XML body is validated field by field; the first problem is answered as 40 (missing) or 41
//! (invalid) with `isv.missing-parameter:<field>` / `isv.invalid-parameter:<field>` and a Chinese
//! message giving the field's path. Ids the warehouse assigns are derived from the caller's order
//! code, so sending the same order twice gives the same id, as an idempotent WMS would.

use super::failure::{invalid, missing, outcome, Answer};
use super::xml_body::{parse, XmlElement};
use crate::gateway::api_contract::{ApiCall, ApiOutcome, PlatformError};
use qimen_core::clock::format_gmt8;
use serde_json::{json, Map};

/// Parses the body and checks its root is `<request>`.
fn request_root(call: &ApiCall<'_>) -> Result<XmlElement, PlatformError> {
    let body = call.body.filter(|b| !b.trim().is_empty()).ok_or_else(|| {
        missing(
            "body",
            "奇门标准接口以 XML 报文 <request>…</request> 作为请求体发送",
        )
    })?;
    let root = parse(body).map_err(|e| invalid("body", &format!("请求报文不是合法的XML: {e}")))?;
    if root.name != "request" {
        return Err(invalid(
            "body",
            &format!("根元素应为 <request>，收到的是 <{}>", root.name),
        ));
    }
    Ok(root)
}

fn element<'a>(
    parent: &'a XmlElement,
    name: &str,
    path: &str,
) -> Result<&'a XmlElement, PlatformError> {
    parent
        .child(name)
        .ok_or_else(|| missing(name, &format!("报文中缺少 {path}")))
}

fn field<'a>(parent: &'a XmlElement, name: &str, path: &str) -> Result<&'a str, PlatformError> {
    parent
        .child_text(name)
        .ok_or_else(|| missing(name, &format!("报文中缺少 {path}/{name} 或其值为空")))
}

/// Checks `orderLines/orderLine`: at least one line, each with `itemCode` and a positive integer
/// `planQty`. Answers the number of lines.
fn order_lines(root: &XmlElement) -> Result<usize, PlatformError> {
    let lines = element(root, "orderLines", "request/orderLines")?;
    let mut count = 0;
    for (i, line) in lines.children_named("orderLine").enumerate() {
        let path = format!("orderLines/orderLine[{}]", i + 1);
        field(line, "itemCode", &path)?;
        let qty = field(line, "planQty", &path)?;
        match qty.parse::<u64>() {
            Ok(n) if n > 0 => {}
            _ => {
                return Err(invalid(
                    "planQty",
                    &format!("{path}/planQty={qty} 不是正整数，应填计划数量，如 10"),
                ))
            }
        }
        count += 1;
    }
    if count == 0 {
        return Err(missing("orderLine", "orderLines 下至少需要一个 orderLine"));
    }
    Ok(count)
}

/// A warehouse-side id: the prefix and 12 digits derived from the caller's code (FNV-1a).
fn warehouse_id(prefix: &str, code: &str) -> String {
    let hash = code.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{prefix}{:012}", hash % 1_000_000_000_000)
}

fn entry_answer(call: &ApiCall<'_>) -> Answer {
    let root = request_root(call)?;
    let entry = element(&root, "entryOrder", "request/entryOrder")?;
    let code = field(entry, "entryOrderCode", "entryOrder")?;
    field(entry, "warehouseCode", "entryOrder")?;
    field(entry, "ownerCode", "entryOrder")?;
    order_lines(&root)?;
    let mut fields = Map::new();
    fields.insert("entryOrderId".into(), json!(warehouse_id("WMS-RK-", code)));
    Ok(fields)
}

fn delivery_answer(call: &ApiCall<'_>) -> Answer {
    let root = request_root(call)?;
    let order = element(&root, "deliveryOrder", "request/deliveryOrder")?;
    let code = field(order, "deliveryOrderCode", "deliveryOrder")?;
    let warehouse = field(order, "warehouseCode", "deliveryOrder")?;
    let receiver = element(order, "receiverInfo", "deliveryOrder/receiverInfo")?;
    let receiver_path = "deliveryOrder/receiverInfo";
    field(receiver, "name", receiver_path)?;
    let mobile = field(receiver, "mobile", receiver_path)?;
    // Digits with the separators people write; platforms may also hand over masked numbers (*).
    let plausible = (5..=20).contains(&mobile.chars().count())
        && mobile
            .chars()
            .all(|c| c.is_ascii_digit() || "+-* ".contains(c))
        && mobile.chars().any(|c| c.is_ascii_digit());
    if !plausible {
        return Err(invalid(
            "mobile",
            &format!("{receiver_path}/mobile={mobile} 不是电话号码，应为手机号如 13800138000"),
        ));
    }
    field(receiver, "province", receiver_path)?;
    field(receiver, "city", receiver_path)?;
    field(receiver, "detailAddress", receiver_path)?;
    order_lines(&root)?;
    let mut fields = Map::new();
    fields.insert(
        "deliveryOrderId".into(),
        json!(warehouse_id("WMS-CK-", code)),
    );
    fields.insert("warehouseCode".into(), json!(warehouse));
    fields.insert("createTime".into(), json!(format_gmt8(call.now)));
    Ok(fields)
}

/// `taobao.qimen.entryorder.create` → `entryOrderId`.
pub(crate) fn entryorder_create(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(entry_answer(call))
}

/// `taobao.qimen.deliveryorder.create` → `deliveryOrderId`, `warehouseCode`, `createTime`.
pub(crate) fn deliveryorder_create(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(delivery_answer(call))
}
