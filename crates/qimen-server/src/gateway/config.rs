//! Who may call the local gateway and where it forwards: the caller apps (AppKey, AppSecret, the API
//! packages they were granted) and the providers of Qimen calls (AppKey, AppSecret, URL).
//!
//! The gateway works out of the box with built-in demo apps ([`GatewayConfig::demo`]); a TOML file adds
//! the user's own apps and providers ([`GatewayConfig::add_toml`]) in the shape the README documents.
//! Every validation error names the entry and the field, so a typo is found in one reading.

use qimen_core::sensitive::SecretString;
use serde::Deserialize;
use thiserror::Error;

/// The 旺店通-style finance ERP caller app (calls the 旺店通 custom APIs and the joint-test API).
pub const DEMO_ERP_APP_KEY: &str = "23000001";
/// Its demo AppSecret; printed at start and documented, never a real credential.
pub const DEMO_ERP_SECRET: &str = "demo0erp0secret0000000000023000001";
/// A WMS app: the Qimen standard (仓储) caller and receiver.
pub const DEMO_WMS_APP_KEY: &str = "23000002";
pub const DEMO_WMS_SECRET: &str = "demo0wms0secret0000000000023000002";
/// A sandbox-style app granted only the base package, so that calling a Qimen or 旺店通 API shows
/// code 11 (Insufficient ISV Permissions).
pub const DEMO_SANDBOX_APP_KEY: &str = "1023000003";
pub const DEMO_SANDBOX_SECRET: &str = "sandbox0demo0secret00000001023000003";

/// A Taobaoke publisher app granted only the 淘宝客基础API package of document 002 (item and shop
/// lookups): a link-package or three-party API answers code 11 naming the missing package.
pub const DEMO_TBK_BASIC_APP_KEY: &str = "23000004";
pub const DEMO_TBK_BASIC_SECRET: &str = "demo0tbk0basic0secret000000023000004";

/// The APIs every app gets (the platform's base package): time and the token APIs.
pub const BASE_PACKAGE: [&str; 3] = ["taobao.time.get", "taobao.top.auth.*", "taobao.user.*"];

/// Which APIs an app may call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grants {
    /// Every API the gateway serves.
    All,
    /// Only these API names; an entry ending in `*` grants every name with that prefix
    /// (`taobao.qimen.*`). An empty list means the app holds no package at all.
    Only(Vec<String>),
}

impl Grants {
    pub fn allows(&self, method: &str) -> bool {
        match self {
            Grants::All => true,
            Grants::Only(list) => list.iter().any(|g| match g.strip_suffix('*') {
                Some(prefix) => method.starts_with(prefix),
                None => g == method,
            }),
        }
    }

    /// Whether the app holds no package at all (`isv.permission-api-package-empty`).
    pub fn is_empty(&self) -> bool {
        matches!(self, Grants::Only(list) if list.is_empty())
    }
}

/// A caller app registered on the gateway.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub app_key: String,
    pub secret: SecretString,
    pub name: String,
    pub granted: Grants,
    /// When set, an OAuth `redirect_uri` must have this host (the platform matches the registered
    /// callback's domain); when absent any well-formed http(s) URL is accepted.
    pub callback_host: Option<String>,
    /// Added by the user's config. Only such apps may reach a configured provider: the built-in demo
    /// apps' secrets are printed for anyone, so they must not make the gateway sign with a
    /// provider's real secret.
    pub from_config: bool,
}

/// A party that receives Qimen calls: calls naming its AppKey in `target_app_key` (or its
/// `customer_id` in `customerId`) are re-signed with its secret and forwarded to `url`.
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub app_key: String,
    pub secret: SecretString,
    pub url: String,
    pub customer_id: Option<String>,
    pub name: String,
    /// The built-in demo apps may call it too. Only for a receiver the desktop app runs on this
    /// machine and registers itself: the re-signed call goes to that loopback receiver, which
    /// never shows the caller its sign, so a public demo secret cannot obtain one.
    pub open_to_demo_apps: bool,
}

/// Everything the gateway needs to know about apps and providers.
#[derive(Debug, Clone, Default)]
pub struct GatewayConfig {
    pub apps: Vec<AppConfig>,
    pub providers: Vec<ProviderConfig>,
}

/// A configuration file that cannot be used; each message names the entry and the field.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("config file is not valid TOML: {0}")]
    Toml(String),
    #[error("{entry}: {field} {problem}")]
    Field {
        /// `app #1`, `provider #2` (1-based, in file order).
        entry: String,
        field: &'static str,
        problem: String,
    },
}

#[derive(Deserialize)]
struct FileShape {
    #[serde(default)]
    app: Vec<AppEntry>,
    #[serde(default)]
    provider: Vec<ProviderEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppEntry {
    app_key: Option<String>,
    secret: Option<String>,
    name: Option<String>,
    granted: Option<Vec<String>>,
    callback_host: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderEntry {
    app_key: Option<String>,
    secret: Option<String>,
    url: Option<String>,
    customer_id: Option<String>,
    name: Option<String>,
}

impl GatewayConfig {
    /// The built-in demo apps (see the constants of this module); no providers, because the demo
    /// 旺店通 provider is served in-process.
    pub fn demo() -> GatewayConfig {
        let app = |key: &str, secret: &str, name: &str, granted: Grants| AppConfig {
            app_key: key.into(),
            secret: SecretString::from(secret),
            name: name.into(),
            granted,
            callback_host: None,
            from_config: false,
        };
        GatewayConfig {
            apps: vec![
                app(
                    DEMO_ERP_APP_KEY,
                    DEMO_ERP_SECRET,
                    "演示财务ERP (demo finance ERP, calls 旺店通)",
                    Grants::All,
                ),
                app(
                    DEMO_WMS_APP_KEY,
                    DEMO_WMS_SECRET,
                    "演示仓储WMS (demo WMS)",
                    Grants::All,
                ),
                app(
                    DEMO_SANDBOX_APP_KEY,
                    DEMO_SANDBOX_SECRET,
                    "沙箱受限应用 (sandbox app, base package only)",
                    Grants::Only(BASE_PACKAGE.iter().map(|s| s.to_string()).collect()),
                ),
                app(
                    DEMO_TBK_BASIC_APP_KEY,
                    DEMO_TBK_BASIC_SECRET,
                    "淘宝客演示应用，仅开通基础包 (demo Taobaoke app, basic package only)",
                    Grants::Only(
                        BASE_PACKAGE
                            .iter()
                            .chain(crate::gateway::apis::TAOBAOKE_BASIC_APIS.iter())
                            .map(|s| s.to_string())
                            .collect(),
                    ),
                ),
            ],
            providers: Vec::new(),
        }
    }

    /// The demo configuration plus the apps and providers of a TOML file.
    pub fn from_toml(text: &str) -> Result<GatewayConfig, ConfigError> {
        let mut config = GatewayConfig::demo();
        config.add_toml(text)?;
        Ok(config)
    }

    /// Adds the `[[app]]` and `[[provider]]` entries of a TOML file. An app with the AppKey of a
    /// built-in demo app replaces it; the same AppKey twice in the file is an error.
    pub fn add_toml(&mut self, text: &str) -> Result<(), ConfigError> {
        let file: FileShape = toml::from_str(text).map_err(|e| ConfigError::Toml(e.to_string()))?;
        let mut apps = Vec::new();
        for (i, entry) in file.app.into_iter().enumerate() {
            let app = app_from_entry(&format!("app #{}", i + 1), entry)?;
            if apps.iter().any(|a: &AppConfig| a.app_key == app.app_key) {
                return Err(field_error(
                    &format!("app #{}", i + 1),
                    "app_key",
                    format!("{} appears twice in the file; keep one entry", app.app_key),
                ));
            }
            apps.push(app);
        }
        let mut providers = Vec::new();
        for (i, entry) in file.provider.into_iter().enumerate() {
            let provider = provider_from_entry(&format!("provider #{}", i + 1), entry)?;
            if providers
                .iter()
                .any(|p: &ProviderConfig| p.app_key == provider.app_key)
            {
                return Err(field_error(
                    &format!("provider #{}", i + 1),
                    "app_key",
                    format!(
                        "{} appears twice in the file; keep one entry",
                        provider.app_key
                    ),
                ));
            }
            providers.push(provider);
        }
        for app in apps {
            self.apps.retain(|a| a.app_key != app.app_key);
            self.apps.push(app);
        }
        for provider in providers {
            self.providers.retain(|p| p.app_key != provider.app_key);
            self.providers.push(provider);
        }
        Ok(())
    }

    pub fn app(&self, app_key: &str) -> Option<&AppConfig> {
        self.apps.iter().find(|a| a.app_key == app_key)
    }

    pub fn provider_by_app_key(&self, app_key: &str) -> Option<&ProviderConfig> {
        self.providers.iter().find(|p| p.app_key == app_key)
    }

    pub fn provider_by_customer_id(&self, customer_id: &str) -> Option<&ProviderConfig> {
        self.providers
            .iter()
            .find(|p| p.customer_id.as_deref() == Some(customer_id))
    }
}

fn field_error(entry: &str, field: &'static str, problem: String) -> ConfigError {
    ConfigError::Field {
        entry: entry.to_string(),
        field,
        problem,
    }
}

fn required(
    entry: &str,
    field: &'static str,
    value: Option<String>,
) -> Result<String, ConfigError> {
    match value.map(|v| v.trim().to_string()) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(field_error(entry, field, "is missing or empty".into())),
    }
}

fn app_key_field(entry: &str, value: Option<String>) -> Result<String, ConfigError> {
    let key = required(entry, "app_key", value)?;
    if !key.chars().all(|c| c.is_ascii_digit()) {
        return Err(field_error(
            entry,
            "app_key",
            format!("\"{key}\" must be digits only, e.g. \"23000001\""),
        ));
    }
    Ok(key)
}

fn app_from_entry(entry: &str, e: AppEntry) -> Result<AppConfig, ConfigError> {
    let app_key = app_key_field(entry, e.app_key)?;
    let secret = SecretString::from(required(entry, "secret", e.secret)?);
    let granted = match e.granted {
        None => Grants::All,
        Some(list) => {
            if let Some(bad) = list.iter().find(|g| g.trim().is_empty() || g.contains(' ')) {
                return Err(field_error(
                    entry,
                    "granted",
                    format!("\"{bad}\" is not an API name or a prefix ending in *"),
                ));
            }
            if list.iter().any(|g| g == "*") {
                Grants::All
            } else {
                Grants::Only(list)
            }
        }
    };
    let callback_host = match e.callback_host.map(|h| h.trim().to_ascii_lowercase()) {
        Some(h) if h.is_empty() || h.contains('/') || h.contains(' ') => {
            return Err(field_error(
                entry,
                "callback_host",
                format!(
                    "\"{h}\" must be a bare host name such as \"127.0.0.1\" or \"erp.example.com\""
                ),
            ))
        }
        other => other,
    };
    Ok(AppConfig {
        name: e.name.unwrap_or_else(|| format!("app {app_key}")),
        app_key,
        secret,
        granted,
        callback_host,
        from_config: true,
    })
}

fn provider_from_entry(entry: &str, e: ProviderEntry) -> Result<ProviderConfig, ConfigError> {
    let app_key = app_key_field(entry, e.app_key)?;
    let secret = SecretString::from(required(entry, "secret", e.secret)?);
    let url = required(entry, "url", e.url)?;
    let parsed_ok = url::Url::parse(&url)
        .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .unwrap_or(false);
    if !parsed_ok {
        return Err(field_error(
            entry,
            "url",
            format!("\"{url}\" is not an http(s) URL; write e.g. \"http://127.0.0.1:9000/qimen\""),
        ));
    }
    let customer_id = e
        .customer_id
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    Ok(ProviderConfig {
        name: e.name.unwrap_or_else(|| format!("provider {app_key}")),
        app_key,
        secret,
        url,
        customer_id,
        open_to_demo_apps: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_adds_apps_and_providers_in_the_documented_shape() {
        let text = r#"
[[app]]
app_key = "23999001"
secret = "my-secret"

[[provider]]
app_key = "23999002"
secret = "provider-secret"
url = "http://127.0.0.1:9000/qimen"
customer_id = "WMS-CUST-01"
"#;
        let config = GatewayConfig::from_toml(text).unwrap();
        // Demo apps stay, the file's app is added.
        assert!(config.app(DEMO_ERP_APP_KEY).is_some());
        let app = config.app("23999001").unwrap();
        assert_eq!(app.secret.expose(), "my-secret");
        assert_eq!(app.granted, Grants::All);
        let p = config.provider_by_customer_id("WMS-CUST-01").unwrap();
        assert_eq!(p.app_key, "23999002");
        assert_eq!(p.url, "http://127.0.0.1:9000/qimen");
    }

    #[test]
    fn a_file_app_replaces_the_demo_app_with_the_same_key() {
        let text = "[[app]]\napp_key = \"23000001\"\nsecret = \"mine\"\n";
        let config = GatewayConfig::from_toml(text).unwrap();
        let matching: Vec<_> = config
            .apps
            .iter()
            .filter(|a| a.app_key == "23000001")
            .collect();
        assert_eq!(matching.len(), 1);
        assert_eq!(matching[0].secret.expose(), "mine");
    }

    #[test]
    fn errors_name_the_entry_and_the_field() {
        let text = r#"
[[provider]]
app_key = "1"
secret = "s"
url = "http://127.0.0.1:1/x"
[[provider]]
app_key = "2"
secret = "s"
url = "ftp://host/x"
"#;
        let err = GatewayConfig::from_toml(text).unwrap_err().to_string();
        assert!(err.starts_with("provider #2: url"), "{err}");
        assert!(err.contains("is not an http(s) URL"), "{err}");

        let err = GatewayConfig::from_toml("[[app]]\napp_key = \"12a\"\nsecret = \"s\"")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("app #1: app_key"), "{err}");

        let err = GatewayConfig::from_toml("[[app]]\napp_key = \"12\"\nsecret = \" \"")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "app #1: secret is missing or empty");

        // A misspelt key is reported rather than silently ignored.
        let err = GatewayConfig::from_toml("[[app]]\napp_key = \"12\"\nsecert = \"s\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("secert"), "{err}");
    }

    #[test]
    fn secrets_never_show_in_debug_output() {
        let config = GatewayConfig::demo();
        let shown = format!("{config:?}");
        assert!(!shown.contains(DEMO_ERP_SECRET));
    }

    #[test]
    fn grants_match_names_and_prefixes() {
        let g = Grants::Only(vec!["taobao.time.get".into(), "taobao.qimen.*".into()]);
        assert!(g.allows("taobao.time.get"));
        assert!(g.allows("taobao.qimen.entryorder.create"));
        assert!(!g.allows("hu3cgwt0tc.wdt.trade.query"));
        assert!(Grants::Only(vec![]).is_empty());
        assert!(!Grants::All.is_empty());
    }
}
