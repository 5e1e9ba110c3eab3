//! Turning `qimen call` arguments into a signed [`PreparedRequest`]: the family guessed from the
//! method name, the environment resolved to a router URL, the 旺店通 `wdt_sign` added when asked.
//! Pure apart from reading files and the environment, so every decision is testable.

use crate::failure::Failure;
use crate::input::{load_secret, read_body};
use clap::ValueEnum;
use qimen_core::clock::Clock;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::request::{prepare, CallSpec, PreparedRequest, RawBody};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_core::sign::wdt::{extend_props_with_wdt_sign, wdt_flavour_for, wdt_sign, WdtFlavour};
use qimen_core::sign::{Params, SignMethod};
use std::path::Path;

/// Where the local gateway listens unless `--gateway` / `QIMEN_GATEWAY` says otherwise.
pub const DEFAULT_GATEWAY: &str = "http://127.0.0.1:18080";
/// 旺店通's AppKey on the platform: the `target_app_key` of every 旺店通 API (domain reference §5).
pub const WDT_TARGET_APP_KEY: &str = "21363512";
/// Router codes of the 旺店通 custom APIs (企业版, 旗舰版).
const WDT_ROUTER_CODES: [&str; 2] = ["hu3cgwt0tc", "3ldsmu02o9"];

/// `--family`, when the method name does not say enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FamilyArg {
    /// TOP `/router/rest`.
    Top,
    /// Qimen standard: XML body, `customerId`.
    Qimen,
    /// Qimen cloud / custom APIs: `target_app_key`, form params.
    Cloud,
}

impl From<FamilyArg> for ApiFamily {
    fn from(value: FamilyArg) -> Self {
        match value {
            FamilyArg::Top => ApiFamily::Top,
            FamilyArg::Qimen => ApiFamily::QimenStandard,
            FamilyArg::Cloud => ApiFamily::QimenCloud,
        }
    }
}

/// Whether the method is served by 旺店通 (so `target_app_key` defaults to 21363512).
pub fn is_wdt_method(method: &str) -> bool {
    let method = method.trim();
    WDT_ROUTER_CODES.iter().any(|code| {
        method
            .strip_prefix(code)
            .is_some_and(|r| r.starts_with('.'))
    }) || wdt_flavour_for(method) == WdtFlavour::OfficialCrm
}

/// `--env`: `local` (the gateway at `gateway_url`) or any name [`Environment::parse`] knows.
pub fn resolve_environment(env: &str, gateway_url: &str) -> Result<Environment, Failure> {
    let as_usage = |e: &dyn std::fmt::Display| Failure::Usage(format!("--env: {e}"));
    if env.trim().eq_ignore_ascii_case("local") {
        return match Environment::parse(gateway_url) {
            Ok(Environment::Url { url }) => Ok(Environment::Local { base_url: url }),
            _ => Err(Failure::Usage(format!(
                "--gateway / QIMEN_GATEWAY: `{gateway_url}` is not an http:// URL, e.g. {DEFAULT_GATEWAY}"
            ))),
        };
    }
    Environment::parse(env).map_err(|e| as_usage(&e))
}

/// A body file as a raw body, XML or JSON judged from its first character.
pub fn raw_body(path: &Path) -> Result<RawBody, Failure> {
    let text = read_body(path)?;
    match text.trim_start().chars().next() {
        Some('<') => Ok(RawBody::xml(text)),
        Some('{') | Some('[') => Ok(RawBody::json(text)),
        _ => Err(Failure::Usage(format!(
            "--body-file: {} is neither XML (starting with <) nor JSON (starting with {{)",
            path.display()
        ))),
    }
}

/// Parses `--sign-method`.
pub fn sign_method(text: &str) -> Result<SignMethod, Failure> {
    SignMethod::parse(text).ok_or_else(|| {
        Failure::Usage(format!(
            "--sign-method: `{text}` is not a sign method; use md5, hmac or hmac-sha256"
        ))
    })
}

/// Adds 旺店通's `wdt_sign`, computed with the secret in `env_var` (`secret:salt` or the secret
/// alone): as a parameter for the custom APIs, inside `extendProps` for the official CRM API.
/// Returns the flavour used.
pub fn add_wdt_sign(spec: &mut CallSpec, env_var: &str) -> Result<WdtFlavour, Failure> {
    let full = load_secret(env_var, None).map_err(|_| {
        Failure::Usage(format!(
            "--wdt-secret-env: {env_var} is not set; export the 旺店通 secret (secret:salt) in it"
        ))
    })?;
    let secret = crate::commands::wdt_sign::signing_secret(full);
    let flavour = wdt_flavour_for(&spec.method);
    let mut signed: Params = spec.params.clone();
    signed.insert("method".into(), spec.method.clone());
    let sign = wdt_sign(&signed, secret.expose(), flavour);
    match flavour {
        WdtFlavour::Custom => {
            spec.params.insert("wdt_sign".into(), sign);
        }
        WdtFlavour::OfficialCrm => {
            let props = spec.params.get("extendProps").ok_or_else(|| {
                Failure::Usage(
                    "extendProps: the CRM API carries wdt_sign inside extendProps; add \
                     extendProps='{\"wdt_appkey\":\"…\",\"wdt_salt\":\"…\"}'"
                        .into(),
                )
            })?;
            let with_sign = extend_props_with_wdt_sign(props, &sign)
                .map_err(|e| Failure::Usage(format!("extendProps: {e}")))?;
            spec.params.insert("extendProps".into(), with_sign);
        }
    }
    Ok(flavour)
}

/// Everything `call` needs to build the request, already read from arguments and environment.
pub struct CallInput {
    pub spec: CallSpec,
    pub environment: Environment,
    pub secret: SecretString,
    /// The environment variable holding the 旺店通 secret, when `wdt_sign` is to be added.
    pub wdt_secret_env: Option<String>,
}

/// Signs the call for its environment's router.
pub fn build(mut input: CallInput, clock: &dyn Clock) -> Result<PreparedRequest, Failure> {
    if let Some(var) = input.wdt_secret_env.as_deref() {
        add_wdt_sign(&mut input.spec, var)?;
    }
    let endpoint = input.environment.endpoint(input.spec.family);
    prepare(&input.spec, &endpoint, &input.secret, clock).map_err(|e| Failure::Usage(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wdt_methods_are_recognised() {
        assert!(is_wdt_method("hu3cgwt0tc.wdt.trade.query"));
        assert!(is_wdt_method("qimen.taobao.crm.order.detail.get"));
        assert!(!is_wdt_method("a1q40taq0j.other.api"));
        assert!(!is_wdt_method("hu3cgwt0tcx.wdt.trade.query"));
    }

    #[test]
    fn environments_resolve_and_bad_ones_name_the_option() {
        let local = resolve_environment("local", "http://127.0.0.1:9/").unwrap();
        assert_eq!(
            local.endpoint(ApiFamily::Top),
            "http://127.0.0.1:9/router/rest"
        );
        let err = resolve_environment("moon", DEFAULT_GATEWAY).unwrap_err();
        assert!(err.to_string().starts_with("--env:"), "{err}");
        let err = resolve_environment("local", "ftp://x").unwrap_err();
        assert!(err.to_string().contains("QIMEN_GATEWAY"), "{err}");
    }
}
