//! The `mainBody` (operative paragraphs with points and indents, headings as
//! `hcontainer name="crossHeading"`) and the `conclusions` that keep what has no place in the
//! body: footnotes never called and text after the body.

use super::inline::Owner;
use super::Doc;
use crate::model::{BodyItem, Heading, Para, Paragraph, Point};
use crate::vocab::eid::{child, prefix, Counter};
use crate::vocab::part_ids;

impl Doc<'_> {
    /// Writes the `mainBody`. Paragraphs are `para_N` after their printed number; headings are
    /// `hcontainer_N` between them, so a heading never changes a paragraph's eId.
    pub(super) fn main_body(&mut self) {
        let motion = self.motion;
        self.out.open("mainBody", &[]);
        for (item, eid) in motion.body.iter().zip(part_ids::body(&motion.body)) {
            match item {
                BodyItem::Heading(heading) => self.cross_heading(&eid, heading),
                BodyItem::Paragraph(paragraph) => self.paragraph(&eid, paragraph),
            }
        }
        self.out.close("mainBody");
    }

    /// A heading between paragraphs. `crossHeading` itself is not allowed in `mainBody`; the
    /// generic hierarchical container named after it is, and holds just the `heading`.
    fn cross_heading(&mut self, eid: &str, heading: &Heading) {
        self.out
            .open("hcontainer", &[("eId", eid), ("name", "crossHeading")]);
        self.out.open_line("heading", &[]);
        self.inlines(&heading.text.inlines, &mut Owner::new(eid), None);
        self.out.end("heading");
        self.out.close("hcontainer");
    }

    /// `paragraph`: `num`, then either `content` or `intro`, points, `wrapUp`.
    fn paragraph(&mut self, eid: &str, paragraph: &Paragraph) {
        self.out.open("paragraph", &[("eId", eid)]);
        self.out.line_text("num", &[], &paragraph.num.text);
        if paragraph.points.is_empty() {
            // Without points there is nothing to wrap up: text after is more content.
            self.content(eid, paragraph.content.iter().chain(&paragraph.wrap_up));
        } else {
            self.intro(eid, &paragraph.content);
            self.points(eid, &paragraph.points);
            if !paragraph.wrap_up.is_empty() {
                self.out.open("wrapUp", &[]);
                self.paras(&prefix(eid, "wrapup"), &paragraph.wrap_up);
                self.out.close("wrapUp");
            }
        }
        self.out.close("paragraph");
    }

    fn content<'p>(&mut self, eid: &str, paras: impl IntoIterator<Item = &'p Para>) {
        self.out.open("content", &[]);
        self.paras(eid, paras);
        self.out.close("content");
    }

    fn intro(&mut self, eid: &str, paras: &[Para]) {
        if paras.is_empty() {
            return;
        }
        self.out.open("intro", &[]);
        self.paras(&prefix(eid, "intro"), paras);
        self.out.close("intro");
    }

    /// Points and, for dash items, `indent`s (the EU's element for them), each numbered among
    /// its own kind.
    fn points(&mut self, parent: &str, points: &[Point]) {
        for (point, (element, eid)) in points.iter().zip(part_ids::points(parent, points)) {
            self.out.open(element, &[("eId", &eid)]);
            self.out.line_text("num", &[], &point.num.text);
            if point.points.is_empty() {
                self.content(&eid, &point.content);
            } else {
                self.intro(&eid, &point.content);
                self.points(&eid, &point.points);
            }
            self.out.close(element);
        }
    }

    /// Writes the `conclusions` when there is something the body could not hold: footnotes no
    /// call placed (as `authorialNote`s in `container name="footnotes"`, in their order) and the
    /// text after the body (`p class="unrecognised"`).
    pub(super) fn conclusions(&mut self) {
        let motion = self.motion;
        let unused: Vec<usize> = (0..self.placed.len())
            .filter(|i| self.placed[*i].is_none())
            .collect();
        if unused.is_empty() && motion.trailing.is_empty() {
            return;
        }
        self.out.open("conclusions", &[]);
        if !unused.is_empty() {
            let container = child("conclusions", "container", "1");
            self.out
                .open("container", &[("eId", &container), ("name", "footnotes")]);
            let mut ps = Counter::default();
            for index in unused {
                let p = ps.next(&container, "p");
                let note = child(&p, "authorialNote", "1");
                self.out
                    .open_line("p", &[("eId", &p), ("class", "footnote")]);
                self.placed[index] = Some(note.clone());
                let marker = motion.footnotes[index].marker.as_str();
                self.authorial_note(&note, marker, index);
                self.out.end("p");
            }
            self.out.close("container");
        }
        let mut ps = Counter::default();
        for para in &motion.trailing {
            let eid = ps.next("conclusions", "p");
            self.para(&eid, Some("unrecognised"), para);
        }
        self.out.close("conclusions");
    }
}
