//! XML answers as JSON, so every family's `data` can be shown and queried the same way.
//!
//! Rules: an element with only text becomes a string (an empty element an empty string); an
//! element with children becomes an object; a name repeated among siblings becomes an array, and so
//! does every child of an element marked `list="true"` (how TOP's XML marks lists, even of one);
//! other attributes are kept as `"@name"`; text beside children is kept as `"#text"`. Comments,
//! processing instructions and the `<?xml …?>` prolog are skipped. Anything that is not one
//! well-formed document gives `None`.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde_json::{Map, Value};

/// Deeper documents are refused: the platform never nests this far, and a bounded depth keeps
/// building and dropping the JSON value cheap on hostile input.
const MAX_DEPTH: usize = 128;

/// The root element's name and its content as JSON.
pub(super) fn xml_to_json(text: &str) -> Option<(String, Value)> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<(String, Value)> = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) => {
                if root.is_some() || stack.len() >= MAX_DEPTH {
                    return None;
                }
                stack.push(Frame::open(&start)?);
            }
            Event::Empty(start) => {
                if root.is_some() {
                    return None;
                }
                let frame = Frame::open(&start)?;
                close(frame, &mut stack, &mut root);
            }
            Event::End(_) => {
                // quick-xml has already checked that the end tag matches the open one.
                let frame = stack.pop()?;
                close(frame, &mut stack, &mut root);
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content())?,
            Event::CData(c) => push_text(&mut stack, &c.xml10_content())?,
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => match resolve_predefined_entity(&name) {
                        Some(text) => text.to_string(),
                        // An entity declared in a DTD we do not read: keep it as written.
                        None => format!("&{name};"),
                    },
                    Err(_) => return None,
                };
                push_text(&mut stack, &resolved)?;
            }
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => return if stack.is_empty() { root } else { None },
        }
    }
}

/// An element being read.
struct Frame {
    name: String,
    /// Children and kept attributes.
    fields: Map<String, Value>,
    text: String,
    has_children: bool,
    /// `list="true"`: every child is an array.
    is_list: bool,
}

impl Frame {
    fn open(start: &BytesStart<'_>) -> Option<Frame> {
        let mut frame = Frame {
            name: start.name().into_inner().to_string(),
            fields: Map::new(),
            text: String::new(),
            has_children: false,
            is_list: false,
        };
        for attribute in start.attributes() {
            let attribute = attribute.ok()?;
            let key = attribute.key.into_inner();
            let value = attribute.normalized_value(XmlVersion::Implicit1_0).ok()?;
            if key == "list" && value.trim() == "true" {
                frame.is_list = true;
            } else {
                frame
                    .fields
                    .insert(format!("@{key}"), Value::String(value.into_owned()));
            }
        }
        Some(frame)
    }

    fn into_value(mut self) -> Value {
        if !self.has_children && self.fields.is_empty() {
            return Value::String(self.text);
        }
        let text = self.text.trim();
        if !text.is_empty() {
            self.fields
                .insert("#text".to_string(), Value::String(text.to_string()));
        }
        Value::Object(self.fields)
    }
}

fn close(frame: Frame, stack: &mut [Frame], root: &mut Option<(String, Value)>) {
    let name = frame.name.clone();
    let value = frame.into_value();
    let Some(parent) = stack.last_mut() else {
        *root = Some((name, value));
        return;
    };
    parent.has_children = true;
    match parent.fields.get_mut(&name) {
        // Only repetition makes arrays, so an existing array is one we are building.
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
        None if parent.is_list => {
            parent.fields.insert(name, Value::Array(vec![value]));
        }
        None => {
            parent.fields.insert(name, value);
        }
    }
}

/// Text inside an element is collected; outside the root only whitespace is allowed.
fn push_text(stack: &mut [Frame], text: &str) -> Option<()> {
    match stack.last_mut() {
        Some(frame) => frame.text.push_str(text),
        None if text.trim().is_empty() => {}
        None => return None,
    }
    Some(())
}
