//! The `preamble` back to the model: the title and the notes under it, the enacting formula,
//! `citations`, `recitals` (with their `blockList` points) and the formula that opens the
//! operative part.

use super::tree::{Element, Node};
use super::{num_child, trailing, Doc};
use crate::model::{Citation, Motion, Para, Recital};
use crate::vocab::eid::{child, prefix, Counter, Siblings};

impl Doc<'_> {
    pub(super) fn preamble(&mut self, e: &Element, motion: &mut Motion) {
        let mut ps = Counter::default();
        let mut formulas = Counter::default();
        let mut cits = Counter::default();
        let mut recs = Counter::default();
        self.each_child(e, motion, trailing, |doc, c, motion| {
            match c.name() {
                "p" => {
                    let eid = doc.eid(c, &ps.next("preamble", "p"));
                    doc.preamble_line(c, &eid, motion);
                }
                "formula" => {
                    let eid = doc.eid(c, &formulas.next("preamble", "formula"));
                    doc.formula(c, &eid, motion);
                }
                "citations" => {
                    let eid = doc.eid(c, &cits.next("preamble", "cits"));
                    doc.citations(c, &eid, motion);
                }
                "recitals" => {
                    let eid = doc.eid(c, &recs.next("preamble", "recs"));
                    doc.recitals(c, &eid, motion);
                }
                _ => return false,
            }
            true
        });
    }

    /// A `p` of the preamble, by its `class`: the title, a note under it, the words that open
    /// the recitals.
    fn preamble_line(&mut self, p: &Element, eid: &str, motion: &mut Motion) {
        match p.attr("class").unwrap_or_default() {
            "title" => {
                let (title, procedure) = self.titled(p, eid, &mut motion.title_notes);
                if motion.title.is_none() {
                    motion.title = Some(title);
                } else {
                    motion.title_notes.push(title);
                }
                if motion.cover.procedure.is_none() {
                    motion.cover.procedure = procedure;
                }
            }
            "titleNote" => {
                let note = self.para(p, eid);
                motion.title_notes.push(note);
            }
            "recitalsIntro" => {
                let intro = self.para(p, eid);
                self.set_once(&mut motion.recitals_intro, intro, &mut motion.trailing);
            }
            _ => {
                self.warn_unrecognised(
                    p.span(),
                    "text in the preamble not recognised; kept as it is",
                );
                let para = self.para(p, eid);
                motion.trailing.push(para);
            }
        }
    }

    /// `formula name="enactingFormula"` (the default) or `name="operativeFormula"`.
    fn formula(&mut self, e: &Element, eid: &str, motion: &mut Motion) {
        let mut paras = Vec::new();
        self.paras(e, eid, &mut paras);
        let mut paras = paras.into_iter();
        let Some(first) = paras.next() else { return };
        let slot = if e.attr("name") == Some("operativeFormula") {
            &mut motion.body_intro
        } else {
            &mut motion.formula
        };
        self.set_once(slot, first, &mut motion.trailing);
        for extra in paras {
            self.warn_unrecognised(extra.span, "a formula is one paragraph; the rest is kept");
            motion.trailing.push(extra);
        }
    }

    /// Fills `slot`, or keeps `para` in `rest` with a warning when it is already full.
    fn set_once(&mut self, slot: &mut Option<Para>, para: Para, rest: &mut Vec<Para>) {
        if slot.is_none() {
            *slot = Some(para);
        } else {
            self.warn_unrecognised(
                para.span,
                "a second one of a part the motion has once; kept as it is",
            );
            rest.push(para);
        }
    }

    fn citations(&mut self, e: &Element, list: &str, motion: &mut Motion) {
        let mut cits = Counter::default();
        for node in e.children() {
            match node {
                Node::Element(c) if c.name() == "citation" => {
                    let eid = self.eid(&c, &cits.next(list, "cit"));
                    let mut content = Vec::new();
                    self.paras(&c, &eid, &mut content);
                    motion.citations.push(Citation {
                        content,
                        span: c.span(),
                    });
                }
                _ => self.unplaced(&node, &mut motion.trailing),
            }
        }
    }

    fn recitals(&mut self, e: &Element, list: &str, motion: &mut Motion) {
        let mut siblings = Siblings::default();
        let mut position = 0;
        for node in e.children() {
            match node {
                Node::Element(c) if c.name() == "intro" => {
                    let mut paras = Vec::new();
                    self.paras(&c, &prefix(list, "intro"), &mut paras);
                    for para in paras {
                        self.set_once(&mut motion.recitals_intro, para, &mut motion.trailing);
                    }
                }
                Node::Element(c) if c.name() == "recital" => {
                    position += 1;
                    let num = num_child(&c, position);
                    let expected = child(list, "rec", &siblings.numbered(&num));
                    let eid = self.eid(&c, &expected);
                    let block = self.block(&c, &eid);
                    let mut content = block.content;
                    content.extend(block.wrap_up);
                    motion.recitals.push(Recital {
                        num,
                        content,
                        points: block.points,
                        span: c.span(),
                    });
                }
                _ => self.unplaced(&node, &mut motion.trailing),
            }
        }
    }
}
