//! `qimen wdt-sign`: 旺店通's own `wdt_sign` for a set of parameters, in the flavour the method
//! calls for (custom APIs, or the official CRM API with its fixed field list). Last line of stdout
//! = the wdt_sign.

use crate::failure::Failure;
use crate::input::{load_secret, parse_pairs, WDT_SECRET_ENV};
use clap::Args;
use qimen_core::sign::wdt::{
    explain_wdt, extend_props_with_wdt_sign, wdt_flavour_for, wdt_signing_secret, WdtDropReason,
    WdtFlavour, WdtSignExplanation,
};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct WdtSignArgs {
    /// The request's parameters as KEY=VALUE, `method=…` included (it chooses the flavour and is
    /// part of the signed string). JSON values are signed from their decoded form.
    #[arg(value_name = "KEY=VALUE", required = true)]
    pub params: Vec<String>,
    /// Read the 旺店通 secret from this file instead of WDT_APP_SECRET.
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Print each step: flavour, kept and dropped parameters, the signed string (secret masked).
    #[arg(long)]
    pub explain: bool,
}

pub fn run(args: &WdtSignArgs) -> Result<ExitCode, Failure> {
    let params = parse_pairs(&args.params)?;
    let Some(method) = params.get("method").filter(|m| !m.trim().is_empty()) else {
        return Err(Failure::Usage(
            "method: wdt-sign needs method=… (e.g. method=hu3cgwt0tc.wdt.trade.query); it picks the \
             rule and is signed too"
                .into(),
        ));
    };
    let flavour = wdt_flavour_for(method);
    let secret = wdt_signing_secret(&load_secret(WDT_SECRET_ENV, args.secret_file.as_deref())?);
    let explanation = explain_wdt(&params, secret.expose(), flavour);
    if args.explain {
        print!("{}", render(&explanation));
        if flavour == WdtFlavour::OfficialCrm {
            if let Some(props) = params.get("extendProps") {
                let with_sign = extend_props_with_wdt_sign(props, &explanation.digest)
                    .map_err(|e| Failure::Usage(format!("extendProps: {e}")))?;
                println!("extendProps to send (wdt_sign inside): {with_sign}");
            }
        }
        println!("wdt_sign:");
    }
    println!("{}", explanation.digest);
    Ok(ExitCode::SUCCESS)
}
fn render(e: &WdtSignExplanation) -> String {
    let mut out = String::new();
    let flavour = match e.flavour {
        WdtFlavour::Custom => "custom API (business parameters + method, router code stripped)",
        WdtFlavour::OfficialCrm => {
            "official CRM API (only its fixed field list, leading `qimen.` stripped)"
        }
    };
    out.push_str(&format!("flavour: {flavour}\n"));
    out.push_str(&format!(
        "method as signed: {}\n",
        e.method_as_signed.as_deref().unwrap_or("(none)")
    ));
    out.push_str("kept parameters, in signing order:\n");
    for (index, part) in e.kept.iter().enumerate() {
        let note = if part.decoded_json {
            "  (JSON, serialised from its decoded form)"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {:>2}. {} -> {}{note}\n",
            index + 1,
            part.key,
            part.serialised
        ));
    }
    if e.dropped.is_empty() {
        out.push_str("dropped parameters: none\n");
    } else {
        out.push_str("dropped parameters:\n");
        for d in &e.dropped {
            let why = match d.reason {
                WdtDropReason::SystemParam => "TOP system parameter, not part of wdt_sign",
                WdtDropReason::ExcludedByWdt => "never signed by 旺店通",
                WdtDropReason::BlankValue => "blank value: not sent",
                WdtDropReason::NotInCrmFieldList => "not in the CRM API's signed field list",
            };
            out.push_str(&format!("  - {}: {why}\n", d.key));
        }
    }
    out.push_str("digest rule: lower-case hex MD5(secret + S + secret)\n");
    out.push_str("string signed (secret masked):\n");
    out.push_str(&format!("  {}\n", e.string_to_sign_masked));
    out
}
