//! The platform's checks of a router call, in the platform's order: method (21/22), format (23),
//! app key (28/29), timestamp (30/31), version (32/33/34), signature (24/25), session (26/27),
//! permission (11), required arguments and the custom-API target (40/41). Each failure says in its
//! `sub_msg` what was wrong and how to fix it, because this gateway exists to teach the protocol.

use super::api_contract::{ApiFamily, ApiSpec, PlatformError, SessionUser};
use super::codes::TopCode;
use super::config::{AppConfig, GatewayConfig, ProviderConfig};
use super::inbound::{Inbound, Route};
use super::render::Format;
use super::tokens::TokenStore;
use chrono::{DateTime, Duration, Utc};
use qimen_core::clock::{format_gmt8, parse_timestamp_param};
use qimen_core::platform::{TOKEN_CREATE, TOKEN_REFRESH};
use qimen_core::sensitive::constant_time_eq_hex;
use qimen_core::sign::top::{digest, string_to_sign_with, BlankValues};
use qimen_core::sign::{is_blank, SignMethod};

/// The platform's allowed clock difference.
pub const TIMESTAMP_WINDOW_MINUTES: i64 = 10;

/// What will answer a call that passed the checks.
#[derive(Debug, Clone, Copy)]
pub enum Served<'a> {
    Api(&'static ApiSpec),
    TokenCreate,
    TokenRefresh,
    /// Re-signed and sent to a configured provider.
    Forward(&'a ProviderConfig),
}

impl Served<'_> {
    fn required(&self) -> &'static [&'static str] {
        match self {
            Served::Api(spec) => spec.required,
            Served::TokenCreate => &["code"],
            Served::TokenRefresh => &["refresh_token"],
            Served::Forward(_) => &[],
        }
    }
}

/// A call that passed every check.
#[derive(Debug)]
pub struct Checked<'a> {
    pub served: Served<'a>,
    pub method: String,
    pub app: &'a AppConfig,
    pub format: Format,
    /// The session's user, when the API needs one.
    pub user: Option<SessionUser>,
}

/// The family whose failure shape a call gets, decided before anything is validated: by the route,
/// then by the API named, then by the presence of a raw body.
pub fn failure_family(route: Route, catalogue: &[ApiSpec], inbound: &Inbound) -> ApiFamily {
    match route {
        Route::Rest => ApiFamily::Top,
        Route::QimenService => ApiFamily::QimenStandard,
        _ => {
            let spec = inbound
                .param("method")
                .and_then(|m| catalogue.iter().find(|s| s.name == m));
            match spec {
                Some(spec) if spec.family != ApiFamily::Top => spec.family,
                _ if inbound.body.is_some() => ApiFamily::QimenStandard,
                _ => ApiFamily::QimenCloud,
            }
        }
    }
}

/// Runs every check; the first failure is the answer.
pub fn check<'a>(
    config: &'a GatewayConfig,
    catalogue: &'static [ApiSpec],
    tokens: &TokenStore,
    inbound: &Inbound,
    now: DateTime<Utc>,
) -> Result<Checked<'a>, PlatformError> {
    let method = inbound.param("method").ok_or_else(|| {
        TopCode::MissingMethod.with_msg("add the method parameter, e.g. method=taobao.time.get")
    })?;
    let served = resolve(config, catalogue, inbound, method)?;
    let format =
        Format::from_param(inbound.params.get("format").map(String::as_str)).ok_or_else(|| {
            TopCode::InvalidFormat.with_msg("format must be json or xml (xml when absent)")
        })?;
    let app = check_app(config, inbound)?;
    check_timestamp(inbound, now)?;
    check_version(inbound)?;
    check_sign(inbound, app)?;
    if let Served::Forward(provider) = served {
        check_may_forward(app, provider)?;
    }
    let user = match served {
        Served::Api(spec) if spec.needs_session => Some(check_session(tokens, inbound, app, now)?),
        _ => None,
    };
    check_grant(app, method)?;
    for name in served.required() {
        if inbound.param(name).is_none() {
            return Err(TopCode::MissingRequiredArguments.with_sub(
                &format!("isv.missing-parameter:{name}"),
                format!("the API {method} needs the parameter {name}"),
            ));
        }
    }
    if let Served::Api(ApiSpec {
        provider_app_key: Some(provider),
        ..
    }) = served
    {
        check_target(inbound, method, provider)?;
    }
    Ok(Checked {
        served,
        method: method.to_string(),
        app,
        format,
        user,
    })
}

fn resolve<'a>(
    config: &'a GatewayConfig,
    catalogue: &'static [ApiSpec],
    inbound: &Inbound,
    method: &str,
) -> Result<Served<'a>, PlatformError> {
    if inbound.route.is_qimen() {
        let provider = inbound
            .param("target_app_key")
            .and_then(|k| config.provider_by_app_key(k))
            .or_else(|| {
                inbound
                    .param("customerId")
                    .and_then(|c| config.provider_by_customer_id(c))
            });
        if let Some(provider) = provider {
            return Ok(Served::Forward(provider));
        }
    }
    let (served, family) = match method {
        TOKEN_CREATE => (Served::TokenCreate, ApiFamily::Top),
        TOKEN_REFRESH => (Served::TokenRefresh, ApiFamily::Top),
        _ => match catalogue.iter().find(|s| s.name == method) {
            Some(spec) => (Served::Api(spec), spec.family),
            None => {
                return Err(TopCode::InvalidMethod.with_msg(format!(
                "the API {method} does not exist on this gateway: check its spelling (custom APIs \
                     carry the router code, e.g. hu3cgwt0tc.wdt.trade.query); to reach your own \
                     provider, register it as a [[provider]] and send its AppKey as target_app_key"
            )))
            }
        },
    };
    if !inbound.route.serves(family) {
        return Err(TopCode::InvalidMethod.with_msg(format!(
            "the API {method} is not served on {}: send it to {}",
            inbound.route.path(),
            Route::proper_paths(family)
        )));
    }
    Ok(served)
}

fn check_app<'a>(
    config: &'a GatewayConfig,
    inbound: &Inbound,
) -> Result<&'a AppConfig, PlatformError> {
    let app_key = inbound
        .param("app_key")
        .ok_or_else(|| TopCode::MissingAppKey.with_msg("add the app_key parameter: your AppKey"))?;
    config.app(app_key).ok_or_else(|| {
        let known: Vec<&str> = config.apps.iter().map(|a| a.app_key.as_str()).collect();
        TopCode::InvalidAppKey.with_sub(
            "isv.appkey-not-exists",
            format!(
                "app_key {app_key} is not registered on this gateway (registered: {}); add it as an \
                 [[app]] in the config file, or check you are not using a key of another environment",
                known.join(", ")
            ),
        )
    })
}

fn check_timestamp(inbound: &Inbound, now: DateTime<Utc>) -> Result<(), PlatformError> {
    let text = inbound.param("timestamp").ok_or_else(|| {
        TopCode::MissingTimestamp
            .with_msg("add the timestamp parameter (yyyy-MM-dd HH:mm:ss in GMT+8)")
    })?;
    let sent = parse_timestamp_param(text).ok_or_else(|| {
        TopCode::InvalidTimestamp.with_msg(format!(
            "timestamp \"{text}\" cannot be read: send yyyy-MM-dd HH:mm:ss in GMT+8 (e.g. {}) or epoch milliseconds",
            format_gmt8(now)
        ))
    })?;
    let off = sent - now;
    if off.abs() > Duration::minutes(TIMESTAMP_WINDOW_MINUTES) {
        return Err(TopCode::InvalidTimestamp.with_msg(format!(
            "timestamp {} (GMT+8) is {} minutes {} the gateway's time {} (GMT+8); at most \
             {TIMESTAMP_WINDOW_MINUTES} minutes are allowed: sync the clock and format the time in GMT+8",
            format_gmt8(sent),
            off.num_minutes().abs(),
            if off > Duration::zero() { "ahead of" } else { "behind" },
            format_gmt8(now)
        )));
    }
    Ok(())
}

fn check_version(inbound: &Inbound) -> Result<(), PlatformError> {
    let v = inbound
        .param("v")
        .ok_or_else(|| TopCode::MissingVersion.with_msg("add v=2.0"))?;
    let number: f64 = v.parse().map_err(|_| {
        TopCode::InvalidVersion.with_msg(format!("v \"{v}\" is not a number: send v=2.0"))
    })?;
    if number != 1.0 && number != 2.0 {
        return Err(TopCode::UnsupportedVersion.with_msg(format!(
            "v {v} is not a supported version: send v=2.0 (or 1.0)"
        )));
    }
    Ok(())
}

fn check_sign(inbound: &Inbound, app: &AppConfig) -> Result<(), PlatformError> {
    let sent = inbound
        .param("sign")
        .ok_or_else(|| TopCode::MissingSignature.with_msg("add the sign parameter"))?;
    let method = SignMethod::from_param(inbound.param("sign_method"));
    let secret = app.secret.expose();
    let body = inbound.body.as_deref();
    // The Java SDK drops blank values; the Python and Node SDKs sign them as the key alone.
    let java = string_to_sign_with(&inbound.params, body, BlankValues::Drop);
    let python = string_to_sign_with(&inbound.params, body, BlankValues::Keep);
    let matches = |s: &str| constant_time_eq_hex(&digest(s, secret, method), sent);
    if matches(&java) || (python != java && matches(&python)) {
        return Ok(());
    }
    let signed: Vec<&str> = inbound
        .params
        .iter()
        .filter(|(k, v)| k.as_str() != "sign" && !is_blank(k) && !is_blank(v))
        .map(|(k, _)| k.as_str())
        .collect();
    let rule = match method {
        SignMethod::Md5 => "MD5(secret + S + secret)",
        SignMethod::Hmac => "HMAC-MD5(key = secret, S)",
        SignMethod::HmacSha256 => "HMAC-SHA256(key = secret, S)",
    };
    Err(TopCode::InvalidSignature.with_msg(format!(
        "the sign does not match. sign_method={} (md5 when absent), so sign = upper-case hex of {rule}, \
         S = key+value of every parameter but sign, sorted by name ({}){}; check the AppSecret of app \
         {} and that the values signed are exactly the values sent",
        method.as_param(),
        signed.join(", "),
        if body.is_some() { ", then the raw body" } else { "" },
        app.app_key
    )))
}

fn check_session(
    tokens: &TokenStore,
    inbound: &Inbound,
    app: &AppConfig,
    now: DateTime<Utc>,
) -> Result<SessionUser, PlatformError> {
    let session = inbound.param("session").ok_or_else(|| {
        TopCode::MissingSession.with_msg(
            "this API acts for a shop: authorize at /authorize and send the access_token as session",
        )
    })?;
    tokens
        .session_user(session, &app.app_key, now)
        .map_err(|e| TopCode::InvalidSession.with_sub("invalid-sessionkey", e.to_string()))
}

/// A call is re-signed with a provider's secret only for an app the user registered, or for any
/// app when the provider is the desktop app's own receiver.
fn check_may_forward(app: &AppConfig, provider: &ProviderConfig) -> Result<(), PlatformError> {
    if app.from_config || provider.open_to_demo_apps {
        return Ok(());
    }
    Err(TopCode::InsufficientIsvPermissions.with_sub(
        "isv.permission-api-package-not-allowed",
        format!(
            "the built-in demo app {} may not call the configured provider {} ({}): its secret is \
             public, so register your own caller app as an [[app]] in the gateway's config and \
             call with it",
            app.app_key, provider.app_key, provider.name
        ),
    ))
}

fn check_grant(app: &AppConfig, method: &str) -> Result<(), PlatformError> {
    if app.granted.allows(method) {
        return Ok(());
    }
    let sub_code = if app.granted.is_empty() {
        "isv.permission-api-package-empty"
    } else {
        "isv.permission-api-package-not-allowed"
    };
    // Where the package is known (the Taobaoke packages of document 002), the answer names it.
    let package = super::apis::permission_package(method)
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    Err(TopCode::InsufficientIsvPermissions.with_sub(
        sub_code,
        format!(
            "app {} ({}) has not been granted the permission package of {method}{package}: apply \
             for it in the console (here: list it under granted in the app's config entry)",
            app.app_key, app.name
        ),
    ))
}

fn check_target(inbound: &Inbound, method: &str, provider: &str) -> Result<(), PlatformError> {
    match inbound.param("target_app_key") {
        None => Err(TopCode::MissingRequiredArguments.with_sub(
            "isv.missing-parameter:target_app_key",
            format!("{method} is a custom API: send target_app_key={provider}, the provider's AppKey"),
        )),
        Some(target) if target != provider => Err(TopCode::InvalidArguments.with_sub(
            "isv.invalid-parameter:target_app_key",
            format!("{method} is provided by app {provider}, not {target}: send target_app_key={provider}"),
        )),
        Some(_) => Ok(()),
    }
}
