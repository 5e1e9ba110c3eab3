//! The one type every secret travels in (AppSecret, access token, refresh token, 旺店通 secret).
//!
//! `Sensitive<T>` prints as `<redacted>` in `Debug` and `Display`, and deliberately implements neither
//! `Serialize` nor `Clone`-into-string helpers, so a secret cannot slip into a log line, a JSON answer
//! or a history row by accident. It does implement `Deserialize`: a form field the user types a secret
//! into arrives straight in this type, and the form, holding one, cannot be serialised back. Reading
//! the value is an explicit, greppable call: [`Sensitive::expose`].

use std::fmt;

/// A value that must never be shown, logged or serialised in clear.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Sensitive<T>(T);

/// The common case: a secret string.
pub type SecretString = Sensitive<String>;

impl<T> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The value in clear. Call it only where the value is needed (signing, the keyring, HTTP).
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl SecretString {
    /// A hint that identifies a secret without revealing it: [`mask`] of it.
    pub fn hint(&self) -> String {
        mask(self.0.as_str())
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Sensitive(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Sensitive(value.to_string())
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Sensitive)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Masks a secret for display: six stars and the last two characters for a value of 12 characters or
/// more (`******2a`), six stars alone for a shorter one. The length is never shown.
pub fn mask(value: &str) -> String {
    let count = value.chars().count();
    if count >= 12 {
        let tail: String = value.chars().skip(count - 2).collect();
        format!("******{tail}")
    } else {
        "******".to_string()
    }
}

/// Whether two secrets, signs or states are equal, in a time that depends only on their lengths and
/// not on where they first differ, so nobody can find a valid value byte by byte by timing answers.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// [`constant_time_eq`] for hex digests, ignoring the case of the letters.
pub fn constant_time_eq_hex(a: &str, b: &str) -> bool {
    constant_time_eq(&a.to_ascii_uppercase(), &b.to_ascii_uppercase())
}

/// The parameters of a request that carry a token or a secret and are masked wherever the request
/// is kept or shown: the session and `client_secret` always, the OAuth `code` and `refresh_token`
/// when the request is the token API (or an OAuth token form) that spends them.
pub fn token_param_names(method: Option<&str>, grant_type: Option<&str>) -> Vec<&'static str> {
    use crate::platform::{TOKEN_CREATE, TOKEN_REFRESH};
    let mut keys = vec!["session", "client_secret"];
    if method == Some(TOKEN_CREATE) || grant_type == Some("authorization_code") {
        keys.push("code");
    }
    if method == Some(TOKEN_REFRESH) || grant_type == Some("refresh_token") {
        keys.push("refresh_token");
    }
    keys
}

/// The names under which an answer hands out a token.
pub const TOKEN_FIELDS: [&str; 3] = ["access_token", "refresh_token", "session"];

/// The values an answer gives under [`TOKEN_FIELDS`], however it is written: JSON
/// (`"access_token":"…"`), JSON inside a JSON string (`token_result`, `\"access_token\":\"…\"`),
/// XML (`<access_token>…</access_token>`) or a form (`access_token=…`).
pub fn tokens_in(text: &str) -> Vec<String> {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    let mut found = Vec::new();
    for field in TOKEN_FIELDS {
        for (at, _) in text.match_indices(field) {
            let rest = &text[at + field.len()..];
            let value_start = rest
                .char_indices()
                .find(|&(_, c)| !matches!(c, '"' | '\\' | '\'' | ':' | '=' | '>' | ' ' | '\t'))
                .map_or(rest.len(), |(i, _)| i);
            // Only where the name is a key: a `:`, `=` or `>` must separate it from its value.
            if !rest[..value_start].contains([':', '=', '>']) {
                continue;
            }
            let value: String = rest[value_start..]
                .chars()
                .take_while(|&c| is_token_char(c))
                .collect();
            if !value.is_empty() {
                found.push(value);
            }
        }
    }
    found
}

/// `text` with each of `tokens` masked wherever it appears. Values shorter than 8 characters are left
/// alone: they are not real tokens and would mask ordinary text.
pub fn mask_each(mut text: String, tokens: &[String]) -> String {
    for token in tokens.iter().filter(|t| t.chars().count() >= 8) {
        if text.contains(token.as_str()) {
            text = text.replace(token.as_str(), &mask(token));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s: SecretString = serde_json::from_str("\"b17cc059ffba3f6cf0d9131359d0be2a\"").unwrap();
        assert_eq!(
            s.expose(),
            "b17cc059ffba3f6cf0d9131359d0be2a",
            "a form field reads straight into it"
        );
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert_eq!(format!("{s}"), "<redacted>");
        assert!(!format!("{:?}", Some(&s)).contains("b17cc"));
    }

    #[test]
    fn equal_only_when_every_byte_and_the_length_match() {
        assert!(constant_time_eq("66987CB1", "66987CB1"));
        assert!(!constant_time_eq("66987CB1", "66987CB2"));
        assert!(!constant_time_eq("66987CB1", "66987CB"));
        assert!(!constant_time_eq("", "a"));
        assert!(constant_time_eq_hex("66987cb1", "66987CB1"));
        assert!(!constant_time_eq_hex("66987cb1", "66987CB2"));
    }

    #[test]
    fn tokens_are_found_and_masked_however_an_answer_writes_them() {
        let json = r#"{"r":{"token_result":"{\"access_token\":\"AT0123456789\",\"refresh_token\":\"RT0123456789\"}"}}"#;
        let xml = "<access_token>AT9876543210</access_token>";
        let found: Vec<String> = [json, xml].iter().flat_map(|t| tokens_in(t)).collect();
        assert_eq!(found, ["AT0123456789", "RT0123456789", "AT9876543210"]);
        let masked = mask_each(format!("{json}{xml}"), &found);
        assert!(
            !masked.contains("0123456789") && !masked.contains("9876543210"),
            "{masked}"
        );
        assert!(masked.contains("******89"));
        assert!(tokens_in("no session here, sessions=").is_empty());
    }

    #[test]
    fn mask_keeps_at_most_two_characters() {
        assert_eq!(mask("b17cc059ffba3f6cf0d9131359d0be2a"), "******2a");
        assert_eq!(mask("short"), "******");
        assert_eq!(mask(""), "******");
    }
}
