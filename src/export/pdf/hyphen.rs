//! Where a word of a justified paragraph may be hyphenated: Knuth-Liang patterns for the
//! motion's language (the `hypher` crate, typst's), never inside document numbers, procedure
//! references, URLs or other words with digits or punctuation, acronyms, or names of Members.

use crate::model::Motion;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// Fewest letters a word needs to be hyphenated at all (words of five letters or fewer never are).
const MIN_WORD: usize = 6;
/// Fewest letters before and after a hyphen, whatever the language's patterns allow.
const MIN_LEFT: usize = 2;
const MIN_RIGHT: usize = 3;
/// Words whose hyphenation points each thread remembers, at most: motions repeat their words
/// and each other's, and the patterns cost more than a lookup; past this, a hostile motion of
/// distinct words is not held.
const REMEMBERED: usize = 16_384;

thread_local! {
    /// The patterns' points of the words seen on this thread, by language and the word's
    /// letters (counted from its first letter). They depend on nothing else, so documents share
    /// them; a Member's name is set aside before the lookup.
    static SEEN: RefCell<Seen> = RefCell::new(Seen::default());
}

/// The points of the words one thread has seen, by language, and how many it holds.
#[derive(Default)]
struct Seen {
    words: HashMap<hypher::Lang, HashMap<Box<str>, Box<[u16]>>>,
    count: usize,
}

/// The hyphenation rules of one motion.
#[derive(Debug, Clone)]
pub(super) struct Hyphenator {
    lang: hypher::Lang,
    /// Words of the names of the motion's authors, lower case: never hyphenated.
    names: HashSet<String>,
}

impl Hyphenator {
    /// The rules for `motion`'s language, or `None` when there are no patterns for it (Irish,
    /// Latvian, Maltese and Romanian among the official languages).
    pub(super) fn for_motion(motion: &Motion) -> Option<Hyphenator> {
        let code: [u8; 2] = motion.lang.as_bytes().get(..2)?.try_into().ok()?;
        let lang = hypher::Lang::from_iso(code.map(|b| b.to_ascii_lowercase()))?;
        let names = (motion.cover.authors.iter())
            .flat_map(|g| &g.members)
            .flat_map(|m| m.split(|c: char| !c.is_alphabetic()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        Some(Hyphenator { lang, names })
    }

    /// The places inside `word` (by char index: a hyphen may go before char `i`) where it may
    /// be hyphenated, appended to `out`. Leading and trailing punctuation is set aside; what is
    /// left must be letters only, not all capitals, and not a Member's name.
    /// `text` is a buffer to reuse.
    pub(super) fn points(&self, word: &[char], text: &mut String, out: &mut Vec<usize>) {
        let first = word.iter().position(|c| c.is_alphabetic());
        let last = word.iter().rposition(|c| c.is_alphabetic());
        let (Some(first), Some(last)) = (first, last) else {
            return;
        };
        let core = &word[first..=last];
        let ok = core.len() >= MIN_WORD
            && core.iter().all(|c| c.is_alphabetic())
            && !word.iter().any(|c| c.is_numeric())
            && core.iter().any(|c| c.is_lowercase());
        if !ok {
            return;
        }
        text.clear();
        text.extend(core.iter());
        // Names start with a capital: only those words are looked up.
        if core[0].is_uppercase() && self.names.contains(&text.to_lowercase()) {
            return;
        }
        let start = out.len();
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            let Seen { words, count } = &mut *seen;
            let words = words.entry(self.lang).or_default();
            if let Some(points) = words.get(text.as_str()) {
                out.extend(points.iter().map(|&p| first + usize::from(p)));
                return;
            }
            self.hyphenate(text, out);
            if *count < REMEMBERED && core.len() <= usize::from(u16::MAX) {
                let points = out[start..].iter().map(|&p| p as u16).collect();
                words.insert(text.as_str().into(), points);
                *count += 1;
            }
            for p in &mut out[start..] {
                *p += first;
            }
        });
    }

    /// The patterns' points of `text`, letters only, from its first letter.
    fn hyphenate(&self, text: &str, out: &mut Vec<usize>) {
        let mut at = 0;
        let (left, right) = self.lang.bounds();
        let mut syllables =
            hypher::hyphenate_bounded(text, self.lang, left.max(MIN_LEFT), right.max(MIN_RIGHT))
                .peekable();
        while let Some(s) = syllables.next() {
            at += s.chars().count();
            if syllables.peek().is_some() {
                out.push(at);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(lang: &str, authors: &[&str]) -> Hyphenator {
        let mut m = Motion {
            lang: lang.into(),
            ..Motion::default()
        };
        m.cover.authors.push(crate::model::AuthorGroup {
            members: authors.iter().map(|s| s.to_string()).collect(),
            group: None,
            group_line: None,
            span: Default::default(),
        });
        Hyphenator::for_motion(&m).unwrap()
    }

    fn hyphenated(h: &Hyphenator, word: &str) -> String {
        let chars: Vec<char> = word.chars().collect();
        let mut points = Vec::new();
        h.points(&chars, &mut String::new(), &mut points);
        let mut out = String::new();
        for (i, c) in chars.iter().enumerate() {
            if points.contains(&i) {
                out.push('-');
            }
            out.push(*c);
        }
        out
    }

    #[test]
    fn words_break_by_the_patterns_of_their_language() {
        let en = rules("en", &[]);
        assert_eq!(hyphenated(&en, "implementation;"), "im-ple-men-ta-tion;");
        let de = rules("de", &[]);
        assert!(hyphenated(&de, "Menschenrechte").contains('-'));
    }

    #[test]
    fn protected_tokens_never_break() {
        let en = rules("en", &["Karol KARSKI", "Anna FOTYGA"]);
        for word in [
            "B9-0146/2021",
            "2021/2544(RSP)",
            "https://www.europarl.europa.eu/doceo",
            "www.europarl.europa.eu",
            "COVID19",
            "Kazakhstan's",
            "OSCE/ODIHR",
            "UNHCR",
            "Karski",
            "Fotyga,",
        ] {
            assert_eq!(hyphenated(&en, word), word);
        }
    }

    /// A word met again, with other punctuation around it, breaks where it broke the first time;
    /// a name stays whole however often it comes, though another motion (sharing the thread's
    /// words) breaks the same word when it is not one of its Members' names.
    #[test]
    fn words_seen_before_break_as_they_did() {
        let en = rules("en", &["Karol KARSKI"]);
        let first = hyphenated(&en, "implementation;");
        assert_eq!(hyphenated(&en, "(implementation"), "(im-ple-men-ta-tion");
        assert_eq!(hyphenated(&en, "implementation;"), first);
        assert_eq!(hyphenated(&en, "Karski,"), "Karski,");
        assert_eq!(hyphenated(&en, "(Karski"), "(Karski");
        let (mine, theirs) = (rules("en", &["Arthur WELLINGTON"]), rules("en", &[]));
        assert_eq!(hyphenated(&mine, "Wellington,"), "Wellington,");
        let broken = hyphenated(&theirs, "Wellington,");
        assert_ne!(broken, "Wellington,");
        assert_eq!(hyphenated(&mine, "Wellington"), "Wellington");
        assert_eq!(hyphenated(&theirs, "Wellington,"), broken);
    }

    #[test]
    fn languages_without_patterns_are_not_hyphenated() {
        let m = Motion {
            lang: "lv".into(),
            ..Motion::default()
        };
        assert!(Hyphenator::for_motion(&m).is_none());
    }
}
