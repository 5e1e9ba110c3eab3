//! `qimen spi-verify`: checks a request Qimen forwarded to a provider the way the official
//! `SpiUtils` does, from its query string, headers and body. Exit 0 and `valid`, or exit 1 with the
//! string that should have been signed and both signs.

use crate::failure::{Failure, EXIT_REFUSED};
use crate::input::{load_secret, read_body, APP_SECRET_ENV};
use clap::Args;
use qimen_core::sign::spi::{verify, InboundRequest};
use qimen_server::receiver::ReceiptVerdict;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct SpiVerifyArgs {
    /// The URL-encoded query string as received (with or without a leading `?`), `sign` included.
    #[arg(long, value_name = "QUERY")]
    pub query: String,
    /// The request body as received (XML / JSON, or a url-encoded form with a form Content-Type).
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// A request header, `Name: value`; repeat for several. Headers named in `top-sign-list` are signed.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Read the receiving app's AppSecret from this file instead of QIMEN_APP_SECRET.
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
}

pub fn run(args: &SpiVerifyArgs) -> Result<ExitCode, Failure> {
    let mut request = InboundRequest::from_query(args.query.trim());
    for header in &args.headers {
        let Some((name, value)) = header.split_once(':') else {
            return Err(Failure::Usage(format!(
                "--header `{header}`: expected `Name: value`, e.g. --header 'top-sign-list: a,b'"
            )));
        };
        if name.trim().is_empty() {
            return Err(Failure::Usage(format!(
                "--header `{header}`: the header name before `:` is empty"
            )));
        }
        request = request.with_header(name.trim(), value.trim());
    }
    if let Some(path) = &args.body_file {
        let body = read_body(path)?;
        let is_form = request.header("content-type").is_some_and(|ct| {
            ct.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
        request = if is_form {
            request.with_form_body(&body)
        } else {
            request.with_body(body)
        };
    }
    let secret = load_secret(APP_SECRET_ENV, args.secret_file.as_deref())?;
    match ReceiptVerdict::from_sign(verify(&request, secret.expose()), &request.query) {
        ReceiptVerdict::MissingSign => {
            println!("invalid: the query has no `sign` parameter; the sender must add it to the URL query");
            Ok(ExitCode::from(EXIT_REFUSED))
        }
        ReceiptVerdict::DuplicateParameter { name } => {
            println!("invalid: the system parameter `{name}` is given more than once; a request must carry each system parameter once, as it was signed");
            Ok(ExitCode::from(EXIT_REFUSED))
        }
        ReceiptVerdict::SignMismatch {
            provided,
            expected,
            string_to_sign_masked,
        } => {
            println!("invalid: the sign does not match (check the secret, the body bytes and every query parameter)");
            println!("sign received: {provided}");
            println!("sign expected: {expected}");
            println!("string that should have been signed (secret masked):");
            println!("  {string_to_sign_masked}");
            Ok(ExitCode::from(EXIT_REFUSED))
        }
        _ => {
            println!("valid");
            Ok(ExitCode::SUCCESS)
        }
    }
}
