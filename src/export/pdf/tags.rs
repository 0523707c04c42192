//! The tagged PDF's logical structure (ISO 32000-1, 14.7-14.8): a `Document` element holding one
//! element per printed paragraph (`H1` for the title, `H2` for headings, `Note` for footnotes,
//! `P` for the rest) in reading order, each pointing at the marked-content sequences that draw
//! it, and the parent tree that leads back from each page's sequences to their elements. With
//! `/MarkInfo` it lets screen readers and reflow read the motion as text, not as positions. The
//! elements are kept as compact records until the file is written, each built only when its
//! turn comes: a motion can have tens of thousands of them.

use super::compose::Tag;
use super::file::Generated;
use super::syntax;
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

    /// The parts of the `k`th drawn element, and whether they are all on one page.
    fn parts(&self, k: usize) -> (&[(u32, u32)], bool) {
        let parts = &self.parts[self.starts[k] as usize..self.starts[k + 1] as usize];
        let first_page = parts[0].0;
        (parts, parts.iter().all(|(p, _)| *p == first_page))
    }

    /// The `k`th drawn element: on one page (most elements), the page is the element's and its
    /// content bare MCIDs; across pages, each part names its page in a marked-content reference.
    fn element_object(&self, k: usize) -> Object {
        let (parts, one_page) = self.parts(k);
        let k_array: Vec<Object> = parts
            .iter()
            .map(|&(p, mcid)| {
                let mcid = Object::Integer(i64::from(mcid));
                if one_page {
                    return mcid;
                }
                let mut mcr = Dictionary::new();
                mcr.set("Type", name("MCR"));
                mcr.set("Pg", Object::Reference(self.pages[p as usize]));
                mcr.set("MCID", mcid);
                Object::Dictionary(mcr)
            })
            .collect();
        Object::Dictionary(self.element_dict(k, Object::Array(k_array)))
    }

    /// The `k`th drawn element's dictionary, with `k_array` as its content.
    fn element_dict(&self, k: usize, k_array: Object) -> Dictionary {
        let (parts, one_page) = self.parts(k);
        let tag = self.structure.tags[self.drawn[k] as usize];
        let mut elem = Dictionary::new();
        elem.set("Type", name("StructElem"));
        elem.set("S", name(tag.name()));
        elem.set("P", Object::Reference(self.document()));
        if one_page {
            elem.set("Pg", Object::Reference(self.pages[parts[0].0 as usize]));
        }
        elem.set("K", k_array);
        elem
    }

    /// The `k`th drawn element written without its content being built (a paragraph over
    /// many pages has a part per line).
    fn write_element(&self, k: usize, out: &mut Vec<u8>) {
        let (parts, one_page) = self.parts(k);
        let elem = self.element_dict(k, Object::Array(Vec::new()));
        syntax::dictionary_with(out, &elem, |key, out| {
            if key != b"K" {
                return false;
            }
            out.push(b'[');
            for (i, &(p, mcid)) in parts.iter().enumerate() {
                if one_page {
                    if i > 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(mcid.to_string().as_bytes());
                    continue;
                }
                out.extend_from_slice(b"<<");
                syntax::name(out, b"Type");
                syntax::name(out, b"MCR");
                syntax::name(out, b"Pg");
                syntax::value_after_key(out, &Object::Reference(self.pages[p as usize]));
                syntax::name(out, b"MCID");
                syntax::value_after_key(out, &Object::Integer(i64::from(mcid)));
                out.extend_from_slice(b">>");
            }
            out.push(b']');
            true
        });
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

/// Appends an array of references (`None` as `null`), as [`syntax::object`] writes one.
fn references(out: &mut Vec<u8>, refs: impl Iterator<Item = Option<ObjectId>>) {
    out.push(b'[');
    for (i, r) in refs.enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        match r {
            Some((id, generation)) => {
                out.extend_from_slice(format!("{id} {generation} R").as_bytes());
            }
            None => out.extend_from_slice(b"null"),
        }
    }
    out.push(b']');
}

impl Tree<'_> {
    /// The parent tree written without being built (it has an entry per MCID of the document).
    fn write_parent_tree(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"<<");
        syntax::name(out, b"Nums");
        out.push(b'[');
        let pages = self.structure.pages.iter().take(self.pages.len());
        for (key, elems) in pages.enumerate() {
            if key > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(key.to_string().as_bytes());
            references(
                out,
                elems
                    .iter()
                    .map(|&e| match self.rank.get(e as usize).copied().unwrap_or(0) {
                        0 => None,
                        r => Some(self.element(r as usize - 1)),
                    }),
            );
        }
        out.extend_from_slice(b"]>>");
    }

    /// The `Document` element written without being built (it has a kid per element).
    fn write_document(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"<<");
        for (key, value) in [("Type", "StructElem"), ("S", "Document")] {
            syntax::name(out, key.as_bytes());
            syntax::value_after_key(out, &name(value));
        }
        syntax::name(out, b"P");
        syntax::value_after_key(out, &Object::Reference(self.root()));
        syntax::name(out, b"K");
        references(out, (0..self.drawn.len()).map(|k| Some(self.element(k))));
        out.extend_from_slice(b">>");
    }
}

impl Generated for Tree<'_> {
    fn write(&self, id: u32, out: &mut Vec<u8>) {
        if id == self.parent_tree().0 {
            self.write_parent_tree(out);
        } else if id == self.document().0 {
            self.write_document(out);
        } else if id > self.document().0 && id < self.parent_tree().0 {
            self.write_element((id - self.root - 2) as usize, out);
        } else {
            syntax::object(out, &self.object(id));
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    /// What the tree writes itself is what lopdf's syntax writes of the objects it stands for:
    /// elements on one page and over several, undrawn elements, pages without content.
    #[test]
    fn written_objects_are_the_built_ones() {
        let mut doc = Document::with_version("1.7");
        let pages: Vec<ObjectId> = (0..4).map(|_| doc.add_object(Dictionary::new())).collect();
        let tags = [Tag::H1, Tag::P, Tag::P, Tag::Note, Tag::P];
        let structure = Structure {
            tags: &tags,
            pages: vec![vec![0, 1, 1, 2], vec![2, 2, 4], vec![], vec![4, 3]],
        };
        let tree = Tree::new(&mut doc, structure, &pages);
        let ids = tree.ids();
        assert!(ids.len() > 5);
        for id in ids {
            let mut written = Vec::new();
            tree.write(id, &mut written);
            let mut built = Vec::new();
            syntax::object(&mut built, &tree.object(id));
            assert_eq!(
                String::from_utf8_lossy(&written),
                String::from_utf8_lossy(&built),
                "object {id}"
            );
        }
    }
}
