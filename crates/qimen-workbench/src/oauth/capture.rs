//! Reading what the platform sends back to the callback: `code` and `state`, or `error` and
//! `error_description` when the user cancelled (`access_denied`) or the request was refused. The
//! same reading serves the listener, the intercepted app-window navigation and a pasted URL.

use qimen_core::sensitive::constant_time_eq;
use qimen_core::sensitive::SecretString;
use qimen_core::text::Lang;

/// The longest text accepted as a paste or a redirect query (a real redirect is far shorter).
pub const MAX_REDIRECT_LEN: usize = 8 * 1024;

/// What came back to the callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Captured {
    /// The user authorized: a one-time code (short-lived, exchanged once).
    Code {
        code: SecretString,
        state: Option<String>,
    },
    /// The user cancelled or the platform refused (`error=access_denied&error_description=…`).
    Denied {
        error: String,
        description: Option<String>,
        state: Option<String>,
    },
}

impl Captured {
    pub fn state(&self) -> Option<&str> {
        match self {
            Captured::Code { state, .. } | Captured::Denied { state, .. } => state.as_deref(),
        }
    }
}

/// Why a paste could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasteError {
    #[error("paste: nothing was pasted; paste the whole address the browser shows after you authorized (it contains code=…), or just the code")]
    Empty,
    #[error("paste: longer than {MAX_REDIRECT_LEN} characters; paste only the address the browser shows after you authorized")]
    TooLong,
    #[error("paste: the address has no code=… (and no error=…); copy the address from the browser after you clicked authorize on the platform's page, when it has been sent to your callback")]
    NoCode,
    #[error("paste: this is neither an address with code=… nor a code; paste the whole address the browser shows after you authorized")]
    NotRecognised,
    #[error("state: the pasted address belongs to another authorization (its state differs from the one this app started); start the authorization again and paste the address it ends on")]
    StateMismatch,
    #[error("state: the pasted address has no state, but this app started the authorization with one; paste the whole address the browser shows after you authorized, or only the code")]
    StateMissing,
}

impl PasteError {
    pub fn code(&self) -> &'static str {
        match self {
            PasteError::StateMismatch | PasteError::StateMissing => "session.state_mismatch",
            _ => "validation.session.paste",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            PasteError::Empty => "粘贴内容：为空。请粘贴授权后浏览器地址栏中的完整地址（含 code=…），或只粘贴 code。".into(),
            PasteError::TooLong => format!("粘贴内容：超过 {MAX_REDIRECT_LEN} 个字符。请只粘贴授权后浏览器地址栏中的地址。"),
            PasteError::NoCode => "粘贴内容：地址中没有 code=…（也没有 error=…）。请在平台授权页点击同意、浏览器跳转到回调地址之后，再复制地址栏中的地址。".into(),
            PasteError::NotRecognised => "粘贴内容：既不是带 code=… 的地址，也不像授权码。请粘贴授权后浏览器地址栏中的完整地址。".into(),
            PasteError::StateMismatch => "state：粘贴的地址属于另一次授权（state 与本次发起的不一致）。请重新发起授权，并粘贴这一次跳转后的地址。".into(),
            PasteError::StateMissing => "state：粘贴的地址没有 state，而本次授权是带 state 发起的。请粘贴授权后浏览器地址栏中的完整地址，或只粘贴 code。".into(),
        }
    }
}

/// Reads `code` / `error` and `state` from a redirect's query pairs; `None` when it has neither
/// code nor error. The first value of a repeated key counts.
pub fn read_redirect<'a, I>(pairs: I) -> Option<Captured>
where
    I: IntoIterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
{
    let (mut code, mut error, mut description, mut state) = (None, None, None, None);
    for (key, value) in pairs {
        let slot = match key.as_ref() {
            "code" => &mut code,
            "error" => &mut error,
            "error_description" => &mut description,
            "state" => &mut state,
            _ => continue,
        };
        if slot.is_none() {
            let value = value.trim();
            if !value.is_empty() {
                *slot = Some(value.to_string());
            }
        }
    }
    match (error, code) {
        // An error wins over a code: a redirect carrying both is not a clean approval.
        (Some(error), _) => Some(Captured::Denied {
            error,
            description,
            state,
        }),
        (None, Some(code)) => Some(Captured::Code {
            code: SecretString::from(code),
            state,
        }),
        (None, None) => None,
    }
}

/// Whether `text` could be a code on its own: URL-safe characters only, 4 to 256 of them.
fn looks_like_code(text: &str) -> bool {
    (4..=256).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
}

/// Reads a paste: the whole redirected URL (`…?code=…&state=…`, or `error=access_denied…`), its
/// query alone, or just the code. When `expected_state` is given, a redirect with a code must carry
/// that state.
pub fn parse_pasted(text: &str, expected_state: Option<&str>) -> Result<Captured, PasteError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PasteError::Empty);
    }
    if text.len() > MAX_REDIRECT_LEN {
        return Err(PasteError::TooLong);
    }
    let query = if text.contains("://") {
        match url::Url::parse(text) {
            Ok(url) => url.query().unwrap_or_default().to_string(),
            Err(_) => return Err(PasteError::NotRecognised),
        }
    } else if let Some((_, query)) = text.split_once('?') {
        query.to_string()
    } else if text.contains('=') {
        text.to_string()
    } else if looks_like_code(text) {
        return Ok(Captured::Code {
            code: SecretString::from(text),
            state: None,
        });
    } else {
        return Err(PasteError::NotRecognised);
    };
    // A fragment pasted along (`…#/`) is not part of the query.
    let query = query.split('#').next().unwrap_or_default();
    let captured =
        read_redirect(form_urlencoded::parse(query.as_bytes())).ok_or(PasteError::NoCode)?;
    // A redirect must carry the state this app issued, as the app window requires; a bare code
    // (above) has no state to check.
    match (captured.state(), expected_state) {
        (Some(found), Some(expected)) if !constant_time_eq(found, expected) => {
            Err(PasteError::StateMismatch)
        }
        (None, Some(_)) if matches!(captured, Captured::Code { .. }) => {
            Err(PasteError::StateMissing)
        }
        _ => Ok(captured),
    }
}

/// A refusal in plain words: what happened and what to do.
pub fn explain_denied(error: &str, description: Option<&str>, lang: Lang) -> String {
    let desc = description.unwrap_or_default();
    let said = if desc.is_empty() {
        error.to_string()
    } else {
        format!("{error}: {desc}")
    };
    let lower = format!("{error} {desc}").to_ascii_lowercase();
    let zh = lang == Lang::ZhCn;
    if error == "access_denied" {
        return if zh {
            format!("授权已取消：在平台授权页上点了取消（平台返回 {said}）。如需 session，请重新发起授权并点击“同意授权”。")
        } else {
            format!("Authorization was cancelled on the platform's page (it answered {said}). To get a session, start again and click authorize.")
        };
    }
    if lower.contains("redirect_uri") || lower.contains("callback") {
        return if zh {
            format!("回调地址不一致：发送的 redirect_uri 与应用在开放平台登记的回调地址不符（平台返回 {said}）。请在配置中填写与登记处完全一致的回调地址，或修改应用的登记。")
        } else {
            format!("The callback URL does not match: the redirect_uri sent differs from the callback registered on the app (the platform answered {said}). Enter the callback URL exactly as registered in the profile, or change the app's registration.")
        };
    }
    if zh {
        format!("平台拒绝了授权（{said}）。请检查 AppKey 与回调地址后重新发起授权。")
    } else {
        format!("The platform refused the authorization ({said}). Check the AppKey and the callback URL, then start again.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(c: &Captured) -> &str {
        match c {
            Captured::Code { code, .. } => code.expose(),
            Captured::Denied { .. } => "",
        }
    }

    #[test]
    fn a_whole_url_its_query_or_the_code_alone() {
        let full = parse_pasted(
            "http://127.0.0.1:7777/cb?from=x&code=abc123xyz&state=s%201",
            Some("s 1"),
        )
        .unwrap();
        assert_eq!(code_of(&full), "abc123xyz");
        assert_eq!(full.state(), Some("s 1"));
        let query = parse_pasted("?code=abc123xyz&state=s", None).unwrap();
        assert_eq!(code_of(&query), "abc123xyz");
        let bare = parse_pasted("  abc123xyz\n", Some("whatever")).unwrap();
        // A bare code has no state to check, so it is accepted.
        assert_eq!(
            bare,
            Captured::Code {
                code: "abc123xyz".into(),
                state: None
            }
        );
    }

    #[test]
    fn a_redirect_without_the_issued_state_is_refused_but_a_bare_code_is_taken() {
        assert_eq!(
            parse_pasted("https://erp.example.com/cb?code=c0de", Some("mine")),
            Err(PasteError::StateMissing)
        );
        assert_eq!(
            parse_pasted("code=c0de", Some("mine")),
            Err(PasteError::StateMissing)
        );
        assert!(parse_pasted(
            "https://erp.example.com/cb?code=c0de&state=mine",
            Some("mine")
        )
        .is_ok());
        assert!(parse_pasted("c0de1234", Some("mine")).is_ok());
        assert!(parse_pasted("https://erp.example.com/cb?code=c0de", None).is_ok());
    }

    #[test]
    fn state_is_checked_when_present_and_denial_is_read() {
        assert_eq!(
            parse_pasted(
                "https://erp.example.com/cb?code=c0de&state=other",
                Some("mine")
            ),
            Err(PasteError::StateMismatch)
        );
        let denied = parse_pasted(
            "https://erp.example.com/cb?error=access_denied&error_description=authorize%20reject&state=mine",
            Some("mine"),
        )
        .unwrap();
        assert_eq!(
            denied,
            Captured::Denied {
                error: "access_denied".into(),
                description: Some("authorize reject".into()),
                state: Some("mine".into())
            }
        );
        assert!(
            explain_denied("access_denied", Some("authorize reject"), Lang::ZhCn).contains("取消")
        );
        assert!(explain_denied(
            "invalid_client",
            Some("application callback can not match the redirect_uri"),
            Lang::En
        )
        .contains("exactly as registered"));
    }

    #[test]
    fn junk_is_refused_with_a_reason() {
        assert_eq!(parse_pasted("   ", None), Err(PasteError::Empty));
        assert_eq!(
            parse_pasted("https://erp.example.com/cb?x=1", None),
            Err(PasteError::NoCode)
        );
        assert_eq!(
            parse_pasted("hello world", None),
            Err(PasteError::NotRecognised)
        );
        assert_eq!(
            parse_pasted("http://[bad", None),
            Err(PasteError::NotRecognised)
        );
        assert_eq!(
            parse_pasted(&"a".repeat(9000), None),
            Err(PasteError::TooLong)
        );
    }
}
