//! The Parliament's masthead at the top of the cover: the institution line (`European
//! Parliament`), the term (`2019-2024`) and the plenary-sitting line (`Plenary sitting`), in the
//! words of the motion's language profile.
//!
//! They are read only where the Parliament prints them: in the cover's first lines, before the
//! document number or any other cover text. The same words further down (a site menu under the
//! number, a body line) stay what they were: furniture, or text.

use super::super::lines::{Kind, Line};
use crate::diag::Span;
use crate::lang::Profile;
use crate::model::{Cover, Located};
use crate::vocab::loose::{eq_loose, starts_with_loose};
use crate::vocab::patterns;

/// The masthead as read.
#[derive(Debug, Default)]
pub struct Masthead {
    institution: Option<Located<String>>,
    term: Option<Located<String>>,
    sitting: Option<Located<String>>,
}

impl Masthead {
    /// Puts the masthead on the cover.
    pub fn fill(self, cover: &mut Cover) {
        cover.institution = self.institution;
        cover.term = self.term;
        cover.sitting = self.sitting;
    }

    /// Takes `t` as a part of the masthead not yet seen; whether it was one.
    fn take(&mut self, t: &str, span: Span, profile: &Profile) -> bool {
        let located = |value: &str| {
            Some(Located {
                value: value.to_string(),
                span,
            })
        };
        if self.institution.is_none() {
            // "European Parliament", or "European Parliament 2019-2024" on one line.
            let head = (profile.masthead.iter()).find_map(|w| starts_with_loose(t, w));
            if let Some(len) = head {
                let rest = t[len..].trim();
                if rest.is_empty() || (self.term.is_none() && is_term(rest)) {
                    self.institution = located(t[..len].trim());
                    if !rest.is_empty() {
                        self.term = located(rest);
                    }
                    return true;
                }
            }
        }
        if self.term.is_none() && is_term(t) {
            self.term = located(t);
            return true;
        }
        if self.sitting.is_none() && profile.sitting.iter().any(|w| eq_loose(t, w)) {
            self.sitting = located(t);
            return true;
        }
        false
    }
}

/// Reads the masthead from the cover's first lines: blank lines, rules and other page furniture
/// may stand between its parts; the first document or session number, or any other text, ends
/// it. Returns it with the index of the line after its last part, where the rest of the cover
/// starts.
pub fn read(src: &str, lines: &[Line<'_>], profile: &Profile) -> (Masthead, usize) {
    let mut masthead = Masthead::default();
    let mut end = 0;
    for (i, line) in lines.iter().enumerate() {
        if matches!(line.kind, Kind::Blank | Kind::Rule) {
            continue;
        }
        // A line the author escaped is text, never furniture or masthead.
        if line.escaped {
            break;
        }
        let t = patterns::unwrap_emphasis(&line.text);
        if masthead.take(t, line.span(src), profile) {
            end = i + 1;
            continue;
        }
        let number = patterns::doc_number(t).is_some() || patterns::pe_number(t).is_some();
        if line.kind == Kind::Text || number {
            break;
        }
    }
    (masthead, end)
}

/// A parliamentary term: two years joined by a hyphen or an en dash (`2019-2024`).
pub fn is_term(t: &str) -> bool {
    let Some((a, b)) = t.split_once(['-', '–']) else {
        return false;
    };
    let year = |y: &str| y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit());
    year(a) && year(b) && a < b
}

#[cfg(test)]
mod tests {
    use super::is_term;
    use crate::read::text::testing::{cover, cover_in, read};

    fn value(field: &Option<crate::model::Located<String>>) -> Option<&str> {
        field.as_ref().map(|f| f.value.as_str())
    }

    #[test]
    fn terms() {
        assert!(is_term("2019-2024"));
        assert!(is_term("2024–2029"));
        assert!(!is_term("2024-2019"));
        assert!(!is_term("B9-0146"));
        assert!(!is_term("2019 - 2024"));
    }

    #[test]
    fn the_masthead_before_the_number_is_kept() {
        let (c, _) = cover(
            "European Parliament\n2019-2024\n\n*Plenary sitting*\n\nB9-0998/2024\n\n15.1.2024\n",
        );
        assert_eq!(value(&c.institution), Some("European Parliament"));
        assert_eq!(value(&c.term), Some("2019-2024"));
        assert_eq!(value(&c.sitting), Some("Plenary sitting"));
        assert_eq!(value(&c.doc_number), Some("B9-0998/2024"));
        assert!(c.other.is_empty());
        // On one line, as some PDF dumps have it.
        let (c, _) = cover("European Parliament 2019-2024\nB9-0998/2024\n");
        assert_eq!(value(&c.institution), Some("European Parliament"));
        assert_eq!(value(&c.term), Some("2019-2024"));
        assert!(c.other.is_empty());
    }

    #[test]
    fn in_the_motions_own_words() {
        let (c, _) = cover_in(
            "de",
            "Europäisches Parlament\n2019-2024\nPlenarsitzungsdokument\nB9-0999/2024\n",
        );
        assert_eq!(value(&c.institution), Some("Europäisches Parlament"));
        assert_eq!(value(&c.sitting), Some("Plenarsitzungsdokument"));
        // Another language's words are no masthead of this motion.
        let (c, _) = cover_in("de", "European Parliament\nB9-0999/2024\n");
        assert_eq!(c.institution, None);
    }

    #[test]
    fn only_before_the_number() {
        let (c, _) = cover("B9-0998/2024\nEuropean Parliament\n2019-2024\nPlenary sitting\n");
        assert_eq!((c.institution, c.term, c.sitting), (None, None, None));
        let (c, _) = cover("on cycling\nPlenary sitting\n");
        assert_eq!(c.sitting, None);
        let (c, _) = cover("\\European Parliament\nB9-0998/2024\n");
        assert_eq!(c.institution, None);
    }

    #[test]
    fn a_motion_without_masthead_has_none_and_a_body_line_is_no_masthead() {
        let m = read(
            "B9-0001/2024\n\nMOTION FOR A RESOLUTION\n\nThe European Parliament,\n\n\
             1. Calls on the Commission to act;\n\nPlenary sitting\n\n2. Instructs its President;\n",
        )
        .motion;
        let c = &m.cover;
        assert_eq!((&c.institution, &c.term, &c.sitting), (&None, &None, &None));
    }
}
