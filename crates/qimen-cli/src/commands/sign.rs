//! `qimen sign`: the TOP / Qimen signature of a set of parameters (and a body), with every step
//! shown on request. The last line of stdout is always the sign, so scripts can take `tail -n1`.

use super::diagnose_report::render_causes;
use super::explain::parse_lang;
use crate::failure::{Failure, EXIT_REFUSED};
use crate::input::{load_secret, parse_pairs, read_body, APP_SECRET_ENV};
use clap::Args;
use qimen_core::captured::CapturedRequest;
use qimen_core::clock::{Clock, SystemClock};
use qimen_core::diagnose::{diagnose, CauseId, Diagnosis};
use qimen_core::sign::explain::{explain_top, DropReason, SignExplanation};
use qimen_core::sign::{sign_top, Params, SignMethod};
use qimen_core::text::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct SignArgs {
    /// Every parameter that is sent, as KEY=VALUE (split at the first `=`). The algorithm is the
    /// `sign_method` parameter's (md5 when absent).
    #[arg(value_name = "KEY=VALUE", required = true)]
    pub params: Vec<String>,
    /// A Qimen XML/JSON body, appended to the signed string exactly as it is in the file.
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// Read the AppSecret from this file instead of QIMEN_APP_SECRET.
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Print each step: kept and dropped parameters, the signed string (secret masked), the digest.
    #[arg(long)]
    pub explain: bool,
    /// A sign to check against the one computed (e.g. the customer's): the verdict and, when it
    /// differs, why, are printed before the final sign line; exit 1 when it differs.
    #[arg(long, value_name = "SIGN")]
    pub expect: Option<String>,
    /// Language of the --expect causes and fixes: zh or en.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
}

pub fn run(args: &SignArgs) -> Result<ExitCode, Failure> {
    let params = parse_pairs(&args.params)?;
    let method = method_of(&params)?;
    let body = args.body_file.as_deref().map(read_body).transpose()?;
    let secret = load_secret(APP_SECRET_ENV, args.secret_file.as_deref())?;
    let verdict = args.expect.as_deref().map(|expected| {
        let diagnosis = check_expected(&params, body.as_deref(), secret.expose(), expected);
        print!("{}", render_expected(&diagnosis, args.lang));
        diagnosis.valid
    });
    if args.explain {
        let explanation = explain_top(&params, body.as_deref(), secret.expose(), method);
        print!("{}", render_explanation(&explanation, body.as_deref()));
        println!("{}", explanation.digest);
    } else {
        println!(
            "{}",
            sign_top(&params, body.as_deref(), secret.expose(), method)
        );
    }
    Ok(match verdict {
        Some(false) => ExitCode::from(EXIT_REFUSED),
        _ => ExitCode::SUCCESS,
    })
}

/// Diagnoses what was signed as if sent with `expected` as its `sign`.
fn check_expected(params: &Params, body: Option<&str>, secret: &str, expected: &str) -> Diagnosis {
    let mut sent = params.clone();
    sent.insert("sign".to_string(), expected.trim().to_string());
    diagnose(
        &CapturedRequest::from_params(&sent, body),
        secret,
        SystemClock.now(),
    )
}

/// The --expect verdict and the causes about the sign. The parameters here are the ones typed, not
/// a captured request, so the request checks (required system parameters, timestamp window) are
/// left to `qimen diagnose`.
fn render_expected(d: &Diagnosis, lang: Lang) -> String {
    let causes: Vec<_> = d.causes.iter().filter(|c| about_the_sign(c.id)).collect();
    let mut out = if d.valid {
        lang.pick(
            "--expect: valid（给出的签名与计算结果一致）\n",
            "--expect: valid (the sign given is the one computed)\n",
        )
        .to_string()
    } else {
        lang.pick(
            "--expect: invalid（给出的签名与计算结果不一致）\n",
            "--expect: invalid (the sign given is not the one computed)\n",
        )
        .to_string()
    };
    out.push_str(&render_causes(&causes, lang));
    out
}

fn about_the_sign(id: CauseId) -> bool {
    !matches!(
        id,
        CauseId::MissingSystemParam | CauseId::TimestampOutOfWindow | CauseId::TimestampUnreadable
    )
}

/// The algorithm named by the `sign_method` parameter. The platform falls back to md5 for an unknown
/// value, but a typo here would silently sign with md5 while claiming something else, so it is
/// refused.
pub fn method_of(params: &Params) -> Result<SignMethod, Failure> {
    match params.get("sign_method") {
        None => Ok(SignMethod::Md5),
        Some(value) => SignMethod::ALL
            .into_iter()
            .find(|m| m.as_param() == value)
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "sign_method: `{value}` is not a sign method; use md5, hmac or hmac-sha256"
                ))
            }),
    }
}

/// The steps of a signature as readable lines (the digest itself is printed by the caller).
pub fn render_explanation(e: &SignExplanation, body: Option<&str>) -> String {
    let mut out = String::new();
    out.push_str(&format!("sign method: {}\n", e.method));
    out.push_str("kept parameters, in signing order (ordinal sort of the names):\n");
    for (index, (key, value)) in e.kept.iter().enumerate() {
        out.push_str(&format!("  {:>2}. {key} = {value}\n", index + 1));
    }
    if e.dropped.is_empty() {
        out.push_str("dropped parameters: none\n");
    } else {
        out.push_str("dropped parameters:\n");
        for dropped in &e.dropped {
            out.push_str(&format!(
                "  - {}: {}\n",
                display_key(&dropped.key),
                reason_text(dropped.reason)
            ));
        }
    }
    match body {
        Some(text) => {
            out.push_str(&format!(
                "body: {} bytes appended after the last pair",
                text.len()
            ));
            if text.ends_with('\n') {
                out.push_str(" (it ends with a line break, which is signed too)");
            }
            out.push('\n');
        }
        None => out.push_str("body: none\n"),
    }
    let wrapping = match e.method {
        SignMethod::Md5 => "MD5(secret + S + secret)",
        SignMethod::Hmac => "HMAC-MD5(key = secret, S)",
        SignMethod::HmacSha256 => "HMAC-SHA256(key = secret, S)",
    };
    out.push_str(&format!("digest rule: {wrapping}, upper-case hex\n"));
    out.push_str("string signed (secret masked):\n");
    out.push_str(&format!("  {}\n", e.string_to_sign_masked));
    out.push_str("sign:\n");
    out
}

fn display_key(key: &str) -> String {
    if key.trim().is_empty() {
        format!("{key:?}")
    } else {
        key.to_string()
    }
}

fn reason_text(reason: DropReason) -> &'static str {
    match reason {
        DropReason::IsSign => "`sign` itself is never signed",
        DropReason::BlankValue => "blank value: neither signed nor sent (as the Java SDK does)",
        DropReason::BlankKey => "blank name: neither signed nor sent",
    }
}
