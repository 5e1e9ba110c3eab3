//! The small pages the callback listener answers the browser with: success (授权成功，可以关闭此页),
//! the user's refusal in plain words, or why this request was not the awaited redirect. Chinese
//! first with English below, no script, every value HTML-escaped.

use quick_xml::escape::escape;

const STYLE: &str = "body{margin:0;background:#f5f5f5;font-family:-apple-system,'PingFang SC',\
'Microsoft YaHei',sans-serif;color:#333}.card{max-width:440px;margin:72px auto;background:#fff;\
border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px}h1{font-size:20px;margin:0 0 4px}\
.en{color:#888;font-size:13px}.ok{color:#2e7d32}.bad{color:#c0392b}";

fn page(title: &str, class: &str, zh: &str, en: &str, detail: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{t}</title>\
         <style>{STYLE}</style></head><body><div class=\"card\"><h1 class=\"{class}\">{t}</h1>\
         <p>{zh}</p><p class=\"en\">{en}</p><p class=\"en\">{detail}</p></div></body></html>",
        t = escape(title),
        zh = escape(zh),
        en = escape(en),
        detail = escape(detail),
    )
}

/// The code was received.
pub fn success() -> String {
    page(
        "授权成功，可以关闭此页",
        "ok",
        "Qimen Workbench 已收到授权码，正在换取 session。请回到应用查看结果。",
        "Authorization received: you can close this page and return to Qimen Workbench.",
        "",
    )
}

/// The user refused, or the platform refused the request; `explanation` is already in words.
pub fn refused(explanation_zh: &str, explanation_en: &str) -> String {
    page(
        "未完成授权",
        "bad",
        explanation_zh,
        explanation_en,
        "可以关闭此页，回到应用重新发起授权。 You can close this page and start again in the app.",
    )
}

/// A request that is not the awaited redirect; the listener keeps waiting.
pub fn not_the_redirect(zh: &str, en: &str) -> String {
    page(
        "这不是本次授权的回调",
        "bad",
        zh,
        en,
        "Qimen Workbench 仍在等待授权回调。 Qimen Workbench is still waiting for the authorization.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_there_is_no_script() {
        let html = refused("<b>x</b>", "a & b");
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;") && html.contains("a &amp; b"));
        assert!(!html.contains("<script"));
        assert!(success().contains("授权成功，可以关闭此页"));
    }
}
