//! How a [`Diagnosis`] is printed: for people (verdict, causes with their fixes, the two strings to
//! sign side by side, the two signs) and for scripts (JSON). Shared by `qimen diagnose` and
//! `qimen sign --expect`. Every value printed comes from the diagnosis, which never holds a secret
//! in clear.

use qimen_core::diagnose::{Cause, CauseId, Diagnosis, SignedRow};
use qimen_core::text::Lang;
use serde::Serialize;

/// The longest table cell shown, in characters; longer values are cut with `…`.
const CELL_CHARS: usize = 48;

/// The JSON report: the four keys scripts rely on, then the whole diagnosis.
#[derive(Serialize)]
struct JsonReport<'a> {
    valid: bool,
    causes: Vec<CauseId>,
    expected_sign: &'a str,
    string_to_sign_masked: &'a str,
    details: &'a Diagnosis,
}

/// The diagnosis as pretty-printed JSON.
pub fn render_json(d: &Diagnosis) -> String {
    let report = JsonReport {
        valid: d.valid,
        causes: d.causes.iter().map(|c| c.id).collect(),
        expected_sign: &d.expected_sign,
        string_to_sign_masked: &d.string_to_sign_masked,
        details: d,
    };
    serde_json::to_string_pretty(&report).expect("a diagnosis serialises")
}

/// The diagnosis for people: the verdict line (`valid` or `invalid`), the causes, the parameter
/// table, the platform's string to sign (secret masked) and both signs.
pub fn render_human(d: &Diagnosis, lang: Lang) -> String {
    let mut out = verdict(d, lang);
    out.push('\n');
    out.push_str(&render_causes(&d.causes.iter().collect::<Vec<_>>(), lang));
    out.push_str(lang.pick(
        "签名串逐项对比（* 表示不同，- 表示不在串中）：\n",
        "string to sign, parameter by parameter (* = differs, - = not in the string):\n",
    ));
    out.push_str(&render_rows(&d.rows, lang.pick("发送方", "sender")));
    out.push_str(lang.pick(
        "平台的签名串（密钥已遮盖）：\n",
        "platform's string to sign (secret masked):\n",
    ));
    out.push_str(&format!("  {}\n", d.string_to_sign_masked));
    out.push_str(&signs(
        &d.expected_sign,
        d.customer_sign.as_deref(),
        "sign",
        lang,
    ));
    if let Some(wdt) = &d.wdt {
        let state = if wdt.valid { "valid" } else { "invalid" };
        out.push_str(&format!("wdt_sign: {state}\n"));
        out.push_str(&render_rows(&wdt.rows, lang.pick("发送方", "sender")));
        out.push_str(lang.pick(
            "旺店通的签名串（密钥已遮盖）：\n",
            "旺店通's string to sign (secret masked):\n",
        ));
        out.push_str(&format!("  {}\n", wdt.string_to_sign_masked));
        out.push_str(&signs(
            &wdt.expected_wdt_sign,
            Some(&wdt.customer_wdt_sign),
            "wdt_sign",
            lang,
        ));
    }
    out
}

/// `valid`, or `invalid` and why in a few words. Valid means the platform would accept it: the
/// sign checks and no other cause is listed.
fn verdict(d: &Diagnosis, lang: Lang) -> String {
    let others = d.causes.len();
    match (d.valid, others) {
        (true, 0) => lang
            .pick(
                "valid：签名正确，未发现其他问题",
                "valid: the sign checks and nothing else is wrong",
            )
            .to_string(),
        (true, n) => lang.pick(
            format!("invalid：签名正确，但请求还有 {n} 个问题"),
            format!("invalid: the sign checks, but the request has {n} other problem(s)"),
        ),
        (false, _) if d.customer_sign.is_none() => lang
            .pick(
                "invalid：请求中没有 sign 参数",
                "invalid: the request carries no sign",
            )
            .to_string(),
        (false, _) => lang
            .pick("invalid：签名不正确", "invalid: the sign does not check")
            .to_string(),
    }
}

/// Each cause as `id: explanation`, then its detail and its fix, indented.
pub fn render_causes(causes: &[&Cause], lang: Lang) -> String {
    let mut out = String::new();
    for cause in causes {
        out.push_str(&format!("{}: {}\n", cause.id, cause.explanation.get(lang)));
        if let Some(detail) = &cause.detail {
            out.push_str(&format!("  {}: {detail}\n", lang.pick("详情", "detail")));
        }
        out.push_str(&format!("  fix: {}\n", cause.fix.get(lang)));
    }
    out
}

/// The platform's and the sender's value of each parameter, in columns.
fn render_rows(rows: &[SignedRow], sender: &str) -> String {
    let table: Vec<[String; 3]> = rows
        .iter()
        .map(|r| {
            [
                r.key.clone(),
                cell(r.platform.as_deref()),
                cell(r.customer.as_deref()),
            ]
        })
        .collect();
    let header = [
        "key".to_string(),
        "platform".to_string(),
        sender.to_string(),
    ];
    let width = |i: usize| {
        table
            .iter()
            .chain([&header])
            .map(|row| row[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1) = (width(0), width(1));
    let line = |mark: char, row: &[String; 3]| {
        let pad = |text: &str, w: usize| format!("{text}{}", " ".repeat(w - text.chars().count()));
        format!(
            "  {mark} {} | {} | {}\n",
            pad(&row[0], w0),
            pad(&row[1], w1),
            row[2]
        )
    };
    let mut out = line(' ', &header);
    for (row, cells) in rows.iter().zip(&table) {
        let mark = if row.platform == row.customer {
            ' '
        } else {
            '*'
        };
        out.push_str(&line(mark, cells));
    }
    out
}

/// A value for the table: `-` when absent, quoted when empty, cut when long, line breaks shown.
fn cell(value: Option<&str>) -> String {
    let Some(value) = value else {
        return "-".to_string();
    };
    if value.is_empty() {
        return "\"\"".to_string();
    }
    let flat = value.replace('\r', "\\r").replace('\n', "\\n");
    let count = flat.chars().count();
    if count <= CELL_CHARS {
        flat
    } else {
        let head: String = flat.chars().take(CELL_CHARS - 1).collect();
        format!("{head}… ({count} chars)")
    }
}

/// The expected sign above the sender's, aligned for comparing by eye.
fn signs(expected: &str, sent: Option<&str>, name: &str, lang: Lang) -> String {
    let sent = sent.unwrap_or_else(|| lang.pick("（未发送）", "(none sent)"));
    let (expected_label, sent_label) = lang.pick(("应为的", "发送的"), ("expected", "sent    "));
    format!("{expected_label} {name}: {expected}\n{sent_label} {name}: {sent}\n")
}
