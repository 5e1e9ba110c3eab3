//! The HTML of the local consent page and its error page: Chinese first with English subtitles, plain
//! forms (no JavaScript), every value HTML-escaped.

use super::tokens::DEMO_SHOP_NICK;
use quick_xml::escape::escape;

const STYLE: &str = "body{margin:0;background:#f5f5f5;font-family:-apple-system,'PingFang SC',\
'Microsoft YaHei',sans-serif;color:#333}\
.card{max-width:420px;margin:64px auto;background:#fff;border-radius:8px;\
box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px}\
h1{font-size:20px;margin:0 0 4px}.en{color:#888;font-size:13px;margin:0 0 20px}\
.row{margin:12px 0}.label{color:#888;font-size:13px}\
ul{padding-left:20px;margin:8px 0 20px}li{margin:4px 0}\
.buttons{display:flex;gap:12px}button{flex:1;padding:10px;font-size:15px;border-radius:4px;\
cursor:pointer;border:1px solid #ff5000}.approve{background:#ff5000;color:#fff}\
.deny{background:#fff;color:#ff5000}.note{color:#aaa;font-size:12px;margin-top:20px}\
.error{color:#c0392b}";

fn page(title: &str, content: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><div class=\"card\">{content}</div></body></html>",
        escape(title)
    )
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
        escape(value)
    )
}

/// The form field that carries the consent page's own token.
pub const CONSENT_TOKEN_FIELD: &str = "consent_token";

/// The hidden fields of a page's form, unescaped, as a browser submits them (for tests and tools
/// that play the browser).
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        let end = tag[start..].find('"')? + start;
        quick_xml::escape::unescape(&tag[start..end])
            .ok()
            .map(|v| v.into_owned())
    };
    html.split("<input ")
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .filter(|tag| tag.contains("type=\"hidden\""))
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value")?)))
        .collect()
}

/// The consent page for `app_name` asking the demo shop to authorise it.
pub fn consent_page(
    app_name: &str,
    client_id: &str,
    redirect_uri: &str,
    state: Option<&str>,
    view: &str,
    consent_token: &str,
) -> String {
    let mut fields = String::new();
    fields.push_str(&hidden(CONSENT_TOKEN_FIELD, consent_token));
    fields.push_str(&hidden("response_type", "code"));
    fields.push_str(&hidden("client_id", client_id));
    fields.push_str(&hidden("redirect_uri", redirect_uri));
    fields.push_str(&hidden("view", view));
    if let Some(state) = state {
        fields.push_str(&hidden("state", state));
    }
    let content = format!(
        "<h1>授权登录</h1><p class=\"en\">Authorize an application</p>\
         <div class=\"row\"><span class=\"label\">应用 Application</span><br><strong>{app}</strong> \
         <span class=\"label\">(AppKey {key})</span></div>\
         <div class=\"row\"><span class=\"label\">当前账号 Signed in as</span><br><strong>{shop}</strong> \
         <span class=\"label\">(演示店铺 demo shop)</span></div>\
         <p>该应用将获得以下权限 <span class=\"label\">/ The application will be able to:</span></p>\
         <ul><li>获取店铺及商品信息 <span class=\"label\">read shop and item data</span></li>\
         <li>获取和处理订单 <span class=\"label\">read and process orders</span></li></ul>\
         <form method=\"post\" action=\"/authorize\">{fields}<div class=\"buttons\">\
         <button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">同意授权 Authorize</button>\
         <button class=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">取消 Cancel</button>\
         </div></form>\
         <p class=\"note\">本页由 Qimen Workbench 本地网关提供，仅用于离线演示与测试。<br>\
         Served by the Qimen Workbench local gateway for offline practice and tests.</p>",
        app = escape(app_name),
        key = escape(client_id),
        shop = escape(DEMO_SHOP_NICK),
    );
    page("授权登录 · Authorize", &content)
}

/// An error page: the request was not trusted enough to redirect anywhere.
pub fn error_page(problem: &str) -> String {
    let content = format!(
        "<h1>授权请求有误</h1><p class=\"en\">The authorization request is invalid</p>\
         <p class=\"error\">{}</p>\
         <p class=\"note\">请检查 client_id、redirect_uri 和 response_type 后重试。<br>\
         Check client_id, redirect_uri and response_type, then try again.</p>",
        escape(problem)
    );
    page("授权失败 · Authorization error", &content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_fields_read_back_as_a_browser_sends_them() {
        let page = consent_page(
            "app",
            "23000001",
            "http://h/cb?a=1&b=\"2\"",
            Some("s&t"),
            "web",
            "tok",
        );
        let fields = hidden_fields(&page);
        let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get(CONSENT_TOKEN_FIELD), Some("tok"));
        assert_eq!(get("redirect_uri"), Some("http://h/cb?a=1&b=\"2\""));
        assert_eq!(get("state"), Some("s&t"));
    }

    #[test]
    fn values_are_escaped_in_the_form() {
        let html = consent_page(
            "A&B",
            "1",
            "http://h/cb?a=1&b=\"2\"",
            Some("<x>"),
            "web",
            "tok",
        );
        assert!(html.contains("A&amp;B"));
        assert!(html.contains("value=\"http://h/cb?a=1&amp;b=&quot;2&quot;\""));
        assert!(html.contains("value=\"&lt;x&gt;\""));
        assert!(!html.contains("<x>"));
        // No script: the page must work as plain HTML forms.
        assert!(!html.contains("<script"));
    }
}
