//! The pages as objects of the file, written without lopdf: each page's content stream is
//! deflated as the page is drawn and given up once it is written, and each page's dictionary is
//! a few numbers until its turn comes. A motion of thousands of pages holds no page object, only
//! its pages' deflated content.

use super::file::{Generated, Streams};
use super::links::Annotations;
use super::syntax;
use lopdf::{Object, ObjectId};
use std::ops::Range;

/// One page's content stream: its bytes, deflated or (when that would not shrink them) not.
pub(super) struct Content {
    pub(super) bytes: Vec<u8>,
    pub(super) deflated: bool,
}

/// The ids of `count` pages' objects, from `first`: the dictionaries, then the contents.
#[derive(Clone, Copy)]
pub(super) struct PageIds {
    pub(super) first: u32,
    pub(super) count: u32,
}

impl PageIds {
    /// The id of page `index`'s dictionary.
    pub(super) fn page(self, index: u32) -> ObjectId {
        (self.first + index, 0)
    }

    /// The id of page `index`'s content stream.
    fn content(self, index: u32) -> u32 {
        self.first + self.count + index
    }

    /// Every page's dictionary id, in order.
    pub(super) fn pages(self) -> Vec<ObjectId> {
        (0..self.count).map(|i| self.page(i)).collect()
    }
}

/// The pages' content streams, each given up as it is written.
pub(super) struct Contents {
    pub(super) ids: PageIds,
    pub(super) contents: Vec<Content>,
}

impl Streams for Contents {
    fn ids(&self) -> Range<u32> {
        self.ids.content(0)..self.ids.content(self.ids.count)
    }

    fn write(&mut self, id: u32, out: &mut Vec<u8>) {
        let index = (id - self.ids.content(0)) as usize;
        let content = std::mem::replace(
            &mut self.contents[index],
            Content {
                bytes: Vec::new(),
                deflated: false,
            },
        );
        out.extend_from_slice(b"<</Length ");
        out.extend_from_slice(content.bytes.len().to_string().as_bytes());
        if content.deflated {
            out.extend_from_slice(b"/Filter/FlateDecode");
        }
        out.extend_from_slice(b">>stream\n");
        out.extend_from_slice(&content.bytes);
        out.extend_from_slice(b"\nendstream");
    }
}

/// The pages' dictionaries: every page of one size, with the same resources, under one page
/// tree, its key in the structure tree's parent tree its index, its links' annotations inline.
pub(super) struct Dictionaries<'a> {
    pub(super) ids: PageIds,
    pub(super) parent: ObjectId,
    pub(super) resources: ObjectId,
    /// Width and height in points.
    pub(super) size: [f32; 2],
    pub(super) links: &'a Annotations<'a>,
}

impl Generated for Dictionaries<'_> {
    fn ids(&self) -> Range<u32> {
        self.ids.first..self.ids.first + self.ids.count
    }

    fn write(&self, id: u32, out: &mut Vec<u8>) {
        let index = id - self.ids.first;
        let reference = |out: &mut Vec<u8>, (n, _): ObjectId| {
            out.extend_from_slice(format!("{n} 0 R").as_bytes());
        };
        let page_box = Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Real(self.size[0]),
            Object::Real(self.size[1]),
        ]);
        out.extend_from_slice(b"<</Type/Page/Parent ");
        reference(out, self.parent);
        out.extend_from_slice(b"/Resources ");
        reference(out, self.resources);
        for key in [&b"/MediaBox"[..], b"/CropBox", b"/TrimBox"] {
            out.extend_from_slice(key);
            syntax::object(out, &page_box);
        }
        out.extend_from_slice(b"/Contents ");
        reference(out, (self.ids.content(index), 0));
        out.extend_from_slice(format!("/StructParents {index}").as_bytes());
        self.links.write(index as usize, out);
        out.extend_from_slice(b">>");
    }
}
