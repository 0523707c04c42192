//! Link annotations (footnote calls to their notes and back), kept as the plan's compact links
//! until the file is written and then written straight into their page's `/Annots`, one page's
//! at a time: a motion can hold a hundred thousand footnote calls. Each reads as printpdf's
//! `LinkAnnotation` would: no border, transparent, inverted when clicked.

use super::place::Link;
use super::syntax;
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;

/// The links of each page, by the page's id.
pub(super) struct Annotations<'a> {
    pages: &'a [ObjectId],
    links: HashMap<ObjectId, &'a [Link]>,
}

impl<'a> Annotations<'a> {
    /// `links[i]` are the links of page `pages[i]`.
    pub(super) fn new(pages: &'a [ObjectId], links: impl Iterator<Item = &'a [Link]>) -> Self {
        let links = pages
            .iter()
            .zip(links)
            .filter(|(_, l)| !l.is_empty())
            .map(|(&p, l)| (p, l))
            .collect();
        Annotations { pages, links }
    }

    /// Writes the `/Annots` value of `page` when it has links; returns whether it did.
    pub(super) fn write(&self, page: ObjectId, key: &[u8], out: &mut Vec<u8>) -> bool {
        if key != b"Annots" {
            return false;
        }
        let Some(links) = self.links.get(&page) else {
            return false;
        };
        let annots = links.iter().map(|l| self.annotation(l)).collect();
        syntax::value_after_key(out, &Object::Array(annots));
        true
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
