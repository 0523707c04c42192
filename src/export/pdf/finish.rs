//! Finishing printpdf's frame and writing it: the cached, already deflated font programs, the
//! other streams deflated, the pages, the outline, the structure tree of the tagged PDF, `/Lang`, the
//! information dictionary, and a trailer `/ID` that is a hash of the file, so that the same
//! motion always gives the same bytes.

use super::deflate::{self, Deflater};
use super::draw::{Drawn, Embedded, Frame};
use super::elements::Elements;
use super::file::{self, Generated};
use super::pages::{self, PageIds};
use super::place::Target;
use super::{links, marks, metadata, outline, tags};
use crate::export::meta::DocMeta;
use crate::export::plan::labels::Labels;
use crate::export::{ExportError, Format};
use crate::model::Date;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

/// Stands in for the `/ID` until the file's hash is known; the same length as the hash.
const ID_PLACEHOLDER: [u8; 16] = [0x11; 16];

/// Completes printpdf's `frame` with the pages `drawn`, the outline going to `targets`, and the
/// structure tree of the `elements`, and writes it.
pub(super) fn finish(
    frame: Frame,
    drawn: Drawn,
    elements: &Elements,
    meta: &DocMeta,
    fallback_date: Option<Date>,
    targets: &[Target],
    embedded: &[Embedded<'_>],
) -> Result<Vec<u8>, ExportError> {
    let Frame {
        mut doc,
        page_tree,
        resources,
        size,
    } = frame;
    doc.version = "1.7".into();
    font_programs(&mut doc, embedded);
    deflate_streams(&mut doc);
    let Drawn {
        contents,
        mcids,
        links,
    } = drawn;
    let ids = PageIds {
        first: doc.max_id + 1,
        count: contents.len() as u32,
    };
    doc.max_id += 2 * ids.count;
    let pages = ids.pages();
    page_list(&mut doc, page_tree, &pages)?;
    let labels = Labels::of(&meta.lang);
    let annotations = links::Annotations::new(&pages, &links, doc.max_id + 1, labels.notes());
    doc.max_id += annotations.tagged();
    let outline = outline::Outline::new(&mut doc, targets, &pages);
    // What each change is, in the motion's language, as the bookmarks are.
    let changes = (labels.inserted(), labels.deleted());
    let alts = marks::alts(&elements.elems, &elements.alts, changes);
    let structure = tags::Structure {
        elems: &elements.elems,
        alts: &alts,
        pages: mcids,
    };
    let tree = tags::Tree::new(&mut doc, structure, &pages, Some(&annotations));
    catalog(
        &mut doc,
        meta,
        outline.as_ref().map(|o| o.root()),
        tree.root(),
    )?;
    info(&mut doc, meta, fallback_date);
    let dictionaries = pages::Dictionaries {
        ids,
        parent: page_tree,
        resources,
        size,
        links: &annotations,
    };
    let mut generated: Vec<&dyn Generated> = vec![&dictionaries, &annotations];
    if let Some(outline) = &outline {
        generated.push(outline);
    }
    generated.push(&tree);
    write(doc, &mut pages::Contents { ids, contents }, &generated)
}

/// Lists the `pages` in the page tree.
fn page_list(doc: &mut Document, tree: ObjectId, pages: &[ObjectId]) -> Result<(), ExportError> {
    let dict = doc
        .get_object_mut(tree)
        .and_then(Object::as_dict_mut)
        .map_err(|e| backend(format!("bad page tree ({e})")))?;
    let kids = pages.iter().map(|&p| Object::Reference(p)).collect();
    dict.set("Kids", Object::Array(kids));
    dict.set("Count", Object::Integer(pages.len() as i64));
    Ok(())
}

fn backend(message: impl Into<String>) -> ExportError {
    ExportError::Backend {
        format: Format::Pdf,
        message: message.into(),
    }
}

/// Swaps each embedded font program for its subset's cached deflated bytes.
fn font_programs(doc: &mut Document, embedded: &[Embedded<'_>]) {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") {
            continue;
        }
        if let Some(e) = embedded.iter().find(|e| stream.content == e.subset.program) {
            stream.set_content(e.subset.deflated.clone());
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        }
    }
}

/// Deflates every stream not yet filtered (the `/ToUnicode` maps; the pages' contents are
/// deflated as they are drawn).
fn deflate_streams(doc: &mut Document) {
    let mut deflater = Deflater::new(deflate::STREAMS);
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            deflater.deflate(stream);
        }
    }
}

/// `/Lang`, the outline, the structure tree, and a viewer that shows the title and the outline.
fn catalog(
    doc: &mut Document,
    meta: &DocMeta,
    outline: Option<ObjectId>,
    structure: ObjectId,
) -> Result<(), ExportError> {
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| backend(format!("no catalog ({e})")))?;
    let catalog = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| backend(format!("bad catalog ({e})")))?;
    if let Some(lang) = metadata::lang(&meta.lang) {
        catalog.set("Lang", lang);
    }
    catalog.remove(b"Outlines");
    match outline {
        Some(id) => {
            catalog.set("Outlines", Object::Reference(id));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
    }
    catalog.set("StructTreeRoot", Object::Reference(structure));
    let mut mark = Dictionary::new();
    mark.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    Ok(())
}

/// Replaces printpdf's information dictionary with ours.
fn info(doc: &mut Document, meta: &DocMeta, fallback: Option<Date>) {
    let info = Object::Dictionary(metadata::info(meta, fallback));
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, info);
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", Object::Reference(id));
        }
    }
}

/// Writes the file, then sets its `/ID` to a hash of its bytes.
fn write(
    mut doc: Document,
    contents: &mut pages::Contents,
    generated: &[&dyn Generated],
) -> Result<Vec<u8>, ExportError> {
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    // Object and cross-reference streams: the many small objects of the structure tree, the
    // outline, the pages and the fonts are deflated together.
    let mut out = file::write(&mut doc, Some(contents), generated)
        .map_err(|e| backend(format!("cannot write ({e})")))?;
    let hex = |bytes: &[u8]| -> Vec<u8> {
        bytes
            .iter()
            .flat_map(|b| format!("{b:02X}").into_bytes())
            .collect()
    };
    let needle = hex(&ID_PLACEHOLDER);
    let digest = Sha256::digest(&out);
    let id = hex(&digest[..16]);
    // The trailer is the cross-reference stream's dictionary, where `startxref` points: look
    // from there, so no other stream can be touched.
    let tail = last_xref_offset(&out).ok_or_else(|| backend("no startxref"))?;
    let mut replaced = 0;
    let mut at = tail;
    while let Some(pos) = find(&out[at..], &needle) {
        let start = at + pos;
        out[start..start + needle.len()].copy_from_slice(&id);
        at = start + needle.len();
        replaced += 1;
    }
    if replaced != 2 {
        return Err(backend("cannot set the document /ID"));
    }
    Ok(out)
}

/// The offset that the file's last `startxref` gives.
fn last_xref_offset(out: &[u8]) -> Option<usize> {
    let key = b"startxref";
    let at = out.windows(key.len()).rposition(|w| w == key)? + key.len();
    let digits: String = (out[at..].iter())
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|b| *b as char)
        .collect();
    digits.parse().ok().filter(|o| *o < out.len())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
