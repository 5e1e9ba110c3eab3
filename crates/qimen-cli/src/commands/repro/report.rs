//! What `qimen repro replay` prints for each call: where it went, what re-signing changed, the new
//! answer and its explanation, and how it compares with the recorded answer. The same facts are
//! the `--json` object. Every value comes masked: the changes from re-signing, the body from the
//! replay.

use super::{cut, indent, pretty};
use crate::commands::explain::render;
use qimen_core::bundle::{BundleCall, DiffKind, DiffLine, ResponseDiff};
use qimen_core::captured::{CapturedRequest, ParamChange};
use qimen_core::errors::Explanation;
use qimen_core::protocol::response::ApiResult;
use qimen_core::text::Lang;
use serde::Serialize;

/// The longest answer shown, in characters.
const BODY_CHARS: usize = 4_000;
/// Unchanged lines shown around each change.
const CONTEXT: usize = 2;
/// The most diff lines shown; `--json` has them all.
const DIFF_LINES: usize = 200;

/// One replayed call: the `--json` object, and what the human output is made of.
#[derive(Debug, Serialize)]
pub struct CallReplay {
    /// The call's number in the bundle, from 1.
    pub call: usize,
    pub api: Option<String>,
    /// `as_sent` or `resigned`.
    pub mode: &'static str,
    /// The environment's name, and the router the request went to.
    pub environment: String,
    pub endpoint: String,
    pub http_method: String,
    /// Each parameter re-signing changed, tokens masked; empty as sent.
    pub changes: Vec<ParamChange>,
    pub status: Option<u16>,
    pub elapsed_ms: Option<u128>,
    /// The answer, tokens masked.
    pub body: Option<String>,
    pub result: Option<ApiResult>,
    pub explanation: Option<Explanation>,
    /// Why no answer came back, when none did.
    pub network_error: Option<String>,
    /// The recorded answer compared with this one, when the bundle recorded one.
    pub diff: Option<ResponseDiff>,
}

impl CallReplay {
    /// A replay of `call` about to send `request`; the answer is filled in after.
    pub fn new(
        number: usize,
        call: &BundleCall,
        request: &CapturedRequest,
        environment: String,
        endpoint: &str,
        changes: Vec<ParamChange>,
    ) -> CallReplay {
        CallReplay {
            call: number,
            api: call
                .api
                .clone()
                .or_else(|| request.param("method").map(str::to_string)),
            // Re-signing always changes the sign, so no change means sent as recorded.
            mode: if changes.is_empty() {
                "as_sent"
            } else {
                "resigned"
            },
            environment,
            endpoint: endpoint.to_string(),
            http_method: request.http_method.clone(),
            changes,
            status: None,
            elapsed_ms: None,
            body: None,
            result: None,
            explanation: None,
            network_error: None,
            diff: None,
        }
    }
}

/// Prints one replay for people.
pub fn print_human(r: &CallReplay, count: usize, lang: Lang) {
    print!("{}", render_human(r, count, lang));
}

fn render_human(r: &CallReplay, count: usize, lang: Lang) -> String {
    let api = r.api.as_deref().unwrap_or("-");
    let mode = match r.mode {
        "as_sent" => lang.pick("按原样", "as sent"),
        _ => lang.pick("重新签名", "re-signed"),
    };
    let mut out = lang.pick(
        format!("== 调用 {}/{count}：{api}（{mode}）==\n", r.call),
        format!("== call {} of {count}: {api} ({mode}) ==\n", r.call),
    );
    out.push_str(&format!(
        "-> {} {} ({} {})\n",
        r.http_method,
        r.endpoint,
        lang.pick("环境", "environment"),
        r.environment
    ));
    if !r.changes.is_empty() {
        out.push_str(lang.pick("   重新签名改动：\n", "   changed by re-signing:\n"));
        let width = r.changes.iter().map(|c| c.name.len()).max().unwrap_or(0);
        for c in &r.changes {
            let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            out.push_str(&format!(
                "     {:width$}  {} -> {}\n",
                c.name,
                shown(&c.before),
                shown(&c.after)
            ));
        }
    }
    let (Some(status), Some(result)) = (r.status, &r.result) else {
        // The failure itself goes to standard error, with its hint.
        out.push_str(lang.pick(
            "<- 无应答（网络故障，见错误输出）\n\n",
            "<- no answer (a network failure, printed on standard error)\n\n",
        ));
        return out;
    };
    out.push_str(&format!(
        "<- HTTP {status} in {} ms\n",
        r.elapsed_ms.unwrap_or(0)
    ));
    let body = r.body.as_deref().unwrap_or_default();
    out.push_str(&indent(&cut(&pretty(body), BODY_CHARS, lang), "   "));
    out.push_str(&outcome(result, lang));
    if let Some(e) = &r.explanation {
        out.push_str(&render(e));
    }
    out.push_str(&compared(r.diff.as_ref(), lang));
    out.push('\n');
    out
}

/// `result: success`, or the failure's code, sub-code and message.
fn outcome(result: &ApiResult, lang: Lang) -> String {
    let label = lang.pick("结果", "result");
    if result.success {
        return format!("{label}: {}\n", lang.pick("成功", "success"));
    }
    let field = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    format!(
        "{label}: {} (code {}, sub_code {}): {}\n",
        lang.pick("失败", "failure"),
        field(&result.code),
        field(&result.sub_code),
        field(
            &result
                .sub_message
                .clone()
                .or_else(|| result.message.clone())
        )
    )
}

/// The comparison with the recorded answer: `same` (volatile fields named) or `differs` and the
/// changed lines with a little context.
fn compared(diff: Option<&ResponseDiff>, lang: Lang) -> String {
    let label = lang.pick("与记录的应答相比", "compared with the recorded answer");
    let Some(diff) = diff else {
        return format!(
            "{label}: {}\n",
            lang.pick("复现包没有记录应答", "the bundle recorded no answer")
        );
    };
    let volatile = if diff.volatile.is_empty() {
        String::new()
    } else {
        lang.pick(
            format!(
                "（每次调用都会变化的字段不同：{}）",
                diff.volatile.join(", ")
            ),
            format!(
                " (only fields that change on every call differ: {})",
                diff.volatile.join(", ")
            ),
        )
    };
    if diff.same {
        return format!("{label}: same{volatile}\n");
    }
    let mut out = format!("{label}: differs\n");
    out.push_str(&changed_lines(&diff.lines, lang));
    out
}

/// The removed (`-`) and added (`+`) lines, with [`CONTEXT`] unchanged lines around each run.
fn changed_lines(lines: &[DiffLine], lang: Lang) -> String {
    let near_change = |i: usize| {
        let from = i.saturating_sub(CONTEXT);
        let to = (i + CONTEXT + 1).min(lines.len());
        lines[from..to].iter().any(|l| l.kind != DiffKind::Same)
    };
    let mut out = String::new();
    let mut shown = 0;
    let mut skipped = false;
    for (i, line) in lines.iter().enumerate() {
        if !near_change(i) {
            skipped = true;
            continue;
        }
        if skipped && shown > 0 {
            out.push_str("   …\n");
        }
        skipped = false;
        if shown == DIFF_LINES {
            out.push_str(lang.pick(
                "   …（更多差异请用 --json 查看）\n",
                "   … (more differences: --json has them all)\n",
            ));
            break;
        }
        let mark = match line.kind {
            DiffKind::Same => ' ',
            DiffKind::Removed => '-',
            DiffKind::Added => '+',
        };
        out.push_str(&format!("  {mark} {}\n", line.text));
        shown += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use qimen_core::bundle::response_diff;

    #[test]
    fn only_changes_and_their_context_are_printed() {
        let old: Vec<String> = (0..20).map(|i| format!("line {i}")).collect();
        let mut new = old.clone();
        new[10] = "changed".into();
        let diff = response_diff(&old.join("\n"), &new.join("\n"));
        let text = compared(Some(&diff), Lang::En);
        assert!(text.starts_with("compared with the recorded answer: differs"));
        assert!(text.contains("  - line 10\n  + changed\n"), "{text}");
        assert!(
            text.contains("line 8") && !text.contains("line 7\n"),
            "{text}"
        );
        let same = response_diff(
            "{\"a\":1,\"request_id\":\"x\"}",
            "{\"a\":1,\"request_id\":\"y\"}",
        );
        assert!(compared(Some(&same), Lang::En)
            .contains("same (only fields that change on every call differ: request_id)"));
    }
}
