//! Bash's ANSI-C quoting, `$'…'`, as browsers write a value holding quotes or control
//! characters: `\n`, `\t`, `\'`, `\xHH`, octal, `\uXXXX` and the other escapes.

use super::shell::{unclosed, Cursor, Word};
use super::{CaptureProblem, Paste};

/// `$'…'`: the escapes of bash's ANSI-C quoting. `\xHH` and octal bytes are gathered and read as
/// UTF-8 (a bad sequence becomes U+FFFD).
pub(super) fn ansi_c(
    paste: &Paste,
    cur: &mut Cursor,
    open_at: usize,
    word: &mut Word,
) -> Result<(), CaptureProblem> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut bytes_at = open_at;
    let flush = |bytes: &mut Vec<u8>, at: usize, word: &mut Word| {
        for c in String::from_utf8_lossy(bytes).chars() {
            word.push(c, at);
        }
        bytes.clear();
    };
    loop {
        let Some((at, c)) = cur.bump() else {
            return Err(unclosed(paste, open_at, "$'"));
        };
        if c == '\'' {
            flush(&mut bytes, bytes_at, word);
            return Ok(());
        }
        if c != '\\' {
            flush(&mut bytes, bytes_at, word);
            word.push(c, at);
            continue;
        }
        let Some((_, e)) = cur.bump() else {
            return Err(unclosed(paste, open_at, "$'"));
        };
        let byte = match e {
            'x' => digits(cur, 16, 2).map(|(v, _)| v as u8),
            '0'..='7' => {
                let first = e.to_digit(8).unwrap_or(0);
                let (more, count) = digits(cur, 8, 2).unwrap_or((0, 0));
                Some((first * 8u32.pow(count) + more) as u8)
            }
            _ => None,
        };
        if let Some(byte) = byte {
            if bytes.is_empty() {
                bytes_at = at;
            }
            bytes.push(byte);
            continue;
        }
        flush(&mut bytes, bytes_at, word);
        let out = match e {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'e' | 'E' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            '\\' | '\'' | '"' | '?' => Some(e),
            'u' => digits(cur, 16, 4).map(|(v, _)| unicode(cur, v)),
            'U' => digits(cur, 16, 8).map(|(v, _)| char::from_u32(v).unwrap_or('\u{fffd}')),
            'c' => cur.bump().map(|(_, c)| char::from((c as u32 & 0x1f) as u8)),
            _ => None,
        };
        match out {
            Some(c) => word.push(c, at),
            None => {
                word.push('\\', at);
                word.push(e, at + 1);
            }
        }
    }
}

/// Up to `max` digits in `radix`: their value and how many were read; `None` when there is none.
fn digits(cur: &mut Cursor, radix: u32, max: usize) -> Option<(u32, u32)> {
    let mut value = 0u32;
    let mut count = 0;
    while count < max as u32 {
        let Some(d) = cur.peek().and_then(|c| c.to_digit(radix)) else {
            break;
        };
        cur.bump();
        value = value * radix + d;
        count += 1;
    }
    (count > 0).then_some((value, count))
}

/// A `\uXXXX` code unit as a character, joining a UTF-16 surrogate pair written as two escapes.
fn unicode(cur: &mut Cursor, high: u32) -> char {
    if (0xD800..0xDC00).contains(&high) {
        let rest = cur.rest();
        let low = rest
            .strip_prefix("\\u")
            .and_then(|r| r.get(..4))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .filter(|low| (0xDC00..0xE000).contains(low));
        if let Some(low) = low {
            for _ in 0..6 {
                cur.bump();
            }
            let joined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return char::from_u32(joined).unwrap_or('\u{fffd}');
        }
    }
    char::from_u32(high).unwrap_or('\u{fffd}')
}
