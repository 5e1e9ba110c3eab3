//! `qimen repro replay FILE`: a bundle's calls sent again. With `--as-sent` each request goes byte
//! for byte as recorded; otherwise it is re-signed for the reader's account (AppKey, a timestamp
//! of now, the session when the request sent one, and the sign), with `--profile` read from the
//! desktop app exactly as `qimen call --profile` reads it, or from `--app-key`, QIMEN_APP_SECRET
//! and QIMEN_SESSION as `qimen call` takes them. Each answer is compared with the recorded one.

use super::read_bundle;
use super::report::{print_human, CallReplay};
use crate::commands::app_profile::AppProfile;
use crate::commands::call::{
    resolve_environment, send_captured, session_from_env, DEFAULT_GATEWAY,
};
use crate::commands::explain::parse_lang;
use crate::failure::{Failure, EXIT_NETWORK, EXIT_REFUSED};
use crate::input::{load_secret, APP_SECRET_ENV};
use clap::Args;
use qimen_core::bundle::{response_diff, BundleCall};
use qimen_core::captured::Resigning;
use qimen_core::clock::{Clock, SystemClock};
use qimen_core::errors::explain;
use qimen_core::protocol::environment::{travels_in_clear, Environment};
use qimen_core::sensitive::{mask_each, tokens_in, SecretString};
use qimen_core::text::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The bundle file (`.qimen.json`) the desktop app exported; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Re-sign with a profile of the desktop app (its name or id): its AppKey, and its AppSecret
    /// and session read from the OS keyring now.
    #[arg(long, value_name = "NAME_OR_ID", conflicts_with = "as_sent")]
    pub profile: Option<String>,
    /// Re-sign with this AppKey (required without --profile; overrides the profile's). The
    /// AppSecret comes from QIMEN_APP_SECRET or --secret-file, the session from QIMEN_SESSION.
    #[arg(long, env = "QIMEN_APP_KEY")]
    pub app_key: Option<String>,
    /// Read the AppSecret from this file instead of QIMEN_APP_SECRET.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["profile", "as_sent"])]
    pub secret_file: Option<PathBuf>,
    /// Send each request exactly as recorded (its sign, timestamp and masked tokens included).
    #[arg(long)]
    pub as_sent: bool,
    /// Where to send: local, production, overseas, sandbox, qimen-test, qimen-test-legacy,
    /// router:CODE, router-test:CODE, or an http(s):// URL (default: each call's recorded
    /// environment, else local).
    #[arg(long)]
    pub env: Option<String>,
    /// The local gateway's address for the local environment.
    #[arg(long, env = "QIMEN_GATEWAY", default_value = DEFAULT_GATEWAY)]
    pub gateway: String,
    /// Replay only this call (1 = the first).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub call: Option<u32>,
    /// Print one JSON object per call (in an array): the changes, status, result and diff.
    #[arg(long)]
    pub json: bool,
    /// Language of the messages and explanations: zh or en.
    #[arg(long, default_value = "zh", value_parser = parse_lang)]
    pub lang: Lang,
    /// Seconds to wait for each answer (1-600).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

/// What a re-signed request is signed with, read once for every call.
struct Signer {
    app_key: String,
    secret: SecretString,
    session: Option<SecretString>,
}

pub async fn run(args: &ReplayArgs) -> Result<ExitCode, Failure> {
    let lang = args.lang;
    let bundle = read_bundle(&args.file, lang)?;
    let count = bundle.calls.len();
    let chosen: Vec<(usize, &BundleCall)> = match args.call {
        Some(n) => {
            let n = n as usize;
            let call = bundle.calls.get(n - 1).ok_or_else(|| {
                Failure::Usage(lang.pick(
                    format!("--call {n}：复现包只有 {count} 个调用；请给出 1 到 {count} 之间的编号"),
                    format!("--call {n}: the bundle holds {count} call(s); give a number from 1 to {count}"),
                ))
            })?;
            vec![(n, call)]
        }
        None => bundle
            .calls
            .iter()
            .enumerate()
            .map(|(i, c)| (i + 1, c))
            .collect(),
    };
    let signer = if args.as_sent {
        None
    } else {
        Some(signer(args)?)
    };
    let mut replays = Vec::new();
    for (number, call) in chosen {
        let replay = replay_one(args, number, call, signer.as_ref()).await?;
        if !args.json {
            print_human(&replay, count, lang);
        }
        replays.push(replay);
    }
    if args.json {
        let text = serde_json::to_string_pretty(&replays)
            .map_err(|e| Failure::Failed(format!("cannot write the JSON report: {e}")))?;
        println!("{text}");
    }
    let code = if replays.iter().any(|r| r.network_error.is_some()) {
        ExitCode::from(EXIT_NETWORK)
    } else if replays
        .iter()
        .any(|r| r.result.as_ref().is_some_and(|r| !r.success))
    {
        ExitCode::from(EXIT_REFUSED)
    } else {
        ExitCode::SUCCESS
    };
    Ok(code)
}

/// The AppKey, AppSecret and session to re-sign with: the profile's, or the command line's.
fn signer(args: &ReplayArgs) -> Result<Signer, Failure> {
    let given_key = args
        .app_key
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty());
    if let Some(name) = &args.profile {
        let app = AppProfile::open(name, args.lang)?;
        let (secret, session) = app.resigning_secrets(args.lang)?;
        let app_key = given_key.unwrap_or(&app.profile.app_key).to_string();
        return Ok(Signer {
            app_key,
            secret,
            session,
        });
    }
    let app_key = given_key.ok_or_else(|| {
        Failure::Usage(
            "--app-key: required to re-sign (or QIMEN_APP_KEY), unless --profile names a profile \
             of the desktop app; --as-sent replays the requests as recorded instead"
                .into(),
        )
    })?;
    Ok(Signer {
        app_key: app_key.to_string(),
        secret: load_secret(APP_SECRET_ENV, args.secret_file.as_deref())?,
        session: session_from_env(),
    })
}

/// `--env` when given, else the call's recorded environment when it is one this build knows,
/// else local; with the name shown.
fn environment_of(args: &ReplayArgs, call: &BundleCall) -> Result<(String, Environment), Failure> {
    if let Some(env) = &args.env {
        return Ok((
            env.trim().to_string(),
            resolve_environment(env, &args.gateway)?,
        ));
    }
    let recorded = call.environment.as_ref().map(|e| e.id.as_str());
    if let Some((id, env)) =
        recorded.and_then(|id| Some((id, resolve_environment(id, &args.gateway).ok()?)))
    {
        return Ok((id.to_string(), env));
    }
    Ok(("local".into(), resolve_environment("local", &args.gateway)?))
}

/// Sends one call and reads its answer; only bad input is an error, a network failure is part of
/// the replay.
async fn replay_one(
    args: &ReplayArgs,
    number: usize,
    call: &BundleCall,
    signer: Option<&Signer>,
) -> Result<CallReplay, Failure> {
    let lang = args.lang;
    let (environment_id, environment) = environment_of(args, call)?;
    let endpoint = environment.endpoint(call.request.family());
    let local = matches!(environment, Environment::Local { .. });
    let (request, changes) = match signer {
        None => (call.request.clone(), Vec::new()),
        Some(s) => call.request.resigned(&Resigning {
            app_key: &s.app_key,
            session: s.session.as_ref().map(|v| v.expose().as_str()),
            secret: s.secret.expose(),
            now: SystemClock.now(),
        }),
    };
    let sends_session = request.param("session").is_some();
    let masked_session = request
        .param("session")
        .is_some_and(|s| s.starts_with("******"));
    if masked_session {
        eprintln!("{}", lang.pick(
            format!("警告：调用 {number} 的会话在复现包中已遮盖，将按遮盖后的值发送，平台会拒绝；请去掉 --as-sent，用 QIMEN_SESSION 或配置的会话重新签名"),
            format!("warning: call {number}: the bundle masks the session, so the masked value is sent and the platform will refuse it; replay re-signed (without --as-sent) with QIMEN_SESSION or the profile's session"),
        ));
    } else if sends_session && travels_in_clear(&endpoint) {
        eprintln!("{}", lang.pick(
            format!("警告：{endpoint} 是明文 http，会话将不加密地经过网络；同一路由的 https 形式请用 --env production-https 或 qimen-test-https"),
            format!("warning: {endpoint} is plain http: the session crosses the network unencrypted. Use --env production-https or qimen-test-https for the same routers over https."),
        ));
    }
    let mut replay = CallReplay::new(number, call, &request, environment_id, &endpoint, changes);
    match send_captured(&request, &endpoint, args.timeout, local).await {
        Ok(exchange) => {
            let mut tokens = request.tokens();
            tokens.extend(tokens_in(&exchange.body));
            let body = mask_each(exchange.body.clone(), &tokens);
            let result = qimen_core::protocol::response::parse_response(
                &body,
                exchange.content_type.as_deref(),
            );
            replay.explanation = explain(&result, lang);
            replay.diff = call
                .response
                .as_ref()
                .map(|recorded| response_diff(&recorded.body, &body));
            replay.status = Some(exchange.status);
            replay.elapsed_ms = Some(exchange.elapsed.as_millis());
            replay.result = Some(result);
            replay.body = Some(body);
        }
        Err(Failure::Network(message)) => {
            eprintln!("error: call {number}: {message}");
            replay.network_error = Some(message);
        }
        Err(other) => return Err(other),
    }
    Ok(replay)
}
