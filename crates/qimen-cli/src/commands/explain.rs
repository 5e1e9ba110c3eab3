//! `qimen explain`: what a platform code means and what to do, from the error catalogue, in
//! Chinese or English. Also the renderer `call` uses for a failed answer.

use crate::failure::Failure;
use clap::Args;
use qimen_core::errors::{explain_codes, Explanation};
use qimen_core::text::Lang;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The `code` of the answer (`25`, `sign-check-failure`, `invalid_grant`), or a sub-code alone
    /// (`isv.missing-parameter:fields`).
    pub code: String,
    /// The `sub_code` of the answer, e.g. `isv.missing-parameter:fields`.
    pub sub_code: Option<String>,
    /// Language of the explanation: zh or en.
    #[arg(long, default_value = "zh", value_parser = parse_lang)]
    pub lang: Lang,
}

/// Parses `--lang`; clap turns an error into a usage error (exit 2) naming the option.
pub fn parse_lang(text: &str) -> Result<Lang, String> {
    text.parse::<Lang>().map_err(|e| e.to_string())
}

pub fn run(args: &ExplainArgs) -> Result<ExitCode, Failure> {
    let code = args.code.trim();
    let sub_code = args.sub_code.as_deref().map(str::trim);
    // A lone argument may be a sub-code (`isv.*`, `isp.*`, `accesscontrol.*` have dots, codes do
    // not): try it as what it looks like first, then as the other.
    let found = match sub_code {
        Some(sub) => explain_codes(Some(code), Some(sub), args.lang),
        None if code.contains('.') => explain_codes(None, Some(code), args.lang)
            .or_else(|| explain_codes(Some(code), None, args.lang)),
        None => explain_codes(Some(code), None, args.lang)
            .or_else(|| explain_codes(None, Some(code), args.lang)),
    };
    match found {
        Some(explanation) => {
            print!("{}", render(&explanation));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let shown = match sub_code {
                Some(sub) => format!("code `{code}` / sub-code `{sub}`"),
                None => format!("`{code}`"),
            };
            eprintln!(
                "{shown} is not in the error catalogue; check the spelling, or read the message \
                 and sub_message of the answer"
            );
            Ok(ExitCode::from(crate::failure::EXIT_REFUSED))
        }
    }
}

/// Title, cause and remedy as labelled lines in the explanation's language.
pub fn render(e: &Explanation) -> String {
    let key = match (e.code, e.sub_code) {
        (Some(c), Some(s)) => format!("{c} / {s}"),
        (Some(c), None) => c.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => String::new(),
    };
    render_lines(e.lang, &key, [&e.title, &e.cause, &e.remedy], e.retryable)
}

/// `[title, cause, remedy]` as labelled lines in `lang`, `key` (the code and sub-code) after the
/// title: how every explanation is printed, from the catalogue or from a bundle.
pub fn render_lines(
    lang: Lang,
    key: &str,
    [title, cause, remedy]: [&str; 3],
    retryable: bool,
) -> String {
    let (title_label, cause_label, remedy_label, retry) = match lang {
        Lang::ZhCn => ("错误", "原因", "处理", "稍后重试可能成功"),
        Lang::En => ("Error", "Cause", "Remedy", "retrying later may succeed"),
    };
    let mut out = format!("{title_label}: {title} ({key})\n");
    out.push_str(&format!("{cause_label}: {cause}\n"));
    out.push_str(&format!("{remedy_label}: {remedy}\n"));
    if retryable {
        out.push_str(&format!("({retry})\n"));
    }
    out
}
