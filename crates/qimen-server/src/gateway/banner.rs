//! The text printed when the gateway starts: its routes, the OAuth endpoints, the apps and providers
//! it knows, and the demo accounts. Built-in demo secrets are shown in clear (they are documented
//! demo values); secrets from a config file only as a masked hint.

use super::apis::{WDT_DEMO_APPKEY, WDT_DEMO_APP_SECRET, WDT_DEMO_SID};
use super::config::{
    AppConfig, GatewayConfig, Grants, DEMO_ERP_APP_KEY, DEMO_ERP_SECRET, DEMO_SANDBOX_APP_KEY,
    DEMO_SANDBOX_SECRET, DEMO_TBK_BASIC_APP_KEY, DEMO_TBK_BASIC_SECRET, DEMO_WMS_APP_KEY,
    DEMO_WMS_SECRET,
};
use super::tokens::{DEMO_SHOP_NICK, DEMO_SHOP_USER_ID};
use super::validate::TIMESTAMP_WINDOW_MINUTES;
use qimen_core::platform::WDT_TARGET_APP_KEY;
use std::fmt::Write;

const DEMO_SECRETS: [(&str, &str); 4] = [
    (DEMO_ERP_APP_KEY, DEMO_ERP_SECRET),
    (DEMO_WMS_APP_KEY, DEMO_WMS_SECRET),
    (DEMO_SANDBOX_APP_KEY, DEMO_SANDBOX_SECRET),
    (DEMO_TBK_BASIC_APP_KEY, DEMO_TBK_BASIC_SECRET),
];

/// A built-in demo secret is shown; anything else only as a hint.
fn shown_secret(app: &AppConfig) -> String {
    let is_demo = DEMO_SECRETS
        .iter()
        .any(|(k, s)| *k == app.app_key && *s == app.secret.expose());
    if is_demo {
        app.secret.expose().clone()
    } else {
        format!("{} (from the config file)", app.secret.hint())
    }
}

fn grants(app: &AppConfig) -> String {
    match &app.granted {
        Grants::All => "all APIs".into(),
        Grants::Only(list) if list.is_empty() => "no API package".into(),
        Grants::Only(list) => format!("only {}", list.join(", ")),
    }
}

/// The start-up description of a gateway serving at `base_url` (`http://127.0.0.1:PORT`).
pub fn describe(config: &GatewayConfig, base_url: &str) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(
        out,
        "Qimen Workbench 本地网关 / local gateway: {base_url} (127.0.0.1 only)"
    );
    let _ = writeln!(out, "\nRouters (GET or POST):");
    for (what, path) in [
        ("TOP", "/router/rest"),
        ("Qimen cloud / custom APIs", "/router/qm"),
        ("Qimen joint test", "/router/qmtest"),
        ("Qimen joint test (alias)", "/top/router/qmtest"),
        ("Qimen standard (WMS)", "/router/qimen/service"),
    ] {
        let _ = writeln!(out, "  {what:<28}{base_url}{path}");
    }
    let _ = writeln!(out, "\nOAuth:");
    let _ = writeln!(
        out,
        "  authorize  {base_url}/authorize?response_type=code&client_id={DEMO_ERP_APP_KEY}&redirect_uri=<your callback>&state=<any>"
    );
    let _ = writeln!(
        out,
        "  token      {base_url}/token (POST, grant_type=authorization_code | refresh_token)"
    );
    let _ = writeln!(
        out,
        "  demo shop  {DEMO_SHOP_NICK} (taobao_user_id {DEMO_SHOP_USER_ID}) approves on the consent page"
    );
    let _ = writeln!(out, "\nApps (app_key / secret):");
    for app in &config.apps {
        let _ = writeln!(
            out,
            "  {:<12}{:<40}{} [{}]",
            app.app_key,
            shown_secret(app),
            app.name,
            grants(app)
        );
    }
    if !config.providers.is_empty() {
        let _ = writeln!(
            out,
            "\nProviders (Qimen calls naming them are re-signed and forwarded):"
        );
        for p in &config.providers {
            let customer = p
                .customer_id
                .as_deref()
                .map(|c| format!(", customerId {c}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  target_app_key {}{customer} -> {} (secret {})",
                p.app_key,
                p.url,
                p.secret.hint()
            );
        }
    }
    let _ = writeln!(out, "\n旺店通 demo provider (built in):");
    let _ = writeln!(
        out,
        "  target_app_key {WDT_TARGET_APP_KEY}, seller account sid={WDT_DEMO_SID}"
    );
    let _ = writeln!(
        out,
        "  interface account appkey={WDT_DEMO_APPKEY}, app secret (secret:salt) {WDT_DEMO_APP_SECRET}"
    );
    let _ = writeln!(
        out,
        "\nTimestamps may differ from this gateway's clock by {TIMESTAMP_WINDOW_MINUTES} minutes; sign_method md5, hmac or hmac-sha256."
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_routes_demo_credentials_and_masks_file_secrets() {
        let mut config = GatewayConfig::demo();
        config
            .add_toml("[[app]]\napp_key = \"23999001\"\nsecret = \"my-very-own-secret-value\"\n")
            .unwrap();
        let text = describe(&config, "http://127.0.0.1:8080");
        assert!(text.contains("http://127.0.0.1:8080/router/qimen/service"));
        assert!(
            text.contains(DEMO_ERP_SECRET),
            "demo secrets are documented and shown"
        );
        assert!(
            !text.contains("my-very-own-secret-value"),
            "file secrets are masked"
        );
        assert!(text.contains(WDT_DEMO_SID));
        assert!(text.contains(DEMO_SHOP_NICK));
    }
}
