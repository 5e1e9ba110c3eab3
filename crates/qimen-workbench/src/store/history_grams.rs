//! Short search words: one or two characters, which a trigram index cannot answer.
//!
//! Every call's searchable text is cut into *grams*, kept in `history_grams` (an FTS5 index of
//! space-separated tokens, ASCII-case-folded by its `ascii` tokenizer):
//! - a run of ASCII letters and digits of one or two characters, whole (`25`, `ok`, `L`), so a code
//!   is found as a code and not inside `RK2024052500`; digits that are part of a date or a time
//!   (`2024-05-25`, `10:25:30`, `5月25日`) are left out, so `25` does not find every call made on
//!   the 25th;
//! - every character and every pair of neighbouring characters of other scripts (`餐`, `餐具`),
//!   since Chinese is not written with spaces between words;
//! - the pair where ASCII meets another script inside a word (`T恤`).
//!
//! A short query word is answered from these grams when it has one of those shapes; any other short
//! word (punctuation, `%`) is looked for in the text itself.

use std::collections::HashSet;

/// The kinds of character the grams tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// An ASCII letter or digit.
    Ascii,
    /// A letter or digit of any other script (Chinese, Japanese, Cyrillic …).
    Wide,
    /// Anything else: space, punctuation, symbols.
    Other,
}

fn class(c: char) -> Class {
    if c.is_ascii_alphanumeric() {
        Class::Ascii
    } else if !c.is_ascii() && c.is_alphanumeric() {
        Class::Wide
    } else {
        Class::Other
    }
}

/// Marks that join the parts of a date or a time written with digits.
fn joins_date(c: char) -> bool {
    matches!(c, '-' | '/' | ':')
}

/// Characters that follow a number in a date or time written in Chinese.
fn ends_date_part(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '号' | '时' | '点' | '分' | '秒')
}

/// Whether the one- or two-digit number at `chars[start..end]` is part of a date or a time.
fn in_date_or_time(chars: &[char], start: usize, end: usize) -> bool {
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let before = start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(end).copied();
    let joined_before = before.is_some_and(joins_date) && start >= 2 && digit_at(start - 2);
    let joined_after = after.is_some_and(joins_date) && digit_at(end + 1);
    joined_before || joined_after || after.is_some_and(ends_date_part)
}

/// The distinct grams of `text`, separated by spaces, for `history_grams`.
pub(super) fn grams_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = String::new();
    let mut keep = |gram: String| {
        if !seen.contains(&gram) {
            out.push_str(&gram);
            out.push(' ');
            seen.insert(gram);
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let kind = class(chars[i]);
        let start = i;
        while i < chars.len() && class(chars[i]) == kind {
            i += 1;
        }
        match kind {
            Class::Other => continue,
            Class::Ascii => {
                let all_digits = chars[start..i].iter().all(char::is_ascii_digit);
                if i - start <= 2 && !(all_digits && in_date_or_time(&chars, start, i)) {
                    keep(
                        chars[start..i]
                            .iter()
                            .collect::<String>()
                            .to_ascii_lowercase(),
                    );
                }
            }
            Class::Wide => {
                for (n, c) in chars[start..i].iter().enumerate() {
                    keep(c.to_string());
                    if let Some(next) = chars.get(start + n + 1).filter(|_| start + n + 1 < i) {
                        keep(format!("{c}{next}"));
                    }
                }
            }
        }
        // Where a run of one class meets the other inside a word: the pair across the seam.
        if let Some(&next) = chars.get(i) {
            let seam = (kind, class(next));
            if matches!(
                seam,
                (Class::Ascii, Class::Wide) | (Class::Wide, Class::Ascii)
            ) {
                keep(format!("{}{next}", chars[i - 1]).to_ascii_lowercase());
            }
        }
    }
    out.pop();
    out
}

/// How a short query word (one or two characters) is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ShortWord {
    /// From `history_grams`: the gram to look for.
    Gram(String),
    /// By reading the searchable text: the word as typed.
    Scan(String),
}

/// Sorts a short word: a whole ASCII token, one or two characters of another script, or one
/// ASCII character beside one of another script are grams; anything else is scanned for.
pub(super) fn short_word(word: &str) -> ShortWord {
    let classes: Vec<Class> = word.chars().map(class).collect();
    // Every one- or two-character shape of letters and digits is a gram.
    let gram = matches!(
        classes.as_slice(),
        [Class::Ascii | Class::Wide] | [Class::Ascii | Class::Wide, Class::Ascii | Class::Wide]
    );
    if gram {
        ShortWord::Gram(word.to_ascii_lowercase())
    } else {
        ShortWord::Scan(word.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, gram: &str) -> bool {
        grams_of(text).split(' ').any(|g| g == gram)
    }

    #[test]
    fn chinese_is_cut_into_characters_and_pairs() {
        let grams = grams_of("陶瓷餐具套装");
        for gram in ["陶", "餐", "餐具", "具套", "套装", "装"] {
            assert!(grams.split(' ').any(|g| g == gram), "{gram} in {grams}");
        }
        assert!(!has("陶瓷餐具套装", "陶餐"));
    }

    #[test]
    fn short_codes_are_whole_tokens_and_dates_are_left_out() {
        assert!(has("{\"code\":25,\"msg\":\"Invalid signature\"}", "25"));
        assert!(has("payment 25.00", "25"));
        assert!(!has("RK202405250001", "25"));
        for date in [
            "2024-05-25 10:15:30",
            "10:25:30",
            "05/25/2024",
            "2024年5月25日",
            "2024-05-20 10:25",
        ] {
            assert!(!has(date, "25"), "{date}: {}", grams_of(date));
        }
        // Letters are folded to lower case, as the tokenizer folds the query.
        assert!(has("size L", "l"));
    }

    #[test]
    fn ascii_beside_chinese_keeps_the_pair_across_the_seam() {
        assert!(has("纯棉T恤", "t恤"));
        assert!(has("纯棉T恤", "t"));
        assert!(has("纯棉T恤", "棉t"));
    }

    #[test]
    fn each_gram_is_kept_once() {
        assert_eq!(grams_of("餐餐 25 25"), "餐 餐餐 25");
    }

    #[test]
    fn short_words_are_sorted_by_shape() {
        assert_eq!(short_word("餐具"), ShortWord::Gram("餐具".into()));
        assert_eq!(short_word("OK"), ShortWord::Gram("ok".into()));
        assert_eq!(short_word("T恤"), ShortWord::Gram("t恤".into()));
        assert_eq!(short_word("%"), ShortWord::Scan("%".into()));
        assert_eq!(short_word("a."), ShortWord::Scan("a.".into()));
    }
}
