//! Errors of the OAuth 2.0 authorisation and token endpoints (`error` / `error_description`).

use super::t;
use crate::errors::ErrorEntry;

/// Taobao reports a callback mismatch as `invalid_client` with the description "application callback
/// can not match the redirect_uri"; this name of ours gives it an entry of its own.
pub(super) const REDIRECT_URI_MISMATCH: &str = "oauth.redirect-uri-mismatch";

pub(super) const ENTRIES: &[ErrorEntry] = &[
    ErrorEntry {
        code: Some("invalid_client"),
        sub_code: None,
        title: t("应用身份校验失败", "The app could not be identified"),
        cause: t(
            "client_id（即 AppKey）或 client_secret（即 AppSecret）不对，或者它们属于另一个环境（沙箱/正式）。",
            "The client_id (your AppKey) or client_secret (your AppSecret) is wrong, or belongs to the other environment (sandbox or production).",
        ),
        remedy: t(
            "从控制台重新复制 AppKey 和 AppSecret，并确认授权地址和它们属于同一个环境。",
            "Copy the AppKey and AppSecret again from the console and make sure the authorisation address is in the same environment.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("invalid_client"),
        sub_code: Some(REDIRECT_URI_MISMATCH),
        title: t("回调地址不匹配", "The callback address does not match"),
        cause: t(
            "请求中的 redirect_uri（授权后跳回的地址）和应用在控制台登记的回调地址不一致（application callback can not match the redirect_uri）。",
            "The redirect_uri (where the browser returns after authorisation) differs from the callback address registered for the app (application callback can not match the redirect_uri).",
        ),
        remedy: t(
            "在控制台 应用管理 → 基本信息 中填写回调地址，并让 redirect_uri 的域名与之完全一致（包括 http/https 和端口）；换取令牌时的 redirect_uri 也要和授权时相同。",
            "Enter the callback address in the console under your app's basic information, and make the redirect_uri's host match it exactly (including http/https and the port); use the same redirect_uri when exchanging the code for a token.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("invalid_grant"),
        sub_code: None,
        title: t("授权码或刷新令牌无效", "The authorisation code or refresh token is not valid"),
        cause: t(
            "授权码（code）已过期（只在几分钟内有效）、已经用过一次，或者不是给这个应用的；刷新时则是 refresh_token 已过期或不能再刷新。",
            "The authorisation code has expired (it lasts only minutes), was already used once, or was issued to another app; when refreshing, the refresh_token has expired or can no longer be refreshed.",
        ),
        remedy: t(
            "让店铺主人重新走一遍授权，拿到新的 code 后立即换取令牌，每个 code 只换一次；刷新令牌失效时同样需要重新授权。",
            "Have the shop owner authorise again and exchange the new code right away, once only; if the refresh token is no longer valid, authorise again as well.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("access_denied"),
        sub_code: None,
        title: t("用户拒绝了授权", "The user refused the authorisation"),
        cause: t(
            "店铺主人在授权页面点了“取消”或“拒绝”，所以没有得到授权码。",
            "The shop owner clicked cancel or deny on the authorisation page, so no code was issued.",
        ),
        remedy: t(
            "向店铺主人说明需要授权的原因，请其重新打开授权链接并点击“授权”。",
            "Explain to the shop owner why the authorisation is needed, and ask them to open the link again and approve.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("invalid_request"),
        sub_code: None,
        title: t("授权请求缺少参数或格式不对", "The authorisation request is incomplete or malformed"),
        cause: t(
            "授权或换取令牌的请求少了必填项（如 response_type、client_id、redirect_uri、code），或某一项格式不对。",
            "The authorisation or token request lacks a required field (such as response_type, client_id, redirect_uri or code), or one is malformed.",
        ),
        remedy: t(
            "授权链接需带 response_type=code、client_id 和 redirect_uri；换取令牌需带 grant_type、code、client_id、client_secret 和 redirect_uri。",
            "The authorisation link needs response_type=code, client_id and redirect_uri; the token request needs grant_type, code, client_id, client_secret and redirect_uri.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("unsupported_grant_type"),
        sub_code: None,
        title: t("不支持的授权类型", "Unsupported grant type"),
        cause: t(
            "grant_type 的值平台不支持。",
            "The platform does not support this grant_type.",
        ),
        remedy: t(
            "用授权码换令牌时填 authorization_code，刷新令牌时填 refresh_token。",
            "Use authorization_code to exchange a code, and refresh_token to refresh a token.",
        ),
        retryable: false,
    },
];
