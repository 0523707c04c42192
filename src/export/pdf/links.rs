//! Link annotations (footnote calls to their notes and back), kept as the plan's compact links
//! until the file is written and then written one at a time: a motion can hold a hundred
//! thousand footnote calls. Each has no border and is inverted when clicked, says what it links
//! to (`/Contents`), and is in the structure tree (`/StructParent`).

use super::file::Generated;
use super::place::Link;
use super::syntax;
use lopdf::{Dictionary, Object, ObjectId};
use std::ops::Range;

/// The links of each page, written as indirect annotations, each in the structure tree: its
/// `/StructParent` key follows the pages' keys, and its `Link` element holds it as an `OBJR`.
pub(super) struct Annotations<'a> {
    pages: &'a [ObjectId],
    links: &'a [Vec<Link>],
    /// Where each page's annotations start, over the document's, and where they end.
    starts: Vec<u32>,
    first_id: u32,
    /// What the annotations say they link to (the language's word for the notes).
    label: &'a str,
}

impl<'a> Annotations<'a> {
    /// `links[i]` are the links of page `pages[i]`; their annotations take the ids from
    /// `first_id` (those in the structure tree: see [`Annotations::tagged`]).
    pub(super) fn new(
        pages: &'a [ObjectId],
        links: &'a [Vec<Link>],
        first_id: u32,
        label: &'a str,
    ) -> Self {
        let mut starts = Vec::with_capacity(links.len() + 1);
        starts.push(0);
        for page in links {
            starts.push(starts[starts.len() - 1] + page.len() as u32);
        }
        Annotations {
            pages,
            links,
            starts,
            first_id,
            label,
        }
    }

    /// The number of annotations.
    pub(super) fn count(&self) -> u32 {
        self.starts[self.starts.len() - 1]
    }

    /// The number of annotations in the structure tree: the first ones (see
    /// [`TAGGED_LINKS`](super::draw::TAGGED_LINKS)).
    pub(super) fn tagged(&self) -> u32 {
        self.count().min(super::draw::TAGGED_LINKS)
    }

    /// The id of annotation `index`.
    pub(super) fn id(&self, index: u32) -> ObjectId {
        (self.first_id + index, 0)
    }

    /// The page of annotation `index`, and its link.
    pub(super) fn get(&self, index: u32) -> (usize, &Link) {
        let page = self.starts.partition_point(|&s| s <= index) - 1;
        (
            page,
            &self.links[page][(index - self.starts[page]) as usize],
        )
    }

    /// Writes the `/Annots` entry of page `index` when it has links: references to the
    /// annotations in the structure tree, the others written in place.
    pub(super) fn write(&self, index: usize, out: &mut Vec<u8>) {
        let Some(range) = self.starts.get(index..index + 2) else {
            return;
        };
        if range[0] == range[1] {
            return;
        }
        out.extend_from_slice(b"/Annots[");
        for i in range[0]..range[1] {
            if i < self.tagged() {
                if i > range[0] {
                    out.push(b' ');
                }
                out.extend_from_slice(format!("{} 0 R", self.first_id + i).as_bytes());
            } else {
                let (_, link) = self.get(i);
                syntax::object(out, &self.annotation(link));
            }
        }
        out.push(b']');
    }

    fn annotation(&self, link: &Link) -> Object {
        let real = Object::Real;
        let (x, y) = (round(link.rect[0]), round(link.rect[1]));
        let (w, h) = (
            round(link.rect[2] - link.rect[0]),
            round(link.rect[3] - link.rect[1]),
        );
        let target = self
            .pages
            .get(link.page)
            .map_or(Object::Null, |&p| Object::Reference(p));
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Annot".to_vec()));
        d.set("Subtype", Object::Name(b"Link".to_vec()));
        d.set(
            "Rect",
            Object::Array(vec![real(x), real(y), real(x + w), real(y + h)]),
        );
        // A destination rather than a `GoTo` action: the same jump, fewer bytes per call.
        d.set(
            "Dest",
            Object::Array(vec![
                target,
                Object::Name(b"XYZ".to_vec()),
                real(round(link.left)),
                real(round(link.top)),
                Object::Null,
            ]),
        );
        // No visible border (the default is a one-point box); inverted when clicked, the
        // default `/H`.
        d.set(
            "Border",
            Object::Array(vec![real(0.0), real(0.0), real(0.0)]),
        );
        Object::Dictionary(d)
    }
}

impl Generated for Annotations<'_> {
    fn ids(&self) -> Range<u32> {
        self.first_id..self.first_id + self.tagged()
    }

    fn write(&self, id: u32, out: &mut Vec<u8>) {
        let index = id - self.first_id;
        let (_, link) = self.get(index);
        let Object::Dictionary(mut d) = self.annotation(link) else {
            return;
        };
        // Its key in the parent tree, after the pages'.
        d.set(
            "StructParent",
            Object::Integer(i64::from(index) + self.pages.len() as i64),
        );
        let what = format!("{} {}", self.label, link.note + 1);
        d.set("Contents", super::metadata::text(&what));
        syntax::object(out, &Object::Dictionary(d));
    }
}

/// Rounds a coordinate to a hundredth of a point, which keeps the file short.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}
