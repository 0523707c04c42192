//! The tagged PDF's logical structure (ISO 32000-1, 14.7-14.8): a `Document` element holding one
//! element per printed paragraph (`H1` for the title, `H2` for headings, `Note` for footnotes,
//! `P` for the rest) in reading order, each pointing at the marked-content sequences that draw
//! it, and the parent tree that leads back from each page's sequences to their elements. With
//! `/MarkInfo` it lets screen readers and reflow read the motion as text, not as positions.

use super::compose::Tag;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// What the drawing produced: the type of each element, and for each page the element of each
/// marked-content id.
pub(super) struct Structure<'a> {
    pub(super) tags: &'a [Tag],
    pub(super) pages: Vec<Vec<u32>>,
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Adds the structure tree to `doc` and `/StructParents` to each page; returns the tree root.
pub(super) fn add(doc: &mut Document, s: &Structure<'_>, pages: &[ObjectId]) -> ObjectId {
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    // The content of each element: (page, MCID) in drawing order.
    let mut content: Vec<Vec<(ObjectId, u32)>> = vec![Vec::new(); s.tags.len()];
    for (page, elems) in pages.iter().zip(&s.pages) {
        for (mcid, elem) in elems.iter().enumerate() {
            if let Some(c) = content.get_mut(*elem as usize) {
                c.push((*page, mcid as u32));
            }
        }
    }
    let mut ids: Vec<Option<ObjectId>> = vec![None; s.tags.len()];
    let mut kids = Vec::new();
    for (i, (tag, parts)) in s.tags.iter().zip(&content).enumerate() {
        if parts.is_empty() {
            continue;
        }
        // On one page (most elements), the page is the element's and its content bare MCIDs;
        // across pages, each part names its page in a marked-content reference.
        let first_page = parts[0].0;
        let one_page = parts.iter().all(|(page, _)| *page == first_page);
        let k: Vec<Object> = parts
            .iter()
            .map(|(page, mcid)| {
                let mcid = Object::Integer(i64::from(*mcid));
                if one_page {
                    return mcid;
                }
                let mut mcr = Dictionary::new();
                mcr.set("Type", name("MCR"));
                mcr.set("Pg", Object::Reference(*page));
                mcr.set("MCID", mcid);
                Object::Dictionary(mcr)
            })
            .collect();
        let mut elem = Dictionary::new();
        elem.set("Type", name("StructElem"));
        elem.set("S", name(tag.name()));
        elem.set("P", Object::Reference(document));
        if one_page {
            elem.set("Pg", Object::Reference(first_page));
        }
        elem.set("K", Object::Array(k));
        let id = doc.add_object(elem);
        ids[i] = Some(id);
        kids.push(Object::Reference(id));
    }
    let mut doc_elem = Dictionary::new();
    doc_elem.set("Type", name("StructElem"));
    doc_elem.set("S", name("Document"));
    doc_elem.set("P", Object::Reference(root));
    doc_elem.set("K", Object::Array(kids));
    doc.objects.insert(document, Object::Dictionary(doc_elem));

    let mut nums = Vec::new();
    for (key, (page, elems)) in pages.iter().zip(&s.pages).enumerate() {
        let parents: Vec<Object> = elems
            .iter()
            .map(|e| match ids.get(*e as usize).copied().flatten() {
                Some(id) => Object::Reference(id),
                None => Object::Null,
            })
            .collect();
        nums.push(Object::Integer(key as i64));
        nums.push(Object::Array(parents));
        if let Ok(dict) = doc.get_object_mut(*page).and_then(Object::as_dict_mut) {
            dict.set("StructParents", Object::Integer(key as i64));
        }
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = doc.add_object(parent_tree);
    let mut tree = Dictionary::new();
    tree.set("Type", name("StructTreeRoot"));
    tree.set("K", Object::Reference(document));
    tree.set("ParentTree", Object::Reference(parent_tree));
    tree.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    doc.objects.insert(root, Object::Dictionary(tree));
    root
}
