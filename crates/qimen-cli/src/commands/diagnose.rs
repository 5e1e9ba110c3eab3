//! `qimen diagnose`: why the platform refuses a request another system sent. The request is read
//! as it was captured (an address, a curl command, a raw HTTP request, an SDK log line, or a query
//! string and a body), checked with the AppSecret, and every cause found is named with its fix.
//! Exit 0 for a valid request with nothing else wrong, 1 otherwise, 2 for input that cannot be read.

use super::diagnose_report::{render_human, render_json};
use super::explain::parse_lang;
use crate::failure::{Failure, EXIT_REFUSED};
use crate::input::{
    env_is_set, load_secret, load_secret_with, read_text, APP_SECRET_ENV, WDT_SECRET_ENV,
};
use clap::{ArgGroup, Args};
use qimen_core::captured::{self, CaptureSource, CapturedRequest, ParamPlace};
use qimen_core::clock::{parse_timestamp_param, Clock, SystemClock};
use qimen_core::diagnose::{diagnose, diagnose_with_wdt_secret};
use qimen_core::text::Lang;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("request")
        .required(true)
        .args(["url", "curl_file", "request_file", "log_line_file", "file"])
))]
pub struct DiagnoseArgs {
    /// The full address as sent, `http(s)://host/path?query` (quote it for the shell).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// A file holding a curl command (bash or Windows cmd quoting); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub curl_file: Option<PathBuf>,
    /// A file holding a raw HTTP request: request line, headers, blank line, body.
    #[arg(long, value_name = "FILE")]
    pub request_file: Option<PathBuf>,
    /// A file holding an SDK log line: its date and time first, the address inside.
    #[arg(long, value_name = "FILE")]
    pub log_line_file: Option<PathBuf>,
    /// A file holding any of the kinds above, or a query string then a blank line and a body;
    /// the kind is detected.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The request body, when it was captured apart from the request; it replaces the captured
    /// body byte for byte.
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// Read the caller's AppSecret from this file instead of QIMEN_APP_SECRET.
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Read 旺店通's `secret:salt` from this file instead of WDT_APP_SECRET, to check `wdt_sign`.
    #[arg(long, value_name = "FILE")]
    pub wdt_secret_file: Option<PathBuf>,
    /// When the request was sent (`yyyy-MM-dd HH:mm:ss` in GMT+8, or epoch milliseconds), for the
    /// timestamp check of a request from an old log. Default: the time the input states (a Date
    /// header, the log line's time), else now.
    #[arg(long, value_name = "TIME")]
    pub sent_at: Option<String>,
    /// Language of the causes and fixes: zh or en.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
    /// Print `valid`, the cause ids, the expected sign and the masked string to sign as JSON, with
    /// the whole diagnosis under `details`.
    #[arg(long)]
    pub json: bool,
}

/// The option a request came from and the kind of text it must hold (`None`: any kind).
struct Origin<'a> {
    option: &'static str,
    path: Option<&'a Path>,
    kind: Option<CaptureSource>,
}

pub fn run(args: &DiagnoseArgs) -> Result<ExitCode, Failure> {
    let origin = origin_of(args);
    let text = match (&args.url, origin.path) {
        (Some(url), _) => url.clone(),
        (None, Some(path)) => read_text(origin.option, path)?,
        (None, None) => return Err(Failure::Usage(missing_request())),
    };
    let mut request = captured::parse(&text).map_err(|problem| {
        Failure::Usage(format!(
            "{}: {}",
            shown(&origin),
            problem.message().get(args.lang)
        ))
    })?;
    check_kind(&origin, &request)?;
    if let Some(path) = &args.body_file {
        if path.as_os_str() == "-" && origin.path.is_some_and(|p| p.as_os_str() == "-") {
            return Err(Failure::Usage(format!(
                "--body-file -: standard input already holds the request ({}); put the body in a file",
                origin.option
            )));
        }
        set_body(&mut request, read_text("--body-file", path)?);
    }
    if let Some(text) = &args.sent_at {
        request.sent_at = Some(parse_timestamp_param(text).ok_or_else(|| {
            Failure::Usage(format!(
                "--sent-at `{text}`: write the time as yyyy-MM-dd HH:mm:ss in GMT+8 \
                 (e.g. 2024-05-20 10:15:30) or as epoch milliseconds"
            ))
        })?);
    }
    let secret = load_secret(APP_SECRET_ENV, args.secret_file.as_deref())?;
    let wdt_secret = if args.wdt_secret_file.is_some() || env_is_set(WDT_SECRET_ENV) {
        let option = "--wdt-secret-file";
        Some(load_secret_with(
            WDT_SECRET_ENV,
            option,
            args.wdt_secret_file.as_deref(),
        )?)
    } else {
        None
    };
    let now = SystemClock.now();
    let diagnosis = match &wdt_secret {
        Some(wdt) => diagnose_with_wdt_secret(&request, secret.expose(), Some(wdt.expose()), now),
        None => diagnose(&request, secret.expose(), now),
    };
    if args.json {
        println!("{}", render_json(&diagnosis));
    } else {
        print!("{}", render_human(&diagnosis, args.lang));
    }
    Ok(if diagnosis.valid && diagnosis.causes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_REFUSED)
    })
}

fn origin_of(args: &DiagnoseArgs) -> Origin<'_> {
    let files = [
        ("--curl-file", &args.curl_file, Some(CaptureSource::Curl)),
        (
            "--request-file",
            &args.request_file,
            Some(CaptureSource::RawHttp),
        ),
        (
            "--log-line-file",
            &args.log_line_file,
            Some(CaptureSource::SdkLog),
        ),
        ("--file", &args.file, None),
    ];
    files
        .into_iter()
        .find_map(|(option, path, kind)| {
            path.as_deref().map(|path| Origin {
                option,
                path: Some(path),
                kind,
            })
        })
        .unwrap_or(Origin {
            option: "--url",
            path: None,
            kind: Some(CaptureSource::Url),
        })
}

fn missing_request() -> String {
    "give the request with one of --url URL, --curl-file F, --request-file F, --log-line-file F \
     or --file F"
        .to_string()
}

/// The option and its file, for messages.
fn shown(origin: &Origin) -> String {
    match origin.path {
        Some(path) => format!("{} {}", origin.option, path.display()),
        None => origin.option.to_string(),
    }
}

/// A file given as one kind must hold that kind; `--file` takes any.
fn check_kind(origin: &Origin, request: &CapturedRequest) -> Result<(), Failure> {
    match origin.kind {
        Some(kind) if kind != request.source => Err(Failure::Usage(format!(
            "{}: this is {}, not {}; pass it with --file (any kind, detected){}",
            shown(origin),
            kind_name(request.source),
            kind_name(kind),
            option_for(request.source)
                .map(|o| format!(" or {o}"))
                .unwrap_or_default()
        ))),
        _ => Ok(()),
    }
}

fn kind_name(kind: CaptureSource) -> &'static str {
    match kind {
        CaptureSource::Url => "an address",
        CaptureSource::Curl => "a curl command",
        CaptureSource::RawHttp => "a raw HTTP request",
        CaptureSource::QueryAndBody => "a query string (and body)",
        CaptureSource::SdkLog => "an SDK log line",
    }
}

fn option_for(kind: CaptureSource) -> Option<&'static str> {
    match kind {
        CaptureSource::Url => Some("--url"),
        CaptureSource::Curl => Some("--curl-file"),
        CaptureSource::RawHttp => Some("--request-file"),
        CaptureSource::SdkLog => Some("--log-line-file"),
        CaptureSource::QueryAndBody => None,
    }
}

/// Puts a separately captured body in the request, byte for byte. The parameters of a previous
/// form body go. Without a stated `Content-Type`, the body is typed as the parser types a body
/// pasted under a query string (XML or JSON by its first character, a one-line `name=value&…` as a
/// form); a form body's parameters are then read from it.
fn set_body(request: &mut CapturedRequest, body: String) {
    request.params.retain(|p| p.place != ParamPlace::Form);
    let reading = read_alone(&body);
    if request.content_type.is_none() {
        request.content_type = reading.as_ref().and_then(|r| r.content_type.clone());
    }
    if request.body_is_form() {
        let form = reading
            .into_iter()
            .flat_map(|r| r.params)
            .filter(|p| p.place == ParamPlace::Form);
        request.params.extend(form);
    }
    if request.http_method == "GET" {
        // A body travels in a POST.
        request.http_method = "POST".to_string();
    }
    request.body = Some(body);
}

/// The parser's reading of a body with no headers, as if pasted under a one-parameter query
/// string. Only its conclusions are used (type, form parameters): the parser trims a paste's
/// edges, so the body itself is taken from the file.
fn read_alone(body: &str) -> Option<CapturedRequest> {
    captured::parse(&format!("_=\n\n{body}")).ok()
}
