//! Link annotations (footnote calls to their notes and back), kept as the plan's compact links
//! until the file is written and then written straight into their page's `/Annots`, one page's
//! at a time: a motion can hold a hundred thousand footnote calls. Each reads as printpdf's
//! `LinkAnnotation` would: no border, transparent, inverted when clicked.

use super::place::Link;
use super::syntax;
use lopdf::{Dictionary, Object, ObjectId};

/// The links of each page.
pub(super) struct Annotations<'a> {
    pages: &'a [ObjectId],
    links: &'a [Vec<Link>],
}

impl<'a> Annotations<'a> {
    /// `links[i]` are the links of page `pages[i]`.
    pub(super) fn new(pages: &'a [ObjectId], links: &'a [Vec<Link>]) -> Self {
        Annotations { pages, links }
    }

    /// Writes the `/Annots` entry of page `index` when it has links.
    pub(super) fn write(&self, index: usize, out: &mut Vec<u8>) {
        let Some(links) = self.links.get(index).filter(|l| !l.is_empty()) else {
            return;
        };
        let annots = links.iter().map(|l| self.annotation(l)).collect();
        out.extend_from_slice(b"/Annots");
        syntax::value_after_key(out, &Object::Array(annots));
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
        let mut action = Dictionary::new();
        action.set("S", Object::Name(b"GoTo".to_vec()));
        action.set(
            "D",
            Object::Array(vec![
                target,
                Object::Name(b"XYZ".to_vec()),
                real(round(link.left)),
                real(round(link.top)),
                Object::Null,
            ]),
        );
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Annot".to_vec()));
        d.set("Subtype", Object::Name(b"Link".to_vec()));
        d.set(
            "Rect",
            Object::Array(vec![real(x), real(y), real(x + w), real(y + h)]),
        );
        d.set("A", Object::Dictionary(action));
        // No visible border (the default is a one-point box), no colour.
        d.set(
            "Border",
            Object::Array(vec![real(0.0), real(0.0), real(0.0)]),
        );
        d.set("C", Object::Array(Vec::new()));
        d.set("H", Object::Name(b"I".to_vec()));
        Object::Dictionary(d)
    }
}

/// Rounds a coordinate to a hundredth of a point, which keeps the file short.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}
