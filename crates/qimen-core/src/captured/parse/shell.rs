//! Splitting a copied curl command into its words as bash would: `'…'`, `"…"` (with `\` before
//! `$ ` \ "` and line ends), `$'…'` with its escapes, `\` outside quotes, backslash-newline
//! continuations, `#` comments. A variable or a substitution outside single quotes is refused:
//! its value is not in the paste. The Windows cmd form is split by [`super::cmd`].
//!
//! Every word keeps, for each of its bytes, where it came from in the paste.

use super::ansi_c::ansi_c;
use super::{cmd, CaptureProblem, Origin, Paste, ProblemKind};

/// One word of the command, its quotes and escapes removed.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub text: String,
    /// The paste offset of each byte of `text`.
    pub offsets: Vec<usize>,
    /// Where the word starts in the paste.
    pub start: usize,
}

impl Word {
    pub fn new(start: usize) -> Self {
        Word {
            text: String::new(),
            offsets: Vec::new(),
            start,
        }
    }

    pub fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.offsets.extend(std::iter::repeat_n(at, c.len_utf8()));
    }

    /// Where the bytes of the word (from byte `from` on) are in the paste.
    pub fn origin(&self, from: usize) -> Origin<'_> {
        if self.offsets.is_empty() {
            Origin::At(self.start)
        } else {
            Origin::Table(&self.offsets).from(from)
        }
    }
}

/// Whether a word names the curl program (`curl`, `curl.exe`, a path to it, in quotes or not).
pub(super) fn is_curl_word(word: &str) -> bool {
    let word = word.trim_matches(['"', '\'']);
    let name = word.rsplit(['/', '\\']).next().unwrap_or(word);
    name.eq_ignore_ascii_case("curl") || name.eq_ignore_ascii_case("curl.exe")
}

/// Splits the command starting at `start`, in the cmd form when it has cmd's carets.
pub(super) fn split(paste: &Paste, start: usize) -> Result<Vec<Word>, CaptureProblem> {
    let text = &paste.text[start..paste.end];
    if text.contains("^\"") || text.contains("^\n") || text.contains("^\r\n") || text.contains("^&")
    {
        cmd::split(paste, start)
    } else {
        bash(paste, start)
    }
}

/// A reading position in the paste.
pub(super) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    pub fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    pub fn bump(&mut self) -> Option<(usize, char)> {
        let c = self.peek()?;
        let at = self.pos;
        self.pos += c.len_utf8();
        Some((at, c))
    }

    /// Skips a line end (`\n` or `\r\n`) when one comes next.
    pub fn skip_line_end(&mut self) -> bool {
        match (self.peek(), self.peek_second()) {
            (Some('\n'), _) => self.pos += 1,
            (Some('\r'), Some('\n')) => self.pos += 2,
            _ => return false,
        }
        true
    }
}

fn bash(paste: &Paste, start: usize) -> Result<Vec<Word>, CaptureProblem> {
    let mut cur = Cursor::new(&paste.text[..paste.end], start);
    let mut words = Vec::new();
    let mut word: Option<Word> = None;
    while let Some((at, c)) = cur.bump() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\\' => {
                if !cur.skip_line_end() {
                    let w = word.get_or_insert_with(|| Word::new(at));
                    match cur.bump() {
                        Some((next_at, next)) => w.push(next, next_at),
                        None => w.push('\\', at),
                    }
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(|| Word::new(at));
                loop {
                    match cur.bump() {
                        Some((_, '\'')) => break,
                        Some((c_at, c)) => w.push(c, c_at),
                        None => return Err(unclosed(paste, at, "'")),
                    }
                }
            }
            '"' => double_quoted(
                paste,
                &mut cur,
                at,
                word.get_or_insert_with(|| Word::new(at)),
            )?,
            '$' if cur.peek() == Some('\'') => {
                cur.bump();
                ansi_c(
                    paste,
                    &mut cur,
                    at,
                    word.get_or_insert_with(|| Word::new(at)),
                )?;
            }
            '$' if cur.peek() == Some('"') => {
                cur.bump();
                double_quoted(
                    paste,
                    &mut cur,
                    at,
                    word.get_or_insert_with(|| Word::new(at)),
                )?;
            }
            '$' | '`' => {
                check_substitution(paste, &cur, at, c)?;
                word.get_or_insert_with(|| Word::new(at)).push(c, at);
            }
            '#' if word.is_none() => {
                while cur.peek().is_some_and(|c| c != '\n') {
                    cur.bump();
                }
            }
            '|' | ';' | '&' | '>' | '<' if word.is_none() => break,
            c => word.get_or_insert_with(|| Word::new(at)).push(c, at),
        }
    }
    words.extend(word);
    Ok(words)
}

pub(super) fn unclosed(paste: &Paste, at: usize, quote: &str) -> CaptureProblem {
    paste.problem(ProblemKind::UnclosedQuote, at).about(quote)
}

/// `"…"`: `\` escapes only `$`, `` ` ``, `"`, `\` and a line end; substitutions are refused.
fn double_quoted(
    paste: &Paste,
    cur: &mut Cursor,
    open_at: usize,
    word: &mut Word,
) -> Result<(), CaptureProblem> {
    loop {
        match cur.bump() {
            None => return Err(unclosed(paste, open_at, "\"")),
            Some((_, '"')) => return Ok(()),
            Some((at, '\\')) => {
                if cur.skip_line_end() {
                    continue;
                }
                match cur.peek() {
                    Some(c @ ('$' | '`' | '"' | '\\')) => {
                        let (c_at, _) = cur.bump().unwrap_or((at, c));
                        word.push(c, c_at);
                    }
                    _ => word.push('\\', at),
                }
            }
            Some((at, c @ ('$' | '`'))) => {
                check_substitution(paste, cur, at, c)?;
                word.push(c, at);
            }
            Some((at, c)) => word.push(c, at),
        }
    }
}

/// Refuses `$NAME`, `${…}`, `$(…)`, `$1`, `` `…` `` (the cursor is just after `$` or `` ` ``); a
/// `$` followed by anything else is a plain dollar sign.
fn check_substitution(
    paste: &Paste,
    cur: &Cursor,
    at: usize,
    c: char,
) -> Result<(), CaptureProblem> {
    let rest = cur.rest();
    let substitution = c == '`'
        || rest.starts_with(|n: char| n.is_ascii_alphanumeric() || "_{(@*#?$!-".contains(n));
    if !substitution {
        return Ok(());
    }
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let len = if c == '`' {
        Some(line.find('`').map_or(line.len(), |i| i + 1))
    } else {
        match line.chars().next() {
            Some('{') => Some(line.find('}').map_or(line.len(), |i| i + 1)),
            Some('(') => Some(line.find(')').map_or(line.len(), |i| i + 1)),
            Some(n) if n.is_ascii_alphabetic() || n == '_' => Some(
                line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(line.len()),
            ),
            Some(n) if n.is_ascii_digit() || "@*#?$!-".contains(n) => Some(1),
            _ => None,
        }
    };
    match len {
        Some(len) => Err(paste
            .problem(ProblemKind::ShellVariable, at)
            .about(&format!("{c}{}", &line[..len]))),
        None => Ok(()),
    }
}
