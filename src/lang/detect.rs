//! Recognising the language of a motion from its formula and the openers of its citations and
//! recitals, and from a language code in the file name.

use super::{profiles, Profile};
use crate::parse::lines::starts_with_loose;

/// How many lines from the top are enough to recognise the language.
const LINES_LOOKED_AT: usize = 400;

/// The profile whose formula and openers the text uses most, if any matches at all.
pub fn detect(text: &str) -> Option<&'static Profile> {
    let all = profiles();
    let mut scores = vec![0u32; all.len()];
    for line in text.lines().take(LINES_LOOKED_AT) {
        let line = strip_label(line.trim());
        if line.is_empty() {
            continue;
        }
        for (score, p) in scores.iter_mut().zip(all) {
            let hit = |list: &[String]| list.iter().any(|w| starts_with_loose(line, w).is_some());
            if hit(&p.formula) {
                *score += 5;
            }
            if hit(&p.citation_openers) {
                *score += 2;
            }
            if hit(&p.recital_openers) {
                *score += 2;
            }
            if hit(&p.resolution_titles) {
                *score += 3;
            }
        }
    }
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return None;
    }
    // On a tie, the first profile in code order wins: deterministic.
    scores.iter().position(|s| *s == best).map(|i| &all[i])
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
        assert_eq!(
            super::from_name("B9-0146-2021_EN").map(|p| p.code.as_str()),
            Some("en")
        );
    }
}
