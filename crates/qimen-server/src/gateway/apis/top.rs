//! The two TOP router APIs the gateway serves: `taobao.time.get`, the platform clock callers use to
//! fix a timestamp error (code 31), and `taobao.user.seller.get`, the smallest API that needs a
//! session, so an OAuth-captured token can be proved end to end.

use super::failure::{outcome, Answer};
use super::query::text;
use crate::gateway::api_contract::{ApiCall, ApiOutcome, PlatformError};
use qimen_core::clock::format_gmt8;
use serde_json::{json, Map, Value};

/// `taobao.time.get`: `{"time": "yyyy-MM-dd HH:mm:ss"}` in GMT+8.
pub(crate) fn time_get(call: &ApiCall<'_>) -> ApiOutcome {
    let mut fields = Map::new();
    fields.insert("time".into(), json!(format_gmt8(call.now)));
    ApiOutcome::Ok(fields)
}

/// The user fields the gateway knows for an authorised user. `type` is `C` (an 淘宝 seller): the
/// local gateway's authorised users are not 天猫 (`B`) merchants.
fn user_field(field: &str, user_id: &str, nick: &str) -> Option<Value> {
    match field {
        "user_id" => Some(
            user_id
                .parse::<u64>()
                .map_or_else(|_| json!(user_id), |n| json!(n)),
        ),
        "nick" => Some(json!(nick)),
        "type" => Some(json!("C")),
        _ => None,
    }
}

fn seller_answer(call: &ApiCall<'_>) -> Answer {
    let user = call.user.ok_or_else(|| PlatformError {
        code: "26".into(),
        msg: "Missing Session".into(),
        sub_code: None,
        sub_msg: Some("taobao.user.seller.get 需要用户授权：先完成授权拿到 session 再调用".into()),
    })?;
    let fields = text(call.params, "fields").unwrap_or_default();
    // Unknown field names are ignored, as the platform does.
    let user_json: Map<String, Value> = fields
        .split(',')
        .map(str::trim)
        .filter_map(|f| user_field(f, &user.user_id, &user.nick).map(|v| (f.to_string(), v)))
        .collect();
    let mut answer = Map::new();
    answer.insert("user".into(), Value::Object(user_json));
    Ok(answer)
}

/// `taobao.user.seller.get`: `{"user": {…requested fields…}}` for the session's user.
pub(crate) fn user_seller_get(call: &ApiCall<'_>) -> ApiOutcome {
    outcome(seller_answer(call))
}
