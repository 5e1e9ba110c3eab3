//! The wire protocol of the three API families: building requests ([`request`]), where to send them
//! ([`environment`]), and reading any answer into one result type ([`response`]).

pub mod environment;
pub mod request;
pub mod response;

use serde::{Deserialize, Serialize};

/// The three families of the platform; each has its own router, transport and answer format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ApiFamily {
    /// TOP `/router/rest`: form params in, JSON `{"<name>_response": …}` or XML out,
    /// `error_response` on failure.
    Top,
    /// Qimen standard (WMS / POS / CRM scenarios): XML body in, `<response><flag>…` out.
    QimenStandard,
    /// Qimen cloud and custom APIs (`/router/qm`): form params in, `{"response": {…}}` out.
    QimenCloud,
}

impl ApiFamily {
    /// The family a method name belongs to when nothing else says: `taobao.qimen.*` is Qimen
    /// standard; `qimen.*` and names starting with a provider's router code
    /// (`hu3cgwt0tc.wdt.trade.query`) are Qimen cloud; anything else is TOP.
    pub fn for_method(method: &str) -> ApiFamily {
        let method = method.trim();
        if method.starts_with("taobao.qimen.") {
            ApiFamily::QimenStandard
        } else if method.starts_with("qimen.") || router_code_of(method).is_some() {
            ApiFamily::QimenCloud
        } else {
            ApiFamily::Top
        }
    }
}

/// The provider router code a custom API name starts with (`hu3cgwt0tc` in
/// `hu3cgwt0tc.wdt.trade.query`). Router codes are 10 lower-case letters and digits with at least
/// one digit; platform prefixes such as `taobao` or `alibaba` have no digit.
pub fn router_code_of(method: &str) -> Option<&str> {
    let (first, rest) = method.trim().split_once('.')?;
    let is_code = !rest.is_empty()
        && first.len() == 10
        && first
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && first.chars().any(|c| c.is_ascii_digit());
    is_code.then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_follows_the_method_name() {
        assert_eq!(ApiFamily::for_method("taobao.time.get"), ApiFamily::Top);
        assert_eq!(
            ApiFamily::for_method("taobao.qimen.entryorder.create"),
            ApiFamily::QimenStandard
        );
        assert_eq!(
            ApiFamily::for_method("hu3cgwt0tc.wdt.trade.query"),
            ApiFamily::QimenCloud
        );
        assert_eq!(
            ApiFamily::for_method("qimen.taobao.crm.order.detail.get"),
            ApiFamily::QimenCloud
        );
        // Ten characters but no digit: a platform prefix, not a router code.
        assert_eq!(ApiFamily::for_method("aliexpress.x.get"), ApiFamily::Top);
        assert_eq!(router_code_of("3ldsmu02o9.wdt.x"), Some("3ldsmu02o9"));
        assert_eq!(router_code_of("hu3cgwt0tcx.wdt.trade.query"), None);
    }
}
