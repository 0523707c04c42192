//! The tagged PDF's logical structure (ISO 32000-1, 14.7-14.8): a `Document` element holding the
//! elements of the printed paragraphs (`H1` for the title, `H2` for headings, `Note` for
//! footnotes, `P` for the rest) and the lists of the numbered parts (`L` of `LI`, each a `Lbl`
//! and an `LBody`) in reading order. Each element points at the marked-content sequences that
//! draw it and at the elements inside it, and the parent tree leads back from each page's
//! sequences to their elements. With `/MarkInfo` it lets screen readers and reflow read the
//! motion as text, not as positions. The elements are kept as compact records ([`Elem`]) until
//! the file is written, each built only when its turn comes: a motion can have tens of thousands
//! of them.

use super::compose::Tag;
use super::elements::{Elem, NONE};
use super::file::Generated;
use super::links::Annotations;
use super::syntax;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::ops::Range;

/// What the drawing produced: the elements, and for each page the element of each
/// marked-content id.
pub(super) struct Structure<'a> {
    pub(super) elems: &'a [Elem],
    /// The `/Alt` of each redline change's element (its `extra`).
    pub(super) alts: &'a [String],
    pub(super) pages: Vec<Vec<u32>>,
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Keys of the parent tree past which it is split into leaves of this many keys: a long
/// motion's tree is then written as many small objects, not one as large as its content.
const LEAF: usize = 64;

/// A kid of an element.
#[derive(Clone, Copy)]
enum Kid {
    /// A marked-content sequence: page index, MCID.
    Mcid(u32, u32),
    /// The `k`th drawn element.
    Elem(u32),
    /// An annotation, by its index over the document's.
    Objr(u32),
}

/// The structure tree with its ids: the root, the `Document` element, one element per drawn
/// element (an element is drawn when it or an element inside it has marked content), then the
/// parent tree (its root, and its leaves when it has many keys).
pub(super) struct Tree<'a> {
    root: u32,
    structure: Structure<'a>,
    pages: &'a [ObjectId],
    annotations: Option<&'a Annotations<'a>>,
    /// The `Note` element of each footnote, when drawn.
    notes: Vec<Option<u32>>,
    /// Each drawn element's index into `structure.elems`, in order.
    drawn: Vec<u32>,
    /// For each element, its rank in `drawn` plus one; 0 when not drawn.
    rank: Vec<u32>,
    /// The marked content of each drawn element, `(page index, MCID)` in drawing order: its
    /// parts are `parts[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    parts: Vec<(u32, u32)>,
    /// The drawn elements inside each (the `Document`'s first, then the `k`th drawn element's
    /// at `k + 1`): `kids[kid_starts[g]..kid_starts[g + 1]]`.
    kid_starts: Vec<u32>,
    kids: Vec<u32>,
}

impl<'a> Tree<'a> {
    /// Reserves the tree's ids in `doc`. Each page's key in the parent tree (its
    /// `/StructParents`) is its index.
    pub(super) fn new(
        doc: &mut Document,
        structure: Structure<'a>,
        pages: &'a [ObjectId],
        annotations: Option<&'a Annotations<'a>>,
    ) -> Tree<'a> {
        let elems = structure.elems;
        let mut count = vec![0u32; elems.len()];
        for page in structure.pages.iter().take(pages.len()) {
            for &e in page {
                if let Some(c) = count.get_mut(e as usize) {
                    *c += 1;
                }
            }
        }
        let rank = ranks(elems, &count);
        let mut drawn = Vec::new();
        let mut starts = vec![0u32];
        for (e, &r) in rank.iter().enumerate() {
            if r > 0 {
                drawn.push(e as u32);
                starts.push(starts[starts.len() - 1] + count[e]);
            }
        }
        drop(count);
        let mut notes = Vec::new();
        for (e, elem) in elems.iter().enumerate() {
            if elem.tag == Tag::Note && elem.extra != NONE && rank[e] > 0 {
                let n = elem.extra as usize;
                if notes.len() <= n {
                    notes.resize(n + 1, None);
                }
                notes[n].get_or_insert(e as u32);
            }
        }
        let mut tree = Tree {
            root: 0,
            annotations,
            notes,
            parts: Vec::new(),
            kid_starts: Vec::new(),
            kids: Vec::new(),
            structure,
            pages,
            drawn,
            rank,
            starts,
        };
        tree.fill_parts();
        tree.fill_kids();
        tree.root = doc.new_object_id().0;
        doc.max_id = tree.ids().end - 1;
        tree
    }

    /// The marked content of each drawn element, and where each starts.
    fn fill_parts(&mut self) {
        let mut parts = vec![(0, 0); self.starts[self.starts.len() - 1] as usize];
        let mut next: Vec<u32> = self.starts[..self.drawn.len()].to_vec();
        let pages = self.structure.pages.iter().take(self.pages.len());
        for (page, elems) in pages.enumerate() {
            for (mcid, &e) in elems.iter().enumerate() {
                if let Some(&r) = self.rank.get(e as usize).filter(|&&r| r > 0) {
                    let slot = &mut next[r as usize - 1];
                    parts[*slot as usize] = (page as u32, mcid as u32);
                    *slot += 1;
                }
            }
        }
        self.parts = parts;
    }

    /// The drawn elements inside each.
    fn fill_kids(&mut self) {
        let elems = self.structure.elems;
        let group = |e: u32| -> usize {
            let parent = elems[e as usize].parent;
            match parent {
                NONE => 0,
                p => self.rank[p as usize] as usize,
            }
        };
        let mut kid_starts = vec![0u32; self.drawn.len() + 2];
        for &e in &self.drawn {
            kid_starts[group(e) + 1] += 1;
        }
        for g in 1..kid_starts.len() {
            kid_starts[g] += kid_starts[g - 1];
        }
        let mut next = kid_starts.clone();
        let mut kids = vec![0; self.drawn.len()];
        for (k, &e) in self.drawn.iter().enumerate() {
            let slot = &mut next[group(e)];
            kids[*slot as usize] = k as u32;
            *slot += 1;
        }
        self.kid_starts = kid_starts;
        self.kids = kids;
    }
}

/// For each element, its rank among the drawn ones plus one (0 when not drawn), from the number
/// of marked-content sequences of each: an element is drawn when it or an element inside it
/// has some.
fn ranks(elems: &[Elem], count: &[u32]) -> Vec<u32> {
    let mut drawn: Vec<u32> = count.iter().map(|&c| u32::from(c > 0)).collect();
    for e in (0..elems.len()).rev() {
        let parent = elems[e].parent;
        if drawn[e] > 0 && parent != NONE {
            drawn[parent as usize] = 1;
        }
    }
    let mut next = 0;
    for d in &mut drawn {
        if *d > 0 {
            next += 1;
            *d = next;
        }
    }
    drawn
}

impl Tree<'_> {
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

    /// The marked content of the `k`th drawn element, and the page when it is all on one.
    fn parts(&self, k: usize) -> (&[(u32, u32)], Option<u32>) {
        let parts = &self.parts[self.starts[k] as usize..self.starts[k + 1] as usize];
        let page = parts.first().map(|p| p.0);
        let one = page.filter(|&first| parts.iter().all(|(p, _)| *p == first));
        (parts, one)
    }

    /// The drawn elements inside the `k`th, in reading order.
    fn kids_of(&self, k: usize) -> &[u32] {
        &self.kids[self.kid_starts[k + 1] as usize..self.kid_starts[k + 2] as usize]
    }

    /// Where the `k`th drawn element's content starts, `(page index, MCID)`: its first marked
    /// content, or its first kid's.
    fn first(&self, k: usize) -> (u32, u32) {
        let own = self.parts(k).0.first().copied();
        let kid = self.kids_of(k).first().map(|&c| self.first(c as usize));
        own.into_iter()
            .chain(kid)
            .min()
            .unwrap_or((u32::MAX, u32::MAX))
    }

    /// The kids of group `g` (0 for the `Document`, `k + 1` for the `k`th drawn element) in
    /// reading order: its marked content and the elements inside it by where they start.
    fn for_each_kid(&self, g: usize, mut f: impl FnMut(Kid)) {
        let kids = &self.kids[self.kid_starts[g] as usize..self.kid_starts[g + 1] as usize];
        if g == 0 {
            kids.iter().for_each(|&k| f(Kid::Elem(k)));
            return;
        }
        let (parts, _) = self.parts(g - 1);
        let (mut i, mut j) = (0, 0);
        while i < parts.len() || j < kids.len() {
            let kid_first = kids.get(j).map(|&k| self.first(k as usize));
            if i < parts.len() && kid_first.is_none_or(|at| parts[i] < at) {
                f(Kid::Mcid(parts[i].0, parts[i].1));
                i += 1;
            } else {
                f(Kid::Elem(kids[j]));
                j += 1;
            }
        }
        let elem = self.structure.elems[self.drawn[g - 1] as usize];
        if elem.tag == Tag::Link && elem.extra != NONE && self.annotations.is_some() {
            f(Kid::Objr(elem.extra));
        }
    }

    /// A kid as it is written, in an element whose content is all on page `one` when `Some`.
    fn kid_object(&self, kid: Kid, one: Option<u32>) -> Object {
        match kid {
            Kid::Mcid(page, mcid) => {
                let mcid = Object::Integer(i64::from(mcid));
                if one.is_some() {
                    return mcid;
                }
                let mut mcr = Dictionary::new();
                mcr.set("Type", name("MCR"));
                mcr.set("Pg", Object::Reference(self.pages[page as usize]));
                mcr.set("MCID", mcid);
                Object::Dictionary(mcr)
            }
            Kid::Elem(k) => Object::Reference(self.element(k as usize)),
            Kid::Objr(index) => {
                let mut objr = Dictionary::new();
                objr.set("Type", name("OBJR"));
                if let Some(a) = self.annotations {
                    let (page, _) = a.get(index);
                    // The element's own `/Pg` serves when all its content is on one page.
                    if one != Some(page as u32) {
                        objr.set("Pg", Object::Reference(self.pages[page]));
                    }
                    objr.set("Obj", Object::Reference(a.id(index)));
                }
                Object::Dictionary(objr)
            }
        }
    }

    /// Appends the kids of group `g` as an array, as [`syntax::object`] writes the one
    /// [`Tree::kid_object`] builds.
    fn write_kids(&self, g: usize, one: Option<u32>, out: &mut Vec<u8>) {
        out.push(b'[');
        let mut empty = true;
        self.for_each_kid(g, |kid| {
            match kid {
                Kid::Mcid(_, mcid) if one.is_some() => {
                    if !empty {
                        out.push(b' ');
                    }
                    syntax::integer(out, i64::from(mcid));
                }
                Kid::Mcid(page, mcid) => {
                    out.extend_from_slice(b"<</Type/MCR/Pg ");
                    syntax::reference(out, self.pages[page as usize]);
                    out.extend_from_slice(b"/MCID ");
                    syntax::integer(out, i64::from(mcid));
                    out.extend_from_slice(b">>");
                }
                Kid::Elem(k) => {
                    if !empty {
                        out.push(b' ');
                    }
                    syntax::reference(out, self.element(k as usize));
                }
                Kid::Objr(_) => syntax::object(out, &self.kid_object(kid, one)),
            }
            empty = false;
        });
        out.push(b']');
    }

    /// Appends the `k`th drawn element's dictionary, as [`syntax::object`] writes the one
    /// [`Tree::element_dict`] builds with its kids.
    fn write_element(&self, k: usize, out: &mut Vec<u8>) {
        let (_, one) = self.parts(k);
        let elem = self.structure.elems[self.drawn[k] as usize];
        out.extend_from_slice(b"<</Type/StructElem/S");
        syntax::name(out, elem.tag.name().as_bytes());
        out.extend_from_slice(b"/P ");
        syntax::reference(out, self.parent_of(elem));
        if let Some(page) = one {
            out.extend_from_slice(b"/Pg ");
            syntax::reference(out, self.pages[page as usize]);
        }
        match elem.tag {
            Tag::Note if self.is_note(self.drawn[k]) => {
                out.extend_from_slice(b"/ID");
                syntax::object(out, &note_id(elem.extra));
            }
            Tag::Reference => {
                if let Some(note) = self.note_element(elem.extra) {
                    out.extend_from_slice(b"/Ref[");
                    syntax::reference(out, note);
                    out.push(b']');
                }
            }
            Tag::Ins | Tag::Del => {
                if let Some(alt) = self.structure.alts.get(elem.extra as usize) {
                    out.extend_from_slice(b"/Alt");
                    syntax::object(out, &super::metadata::text(alt));
                }
            }
            _ => {}
        }
        out.extend_from_slice(b"/K");
        self.write_kids(k + 1, one, out);
        out.extend_from_slice(b">>");
    }

    /// The element `elem` is a kid of: another element, or the document.
    fn parent_of(&self, elem: Elem) -> ObjectId {
        match elem.parent {
            NONE => self.document(),
            p => self.element(self.rank[p as usize] as usize - 1),
        }
    }

    fn kids_object(&self, g: usize, one: Option<u32>) -> Object {
        let mut kids = Vec::new();
        self.for_each_kid(g, |kid| kids.push(self.kid_object(kid, one)));
        Object::Array(kids)
    }

    /// The `k`th drawn element's dictionary, without its kids.
    fn element_dict(&self, k: usize) -> (Dictionary, Option<u32>) {
        let (_, one) = self.parts(k);
        let elem = self.structure.elems[self.drawn[k] as usize];
        let mut dict = Dictionary::new();
        dict.set("Type", name("StructElem"));
        dict.set("S", name(elem.tag.name()));
        dict.set("P", Object::Reference(self.parent_of(elem)));
        if let Some(page) = one {
            dict.set("Pg", Object::Reference(self.pages[page as usize]));
        }
        match elem.tag {
            Tag::Note if self.is_note(self.drawn[k]) => {
                dict.set("ID", note_id(elem.extra));
            }
            Tag::Reference => {
                if let Some(note) = self.note_element(elem.extra) {
                    dict.set("Ref", Object::Array(vec![Object::Reference(note)]));
                }
            }
            Tag::Ins | Tag::Del => {
                if let Some(alt) = self.structure.alts.get(elem.extra as usize) {
                    dict.set("Alt", super::metadata::text(alt));
                }
            }
            _ => {}
        }
        dict.set("K", Object::Array(Vec::new()));
        (dict, one)
    }
}

/// The `/ID` of footnote `n`'s `Note` element.
fn note_id(n: u32) -> Object {
    Object::String(
        format!("note{}", n + 1).into_bytes(),
        lopdf::StringFormat::Literal,
    )
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
    /// The element of each MCID of a page.
    fn parents<'s>(&'s self, elems: &'s [u32]) -> impl Iterator<Item = Option<ObjectId>> + 's {
        elems
            .iter()
            .map(|&e| match self.rank.get(e as usize).copied().unwrap_or(0) {
                0 => None,
                r => Some(self.element(r as usize - 1)),
            })
    }

    /// The number of keys in the parent tree: one per page, then one per annotation in the
    /// tree.
    fn keys(&self) -> usize {
        self.pages.len() + self.annotations.map_or(0, |a| a.tagged() as usize)
    }

    /// The element that annotation `index` is in.
    fn annotation_parent(&self, index: usize) -> Option<ObjectId> {
        let (_, link) = self.annotations?.get(index as u32);
        match self.rank.get(link.elem as usize).copied().unwrap_or(0) {
            0 => None,
            r => Some(self.element(r as usize - 1)),
        }
    }

    /// Whether element `e` is the `Note` the footnote's references point to.
    fn is_note(&self, e: u32) -> bool {
        let n = self.structure.elems[e as usize].extra as usize;
        self.notes.get(n).copied().flatten() == Some(e)
    }

    /// The `Note` element of footnote `n`, when drawn.
    fn note_element(&self, n: u32) -> Option<ObjectId> {
        let e = self.notes.get(n as usize).copied().flatten()?;
        Some(self.element(self.rank[e as usize] as usize - 1))
    }

    /// The id tree's id, when there are notes to point to.
    fn id_tree(&self) -> Option<ObjectId> {
        self.notes.iter().any(Option::is_some).then(|| {
            let id = self.parent_tree().0 + self.leaves() as u32 + 1;
            (id, 0)
        })
    }

    /// The id tree: each drawn `Note` by its `/ID`, in the order of the ids' bytes.
    fn id_tree_object(&self) -> Object {
        let mut named: Vec<(Vec<u8>, ObjectId)> = (self.notes.iter().enumerate())
            .filter_map(|(n, e)| {
                let e = (*e)?;
                let Object::String(id, _) = note_id(n as u32) else {
                    return None;
                };
                Some((id, self.element(self.rank[e as usize] as usize - 1)))
            })
            .collect();
        named.sort();
        let names = (named.into_iter())
            .flat_map(|(id, e)| {
                [
                    Object::String(id, lopdf::StringFormat::Literal),
                    Object::Reference(e),
                ]
            })
            .collect();
        let mut dict = Dictionary::new();
        dict.set("Names", Object::Array(names));
        Object::Dictionary(dict)
    }

    /// The leaves of the parent tree (none when its root holds every key).
    fn leaves(&self) -> usize {
        match self.keys() {
            n if n <= LEAF => 0,
            n => n.div_ceil(LEAF),
        }
    }

    /// The value of key `key` of the parent tree: a page's array of the element of each of its
    /// MCIDs.
    fn parent_value(&self, key: usize) -> Object {
        if key >= self.pages.len() {
            let parent = self.annotation_parent(key - self.pages.len());
            return parent.map_or(Object::Null, Object::Reference);
        }
        let elems = self.structure.pages.get(key).map_or(&[][..], |e| &e[..]);
        let parents = (self.parents(elems))
            .map(|p| p.map_or(Object::Null, Object::Reference))
            .collect();
        Object::Array(parents)
    }

    /// Appends the `/Nums` array of `keys`, each page's array written without being built.
    fn write_nums(&self, keys: Range<usize>, out: &mut Vec<u8>) {
        out.push(b'[');
        for key in keys {
            if out.last() != Some(&b'[') {
                out.push(b' ');
            }
            out.extend_from_slice(key.to_string().as_bytes());
            if key >= self.pages.len() {
                let parent = self.annotation_parent(key - self.pages.len());
                out.push(b' ');
                syntax::object(out, &parent.map_or(Object::Null, Object::Reference));
                continue;
            }
            let elems = self.structure.pages.get(key).map_or(&[][..], |e| &e[..]);
            references(out, self.parents(elems));
        }
        out.push(b']');
    }

    fn nums_object(&self, keys: Range<usize>) -> Object {
        let nums = keys
            .flat_map(|key| [Object::Integer(key as i64), self.parent_value(key)])
            .collect();
        Object::Array(nums)
    }

    /// The keys of leaf `i` of the parent tree.
    fn leaf_keys(&self, i: usize) -> Range<usize> {
        i * LEAF..((i + 1) * LEAF).min(self.keys())
    }

    /// The parent tree's root, or leaf `i`, without its `/Nums`.
    fn parent_tree_dict(&self, leaf: Option<usize>) -> Dictionary {
        let mut dict = Dictionary::new();
        match leaf {
            None if self.leaves() > 0 => {
                let kids = (0..self.leaves())
                    .map(|i| Object::Reference(self.element(self.drawn.len() + 1 + i)))
                    .collect();
                dict.set("Kids", Object::Array(kids));
                return dict;
            }
            Some(i) => {
                let keys = self.leaf_keys(i);
                let limits = [keys.start, keys.end - 1].map(|k| Object::Integer(k as i64));
                dict.set("Limits", Object::Array(limits.to_vec()));
            }
            None => {}
        }
        dict.set("Nums", Object::Array(Vec::new()));
        dict
    }

    /// The parent tree's root (`None`) or leaf, written without being built (a page's entry has
    /// an element per MCID).
    fn write_parent_tree(&self, leaf: Option<usize>, out: &mut Vec<u8>) {
        let keys = leaf.map_or(0..self.keys(), |i| self.leaf_keys(i));
        syntax::dictionary_with(out, &self.parent_tree_dict(leaf), |key, out| {
            let nums = key == b"Nums";
            if nums {
                self.write_nums(keys.clone(), out);
            }
            nums
        });
    }

    fn parent_tree_object(&self, leaf: Option<usize>) -> Object {
        let keys = leaf.map_or(0..self.keys(), |i| self.leaf_keys(i));
        let mut dict = self.parent_tree_dict(leaf);
        if dict.has(b"Nums") {
            dict.set("Nums", self.nums_object(keys));
        }
        Object::Dictionary(dict)
    }

    /// The leaf of the parent tree with id `id`, if it is one.
    fn leaf(&self, id: u32) -> Option<usize> {
        let first = self.parent_tree().0 + 1;
        (first..first + self.leaves() as u32)
            .contains(&id)
            .then(|| (id - first) as usize)
    }

    /// The `Document` element, its kids `kids`.
    fn document_dict(&self, kids: Object) -> Dictionary {
        let mut doc_elem = Dictionary::new();
        doc_elem.set("Type", name("StructElem"));
        doc_elem.set("S", name("Document"));
        doc_elem.set("P", Object::Reference(self.root()));
        doc_elem.set("K", kids);
        doc_elem
    }

    fn root_object(&self) -> Object {
        let mut tree = Dictionary::new();
        tree.set("Type", name("StructTreeRoot"));
        tree.set("K", Object::Reference(self.document()));
        tree.set("ParentTree", Object::Reference(self.parent_tree()));
        tree.set("ParentTreeNextKey", Object::Integer(self.keys() as i64));
        if let Some(ids) = self.id_tree() {
            tree.set("IDTree", Object::Reference(ids));
        }
        if !self.structure.alts.is_empty() {
            // A redline's own types, for what a reader that does not know them takes them as.
            let mut roles = Dictionary::new();
            roles.set("Ins", name("Span"));
            roles.set("Del", name("Span"));
            tree.set("RoleMap", Object::Dictionary(roles));
        }
        Object::Dictionary(tree)
    }
}

impl Generated for Tree<'_> {
    fn write(&self, id: u32, out: &mut Vec<u8>) {
        let first = self.document().0;
        if id == self.parent_tree().0 {
            self.write_parent_tree(None, out);
        } else if let Some(leaf) = self.leaf(id) {
            self.write_parent_tree(Some(leaf), out);
        } else if id == first {
            let dict = self.document_dict(Object::Null);
            syntax::dictionary_with(out, &dict, |key, out| {
                let kids = key == b"K";
                if kids {
                    self.write_kids(0, None, out);
                }
                kids
            });
        } else if id > first && id < self.parent_tree().0 {
            self.write_element((id - first - 1) as usize, out);
        } else {
            syntax::object(out, &self.object(id));
        }
    }

    fn ids(&self) -> Range<u32> {
        let end = self.parent_tree().0 + self.leaves() as u32 + 1;
        self.root..end + u32::from(self.id_tree().is_some())
    }
}

impl Tree<'_> {
    /// Object `id` built whole (what [`Generated::write`] writes without building the large
    /// ones).
    fn object(&self, id: u32) -> Object {
        let first = self.document().0;
        if id == self.root {
            return self.root_object();
        }
        if id == first {
            return Object::Dictionary(self.document_dict(self.kids_object(0, None)));
        }
        if id == self.parent_tree().0 {
            return self.parent_tree_object(None);
        }
        if let Some(leaf) = self.leaf(id) {
            return self.parent_tree_object(Some(leaf));
        }
        if self.id_tree() == Some((id, 0)) {
            return self.id_tree_object();
        }
        let k = (id - first - 1) as usize;
        let (mut dict, one) = self.element_dict(k);
        dict.set("K", self.kids_object(k + 1, one));
        Object::Dictionary(dict)
    }
}

#[cfg(test)]
mod tests {
    use super::super::compose::Tag;
    use super::*;

    fn elem(tag: Tag, parent: u32) -> Elem {
        Elem {
            tag,
            parent,
            extra: NONE,
        }
    }

    /// What the tree writes of each object is what lopdf's syntax writes of the object built.
    fn assert_written_as_built(tree: &Tree<'_>) {
        for id in tree.ids() {
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

    /// Elements on one page and over several, undrawn elements, pages without content, a list
    /// with a nested list.
    #[test]
    fn written_objects_are_the_built_ones() {
        let mut doc = Document::with_version("1.7");
        let pages: Vec<ObjectId> = (0..4).map(|_| doc.add_object(Dictionary::new())).collect();
        let elems = [
            elem(Tag::H1, NONE),
            elem(Tag::P, NONE),
            elem(Tag::L, NONE),
            elem(Tag::LI, 2),
            elem(Tag::Lbl, 3),
            elem(Tag::LBody, 3),
            elem(Tag::P, 5),
            elem(Tag::L, 5),
            elem(Tag::LI, 7),
            elem(Tag::Lbl, 8),
            elem(Tag::LBody, 8),
            elem(Tag::P, 10),
            elem(Tag::Note, NONE),
        ];
        let structure = Structure {
            elems: &elems,
            alts: &[],
            pages: vec![vec![0, 4, 6, 9, 11], vec![6, 11, 12], vec![], vec![12]],
        };
        let tree = Tree::new(&mut doc, structure, &pages, None);
        assert!(tree.ids().len() > 10);
        assert_written_as_built(&tree);
        let mut body = Vec::new();
        tree.write(tree.element(4).0, &mut body);
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("/S/LBody"), "{body}");
        assert!(body.contains("/K[12 0 R 13 0 R]"), "{body}");
    }

    /// A tree of more pages than a leaf holds: a root of leaves, each with its keys' limits.
    #[test]
    fn a_long_parent_tree_is_split_into_leaves() {
        let mut doc = Document::with_version("1.7");
        let n = LEAF * 2 + 3;
        let pages: Vec<ObjectId> = (0..n).map(|_| doc.add_object(Dictionary::new())).collect();
        let elems = [elem(Tag::P, NONE)];
        let structure = Structure {
            elems: &elems,
            alts: &[],
            pages: vec![vec![0]; n],
        };
        let tree = Tree::new(&mut doc, structure, &pages, None);
        assert_eq!(tree.leaves(), 3);
        assert_written_as_built(&tree);
        let mut last = Vec::new();
        tree.write(tree.parent_tree().0 + 3, &mut last);
        let last = String::from_utf8_lossy(&last);
        assert!(
            last.starts_with(&format!("<</Limits[{} {}]", LEAF * 2, n - 1)),
            "{last}"
        );
    }
}
