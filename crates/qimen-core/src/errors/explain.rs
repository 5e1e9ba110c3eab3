//! Turning one failed result into one explanation in one language: pick the best entry (the message
//! can name the situation more precisely than the codes), then put the parameter name and the ban
//! length the platform announced into the text.

use super::catalogue::{MESSAGE_HINTS, PARAM_HINTS, QIMEN_BUSINESS_FAILURE};
use super::{lookup, ErrorEntry, Lang};
use crate::protocol::response::ApiResult;
use serde::Serialize;

/// What went wrong and what to do, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Explanation {
    pub lang: Lang,
    /// The catalogue key used (may differ from the result's own codes when the message was more
    /// precise).
    pub code: Option<&'static str>,
    pub sub_code: Option<&'static str>,
    /// The parameter the platform complained about, when it named one and the text uses it.
    pub param: Option<String>,
    pub title: String,
    pub cause: String,
    pub remedy: String,
    pub retryable: bool,
}

/// The explanation of a failed result; `None` for a success or a failure nobody has catalogued.
pub fn explain(result: &ApiResult, lang: Lang) -> Option<Explanation> {
    if result.success {
        return None;
    }
    let facts = Facts {
        code: result.code.as_deref(),
        sub_code: result.sub_code.as_deref(),
        messages: [result.message.as_deref(), result.sub_message.as_deref()],
        qimen_failure: result
            .flag
            .as_deref()
            .is_some_and(|f| f.trim().eq_ignore_ascii_case("failure")),
    };
    explain_facts(&facts, lang)
}

/// The explanation of a bare code and sub-code, as typed by a person (`qimen explain 40
/// isv.missing-parameter:fields`).
pub fn explain_codes(
    code: Option<&str>,
    sub_code: Option<&str>,
    lang: Lang,
) -> Option<Explanation> {
    let facts = Facts {
        code,
        sub_code,
        messages: [None, None],
        qimen_failure: false,
    };
    explain_facts(&facts, lang)
}

struct Facts<'a> {
    code: Option<&'a str>,
    sub_code: Option<&'a str>,
    /// The message and the sub-message.
    messages: [Option<&'a str>; 2],
    qimen_failure: bool,
}

fn explain_facts(facts: &Facts<'_>, lang: Lang) -> Option<Explanation> {
    let param = named_param(facts);
    let entry = choose_entry(facts, param.as_deref())?;
    Some(render(entry, param, ban_seconds(facts), lang))
}

fn choose_entry(facts: &Facts<'_>, param: Option<&str>) -> Option<&'static ErrorEntry> {
    let hinted = MESSAGE_HINTS.iter().find(|hint| {
        let code_fits = match (hint.when_code, facts.code) {
            (None, _) => true,
            (Some(wanted), Some(code)) => code.trim().eq_ignore_ascii_case(wanted),
            (Some(_), None) => false,
        };
        code_fits
            && facts
                .messages
                .iter()
                .flatten()
                .any(|m| m.to_ascii_lowercase().contains(hint.phrase))
    });
    if let Some(found) = hinted.and_then(|hint| lookup(facts.code, Some(hint.sub_code))) {
        return Some(found);
    }
    if let (Some(sub), Some(param)) = (facts.sub_code, param) {
        let base = sub.split(':').next().unwrap_or(sub).trim();
        let special = PARAM_HINTS.iter().find(|hint| {
            hint.base_sub_code.eq_ignore_ascii_case(base) && hint.param.eq_ignore_ascii_case(param)
        });
        if let Some(found) = special.and_then(|hint| lookup(None, Some(hint.sub_code))) {
            return Some(found);
        }
    }
    lookup(facts.code, facts.sub_code)
        // A Qimen receiver may put a TOP-style sub-code in its `code` field.
        .or_else(|| {
            facts
                .code
                .filter(|c| c.contains('.'))
                .and_then(|c| lookup(None, Some(c)))
        })
        .or_else(|| {
            facts
                .qimen_failure
                .then(|| lookup(None, Some(QIMEN_BUSINESS_FAILURE)))
                .flatten()
        })
}

/// The parameter named after `:` in the sub-code (`isv.missing-parameter:fields`), else at the end
/// of the sub-message or message (`Missing required arguments:fields`).
fn named_param(facts: &Facts<'_>) -> Option<String> {
    if let Some((_, after)) = facts.sub_code.and_then(|s| s.split_once(':')) {
        let name = after.trim();
        if looks_like_param(name) {
            return Some(name.to_string());
        }
    }
    let [message, sub_message] = facts.messages;
    [sub_message, message]
        .into_iter()
        .flatten()
        .find_map(|text| {
            let tail = text.rsplit([':', '：']).next()?.trim();
            (tail.len() < text.len() && looks_like_param(tail)).then(|| tail.to_string())
        })
}

fn looks_like_param(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ','))
}

/// The ban length in "This ban will last for 71 more seconds".
fn ban_seconds(facts: &Facts<'_>) -> Option<u64> {
    const MARKER: &str = "last for ";
    facts.messages.iter().flatten().find_map(|text| {
        let lower = text.to_ascii_lowercase();
        let start = lower.find(MARKER)? + MARKER.len();
        let digits: String = lower[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

fn render(
    entry: &'static ErrorEntry,
    param: Option<String>,
    wait: Option<u64>,
    lang: Lang,
) -> Explanation {
    let uses_param = [&entry.title, &entry.cause, &entry.remedy]
        .iter()
        .any(|text| text.zh.contains("{param}") || text.en.contains("{param}"));
    let param = param.filter(|_| uses_param);
    let param_text = match (lang, param.as_deref()) {
        (Lang::ZhCn, Some(name)) => format!("参数“{name}”"),
        (Lang::ZhCn, None) => "某个参数".to_string(),
        (Lang::En, Some(name)) => format!("the parameter `{name}`"),
        (Lang::En, None) => "the parameter named in the message".to_string(),
    };
    let wait_text = match (lang, wait) {
        (Lang::ZhCn, Some(s)) => format!("约 {s} 秒"),
        (Lang::ZhCn, None) => "一段时间".to_string(),
        (Lang::En, Some(s)) => format!("about {s} seconds"),
        (Lang::En, None) => "a while".to_string(),
    };
    let fill = |text: &str| {
        let filled = text
            .replace("{param}", &param_text)
            .replace("{wait}", &wait_text);
        capitalise_first(filled)
    };
    Explanation {
        lang,
        code: entry.code,
        sub_code: entry.sub_code,
        param,
        title: fill(entry.title.get(lang)),
        cause: fill(entry.cause.get(lang)),
        remedy: fill(entry.remedy.get(lang)),
        retryable: entry.retryable,
    }
}

/// A placeholder may open an English sentence ("{param} has the wrong type").
fn capitalise_first(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_ascii_lowercase() => {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        }
        _ => text,
    }
}
