//! A captured request fit to keep or share: every token it carries masked (the session, the OAuth
//! code and refresh token the token APIs spend, `client_secret`, credentials in headers), in the
//! decoded values, in their wire form, in the query string, in the body and in the headers alike.

use super::CapturedRequest;
use crate::sensitive::{mask, mask_each, token_param_names, tokens_in};

/// Headers whose whole value is a credential.
const CREDENTIAL_HEADERS: [&str; 3] = ["authorization", "cookie", "proxy-authorization"];

impl CapturedRequest {
    /// The tokens this request carries: the values of its token-bearing parameters and any token
    /// its body hands on.
    pub fn tokens(&self) -> Vec<String> {
        let names = token_param_names(self.param("method"), self.param("grant_type"));
        let mut tokens: Vec<String> = Vec::new();
        for p in self
            .params
            .iter()
            .filter(|p| names.contains(&p.name.as_str()))
        {
            for value in [&p.value, &p.raw] {
                if !value.is_empty() && !value.starts_with("******") {
                    tokens.push(value.clone());
                }
            }
        }
        if let Some(body) = &self.body {
            tokens.extend(tokens_in(body));
        }
        tokens
    }

    /// A copy with every token masked. Masking is done once: a redacted copy redacted again is
    /// unchanged.
    pub fn redacted(&self) -> CapturedRequest {
        let tokens = self.tokens();
        let names = token_param_names(self.param("method"), self.param("grant_type"));
        let mut out = self.clone();
        for p in out.params.iter_mut() {
            if names.contains(&p.name.as_str()) && !p.value.is_empty() {
                if !p.value.starts_with("******") {
                    p.value = mask(&p.value);
                }
                p.raw = p.value.clone();
            }
        }
        out.raw_query = masked_pairs(&self.raw_query, &names, &tokens);
        out.body = self.body.as_ref().map(|body| {
            if self.body_is_form() {
                masked_pairs(body, &names, &tokens)
            } else {
                mask_each(body.clone(), &tokens)
            }
        });
        for (name, value) in out.headers.iter_mut() {
            if CREDENTIAL_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                *value = mask(value);
            } else {
                *value = mask_each(value.clone(), &tokens);
            }
        }
        out
    }
}

/// `a=1&session=…` with the value of each named pair masked, every other byte kept.
fn masked_pairs(text: &str, names: &[&str], tokens: &[String]) -> String {
    text.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) if names.iter().any(|n| decoded(key) == *n) && !value.is_empty() => {
                if value.starts_with("******") {
                    pair.to_string()
                } else {
                    format!("{key}={}", mask(&decoded(value)))
                }
            }
            _ => mask_each(pair.to_string(), tokens),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn decoded(text: &str) -> String {
    form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::captured::parse;

    const SESSION: &str = "6201b07f4e1a0b5ZZ8ec1a2f7d63b2fe9aa";

    #[test]
    fn the_session_is_masked_everywhere_it_travels_and_nothing_else_changes() {
        let curl = format!(
            "curl 'http://gw.api.taobao.com/router/rest?method=taobao.item.seller.get&session={SESSION}&app_key=12345678&sign=AB' \
             -H 'Cookie: t=abc' --data-raw 'fields=num_iid&session={SESSION}'"
        );
        let request = parse(&curl).expect("a request");
        let shown = request.redacted();
        let text = serde_json::to_string(&shown).expect("json");
        assert!(!text.contains(SESSION), "{text}");
        assert!(!text.contains("t=abc"), "{text}");
        assert!(shown
            .raw_query
            .starts_with("method=taobao.item.seller.get&session=******"));
        assert!(shown.raw_query.ends_with("&app_key=12345678&sign=AB"));
        assert_eq!(shown.param("fields"), Some("num_iid"));
        assert_eq!(shown.redacted(), shown, "masking twice changes nothing");
    }

    #[test]
    fn the_token_apis_spend_codes_and_refresh_tokens_which_are_masked_too() {
        let url = "https://eco.taobao.com/router/rest?method=taobao.top.auth.token.refresh&refresh_token=6202a3c9d8e7f6a5b4c3d2e1f&app_key=1&sign=AB";
        let shown = parse(url).expect("a request").redacted();
        assert!(!shown.raw_query.contains("6202a3c9d8e7f6a5b4c3d2e1f"));
        assert!(!shown
            .params
            .iter()
            .any(|p| p.value.contains("6202a3c9d8e7")));
    }
}
