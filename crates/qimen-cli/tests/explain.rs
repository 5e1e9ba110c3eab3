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

/// Piped into a reader that stops early (`qimen … | head -n1`), the command ends quietly.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_qimen"))
        .args(["explain", "25", "--lang", "en"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qimen starts");
    // Read nothing and close the pipe before the command writes.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr read");
    let _ = child.wait();
    assert!(!stderr.contains("panicked"), "{stderr}");
}
