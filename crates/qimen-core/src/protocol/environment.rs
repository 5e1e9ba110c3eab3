//! Where a call goes: the platform's routers (domain reference §1.4, §2.1, §2.3, §5) and the local
//! gateway, as named environments a user picks instead of typing URLs.

use super::ApiFamily;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A named target. The router path depends on the API family, so an environment is resolved to an
/// endpoint with [`Environment::endpoint`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Environment {
    /// The built-in local gateway at `base_url` (e.g. `http://127.0.0.1:18080`).
    Local { base_url: String },
    /// TOP production (`https://eco.taobao.com`, `http://qimen.api.taobao.com` for Qimen: the
    /// documented form, over which a session travels in clear).
    Production,
    /// Production with the Qimen routers over https (`https://qimen.api.taobao.com`).
    ProductionHttps,
    /// TOP overseas production (`https://api.taobao.com`).
    Overseas,
    /// The sandbox (`gw.api.tbsandbox.com`, `qimenapi.tbsandbox.com`).
    Sandbox,
    /// The Qimen joint-debug router (`/router/qmtest`); `legacy_path` uses `/top/router/qmtest`,
    /// the address the 旺店通 guide gives for joint testing.
    QimenTest { legacy_path: bool },
    /// The Qimen joint-debug router over https (`https://qimen.api.taobao.com/router/qmtest`).
    QimenTestHttps,
    /// A provider's own router host `https://<code>.api.taobao.com/router/qm` (or `/router/qmtest`).
    ProviderRouter { code: String, test: bool },
    /// Any URL, used exactly as given.
    Url { url: String },
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EnvironmentError {
    #[error("environment \"{0}\" is not known: use local, production, production-https, overseas, sandbox, qimen-test, qimen-test-https, qimen-test-legacy, router:CODE, router-test:CODE or an http(s):// URL")]
    Unknown(String),
    #[error(
        "environment: the router code \"{0}\" must be letters and digits only, e.g. hu3cgwt0tc"
    )]
    BadRouterCode(String),
    #[error("environment: \"{0}\" is not an http:// or https:// URL")]
    BadUrl(String),
}

impl Environment {
    /// Parses the names the CLI and saved profiles use.
    pub fn parse(text: &str) -> Result<Environment, EnvironmentError> {
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            let parsed = url::Url::parse(t).map_err(|_| EnvironmentError::BadUrl(t.to_string()))?;
            if parsed.host_str().is_none() {
                return Err(EnvironmentError::BadUrl(t.to_string()));
            }
            return Ok(Environment::Url { url: t.to_string() });
        }
        if let Some(code) = lower.strip_prefix("router:") {
            return router(code, false);
        }
        if let Some(code) = lower.strip_prefix("router-test:") {
            return router(code, true);
        }
        match lower.as_str() {
            "production" | "prod" | "top" | "qimen" => Ok(Environment::Production),
            "production-https" => Ok(Environment::ProductionHttps),
            "overseas" => Ok(Environment::Overseas),
            "sandbox" => Ok(Environment::Sandbox),
            "qimen-test" | "qmtest" => Ok(Environment::QimenTest { legacy_path: false }),
            "qimen-test-legacy" => Ok(Environment::QimenTest { legacy_path: true }),
            "qimen-test-https" => Ok(Environment::QimenTestHttps),
            _ => Err(EnvironmentError::Unknown(t.to_string())),
        }
    }

    /// The router URL for a family.
    pub fn endpoint(&self, family: ApiFamily) -> String {
        use ApiFamily::*;
        match self {
            Environment::Local { base_url } => {
                let base = base_url.trim_end_matches('/');
                let path = match family {
                    Top => "/router/rest",
                    QimenStandard => "/router/qimen/service",
                    QimenCloud => "/router/qm",
                };
                format!("{base}{path}")
            }
            Environment::Production => match family {
                Top => "https://eco.taobao.com/router/rest".into(),
                QimenStandard => "http://qimen.api.taobao.com/router/qimen/service".into(),
                QimenCloud => "http://qimen.api.taobao.com/router/qm".into(),
            },
            Environment::ProductionHttps => match family {
                Top => "https://eco.taobao.com/router/rest".into(),
                QimenStandard => "https://qimen.api.taobao.com/router/qimen/service".into(),
                QimenCloud => "https://qimen.api.taobao.com/router/qm".into(),
            },
            Environment::Overseas => match family {
                Top => "https://api.taobao.com/router/rest".into(),
                QimenStandard => "http://qimen.api.taobao.com/router/qimen/service".into(),
                QimenCloud => "http://qimen.api.taobao.com/router/qm".into(),
            },
            Environment::Sandbox => match family {
                Top => "https://gw.api.tbsandbox.com/router/rest".into(),
                QimenStandard | QimenCloud => {
                    "http://qimenapi.tbsandbox.com/router/qimen/service".into()
                }
            },
            Environment::QimenTest { legacy_path } => match (family, legacy_path) {
                (Top, _) => "https://eco.taobao.com/router/rest".into(),
                (_, false) => "http://qimen.api.taobao.com/router/qmtest".into(),
                (_, true) => "http://qimen.api.taobao.com/top/router/qmtest".into(),
            },
            Environment::QimenTestHttps => match family {
                Top => "https://eco.taobao.com/router/rest".into(),
                _ => "https://qimen.api.taobao.com/router/qmtest".into(),
            },
            Environment::ProviderRouter { code, test } => {
                let path = if *test { "qmtest" } else { "qm" };
                format!("https://{code}.api.taobao.com/router/{path}")
            }
            Environment::Url { url } => url.clone(),
        }
    }

    /// Whether a call of this family leaves the machine over plain http, where a session can be read
    /// on the way. The local gateway is on loopback and does not count.
    pub fn sends_in_clear(&self, family: ApiFamily) -> bool {
        if matches!(self, Environment::Local { .. }) {
            return false;
        }
        travels_in_clear(&self.endpoint(family))
    }

    /// The same routers over https, when the platform has them and this environment is the
    /// documented plain-http form.
    pub fn https_form(&self) -> Option<Environment> {
        match self {
            Environment::Production => Some(Environment::ProductionHttps),
            Environment::QimenTest { legacy_path: false } => Some(Environment::QimenTestHttps),
            _ => None,
        }
    }

    /// The OAuth authorize and token endpoints that belong to this environment.
    pub fn oauth_endpoints(&self) -> (String, String) {
        match self {
            Environment::Local { base_url } => {
                let base = base_url.trim_end_matches('/');
                (format!("{base}/authorize"), format!("{base}/token"))
            }
            Environment::Sandbox => (
                "https://oauth.tbsandbox.com/authorize".into(),
                "https://oauth.tbsandbox.com/token".into(),
            ),
            _ => (
                "https://oauth.taobao.com/authorize".into(),
                "https://oauth.taobao.com/token".into(),
            ),
        }
    }
}

/// Whether a URL leaves the machine over plain http: an `http://` address that is not loopback.
pub fn travels_in_clear(url: &str) -> bool {
    let Ok(url) = url::Url::parse(url) else {
        return false;
    };
    url.scheme() == "http" && !matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
}

fn router(code: &str, test: bool) -> Result<Environment, EnvironmentError> {
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(EnvironmentError::BadRouterCode(code.to_string()));
    }
    Ok(Environment::ProviderRouter {
        code: code.to_string(),
        test,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_to_the_documented_routers() {
        let prod = Environment::parse("production").unwrap();
        assert_eq!(
            prod.endpoint(ApiFamily::QimenStandard),
            "http://qimen.api.taobao.com/router/qimen/service"
        );
        let legacy = Environment::parse("qimen-test-legacy").unwrap();
        // The 旺店通 guide's joint-test domain.
        assert_eq!(
            legacy.endpoint(ApiFamily::QimenCloud),
            "http://qimen.api.taobao.com/top/router/qmtest"
        );
        let wdt = Environment::parse("router-test:hu3cgwt0tc").unwrap();
        assert_eq!(
            wdt.endpoint(ApiFamily::QimenCloud),
            "https://hu3cgwt0tc.api.taobao.com/router/qmtest"
        );
        let local = Environment::Local {
            base_url: "http://127.0.0.1:18080/".into(),
        };
        assert_eq!(
            local.endpoint(ApiFamily::Top),
            "http://127.0.0.1:18080/router/rest"
        );
    }

    #[test]
    fn plain_http_routers_have_an_https_form_and_are_flagged() {
        let prod = Environment::Production;
        assert!(prod.sends_in_clear(ApiFamily::QimenCloud));
        assert!(!prod.sends_in_clear(ApiFamily::Top));
        let https = prod.https_form().unwrap();
        assert_eq!(
            https.endpoint(ApiFamily::QimenStandard),
            "https://qimen.api.taobao.com/router/qimen/service"
        );
        assert!(!https.sends_in_clear(ApiFamily::QimenStandard));
        let test = Environment::parse("qimen-test").unwrap();
        assert_eq!(
            test.https_form().unwrap().endpoint(ApiFamily::QimenCloud),
            "https://qimen.api.taobao.com/router/qmtest"
        );
        let local = Environment::Local {
            base_url: "http://127.0.0.1:18080".into(),
        };
        assert!(!local.sends_in_clear(ApiFamily::QimenCloud));
        let lan = Environment::parse("http://192.168.1.5:8080/router/qm").unwrap();
        assert!(lan.sends_in_clear(ApiFamily::QimenCloud));
        assert!(!Environment::parse("http://localhost:9/x")
            .unwrap()
            .sends_in_clear(ApiFamily::Top));
    }

    #[test]
    fn bad_names_say_what_is_accepted() {
        let err = Environment::parse("prodd").unwrap_err();
        assert!(err.to_string().contains("router:CODE"));
        assert_eq!(
            Environment::parse("router:hu3/../x"),
            Err(EnvironmentError::BadRouterCode("hu3/../x".into()))
        );
        assert!(Environment::parse("http://").is_err());
    }
}
