//! The gateway's OAuth memory: one-time authorization codes, the access tokens (sessions) and refresh
//! tokens it issued, each bound to one app and expiring on the injected clock. Shared by the OAuth
//! endpoints, the `taobao.top.auth.token.*` APIs and the router's session check (codes 26/27).

use super::api_contract::SessionUser;
use chrono::{DateTime, Duration, Utc};
use qimen_core::sensitive::SecretString;
use rand::RngExt;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The shop account that "logs in" on the demo consent page.
pub const DEMO_SHOP_NICK: &str = "晴川数码旗舰店";
pub const DEMO_SHOP_USER_ID: &str = "2207351836402";
/// The platform's per-app opaque user id for the demo shop.
pub const DEMO_SHOP_OPEN_UID: &str = "AAHm5d-EAAeGwJedwSHpg8bT";

/// How long a code may be exchanged.
pub const CODE_TTL_MINUTES: i64 = 10;
/// Access-token lifetime (seconds): 24 h, as in the platform's test phase.
pub const ACCESS_TTL_SECS: i64 = 86_400;
/// Refresh-token lifetime (seconds): 30 days.
pub const REFRESH_TTL_SECS: i64 = 2_592_000;
/// The per-level lifetimes the token answer lists (r1, r2, w1, w2), in seconds.
const LEVEL_TTL_SECS: [i64; 4] = [86_400, 86_400, 86_400, 1_800];

/// The demo shop as an authorised user.
pub fn demo_user() -> SessionUser {
    SessionUser {
        user_id: DEMO_SHOP_USER_ID.into(),
        nick: DEMO_SHOP_NICK.into(),
    }
}

/// A random token of `len` lower-case letters and digits.
pub fn random_token(len: usize) -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
        .collect()
}

#[derive(Debug)]
struct CodeGrant {
    app_key: String,
    redirect_uri: String,
    user: SessionUser,
    expires_at: DateTime<Utc>,
}

#[derive(Debug)]
struct Issued {
    app_key: String,
    user: SessionUser,
    expires_at: DateTime<Utc>,
}

/// A freshly issued token pair, as the token endpoint and `taobao.top.auth.token.*` answer it.
#[derive(Debug)]
pub struct TokenSet {
    pub access_token: SecretString,
    pub refresh_token: SecretString,
    pub user: SessionUser,
    pub issued_at: DateTime<Utc>,
}

impl TokenSet {
    /// The platform's token JSON: every field of a real answer, the nicks URL-encoded UTF-8.
    pub fn to_json(&self) -> Value {
        let nick = percent_encoding::utf8_percent_encode(
            &self.user.nick,
            percent_encoding::NON_ALPHANUMERIC,
        )
        .to_string();
        let ms = |secs: i64| (self.issued_at + Duration::seconds(secs)).timestamp_millis();
        let [r1, r2, w1, w2] = LEVEL_TTL_SECS;
        json!({
            "access_token": self.access_token.expose(),
            "token_type": "Bearer",
            "expires_in": ACCESS_TTL_SECS,
            "refresh_token": self.refresh_token.expose(),
            "re_expires_in": REFRESH_TTL_SECS,
            "r1_expires_in": r1,
            "r2_expires_in": r2,
            "w1_expires_in": w1,
            "w2_expires_in": w2,
            "taobao_user_nick": nick,
            "taobao_user_id": self.user.user_id,
            // The main account authorised, so the sub-account fields are empty, as the platform sends them.
            "sub_taobao_user_id": "",
            "sub_taobao_user_nick": "",
            "expire_time": ms(ACCESS_TTL_SECS),
            "refresh_token_valid_time": ms(REFRESH_TTL_SECS),
            "r1_valid": ms(r1),
            "r2_valid": ms(r2),
            "w1_valid": ms(w1),
            "w2_valid": ms(w2),
            "taobao_open_uid": DEMO_SHOP_OPEN_UID,
        })
    }
}

/// Why a code or refresh token was not accepted; the text goes into `error_description`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrantError {
    #[error(
        "the code is unknown or was already used; codes can be exchanged once: authorize again"
    )]
    UnknownCode,
    #[error("the code expired (codes live {CODE_TTL_MINUTES} minutes): authorize again")]
    ExpiredCode,
    #[error("the code was issued to another app (client_id {0})")]
    CodeOfAnotherApp(String),
    #[error("redirect_uri does not match the one sent to /authorize")]
    RedirectMismatch,
    #[error("the refresh_token is unknown or was already used: authorize again")]
    UnknownRefreshToken,
    #[error("the refresh_token expired: authorize again")]
    ExpiredRefreshToken,
    #[error("the refresh_token was issued to another app (client_id {0})")]
    RefreshOfAnotherApp(String),
}

/// Why a `session` was rejected (code 27); the text goes into `sub_msg`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error(
        "the session is unknown to this gateway: authorize again (or refresh) to get a new one"
    )]
    Unknown,
    #[error("the session expired at {0} (GMT+8): refresh it or authorize again")]
    Expired(String),
    #[error("sessionkey-not-generated-by-server: the session was issued to app {0}, not to this app_key")]
    OtherApp(String),
}

/// Codes, sessions and refresh tokens in memory.
#[derive(Debug, Default)]
pub struct TokenStore {
    /// Tokens of consent pages shown: a decision is accepted only with one, once.
    consents: HashMap<String, ConsentTicket>,
    codes: HashMap<String, CodeGrant>,
    sessions: HashMap<String, Issued>,
    refresh: HashMap<String, Issued>,
}

/// A consent page that was shown, for this app and callback.
#[derive(Debug, Clone)]
struct ConsentTicket {
    app_key: String,
    redirect_uri: String,
    expires_at: DateTime<Utc>,
}

/// Consent pages kept open at once; the oldest beyond it are forgotten.
const MAX_OPEN_CONSENTS: usize = 1024;

impl TokenStore {
    /// The token of a consent page shown now for `app_key` and `redirect_uri`: the decision posted
    /// from that page must carry it, so a form posted from any other page (a cross-site request)
    /// approves nothing. Valid once, for [`CODE_TTL_MINUTES`].
    pub fn issue_consent(
        &mut self,
        app_key: &str,
        redirect_uri: &str,
        now: DateTime<Utc>,
    ) -> String {
        self.consents.retain(|_, c| c.expires_at > now);
        if self.consents.len() >= MAX_OPEN_CONSENTS {
            if let Some(oldest) = self
                .consents
                .iter()
                .min_by_key(|(_, c)| c.expires_at)
                .map(|(k, _)| k.clone())
            {
                self.consents.remove(&oldest);
            }
        }
        let token = random_token(32);
        self.consents.insert(
            token.clone(),
            ConsentTicket {
                app_key: app_key.into(),
                redirect_uri: redirect_uri.into(),
                expires_at: now + Duration::minutes(CODE_TTL_MINUTES),
            },
        );
        token
    }

    /// Takes a consent page's token: `true` once, for the app and callback it was shown for.
    pub fn take_consent(
        &mut self,
        token: &str,
        app_key: &str,
        redirect_uri: &str,
        now: DateTime<Utc>,
    ) -> bool {
        match self.consents.remove(token) {
            Some(ticket) => {
                ticket.expires_at > now
                    && ticket.app_key == app_key
                    && ticket.redirect_uri == redirect_uri
            }
            None => false,
        }
    }

    /// A new one-time code for `app_key`, valid for [`CODE_TTL_MINUTES`].
    pub fn issue_code(&mut self, app_key: &str, redirect_uri: &str, now: DateTime<Utc>) -> String {
        self.codes.retain(|_, c| c.expires_at > now);
        let code = random_token(32);
        self.codes.insert(
            code.clone(),
            CodeGrant {
                app_key: app_key.into(),
                redirect_uri: redirect_uri.into(),
                user: demo_user(),
                expires_at: now + Duration::minutes(CODE_TTL_MINUTES),
            },
        );
        code
    }

    /// Exchanges a code once. `redirect_uri` is checked when given (the `/token` endpoint); the
    /// `taobao.top.auth.token.create` API has none to check.
    pub fn redeem_code(
        &mut self,
        code: &str,
        app_key: &str,
        redirect_uri: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<TokenSet, GrantError> {
        let grant = self.codes.get(code).ok_or(GrantError::UnknownCode)?;
        if grant.expires_at <= now {
            self.codes.remove(code);
            return Err(GrantError::ExpiredCode);
        }
        if grant.app_key != app_key {
            return Err(GrantError::CodeOfAnotherApp(grant.app_key.clone()));
        }
        if redirect_uri.is_some_and(|uri| uri != grant.redirect_uri) {
            return Err(GrantError::RedirectMismatch);
        }
        let grant = self.codes.remove(code).ok_or(GrantError::UnknownCode)?;
        Ok(self.issue_tokens(app_key, grant.user, now))
    }

    /// A new token pair for a refresh token; the old refresh token and its session stop working.
    pub fn refresh(
        &mut self,
        refresh_token: &str,
        app_key: &str,
        now: DateTime<Utc>,
    ) -> Result<TokenSet, GrantError> {
        let issued = self
            .refresh
            .get(refresh_token)
            .ok_or(GrantError::UnknownRefreshToken)?;
        if issued.expires_at <= now {
            self.refresh.remove(refresh_token);
            return Err(GrantError::ExpiredRefreshToken);
        }
        if issued.app_key != app_key {
            return Err(GrantError::RefreshOfAnotherApp(issued.app_key.clone()));
        }
        let issued = self
            .refresh
            .remove(refresh_token)
            .ok_or(GrantError::UnknownRefreshToken)?;
        self.sessions
            .retain(|_, s| !(s.app_key == issued.app_key && s.user == issued.user));
        Ok(self.issue_tokens(app_key, issued.user, now))
    }

    /// The user of a session, if it was issued to `app_key` and has not expired.
    pub fn session_user(
        &self,
        session: &str,
        app_key: &str,
        now: DateTime<Utc>,
    ) -> Result<SessionUser, SessionError> {
        let issued = self.sessions.get(session).ok_or(SessionError::Unknown)?;
        if issued.app_key != app_key {
            return Err(SessionError::OtherApp(issued.app_key.clone()));
        }
        if issued.expires_at <= now {
            return Err(SessionError::Expired(qimen_core::clock::format_gmt8(
                issued.expires_at,
            )));
        }
        Ok(issued.user.clone())
    }

    fn issue_tokens(&mut self, app_key: &str, user: SessionUser, now: DateTime<Utc>) -> TokenSet {
        self.sessions.retain(|_, s| s.expires_at > now);
        self.refresh.retain(|_, s| s.expires_at > now);
        let access = random_token(48);
        let refresh = random_token(48);
        self.sessions.insert(
            access.clone(),
            Issued {
                app_key: app_key.into(),
                user: user.clone(),
                expires_at: now + Duration::seconds(ACCESS_TTL_SECS),
            },
        );
        self.refresh.insert(
            refresh.clone(),
            Issued {
                app_key: app_key.into(),
                user: user.clone(),
                expires_at: now + Duration::seconds(REFRESH_TTL_SECS),
            },
        );
        TokenSet {
            access_token: SecretString::from(access),
            refresh_token: SecretString::from(refresh),
            user,
            issued_at: now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qimen_core::clock::{Clock, FixedClock};

    fn now() -> DateTime<Utc> {
        FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap().now()
    }

    #[test]
    fn a_code_works_once_for_its_app_and_redirect() {
        let mut store = TokenStore::default();
        let code = store.issue_code("23000001", "http://127.0.0.1:8/cb", now());
        assert_eq!(
            store
                .redeem_code(&code, "23000001", Some("http://other/cb"), now())
                .unwrap_err(),
            GrantError::RedirectMismatch
        );
        assert!(matches!(
            store.redeem_code(&code, "23000002", None, now()),
            Err(GrantError::CodeOfAnotherApp(_))
        ));
        // The failed attempts above did not use the code up.
        let tokens = store
            .redeem_code(&code, "23000001", Some("http://127.0.0.1:8/cb"), now())
            .unwrap();
        assert_eq!(
            store
                .redeem_code(&code, "23000001", None, now())
                .unwrap_err(),
            GrantError::UnknownCode
        );
        let user = store
            .session_user(tokens.access_token.expose(), "23000001", now())
            .unwrap();
        assert_eq!(user.nick, DEMO_SHOP_NICK);
        assert!(matches!(
            store.session_user(tokens.access_token.expose(), "23000002", now()),
            Err(SessionError::OtherApp(_))
        ));
    }

    #[test]
    fn codes_and_sessions_expire_on_the_clock() {
        let mut store = TokenStore::default();
        let code = store.issue_code("1", "http://h/cb", now());
        let late = now() + Duration::minutes(CODE_TTL_MINUTES) + Duration::seconds(1);
        assert_eq!(
            store.redeem_code(&code, "1", None, late).unwrap_err(),
            GrantError::ExpiredCode
        );
        let code = store.issue_code("1", "http://h/cb", now());
        let tokens = store.redeem_code(&code, "1", None, now()).unwrap();
        let after = now() + Duration::seconds(ACCESS_TTL_SECS);
        assert!(matches!(
            store.session_user(tokens.access_token.expose(), "1", after),
            Err(SessionError::Expired(_))
        ));
    }

    #[test]
    fn refresh_replaces_the_pair() {
        let mut store = TokenStore::default();
        let code = store.issue_code("1", "http://h/cb", now());
        let first = store.redeem_code(&code, "1", None, now()).unwrap();
        let second = store
            .refresh(first.refresh_token.expose(), "1", now())
            .unwrap();
        assert!(store
            .session_user(second.access_token.expose(), "1", now())
            .is_ok());
        // The old session and the old refresh token are gone.
        assert!(store
            .session_user(first.access_token.expose(), "1", now())
            .is_err());
        assert_eq!(
            store
                .refresh(first.refresh_token.expose(), "1", now())
                .unwrap_err(),
            GrantError::UnknownRefreshToken
        );
    }

    #[test]
    fn token_json_has_the_platform_fields_and_an_encoded_nick() {
        let mut store = TokenStore::default();
        let code = store.issue_code("1", "http://h/cb", now());
        let v = store
            .redeem_code(&code, "1", None, now())
            .unwrap()
            .to_json();
        assert_eq!(v["token_type"], "Bearer");
        assert_eq!(
            v["expire_time"],
            now().timestamp_millis() + ACCESS_TTL_SECS * 1000
        );
        let nick = v["taobao_user_nick"].as_str().unwrap();
        // URL-encoded UTF-8, as the platform sends it.
        assert!(nick.starts_with("%E6%99%B4"), "{nick}");
        for field in [
            "refresh_token",
            "re_expires_in",
            "w2_expires_in",
            "taobao_open_uid",
        ] {
            assert!(v.get(field).is_some(), "{field}");
        }
    }
}
