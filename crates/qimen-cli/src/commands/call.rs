//! `qimen call`: one complete signed call to a named environment, the answer printed (pretty), and on
//! a platform error the plain explanation from the error catalogue. Exit 0 on success, 1 on a
//! platform error, 2 on bad input, 3 when nothing could be sent or no answer came back.

use super::call_build::{
    build, is_wdt_method, raw_body, resolve_environment, sign_method, CallInput, FamilyArg,
    DEFAULT_GATEWAY, WDT_TARGET_APP_KEY,
};
use super::call_send::send;
use super::explain::{parse_lang, render as render_explanation};
use crate::failure::{Failure, EXIT_REFUSED};
use crate::input::{load_secret, parse_pairs, APP_SECRET_ENV, WDT_SECRET_ENV};
use clap::Args;
use qimen_core::client::{HttpExchange, Timings};
use qimen_core::clock::SystemClock;
use qimen_core::errors::{explain, Explanation, Lang};
use qimen_core::protocol::request::{CallSpec, PreparedRequest};
use qimen_core::protocol::response::ApiResult;
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The environment variable holding the access token (session); never an argument.
pub const SESSION_ENV: &str = "QIMEN_SESSION";

#[derive(Debug, Args)]
pub struct CallArgs {
    /// Where to send: local, production, overseas, sandbox, qimen-test, qimen-test-legacy,
    /// router:CODE, router-test:CODE, or an http(s):// URL used as is (default: the profile's
    /// environment with --profile, else local).
    #[arg(long)]
    pub env: Option<String>,
    /// The local gateway's address for --env local.
    #[arg(long, env = "QIMEN_GATEWAY", default_value = DEFAULT_GATEWAY)]
    pub gateway: String,
    /// The API family; by default taken from the method (taobao.qimen.* = qimen, a router-code
    /// prefix or qimen.taobao.* = cloud, else top).
    #[arg(long, value_enum)]
    pub family: Option<FamilyArg>,
    /// The API name, e.g. taobao.time.get.
    #[arg(long)]
    pub method: String,
    /// The caller's AppKey (required without --profile; overrides the profile's).
    #[arg(long, env = "QIMEN_APP_KEY")]
    pub app_key: Option<String>,
    /// Sign with a profile of the desktop app (its name or id): its fields as defaults, its
    /// AppSecret, 旺店通 secret and (with --use-session) session read from the OS keyring now.
    #[arg(long, value_name = "NAME_OR_ID")]
    pub profile: Option<String>,
    /// With --profile: send the profile's session (access token) from the keyring.
    #[arg(long, requires = "profile")]
    pub use_session: bool,
    /// Read the AppSecret from this file instead of QIMEN_APP_SECRET.
    #[arg(long, value_name = "FILE", conflicts_with = "profile")]
    pub secret_file: Option<PathBuf>,
    /// md5 (default), hmac or hmac-sha256.
    #[arg(long)]
    pub sign_method: Option<String>,
    /// json or xml (default: xml for Qimen standard, json otherwise).
    #[arg(long)]
    pub format: Option<String>,
    /// The provider's AppKey for Qimen cloud / custom APIs (旺店通 APIs default to 21363512).
    #[arg(long)]
    pub target_app_key: Option<String>,
    /// The routing id of the receiving party (Qimen standard).
    #[arg(long)]
    pub customer_id: Option<String>,
    /// A raw XML / JSON body, signed and sent as is.
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// Add 旺店通's wdt_sign computed with the secret in this environment variable
    /// (`--wdt-secret-env` alone = WDT_APP_SECRET; `--wdt-secret-env=VAR` for another).
    #[arg(long, value_name = "VAR", num_args = 0..=1, require_equals = true, default_missing_value = WDT_SECRET_ENV, conflicts_with = "profile")]
    pub wdt_secret_env: Option<String>,
    /// Machine-readable output: the redacted request, status, timings, parsed result, explanation.
    #[arg(long)]
    pub json: bool,
    /// Language of the error explanation: zh or en.
    #[arg(long, default_value = "zh", value_parser = parse_lang)]
    pub lang: Lang,
    /// Seconds to wait for the answer.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// Business parameters as KEY=VALUE.
    #[arg(value_name = "KEY=VALUE")]
    pub params: Vec<String>,
}

/// The `--json` document.
#[derive(Debug, Serialize)]
struct CallReport<'a> {
    request: PreparedRequest,
    status: u16,
    elapsed_ms: u128,
    timings: Timings,
    size_bytes: usize,
    content_type: Option<&'a str>,
    body: &'a str,
    result: &'a ApiResult,
    explanation: Option<Explanation>,
}

pub async fn run(args: &CallArgs) -> Result<ExitCode, Failure> {
    let (prepared, local) = match &args.profile {
        Some(profile) => super::call_profile::prepare(args, profile, &SystemClock)?,
        None => {
            let input = call_input(args)?;
            let local = matches!(
                input.environment,
                qimen_core::protocol::environment::Environment::Local { .. }
            );
            (build(input, &SystemClock)?, local)
        }
    };
    let sent = send(&prepared, args.timeout, local).await?;
    let result = sent.parse();
    let explanation = explain(&result, args.lang);
    if args.json {
        let report = CallReport {
            request: prepared.redacted(),
            status: sent.status,
            elapsed_ms: sent.elapsed.as_millis(),
            timings: sent.timings,
            size_bytes: sent.size_bytes,
            content_type: sent.content_type.as_deref(),
            body: &sent.body,
            result: &result,
            explanation: explanation.clone(),
        };
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::Failed(format!("cannot write the JSON report: {e}")))?;
        println!("{text}");
    } else {
        print!(
            "{}",
            render_human(&prepared, &sent, &result, explanation.as_ref())
        );
    }
    Ok(if result.success {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_REFUSED)
    })
}

/// Reads every argument and variable into a [`CallInput`]; all problems are usage errors.
fn call_input(args: &CallArgs) -> Result<CallInput, Failure> {
    let environment = resolve_environment(args.env.as_deref().unwrap_or("local"), &args.gateway)?;
    let family: ApiFamily = args
        .family
        .map(ApiFamily::from)
        .unwrap_or_else(|| ApiFamily::for_method(&args.method));
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
    let mut spec = CallSpec::new(family, args.method.trim(), app_key);
    spec.params = parse_pairs(&args.params)?;
    if let Some(method) = &args.sign_method {
        spec.sign_method = sign_method(method)?;
    }
    spec.format = args.format.as_deref().map(check_format).transpose()?;
    spec.customer_id = args.customer_id.clone();
    spec.target_app_key = args.target_app_key.clone().or_else(|| {
        (family == ApiFamily::QimenCloud && is_wdt_method(&args.method))
            .then(|| WDT_TARGET_APP_KEY.to_string())
    });
    spec.body = args.body_file.as_deref().map(raw_body).transpose()?;
    spec.session = std::env::var(SESSION_ENV)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(SecretString::from);
    let secret = load_secret(APP_SECRET_ENV, args.secret_file.as_deref())?;
    if let Some(var) = &args.wdt_secret_env {
        if var.trim().is_empty() || var.contains('=') {
            return Err(Failure::Usage(format!(
                "--wdt-secret-env: `{var}` is not an environment variable name"
            )));
        }
    }
    Ok(CallInput {
        spec,
        environment,
        secret,
        wdt_secret_env: args.wdt_secret_env.clone(),
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

/// What a person reads: where the call went, the answer (JSON pretty-printed), the explanation.
fn render_human(
    prepared: &PreparedRequest,
    sent: &HttpExchange,
    result: &ApiResult,
    explanation: Option<&Explanation>,
) -> String {
    let family = match prepared.family {
        ApiFamily::Top => "TOP",
        ApiFamily::QimenStandard => "Qimen standard",
        ApiFamily::QimenCloud => "Qimen cloud",
    };
    let mut out = format!(
        "-> POST {} ({family}, method {}, sign_method {})\n",
        prepared.endpoint,
        prepared.param("method").unwrap_or("-"),
        prepared.signature.method
    );
    if let Some(target) = prepared.param("target_app_key") {
        out.push_str(&format!("   target_app_key {target}\n"));
    }
    out.push_str(&format!(
        "<- HTTP {} in {} ms\n",
        sent.status,
        sent.elapsed.as_millis()
    ));
    let pretty = serde_json::from_str::<serde_json::Value>(&sent.body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| sent.body.clone());
    out.push_str(&pretty);
    if !pretty.ends_with('\n') {
        out.push('\n');
    }
    if result.success {
        return out;
    }
    out.push('\n');
    match explanation {
        Some(e) => out.push_str(&render_explanation(e)),
        None => out.push_str(&format!(
            "The call failed (code {}, sub_code {}); this code is not in the error catalogue: read the message above.\n",
            result.code.as_deref().unwrap_or("-"),
            result.sub_code.as_deref().unwrap_or("-")
        )),
    }
    out
}
