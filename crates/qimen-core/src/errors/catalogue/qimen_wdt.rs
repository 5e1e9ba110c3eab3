//! Qimen router and receiver conventions, and the errors of 旺店通 (Wangdiantong) riding inside a
//! Qimen answer.
//!
//! `sign-check-failure` and `1012` are the codes those systems send. The `qimen.*` and `wdt.*`
//! sub-codes are names of ours for situations the real routers describe only in prose; the local
//! gateway and its demo 旺店通 provider send exactly these names.

use super::{t, QIMEN_BUSINESS_FAILURE};
use crate::errors::ErrorEntry;

pub(super) const MISSING_CUSTOMER_ID: &str = "qimen.missing-customer-id";
pub(super) const MISSING_TARGET_APP_KEY: &str = "qimen.missing-target-app-key";

pub(super) const ENTRIES: &[ErrorEntry] = &[
    ErrorEntry {
        code: Some("sign-check-failure"),
        sub_code: None,
        title: t("接收方验签失败（Illegal request）", "The receiver rejected the signature (Illegal request)"),
        cause: t(
            "接收请求的系统（如 WMS、ERP）用它自己的 AppSecret 重新计算签名，结果和您发送的不一致，于是回复 flag=failure、Illegal request。",
            "The receiving system (such as a WMS or ERP) recomputed the signature with its own AppSecret, got a different value, and answered flag=failure, Illegal request.",
        ),
        remedy: t(
            "确认双方使用同一个密钥；奇门 XML 请求要把请求体原样接在排好序的参数后面签名，签名后不能再改动请求体（包括空格、换行和 <?xml ?> 声明）；URL 里的 timestamp 和 customerId 要编码后发送，签名时用未编码的原值。",
            "Make sure both sides use the same secret; for Qimen XML calls sign the sorted parameters followed by the body exactly as sent, and never change the body after signing (not even spaces, line breaks or the <?xml ?> line); URL-encode timestamp and customerId when sending, but sign their plain values.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: None,
        sub_code: Some(MISSING_CUSTOMER_ID),
        title: t("缺少或无效的 customerId", "customerId is missing or unknown"),
        cause: t(
            "奇门标准接口靠 customerId 决定把请求转给哪一方（例如仓库的货主编码或卖家编号）。请求里没有它，或者它没有在奇门控制台配置过。",
            "Qimen standard APIs use customerId to decide who receives the call (for example the warehouse owner code or the seller id). It is missing, or it was never configured in the Qimen console.",
        ),
        remedy: t(
            "向对接方要到正确的 customerId，在奇门控制台的联调配置里填好，并在每次请求的 URL 参数中带上（发送时要 URL 编码）。",
            "Get the right customerId from your counterpart, enter it in the joint-test settings of the Qimen console, and send it in the URL of every call (URL-encoded).",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: None,
        sub_code: Some(MISSING_TARGET_APP_KEY),
        title: t("缺少或错误的 target_app_key", "target_app_key is missing or wrong"),
        cause: t(
            "调用奇门自定义接口时，必须用 target_app_key 指明提供接口的一方（例如旺店通的 AppKey 是 21363512），请求里没有或写错了。",
            "A Qimen custom API call must name the provider with target_app_key (for 旺店通 it is 21363512); it is missing or wrong.",
        ),
        remedy: t(
            "加上 target_app_key，值为接口提供方的 AppKey（对接旺店通填 21363512），并一起参与签名。",
            "Add target_app_key set to the provider's AppKey (21363512 for 旺店通) and include it in the signature.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("qimen.api-not-found"),
        title: t("找不到该奇门自定义接口", "The Qimen custom API was not found"),
        cause: t(
            "路由地址里的服务商编码（如 hu3cgwt0tc）和接口名前缀不一致，或者这个接口不存在、还没有对您的应用开放。",
            "The provider code in the router address (such as hu3cgwt0tc) does not match the API name's prefix, or the API does not exist or is not yet open to your app.",
        ),
        remedy: t(
            "让地址和接口名使用同一个服务商编码，例如把 hu3cgwt0tc.wdt.trade.query 发到 https://hu3cgwt0tc.api.taobao.com/router/qm；并确认已在奇门控制台接入该场景。",
            "Use the same provider code in the address and the API name, for example send hu3cgwt0tc.wdt.trade.query to https://hu3cgwt0tc.api.taobao.com/router/qm; and make sure you joined the scenario in the Qimen console.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: None,
        sub_code: Some(QIMEN_BUSINESS_FAILURE),
        title: t("接收方处理失败", "The receiving system reported a failure"),
        cause: t(
            "请求送达了对方系统，但对方返回 flag=failure，表示业务处理没有成功，原因写在 code 和 message 中。",
            "The call reached the other system, but it answered flag=failure: the business operation did not succeed; its code and message say why.",
        ),
        remedy: t(
            "根据 message 的说明改正数据（例如单号重复、商品不存在），不清楚时把 code、message 和请求内容发给对接方确认。",
            "Fix the data as the message says (for example a duplicate order number or an unknown item); if unclear, send the code, message and request to your counterpart.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("wdt.sign-check-failure"),
        title: t("旺店通签名（wdt_sign）校验失败", "旺店通 rejected wdt_sign"),
        cause: t(
            "旺店通用您的旺店通密钥重新计算 wdt_sign，结果和您发送的不一致。常见原因：用错了密钥或盐（salt），参数没有排序，JSON 参数里的字段没有按规则展开，或者签名后又改了参数。",
            "旺店通 recomputed wdt_sign with your 旺店通 secret and got a different value. Usual reasons: the wrong secret or salt, parameters not sorted, fields inside JSON parameters not expanded by the rule, or a parameter changed after signing.",
        ),
        remedy: t(
            "旺店通给的密钥形如“secret:salt”，冒号前是签名用的密钥、冒号后填 wdt_salt；wdt_sign 用小写 md5，不含 wdt_sign 和 wdt3_customer_id 本身；算好 wdt_sign 后再计算外层的奇门 sign。用本工具的“旺店通签名”页逐步对比。",
            "The 旺店通 secret comes as `secret:salt`: the part before the colon signs, the part after goes in wdt_salt; wdt_sign is a lower-case md5 that leaves out wdt_sign and wdt3_customer_id; compute wdt_sign first, then the outer Qimen sign. Compare step by step on this tool's 旺店通 signature page.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("1012"),
        sub_code: None,
        title: t("旺店通接口繁忙", "旺店通 is busy"),
        cause: t(
            "调用太频繁，超过了旺店通的限制（大约每分钟 60 次）。",
            "Calls came too fast for 旺店通's limit (about 60 per minute).",
        ),
        remedy: t(
            "放慢调用速度，等一分钟后再试；大批量同步时分页、错峰进行。",
            "Slow down and try again after a minute; for large syncs, page through the data and spread the calls out.",
        ),
        retryable: true,
    },
];
