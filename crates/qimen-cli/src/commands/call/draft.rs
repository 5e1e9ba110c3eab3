//! `qimen call` arguments as the same [`CallDraft`] the console builds, the environment resolved to
//! a router, and the secrets read from the environment or a file; the request itself is made by the
//! core's one call builder. Pure apart from reading files and the environment.

use super::CallArgs;
use crate::failure::Failure;
use crate::input::{load_secret, parse_pairs, read_body, APP_SECRET_ENV};
use clap::ValueEnum;
use qimen_core::call::{
    self, is_wdt_method, BuiltCall, CallDefaults, CallDraft, CallError, CallSecret, ParamRow,
    WdtOptions,
};
use qimen_core::clock::Clock;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_core::sign::SignMethod;
use qimen_workbench::calls::build::hints_for;

/// Where the local gateway listens unless `--gateway` / `QIMEN_GATEWAY` says otherwise.
pub const DEFAULT_GATEWAY: &str = "http://127.0.0.1:18080";

/// The environment variable holding the access token (session); never an argument.
pub const SESSION_ENV: &str = "QIMEN_SESSION";

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

impl From<CallError> for Failure {
    fn from(error: CallError) -> Self {
        Failure::Usage(error.to_string())
    }
}

/// The call the arguments describe, as the console would describe it. `with_profile`: a 旺店通
/// API then gets its `wdt_sign` from the profile's 旺店通 secret unless one is given; without a
/// profile, only `--wdt-secret-env` asks for it, and `QIMEN_SESSION` set means the session is sent.
pub fn draft_of(args: &CallArgs, with_profile: bool) -> Result<CallDraft, Failure> {
    let params = parse_pairs(&args.params)?
        .into_iter()
        .map(|(key, value)| ParamRow { key, value })
        .collect();
    let sign_method = match &args.sign_method {
        Some(text) => sign_method(text)?,
        None => SignMethod::Md5,
    };
    let format = args.format.as_deref().map(check_format).transpose()?;
    let body = match args.body_file.as_deref() {
        Some(path) => {
            let text = read_body(path)?;
            call::read_body(&text).map_err(|_| {
                Failure::Usage(format!(
                    "--body-file: {} is neither XML (starting with <) nor JSON (starting with {{ or [)",
                    path.display()
                ))
            })?;
            Some(text)
        }
        None => None,
    };
    let compute_wdt = if with_profile {
        is_wdt_method(&args.method) && !args.params.iter().any(|p| p.starts_with("wdt_sign="))
    } else {
        args.wdt_secret_env.is_some()
    };
    let use_session = if with_profile {
        args.use_session
    } else {
        session_from_env().is_some()
    };
    Ok(CallDraft {
        method: args.method.trim().to_string(),
        family: args.family.map(ApiFamily::from),
        sign_method,
        format,
        params,
        body,
        target_app_key: args.target_app_key.clone(),
        customer_id: args.customer_id.clone(),
        use_session,
        wdt: WdtOptions {
            compute: compute_wdt,
        },
    })
}

/// The session in `QIMEN_SESSION`, when it holds one.
pub fn session_from_env() -> Option<SecretString> {
    std::env::var(SESSION_ENV)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(SecretString::from)
}

/// Signs a call made without a profile: `--app-key` (or `QIMEN_APP_KEY`), the catalogue's hints,
/// and each secret from `secret` when the draft needs it.
pub fn build_plain(
    args: &CallArgs,
    draft: &CallDraft,
    environment: &Environment,
    clock: &dyn Clock,
    secret: impl FnMut(CallSecret) -> Result<SecretString, Failure>,
) -> Result<BuiltCall, Failure> {
    let app_key = args
        .app_key
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| {
            Failure::Usage(
                "--app-key: required (or QIMEN_APP_KEY), unless --profile names a profile of the desktop app".into(),
            )
        })?;
    let defaults = CallDefaults {
        app_key: app_key.to_string(),
        ..CallDefaults::default()
    };
    call::build(
        draft,
        &defaults,
        &hints_for(&draft.method),
        environment,
        clock,
        secret,
    )
}

/// The secrets of a call made without a profile: the AppSecret from `QIMEN_APP_SECRET` or
/// `--secret-file`, the session from `QIMEN_SESSION`, the 旺店通 secret from `--wdt-secret-env`.
pub fn secret_from_environment(
    args: &CallArgs,
    which: CallSecret,
) -> Result<SecretString, Failure> {
    match which {
        CallSecret::AppSecret => load_secret(APP_SECRET_ENV, args.secret_file.as_deref()),
        CallSecret::Session => session_from_env().ok_or_else(|| {
            Failure::Usage(format!(
                "{SESSION_ENV} is not set: export the session in it"
            ))
        }),
        CallSecret::WdtSecret => {
            let var = args.wdt_secret_env.as_deref().unwrap_or_default();
            if var.trim().is_empty() || var.contains('=') {
                return Err(Failure::Usage(format!(
                    "--wdt-secret-env: `{var}` is not an environment variable name"
                )));
            }
            load_secret(var, None).map_err(|_| {
                Failure::Usage(format!(
                    "--wdt-secret-env: {var} is not set; export the 旺店通 secret (secret:salt) in it"
                ))
            })
        }
    }
}

/// `--env`: `local` (the gateway at `gateway_url`) or any name [`Environment::parse`] knows.
pub fn resolve_environment(env: &str, gateway_url: &str) -> Result<Environment, Failure> {
    if env.trim().eq_ignore_ascii_case("local") {
        return match Environment::parse(gateway_url) {
            Ok(Environment::Url { url }) => Ok(Environment::Local { base_url: url }),
            _ => Err(Failure::Usage(format!(
                "--gateway / QIMEN_GATEWAY: `{gateway_url}` is not an http:// URL, e.g. {DEFAULT_GATEWAY}"
            ))),
        };
    }
    Environment::parse(env).map_err(|e| Failure::Usage(format!("--env: {e}")))
}

/// Parses `--sign-method`.
pub fn sign_method(text: &str) -> Result<SignMethod, Failure> {
    SignMethod::parse(text).ok_or_else(|| {
        Failure::Usage(format!(
            "--sign-method: `{text}` is not a sign method; use md5, hmac or hmac-sha256"
        ))
    })
}

/// Checks `--format`: json or xml, lower-cased.
pub fn check_format(format: &str) -> Result<String, Failure> {
    let format = format.trim().to_ascii_lowercase();
    if !matches!(format.as_str(), "json" | "xml") {
        return Err(Failure::Usage(format!(
            "--format: `{format}` must be json or xml"
        )));
    }
    Ok(format)
}

#[cfg(test)]
mod tests {
    use super::*;

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
