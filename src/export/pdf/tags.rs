//! The tagged PDF's logical structure (ISO 32000-1, 14.7-14.8): a `Document` element holding one
//! element per printed paragraph (`H1` for the title, `H2` for headings, `Note` for footnotes,
//! `P` for the rest) in reading order, each pointing at the marked-content sequences that draw
//! it, and the parent tree that leads back from each page's sequences to their elements. With
//! `/MarkInfo` it lets screen readers and reflow read the motion as text, not as positions. The
//! elements are kept as compact records until the file is written, each built only when its
//! turn comes: a motion can have tens of thousands of them.

use super::compose::Tag;
use super::file::Generated;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::ops::Range;

/// What the drawing produced: the type of each element, and for each page the element of each
/// marked-content id.
pub(super) struct Structure<'a> {
    pub(super) tags: &'a [Tag],
    pub(super) pages: Vec<Vec<u32>>,
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// The structure tree with its ids: the root, the `Document` element, one element per drawn
/// element of `tags` (in order), then the parent tree.
pub(super) struct Tree<'a> {
    root: u32,
    structure: Structure<'a>,
    pages: &'a [ObjectId],
    /// Each drawn element's index into `tags`, in order.
    drawn: Vec<u32>,
    /// For each element of `tags`, its rank in `drawn` plus one; 0 when not drawn.
    rank: Vec<u32>,
    /// The content of each drawn element, `(page index, MCID)` in drawing order: its parts are
    /// `parts[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    parts: Vec<(u32, u32)>,
}

impl<'a> Tree<'a> {
    /// Reserves the tree's ids in `doc` and sets `/StructParents` on each page.
    pub(super) fn new(
        doc: &mut Document,
        structure: Structure<'a>,
        pages: &'a [ObjectId],
    ) -> Tree<'a> {
        let n = structure.tags.len();
        let mut count = vec![0u32; n];
        for elems in structure.pages.iter().take(pages.len()) {
            for &e in elems {
                if let Some(c) = count.get_mut(e as usize) {
                    *c += 1;
                }
            }
        }
        let mut drawn = Vec::new();
        let mut rank = vec![0u32; n];
        let mut starts = vec![0u32];
        for (i, &c) in count.iter().enumerate() {
            if c > 0 {
                drawn.push(i as u32);
                rank[i] = drawn.len() as u32;
                starts.push(starts[starts.len() - 1] + c);
            }
        }
        let mut parts = vec![(0, 0); starts[starts.len() - 1] as usize];
        let mut next: Vec<u32> = starts[..drawn.len()].to_vec();
        for (page, elems) in structure.pages.iter().take(pages.len()).enumerate() {
            for (mcid, &e) in elems.iter().enumerate() {
                if let Some(&r) = rank.get(e as usize).filter(|&&r| r > 0) {
                    let slot = &mut next[r as usize - 1];
                    parts[*slot as usize] = (page as u32, mcid as u32);
                    *slot += 1;
                }
            }
        }
        let root = doc.new_object_id().0;
        doc.max_id += 2 + drawn.len() as u32;
        for (key, page) in pages.iter().enumerate().take(structure.pages.len()) {
            if let Ok(dict) = doc.get_object_mut(*page).and_then(Object::as_dict_mut) {
                dict.set("StructParents", Object::Integer(key as i64));
            }
        }
        Tree {
            root,
            structure,
            pages,
            drawn,
            rank,
            starts,
            parts,
        }
    }

    /// The tree root's id.
    pub(super) fn root(&self) -> ObjectId {
        (self.root, 0)
    }

    fn document(&self) -> ObjectId {
        (self.root + 1, 0)
    }

    fn element(&self, k: usize) -> ObjectId {
        (self.root + 2 + k as u32, 0)
    }

    fn parent_tree(&self) -> ObjectId {
        self.element(self.drawn.len())
    }

    /// The `k`th drawn element: on one page (most elements), the page is the element's and its
    /// content bare MCIDs; across pages, each part names its page in a marked-content reference.
    fn element_object(&self, k: usize) -> Object {
        let parts = &self.parts[self.starts[k] as usize..self.starts[k + 1] as usize];
        let page = |p: u32| Object::Reference(self.pages[p as usize]);
        let first_page = parts[0].0;
        let one_page = parts.iter().all(|(p, _)| *p == first_page);
        let k_array: Vec<Object> = parts
            .iter()
            .map(|&(p, mcid)| {
                let mcid = Object::Integer(i64::from(mcid));
                if one_page {
                    return mcid;
                }
                let mut mcr = Dictionary::new();
                mcr.set("Type", name("MCR"));
                mcr.set("Pg", page(p));
                mcr.set("MCID", mcid);
                Object::Dictionary(mcr)
            })
            .collect();
        let tag = self.structure.tags[self.drawn[k] as usize];
        let mut elem = Dictionary::new();
        elem.set("Type", name("StructElem"));
        elem.set("S", name(tag.name()));
        elem.set("P", Object::Reference(self.document()));
        if one_page {
            elem.set("Pg", page(first_page));
        }
        elem.set("K", Object::Array(k_array));
        Object::Dictionary(elem)
    }

    /// For each page's key, the element of each of its MCIDs.
    fn parent_tree_object(&self) -> Object {
        let mut nums = Vec::new();
        for (key, elems) in self
            .structure
            .pages
            .iter()
            .take(self.pages.len())
            .enumerate()
        {
            let parents: Vec<Object> = elems
                .iter()
                .map(|&e| match self.rank.get(e as usize).copied().unwrap_or(0) {
                    0 => Object::Null,
                    r => Object::Reference(self.element(r as usize - 1)),
                })
                .collect();
            nums.push(Object::Integer(key as i64));
            nums.push(Object::Array(parents));
        }
        let mut parent_tree = Dictionary::new();
        parent_tree.set("Nums", Object::Array(nums));
        Object::Dictionary(parent_tree)
    }
}

impl Generated for Tree<'_> {
    fn ids(&self) -> Range<u32> {
        self.root..self.parent_tree().0 + 1
    }

    fn object(&self, id: u32) -> Object {
        if id == self.root {
            let mut tree = Dictionary::new();
            tree.set("Type", name("StructTreeRoot"));
            tree.set("K", Object::Reference(self.document()));
            tree.set("ParentTree", Object::Reference(self.parent_tree()));
            tree.set(
                "ParentTreeNextKey",
                Object::Integer(self.pages.len() as i64),
            );
            return Object::Dictionary(tree);
        }
        if id == self.document().0 {
            let mut doc_elem = Dictionary::new();
            doc_elem.set("Type", name("StructElem"));
            doc_elem.set("S", name("Document"));
            doc_elem.set("P", Object::Reference(self.root()));
            let kids = (0..self.drawn.len())
                .map(|k| Object::Reference(self.element(k)))
                .collect();
            doc_elem.set("K", Object::Array(kids));
            return Object::Dictionary(doc_elem);
        }
        if id == self.parent_tree().0 {
            return self.parent_tree_object();
        }
        self.element_object((id - self.root - 2) as usize)
    }
}
