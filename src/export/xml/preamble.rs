//! The `preamble`: the resolution's title and the notes under it, the formula, citations,
//! recitals (with their points as `blockList`s) and the formula that opens the operative part.

use super::inline::{Mark, Owner};
use super::{nonblank, Doc};
use crate::model::{Inline, Motion, Para, Point, Recital};
use crate::vocab::eid::{child, prefix, Counter};
use crate::vocab::part_ids;

impl Doc<'_> {
    /// Writes the `preamble`, unless the motion has none (an empty `preamble` is invalid).
    pub(super) fn preamble(&mut self) {
        let motion = self.motion;
        if !has_preamble(motion) {
            return;
        }
        let mut ps = Counter::default();
        let mut formulas = Counter::default();
        self.out.open("preamble", &[]);
        let refers = format!("#{}", super::refs::PROCEDURE);
        let attrs = [("refersTo", refers.as_str())];
        let procedure = nonblank(&motion.cover.procedure).map(|phrase| Mark {
            phrase,
            element: "docketNumber",
            attrs: &attrs,
        });
        let mut procedure = procedure.as_ref();
        if let Some(title) = &motion.title {
            let eid = ps.next("preamble", "p");
            let mark = procedure.filter(|m| m.found_in(title));
            procedure = procedure.filter(|_| mark.is_none());
            self.out
                .open_line("p", &[("eId", &eid), ("class", "title")]);
            self.out.start("docTitle", &[]);
            self.inlines(&title.inlines, &mut Owner::new(&eid), mark);
            self.out.end("docTitle");
            self.out.end("p");
        }
        for note in &motion.title_notes {
            let eid = ps.next("preamble", "p");
            let mark = procedure.filter(|m| m.found_in(note));
            procedure = procedure.filter(|_| mark.is_none());
            self.para_marked(&eid, Some("titleNote"), note, mark);
        }
        if let Some(formula) = &motion.formula {
            let eid = formulas.next("preamble", "formula");
            self.enacting_formula(&eid, formula);
        }
        self.citations();
        self.recitals(&mut ps);
        if let Some(intro) = &motion.body_intro {
            let eid = formulas.next("preamble", "formula");
            self.out
                .open("formula", &[("eId", &eid), ("name", "operativeFormula")]);
            self.paras(&eid, std::slice::from_ref(intro));
            self.out.close("formula");
        }
        self.out.close("preamble");
    }

    /// "The European Parliament," as `formula name="enactingFormula"`, the words before the
    /// closing punctuation marked as the `docAuthority` (the Parliament).
    fn enacting_formula(&mut self, eid: &str, formula: &Para) {
        let authority = formula.inlines.iter().find_map(|i| match i {
            Inline::Text { text, .. } => Some(
                text.trim_end_matches(|c: char| !c.is_alphanumeric())
                    .trim_start(),
            ),
            _ => None,
        });
        let refers = format!("#{}", super::refs::EP);
        let attrs = [("refersTo", refers.as_str())];
        let mark = authority.filter(|a| !a.is_empty()).map(|phrase| Mark {
            phrase,
            element: "docAuthority",
            attrs: &attrs,
        });
        self.out
            .open("formula", &[("eId", eid), ("name", "enactingFormula")]);
        let p = child(eid, "p", "1");
        self.para_marked(&p, None, formula, mark.as_ref());
        self.out.close("formula");
    }

    /// `citations/citation/p`, the citations unnumbered (`cit_1`, `cit_2`…). The cover's Rule
    /// is marked as the legal basis in each citation that names it.
    fn citations(&mut self) {
        let motion = self.motion;
        if motion.citations.is_empty() {
            return;
        }
        let rule_ref = self.rule_ref.clone().unwrap_or_default();
        let attrs = [("name", "legalBasis"), ("refersTo", rule_ref.as_str())];
        let rule = motion
            .cover
            .rule
            .as_ref()
            .filter(|_| self.rule_ref.is_some());
        let mark = rule.map(|r| Mark {
            phrase: r.value.as_str(),
            element: "inline",
            attrs: &attrs,
        });
        self.out.open("citations", &[("eId", part_ids::CITATIONS)]);
        let eids = part_ids::citations(motion.citations.len());
        for (citation, eid) in motion.citations.iter().zip(eids) {
            self.out.open("citation", &[("eId", &eid)]);
            if citation.content.is_empty() {
                self.paras(&eid, &citation.content);
            }
            let mut ps = Counter::default();
            for para in &citation.content {
                let p = ps.next(&eid, "p");
                let m = mark.as_ref().filter(|m| m.found_in(para));
                self.para_marked(&p, None, para, m);
            }
            self.out.close("citation");
        }
        self.out.close("citations");
    }

    /// `recitals` with the words that open them as `intro`; without recitals those words are a
    /// `p` of the preamble.
    fn recitals(&mut self, ps: &mut Counter) {
        let motion = self.motion;
        if motion.recitals.is_empty() {
            if let Some(intro) = &motion.recitals_intro {
                let eid = ps.next("preamble", "p");
                self.para(&eid, Some("recitalsIntro"), intro);
            }
            return;
        }
        let list = part_ids::RECITALS;
        self.out.open("recitals", &[("eId", list)]);
        if let Some(intro) = &motion.recitals_intro {
            let intro_prefix = prefix(list, "intro");
            self.out.open("intro", &[]);
            self.paras(&intro_prefix, std::slice::from_ref(intro));
            self.out.close("intro");
        }
        for (recital, eid) in motion
            .recitals
            .iter()
            .zip(part_ids::recitals(&motion.recitals))
        {
            self.recital(&eid, recital);
        }
        self.out.close("recitals");
    }

    fn recital(&mut self, eid: &str, recital: &Recital) {
        self.out.open("recital", &[("eId", eid)]);
        self.out.line_text("num", &[], &recital.num.text);
        if !recital.content.is_empty() || recital.points.is_empty() {
            self.paras(eid, &recital.content);
        }
        if !recital.points.is_empty() {
            self.block_list(eid, &recital.points);
        }
        self.out.close("recital");
    }

    /// Points of a recital: `blockList/item` (a recital holds blocks, not hierarchy).
    fn block_list(&mut self, parent: &str, points: &[Point]) {
        let list = part_ids::block_list(parent);
        self.out.open("blockList", &[("eId", &list)]);
        for (point, eid) in points.iter().zip(part_ids::items(&list, points)) {
            self.out.open("item", &[("eId", &eid)]);
            self.out.line_text("num", &[], &point.num.text);
            if !point.content.is_empty() || point.points.is_empty() {
                self.paras(&eid, &point.content);
            }
            if !point.points.is_empty() {
                self.block_list(&eid, &point.points);
            }
            self.out.close("item");
        }
        self.out.close("blockList");
    }
}

/// Whether the motion has anything that goes in the preamble.
fn has_preamble(motion: &Motion) -> bool {
    motion.title.is_some()
        || !motion.title_notes.is_empty()
        || motion.formula.is_some()
        || !motion.citations.is_empty()
        || motion.recitals_intro.is_some()
        || !motion.recitals.is_empty()
        || motion.body_intro.is_some()
}
