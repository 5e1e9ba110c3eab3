//! TOP codes below 21 and the older service codes: uploads, call limits, permissions, and failures
//! of the services behind the router.

use super::t;
use crate::errors::ErrorEntry;

pub(super) const ENTRIES: &[ErrorEntry] = &[
    ErrorEntry {
        code: Some("3"),
        sub_code: None,
        title: t("文件上传失败", "Upload failed"),
        cause: t(
            "随请求上传的图片或文件没有被平台接收，通常是格式或大小不符合要求，或文件没有按“多部分表单”（multipart）方式发送。",
            "The image or file sent with the request was not accepted, usually because of its format or size, or because it was not sent as a multipart form.",
        ),
        remedy: t(
            "检查文件格式（如 jpg、png）和大小是否在接口允许范围内，并用 POST 的 multipart 方式上传。",
            "Check that the file type (such as jpg or png) and size are allowed by the API, and upload it with POST as multipart form data.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("4"),
        sub_code: None,
        title: t("用户调用次数超限（旧版）", "User call limit reached (older code)"),
        cause: t(
            "同一个店铺授权下的调用次数超过了平台限制。这是旧版文档中的代码，现在较少出现。",
            "Calls made for the same authorised shop exceeded the platform's limit. This code comes from older documents and is rarely seen today.",
        ),
        remedy: t(
            "降低调用频率，稍后再试；需要更高额度时到开放平台控制台申请。",
            "Call less often and try again later; ask for a higher quota in the Open Platform console if you need it.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("5"),
        sub_code: None,
        title: t("会话调用次数超限（旧版）", "Session call limit reached (older code)"),
        cause: t(
            "同一个授权令牌（session）的调用次数超过了限制。旧版代码。",
            "Calls made with the same token (session) exceeded the limit. Older code.",
        ),
        remedy: t(
            "降低调用频率，稍后再试。",
            "Call less often and try again later.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("6"),
        sub_code: None,
        title: t("合作伙伴调用次数超限（旧版）", "Partner call limit reached (older code)"),
        cause: t(
            "同一个合作伙伴（partner_id）的调用次数超过了限制。旧版代码。",
            "Calls made under the same partner id exceeded the limit. Older code.",
        ),
        remedy: t(
            "降低调用频率，稍后再试。",
            "Call less often and try again later.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("7"),
        sub_code: None,
        title: t("应用调用次数超限", "App call limit reached"),
        cause: t(
            "应用的调用量或调用频率超过了平台分配的额度（流量控制）。",
            "The app used more calls, or called faster, than the platform allows (rate limiting).",
        ),
        remedy: t(
            "看 sub_code 了解是哪一种限制；一般是降低频率、等待限制解除，或在控制台申请更高额度。",
            "The sub_code says which limit applies; usually call less often, wait for the ban to end, or ask for a higher quota in the console.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("8"),
        sub_code: None,
        title: t("应用调用频率超限（旧版）", "App call frequency too high (older code)"),
        cause: t(
            "短时间内调用太快。旧版代码。",
            "Too many calls in a short time. Older code.",
        ),
        remedy: t(
            "放慢调用速度，例如两次调用之间稍作等待，稍后再试。",
            "Slow down, for example with a short pause between calls, and try again later.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("9"),
        sub_code: None,
        title: t("不允许的请求方式", "HTTP method not allowed"),
        cause: t(
            "请求方式（GET、POST）写法不对或不被允许，例如用了小写，或用 GET 上传文件。",
            "The HTTP method (GET or POST) is wrong or not allowed, for example written in lower case, or GET used for an upload.",
        ),
        remedy: t(
            "用大写的 POST 发送请求（上传文件必须用 POST）。",
            "Send the request with an upper-case POST (uploads must use POST).",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("10"),
        sub_code: None,
        title: t("服务暂时不可用", "Service currently unavailable"),
        cause: t(
            "平台内部出现了未知异常，不一定是您的问题。",
            "The platform hit an unknown internal problem; it is not necessarily your fault.",
        ),
        remedy: t(
            "先检查参数是否正确，再过几分钟重试；持续出现时带上 request_id 联系平台客服。",
            "Check the parameters, then try again in a few minutes; if it persists, contact platform support with the request_id.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("11"),
        sub_code: None,
        title: t("应用没有该接口的权限", "The app lacks permission for this API"),
        cause: t(
            "应用还没有开通包含这个接口的“权限包”，或者调用来源不在 IP 白名单内。",
            "The app has not been granted the permission package that contains this API, or the call comes from an address outside the IP whitelist.",
        ),
        remedy: t(
            "在开放平台控制台的应用管理里申请对应的权限包；如果配置了 IP 白名单，把发起调用的服务器公网 IP 加进去。",
            "Apply for the matching permission package under your app in the Open Platform console; if an IP whitelist is set, add the public IP of the calling server.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("12"),
        sub_code: None,
        title: t("授权用户权限不足", "The authorising user lacks permission"),
        cause: t(
            "给您授权的店铺账号本身没有这项权限，例如没有开通相应的增值服务，或授权的是权限受限的子账号。",
            "The shop account that authorised you lacks this right itself, for example it has not subscribed to the value-added service, or a restricted sub-account authorised you.",
        ),
        remedy: t(
            "请店铺主人用主账号授权，或先开通所需的服务后再授权。",
            "Ask the shop owner to authorise with the main account, or to subscribe to the needed service first and then authorise again.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("13"),
        sub_code: None,
        title: t("合作伙伴权限不足", "Insufficient partner permissions"),
        cause: t(
            "合作伙伴（partner）一级没有这项权限。",
            "The partner level lacks this permission.",
        ),
        remedy: t(
            "联系平台确认合作伙伴权限，或去掉请求中不需要的 partner_id。",
            "Confirm the partner permission with the platform, or remove an unneeded `partner_id` from the request.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("15"),
        sub_code: None,
        title: t("后台服务报错", "Remote service error"),
        cause: t(
            "请求已经通过了平台检查，但处理业务的后台服务返回了错误。具体原因看 sub_code：isv. 开头是请求内容有问题，isp. 开头是平台一侧的故障。",
            "The request passed the platform's checks, but the business service behind it returned an error. The sub_code tells why: `isv.` means something in your request, `isp.` means a fault on the platform side.",
        ),
        remedy: t(
            "isv. 开头：按 sub_msg 的提示改正参数；isp. 开头：稍后重试，持续出现时带上 request_id 联系平台。",
            "For `isv.`: correct the parameters as the sub_msg says; for `isp.`: try again later and contact the platform with the request_id if it persists.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("50"),
        sub_code: None,
        title: t("后台服务报错（旧版代码）", "Remote service error (older code)"),
        cause: t(
            "较早的接口用 50 表示后台业务错误，具体原因在 sub_code 和 sub_msg 里。",
            "Older APIs use 50 for an error of the business service; the sub_code and sub_msg give the reason.",
        ),
        remedy: t(
            "按 sub_code 处理：isv. 开头改正参数，isp. 开头稍后重试。",
            "Act on the sub_code: correct the parameters for `isv.`, try again later for `isp.`.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("530"),
        sub_code: None,
        title: t("后台服务不可用（旧版代码）", "Remote service unavailable (older code)"),
        cause: t(
            "处理这个接口的后台服务暂时不可用，通常伴随 isp. 开头的 sub_code。",
            "The service behind this API is temporarily unavailable; it usually comes with an `isp.` sub_code.",
        ),
        remedy: t(
            "稍等几分钟后重试；持续出现时带上 request_id 联系平台。",
            "Wait a few minutes and try again; contact the platform with the request_id if it persists.",
        ),
        retryable: true,
    },
    ErrorEntry {
        code: Some("670"),
        sub_code: None,
        title: t("业务处理失败（旧版代码）", "Business error (older code)"),
        cause: t(
            "较早的接口用 670 表示业务规则不允许这次操作，具体原因在 sub_code 和 sub_msg 里。",
            "Older APIs use 670 when a business rule refuses the operation; the sub_code and sub_msg give the reason.",
        ),
        remedy: t(
            "阅读 sub_msg 中的说明，改正请求内容或先完成所需的前置操作。",
            "Read the sub_msg, then correct the request or do the required earlier step first.",
        ),
        retryable: false,
    },
];
