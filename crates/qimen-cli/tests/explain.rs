//! `qimen explain`: catalogue look-ups in both languages, and unknown codes.

mod common;

use common::qimen;
use predicates::prelude::*;

#[test]
fn explains_code_25_in_chinese_by_default() {
    qimen()
        .args(["explain", "25"])
        .assert()
        .success()
        .stdout(predicate::str::contains("错误:").and(predicate::str::contains("(25)")))
        .stdout(predicate::str::contains("原因:").and(predicate::str::contains("处理:")));
}

#[test]
fn explains_code_25_in_english() {
    qimen()
        .args(["explain", "25", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Error:").and(predicate::str::contains("Remedy:")));
}

#[test]
fn explains_a_missing_parameter_sub_code_naming_the_parameter() {
    // With the code and the sub-code.
    qimen()
        .args([
            "explain",
            "40",
            "isv.missing-parameter:fields",
            "--lang",
            "en",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("`fields`"));
    // A sub-code alone is recognised too.
    qimen()
        .args(["explain", "isv.missing-parameter", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("isv.missing-parameter"));
}

#[test]
fn an_unknown_code_exits_1_with_a_message() {
    qimen()
        .args(["explain", "no-such-code-123"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-code-123"));
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    qimen()
        .args(["explain", "25", "--lang", "fr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--lang"));
}
