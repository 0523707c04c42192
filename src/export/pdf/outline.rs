//! The outline (bookmarks), one entry per part in document order, each going to the top of its
//! part. Written directly rather than through printpdf, which sorts bookmarks of a page by title
//! and can only go to the top of a page.

use super::metadata::text;
use super::place::Target;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Adds the outline for `targets` to `doc`; returns the outline dictionary's id, or `None` when
/// there is nothing to list.
pub(super) fn add(doc: &mut Document, targets: &[Target], pages: &[ObjectId]) -> Option<ObjectId> {
    let targets: Vec<(&Target, ObjectId)> = targets
        .iter()
        .filter_map(|t| pages.get(t.page).map(|&p| (t, p)))
        .collect();
    if targets.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = targets.iter().map(|_| doc.new_object_id()).collect();
    for (i, ((target, page), &id)) in targets.iter().zip(&ids).enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", text(&target.title));
        item.set("Parent", Object::Reference(root));
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(&next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(next));
        }
        item.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(*page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real((target.top * 100.0).round() / 100.0),
                Object::Null,
            ]),
        );
        doc.objects.insert(id, Object::Dictionary(item));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference(ids[0]));
    outlines.set("Last", Object::Reference(ids[ids.len() - 1]));
    outlines.set("Count", Object::Integer(ids.len() as i64));
    doc.objects.insert(root, Object::Dictionary(outlines));
    Some(root)
}
