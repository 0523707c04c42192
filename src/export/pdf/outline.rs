//! The outline (bookmarks), one entry per part in document order, each going to the top of its
//! part. Written directly rather than through printpdf, which sorts bookmarks of a page by title
//! and can only go to the top of a page; and kept as the targets until the file is written, each
//! entry built only when its turn comes (a motion can have tens of thousands of headings).

use super::file::Generated;
use super::metadata::text;
use super::place::Target;
use super::syntax;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::ops::Range;

/// The outline dictionary (`root`) and its entries, with the ids after it.
pub(super) struct Outline<'a> {
    root: u32,
    targets: Vec<(&'a Target, ObjectId)>,
}

impl<'a> Outline<'a> {
    /// Reserves the ids of the outline for `targets` in `doc`; `None` when there is nothing to
    /// list.
    pub(super) fn new(
        doc: &mut Document,
        targets: &'a [Target],
        pages: &[ObjectId],
    ) -> Option<Outline<'a>> {
        let targets: Vec<(&Target, ObjectId)> = targets
            .iter()
            .filter_map(|t| pages.get(t.page as usize).map(|&p| (t, p)))
            .collect();
        if targets.is_empty() {
            return None;
        }
        let root = doc.new_object_id().0;
        doc.max_id += targets.len() as u32;
        Some(Outline { root, targets })
    }

    /// The outline dictionary's id.
    pub(super) fn root(&self) -> ObjectId {
        (self.root, 0)
    }

    fn item(&self, i: usize) -> ObjectId {
        (self.root + 1 + i as u32, 0)
    }
}

impl Generated for Outline<'_> {
    fn ids(&self) -> Range<u32> {
        self.root..self.root + 1 + self.targets.len() as u32
    }

    fn write(&self, id: u32, out: &mut Vec<u8>) {
        syntax::object(out, &self.object(id));
    }
}

impl Outline<'_> {
    fn object(&self, id: u32) -> Object {
        let n = self.targets.len();
        let mut d = Dictionary::new();
        if id == self.root {
            d.set("Type", Object::Name(b"Outlines".to_vec()));
            d.set("First", Object::Reference(self.item(0)));
            d.set("Last", Object::Reference(self.item(n - 1)));
            d.set("Count", Object::Integer(n as i64));
            return Object::Dictionary(d);
        }
        let i = (id - self.root - 1) as usize;
        let (target, page) = self.targets[i];
        d.set("Title", text(&target.title));
        d.set("Parent", Object::Reference(self.root()));
        if i > 0 {
            d.set("Prev", Object::Reference(self.item(i - 1)));
        }
        if i + 1 < n {
            d.set("Next", Object::Reference(self.item(i + 1)));
        }
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real((target.top * 100.0).round() / 100.0),
                Object::Null,
            ]),
        );
        Object::Dictionary(d)
    }
}
