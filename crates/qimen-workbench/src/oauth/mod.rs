//! Getting a session (OAuth access token) for a profile, whatever callback URL its app registered
//! (domain reference §4). This is where applicants get stuck: the platform redirects the browser to
//! the registered callback with a one-time `code`, which must then be exchanged for tokens with the
//! AppSecret. The module does each step without a UI:
//!
//! - [`authorize_url`] and [`new_state`]: the page to open, with a fresh unguessable `state`.
//! - [`callback`]: what kind of callback URL a profile has and which way of capturing the code fits.
//! - [`listener`]: a one-shot loopback HTTP listener for `http://127.0.0.1:PORT/PATH` callbacks.
//! - [`capture`]: reading a redirect (pasted, intercepted or received) into a [`Captured`] code.
//! - [`token`] and [`exchange`]: the token JSON as [`TokenSet`], from the OAuth `/token` endpoint or
//!   `taobao.top.auth.token.create` / `.refresh`.
//! - [`flow`]: the authorizations in progress, for the app's commands.

pub mod callback;
pub mod capture;
pub mod exchange;
pub mod flow;
pub mod listener;
mod listener_page;
pub mod token;

pub use callback::{
    classify_callback, CallbackKind, CallbackUrlError, CaptureMode, CheckedCallback,
};
pub use capture::{parse_pasted, read_redirect, Captured, PasteError};
pub use exchange::{exchange_code, refresh, TokenEndpoint, TokenError, TokenRoute};
pub use listener::{listen, CallbackListener, ListenerCancel, ListenerConfig, ListenerError};
pub use token::{TokenParseError, TokenSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The authorize page's `view`: the PC page, the Tmall-styled page, or the mobile page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum View {
    #[default]
    Web,
    Tmall,
    Wap,
}

impl View {
    pub fn as_param(self) -> &'static str {
        match self {
            View::Web => "web",
            View::Tmall => "tmall",
            View::Wap => "wap",
        }
    }
}

/// How many random bytes a `state` carries (192 bits, well above the 128 a guess must beat).
const STATE_BYTES: usize = 24;

/// A fresh `state`: random bytes from `rng`, written URL-safe (base64url without padding, 32
/// characters), so it travels through the authorize page and back unchanged.
pub fn new_state<R: rand::Rng + ?Sized>(rng: &mut R) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bytes = [0u8; STATE_BYTES];
    rng.fill_bytes(&mut bytes);
    let mut out = String::with_capacity(STATE_BYTES * 4 / 3);
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// The authorize page URL: `response_type=code`, `client_id` (the AppKey), `redirect_uri` (exactly
/// the registered callback), `state` and `view`, appended to `endpoint` (which may already carry a
/// query).
pub fn authorize_url(
    endpoint: &str,
    client_id: &str,
    redirect_uri: &str,
    state: &str,
    view: View,
) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id.trim())
        .append_pair("redirect_uri", redirect_uri.trim())
        .append_pair("state", state)
        .append_pair("view", view.as_param())
        .finish();
    let endpoint = endpoint.trim();
    let joiner = match endpoint.contains('?') {
        true if endpoint.ends_with('?') || endpoint.ends_with('&') => "",
        true => "&",
        false => "?",
    };
    format!("{endpoint}{joiner}{query}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn state_is_url_safe_long_and_different_each_time() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let a = new_state(&mut rng);
        let b = new_state(&mut rng);
        // 24 bytes → 32 base64url characters: 192 bits.
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        // The same seed gives the same state: the RNG is really the injected one.
        let mut again = rand::rngs::StdRng::seed_from_u64(7);
        assert_eq!(new_state(&mut again), a);
    }

    #[test]
    fn authorize_url_carries_every_parameter_encoded() {
        let url = authorize_url(
            "https://oauth.taobao.com/authorize",
            "23000001",
            "http://127.0.0.1:7777/cb?from=app",
            "abc-_1",
            View::Tmall,
        );
        let parsed = url::Url::parse(&url).unwrap();
        let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                ("response_type".into(), "code".into()),
                ("client_id".into(), "23000001".into()),
                (
                    "redirect_uri".into(),
                    "http://127.0.0.1:7777/cb?from=app".into()
                ),
                ("state".into(), "abc-_1".into()),
                ("view".into(), "tmall".into()),
            ]
        );
        // An endpoint with its own query keeps it.
        let with_query =
            authorize_url("http://h/authorize?x=1", "1", "http://h/cb", "s", View::Web);
        assert!(with_query.starts_with("http://h/authorize?x=1&response_type=code"));
    }
}
