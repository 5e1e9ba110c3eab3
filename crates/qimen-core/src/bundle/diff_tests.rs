use super::*;
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn kinds(diff: &ResponseDiff) -> Vec<(DiffKind, &str)> {
    diff.lines
        .iter()
        .map(|l| (l.kind, l.text.as_str()))
        .collect()
}

/// The side a diff was made from: its same lines with its removed (`old`) or added lines.
fn side(lines: &[DiffLine], kind: DiffKind) -> Vec<String> {
    lines
        .iter()
        .filter(|l| l.kind == DiffKind::Same || l.kind == kind)
        .map(|l| l.text.clone())
        .collect()
}

/// The length of the longest common subsequence, the plain quadratic way.
fn lcs(a: &[&str], b: &[&str]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[test]
fn json_is_compared_as_data_whatever_the_key_order_and_spacing() {
    let diff = response_diff(
        r#"{"b":1,"a":{"y":2,"x":[1,2]}}"#,
        "{ \"a\": {\"x\":[1,2],\"y\":2},\n \"b\": 1 }",
    );
    assert!(diff.same && !diff.has_changes(), "{diff:?}");
    assert!(diff.volatile.is_empty());
    // Pretty-printed with sorted keys: `a` before `b`, `x` before `y`.
    let text: Vec<&str> = diff.lines.iter().map(|l| l.text.trim()).collect();
    assert_eq!(text[1], "\"a\": {");
    assert_eq!(text[2], "\"x\": [");
}

#[test]
fn a_new_request_id_and_time_are_volatile_and_keep_the_answers_the_same() {
    let recorded = r#"{"time_get_response":{"time":"2026-12-01 13:30:00","request_id":"abc123"}}"#;
    let replayed = r#"{"time_get_response":{"request_id":"zzz999","time":"2026-12-01 13:31:07"}}"#;
    let diff = response_diff(recorded, replayed);
    assert!(diff.same, "{diff:?}");
    assert_eq!(diff.volatile, ["request_id", "time"]);
    // The changed lines still show.
    assert!(kinds(&diff).contains(&(DiffKind::Removed, "    \"request_id\": \"abc123\",")));
    assert!(kinds(&diff).contains(&(DiffKind::Added, "    \"request_id\": \"zzz999\",")));
}

#[test]
fn a_different_outcome_differs() {
    let recorded = r#"{"time_get_response":{"time":"t1","request_id":"a"}}"#;
    let replayed = r#"{"error_response":{"code":25,"msg":"Invalid signature","request_id":"b"}}"#;
    let diff = response_diff(recorded, replayed);
    assert!(!diff.same);
    assert_eq!(diff.volatile, ["request_id", "time"]);
    assert!(diff
        .lines
        .iter()
        .any(|l| l.kind == DiffKind::Added && l.text.contains("Invalid signature")));
}

#[test]
fn xml_is_compared_line_by_line_with_its_volatile_elements_blanked() {
    let answer = |flag: &str, id: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><response><flag>{flag}</flag><code>0</code>\
             <timestamp>x</timestamp><request_id>{id}</request_id></response>"
        )
    };
    let diff = response_diff(&answer("success", "r1"), &answer("success", "r2"));
    assert!(diff.same, "{diff:?}");
    assert_eq!(diff.volatile, ["request_id"]);
    // One line each side, as written.
    assert_eq!(diff.lines.len(), 2);
    let diff = response_diff(&answer("success", "r1"), &answer("failure", "r1"));
    assert!(!diff.same && diff.volatile.is_empty());
    // `<time` is not `<timestamp>`.
    assert!(xml_spans("<timestamp>1</timestamp><time a=\"b\">2</time>", "time") == [(36, 37)]);
}

#[test]
fn text_lines_diff_keeps_the_common_lines() {
    let diff = response_diff("a\nb\nc\nd", "a\nx\nc\nd\ne");
    assert!(!diff.same);
    assert_eq!(
        kinds(&diff),
        [
            (DiffKind::Same, "a"),
            (DiffKind::Removed, "b"),
            (DiffKind::Added, "x"),
            (DiffKind::Same, "c"),
            (DiffKind::Same, "d"),
            (DiffKind::Added, "e"),
        ]
    );
    // Line endings do not count.
    assert!(response_diff("a\r\nb\r\n", "a\nb").same);
    assert!(response_diff("", "").same);
}

#[test]
fn long_answers_fall_back_to_blocks_quickly() {
    let big = |tag: &str| {
        (0..20_000)
            .map(|i| format!("{tag}{i}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let started = Instant::now();
    let diff = response_diff(&big("a"), &big("b"));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!diff.same);
    assert_eq!(diff.lines.len(), 40_000);
    assert_eq!(diff.lines[0].kind, DiffKind::Removed);
    assert_eq!(diff.lines[20_000].kind, DiffKind::Added);

    // Many edits within the line limit: blocks too, and each side still reads back.
    let old: Vec<String> = (0..3_000).map(|i| format!("o{i}")).collect();
    let new: Vec<String> = (0..3_000).map(|i| format!("n{i}")).collect();
    let started = Instant::now();
    let diff = response_diff(&old.join("\n"), &new.join("\n"));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(side(&diff.lines, DiffKind::Removed), old);
    assert_eq!(side(&diff.lines, DiffKind::Added), new);

    // A long answer with a change at each end: past the limit, blocks that still read back.
    let mut changed: Vec<String> = (0..20_000).map(|i| format!("a{i}")).collect();
    changed[0] = "first".into();
    changed[19_999] = "last".into();
    let diff = response_diff(&big("a"), &changed.join("\n"));
    assert_eq!(side(&diff.lines, DiffKind::Added), changed);

    // Within the limit, two changes far apart keep every common line.
    let old: Vec<String> = (0..4_000).map(|i| format!("a{i}")).collect();
    let mut new = old.clone();
    new[0] = "first".into();
    new[3_999] = "last".into();
    let diff = response_diff(&old.join("\n"), &new.join("\n"));
    let same = diff
        .lines
        .iter()
        .filter(|l| l.kind == DiffKind::Same)
        .count();
    assert_eq!(same, 3_998);
}

proptest! {
    #[test]
    fn the_diff_rebuilds_both_sides_and_keeps_a_longest_common_run(
        a in prop::collection::vec("[abc]", 0..40),
        b in prop::collection::vec("[abc]", 0..40),
    ) {
        let (a, b): (Vec<&str>, Vec<&str>) = (
            a.iter().map(String::as_str).collect(),
            b.iter().map(String::as_str).collect(),
        );
        let lines = line_diff(&a, &b);
        prop_assert_eq!(side(&lines, DiffKind::Removed), a.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        prop_assert_eq!(side(&lines, DiffKind::Added), b.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let same = lines.iter().filter(|l| l.kind == DiffKind::Same).count();
        prop_assert_eq!(same, lcs(&a, &b));
    }
}
