//! Code 11 on a Taobaoke (淘宝客) API, explained with the rules of document 002 ("淘宝客API推广管理规范"):
//! what each permission package requires and how it is applied for. The platform's answer says only
//! `isv.permission-api-package-not-allowed`; the local gateway names the package in the sub-message,
//! and [`super::MESSAGE_HINTS`] picks the entry of that package. The keys are names of ours
//! (`taobaoke.*`), a namespace the platform does not use.

use super::t;
use crate::errors::ErrorEntry;

pub(super) const BASIC_NOT_HELD: &str = "taobaoke.basic-package-not-held";
pub(super) const LINK_NOT_HELD: &str = "taobaoke.link-package-not-held";
pub(super) const THREE_PARTY_NOT_HELD: &str = "taobaoke.three-party-package-not-held";

pub(super) const ENTRIES: &[ErrorEntry] = &[
    ErrorEntry {
        code: Some("11"),
        sub_code: Some(BASIC_NOT_HELD),
        title: t("应用没有淘宝客基础API权限", "The app does not hold the Taobaoke basic API package"),
        cause: t(
            "这个接口属于淘宝客基础API（商品搜索查询、商品详情、店铺查询等）。按《淘宝客API推广管理规范》，基础API要求：网站或无线APP备案审核通过、正确部署淘点金组件、对应site扣分<18分。",
            "This API belongs to the Taobaoke basic API package (product search, product details, shop lookup …). Under the Taobaoke API rules, the basic package requires: the website or mobile app is filed and approved, the 淘点金 component is deployed correctly, and the site's deduction score is below 18.",
        ),
        remedy: t(
            "先注册阿里妈妈账户并让推广网站/无线APP通过备案审核，然后按流程申请淘宝客基础API；符合准入标准即时通过并获得专属appkey。可在“淘宝客权限检查”中填入您的数据，逐条查看差距。",
            "Register an Alimama account and get the promoting website or app filed and approved, then apply for the basic API; when you meet the conditions the result is immediate and you get a dedicated appkey. Enter your figures in the Taobaoke checker to see each rule and any shortfall.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("11"),
        sub_code: Some(LINK_NOT_HELD),
        title: t("应用没有淘宝客链接API权限", "The app does not hold the Taobaoke link API package"),
        cause: t(
            "这个接口属于淘宝客链接API（链接转换）。该权限为邀请制，暂未全面开放：必须先获得淘宝客基础API，并满足：月日均点击量≥5万且月日均alipay金额≥10万；无线APP下载量≥100万或DAU≥30万；网站不得为返利、入口类或代购网站。",
            "This API belongs to the Taobaoke link API package (link conversion). It is by invitation and not generally open: you must first hold the basic API package, and meet: monthly average daily clicks ≥ 50,000 and monthly average daily Alipay amount ≥ 100,000; for an app, downloads ≥ 1,000,000 or DAU ≥ 300,000; the website must not be a rebate, entry or 代购 (purchasing-agent) site.",
        ),
        remedy: t(
            "确认已获得淘宝客基础API并符合上述条件后，填写淘宝客链接API申请表申请；10-15个工作日内通过旺旺或邮件收到结果。可在“淘宝客权限检查”中填入您的数据，逐条查看差距。获得后连续30天无调用量或无成交量会被清退。",
            "Once you hold the basic API and meet the conditions above, apply with the link API application form; the result arrives by Wangwang or email within 10-15 working days. Enter your figures in the Taobaoke checker to see each rule and any shortfall. Once granted, 30 consecutive days without calls or transactions gets the permission revoked.",
        ),
        retryable: false,
    },
    ErrorEntry {
        code: Some("11"),
        sub_code: Some(THREE_PARTY_NOT_HELD),
        title: t("应用没有淘宝客三方API权限", "The app does not hold the Taobaoke three-party API package"),
        cause: t(
            "这个接口属于淘宝客三方API（三方分成转化）。该权限为邀请制，暂未全面开放：必须先获得淘宝客基础API，并要求平台类媒体的DAU≥50万。",
            "This API belongs to the Taobaoke three-party API package (three-way revenue-sharing conversion). It is by invitation and not generally open: you must first hold the basic API package, and a platform-type medium needs a DAU of at least 500,000.",
        ),
        remedy: t(
            "确认已获得淘宝客基础API并符合条件后，填写淘宝客三方API申请表申请；10-15个工作日内通过旺旺或邮件收到结果。可在“淘宝客权限检查”中填入您的数据核对。获得后连续30天无调用量或无成交量会被清退。",
            "Once you hold the basic API and meet the condition, apply with the three-party API application form; the result arrives by Wangwang or email within 10-15 working days. Check your figures in the Taobaoke checker. Once granted, 30 consecutive days without calls or transactions gets the permission revoked.",
        ),
        retryable: false,
    },
];
