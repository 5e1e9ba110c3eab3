//! `qimen repro show FILE`: what a bundle holds, for a reader without the desktop app: the bundle's
//! version, then each call's API, environment, parameters (and where each travelled), body, the
//! recorded answer, its explanation and the sign's diagnosis. Values are printed as the bundle
//! holds them, tokens masked.

use super::{cut, indent, pretty, read_bundle};
use crate::commands::diagnose_report::render_human;
use crate::commands::explain::{parse_lang, render_lines};
use crate::failure::Failure;
use clap::Args;
use qimen_core::bundle::{Bundle, BundleCall, BundleExplanation};
use qimen_core::captured::{CapturedRequest, ParamPlace};
use qimen_core::clock::format_gmt8;
use qimen_core::text::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// The longest body or answer shown, in characters.
const BODY_CHARS: usize = 4_000;
/// The longest parameter value shown, in characters.
const VALUE_CHARS: usize = 100;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The bundle file (`.qimen.json`) the desktop app exported; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Language of the labels, explanations and diagnoses: zh or en.
    #[arg(long, default_value = "zh", value_parser = parse_lang)]
    pub lang: Lang,
    /// Print the bundle as JSON (checked, every token masked) instead.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ShowArgs) -> Result<ExitCode, Failure> {
    let bundle = read_bundle(&args.file, args.lang)?;
    if args.json {
        print!("{}", bundle.to_json());
    } else {
        print!("{}", render(&bundle, args.lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// The whole bundle for people.
fn render(bundle: &Bundle, lang: Lang) -> String {
    let count = bundle.calls.len();
    let created = format_gmt8(bundle.created_at);
    let mut out = lang.pick(
        format!(
            "复现包：格式版本 {}，由奇门对接工作台 {} 于 {created}（GMT+8）导出，共 {count} 个调用\n",
            bundle.version, bundle.app_version
        ),
        format!(
            "bundle: format version {}, written by Qimen Workbench {} at {created} (GMT+8), {count} call(s)\n",
            bundle.version, bundle.app_version
        ),
    );
    for (i, call) in bundle.calls.iter().enumerate() {
        out.push('\n');
        out.push_str(&render_call(i + 1, count, call, lang));
    }
    out
}

/// One call: where it went, the request, the answer, the explanation, the diagnosis.
fn render_call(number: usize, count: usize, call: &BundleCall, lang: Lang) -> String {
    let api = call
        .api
        .as_deref()
        .or(call.request.param("method"))
        .unwrap_or("-");
    let mut out = lang.pick(
        format!("== 调用 {number}/{count}：{api} ==\n"),
        format!("== call {number} of {count}: {api} ==\n"),
    );
    let label = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    match &call.environment {
        Some(env) => out.push_str(&format!(
            "{}: {} -> {}\n",
            label("环境", "environment"),
            env.id,
            env.endpoint
        )),
        None => out.push_str(&format!(
            "{}: {}\n",
            label("环境", "environment"),
            label("（未记录）", "(not recorded)")
        )),
    }
    if let Some(at) = call.recorded_at {
        out.push_str(&format!(
            "{}: {} (GMT+8)\n",
            label("记录于", "recorded at"),
            format_gmt8(at)
        ));
    }
    out.push_str(&render_request(&call.request, lang));
    match &call.response {
        Some(response) => {
            out.push_str(&format!(
                "{}: HTTP {}, {} ms, {} bytes\n",
                label("记录的应答", "recorded answer"),
                response.status,
                response.elapsed_ms,
                response.size_bytes
            ));
            out.push_str(&indent(
                &cut(&pretty(&response.body), BODY_CHARS, lang),
                "  ",
            ));
        }
        None => out.push_str(&format!(
            "{}: {}\n",
            label("记录的应答", "recorded answer"),
            label("（无）", "(none)")
        )),
    }
    if let Some(explanation) = &call.explanation {
        out.push_str(&format!("{}:\n", label("解释", "explanation")));
        out.push_str(&indent(&render_explanation(explanation, lang), "  "));
    }
    if let Some(diagnosis) = &call.diagnosis {
        out.push_str(&format!("{}:\n", label("签名诊断", "diagnosis")));
        out.push_str(&indent(&render_human(diagnosis, lang), "  "));
    }
    out
}

/// The HTTP method and address, every parameter with where it travelled, and the body.
fn render_request(request: &CapturedRequest, lang: Lang) -> String {
    let address = request
        .url
        .as_deref()
        .unwrap_or_else(|| lang.pick("（地址未记录）", "(address not recorded)"));
    let mut out = format!(
        "{}: {} {address}\n",
        lang.pick("请求", "request"),
        request.http_method
    );
    out.push_str(&format!("{}:\n", lang.pick("参数", "parameters")));
    let width = request
        .params
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0);
    for p in &request.params {
        let place = match p.place {
            ParamPlace::Query => "query",
            ParamPlace::Form => "form",
        };
        let pad = " ".repeat(width - p.name.chars().count());
        out.push_str(&format!(
            "  {}{pad} = {}  [{place}]\n",
            p.name,
            value(&p.value)
        ));
    }
    if let Some(body) = request.body.as_deref().filter(|b| !b.is_empty()) {
        let kind = request.content_type.as_deref().unwrap_or("-");
        out.push_str(&lang.pick(
            format!("请求体（{kind}，{} 个字符）：\n", body.chars().count()),
            format!("body ({kind}, {} characters):\n", body.chars().count()),
        ));
        out.push_str(&indent(&cut(body, BODY_CHARS, lang), "  "));
    }
    out
}

/// A parameter's value on one line: line breaks shown, cut when long, quoted when empty.
fn value(text: &str) -> String {
    if text.is_empty() {
        return "\"\"".into();
    }
    let flat = text.replace('\r', "\\r").replace('\n', "\\n");
    let count = flat.chars().count();
    if count <= VALUE_CHARS {
        return flat;
    }
    let head: String = flat.chars().take(VALUE_CHARS).collect();
    format!("{head}… ({count} chars)")
}

/// A bundle's bilingual explanation in the chosen language, printed as `qimen explain` prints.
fn render_explanation(e: &BundleExplanation, lang: Lang) -> String {
    let key = [e.code.as_deref(), e.sub_code.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" / ");
    render_lines(
        lang,
        &key,
        [e.title.get(lang), e.cause.get(lang), e.remedy.get(lang)],
        false,
    )
}
