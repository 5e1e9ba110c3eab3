//! Splitting a curl command copied for Windows cmd. Two readers see such a line in turn: cmd
//! itself (`^` escapes the next character outside `"…"`, a `^` at a line end joins the next line,
//! `%NAME%` is a variable), then the program's own argument splitter (white space between words,
//! `"…"` groups, `\"` is a quote, `""` inside quotes is a quote). Browsers write every quote as
//! `^"` so that cmd leaves all the carets to be removed.

use super::shell::{Cursor, Word};
use super::{CaptureProblem, Paste, ProblemKind};

/// A character left by cmd, with its paste offset.
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    at: usize,
}

pub(super) fn split(paste: &Paste, start: usize) -> Result<Vec<Word>, CaptureProblem> {
    let chars = cmd_pass(paste, start)?;
    argv_pass(paste, &chars)
}

/// What cmd hands to the program.
fn cmd_pass(paste: &Paste, start: usize) -> Result<Vec<Ch>, CaptureProblem> {
    let mut cur = Cursor::new(&paste.text[..paste.end], start);
    let mut out: Vec<Ch> = Vec::new();
    let mut quoted = false;
    while let Some((at, c)) = cur.bump() {
        let word_start = match out.last() {
            Some(ch) => ch.c.is_whitespace(),
            None => true,
        };
        match c {
            '^' if !quoted => {
                if !cur.skip_line_end() {
                    if let Some((at, c)) = cur.bump() {
                        out.push(Ch { c, at });
                    }
                }
            }
            '"' => {
                quoted = !quoted;
                out.push(Ch { c, at });
            }
            '\n' => {
                // A line end closes whatever cmd had open; it is read as white space here.
                quoted = false;
                out.push(Ch { c, at });
            }
            '%' => {
                if let Some(name) = variable(cur.rest()) {
                    return Err(paste
                        .problem(ProblemKind::ShellVariable, at)
                        .about(&format!("%{name}%")));
                }
                out.push(Ch { c, at });
            }
            '|' | '&' | '<' | '>' if !quoted && word_start => break,
            c => out.push(Ch { c, at }),
        }
    }
    Ok(out)
}

/// `NAME` when the text after a `%` is `NAME%`. Two hexadecimal digits (`%E4%B8`) are a URL
/// escape, which cmd leaves alone when no such variable exists.
fn variable(rest: &str) -> Option<&str> {
    let end = rest.find('%')?;
    let name = &rest[..end];
    let first = name.chars().next()?;
    let is_name = (first.is_ascii_alphabetic() || first == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let is_escape = name.len() == 2 && name.chars().all(|c| c.is_ascii_hexdigit());
    (is_name && !is_escape).then_some(name)
}

/// The program's argument splitting over what cmd left.
fn argv_pass(paste: &Paste, chars: &[Ch]) -> Result<Vec<Word>, CaptureProblem> {
    let mut words = Vec::new();
    let mut word: Option<Word> = None;
    let mut quoted = false;
    let mut quote_at = 0;
    let mut i = 0;
    while let Some(&Ch { c, at }) = chars.get(i) {
        i += 1;
        match c {
            ' ' | '\t' | '\n' | '\r' if !quoted => words.extend(word.take()),
            '\\' => {
                let run = chars[i - 1..].iter().take_while(|ch| ch.c == '\\').count();
                let w = word.get_or_insert_with(|| Word::new(at));
                let before_quote = chars.get(i - 1 + run).is_some_and(|ch| ch.c == '"');
                let kept = if before_quote { run / 2 } else { run };
                for ch in &chars[i - 1..i - 1 + kept] {
                    w.push('\\', ch.at);
                }
                i += run - 1;
                if before_quote && run % 2 == 1 {
                    if let Some(quote) = chars.get(i) {
                        w.push('"', quote.at);
                    }
                    i += 1;
                }
            }
            '"' => {
                let w = word.get_or_insert_with(|| Word::new(at));
                if quoted && chars.get(i).is_some_and(|ch| ch.c == '"') {
                    w.push('"', at);
                    i += 1;
                } else {
                    quoted = !quoted;
                    quote_at = at;
                }
            }
            c => word.get_or_insert_with(|| Word::new(at)).push(c, at),
        }
    }
    if quoted {
        return Err(paste
            .problem(ProblemKind::UnclosedQuote, quote_at)
            .about("\""));
    }
    words.extend(word);
    Ok(words)
}
