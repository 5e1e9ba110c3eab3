//! The texts of the 旺店通 `wdt_sign` causes.

use super::causes::{cause, names, CauseId};
use super::subject::SentPair;
use super::wdt_search::{Key, MethodForm, WdtCandidate};
use super::Cause;
use crate::protocol::request::SYSTEM_PARAMS;
use crate::sign::wdt::append_text;
use crate::sign::WdtFlavour;
use crate::text::Text;

const SECRET_FIX: Text = Text::fixed(
    "旺店通给的密钥形如“secret:salt”：冒号前的 secret 用来计算 wdt_sign，冒号后的 salt 作为 wdt_salt 发送。",
    "旺店通's secret comes as `secret:salt`: the part before the colon computes wdt_sign, the part after it is sent as wdt_salt.",
);

const MEMBERS_FIX: Text = Text::fixed(
    "wdt_sign 只对业务参数和 method 签名：不含 app_key、timestamp、target_app_key 等系统参数，不含 wdt_sign 和 wdt3_customer_id，跳过空值；自定义接口的 method 去掉路由前缀（如 hu3cgwt0tc.wdt.trade.query 写成 wdt.trade.query）。官方 CRM 接口只签 pageNo、pageSize、fields、extendProps、customerid、method、sd_code、startModified、endModified。",
    "wdt_sign covers the business parameters and method only: no system parameters such as app_key, timestamp or target_app_key, neither wdt_sign nor wdt3_customer_id, no empty values; a custom API's method loses its router code (hu3cgwt0tc.wdt.trade.query is signed as wdt.trade.query). The official CRM API signs only pageNo, pageSize, fields, extendProps, customerid, method, sd_code, startModified and endModified.",
);

fn secret_salt(detail: &str, zh: &str, en: &str) -> Cause {
    cause(
        CauseId::WdtSecretSalt,
        Some(detail.to_string()),
        Text::new(zh, en),
        SECRET_FIX,
    )
}

fn members(detail: String, zh: String, en: String) -> Cause {
    cause(
        CauseId::WdtWrongMembers,
        Some(detail),
        Text::new(zh, en),
        MEMBERS_FIX,
    )
}

/// The request's `wdt_salt` is not the salt of the secret given.
pub(crate) fn salt_differs() -> Cause {
    secret_salt(
        "wdt-salt-differs",
        "请求发送的 wdt_salt 与旺店通密钥“secret:salt”中冒号后面的 salt 不一致。",
        "The wdt_salt the request sends is not the salt after the colon of 旺店通's `secret:salt`.",
    )
}

/// The deviations of the candidate that reproduces `wdt_sign`, as causes.
pub(crate) fn deviations(c: &WdtCandidate, sent: &[SentPair], flavour: WdtFlavour) -> Vec<Cause> {
    let mut out = Vec::new();
    match c.key {
        Key::Signing => {}
        Key::WholeSecretSalt => out.push(secret_salt(
            "whole-secret-salt",
            "wdt_sign 是用完整的“secret:salt”作为密钥算的；只应使用冒号前面的 secret。",
            "wdt_sign was computed with the whole `secret:salt` as the key; only the part before the colon signs.",
        )),
        Key::SaltAsSecret => out.push(secret_salt(
            "salt-as-secret",
            "wdt_sign 是用冒号后面的 salt 作为密钥算的；应当用冒号前面的 secret。",
            "wdt_sign was computed with the salt (after the colon) as the key; the secret before the colon signs.",
        )),
    }
    if c.salt_left_out {
        out.push(secret_salt(
            "wdt-salt-left-out",
            "计算 wdt_sign 时漏掉了参数 wdt_salt；它也要参与签名。",
            "The wdt_salt parameter was left out of wdt_sign; it is signed too.",
        ));
    }
    if c.system_params {
        let keys: Vec<String> = sent
            .iter()
            .map(|p| p.key.clone())
            .filter(|k| k != "method" && k != "sign" && SYSTEM_PARAMS.contains(&k.as_str()))
            .collect();
        let list = names(&keys);
        out.push(members(
            "system-params".into(),
            format!("系统参数 {list} 被算进了 wdt_sign；旺店通只对业务参数和 method 签名。"),
            format!("The system parameter(s) {list} were included in wdt_sign; 旺店通 signs the business parameters and method only."),
        ));
    }
    if c.customer_id {
        out.push(members(
            "wdt3_customer_id".into(),
            "参数 wdt3_customer_id 被算进了 wdt_sign；它不参与签名。".into(),
            "The wdt3_customer_id parameter was included in wdt_sign; it is never signed.".into(),
        ));
    }
    match (c.method, flavour) {
        (MethodForm::Rule, _) => {}
        (MethodForm::LeftOut, _) => out.push(members(
            "method-left-out".into(),
            "计算 wdt_sign 时漏掉了 method；接口名也要参与签名。".into(),
            "method was left out of wdt_sign; the API name is signed too.".into(),
        )),
        (MethodForm::WithRouterCode, WdtFlavour::Custom) => out.push(members(
            "method-with-router-code".into(),
            "wdt_sign 里的 method 带着路由前缀（如 hu3cgwt0tc.）；签名时要去掉前缀，从 wdt. 开始写。".into(),
            "The method in wdt_sign kept its router code (such as hu3cgwt0tc.); it is signed from `wdt.` on.".into(),
        )),
        (MethodForm::WithRouterCode, WdtFlavour::OfficialCrm) => out.push(members(
            "method-with-qimen-prefix".into(),
            "wdt_sign 里的 method 带着 qimen. 前缀；官方 CRM 接口签名时要去掉它。".into(),
            "The method in wdt_sign kept its `qimen.` prefix; the official CRM API signs it without.".into(),
        )),
    }
    if c.blanks_kept {
        out.push(members(
            "blank-params".into(),
            "值为空的参数被算进了 wdt_sign；空值参数不发送，也不参与签名。".into(),
            "Parameters with empty values were included in wdt_sign; empty parameters are neither sent nor signed.".into(),
        ));
    }
    if c.all_params {
        out.push(members(
            "all-params".into(),
            "官方 CRM 接口的 wdt_sign 签了全部业务参数；它只签固定的 9 个字段。".into(),
            "The official CRM API's wdt_sign covered every business parameter; it signs a fixed list of nine fields only.".into(),
        ));
    }
    if c.as_sent_order {
        out.push(cause(
            CauseId::WdtWrongOrder,
            Some("as-sent".into()),
            Text::fixed(
                "wdt_sign 的参数是按发送顺序拼接的，没有按参数名排序。",
                "The members of wdt_sign were joined in the order sent, not sorted by name.",
            ),
            Text::fixed(
                "按参数名的 ASCII 码顺序排序后再拼接；JSON 值内部的字段同样排序。",
                "Sort by name in ASCII order before joining; the members inside JSON values are sorted too.",
            ),
        ));
    }
    if c.json_as_text {
        let keys: Vec<String> = sent
            .iter()
            .filter(|p| append_text(&mut String::new(), &p.value))
            .map(|p| p.key.clone())
            .collect();
        let list = names(&keys);
        out.push(cause(
            CauseId::WdtJsonAsText,
            Some(list.clone()),
            Text::new(
                format!("参数 {list} 的 JSON 值是按原文参与 wdt_sign 的；旺店通会先解析 JSON，再按“字段名 + 值”逐个拼接（字段排序、数组逐项、去掉 null）。"),
                format!("The JSON value(s) of {list} were signed as written; 旺店通 decodes the JSON and writes it as name then value, member by member (names sorted, arrays item by item, nulls skipped)."),
            ),
            Text::fixed(
                "用旺店通的序列化规则展开 JSON 值后再签名，或者使用本工具的“旺店通签名”页核对。",
                "Expand JSON values with 旺店通's serialisation before signing, or check them on this tool's 旺店通 signature page.",
            ),
        ));
    }
    out
}

/// `wdt_sign` right but upper case.
pub(crate) fn uppercase_hex() -> Cause {
    cause(
        CauseId::WdtUppercaseHex,
        None,
        Text::fixed(
            "wdt_sign 的值是对的，但写成了大写字母；旺店通的规则是小写十六进制。",
            "wdt_sign is right but in upper case; 旺店通's rule writes lower-case hexadecimal.",
        ),
        Text::fixed(
            "发送小写的 wdt_sign（注意：外层的奇门 sign 仍是大写）。",
            "Send wdt_sign in lower case (the outer Qimen sign stays upper case).",
        ),
    )
}

/// Nothing reproduces `wdt_sign`.
pub(crate) fn mismatch() -> Cause {
    cause(
        CauseId::WdtSignMismatch,
        None,
        Text::fixed(
            "用这个旺店通密钥，无论按旺店通的规则还是常见错误的组合，都算不出请求里的 wdt_sign。最可能是密钥不对（请使用旺店通提供的“secret:salt”），或签名之后又改动了某个业务参数。",
            "Neither 旺店通's rule nor any combination of the usual mistakes reproduces the request's wdt_sign with this 旺店通 secret. Most likely the secret is not the one used (use the `secret:salt` 旺店通 gave), or a business parameter was changed after signing.",
        ),
        SECRET_FIX,
    )
}
