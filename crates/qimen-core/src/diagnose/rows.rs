//! The side-by-side rows of a diagnosis, and the one place that keeps secrets out of them.

use super::{SignedRow, BODY_ROW_KEY};
use crate::sign::explain::hide_secret_in;

/// Masks every secret of a diagnosis wherever it appears in a value shown: the AppSecret, and
/// 旺店通's `secret:salt` both whole and its signing part.
pub(crate) struct Hider {
    secrets: Vec<String>,
}

impl Hider {
    pub(crate) fn new(secrets: &[Option<&str>]) -> Self {
        let mut all: Vec<String> = Vec::new();
        for secret in secrets.iter().flatten() {
            all.push(secret.to_string());
            if let Some((signing, _salt)) = secret.trim().split_once(':') {
                all.push(signing.trim().to_string());
            }
        }
        // Longer first, so a whole `secret:salt` is masked before its part.
        all.sort_by_key(|s| std::cmp::Reverse(s.len()));
        all.dedup();
        Hider { secrets: all }
    }

    /// `text` with every secret masked.
    pub(crate) fn hide(&self, text: &str) -> String {
        self.secrets
            .iter()
            .fold(text.to_string(), |t, secret| hide_secret_in(&t, secret))
    }
}

/// Rows in the platform's order, then what only the sender signed, then the body.
pub(crate) fn side_by_side(
    platform: &[(String, String)],
    platform_body: Option<&str>,
    customer: &[(String, String)],
    customer_body: Option<&str>,
    hide: &Hider,
) -> Vec<SignedRow> {
    let find = |list: &[(String, String)], key: &str| {
        list.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| hide.hide(v))
    };
    let mut rows: Vec<SignedRow> = platform
        .iter()
        .map(|(key, value)| SignedRow {
            key: key.clone(),
            platform: Some(hide.hide(value)),
            customer: find(customer, key),
        })
        .collect();
    for (key, value) in customer {
        if !platform.iter().any(|(k, _)| k == key) {
            rows.push(SignedRow {
                key: key.clone(),
                platform: None,
                customer: Some(hide.hide(value)),
            });
        }
    }
    if platform_body.is_some() || customer_body.is_some() {
        rows.push(SignedRow {
            key: BODY_ROW_KEY.to_string(),
            platform: platform_body.map(|b| hide.hide(b)),
            customer: customer_body.map(|b| hide.hide(b)),
        });
    }
    rows
}
