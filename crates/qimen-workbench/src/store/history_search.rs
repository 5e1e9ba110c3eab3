//! Search words against the indexes: which index answers each word, the SQL that reads candidate
//! calls newest id first, the check of each candidate against its text, and the newest-first page
//! picked from them.
//!
//! - A word of three characters or more is looked up by its trigrams in `history_fts`; the index
//!   keeps no positions, so each candidate's text is read and must contain the word (ASCII letters
//!   in any case).
//! - A word of one or two characters is a gram in `history_grams` (exact, nothing to confirm), or,
//!   for punctuation and the like, looked for in the text itself.
//!
//! Candidates come in id order, which is the time order as long as calls are recorded as they
//! happen; `history_stats.skew_ms` says how far a call's time was ever ahead of a later call's,
//! and reading stops once no call further down can still belong on the page.

use super::history_codec::unpack;
use super::history_grams::{short_word, ShortWord};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A long word is looked up by at most this many of its trigrams; the text confirms the rest.
const TRIGRAMS_PER_WORD: usize = 12;

/// The words of a search, sorted by how each is answered.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// Three characters or more: trigram index, then the text.
    long: Vec<String>,
    /// Grams to find in `history_grams`.
    grams: Vec<String>,
    /// Short words read for in the text.
    scans: Vec<String>,
}

impl Words {
    pub(super) fn of(text: Option<&str>) -> Words {
        let mut out = Words::default();
        for word in text.unwrap_or_default().split_whitespace() {
            if word.chars().count() >= 3 {
                out.long.push(word.to_string());
            } else {
                match short_word(word) {
                    ShortWord::Gram(gram) => out.grams.push(gram),
                    ShortWord::Scan(word) => out.scans.push(word),
                }
            }
        }
        for list in [&mut out.long, &mut out.grams, &mut out.scans] {
            list.sort();
            list.dedup();
        }
        out
    }

    pub(super) fn is_empty(&self) -> bool {
        self.long.is_empty() && self.grams.is_empty() && self.scans.is_empty()
    }

    /// Words each candidate's text must contain, ASCII-lower-cased.
    fn to_confirm(&self) -> Vec<String> {
        self.long
            .iter()
            .chain(&self.scans)
            .map(|w| w.to_ascii_lowercase())
            .collect()
    }
}

/// Up to `wanted` ids of the calls that hold every word and pass `filters` (conditions on the
/// call, alias `h`, with their `filter_args`), newest first, and how many matches were read.
pub(super) fn newest_matches(
    conn: &Connection,
    words: &Words,
    filters: &[String],
    filter_args: Vec<Value>,
    wanted: usize,
) -> rusqlite::Result<(Vec<i64>, u64)> {
    let mut conditions: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let (from, id) = if !words.long.is_empty() {
        conditions.push("f.history_fts MATCH ?".into());
        args.push(Value::Text(trigram_query(&words.long)));
        if !words.grams.is_empty() {
            conditions.push(
                "f.rowid IN (SELECT rowid FROM history_grams WHERE history_grams MATCH ?)".into(),
            );
            args.push(Value::Text(gram_query(&words.grams)));
        }
        ("history_fts f", "f.rowid")
    } else if !words.grams.is_empty() {
        conditions.push("g.history_grams MATCH ?".into());
        args.push(Value::Text(gram_query(&words.grams)));
        ("history_grams g", "g.rowid")
    } else {
        ("history_text t", "t.id")
    };
    let confirm = words.to_confirm();
    conditions.extend(filters.iter().cloned());
    args.extend(filter_args);
    let sql = format!(
        "SELECT h.id, h.created_at, h.method, h.code, h.sub_code, h.message, h.sub_message \
         FROM {from} CROSS JOIN history h ON h.id = {id} WHERE {} ORDER BY {id} DESC",
        if conditions.is_empty() {
            "1".to_string()
        } else {
            conditions.join(" AND ")
        }
    );
    let skew: i64 = conn
        .prepare_cached("SELECT skew_ms FROM history_stats")?
        .query_row([], |r| r.get(0))?;
    let mut page = Newest::new(wanted, skew);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if !confirm.is_empty() && !holds_all(conn, row, id, &confirm)? {
            continue;
        }
        page.offer(row.get(1)?, id);
        if page.is_complete() {
            break;
        }
    }
    Ok(page.finish())
}

/// Whether call `id` (its `row` holding method, codes and messages from column 2 on) holds every
/// word of `confirm` in its searchable text. The short columns are read first: a method name or
/// a code found there spares reading the text.
fn holds_all(
    conn: &Connection,
    row: &rusqlite::Row<'_>,
    id: i64,
    confirm: &[String],
) -> rusqlite::Result<bool> {
    let mut short = String::new();
    for column in 2..7 {
        if let Some(part) = row.get::<_, Option<String>>(column)? {
            short.push_str(&part.to_ascii_lowercase());
            short.push('\n');
        }
    }
    if confirm.iter().all(|w| short.contains(w.as_str())) {
        return Ok(true);
    }
    let stored = conn
        .prepare_cached("SELECT body FROM history_text WHERE id = ?1")?
        .query_row([id], |r| {
            unpack(r.get_ref(0)?).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, e.into())
            })
        })
        .optional()?;
    let text = stored.unwrap_or_default().to_ascii_lowercase();
    Ok(confirm.iter().all(|w| text.contains(w.as_str())))
}

/// The newest `wanted` of matches offered newest id first.
struct Newest {
    wanted: usize,
    skew: i64,
    /// The best `wanted` so far as (time, id), the least of them on top.
    best: BinaryHeap<Reverse<(i64, i64)>>,
    /// The earliest time offered: no call with a smaller id is later than this plus the skew.
    earliest: i64,
    read: u64,
}

impl Newest {
    fn new(wanted: usize, skew: i64) -> Newest {
        Newest {
            wanted,
            skew: skew.max(0),
            best: BinaryHeap::with_capacity(wanted + 1),
            earliest: i64::MAX,
            read: 0,
        }
    }

    fn offer(&mut self, created_at: i64, id: i64) {
        self.read += 1;
        self.earliest = self.earliest.min(created_at);
        self.best.push(Reverse((created_at, id)));
        if self.best.len() > self.wanted {
            self.best.pop();
        }
    }

    /// Whether no match still unread can enter the page: it would have a smaller id than every
    /// match read, so a time no later than the earliest read plus the skew, and on a tie of time
    /// the smaller id ranks lower.
    fn is_complete(&self) -> bool {
        match self.best.peek() {
            Some(Reverse((least, _))) if self.best.len() == self.wanted => {
                self.earliest.saturating_add(self.skew) <= *least
            }
            _ => false,
        }
    }

    fn finish(self) -> (Vec<i64>, u64) {
        let mut best: Vec<(i64, i64)> = self.best.into_iter().map(|Reverse(k)| k).collect();
        best.sort_unstable_by(|a, b| b.cmp(a));
        (best.into_iter().map(|(_, id)| id).collect(), self.read)
    }
}

/// An FTS5 query for `history_fts` that every call containing all `words` matches: some of each
/// word's trigrams, each a quoted string (so nothing in a word is read as query syntax), all
/// required.
fn trigram_query(words: &[String]) -> String {
    let mut terms: Vec<String> = Vec::new();
    for word in words {
        let chars: Vec<char> = word.chars().collect();
        let windows = chars.len() - 2;
        // Spread evenly over the word, first and last included.
        let picks = windows.min(TRIGRAMS_PER_WORD);
        for n in 0..picks {
            let at = if picks == 1 {
                0
            } else {
                n * (windows - 1) / (picks - 1)
            };
            let gram: String = chars[at..at + 3].iter().collect();
            terms.push(format!("\"{}\"", gram.replace('"', "\"\"")));
        }
    }
    terms.sort();
    terms.dedup();
    terms.join(" AND ")
}

/// An FTS5 query for `history_grams` requiring every gram (letters and digits only).
fn gram_query(grams: &[String]) -> String {
    grams
        .iter()
        .map(|g| format!("\"{g}\""))
        .collect::<Vec<_>>()
        .join(" AND ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_sorted_by_how_they_are_answered() {
        let w = Words::of(Some("taobao 餐具 25 % 25"));
        assert_eq!(w.long, ["taobao"]);
        assert_eq!(w.grams, ["25", "餐具"]);
        assert_eq!(w.scans, ["%"]);
        assert!(Words::of(Some("  ")).is_empty());
    }

    #[test]
    fn trigram_queries_quote_every_term_and_spread_over_long_words() {
        assert_eq!(
            trigram_query(&["a\"bc".into()]),
            "\"\"\"bc\" AND \"a\"\"b\""
        );
        let long = "x".repeat(10) + &"y".repeat(40);
        let query = trigram_query(&[long]);
        assert!(query.starts_with("\"xxx\""), "{query}");
        assert!(query.contains("\"yyy\""), "{query}");
        assert!(query.split(" AND ").count() <= TRIGRAMS_PER_WORD);
    }

    #[test]
    fn the_page_is_complete_once_nothing_older_by_id_can_be_newer_by_time() {
        // Recorded in time order: complete as soon as the page is full.
        let mut page = Newest::new(2, 0);
        page.offer(300, 3);
        assert!(!page.is_complete());
        page.offer(200, 2);
        assert!(page.is_complete());
        assert_eq!(page.finish(), (vec![3, 2], 2));

        // Call 2 was made at 500, before call 3 was recorded with time 300: skew 200. Call 1
        // (time 250) could still be newer than call 3, so reading goes on until it is ruled out.
        let mut page = Newest::new(2, 200);
        page.offer(300, 3);
        page.offer(500, 2);
        assert!(!page.is_complete());
        page.offer(250, 1);
        assert_eq!(page.finish(), (vec![2, 3], 3));
    }
}
