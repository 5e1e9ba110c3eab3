//! `qimen call`: one complete signed call to a named environment, the answer printed (pretty), and on
//! a platform error the plain explanation from the error catalogue. Exit 0 on success, 1 on a
//! platform error, 2 on bad input, 3 when nothing could be sent or no answer came back.

mod draft;
mod profile;
mod send;

use super::explain::{parse_lang, render as render_explanation};
use crate::failure::{Failure, EXIT_REFUSED};
use crate::input::WDT_SECRET_ENV;
use clap::Args;
use draft::{build_plain, draft_of, secret_from_environment, FamilyArg};
// What `qimen repro replay` shares with `qimen call`: the environment names, the session variable
// and how a request is sent and its failures sorted.
pub use draft::{resolve_environment, session_from_env, DEFAULT_GATEWAY};
use qimen_core::client::{HttpExchange, Timings};
use qimen_core::clock::{Clock, SystemClock};
use qimen_core::errors::{explain, Explanation};
use qimen_core::protocol::environment::{travels_in_clear, Environment};
use qimen_core::protocol::request::PreparedRequest;
use qimen_core::protocol::response::ApiResult;
use qimen_core::protocol::ApiFamily;
use qimen_core::text::Lang;
use send::send;
pub use send::send_captured;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Written with its tokens masked, as every request is serialised.
    request: &'a PreparedRequest,
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
    let (prepared, local) = prepare(args, &SystemClock)?;
    if prepared.param("session").is_some() && travels_in_clear(&prepared.endpoint) {
        eprintln!(
            "warning: {} is plain http: the session crosses the network unencrypted. \
             Use --env production-https or qimen-test-https for the same routers over https.",
            prepared.endpoint
        );
    }
    let sent = send(&prepared, args.timeout, local).await?;
    let result = sent.parse();
    let explanation = explain(&result, args.lang);
    if args.json {
        let report = CallReport {
            request: &prepared,
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

/// Signs the call the arguments describe, with a profile of the app or with the secrets of the
/// environment. Returns the request and whether it goes to the local gateway.
fn prepare(args: &CallArgs, clock: &dyn Clock) -> Result<(PreparedRequest, bool), Failure> {
    if let Some(profile) = &args.profile {
        return profile::prepare(args, profile, clock);
    }
    let environment = resolve_environment(args.env.as_deref().unwrap_or("local"), &args.gateway)?;
    let local = matches!(environment, Environment::Local { .. });
    let draft = draft_of(args, false)?;
    let built = build_plain(args, &draft, &environment, clock, |which| {
        secret_from_environment(args, which)
    })?;
    Ok((built.prepared, local))
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

#[cfg(test)]
#[path = "same_request_tests.rs"]
mod same_request_tests;
