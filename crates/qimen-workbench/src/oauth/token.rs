//! The token JSON the platform answers (domain reference §4), read into [`TokenSet`]: the two
//! tokens as [`SecretString`] (redacted in `Debug`, never serialised), the lifetimes, and who
//! authorized (nicks URL-decoded from the UTF-8 the platform encodes them in).

use chrono::{DateTime, Duration, Utc};
use qimen_core::sensitive::SecretString;
use serde_json::{Map, Value};

/// A token answer, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: SecretString,
    /// `None` when the answer has none (or an empty one): the session cannot be refreshed.
    pub refresh_token: Option<SecretString>,
    /// Seconds the access token lives.
    pub expires_in: Option<i64>,
    /// Seconds the refresh token lives; 0 means it cannot be used.
    pub re_expires_in: Option<i64>,
    pub r1_expires_in: Option<i64>,
    pub r2_expires_in: Option<i64>,
    pub w1_expires_in: Option<i64>,
    pub w2_expires_in: Option<i64>,
    /// When the access token expires (`expire_time`, epoch ms in the answer).
    pub expire_time: Option<DateTime<Utc>>,
    /// When the refresh token expires (`refresh_token_valid_time`, epoch ms).
    pub refresh_token_valid_time: Option<DateTime<Utc>>,
    pub taobao_user_nick: Option<String>,
    pub taobao_user_id: Option<String>,
    pub sub_taobao_user_id: Option<String>,
    pub sub_taobao_user_nick: Option<String>,
    pub taobao_open_uid: Option<String>,
}

/// Why a token answer could not be read. Never holds the answer itself (it carries tokens).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenParseError {
    #[error("the answer is not a JSON object")]
    NotJson,
    #[error("the answer has no access_token")]
    NoAccessToken,
}

/// A field as text: strings trimmed, numbers written out; blank counts as absent.
fn text(map: &Map<String, Value>, key: &str) -> Option<String> {
    let t = match map.get(key)? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!t.is_empty()).then_some(t)
}

/// A field as an integer, whether the platform sent it as a number or as digits in a string.
fn int(map: &Map<String, Value>, key: &str) -> Option<i64> {
    match map.get(key)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn millis(map: &Map<String, Value>, key: &str) -> Option<DateTime<Utc>> {
    int(map, key).and_then(DateTime::from_timestamp_millis)
}

/// URL-decoded UTF-8 (`+` read as a space, as Java's encoder writes it); a value that is not
/// valid encoded UTF-8 is kept as sent.
pub fn decode_nick(raw: &str) -> String {
    let spaced = raw.replace('+', " ");
    match percent_encoding::percent_decode_str(&spaced).decode_utf8() {
        Ok(decoded) => decoded.into_owned(),
        Err(_) => raw.to_string(),
    }
}

impl TokenSet {
    /// Reads the token JSON text (the `/token` answer, or the `token_result` string of
    /// `taobao.top.auth.token.create`).
    pub fn from_json(text: &str) -> Result<TokenSet, TokenParseError> {
        match serde_json::from_str::<Value>(text.trim()) {
            Ok(Value::Object(map)) => Self::from_map(&map),
            _ => Err(TokenParseError::NotJson),
        }
    }

    pub fn from_map(map: &Map<String, Value>) -> Result<TokenSet, TokenParseError> {
        let access = text(map, "access_token").ok_or(TokenParseError::NoAccessToken)?;
        let nick = |key| text(map, key).map(|n| decode_nick(&n));
        Ok(TokenSet {
            access_token: SecretString::from(access),
            refresh_token: text(map, "refresh_token").map(SecretString::from),
            expires_in: int(map, "expires_in"),
            re_expires_in: int(map, "re_expires_in"),
            r1_expires_in: int(map, "r1_expires_in"),
            r2_expires_in: int(map, "r2_expires_in"),
            w1_expires_in: int(map, "w1_expires_in"),
            w2_expires_in: int(map, "w2_expires_in"),
            expire_time: millis(map, "expire_time"),
            refresh_token_valid_time: millis(map, "refresh_token_valid_time"),
            taobao_user_nick: nick("taobao_user_nick"),
            taobao_user_id: text(map, "taobao_user_id"),
            sub_taobao_user_id: text(map, "sub_taobao_user_id"),
            sub_taobao_user_nick: nick("sub_taobao_user_nick"),
            taobao_open_uid: text(map, "taobao_open_uid"),
        })
    }

    /// A session pasted by hand: only the token is known.
    pub fn manual(access_token: SecretString) -> TokenSet {
        TokenSet {
            access_token,
            refresh_token: None,
            expires_in: None,
            re_expires_in: None,
            r1_expires_in: None,
            r2_expires_in: None,
            w1_expires_in: None,
            w2_expires_in: None,
            expire_time: None,
            refresh_token_valid_time: None,
            taobao_user_nick: None,
            taobao_user_id: None,
            sub_taobao_user_id: None,
            sub_taobao_user_nick: None,
            taobao_open_uid: None,
        }
    }

    /// When the access token expires: `expire_time` when the answer has it, else `expires_in`
    /// after `obtained`.
    pub fn access_expires_at(&self, obtained: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.expire_time
            .or_else(|| self.expires_in.map(|s| obtained + Duration::seconds(s)))
    }

    /// When the refresh token expires; `None` when there is no usable refresh token.
    pub fn refresh_expires_at(&self, obtained: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.usable_refresh_token()?;
        self.refresh_token_valid_time
            .or_else(|| self.re_expires_in.map(|s| obtained + Duration::seconds(s)))
    }

    /// The refresh token, unless the answer says it cannot be used (`re_expires_in` 0).
    pub fn usable_refresh_token(&self) -> Option<&SecretString> {
        if self.re_expires_in == Some(0) {
            return None;
        }
        self.refresh_token.as_ref()
    }

    /// When a level's permission expires (r1, r2, w1, w2 in that order).
    pub fn level_expiries(&self, obtained: DateTime<Utc>) -> [Option<DateTime<Utc>>; 4] {
        [
            self.r1_expires_in,
            self.r2_expires_in,
            self.w1_expires_in,
            self.w2_expires_in,
        ]
        .map(|s| s.map(|s| obtained + Duration::seconds(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"w1_expires_in":86400,"refresh_token_valid_time":1716776130000,
        "taobao_user_nick":"%E6%99%B4%E5%B7%9D%E6%95%B0%E7%A0%81%E6%97%97%E8%88%B0%E5%BA%97",
        "re_expires_in":"2592000","expire_time":1716257730000,"token_type":"Bearer",
        "access_token":"6201e0aXYZ","taobao_open_uid":"AAHm5d","w2_expires_in":1800,
        "r1_expires_in":86400,"r2_expires_in":86400,"taobao_user_id":2207351836402,
        "sub_taobao_user_id":"","sub_taobao_user_nick":"sub%3Aa+b","expires_in":86400,
        "refresh_token":"6202b1cXYZ"}"#;

    #[test]
    fn every_field_is_read_numbers_or_strings() {
        let t = TokenSet::from_json(SAMPLE).unwrap();
        assert_eq!(t.access_token.expose(), "6201e0aXYZ");
        assert_eq!(
            t.refresh_token.as_ref().map(|r| r.expose().as_str()),
            Some("6202b1cXYZ")
        );
        assert_eq!(t.taobao_user_nick.as_deref(), Some("晴川数码旗舰店"));
        // The user id came as a JSON number; it is kept as its digits.
        assert_eq!(t.taobao_user_id.as_deref(), Some("2207351836402"));
        // An empty sub-account id is "no sub-account".
        assert_eq!(t.sub_taobao_user_id, None);
        assert_eq!(t.sub_taobao_user_nick.as_deref(), Some("sub:a b"));
        // re_expires_in came as a string.
        assert_eq!(t.re_expires_in, Some(2_592_000));
        assert_eq!(t.w2_expires_in, Some(1800));
        assert_eq!(
            t.expire_time.map(|d| d.timestamp_millis()),
            Some(1_716_257_730_000)
        );
        let obtained = DateTime::from_timestamp_millis(1_716_171_330_000).unwrap();
        assert_eq!(t.access_expires_at(obtained), t.expire_time);
        assert_eq!(t.refresh_expires_at(obtained), t.refresh_token_valid_time);
    }

    #[test]
    fn debug_never_shows_a_token() {
        let t = TokenSet::from_json(SAMPLE).unwrap();
        let shown = format!("{t:?}");
        assert!(
            !shown.contains("6201e0aXYZ") && !shown.contains("6202b1cXYZ"),
            "{shown}"
        );
    }

    #[test]
    fn missing_token_and_unusable_refresh() {
        assert_eq!(TokenSet::from_json("[]"), Err(TokenParseError::NotJson));
        assert_eq!(TokenSet::from_json("<html>"), Err(TokenParseError::NotJson));
        assert_eq!(
            TokenSet::from_json(r#"{"access_token":"  "}"#),
            Err(TokenParseError::NoAccessToken)
        );
        let t = TokenSet::from_json(
            r#"{"access_token":"a","refresh_token":"r","re_expires_in":0,"expires_in":60}"#,
        )
        .unwrap();
        // re_expires_in 0: the refresh token cannot be used.
        assert!(t.usable_refresh_token().is_none());
        let now = Utc::now();
        assert_eq!(t.refresh_expires_at(now), None);
        assert_eq!(t.access_expires_at(now), Some(now + Duration::seconds(60)));
        // Not encoded at all: kept as is.
        assert_eq!(decode_nick("晴川"), "晴川");
        assert_eq!(decode_nick("%E6%99"), "%E6%99");
    }
}
