//! Where each character the font lacks first occurs, so that the missing-glyph error can name
//! the part of the motion (`recital C (line 42)`) and not only the character.

use crate::export::MissingGlyph;
use crate::model::{BodyItem, Motion, Para, Point};
use std::collections::BTreeSet;

/// The missing characters in code-point order, each with the first part of `motion` that holds it
/// (`None` for text the exporter adds itself, such as the page furniture).
pub(super) fn locate(motion: &Motion, missing: &BTreeSet<char>) -> Vec<MissingGlyph> {
    let mut finder = Finder {
        missing: missing.iter().copied().collect(),
        places: vec![None; missing.len()],
        open: missing.len(),
    };
    finder.motion(motion);
    finder
        .missing
        .into_iter()
        .zip(finder.places)
        .map(|(ch, place)| MissingGlyph { ch, place })
        .collect()
}

/// The search: the characters still to place, and the places found.
struct Finder {
    missing: Vec<char>,
    places: Vec<Option<String>>,
    open: usize,
}

impl Finder {
    /// Notes `name` as the place of the missing characters `text` is the first to hold.
    fn text(&mut self, name: &dyn Fn() -> String, text: &str) {
        if self.open == 0 {
            return;
        }
        for c in text.chars() {
            if let Ok(i) = self.missing.binary_search(&c) {
                if self.places[i].is_none() {
                    self.places[i] = Some(name());
                    self.open -= 1;
                }
            }
        }
    }

    fn paras<'p>(&mut self, what: &dyn Fn() -> String, paras: impl IntoIterator<Item = &'p Para>) {
        for p in paras {
            if self.open == 0 {
                return;
            }
            let line = p.span.line;
            self.text(&|| at_line(what(), line), &p.plain_text());
        }
    }

    /// Every part of the motion, in document order.
    fn motion(&mut self, motion: &Motion) {
        let cover = &motion.cover;
        let lines = [
            &cover.institution,
            &cover.term,
            &cover.sitting,
            &cover.doc_number,
            &cover.kind_text,
            &cover.pe_number,
            &cover.rule,
            &cover.procedure,
        ];
        for l in lines.into_iter().flatten() {
            let line = l.span.line;
            self.text(&|| at_line("the cover".into(), line), &l.value);
        }
        let paras = [&cover.request, &cover.rule_line, &cover.title];
        self.paras(&|| "the cover".into(), paras.into_iter().flatten());
        self.paras(&|| "the cover".into(), &cover.other);
        for group in &cover.authors {
            let line = group.span.line;
            let name = || at_line("the cover".into(), line);
            for member in &group.members {
                self.text(&name, member);
            }
            for text in [&group.group, &group.group_line].into_iter().flatten() {
                self.text(&name, text);
            }
        }
        self.paras(&|| "the title".into(), &motion.title);
        self.paras(&|| "the title".into(), &motion.title_notes);
        self.paras(&|| "the formula".into(), &motion.formula);
        for (i, c) in motion.citations.iter().enumerate() {
            self.paras(&|| format!("citation {}", i + 1), &c.content);
        }
        self.paras(
            &|| "the recitals' introduction".into(),
            &motion.recitals_intro,
        );
        for r in &motion.recitals {
            let name = || format!("recital {}", r.num.value);
            self.text(&name, &r.num.text);
            self.paras(&name, &r.content);
            self.points(&r.points);
        }
        self.paras(
            &|| "the operative part's introduction".into(),
            &motion.body_intro,
        );
        for item in &motion.body {
            match item {
                BodyItem::Heading(h) => self.paras(&|| "a heading".into(), [&h.text]),
                BodyItem::Paragraph(p) => {
                    let name = || format!("paragraph {}", p.num.value);
                    self.text(&name, &p.num.text);
                    self.paras(&name, &p.content);
                    self.points(&p.points);
                    self.paras(&name, &p.wrap_up);
                }
            }
        }
        for n in &motion.footnotes {
            let name = || format!("footnote {}", n.marker);
            self.text(&name, &n.marker);
            self.paras(&name, &n.content);
        }
        self.paras(&|| "the text after the body".into(), &motion.trailing);
    }

    /// The points below a recital or paragraph, depth first (iteratively: points nest deep).
    fn points(&mut self, top: &[Point]) {
        let mut stack: Vec<&Point> = top.iter().rev().collect();
        while let Some(p) = stack.pop() {
            let name = || format!("point {}", p.num.text);
            self.text(&name, &p.num.text);
            self.paras(&name, &p.content);
            stack.extend(p.points.iter().rev());
        }
    }
}

/// `what` and its line in the source, when the motion was read from one (line 0: built in code).
fn at_line(what: String, line: u32) -> String {
    if line == 0 {
        what
    } else {
        format!("{what} (line {line})")
    }
}
