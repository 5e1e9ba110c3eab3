//! The environments a user picks from instead of typing router URLs, and how the id a call names
//! (`local`, `production`, `router:hu3cgwt0tc`, `https://…`) becomes an [`Environment`].

use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::ApiFamily;
use qimen_core::text::Text;
use serde::Serialize;
use ts_rs::TS;

/// The id of the built-in local gateway.
pub const LOCAL_ID: &str = "local";

/// The router URL of each family in one environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FamilyEndpoints {
    pub top: String,
    pub qimen_standard: String,
    pub qimen_cloud: String,
    /// The families whose calls leave the machine over plain http (a session would travel in clear).
    pub in_clear: Vec<ApiFamily>,
}

impl FamilyEndpoints {
    pub fn of(env: &Environment) -> Self {
        FamilyEndpoints {
            top: env.endpoint(ApiFamily::Top),
            qimen_standard: env.endpoint(ApiFamily::QimenStandard),
            qimen_cloud: env.endpoint(ApiFamily::QimenCloud),
            in_clear: [
                ApiFamily::Top,
                ApiFamily::QimenStandard,
                ApiFamily::QimenCloud,
            ]
            .into_iter()
            .filter(|family| env.sends_in_clear(*family))
            .collect(),
        }
    }
}

/// One choice of the environment picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EnvironmentOption {
    /// What a call names in `environment_id`.
    pub id: String,
    pub label: Text,
    pub environment: Environment,
    pub endpoints: FamilyEndpoints,
    pub is_local: bool,
    /// The id of the same routers over https, offered beside a plain-http environment.
    pub https_alternative: Option<String>,
}

/// Every built-in choice; `gateway_url` is where the local gateway listens. Any other id a call
/// names is read by [`resolve`] (`router:CODE`, `router-test:CODE`, an http(s) URL).
pub fn options(gateway_url: &str) -> Vec<EnvironmentOption> {
    let entries = [
        (
            LOCAL_ID,
            Text::fixed(
                "本地网关（离线演示，无需账号）",
                "Local gateway (offline demo, no account needed)",
            ),
            Environment::Local {
                base_url: gateway_url.to_string(),
            },
        ),
        (
            "production",
            Text::fixed(
                "正式环境（TOP eco.taobao.com / 奇门 qimen.api.taobao.com）",
                "Production (TOP eco.taobao.com / Qimen qimen.api.taobao.com)",
            ),
            Environment::Production,
        ),
        (
            "production-https",
            Text::fixed(
                "正式环境（奇门走 https://qimen.api.taobao.com，会话加密传输）",
                "Production (Qimen over https://qimen.api.taobao.com, the session encrypted)",
            ),
            Environment::ProductionHttps,
        ),
        (
            "overseas",
            Text::fixed(
                "海外正式环境（api.taobao.com）",
                "Overseas production (api.taobao.com)",
            ),
            Environment::Overseas,
        ),
        (
            "sandbox",
            Text::fixed("沙箱环境（tbsandbox.com）", "Sandbox (tbsandbox.com)"),
            Environment::Sandbox,
        ),
        (
            "qimen-test",
            Text::fixed(
                "奇门联调环境（/router/qmtest）",
                "Qimen joint test (/router/qmtest)",
            ),
            Environment::QimenTest { legacy_path: false },
        ),
        (
            "qimen-test-https",
            Text::fixed(
                "奇门联调环境（https，会话加密传输）",
                "Qimen joint test (https, the session encrypted)",
            ),
            Environment::QimenTestHttps,
        ),
        (
            "qimen-test-legacy",
            Text::fixed(
                "奇门联调环境（旺店通文档地址 /top/router/qmtest）",
                "Qimen joint test (the 旺店通 guide's /top/router/qmtest)",
            ),
            Environment::QimenTest { legacy_path: true },
        ),
        (
            "router:hu3cgwt0tc",
            Text::fixed(
                "旺店通企业版路由（hu3cgwt0tc.api.taobao.com）",
                "旺店通 enterprise router (hu3cgwt0tc.api.taobao.com)",
            ),
            Environment::ProviderRouter {
                code: "hu3cgwt0tc".into(),
                test: false,
            },
        ),
        (
            "router-test:hu3cgwt0tc",
            Text::fixed(
                "旺店通企业版联调路由（hu3cgwt0tc.api.taobao.com/router/qmtest）",
                "旺店通 enterprise joint-test router (hu3cgwt0tc …/router/qmtest)",
            ),
            Environment::ProviderRouter {
                code: "hu3cgwt0tc".into(),
                test: true,
            },
        ),
    ];
    entries
        .into_iter()
        .map(|(id, label, environment)| EnvironmentOption {
            id: id.to_string(),
            label,
            endpoints: FamilyEndpoints::of(&environment),
            is_local: matches!(environment, Environment::Local { .. }),
            https_alternative: environment.https_form().map(|env| id_of(&env)),
            environment,
        })
        .collect()
}

/// The environment an id names: `local` is the running gateway at `gateway_url`; anything else is
/// what [`Environment::parse`] reads.
pub fn resolve(
    id: &str,
    gateway_url: &str,
) -> Result<Environment, qimen_core::protocol::environment::EnvironmentError> {
    if id.trim().eq_ignore_ascii_case(LOCAL_ID) {
        return Ok(Environment::Local {
            base_url: gateway_url.to_string(),
        });
    }
    Environment::parse(id)
}

/// The id a saved environment is picked by again (the inverse of [`resolve`]).
pub fn id_of(env: &Environment) -> String {
    match env {
        Environment::Local { .. } => LOCAL_ID.into(),
        Environment::Production => "production".into(),
        Environment::ProductionHttps => "production-https".into(),
        Environment::QimenTestHttps => "qimen-test-https".into(),
        Environment::Overseas => "overseas".into(),
        Environment::Sandbox => "sandbox".into(),
        Environment::QimenTest { legacy_path: false } => "qimen-test".into(),
        Environment::QimenTest { legacy_path: true } => "qimen-test-legacy".into(),
        Environment::ProviderRouter { code, test: false } => format!("router:{code}"),
        Environment::ProviderRouter { code, test: true } => format!("router-test:{code}"),
        Environment::Url { url } => url.clone(),
    }
}

/// Whether an id names the local gateway (which must then be running).
pub fn is_local_id(id: &str) -> bool {
    id.trim().eq_ignore_ascii_case(LOCAL_ID)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_resolves_back_to_itself() {
        let gateway = "http://127.0.0.1:41234";
        for option in options(gateway) {
            let env = resolve(&option.id, gateway);
            assert_eq!(env.as_ref(), Ok(&option.environment), "{}", option.id);
            assert_eq!(id_of(&option.environment), option.id);
            if let Some(https) = &option.https_alternative {
                let secure = options(gateway).into_iter().find(|o| &o.id == https);
                assert!(
                    secure.is_some_and(|o| o.endpoints.in_clear.is_empty()),
                    "{https}"
                );
            }
        }
        let local = resolve("local", gateway).unwrap_or(Environment::Production);
        assert_eq!(
            local.endpoint(ApiFamily::QimenCloud),
            "http://127.0.0.1:41234/router/qm"
        );
    }

    #[test]
    fn typed_urls_and_router_codes_are_accepted() {
        let url = resolve("https://example.com/router/rest", "x");
        assert_eq!(
            url,
            Ok(Environment::Url {
                url: "https://example.com/router/rest".into()
            })
        );
        assert!(resolve("moon", "x").is_err());
    }
}
