//! TOP codes 21–47: the router checked the request itself (its "system parameters" such as
//! `method`, `sign`, `timestamp`, `v`) and refused it before any business system saw it.

use super::t;
use crate::errors::ErrorEntry;

pub(super) const ENTRIES: &[ErrorEntry] = &[
    ErrorEntry {
        code: Some("21"),
        sub_code: None,
        title: t("缺少接口名（method）", "The API name (method) is missing"),
        cause: t(
            "请求里没有 method 参数，平台不知道您要调用哪个接口。",
            "The request has no `method` parameter, so the platform does not know which API you want.",
        ),
        remedy: t(
            "在请求中加上 method，例如 taobao.time.get 或 hu3cgwt0tc.wdt.trade.query，名称要和接口文档完全一致。",
            "Add `method`, for example `taobao.time.get` or `hu3cgwt0tc.wdt.trade.query`, spelled exactly as in the API document.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("22"),
        sub_code: None,
        title: t("接口名不存在或不可用", "Unknown or unavailable API name"),
        cause: t(
            "method 写错了，或者这个接口在当前地址（正式、沙箱、奇门路由）上没有提供。",
            "The `method` is misspelled, or this API is not offered at the address you called (production, sandbox or a Qimen router).",
        ),
        remedy: t(
            "对照文档检查接口名的每个字母和点号；奇门自定义接口要带上路由前缀（如 hu3cgwt0tc.），并发到该服务商的路由地址；确认沙箱里也有这个接口。",
            "Check every letter and dot of the API name against the document; a Qimen custom API needs its router prefix (such as `hu3cgwt0tc.`) and must go to that provider's router address; make sure the sandbox offers the API too.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("23"),
        sub_code: None,
        title: t("返回格式（format）无效", "Invalid response format (format)"),
        cause: t(
            "format 参数的值平台不认识。",
            "The platform does not recognise the value of the `format` parameter.",
        ),
        remedy: t(
            "把 format 设为 json 或 xml（小写），或者干脆不传（默认 xml）。",
            "Set `format` to `json` or `xml` (lower case), or leave it out (the default is xml).",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("24"),
        sub_code: None,
        title: t("缺少签名（sign）", "The signature (sign) is missing"),
        cause: t(
            "请求里没有 sign 参数。签名是用密钥算出的一串校验码，平台靠它确认请求确实来自您。",
            "The request has no `sign`. The signature is a check value computed with your secret; the platform uses it to know the request really comes from you.",
        ),
        remedy: t(
            "按平台规则计算签名并放进 sign 参数（本工具的“签名”页可以替您计算并逐步展示）。",
            "Compute the signature by the platform's rule and send it as `sign` (this tool's Signature page computes it and shows every step).",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("25"),
        sub_code: None,
        title: t("签名不正确", "Invalid signature"),
        cause: t(
            "平台用同样的规则重新计算了签名（一串由密钥算出的校验码），结果和您发来的不一样。常见原因：参数没有排序、空值参数被算进去了、请求体没有算进去、编码不是 UTF-8、用错了密钥或签名方法、签名时的时间和实际发送的时间不是同一个字符串。",
            "The platform recomputed the signature (a check value made with your secret) by the same rule and got a different value. Usual reasons: parameters not sorted, empty parameters included, the request body left out, text not in UTF-8, the wrong secret or signing method, or a timestamp that differs from the one sent.",
        ),
        remedy: t(
            "逐项核对：① 除 sign 外的所有参数按参数名的字母顺序（ASCII）排序；② 值为空或只有空格的参数不参与签名，也不要发送；③ 奇门 XML/JSON 请求要把请求体原样接在参数后面一起签名，签名后不能再改动请求体；④ 中文按 UTF-8 编码；⑤ 用当前环境的 AppSecret（沙箱和正式环境的密钥不同），不要多空格；⑥ sign_method 的值要和实际算法一致（md5、hmac 或 hmac-sha256）；⑦ 签名里用的 timestamp 必须和发送出去的一字不差。用本工具的“签名”页对比平台期望的待签名字符串。",
            "Check each point: (1) sort every parameter except `sign` by name in ASCII order; (2) leave out, and do not send, parameters whose value is empty or only spaces; (3) for Qimen XML/JSON calls append the request body exactly as sent after the parameters, and never change the body after signing; (4) encode Chinese text as UTF-8; (5) use the AppSecret of this environment (sandbox and production secrets differ) with no stray spaces; (6) make `sign_method` match the algorithm used (md5, hmac or hmac-sha256); (7) sign the exact `timestamp` string that is sent. Compare with the string-to-sign on this tool's Signature page.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("26"),
        sub_code: None,
        title: t("缺少授权令牌（session）", "The authorisation token (session) is missing"),
        cause: t(
            "这个接口要读写某个店铺的数据，必须带上店铺主人授权后得到的令牌（session，也叫 access_token），请求里没有。",
            "This API reads or changes a shop's data, so it needs the token the shop owner grants (`session`, also called access_token); the request has none.",
        ),
        remedy: t(
            "先让店铺主人完成授权，拿到 access_token，再把它放进 session 参数。",
            "Have the shop owner authorise your app first, then send the access_token as the `session` parameter.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("27"),
        sub_code: None,
        title: t("授权令牌（session）无效", "Invalid authorisation token (session)"),
        cause: t(
            "令牌已过期、已被店铺取消授权、属于另一个应用，或者把沙箱的令牌用在了正式环境（反之亦然）。",
            "The token has expired, the shop withdrew the authorisation, it belongs to another app, or a sandbox token was used in production (or the other way round).",
        ),
        remedy: t(
            "让店铺主人重新授权，或用 refresh_token 刷新令牌；确认令牌、AppKey 和调用地址属于同一个应用、同一个环境。",
            "Have the shop owner authorise again, or refresh the token with the refresh_token; make sure the token, the AppKey and the address belong to the same app and environment.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("28"),
        sub_code: None,
        title: t("缺少 AppKey", "The AppKey is missing"),
        cause: t(
            "请求里没有 app_key 参数，平台不知道是哪个应用在调用。",
            "The request has no `app_key`, so the platform cannot tell which app is calling.",
        ),
        remedy: t(
            "加上 app_key，值是开放平台控制台里“应用管理”显示的 AppKey。",
            "Add `app_key` with the AppKey shown under your app in the Open Platform console.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("29"),
        sub_code: None,
        title: t("AppKey 无效", "Invalid AppKey"),
        cause: t(
            "平台找不到这个 AppKey。最常见的是环境用错了：沙箱的 AppKey 发到了正式地址，或正式的发到了沙箱。",
            "The platform does not know this AppKey. Most often the environment is wrong: a sandbox AppKey sent to production, or the reverse.",
        ),
        remedy: t(
            "从控制台复制 AppKey（注意不要多空格），并确认调用地址和这个 AppKey 属于同一个环境。",
            "Copy the AppKey from the console (without extra spaces) and make sure the address you call belongs to the same environment as the AppKey.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("30"),
        sub_code: None,
        title: t("缺少时间戳（timestamp）", "The timestamp is missing"),
        cause: t(
            "请求里没有 timestamp 参数。",
            "The request has no `timestamp` parameter.",
        ),
        remedy: t(
            "加上 timestamp，格式为 yyyy-MM-dd HH:mm:ss 的北京时间（GMT+8），例如 2024-05-20 10:15:30。",
            "Add `timestamp` as Beijing time (GMT+8) in the form yyyy-MM-dd HH:mm:ss, for example 2024-05-20 10:15:30.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("31"),
        sub_code: None,
        title: t("时间戳无效", "Invalid timestamp"),
        cause: t(
            "timestamp 的格式不对，或者和平台的北京时间相差超过 10 分钟（多半是电脑时钟不准，或按本地时区而不是北京时间生成）。",
            "The `timestamp` has the wrong format, or differs from the platform's Beijing time by more than 10 minutes (usually the computer clock is off, or the time was made in the local time zone instead of Beijing time).",
        ),
        remedy: t(
            "把电脑时钟和网络时间同步，保证与北京时间相差在 10 分钟以内；时间戳一律按北京时间（GMT+8）生成，格式 yyyy-MM-dd HH:mm:ss，例如 2024-05-20 10:15:30；每次发送前重新生成，不要复用旧请求。",
            "Synchronise the computer clock with internet time so it is within 10 minutes of Beijing time; always produce the timestamp in Beijing time (GMT+8) as yyyy-MM-dd HH:mm:ss, for example 2024-05-20 10:15:30; make a fresh one for each call instead of reusing an old request.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("32"),
        sub_code: None,
        title: t("缺少版本号（v）", "The version (v) is missing"),
        cause: t("请求里没有 v 参数。", "The request has no `v` parameter."),
        remedy: t("加上 v=2.0。", "Add `v=2.0`."),
        retryable: false,
    },
    ErrorEntry {
        code: Some("33"),
        sub_code: None,
        title: t("版本号格式无效", "Invalid version"),
        cause: t(
            "v 参数的值不是数字形式的版本号。",
            "The `v` parameter is not a numeric version.",
        ),
        remedy: t("把 v 设为 2.0。", "Set `v` to `2.0`."),
        retryable: false,
    },
    ErrorEntry {
        code: Some("34"),
        sub_code: None,
        title: t("不支持的版本号", "Unsupported version"),
        cause: t(
            "平台不提供这个 v 版本。",
            "The platform does not offer this `v` version.",
        ),
        remedy: t(
            "使用 v=2.0（奇门标准接口也可用 1.0，以对接文档为准）。",
            "Use `v=2.0` (Qimen standard APIs may also take 1.0; follow your integration document).",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("40"),
        sub_code: None,
        title: t("缺少必填参数", "A required argument is missing"),
        cause: t(
            "接口要求的{param}没有传，或者传了空值。",
            "{param} that the API requires was not sent, or was sent empty.",
        ),
        remedy: t(
            "对照接口文档补上{param}，确保它有值（只有空格也算空）。",
            "Add {param} as listed in the API document and give it a value (only spaces counts as empty).",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("41"),
        sub_code: None,
        title: t("参数不合法", "Invalid argument"),
        cause: t(
            "{param}的类型或格式不对，例如该填数字却填了文字、日期格式不对、超出长度。",
            "{param} has the wrong type or format, for example text where a number is expected, a badly written date, or a value that is too long.",
        ),
        remedy: t(
            "按接口文档改正{param}的值：数字只写数字，日期写成 yyyy-MM-dd HH:mm:ss，列表用英文逗号分隔。",
            "Correct {param} as the API document says: digits only for numbers, dates as yyyy-MM-dd HH:mm:ss, lists separated by commas.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("42"),
        sub_code: None,
        title: t("授权等级不够", "Forbidden request: the authorisation is not strong enough"),
        cause: t(
            "这是一个高风险接口，需要店铺主人做一次更高级别的短时授权，当前令牌的级别不够。",
            "This is a high-risk API that needs a stronger, short-lived authorisation from the shop owner; the current token is not enough.",
        ),
        remedy: t(
            "让店铺主人按提示重新授权（通常需要短信或密码二次确认），拿到新令牌后在有效期内调用。",
            "Have the shop owner authorise again with the extra confirmation (usually an SMS code or password), then call within the new token's validity.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("43"),
        sub_code: None,
        title: t("参数错误", "Parameter error"),
        cause: t(
            "{param}的值超出允许范围或格式不对。",
            "{param} is out of the allowed range or badly formatted.",
        ),
        remedy: t(
            "对照接口文档检查{param}的取值范围（如每页条数上限、时间跨度）并改正。",
            "Check the allowed range of {param} in the API document (such as the page-size limit or the time span) and correct it.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("44"),
        sub_code: None,
        title: t("访问令牌无效", "Invalid access token"),
        cause: t(
            "令牌的类型或环境不对，例如把旧式 sessionkey 当作 OAuth 的 access_token 使用，或把沙箱令牌用在正式环境。",
            "The token is of the wrong kind or environment, for example an old-style sessionkey used as an OAuth access_token, or a sandbox token used in production.",
        ),
        remedy: t(
            "通过 OAuth 2.0 授权重新获取 access_token，并在同一个环境里使用。",
            "Get a new access_token through OAuth 2.0 authorisation and use it in the same environment.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("47"),
        sub_code: None,
        title: t("编码错误", "Invalid encoding"),
        cause: t(
            "请求不是 UTF-8 编码，平台读出来的中文是乱码。",
            "The request is not UTF-8 encoded, so the platform reads Chinese text as garbage.",
        ),
        remedy: t(
            "所有参数和请求体都用 UTF-8 编码，并在 Content-Type 中写明 charset=UTF-8。",
            "Encode every parameter and the body as UTF-8 and state `charset=UTF-8` in the Content-Type.",
        ),
        retryable: false,
    },
];
