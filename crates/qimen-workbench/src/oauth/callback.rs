//! The callback URL (回调地址): the address registered on the app to which the platform sends the
//! browser back with `code` and `state` after the user authorizes. The `redirect_uri` of an
//! authorization must match it, so the app captures the code *there*: by listening itself when the
//! callback is on this computer's loopback, by intercepting the navigation in an app window when it
//! is the applicant's own server, or by having the user paste the redirected URL.

use qimen_core::text::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest callback URL accepted (the store's limit too).
pub const MAX_CALLBACK_LEN: usize = 2048;

/// The redirect target of the old native-app flow: the platform shows the code on its own page.
pub const OUT_OF_BAND: &str = "urn:ietf:wg:oauth:2.0:oob";

/// Where a callback URL points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum CallbackKind {
    /// `http://127.0.0.1:PORT/PATH` or `http://localhost:PORT/PATH`: this computer; the app can
    /// listen there itself (always on 127.0.0.1).
    Loopback {
        host: String,
        port: u16,
        path: String,
    },
    /// Any other server (`https://erp.example.com/cb`): the browser would leave the app.
    Remote { host: String },
    /// `urn:ietf:wg:oauth:2.0:oob`: the platform shows the code to copy.
    OutOfBand,
}

/// A way to capture the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CaptureMode {
    /// The app listens on the loopback callback and opens the system browser.
    LocalListener,
    /// The authorize page opens in an app window; the navigation to the callback is intercepted.
    InAppWindow,
    /// The user pastes the redirected URL (or the code) from any browser.
    Paste,
    /// The user pastes a session obtained elsewhere (the platform's authorization tool).
    Manual,
}

/// A callback URL that passed the checks, with what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CheckedCallback {
    /// Trimmed, otherwise exactly as typed: it is sent as `redirect_uri` and must match the
    /// registered one character for character.
    pub url: String,
    pub kind: CallbackKind,
    /// The way that fits best.
    pub suggested: CaptureMode,
    /// Every way that can work for this callback, best first.
    pub possible: Vec<CaptureMode>,
}

/// Why a callback URL cannot be used. The messages name the field and say what a callback URL is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackUrlError {
    #[error("callback_url: empty. The callback URL is the address registered on your app to which the platform sends the browser back with the authorization code; enter it exactly as registered, e.g. http://127.0.0.1:8765/callback or https://erp.example.com/oauth/callback")]
    Empty,
    #[error("callback_url: \"{0}\" is not a URL. The callback URL is the address registered on your app to which the platform sends the browser back with the authorization code; it starts with http:// or https://, e.g. https://erp.example.com/oauth/callback")]
    NotUrl(String),
    #[error("callback_url: \"{0}\" must start with http:// or https://. The callback URL is where the platform sends the browser back with the authorization code")]
    Scheme(String),
    #[error("callback_url: \"{0}\" has no host name; write the whole address as registered on your app, e.g. https://erp.example.com/oauth/callback")]
    NoHost(String),
    #[error("callback_url: \"{0}\" has a #… part, which browsers never send to a server; remove it (and in the app's registration too)")]
    Fragment(String),
    #[error("callback_url: longer than {MAX_CALLBACK_LEN} characters; use the address registered on your app")]
    TooLong,
}

impl CallbackUrlError {
    pub fn code(&self) -> &'static str {
        "validation.session.callback_url"
    }

    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        const WHAT: &str = "回调地址是应用在开放平台登记的地址：用户同意授权后，平台把浏览器跳转回这个地址并带上授权码 code。";
        match self {
            CallbackUrlError::Empty => format!("回调地址：未填写。{WHAT}请按登记的原样填写，例如 http://127.0.0.1:8765/callback 或 https://erp.example.com/oauth/callback"),
            CallbackUrlError::NotUrl(v) => format!("回调地址：“{v}”不是网址。{WHAT}它以 http:// 或 https:// 开头，例如 https://erp.example.com/oauth/callback"),
            CallbackUrlError::Scheme(v) => format!("回调地址：“{v}”须以 http:// 或 https:// 开头。{WHAT}"),
            CallbackUrlError::NoHost(v) => format!("回调地址：“{v}”缺少主机名，请填写应用登记的完整地址，例如 https://erp.example.com/oauth/callback"),
            CallbackUrlError::Fragment(v) => format!("回调地址：“{v}”带有 #… 部分，浏览器不会把它发给服务器；请去掉（应用登记处也一样）"),
            CallbackUrlError::TooLong => format!("回调地址：超过 {MAX_CALLBACK_LEN} 个字符，请填写应用登记的地址"),
        }
    }
}

/// Checks a callback URL and says where it points and how to capture the code there.
pub fn classify_callback(text: &str) -> Result<CheckedCallback, CallbackUrlError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CallbackUrlError::Empty);
    }
    if text.len() > MAX_CALLBACK_LEN {
        return Err(CallbackUrlError::TooLong);
    }
    if text.eq_ignore_ascii_case(OUT_OF_BAND) {
        return Ok(CheckedCallback {
            url: text.to_string(),
            kind: CallbackKind::OutOfBand,
            suggested: CaptureMode::Paste,
            possible: vec![CaptureMode::Paste, CaptureMode::Manual],
        });
    }
    let url = url::Url::parse(text).map_err(|e| match e {
        url::ParseError::EmptyHost => CallbackUrlError::NoHost(text.to_string()),
        _ => CallbackUrlError::NotUrl(text.to_string()),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(CallbackUrlError::Scheme(text.to_string()));
    }
    let host = match url.host_str() {
        Some(h) if !h.is_empty() => h.to_ascii_lowercase(),
        _ => return Err(CallbackUrlError::NoHost(text.to_string())),
    };
    if url.fragment().is_some() {
        return Err(CallbackUrlError::Fragment(text.to_string()));
    }
    // The listener speaks plain HTTP on 127.0.0.1, so only an http callback on 127.0.0.1 or
    // localhost can be served here; https or [::1] on loopback goes through the app window.
    let loopback = url.scheme() == "http" && matches!(host.as_str(), "127.0.0.1" | "localhost");
    let port = url.port_or_known_default();
    match (loopback, port) {
        (true, Some(port)) => Ok(CheckedCallback {
            url: text.to_string(),
            kind: CallbackKind::Loopback {
                host,
                port,
                path: url.path().to_string(),
            },
            suggested: CaptureMode::LocalListener,
            possible: vec![
                CaptureMode::LocalListener,
                CaptureMode::InAppWindow,
                CaptureMode::Paste,
                CaptureMode::Manual,
            ],
        }),
        _ => Ok(CheckedCallback {
            url: text.to_string(),
            kind: CallbackKind::Remote { host },
            suggested: CaptureMode::InAppWindow,
            possible: vec![
                CaptureMode::InAppWindow,
                CaptureMode::Paste,
                CaptureMode::Manual,
            ],
        }),
    }
}

/// Whether a navigation to `url` lands on the registered `callback`: same scheme, host, port (the
/// default port written out or not) and path; the query the platform appends does not matter.
pub fn is_callback(callback: &url::Url, url: &url::Url) -> bool {
    callback.scheme() == url.scheme()
        && callback.host_str() == url.host_str()
        && callback.port_or_known_default() == url.port_or_known_default()
        && callback.path() == url.path()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> url::Url {
        url::Url::parse(text).unwrap()
    }

    #[test]
    fn the_callback_is_matched_without_its_query() {
        let callback = url("https://erp.example.com/cb");
        // The platform appends code and state: still the callback, so it is intercepted.
        assert!(is_callback(
            &callback,
            &url("https://erp.example.com/cb?code=abc&state=s")
        ));
        // The default port written out is the same place.
        assert!(is_callback(
            &callback,
            &url("https://erp.example.com:443/cb")
        ));
    }

    #[test]
    fn other_pages_are_not_the_callback() {
        let callback = url("https://erp.example.com/cb");
        // The consent page itself, another path, another scheme or port must load normally.
        assert!(!is_callback(
            &callback,
            &url("https://oauth.taobao.com/authorize")
        ));
        assert!(!is_callback(&callback, &url("https://erp.example.com/cb2")));
        assert!(!is_callback(&callback, &url("http://erp.example.com/cb")));
        assert!(!is_callback(
            &callback,
            &url("https://erp.example.com:8443/cb")
        ));
    }

    #[test]
    fn loopback_callbacks_suggest_the_listener_with_port_and_path() {
        let c = classify_callback(" http://127.0.0.1:8765/oauth/cb?x=1 ").unwrap();
        assert_eq!(c.url, "http://127.0.0.1:8765/oauth/cb?x=1");
        assert_eq!(
            c.kind,
            CallbackKind::Loopback {
                host: "127.0.0.1".into(),
                port: 8765,
                path: "/oauth/cb".into()
            }
        );
        assert_eq!(c.suggested, CaptureMode::LocalListener);
        let local = classify_callback("http://LOCALHOST:9000").unwrap();
        // No path means the root path, which is what the browser requests.
        assert!(
            matches!(local.kind, CallbackKind::Loopback { port: 9000, ref path, .. } if path == "/")
        );
        // Without a port the browser goes to 80.
        assert!(matches!(
            classify_callback("http://127.0.0.1/cb").unwrap().kind,
            CallbackKind::Loopback { port: 80, .. }
        ));
    }

    #[test]
    fn other_servers_suggest_the_app_window_and_oob_suggests_paste() {
        let c = classify_callback("https://erp.example.com/cb").unwrap();
        assert_eq!(
            c.kind,
            CallbackKind::Remote {
                host: "erp.example.com".into()
            }
        );
        assert_eq!(c.suggested, CaptureMode::InAppWindow);
        // https on loopback cannot be served by the plain-HTTP listener.
        assert_eq!(
            classify_callback("https://127.0.0.1:8443/cb")
                .unwrap()
                .suggested,
            CaptureMode::InAppWindow
        );
        assert_eq!(
            classify_callback(OUT_OF_BAND).unwrap().suggested,
            CaptureMode::Paste
        );
    }

    #[test]
    fn bad_urls_name_the_field_and_explain_a_callback_url() {
        for (text, expected) in [
            ("", CallbackUrlError::Empty),
            (
                "erp.example.com/cb",
                CallbackUrlError::NotUrl("erp.example.com/cb".into()),
            ),
            ("ftp://h/cb", CallbackUrlError::Scheme("ftp://h/cb".into())),
            (
                "http://h/cb#x",
                CallbackUrlError::Fragment("http://h/cb#x".into()),
            ),
        ] {
            let err = classify_callback(text).unwrap_err();
            assert_eq!(err, expected, "{text}");
            assert!(err.to_string().starts_with("callback_url:"), "{err}");
            assert!(err.message(Lang::ZhCn).starts_with("回调地址"));
        }
        // The empty case says what a callback URL is, in both languages.
        assert!(CallbackUrlError::Empty
            .to_string()
            .contains("authorization code"));
        assert!(CallbackUrlError::Empty
            .message(Lang::ZhCn)
            .contains("授权码"));
        assert_eq!(
            classify_callback(&"x".repeat(3000)),
            Err(CallbackUrlError::TooLong)
        );
    }
}
