//! The bodies a sender may have signed instead of the one it sent: the same document re-serialised,
//! trimmed, with other line breaks or a byte-order mark. Each is named from the signer's side
//! ("the signed body was compact JSON").

use super::sign_causes;
use super::Cause;

/// How the signed body differs from the body sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum BodyVariant {
    /// JSON without any whitespace between tokens, members in the order sent.
    JsonCompact,
    /// JSON indented by two spaces.
    JsonPretty2,
    /// JSON indented by four spaces.
    JsonPretty4,
    /// JSON re-written with its object members sorted by name.
    JsonSortedKeys,
    /// XML without the whitespace between tags.
    XmlWithoutWhitespace,
    /// XML without its `<?xml …?>` declaration.
    XmlWithoutDeclaration,
    /// Leading and trailing whitespace removed.
    Trimmed,
    /// CRLF line breaks signed as LF.
    LfLineBreaks,
    /// LF line breaks signed as CRLF.
    CrlfLineBreaks,
    /// A byte-order mark sent but not signed.
    BomLeftOut,
    /// A byte-order mark signed but not sent.
    BomAdded,
}

const BOM: char = '\u{FEFF}';

impl BodyVariant {
    /// The id written as a cause's detail.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            BodyVariant::JsonCompact => "json-compact",
            BodyVariant::JsonPretty2 => "json-pretty-2",
            BodyVariant::JsonPretty4 => "json-pretty-4",
            BodyVariant::JsonSortedKeys => "json-sorted-keys",
            BodyVariant::XmlWithoutWhitespace => "xml-without-whitespace",
            BodyVariant::XmlWithoutDeclaration => "xml-without-declaration",
            BodyVariant::Trimmed => "trimmed",
            BodyVariant::LfLineBreaks => "lf-line-breaks",
            BodyVariant::CrlfLineBreaks => "crlf-line-breaks",
            BodyVariant::BomLeftOut => "bom-left-out",
            BodyVariant::BomAdded => "bom-added",
        }
    }

    /// The `body-changed` cause for this variant.
    pub(crate) fn cause(self) -> Cause {
        let (zh, en) = match self {
            BodyVariant::JsonCompact => (
                "签名用的是压缩成一行、没有空格的 JSON，发送的 JSON 却带有空格或换行",
                "the sign covers the JSON compacted onto one line without spaces, but the JSON sent has spaces or line breaks",
            ),
            BodyVariant::JsonPretty2 | BodyVariant::JsonPretty4 => (
                "签名用的是带缩进、分行格式化的 JSON，发送的却是另一种排版",
                "the sign covers an indented, pretty-printed JSON, but another layout was sent",
            ),
            BodyVariant::JsonSortedKeys => (
                "签名用的 JSON 字段顺序被重新排过（按字段名排序）",
                "the sign covers the JSON with its fields re-ordered by name",
            ),
            BodyVariant::XmlWithoutWhitespace => (
                "签名用的 XML 去掉了标签之间的空格和换行",
                "the sign covers the XML with the spaces and line breaks between tags removed",
            ),
            BodyVariant::XmlWithoutDeclaration => (
                "签名用的 XML 没有开头的 <?xml …?> 声明",
                "the sign covers the XML without its <?xml …?> declaration",
            ),
            BodyVariant::Trimmed => (
                "签名用的报文去掉了开头或结尾的空格、换行",
                "the sign covers the body with its leading or trailing spaces and line breaks trimmed",
            ),
            BodyVariant::LfLineBreaks => (
                "签名用的换行是 LF（\\n），发送的却是 CRLF（\\r\\n）",
                "the sign covers LF (\\n) line breaks, but CRLF (\\r\\n) was sent",
            ),
            BodyVariant::CrlfLineBreaks => (
                "签名用的换行是 CRLF（\\r\\n），发送的却是 LF（\\n）",
                "the sign covers CRLF (\\r\\n) line breaks, but LF (\\n) was sent",
            ),
            BodyVariant::BomLeftOut => (
                "发送的报文开头有 BOM 字节序标记，签名时没有",
                "the body sent starts with a byte-order mark (BOM) that the sign does not cover",
            ),
            BodyVariant::BomAdded => (
                "签名时报文开头多了 BOM 字节序标记，发送时没有",
                "the sign covers a byte-order mark (BOM) at the start that was not sent",
            ),
        };
        sign_causes::body_changed(self.as_str(), zh, en)
    }
}

/// Every variant of `body` that differs from it and from the variants before it, with the text
/// the sender would have signed.
pub(crate) fn body_variants(body: &str) -> Vec<(BodyVariant, String)> {
    let mut found: Vec<(BodyVariant, String)> = Vec::new();
    let mut add = |variant: BodyVariant, text: Option<String>| {
        if let Some(text) = text {
            if text != body && !found.iter().any(|(_, t)| *t == text) {
                found.push((variant, text));
            }
        }
    };
    let content = body.trim_start_matches(BOM).trim();
    if content.starts_with('{') || content.starts_with('[') {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(content) {
            let compact = json_compact(body);
            add(BodyVariant::JsonCompact, Some(compact.clone()));
            add(BodyVariant::JsonPretty2, Some(json_pretty(&compact, 2)));
            add(BodyVariant::JsonPretty4, Some(json_pretty(&compact, 4)));
            add(BodyVariant::JsonSortedKeys, Some(value.to_string()));
        }
    } else if content.starts_with('<') {
        add(
            BodyVariant::XmlWithoutWhitespace,
            Some(xml_without_whitespace(body)),
        );
        add(
            BodyVariant::XmlWithoutDeclaration,
            xml_without_declaration(body),
        );
    }
    add(BodyVariant::Trimmed, Some(body.trim().to_string()));
    if body.contains("\r\n") {
        add(BodyVariant::LfLineBreaks, Some(body.replace("\r\n", "\n")));
    } else if body.contains('\n') {
        add(
            BodyVariant::CrlfLineBreaks,
            Some(body.replace('\n', "\r\n")),
        );
    }
    match body.strip_prefix(BOM) {
        Some(rest) => add(BodyVariant::BomLeftOut, Some(rest.to_string())),
        None => add(BodyVariant::BomAdded, Some(format!("{BOM}{body}"))),
    }
    found
}

/// JSON text without whitespace outside strings; members stay in their order.
pub(crate) fn json_compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() && c != BOM {
            out.push(c);
        }
    }
    out
}

/// Compact JSON text laid out with `indent` spaces per level and `": "` after names, the layout
/// of the common pretty printers; empty objects and arrays stay `{}` and `[]`.
pub(crate) fn json_pretty(compact: &str, indent: usize) -> String {
    let chars: Vec<char> = compact.chars().collect();
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&" ".repeat(depth * indent));
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else {
            match c {
                '"' => {
                    in_string = true;
                    out.push(c);
                }
                '{' | '[' => {
                    out.push(c);
                    if matches!(chars.get(i + 1), Some('}' | ']')) {
                        out.push(chars[i + 1]);
                        i += 1;
                    } else {
                        depth += 1;
                        newline(&mut out, depth);
                    }
                }
                '}' | ']' => {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                    out.push(c);
                }
                ',' => {
                    out.push(c);
                    newline(&mut out, depth);
                }
                ':' => out.push_str(": "),
                _ => out.push(c),
            }
        }
        i += 1;
    }
    out
}

/// XML with the whitespace-only text between a `>` and the next `<` removed.
pub(crate) fn xml_without_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = String::new();
    let mut after_tag = false;
    for c in text.chars() {
        if after_tag && c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if c != '<' {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
        after_tag = c == '>';
    }
    out.push_str(&pending);
    out
}

/// XML without a leading `<?xml …?>` declaration (and the whitespace after it).
pub(crate) fn xml_without_declaration(text: &str) -> Option<String> {
    let start = text.trim_start_matches(BOM).trim_start();
    let rest = start.strip_prefix("<?xml")?;
    let end = rest.find("?>")?;
    Some(rest[end + 2..].trim_start().to_string())
}
