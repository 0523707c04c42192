//! The `mainBody` (paragraphs with points and indents, `hcontainer name="crossHeading"`
//! headings), numbered blocks in general (recitals, items, paragraphs, points: `num`, `p`s,
//! `content`, `intro`, points, `blockList`, `wrapUp`) and the `conclusions` (unplaced footnotes,
//! text after the body).

use super::tree::{Element, Node};
use super::{num_child, trailing, Doc};
use crate::model::{BodyItem, Heading, Motion, Para, Paragraph, Point};
use crate::vocab::eid::{child, prefix, Counter, Siblings};

/// What a numbered block holds besides its number.
#[derive(Default)]
pub(super) struct Block {
    /// The text, or the introduction before the points.
    pub content: Vec<Para>,
    pub points: Vec<Point>,
    /// The text after the points.
    pub wrap_up: Vec<Para>,
}

impl Doc<'_> {
    /// The children of a numbered block with eId `eid`. Recursion into points is bounded by
    /// the tree's depth cap.
    pub(super) fn block(&mut self, e: &Element, eid: &str) -> Block {
        let mut block = Block::default();
        let mut ps = Counter::default();
        let mut lists = Counter::default();
        let mut lettered = Siblings::default();
        let mut dashes = Siblings::default();
        let mut position = 0;
        self.each_child(
            e,
            &mut block,
            |b| &mut b.content,
            |doc, c, block| {
                match c.name() {
                    "num" => {}
                    "p" => {
                        let p_eid = doc.eid(c, &ps.next(eid, "p"));
                        if c.has_children() {
                            let para = doc.para(c, &p_eid);
                            block.content.push(para);
                        }
                    }
                    "content" => doc.paras(c, eid, &mut block.content),
                    "intro" => doc.paras(c, &prefix(eid, "intro"), &mut block.content),
                    "wrapUp" => doc.paras(c, &prefix(eid, "wrapup"), &mut block.wrap_up),
                    "blockList" => {
                        let list = doc.eid(c, &lists.next(eid, "list"));
                        let points = doc.block_list(c, &list, &mut block.content);
                        block.points.extend(points);
                    }
                    "point" | "indent" => {
                        position += 1;
                        let num = num_child(c, position);
                        let siblings = if c.name() == "point" {
                            &mut lettered
                        } else {
                            &mut dashes
                        };
                        let expected = child(eid, c.name(), &siblings.numbered(&num));
                        let point_eid = doc.eid(c, &expected);
                        block.points.push(doc.point(c, &point_eid, num));
                    }
                    _ => return false,
                }
                true
            },
        );
        block
    }

    fn point(&mut self, e: &Element, eid: &str, num: crate::model::Num) -> Point {
        let inner = self.block(e, eid);
        let mut content = inner.content;
        content.extend(inner.wrap_up);
        Point {
            num,
            content,
            points: inner.points,
            span: e.span(),
        }
    }

    /// The `item`s of a `blockList` (the points of a recital); text beside them goes to `loose`.
    fn block_list(&mut self, e: &Element, list: &str, loose: &mut Vec<Para>) -> Vec<Point> {
        let mut points = Vec::new();
        let mut siblings = Siblings::default();
        let mut position = 0;
        for node in e.children() {
            match node {
                Node::Element(c) if c.name() == "item" => {
                    position += 1;
                    let num = num_child(&c, position);
                    let expected = child(list, "item", &siblings.numbered(&num));
                    let eid = self.eid(&c, &expected);
                    points.push(self.point(&c, &eid, num));
                }
                _ => self.unplaced(&node, loose),
            }
        }
        points
    }

    pub(super) fn main_body(&mut self, e: &Element, motion: &mut Motion) {
        let mut paragraphs = Siblings::default();
        let mut headings = Counter::default();
        let mut position = 0;
        self.each_child(e, motion, trailing, |doc, c, motion| {
            match c.name() {
                "paragraph" => {
                    position += 1;
                    let num = num_child(c, position);
                    let expected = child("", "para", &paragraphs.numbered(&num));
                    let eid = doc.eid(c, &expected);
                    let block = doc.block(c, &eid);
                    motion.body.push(BodyItem::Paragraph(Paragraph {
                        num,
                        content: block.content,
                        points: block.points,
                        wrap_up: block.wrap_up,
                        span: c.span(),
                    }));
                }
                "hcontainer" => {
                    let eid = doc.eid(c, &headings.next("", "hcontainer"));
                    doc.each_child(c, motion, trailing, |doc, h, motion| {
                        if h.name() != "heading" {
                            return false;
                        }
                        let mut text = doc.para(h, &eid);
                        text.span = c.span();
                        motion.body.push(BodyItem::Heading(Heading { text }));
                        true
                    });
                }
                _ => return false,
            }
            true
        });
    }

    /// `container name="footnotes"` (footnotes no call placed) and the text after the body.
    pub(super) fn conclusions(&mut self, e: &Element, motion: &mut Motion) {
        let mut ps = Counter::default();
        let mut containers = Counter::default();
        self.each_child(e, motion, trailing, |doc, c, motion| {
            match c.name() {
                "container" if c.attr("name") == Some("footnotes") => {
                    let eid = doc.eid(c, &containers.next("conclusions", "container"));
                    doc.footnote_list(c, &eid, motion);
                }
                "p" => {
                    let eid = doc.eid(c, &ps.next("conclusions", "p"));
                    let para = doc.para(c, &eid);
                    if !para.is_blank() {
                        doc.warn_unrecognised(c.span(), "text after the body; kept as it is");
                        motion.trailing.push(para);
                    }
                }
                _ => return false,
            }
            true
        });
    }

    /// Each `p class="footnote"` holding one `authorialNote`.
    fn footnote_list(&mut self, e: &Element, eid: &str, motion: &mut Motion) {
        let mut ps = Counter::default();
        for node in e.children() {
            match node {
                Node::Element(p) if p.name() == "p" => {
                    let p_eid = self.eid(&p, &ps.next(eid, "p"));
                    let mut notes = Counter::default();
                    for node in p.children() {
                        match node {
                            Node::Element(n) if n.name() == "authorialNote" => {
                                let note_eid = self.eid(&n, &notes.next(&p_eid, "authorialNote"));
                                self.footnote(&n, &note_eid, false);
                            }
                            _ => self.unplaced(&node, &mut motion.trailing),
                        }
                    }
                }
                _ => self.unplaced(&node, &mut motion.trailing),
            }
        }
    }
}
