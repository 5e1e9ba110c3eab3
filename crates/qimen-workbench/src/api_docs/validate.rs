//! The checks every catalogue entry passes before a user sees it: both languages present, names
//! that are API names, examples that are valid for their kind, XML bodies that parse with a
//! `<request>` root, and what each family needs (an XML body for Qimen standard, the provider's
//! AppKey for Qimen cloud).

use super::{ApiDoc, ApiDocsError, ParamDoc, ParamKind};
use qimen_core::clock::parse_gmt8;
use qimen_core::protocol::request::SYSTEM_PARAMS;
use qimen_core::protocol::ApiFamily;
use qimen_core::text::Text;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashSet;

/// Checks every entry; the first problem is the error.
pub fn validate(docs: &[ApiDoc]) -> Result<(), ApiDocsError> {
    let mut names = HashSet::new();
    for doc in docs {
        let fail = |field: &str, problem: String| ApiDocsError::Entry {
            api: doc.name.clone(),
            field: field.to_string(),
            problem,
        };
        for name in std::iter::once(&doc.name).chain(doc.aliases.iter()) {
            if !is_method_name(name) {
                return Err(fail(
                    "name",
                    format!("\"{name}\" is not an API name (letters, digits, . _ -)"),
                ));
            }
            if !names.insert(name.clone()) {
                return Err(fail(
                    "name",
                    format!("\"{name}\" is listed twice; keep one entry"),
                ));
            }
        }
        both_languages(&doc.title).map_err(|lang| fail("title", format!("has no {lang} text")))?;
        both_languages(&doc.description)
            .map_err(|lang| fail("description", format!("has no {lang} text")))?;
        match doc.family {
            ApiFamily::QimenStandard => {
                let body = doc.body_example.as_deref().ok_or_else(|| {
                    fail(
                        "body_example",
                        "is missing; a Qimen standard API is sent with an XML body".into(),
                    )
                })?;
                check_request_xml(body).map_err(|p| fail("body_example", p))?;
            }
            ApiFamily::QimenCloud if doc.target_app_key.is_none() => {
                return Err(fail(
                    "target_app_key",
                    "is missing; a Qimen cloud API names its provider's AppKey".into(),
                ));
            }
            _ => {}
        }
        if doc.wdt_sign.is_some() && doc.family != ApiFamily::QimenCloud {
            return Err(fail(
                "wdt_sign",
                "is set on an API that is not a Qimen cloud API".into(),
            ));
        }
        let mut params = HashSet::new();
        for param in &doc.params {
            if !params.insert(param.name.as_str()) {
                return Err(fail(
                    &format!("param {}", param.name),
                    "is listed twice".into(),
                ));
            }
            check_param(param).map_err(|p| fail(&format!("param {}", param.name), p))?;
        }
    }
    Ok(())
}

fn is_method_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn both_languages(text: &Text) -> Result<(), &'static str> {
    if text.zh.trim().is_empty() {
        Err("Chinese (zh)")
    } else if text.en.trim().is_empty() {
        Err("English (en)")
    } else {
        Ok(())
    }
}

fn check_param(param: &ParamDoc) -> Result<(), String> {
    if param.name.trim().is_empty() || param.name.chars().any(char::is_whitespace) {
        return Err("has a blank name or a name with spaces".into());
    }
    if SYSTEM_PARAMS.contains(&param.name.as_str()) {
        return Err("is a system parameter; the console sets it from the profile".into());
    }
    both_languages(&param.description).map_err(|lang| format!("description has no {lang} text"))?;
    if param.offset_hours.is_some() {
        if param.kind != ParamKind::Datetime {
            return Err("has offset_hours but is not a datetime".into());
        }
        if param.example.is_some() {
            return Err("has both an example and offset_hours; keep one".into());
        }
    }
    if (param.kind == ParamKind::Enum) == param.allowed.is_empty() {
        return Err("an enum lists its allowed values, and only an enum does".into());
    }
    match &param.example {
        Some(example) => check_value(param, example),
        None => Ok(()),
    }
}

/// Whether `value` is valid for the parameter's kind; the message says what was expected.
pub fn check_value(param: &ParamDoc, value: &str) -> Result<(), String> {
    let ok = match param.kind {
        ParamKind::String => !value.trim().is_empty(),
        ParamKind::Integer => value.trim().parse::<i64>().is_ok(),
        ParamKind::Datetime => parse_gmt8(value).is_some(),
        ParamKind::Json => matches!(
            serde_json::from_str::<serde_json::Value>(value.trim()),
            Ok(serde_json::Value::Object(_) | serde_json::Value::Array(_))
        ),
        ParamKind::Boolean => matches!(value.trim(), "true" | "false"),
        ParamKind::Enum => param.allowed.iter().any(|a| a == value.trim()),
    };
    if ok {
        return Ok(());
    }
    let expected = match param.kind {
        ParamKind::String => "a non-blank text".to_string(),
        ParamKind::Integer => "a whole number, e.g. 40".to_string(),
        ParamKind::Datetime => "yyyy-MM-dd HH:mm:ss, e.g. 2024-05-20 10:00:00".to_string(),
        ParamKind::Json => "a JSON object or array, e.g. {\"key\":\"value\"}".to_string(),
        ParamKind::Boolean => "true or false".to_string(),
        ParamKind::Enum => format!("one of {}", param.allowed.join(", ")),
    };
    Err(format!("example \"{value}\" is not {expected}"))
}

/// A well-formed XML document whose root element is `<request>`.
fn check_request_xml(body: &str) -> Result<(), String> {
    let mut reader = Reader::from_str(body);
    let mut depth = 0usize;
    let mut root_seen = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                if depth == 0 {
                    if root_seen || start.name().into_inner() != "request" {
                        return Err("must have a single <request> root element".into());
                    }
                    root_seen = true;
                }
                depth += 1;
            }
            Ok(Event::End(_)) => {
                depth = depth
                    .checked_sub(1)
                    .ok_or("has a closing tag without its opening tag")?;
            }
            Ok(Event::Empty(_)) if depth == 0 => {
                return Err("must have a <request> root element with content".into())
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("is not well-formed XML: {e}")),
        }
    }
    match (root_seen, depth) {
        (true, 0) => Ok(()),
        (false, _) => Err("has no <request> root element".into()),
        _ => Err("ends before every element is closed".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_bodies_need_one_closed_request_root() {
        assert!(check_request_xml("<?xml version=\"1.0\"?><request><a>1</a></request>").is_ok());
        assert!(check_request_xml("<order><a/></order>").is_err());
        assert!(check_request_xml("<request><a></request>").is_err());
        assert!(check_request_xml("<request><a/>").is_err());
        assert!(check_request_xml("<request/><request/>").is_err());
    }
}
