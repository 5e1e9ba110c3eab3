//! The texts of the causes about the `sign` itself: one constructor per deviation, each naming
//! the parameters concerned.

use super::causes::{cause, names, CauseId};
use super::Cause;
use crate::sign::top::BlankValues;
use crate::sign::SignMethod;
use crate::text::Text;

pub(crate) fn sign_method_mismatch(sent: Option<&str>, used: SignMethod, spi: bool) -> Cause {
    let detail = Some(used.as_param().to_string());
    if spi {
        return cause(
            CauseId::SignMethodMismatch,
            detail,
            Text::new(
                format!("sign 是用 {used} 算的，但接收方（SpiUtils 规则）只用 md5 验签。"),
                format!("The sign was computed with {used}, but the receiver (the SpiUtils rule) checks md5 only."),
            ),
            Text::fixed(
                "发给接收方的请求用 md5 计算签名。",
                "Sign requests to the receiver with md5.",
            ),
        );
    }
    let (zh_sent, en_sent) = match sent {
        Some(v) => (format!("sign_method 是 {v}"), format!("sign_method={v}")),
        None => (
            "没有 sign_method（默认 md5）".to_string(),
            "no sign_method (md5 by default)".to_string(),
        ),
    };
    cause(
        CauseId::SignMethodMismatch,
        detail,
        Text::new(
            format!("请求里{zh_sent}，但 sign 实际是用 {used} 算出来的。平台按 sign_method 指定的算法验签，两者不一致就会签名错误。"),
            format!("The request says {en_sent}, but its sign was computed with {used}. The platform checks the sign with the algorithm named in sign_method, so the two must agree."),
        ),
        Text::new(
            format!("让两者一致：要么发送 sign_method={used}，要么按请求里的 sign_method 计算签名。"),
            format!("Make them agree: either send sign_method={used}, or compute the sign with the algorithm the request names."),
        ),
    )
}

/// Blank parameters treated otherwise than the rule treats them (`rule`: what the rule does).
pub(crate) fn blank_params(rule: BlankValues, keys: &[String]) -> Cause {
    let list = names(keys);
    let id = match rule {
        BlankValues::Keep => CauseId::BlankParamsDropped,
        BlankValues::Drop => CauseId::BlankParamsSigned,
    };
    let (explanation, fix) = if rule == BlankValues::Keep {
        (
            Text::new(
                format!("参数 {list} 的值为空，发送方签名时跳过了它们；接收方（SpiUtils 规则）会把空值参数按“只有参数名”算进签名。"),
                format!("Parameter(s) {list} have an empty value and the sender left them out of the sign; the receiver (the SpiUtils rule) signs empty parameters as the bare name."),
            ),
            Text::new(
                format!("不要发送空值参数 {list}；或者签名时把它们按“参数名 + 空值”一起计算。"),
                format!("Do not send the empty parameter(s) {list}; or sign them as name plus empty value."),
            ),
        )
    } else {
        (
            Text::new(
                format!("参数 {list} 的值为空，却被算进了签名（只写了参数名）。平台计算签名时会跳过空值参数，所以结果不同。官方 Python SDK 等会这样做。"),
                format!("Parameter(s) {list} have an empty value but were signed anyway, as the bare name. The platform skips empty parameters when it computes the sign, so the results differ. The official Python SDK, among others, does this."),
            ),
            Text::new(
                format!("不要发送空值参数：签名和发送之前去掉 {list}，或者给它们填上值。"),
                format!("Do not send empty parameters: remove {list} before signing and sending, or give them a value."),
            ),
        )
    };
    cause(id, Some(list), explanation, fix)
}

pub(crate) fn body_not_signed() -> Cause {
    cause(
        CauseId::BodyNotSigned,
        None,
        Text::fixed(
            "请求带有报文体（body），但签名时没有把它拼到待签名字符串的末尾。奇门接口要求把报文体原样拼在所有参数之后一起签名。",
            "The request has a body, but the body was not appended to the string to sign. Qimen APIs sign the body too, exactly as sent, right after the last parameter.",
        ),
        Text::fixed(
            "签名时把要发送的报文体原样（一个字节都不改）拼在排好序的参数后面，再计算签名。",
            "When signing, append the body exactly as it is sent (not a byte changed) after the sorted parameters, then compute the sign.",
        ),
    )
}

pub(crate) fn body_changed(variant: &str, zh_what: &str, en_what: &str) -> Cause {
    cause(
        CauseId::BodyChanged,
        Some(variant.to_string()),
        Text::new(
            format!("签名用的报文体和实际发送的不是同一份：{zh_what}。平台用收到的报文体逐字节计算签名。"),
            format!("The body that was signed is not the body that was sent: {en_what}. The platform signs the body it receives, byte for byte."),
        ),
        Text::fixed(
            "先生成最终要发送的报文字符串，用这一个字符串签名，再原样发送；签名之后不要再格式化、去空格、改换行或改编码。",
            "Produce the body once as the final string, sign that string and send it unchanged; do not re-format, trim, change line breaks or re-encode it after signing.",
        ),
    )
}

pub(crate) fn url_encoded_values(keys: &[String]) -> Cause {
    let list = names(keys);
    cause(
        CauseId::UrlEncodedValuesSigned,
        Some(list.clone()),
        Text::new(
            format!("参数 {list} 是用 URL 编码后的值参与签名的（例如空格写成 %20 或 +，冒号写成 %3A）。平台用解码后的原始值计算签名。"),
            format!("Parameter(s) {list} were signed with their URL-encoded values (a space as %20 or +, a colon as %3A). The platform signs the original, decoded values."),
        ),
        Text::fixed(
            "先用原始值计算签名，拼 URL 或表单时再做 URL 编码。",
            "Compute the sign over the original values; URL-encode them only afterwards, when building the URL or the form.",
        ),
    )
}

pub(crate) fn wrong_sort_order(order: &str) -> Cause {
    let (zh, en) = if order == "case-insensitive" {
        (
            "参数名排序时忽略了大小写。平台按 ASCII 码（字节）排序：大写字母排在下划线和所有小写字母之前，例如 Z 排在 a 之前，pageNo 排在 page_no 之前。",
            "The parameter names were sorted ignoring case. The platform sorts in ASCII (byte) order: upper-case letters come before the underscore and all lower-case letters, so Z comes before a and pageNo before page_no.",
        )
    } else {
        (
            "参数是按发送时的顺序拼接的，没有按参数名排序。",
            "The parameters were joined in the order they were sent, not sorted by name.",
        )
    };
    cause(
        CauseId::WrongSortOrder,
        Some(order.to_string()),
        Text::fixed(zh, en),
        Text::fixed(
            "拼接前把所有参数按参数名的 ASCII 码（字节）顺序从小到大排序（如 Java 的 Arrays.sort、Python 的 sorted）。",
            "Sort all parameters by name in ASCII (byte) order before joining them (Java's Arrays.sort, Python's sorted).",
        ),
    )
}

pub(crate) fn sign_param_included() -> Cause {
    cause(
        CauseId::SignParamIncluded,
        Some("sign".to_string()),
        Text::fixed(
            "参数 sign 本身（空值）被算进了签名。sign 是签名的结果，不能参与签名计算。",
            "The sign parameter itself (empty) was included in the string to sign. sign is the result and must be left out.",
        ),
        Text::fixed(
            "计算签名前先从参数中去掉 sign，算好后再加上。",
            "Remove sign from the parameters before computing it; add it once it is computed.",
        ),
    )
}

pub(crate) fn secret_once(front: bool) -> Cause {
    let (zh, en, detail) = if front {
        ("开头", "start", "front")
    } else {
        ("末尾", "end", "back")
    };
    cause(
        CauseId::SecretOnce,
        Some(detail.to_string()),
        Text::new(
            format!("md5 签名只在待签名字符串的{zh}加了一次密钥。平台的规则是首尾各加一次：md5(密钥 + 字符串 + 密钥)。"),
            format!("The md5 sign put the AppSecret only at the {en} of the string. The platform's rule writes it at both ends: md5(secret + string + secret)."),
        ),
        Text::fixed(
            "把密钥同时拼在字符串的开头和结尾，再计算 md5。",
            "Put the secret at both the start and the end of the string, then compute the md5.",
        ),
    )
}

pub(crate) fn non_utf8(encoding: &str) -> Cause {
    cause(
        CauseId::NonUtf8Encoding,
        Some(encoding.to_string()),
        Text::new(
            format!("待签名字符串是按 {encoding} 编码成字节后计算的。平台按 UTF-8 计算，参数或报文里有中文时签名就会不同。"),
            format!("The string was turned into bytes as {encoding} before hashing. The platform uses UTF-8, so any Chinese text in the parameters or body gives a different sign."),
        ),
        Text::fixed(
            "计算摘要前用 UTF-8 把字符串转成字节（如 Java 的 getBytes(\"UTF-8\")），不要依赖系统默认编码。",
            "Turn the string into bytes as UTF-8 before hashing (getBytes(\"UTF-8\") in Java); do not rely on the system's default encoding.",
        ),
    )
}

pub(crate) fn lowercase_hex() -> Cause {
    cause(
        CauseId::LowercaseHex,
        None,
        Text::fixed(
            "签名的值是对的，但写成了小写字母。平台要求签名为大写的十六进制字符串。",
            "The sign is right, but written in lower-case letters. The platform expects upper-case hexadecimal.",
        ),
        Text::fixed(
            "把签名结果转成大写后再发送（如 toUpperCase()）。",
            "Convert the sign to upper case before sending it (toUpperCase() or the like).",
        ),
    )
}

pub(crate) fn wrong_secret(looks_like_wdt_secret: bool) -> Cause {
    let (zh_note, en_note, detail) = if looks_like_wdt_secret {
        (
            "这里填写的是旺店通的“secret:salt”；外层的奇门 sign 要用你自己奇门应用的 AppSecret 计算。",
            " The secret entered here is 旺店通's `secret:salt`; the outer Qimen sign is made with the AppSecret of your own Qimen app.",
            Some("wdt-secret-given".to_string()),
        )
    } else {
        ("", "", None)
    };
    cause(
        CauseId::WrongSecret,
        detail,
        Text::new(
            format!("用这个密钥，无论按平台规则还是常见错误的各种组合，都算不出请求里的 sign。最可能是签名用的 AppSecret 与这里填写的不同，或用了另一个环境（沙箱/正式）的密钥；也可能是签名之后又改动了某个参数值。{zh_note}"),
            format!("Neither the platform's rule nor any combination of the usual mistakes reproduces the request's sign with this secret. Most likely the sign was made with another AppSecret than the one entered here, or with another environment's secret (sandbox or production); or a parameter value was changed after signing.{en_note}"),
        ),
        Text::fixed(
            "核对 AppSecret：它必须属于请求里的 app_key，并且与所调用的环境（沙箱/正式）一致；从开放平台控制台重新复制一次密钥。",
            "Check the AppSecret: it must belong to the request's app_key and to the environment called (sandbox or production); copy it again from the Open Platform console.",
        ),
    )
}
