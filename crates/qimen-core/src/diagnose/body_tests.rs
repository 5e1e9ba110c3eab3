//! The body variants: re-serialised JSON keeps its member order, XML loses only the whitespace
//! between tags, and a variant equal to the body sent is not offered.

use super::body::*;

#[test]
fn json_compact_keeps_member_order_and_string_contents() {
    let pretty = "{\n  \"b\": \"x y\",\n  \"a\": [1, {\"q\": \"\\\" }\"}]\n}";
    assert_eq!(json_compact(pretty), r#"{"b":"x y","a":[1,{"q":"\" }"}]}"#);
}

#[test]
fn json_pretty_lays_out_like_the_common_printers() {
    let compact = r#"{"b":"x","a":[1,2],"e":{},"f":[]}"#;
    assert_eq!(
        json_pretty(compact, 2),
        "{\n  \"b\": \"x\",\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": {},\n  \"f\": []\n}"
    );
    // What serde_json's own pretty printer writes for the same members.
    let value: serde_json::Value = serde_json::from_str(r#"{"a":[1,2],"b":"x"}"#).unwrap();
    let expected = serde_json::to_string_pretty(&value).unwrap();
    assert_eq!(json_pretty(r#"{"a":[1,2],"b":"x"}"#, 2), expected);
}

#[test]
fn xml_whitespace_between_tags_only() {
    let xml = "<a>\n  <b> keep me </b>\n  <c/>\n</a>";
    assert_eq!(xml_without_whitespace(xml), "<a><b> keep me </b><c/></a>");
    assert_eq!(
        xml_without_declaration("<?xml version=\"1.0\"?>\n<a/>").as_deref(),
        Some("<a/>")
    );
    assert_eq!(xml_without_declaration("<a/>"), None);
}

#[test]
fn variants_differ_from_the_body_and_from_each_other() {
    let body = r#"{"a":1}"#;
    let variants = body_variants(body);
    let names: Vec<&str> = variants.iter().map(|(v, _)| v.as_str()).collect();
    // Already compact and sorted: only the layouts and the BOM remain.
    assert_eq!(names, ["json-pretty-2", "json-pretty-4", "bom-added"]);
    for (_, text) in &variants {
        assert_ne!(text, body);
    }
    let crlf = "<a>\r\n</a>";
    let names: Vec<&str> = body_variants(crlf)
        .iter()
        .map(|(v, _)| v.as_str())
        .collect();
    assert_eq!(
        names,
        ["xml-without-whitespace", "lf-line-breaks", "bom-added"]
    );
}
