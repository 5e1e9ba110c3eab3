//! `qimen repro`: the reproduction bundles (`.qimen.json`) the desktop app exports, on the command
//! line. `show` prints what a bundle holds; `replay` sends its calls again, as recorded or re-signed
//! with the reader's own account, and compares each answer with the recorded one.
//!
//! A bundle never holds a secret and its tokens are masked; reading one masks them again, so
//! nothing printed here can hold a token the file did not already hide.

mod replay;
mod report;
mod show;

use crate::failure::Failure;
use crate::input::read_text;
use clap::Subcommand;
use qimen_core::bundle::Bundle;
use qimen_core::text::Lang;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ReproCommand {
    /// Print a bundle: each call's API, environment, parameters and body, the recorded answer, its
    /// explanation and the sign's diagnosis; exit 2 when the file is not a bundle.
    Show(show::ShowArgs),
    /// Replay a bundle's calls (as recorded with --as-sent, else re-signed with your AppKey,
    /// AppSecret and session) and compare each answer with the recorded one; exit 0 all
    /// succeeded, 1 a platform error, 2 bad input, 3 a network failure.
    Replay(Box<replay::ReplayArgs>),
}

pub async fn run(command: &ReproCommand) -> Result<ExitCode, Failure> {
    match command {
        ReproCommand::Show(args) => show::run(args),
        ReproCommand::Replay(args) => replay::run(args).await,
    }
}

/// Reads FILE as a bundle; a file that is not one is bad input, its reason in `lang`.
fn read_bundle(path: &Path, lang: Lang) -> Result<Bundle, Failure> {
    let text = read_text("FILE", path)?;
    Bundle::read(&text)
        .map_err(|e| Failure::Usage(format!("FILE {}: {}", path.display(), e.message(lang))))
}

/// An answer or body for reading: JSON pretty-printed, anything else as it is.
fn pretty(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .filter(|v| v.is_object() || v.is_array())
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| body.to_string())
}

/// `text` cut after `max` characters, saying how much was left out.
fn cut(text: &str, max: usize, lang: Lang) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let rest = count - max;
    format!(
        "{head}\n{}",
        lang.pick(
            format!("…（另有 {rest} 个字符未显示；--json 输出全部）"),
            format!("… ({rest} more characters; --json prints all of it)"),
        )
    )
}

/// Every line of `text` behind `prefix`; ends with a line break.
fn indent(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(prefix);
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_the_count_left_out() {
        assert_eq!(cut("abc", 3, Lang::En), "abc");
        let shown = cut("abcdef", 2, Lang::En);
        assert!(shown.starts_with("ab\n") && shown.contains("4 more characters"));
        assert_eq!(pretty("{\"a\":1}"), "{\n  \"a\": 1\n}");
        assert_eq!(pretty("<a/>"), "<a/>");
        assert_eq!(indent("a\nb", "  "), "  a\n  b\n");
    }
}
