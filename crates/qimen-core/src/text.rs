//! The product's two languages and its one bilingual text. Every text the core and the app's
//! services write for a person (an error's cause, a catalogue entry, a guide step, a command's
//! refusal) is a [`Text`] in both languages; the UI shows the half that matches its [`Lang`].

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::str::FromStr;

/// A language of the product: Chinese first, English available. Written as the UI's locale names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "UiLanguage")]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en-US", alias = "en")]
    En,
}

impl Lang {
    /// The locale name: `zh-CN` or `en-US`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en-US",
        }
    }

    /// Of two values, the one in this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

/// A language name that is neither Chinese nor English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: use `zh-CN` (中文) or `en` (English)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts the usual spellings: `zh-CN`, `zh_CN`, `zh`, `cn`, `en`, `en-US`, `en_GB` …
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase().replace('_', "-");
        match lower.as_str() {
            "zh" | "zh-cn" | "zh-hans" | "cn" => Ok(Lang::ZhCn),
            _ if lower == "en" || lower.starts_with("en-") => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

/// One text in both languages: `zh` as the documents state it, `en` translated. Built from
/// constants without allocating ([`Text::fixed`]) or from formatted strings ([`Text::new`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[ts(type = "string")]
    pub zh: Cow<'static, str>,
    #[ts(type = "string")]
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: Cow::Owned(zh.into()),
            en: Cow::Owned(en.into()),
        }
    }

    /// A text from two constants.
    pub const fn fixed(zh: &'static str, en: &'static str) -> Text {
        Text {
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
        }
    }

    /// The half in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_read_every_usual_spelling_and_write_the_locale_name() {
        for zh in ["zh-CN", "zh_cn", "zh", "cn", " ZH-Hans "] {
            assert_eq!(zh.parse::<Lang>().unwrap(), Lang::ZhCn, "{zh}");
        }
        for en in ["en", "en-US", "en_GB", "EN"] {
            assert_eq!(en.parse::<Lang>().unwrap(), Lang::En, "{en}");
        }
        assert!("fr".parse::<Lang>().is_err());
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en-US\"");
        assert_eq!(serde_json::from_str::<Lang>("\"en\"").unwrap(), Lang::En);
        assert_eq!(Lang::ZhCn.as_str(), "zh-CN");
    }

    #[test]
    fn a_text_is_the_same_whether_fixed_or_formatted() {
        let fixed = Text::fixed("你好", "hello");
        assert_eq!(fixed, Text::new("你好".to_string(), "hello"));
        assert_eq!(fixed.get(Lang::En), "hello");
        let json = serde_json::to_string(&fixed).unwrap();
        assert_eq!(json, r#"{"zh":"你好","en":"hello"}"#);
        assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), fixed);
    }
}
