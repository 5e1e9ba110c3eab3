//! Reading a Qimen standard XML body (`<request>…</request>`) into a small element tree, so the WMS
//! APIs can check fields by path. Malformed input is an error naming what is wrong, never a panic;
//! nesting is capped so a hostile body cannot exhaust the stack.

use quick_xml::events::Event;
use quick_xml::Reader;
use thiserror::Error;

/// Deeper than any Qimen message (they nest 3–4 levels).
const MAX_DEPTH: usize = 32;

/// More elements than any Qimen message has (an order of a few thousand lines stays far below): a
/// body of a million empty elements would otherwise build a tree of hundreds of megabytes.
pub const MAX_ELEMENTS: usize = 50_000;

/// An element: its local name, its own text (trimmed, entities resolved) and its child elements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlElement {
    pub name: String,
    pub text: String,
    pub children: Vec<XmlElement>,
}

impl XmlElement {
    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child with this name.
    pub fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a XmlElement> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child with this name, `None` when absent or blank.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum XmlBodyError {
    #[error("the body is empty; send the XML message with root element <request>")]
    Empty,
    #[error("{0}")]
    Syntax(String),
    #[error("element <{0}> is not closed")]
    Unclosed(String),
    #[error("text or a second root element after </{0}>; send exactly one root element")]
    TrailingContent(String),
    #[error("elements nest deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("more than {MAX_ELEMENTS} elements; send fewer order lines per call")]
    TooManyElements,
    #[error("unknown entity &{0};")]
    UnknownEntity(String),
}

/// Parses a whole XML document into its root element.
pub fn parse(text: &str) -> Result<XmlElement, XmlBodyError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<XmlElement> = Vec::new();
    let mut root: Option<XmlElement> = None;
    let mut elements = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            XmlBodyError::Syntax(format!("{e} (at byte {})", reader.error_position()))
        })?;
        match event {
            Event::Start(_) | Event::Empty(_) if elements >= MAX_ELEMENTS => {
                return Err(XmlBodyError::TooManyElements);
            }
            Event::Start(start) => {
                elements += 1;
                if let Some(done) = &root {
                    return Err(XmlBodyError::TrailingContent(done.name.clone()));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(XmlBodyError::TooDeep);
                }
                stack.push(XmlElement {
                    name: start.local_name().as_ref().to_string(),
                    ..XmlElement::default()
                });
            }
            Event::Empty(empty) => {
                elements += 1;
                let element = XmlElement {
                    name: empty.local_name().as_ref().to_string(),
                    ..XmlElement::default()
                };
                close(&mut stack, &mut root, element)?;
            }
            Event::End(_) => match stack.pop() {
                Some(element) => close(&mut stack, &mut root, element)?,
                None => {
                    return Err(XmlBodyError::Syntax(
                        "an end tag without a start tag".into(),
                    ))
                }
            },
            Event::Text(t) => push_text(&mut stack, &root, &t.xml10_content())?,
            Event::CData(c) => push_text(&mut stack, &root, &c.xml10_content())?,
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| XmlBodyError::UnknownEntity(name.to_string()))?
                            .to_string()
                    }
                    Err(e) => return Err(XmlBodyError::Syntax(e.to_string())),
                };
                push_text(&mut stack, &root, &resolved)?;
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlBodyError::Unclosed(open.name.clone()));
    }
    root.ok_or(XmlBodyError::Empty)
}

/// Adds text to the open element; whitespace between elements and outside the root is ignored,
/// other text outside the root is an error.
fn push_text(
    stack: &mut [XmlElement],
    root: &Option<XmlElement>,
    text: &str,
) -> Result<(), XmlBodyError> {
    match stack.last_mut() {
        Some(element) => {
            element.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => match root {
            Some(done) => Err(XmlBodyError::TrailingContent(done.name.clone())),
            None => Err(XmlBodyError::Syntax(format!(
                "text before the root element: {}",
                text.trim().chars().take(20).collect::<String>()
            ))),
        },
    }
}

fn close(
    stack: &mut [XmlElement],
    root: &mut Option<XmlElement>,
    mut element: XmlElement,
) -> Result<(), XmlBodyError> {
    element.text = element.text.trim().to_string();
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None if root.is_some() => {
            return Err(XmlBodyError::TrailingContent(
                root.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
            ))
        }
        None => *root = Some(element),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_million_empty_elements_are_refused_before_they_are_built() {
        let body = format!("<request>{}</request>", "<a/>".repeat(1_000_000));
        assert_eq!(parse(&body), Err(XmlBodyError::TooManyElements));
        let fine = format!("<request>{}</request>", "<a/>".repeat(MAX_ELEMENTS - 1));
        assert_eq!(parse(&fine).unwrap().children.len(), MAX_ELEMENTS - 1);
    }

    #[test]
    fn reads_nested_elements_text_entities_and_cdata() {
        let root = parse(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<request>\n  <entryOrder>\n    \
             <entryOrderCode>E1</entryOrderCode><remark>A &amp; B &#x4E2D;<![CDATA[<x>]]></remark>\n  \
             </entryOrder><orderLines><orderLine><itemCode>S1</itemCode></orderLine>\
             <orderLine><itemCode>S2</itemCode></orderLine><empty/></orderLines></request>",
        )
        .unwrap();
        assert_eq!(root.name, "request");
        let entry = root.child("entryOrder").unwrap();
        assert_eq!(entry.child_text("entryOrderCode"), Some("E1"));
        assert_eq!(entry.child_text("remark"), Some("A & B 中<x>"));
        let lines = root.child("orderLines").unwrap();
        let codes: Vec<_> = lines
            .children_named("orderLine")
            .filter_map(|l| l.child_text("itemCode"))
            .collect();
        assert_eq!(codes, vec!["S1", "S2"]);
        assert_eq!(lines.child_text("empty"), None);
    }

    #[test]
    fn malformed_documents_are_errors_not_panics() {
        assert_eq!(parse(""), Err(XmlBodyError::Empty));
        assert_eq!(parse("   "), Err(XmlBodyError::Empty));
        assert!(matches!(
            parse("<request><a></request>"),
            Err(XmlBodyError::Syntax(_))
        ));
        assert_eq!(
            parse("<request><a>"),
            Err(XmlBodyError::Unclosed("a".into()))
        );
        assert!(matches!(
            parse("<a/><b/>"),
            Err(XmlBodyError::TrailingContent(_))
        ));
        assert!(matches!(parse("hello"), Err(XmlBodyError::Syntax(_))));
        assert_eq!(
            parse("<a>&nbsp;</a>"),
            Err(XmlBodyError::UnknownEntity("nbsp".into()))
        );
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert_eq!(parse(&deep), Err(XmlBodyError::TooDeep));
    }
}
