//! The data files against the source documents themselves: every Chinese text that quotes a document is
//! found in it, every app type carries exactly the markers printed on its line, and every Taobaoke
//! threshold is the number and comparison the rule's own sentence states.
//!
//! The documents are read from `QIMEN_SEEDS_DIR`, or from the project's shared seeds folder beside the
//! checkout. They are not part of the crate; where they are absent the test says so and checks nothing.

use qimen_core::text::Text;
use qimen_workbench::catalog;
use qimen_workbench::catalog::taobaoke::Op;
use qimen_workbench::catalog::SourceRef;
use std::path::PathBuf;

fn seed(name: &str) -> Option<String> {
    let dir = std::env::var_os("QIMEN_SEEDS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds"));
    match std::fs::read_to_string(dir.join(name)) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!(
                "source document {name} not found in {} ({e}): cross-check skipped",
                dir.display()
            );
            None
        }
    }
}

/// Whitespace removed and HTML entities decoded, so line breaks and `&lt;` do not hide a match.
fn normalise(text: &str) -> String {
    text.replace("&lt;", "<")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The document with its Markdown emphasis and links taken out (`**三、清退规则：**`,
/// `[**解读**](…)`), so a quoted passage reads as the words a reader sees.
fn without_markup(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after
            .find("](")
            .and_then(|mid| after[mid..].find(')').map(|end| mid + end))
        {
            Some(end) => rest = &after[end + 1..],
            None => {
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "")
}

/// Every source passage quoted in a data file is in its document, word for word.
fn assert_source(raw: &str, what: &str, source: Option<&SourceRef>) {
    let Some(source) = source else { return };
    let needle = normalise(&source.quote);
    let plain = normalise(&without_markup(raw));
    assert!(
        plain.contains(&needle),
        "{what}: source passage `{}` is not in the document",
        source.quote
    );
}

fn assert_quoted(doc: &str, what: &str, text: &Text) {
    let needle = normalise(&text.zh);
    assert!(
        doc.contains(&needle),
        "{what}: `{}` is not in the document",
        text.zh
    );
}

#[test]
fn document_000_texts_and_markers() {
    let Some(raw) = seed("000_427e4b88eb4f5809.txt") else {
        return;
    };
    let doc = normalise(&raw);
    let c = catalog::app_types().unwrap();
    for link in &c.links {
        assert_quoted(&doc, "link label", &link.label);
        assert!(doc.contains(&link.url), "{}", link.url);
    }
    for l in c.legend.iter().filter(|l| l.in_document_legend) {
        assert!(
            doc.contains(&format!("{}：{}", normalise(&l.label.zh), l.marker)),
            "legend {}",
            l.marker
        );
    }
    for kind in &c.kinds {
        assert_quoted(&doc, "kind", &kind.name);
        assert_quoted(&doc, "kind description", &kind.description);
        if let Some(o) = &kind.overview {
            assert_quoted(&doc, "overview", o);
        }
    }
    for r in c.entries() {
        let id = &r.entry.id;
        assert_quoted(&doc, id, &r.entry.name);
        assert_quoted(&doc, id, &r.category.name);
        if let Some(d) = &r.entry.description {
            assert_quoted(&doc, id, d);
        }
        for n in &r.entry.notes {
            assert_quoted(&doc, id, &n.text);
        }
        if r.entry.unnamed_in_document {
            continue;
        }
        // The entry's own line: "+ <name>" followed by a space, a marker, a backtick or the line's end.
        let line = raw
            .lines()
            .find(|l| {
                l.trim_start().strip_prefix("+ ").is_some_and(|rest| {
                    rest.strip_prefix(r.entry.name.zh.as_ref())
                        .is_some_and(|after| after.is_empty() || after.starts_with([' ', '`']))
                })
            })
            .unwrap_or_else(|| panic!("no line for {id}"));
        let printed: Vec<&str> = c
            .legend
            .iter()
            .map(|l| l.marker.as_str())
            .filter(|m| line.contains(m))
            .collect();
        let mut expected: Vec<&str> = r.entry.markers.iter().map(String::as_str).collect();
        expected.sort_by_key(|m| c.legend.iter().position(|l| l.marker == *m));
        assert_eq!(printed, expected, "markers of {id} on line `{line}`");
    }
}

/// 50000 → "5万", 18 → "18".
fn chinese_number(value: u64) -> String {
    if value >= 10_000 && value.checked_rem(10_000) == Some(0) {
        format!("{}万", value / 10_000)
    } else {
        value.to_string()
    }
}

#[test]
fn document_002_texts_and_thresholds() {
    let Some(raw) = seed("002_5858e4a89c7af5d2.txt") else {
        return;
    };
    let doc = normalise(&raw);
    let t = catalog::taobaoke().unwrap();
    assert_quoted(&doc, "scope", &t.scope);
    assert_quoted(&doc, "revocation", &t.revocation.consequence);
    for r in &t.revocation.rules {
        assert_quoted(&doc, "revocation rule", &r.text);
    }
    for f in &t.faq {
        assert_quoted(&doc, "faq", &f.question);
    }
    assert_source(&raw, "revocation", t.revocation.source.as_ref());
    for p in &t.packages {
        assert_quoted(&doc, "package", &p.description);
        assert_quoted(&doc, "result", &p.result);
        if let Some(n) = &p.invitation_note {
            assert_quoted(&doc, "invitation", n);
        }
        for link in &p.apply_links {
            assert!(raw.contains(&link.url), "{}", link.url);
        }
        assert!(
            p.source.is_some(),
            "package {:?} has its source passage",
            p.id
        );
        assert_source(&raw, "package", p.source.as_ref());
        for rule in &p.rules {
            assert_quoted(&doc, &rule.id, &rule.text);
            for check in rule.all.iter().chain(&rule.any) {
                let Some(value) = check.value else { continue };
                let words = match check.op {
                    Op::Ge => "大于等于",
                    Op::Lt => "<",
                    other => panic!("{other:?} is not used by the document"),
                };
                // The comparison and number the document prints, e.g. "大于等于5万" or "<18".
                let stated = format!("{words}{}", chinese_number(value));
                assert!(
                    rule.text.zh.contains(&stated),
                    "rule {} does not state `{stated}`",
                    rule.id
                );
            }
        }
    }
}

/// The two typos the data file corrects (see its header).
fn corrected(doc: String) -> String {
    doc.replace("从从旺店通ERP获取", "从旺店通ERP获取")
        .replace("定义的接标准口", "定义的标准接口")
}

#[test]
fn document_003_texts() {
    let Some(raw) = seed("003_65975028b186b051.txt") else {
        return;
    };
    let doc = corrected(normalise(&raw));
    let w = catalog::wdt_guide().unwrap();
    let k = &w.constants;
    for constant in [
        &k.qimen_company_name,
        &k.wdt_target_app_key,
        &k.joint_test_api,
        &k.joint_test_domain,
    ] {
        assert!(doc.contains(constant.as_str()), "{constant}");
    }
    assert_quoted(&doc, "company", &k.company_name_text);
    assert_quoted(&doc, "target app", &k.target_app_key_text);
    assert!(raw.contains(&w.background_link.url));
    for case in &w.materials.cases {
        assert_quoted(&doc, "case", &case.text);
    }
    for s in w.materials.sections.iter().filter_map(|s| s.intro.as_ref()) {
        assert_quoted(&doc, "section intro", s);
    }
    assert_source(&raw, "constants", k.source.as_ref());
    for case in &w.materials.cases {
        assert_source(&raw, "case", case.source.as_ref());
    }
    for section in &w.materials.sections {
        assert_source(&raw, "section", section.source.as_ref());
    }
    // A channel's text is the guide's plain wording; its source passage is the document's.
    for ch in &w.joint_test_channels {
        assert!(
            ch.source.is_some(),
            "channel {:?} has its source passage",
            ch.id
        );
        assert_source(&raw, "channel", ch.source.as_ref());
    }
    for s in &w.scenarios {
        assert_quoted(&doc, &s.id, &s.name);
        for other in &s.other_names {
            assert!(doc.contains(other.zh.as_ref() as &str), "{}", other.zh);
        }
        assert_source(&raw, &s.id, s.source.as_ref());
    }
    for id in ["online_offline_erp", "qimen_custom"] {
        assert_quoted(&doc, id, &w.scenario(id).unwrap().description);
    }
    for step in &w.steps {
        for t in step.skippable.iter().chain(&step.wait_text) {
            assert_quoted(&doc, &step.id, t);
        }
        for link in &step.links {
            assert!(raw.contains(&link.url), "{}", link.url);
        }
        assert!(
            step.source.is_some(),
            "step {} has its source passage",
            step.id
        );
        assert_source(&raw, &step.id, step.source.as_ref());
    }
}
