//! Recognising the language of a motion from its formula and the openers of its citations and
//! recitals, and from a language code in the file name.

use super::index::{lookup, DATA, TRIGGERS};
use super::{profile_at, Profile};
use crate::vocab::loose::{first_word_key, starts_with_loose};

/// How many lines from the top are enough to recognise the language.
const LINES_LOOKED_AT: usize = 400;

/// The profile whose formula and openers the text uses most, if any matches at all.
pub fn detect(text: &str) -> Option<&'static Profile> {
    let mut scores = [0u32; DATA.len()];
    for line in text.lines().take(LINES_LOOKED_AT) {
        let line = strip_label(line.trim());
        // Each line is compared only with the phrases that start with its first word.
        let Some(candidates) = lookup(TRIGGERS, &first_word_key(line)) else {
            continue;
        };
        // Each kind of phrase counts once per line and language.
        let mut counted: Vec<(usize, u32)> = Vec::new();
        for t in *candidates {
            if !counted.contains(&(t.profile, t.weight))
                && starts_with_loose(line, t.phrase).is_some()
            {
                counted.push((t.profile, t.weight));
                scores[t.profile] += t.weight;
            }
        }
    }
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return None;
    }
    // On a tie, the first profile in code order wins: deterministic.
    scores.iter().position(|s| *s == best).map(profile_at)
}

/// Drops a leading label (`–`, `A.`, `12.`, `(a)`, `- `, `**`) so the opener after it can be read.
fn strip_label(line: &str) -> &str {
    let mut t = line.trim_start_matches(['*', '#', ' ', '\u{a0}', '\t']);
    if let Some((head, rest)) = t.split_once(char::is_whitespace) {
        let label = head.chars().count() <= 4
            && (head.ends_with('.')
                || head.ends_with(')')
                || head.chars().all(|c| matches!(c, '–' | '—' | '-' | '•')));
        if label {
            t = rest;
        }
    }
    t.trim_start()
}

/// The language code at the end of a file stem: `B9-0146-2021_EN` -> `en`.
pub fn from_name(stem: &str) -> Option<&'static Profile> {
    let (_, code) = stem.rsplit_once(['_', '-', '.'])?;
    (code.len() == 2).then(|| super::profile(code)).flatten()
}

#[cfg(test)]
mod tests {
    #[test]
    fn detects_english() {
        let text = "The European Parliament,\n– having regard to X,\nA. whereas Y;\n";
        assert_eq!(super::detect(text).map(|p| p.code.as_str()), Some("en"));
        assert!(super::detect("Lorem ipsum").is_none());
        assert!(super::detect("vulnérable vulnérables").is_none());
        assert_eq!(
            super::from_name("B9-0146-2021_EN").map(|p| p.code.as_str()),
            Some("en")
        );
    }

    /// Each language's own formula and openers pick that language and no other, close languages
    /// (Czech and Slovak, Croatian and Slovenian, Danish and Swedish, Spanish and Portuguese)
    /// included.
    #[test]
    fn each_profile_is_recognised_from_its_own_words() {
        for p in crate::lang::profiles() {
            let mut text = format!("{}\n", p.formula[0]);
            for opener in &p.citation_openers {
                text.push_str(&format!("– {opener} Article 1,\n"));
            }
            let recital = p.recital_openers.first().map_or("", String::as_str);
            let letters = p.letters();
            text.push_str(&format!("{}. {recital} X;\n1. Y;\n", letters[0]));
            let found = super::detect(&text).map(|f| f.code.as_str());
            assert_eq!(found, Some(p.code.as_str()), "{text}");
            // The formula alone is enough.
            let found = super::detect(&p.formula[0]).map(|f| f.code.as_str());
            assert_eq!(found, Some(p.code.as_str()), "formula {}", p.formula[0]);
        }
    }
}
