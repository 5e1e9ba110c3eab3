//! TOP sub-codes: the precise reason behind a code (`accesscontrol.*` call limits,
//! `isv.permission-*` grants, sessions, arguments, and the `isp.*` platform-side failures), plus the
//! two catch-alls for sub-codes nobody has catalogued yet.

use super::{t, CALLER_SIDE, PLATFORM_SIDE};
use crate::errors::ErrorEntry;

pub(super) const ENTRIES: &[ErrorEntry] = &[
    ErrorEntry {
        code: Some("7"),
        sub_code: Some("accesscontrol.limited-by-app-access-count"),
        title: t("应用今日调用量已用完", "The app's daily call quota is used up"),
        cause: t(
            "这个应用今天的调用总量已达到平台分配的上限。",
            "The app has used all the calls the platform allows it for today.",
        ),
        remedy: t(
            "等到第二天额度恢复；急用时可在控制台的“流量控制”中重置（每天最多 3 次），长期不够用就申请更高的额度等级。",
            "Wait for the quota to reset tomorrow; if it is urgent, reset it under rate limiting in the console (at most 3 times a day), and ask for a higher tier if it is regularly not enough.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("7"),
        sub_code: Some("accesscontrol.limited-by-api-access-count"),
        title: t("该接口被临时限流", "This API is temporarily rate-limited"),
        cause: t(
            "这个接口的整体调用量超过了限制，平台暂时禁止调用{wait}。",
            "Calls to this whole API exceeded its limit, so the platform blocks it for {wait}.",
        ),
        remedy: t(
            "等待{wait}后再试，并降低调用频率，例如分批、错峰调用。",
            "Wait {wait} before trying again, and call less often, for example in batches or at quieter times.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("7"),
        sub_code: Some("accesscontrol.limited-by-app-api-access-count"),
        title: t("应用尚未上线，调用量受限", "The app is not live yet, so its calls are limited"),
        cause: t(
            "应用还处在测试阶段（未上线），平台对每个接口的调用量设了很低的上限。",
            "The app is still in its test phase (not live), and the platform keeps a low limit on each API.",
        ),
        remedy: t(
            "测试时控制调用次数；应用通过审核上线后这个限制会自动解除。",
            "Keep test calls few; the limit is lifted once the app passes review and goes live.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("11"),
        sub_code: Some("isv.permission-api-package-empty"),
        title: t("应用还没有任何权限包", "The app has no permission package"),
        cause: t(
            "应用没有开通任何接口权限包，所以不能调用这个接口。",
            "The app has no API permission package at all, so it cannot call this API.",
        ),
        remedy: t(
            "在开放平台控制台的应用管理 → 权限申请中，申请包含该接口的权限包，审核通过后再调用。",
            "In the Open Platform console, open your app's permission requests, apply for the package that contains this API, and call again once it is approved.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("11"),
        sub_code: Some("isv.permission-api-package-not-allowed"),
        title: t("该接口不在应用的权限包里", "This API is not in the app's permission packages"),
        cause: t(
            "应用开通了一些权限包，但没有包含这个接口的那一个。",
            "The app has some permission packages, but not the one that contains this API.",
        ),
        remedy: t(
            "在控制台查看这个接口属于哪个权限包并申请开通。",
            "Find out in the console which permission package contains this API and apply for it.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("11"),
        sub_code: Some("isv.permission-api-package-limit"),
        title: t("权限包范围不包含该接口", "The granted scope does not include this API"),
        cause: t(
            "应用拿到的权限范围不含这个接口（sub_msg 会列出已授予的权限编号）。",
            "The scope granted to the app does not include this API (the sub_msg lists the granted scope ids).",
        ),
        remedy: t(
            "对照 sub_msg 中列出的权限，在控制台申请缺少的权限包。",
            "Compare with the scopes listed in the sub_msg and apply for the missing package in the console.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("11"),
        sub_code: Some("isv.permission-ip-whitelist-limit"),
        title: t("调用来源不在 IP 白名单内", "The caller's IP address is not whitelisted"),
        cause: t(
            "应用设置了 IP 白名单，而这次请求来自名单之外的网络地址。奇门接口要求必须设置白名单。",
            "The app has an IP whitelist and this request came from an address outside it. Qimen APIs require a whitelist.",
        ),
        remedy: t(
            "查出发起调用的服务器的公网 IP（本机调试时是您网络的出口 IP），把它加到控制台的 IP 白名单中，几分钟后生效。",
            "Find the public IP of the server that makes the call (for tests on your own computer, your network's outgoing IP) and add it to the IP whitelist in the console; it takes effect after a few minutes.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("11"),
        sub_code: Some("isv.permission-api-widget-only-limit"),
        title: t("该接口只允许在插件中调用", "This API may only be called from a widget"),
        cause: t(
            "这个接口只开放给插件（widget）场景，不能从服务器直接调用。",
            "This API is only open to widget use and cannot be called directly from a server.",
        ),
        remedy: t(
            "改用平台允许的调用方式，或在控制台申请服务器端调用的权限包。",
            "Call it the way the platform allows, or apply in the console for a package that allows server-side calls.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("27"),
        sub_code: Some("invalid-sessionkey"),
        title: t("授权令牌已失效", "The authorisation token is no longer valid"),
        cause: t(
            "令牌已过期或被店铺取消授权，令牌属于另一个 AppKey，店铺被冻结，或沙箱与正式环境混用。",
            "The token expired or the shop withdrew the authorisation, it belongs to another AppKey, the shop is frozen, or sandbox and production were mixed up.",
        ),
        remedy: t(
            "让店铺主人重新授权，或用 refresh_token 刷新；确认令牌是用当前 AppKey、在当前环境下获得的。",
            "Have the shop owner authorise again, or refresh with the refresh_token; make sure the token was obtained with this AppKey in this environment.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("27"),
        sub_code: Some("sessionkey-not-generated-by-server"),
        title: t("令牌不属于这个应用或用户", "The token does not belong to this app or user"),
        cause: t(
            "这个令牌不是平台为当前应用和当前店铺生成的，例如复制了别的应用的令牌，或令牌被截断、多了空格。",
            "The platform did not issue this token to this app and shop, for example it was copied from another app, or it was cut short or has extra spaces.",
        ),
        remedy: t(
            "用当前应用的授权链接让店铺主人重新授权，完整复制新令牌；在控制台的授权管理中确认该店铺在列。",
            "Have the shop owner authorise again through this app's authorisation link and copy the whole new token; check in the console's authorisation list that the shop is there.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("29"),
        sub_code: Some("isv.appkey-not-exists"),
        title: t("AppKey 不存在", "The AppKey does not exist"),
        cause: t(
            "平台找不到这个 AppKey，几乎总是环境用错：沙箱的 AppKey 发到了正式地址，或反过来。",
            "The platform does not know this AppKey; almost always the environment is wrong: a sandbox AppKey sent to production, or the reverse.",
        ),
        remedy: t(
            "确认 AppKey 和调用地址属于同一个环境，并从控制台重新复制 AppKey。",
            "Make sure the AppKey and the address belong to the same environment, and copy the AppKey again from the console.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("40"),
        sub_code: Some("isv.missing-parameter"),
        title: t("缺少必填参数", "A required parameter is missing"),
        cause: t(
            "接口要求的{param}没有传，或者传了空值（值为空的参数不会被发送）。",
            "{param} that the API requires was not sent, or was empty (empty parameters are not sent at all).",
        ),
        remedy: t(
            "补上{param}并给它一个有效值，然后重新签名发送。",
            "Add {param} with a real value, then sign and send again.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("41"),
        sub_code: Some("isv.invalid-parameter"),
        title: t("参数值不合法", "A parameter value is invalid"),
        cause: t(
            "{param}的值不符合接口要求（类型、格式、长度或取值范围不对）。",
            "{param} does not meet the API's rules (wrong type, format, length or range).",
        ),
        remedy: t(
            "按接口文档和 sub_msg 的提示改正{param}的值后重新发送。",
            "Correct {param} as the API document and the sub_msg say, then send again.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("isv.invalid-permission"),
        title: t("没有操作这条数据的权限", "No permission for this data"),
        cause: t(
            "授权的店铺无权查看或修改这条数据，例如订单不属于该店铺，或子账号没有相应权限。",
            "The authorising shop may not read or change this data, for example the order belongs to another shop, or the sub-account lacks the right.",
        ),
        remedy: t(
            "确认数据属于授权的店铺，必要时让店铺主人用主账号授权。",
            "Make sure the data belongs to the authorising shop; if needed, have the owner authorise with the main account.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("isp.top-remote-connection-timeout"),
        title: t("平台连接后台服务超时", "The platform timed out connecting to its service"),
        cause: t(
            "平台在连接处理这个接口的后台服务时超时，这是平台一侧的问题。",
            "The platform timed out while connecting to the service behind this API; the problem is on the platform side.",
        ),
        remedy: t(
            "稍等片刻后原样重试；持续出现时带上 request_id 联系平台。",
            "Wait a moment and send the same request again; contact the platform with the request_id if it persists.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("isp.top-remote-service-unavailable"),
        title: t("后台服务暂不可用", "The service behind the platform is unavailable"),
        cause: t(
            "处理这个接口的后台服务暂时不可用（可能在维护或过载）。",
            "The service behind this API is temporarily unavailable (maintenance or overload).",
        ),
        remedy: t(
            "过几分钟再试。",
            "Try again in a few minutes.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("isp.remote-service-error"),
        title: t("后台服务出错", "The service behind the platform failed"),
        cause: t(
            "后台服务在处理请求时出了错，属于平台一侧的故障。",
            "The service failed while handling the request; the fault is on the platform side.",
        ),
        remedy: t(
            "稍后重试；如果每次都出错，检查参数是否有异常值，并带上 request_id 联系平台。",
            "Try again later; if it fails every time, look for unusual parameter values and contact the platform with the request_id.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("isp.remote-service-timeout"),
        title: t("后台服务处理超时", "The service behind the platform timed out"),
        cause: t(
            "后台服务处理时间过长，平台等不到结果。查询范围过大时也容易出现。",
            "The service took too long and the platform stopped waiting. A very wide query makes this more likely.",
        ),
        remedy: t(
            "稍后重试；查询类接口可缩短时间范围或减小每页条数。",
            "Try again later; for queries, narrow the time range or lower the page size.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("isp.unknown-error"),
        title: t("平台未知错误", "Unknown platform error"),
        cause: t(
            "平台内部发生了没有归类的错误。",
            "An unclassified error happened inside the platform.",
        ),
        remedy: t(
            "稍后重试；持续出现时带上 request_id 联系平台。",
            "Try again later; contact the platform with the request_id if it persists.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("isp.service-unavailable"),
        title: t("服务暂不可用", "Service unavailable"),
        cause: t(
            "平台服务暂时不可用。",
            "The platform service is temporarily unavailable.",
        ),
        remedy: t(
            "过几分钟再试。",
            "Try again in a few minutes.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: None,
        sub_code: Some("isp.top-remote-unknown-error"),
        title: t("后台服务返回未知错误", "The service behind the platform returned an unknown error"),
        cause: t(
            "后台服务返回了平台无法识别的错误。",
            "The service returned an error the platform could not classify.",
        ),
        remedy: t(
            "稍后重试；持续出现时带上 request_id 联系平台或接口提供方。",
            "Try again later; contact the platform or the API provider with the request_id if it persists.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: None,
        sub_code: Some(PLATFORM_SIDE),
        title: t("平台一侧出错", "A fault on the platform side"),
        cause: t(
            "isp. 开头的错误表示问题出在平台或其后台服务，而不是您的请求。",
            "Sub-codes starting with `isp.` mean the problem is in the platform or its services, not in your request.",
        ),
        remedy: t(
            "稍后原样重试；持续出现时带上 request_id 联系平台。",
            "Send the same request again later; contact the platform with the request_id if it persists.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: None,
        sub_code: Some(CALLER_SIDE),
        title: t("请求内容被拒绝", "The request was refused"),
        cause: t(
            "isv. 开头的错误表示请求内容不符合业务规则，例如参数值不对、数据不存在或状态不允许。",
            "Sub-codes starting with `isv.` mean the request broke a business rule, for example a wrong value, missing data or a state that does not allow the action.",
        ),
        remedy: t(
            "阅读 sub_msg 中的说明，检查并改正参数后再发送。",
            "Read the sub_msg, check and correct the parameters, then send again.",
        ),
        retryable: false,
    },
];
