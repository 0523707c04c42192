//! Where a space must not break a line, in every paged output: the typographer's ties. A tie
//! is a no-break space (U+00A0) put where the source has a plain space: before `%`, between a
//! day and its month, between a small number and the word it counts, after the words that
//! announce a number (`No`, `Article`, `point`, `Rule`), and, in the languages whose
//! typography asks it (Polish, Czech, Slovak, Slovenian), after a one-letter word. The XML
//! keeps the source's spaces; only the presentation ties them.

use crate::lang::Profile;
use std::borrow::Cow;

/// The no-break space a tie puts in place of a space.
pub const TIE: char = '\u{a0}';

/// Languages whose typography keeps a one-letter word (`i`, `w`, `z`, `a`, `v`, `k`, `s`, `o`,
/// `u`) with the word after it.
const ONE_LETTER_LANGUAGES: &[&str] = &["pl", "cs", "sk", "sl"];

/// The ties of one language.
#[derive(Debug, Clone)]
pub struct Ties<'p> {
    /// Words after which a number is tied: the language's words for Rule (`Rule`, `Rules`)
    /// and the others that announce one (`No`, `Article`, `point`).
    before_number: [&'p [String]; 2],
    /// Whether a one-letter word is tied to the word after it.
    one_letter_words: bool,
}

impl<'p> Ties<'p> {
    /// The ties of `profile`'s language.
    pub fn of(profile: &'p Profile) -> Ties<'p> {
        Ties {
            before_number: [&profile.rule_words, &profile.before_number],
            one_letter_words: ONE_LETTER_LANGUAGES.contains(&profile.code.as_str()),
        }
    }

    /// The ties of the language `code` (ISO 639-1); none for a language without a profile.
    pub fn for_language(code: &str) -> Ties<'static> {
        crate::lang::profile(code).map_or(
            Ties {
                before_number: [&[], &[]],
                one_letter_words: false,
            },
            Ties::of,
        )
    }

    /// `text` with its ties: the spaces that must not break a line made no-break spaces.
    /// Borrowed, and nothing allocated, when nothing is tied (the PDF asks it of every span
    /// each time it sets or reads one again).
    pub fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        // Every tie but the one-letter words' has a digit or a `(` on one side: text without
        // either is returned after one scan of its bytes.
        if !self.one_letter_words && !text.bytes().any(|b| b.is_ascii_digit() || b == b'(') {
            return Cow::Borrowed(text);
        }
        let bytes = text.as_bytes();
        let word_end =
            |from: usize| memchr::memchr(b' ', &bytes[from..]).map_or(bytes.len(), |n| from + n);
        let mut out: Option<String> = None;
        // Text before `copied` is in `out`; `before` starts at `start`, the word before it at
        // `prev_start` (words as `split(' ')` gives them, empty between two spaces).
        let (mut copied, mut start, mut prev_start) = (0, 0, None);
        for space in memchr::memchr_iter(b' ', bytes) {
            let after_start = space + 1;
            // The bytes that can make a tie (see `tie`), looked at before any word is cut.
            let candidate = self.one_letter_words
                || bytes.get(start).is_some_and(u8::is_ascii_digit)
                || (space > start && bytes[space - 1] == b')')
                || bytes.get(after_start).is_some_and(|&b| {
                    b.is_ascii_digit() || b == b'(' || b == b'%' || b == 0xE2 // `‰`
                });
            if candidate {
                let after_end = word_end(after_start);
                let next = (after_end < bytes.len())
                    .then(|| &text[after_end + 1..word_end(after_end + 1)]);
                let prev = prev_start.map(|p| &text[p..start - 1]);
                if self.tie(
                    prev,
                    &text[start..space],
                    &text[after_start..after_end],
                    next,
                ) {
                    let done = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
                    done.push_str(&text[copied..space]);
                    done.push(TIE);
                    copied = after_start;
                }
            }
            (prev_start, start) = (Some(start), after_start);
        }
        match out {
            Some(mut done) => {
                done.push_str(&text[copied..]);
                Cow::Owned(done)
            }
            None => Cow::Borrowed(text),
        }
    }

    /// Whether the space between `before` (after `prev`) and `after` (followed by `next`) is
    /// a tie. A number a word announces (`Rule 144`) is a reference, not a count.
    fn tie(&self, prev: Option<&str>, before: &str, after: &str, next: Option<&str>) -> bool {
        if before.is_empty() || after.is_empty() {
            return false;
        }
        let counts = is_count(before) && !prev.is_some_and(|p| self.announces_number(p));
        (ends_with_digit(before) && after.starts_with(['%', '‰']))
            || (counts && after.starts_with(char::is_alphabetic))
            // The cheap test first: most words are followed by no number.
            || (starts_number(after) && self.announces_number(before))
            || (before.ends_with(')')
                && self.announces_number(after)
                && next.is_some_and(starts_number))
            || (self.one_letter_words && is_one_letter_word(before))
    }

    /// Whether `word` (an opening bracket aside) announces a number: `No`, `Article`, `Rule`.
    fn announces_number(&self, word: &str) -> bool {
        let word = word.trim_start_matches(['(', '[']);
        self.before_number
            .iter()
            .flat_map(|words| words.iter())
            .any(|w| w == word)
    }
}

/// A small number that counts what follows: one to three digits, a day (`9.` in German), or
/// digits grouped by thousands (`2,500`, `2.500`); never a year or a reference.
fn is_count(word: &str) -> bool {
    // Most words are not numbers: the first byte tells.
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let digits = word.strip_suffix('.').unwrap_or(word);
    let grouped = digits.split([',', '.']).enumerate().all(|(i, group)| {
        !group.is_empty()
            && group.bytes().all(|b| b.is_ascii_digit())
            && (i == 0 && group.len() <= 3 || i > 0 && group.len() == 3)
    });
    !digits.is_empty() && grouped
}

fn ends_with_digit(word: &str) -> bool {
    word.ends_with(|c: char| c.is_ascii_digit())
}

/// Whether `word` begins a number or a point's label: `1169/2011`, `144`, `(a)`, `5(2)`.
fn starts_number(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('(') => chars.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// A word of one letter (`i`, `w`, `z`; `A` opening a sentence too).
fn is_one_letter_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::profile;

    /// The ties word by word, as `split(' ')` cuts the words: the oracle `apply`'s byte scan
    /// must agree with.
    fn by_words(ties: &Ties<'_>, text: &str) -> String {
        let words: Vec<&str> = text.split(' ').collect();
        let mut out = String::new();
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                let prev = i.checked_sub(2).map(|p| words[p]);
                let next = words.get(i + 1).copied();
                out.push(if ties.tie(prev, words[i - 1], word, next) {
                    TIE
                } else {
                    ' '
                });
            }
            out.push_str(word);
        }
        out
    }

    #[test]
    fn the_byte_scan_ties_what_the_word_rules_tie() {
        let tokens = [
            "9",
            "June",
            "2019",
            "90",
            "%",
            "‰",
            "No",
            "1169/2011",
            "(EU)",
            "Rule",
            "144",
            "(a)",
            "point",
            "Article",
            "7(1)",
            "25",
            "people",
            "2,500",
            "i",
            "w",
            "a",
            "",
            "9.",
            "(",
            "Komisji",
            "du",
            "février",
            "A",
            "x)",
            "1234",
            "‰x",
            "(1)",
            "—",
            "Ελλάδα",
        ];
        for code in ["en", "pl", "de", "fr", "cs"] {
            let ties = Ties::of(profile(code).unwrap());
            // Every sequence of up to four tokens, and longer ones in a fixed stride.
            let n = tokens.len();
            for a in 0..n {
                for b in 0..n {
                    for c in (0..n).step_by(3) {
                        for d in (0..n).step_by(7) {
                            let text = [tokens[a], tokens[b], tokens[c], tokens[d]].join(" ");
                            assert_eq!(
                                ties.apply(&text),
                                by_words(&ties, &text),
                                "{code}: {text:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    fn tied(code: &str, text: &str) -> String {
        Ties::of(profile(code).unwrap())
            .apply(text)
            .replace(TIE, "~")
    }

    #[test]
    fn the_issues_breaks_are_tied() {
        for (text, want) in [
            ("rose by 90 % in", "rose by 90~% in"),
            ("of 9 June 2019 on", "of 9~June 2019 on"),
            ("since 1 October 2020,", "since 1~October 2020,"),
            (
                "Regulation (EU) No 1169/2011 of",
                "Regulation (EU)~No~1169/2011 of",
            ),
            ("pursuant to Rule 144 of", "pursuant to Rule~144 of"),
            ("Article 7(1) TEU", "Article~7(1) TEU"),
            ("in point (a) above", "in point~(a) above"),
            ("killed 25 people", "killed 25~people"),
            ("over 2,500 people", "over 2,500~people"),
        ] {
            assert_eq!(tied("en", text), want, "{text}");
        }
    }

    #[test]
    fn years_references_and_ordinary_words_stay_free() {
        for text in [
            "in 2019 and 2020",
            "resolution of 2021/2544(RSP) on",
            "the Council and the Commission",
            "No one was",
            "B9-0146/2021 tabled",
            "1234 people",
        ] {
            assert_eq!(tied("en", text), text, "{text}");
        }
    }

    #[test]
    fn one_letter_words_are_tied_where_the_language_asks_it() {
        assert_eq!(
            tied("pl", "Radzie i Komisji oraz w Polsce"),
            "Radzie i~Komisji oraz w~Polsce"
        );
        assert_eq!(tied("cs", "Radě a Komisi"), "Radě a~Komisi");
        assert_eq!(tied("en", "Annex I a new"), "Annex I a new");
    }

    #[test]
    fn written_dates_of_other_languages_are_tied() {
        assert_eq!(tied("de", "vom 9. Februar 2021"), "vom 9.~Februar 2021");
        assert_eq!(tied("fr", "du 9 février 2021"), "du 9~février 2021");
    }

    #[test]
    fn nothing_tied_is_borrowed_and_odd_spaces_are_kept() {
        assert!(matches!(
            Ties::of(profile("en").unwrap()).apply("no  tie  here "),
            Cow::Borrowed(_)
        ));
        assert_eq!(tied("en", " 90  %"), " 90  %");
        assert_eq!(tied("en", ""), "");
    }
}
