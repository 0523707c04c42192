//! Akoma Ntoso XML reader and checker: AKN 3.0 bytes (as the XML exporter writes them, or written
//! by hand to the same profile) back to the one [`Motion`], with the profile's rules checked on
//! the way — well-formed XML, namespace, document type, FRBR metadata, unique eIds shaped by the
//! Naming Convention — so that `check` guards a repository of AKN files as it guards text.
//!
//! Like the text reader it never fails and never panics: problems become diagnostics whose spans
//! point into the XML, elements it does not know are kept as text (`W-UNRECOGNISED-TEXT`), and
//! nesting is capped ([`tree::MAX_DEPTH`]). [`crate::read::read`] then runs the same
//! [`crate::validate::validate`] as for text, so numbering gaps or duplicates are found alike.

mod body;
mod doctype;
mod eid;
mod inline;
mod meta;
mod preamble;
mod preface;
#[cfg(feature = "schema")]
pub mod schema;
pub mod tree;

use crate::diag::codes;
use crate::diag::{self, Diagnostic, Span};
use crate::model::Parsed;
use crate::model::{DocKind, Footnote, Motion, Num, Para};
use std::collections::HashMap;
use tree::{Element, Node, Ns};

/// Reads an Akoma Ntoso document: the motion it holds and what is wrong with it as AKN; also
/// whether it was AKN enough (well-formed, rooted in `akomaNtoso`) to validate the motion.
///
/// `bytes` should be UTF-8 ([`super::decode`] decodes byte-order marks, UTF-16 and declared
/// encodings first); spans are byte offsets into them. The motion's `source_name` is the
/// `sourceName` the exporter records, empty when the file has none.
pub fn read(bytes: &[u8]) -> (Parsed, bool) {
    let mut diagnostics = Vec::new();
    let tree = tree::build(bytes, &mut diagnostics);
    let mut motion = Motion::default();
    let mut readable = false;
    if let Some(root) = &tree.root() {
        readable = tree.well_formed && root.name() == "akomaNtoso";
        let mut doc = Doc::new(&mut diagnostics);
        doc.document(root, &mut motion);
        motion.footnotes = doc.footnotes;
    }
    diag::sort(&mut diagnostics);
    let parsed = Parsed {
        motion,
        diagnostics,
    };
    (parsed, readable)
}

/// One document being read: the diagnostics, the footnotes met so far, the references of
/// `meta`, and every eId seen.
struct Doc<'d> {
    diags: &'d mut Vec<Diagnostic>,
    footnotes: Vec<Footnote>,
    /// Footnote index by the eId of its `authorialNote`, for `noteRef`s.
    note_ids: HashMap<String, usize>,
    /// `showAs` of each reference in `meta/references`, by its eId.
    refs: HashMap<String, String>,
}

impl<'d> Doc<'d> {
    fn new(diags: &'d mut Vec<Diagnostic>) -> Self {
        Doc {
            diags,
            footnotes: Vec::new(),
            note_ids: HashMap::new(),
            refs: HashMap::new(),
        }
    }

    /// The root element: `akomaNtoso`, holding the document element.
    fn document(&mut self, root: &Element, motion: &mut Motion) {
        if root.name() != "akomaNtoso" {
            self.diags.push(
                Diagnostic::new(
                    &codes::AKN_NAMESPACE,
                    Some(root.span()),
                    format!(
                        "the root element is `{}`, not Akoma Ntoso's `akomaNtoso`",
                        root.name()
                    ),
                )
                .hint("is this an Akoma Ntoso file? Its root is `<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">`"),
            );
            return;
        }
        if root.ns() != Ns::Akn {
            self.diags.push(
                Diagnostic::new(
                    &codes::AKN_NAMESPACE,
                    Some(root.span()),
                    "`akomaNtoso` is not in the Akoma Ntoso 3.0 namespace",
                )
                .hint(format!(
                    "declare xmlns=\"{}\" on the root element",
                    crate::vocab::AKN_NS
                )),
            );
        }
        eid::duplicates(root, self.diags);
        let mut document = None;
        for node in root.children() {
            match node {
                Node::Element(e) if document.is_none() => document = Some(e),
                _ => self.unplaced(&node, &mut motion.trailing),
            }
        }
        let Some(document) = document else {
            self.diags.push(Diagnostic::new(
                &codes::AKN_DOCTYPE,
                Some(root.span()),
                "`akomaNtoso` holds no document element",
            ));
            return;
        };
        self.doc_type(&document, motion);
        self.parts(&document, motion);
    }

    /// The document element: `statement` named after the motion's kind.
    fn doc_type(&mut self, document: &Element, motion: &mut Motion) {
        let kinds = [
            DocKind::MotionForResolution,
            DocKind::JointMotionForResolution,
            DocKind::TextAdopted,
        ];
        let name = document.attr("name").unwrap_or("");
        let kind = kinds.into_iter().find(|k| k.akn_name() == name);
        motion.cover.kind = kind.unwrap_or_default();
        if document.name() != "statement" || kind.is_none() {
            let names: Vec<&str> = kinds.iter().map(|k| k.akn_name()).collect();
            self.diags.push(
                Diagnostic::new(
                    &codes::AKN_DOCTYPE,
                    Some(document.span()),
                    format!(
                        "the document element is `{}` named `{name}`, not a motion's `statement`",
                        document.name()
                    ),
                )
                .hint(format!(
                    "motions are `<statement name=\"…\">` with the name one of {}",
                    names.join(", ")
                )),
            );
        }
    }

    /// `meta`, `preface`, `preamble`, `mainBody`, `conclusions`, in order.
    fn parts(&mut self, document: &Element, motion: &mut Motion) {
        let mut has_meta = false;
        self.each_child(document, motion, trailing, |doc, e, motion| {
            match e.name() {
                "meta" => {
                    has_meta = true;
                    doc.meta(e, motion);
                }
                "preface" => doc.preface(e, motion),
                "preamble" => doc.preamble(e, motion),
                "mainBody" => doc.main_body(e, motion),
                "conclusions" => doc.conclusions(e, motion),
                _ => return false,
            }
            true
        });
        if !has_meta {
            self.diags.push(
                Diagnostic::new(
                    &codes::AKN_METADATA,
                    Some(document.span()),
                    format!("`{}` has no `meta`", document.name()),
                )
                .hint("the FRBR identification in `meta` names the work, expression and manifestation"),
            );
        }
    }

    /// Reads each child of `e`: `take` is given each element with the state it fills and says
    /// whether the element has a place there; text, and elements without a place, are kept in
    /// the state's `sink` ([`Doc::unplaced`]).
    fn each_child<S>(
        &mut self,
        e: &Element,
        state: &mut S,
        sink: fn(&mut S) -> &mut Vec<Para>,
        mut take: impl FnMut(&mut Self, &Element, &mut S) -> bool,
    ) {
        for node in e.children() {
            let placed = match &node {
                Node::Element(c) => take(self, c, state),
                Node::Text(..) => false,
            };
            if !placed {
                self.unplaced(&node, sink(state));
            }
        }
    }

    /// Keeps a node that has no place here: whitespace is layout and goes; text and unknown
    /// elements are kept in `sink` as paragraphs, with a warning.
    fn unplaced(&mut self, node: &Node, sink: &mut Vec<Para>) {
        match node {
            Node::Text(t, at) => {
                if !t.trim().is_empty() {
                    let span = at.span();
                    self.warn_unrecognised(span, "text outside any paragraph");
                    sink.push(Para::plain(t.trim(), span));
                }
            }
            Node::Element(e) => {
                let before = sink.len();
                self.flatten(e, sink);
                if sink.len() > before {
                    let what = if e.ns() == Ns::Akn {
                        format!("element `{}` has no place here", e.name())
                    } else {
                        format!("element `{}` is not Akoma Ntoso", e.name())
                    };
                    self.warn_unrecognised(e.span(), &format!("{what}; its text is kept"));
                }
            }
        }
    }

    /// The text of an element with no place, as paragraphs: each `p` one, other text runs one
    /// each.
    fn flatten(&mut self, e: &Element, sink: &mut Vec<Para>) {
        if e.name() == "p" || e.elements().all(|c| inline::is_inline(c.name())) {
            let para = self.para_unchecked(e);
            if !para.is_blank() {
                sink.push(para);
            }
            return;
        }
        for node in e.children() {
            match node {
                Node::Text(t, at) if !t.trim().is_empty() => {
                    sink.push(Para::plain(t.trim(), at.span()))
                }
                Node::Text(..) => {}
                Node::Element(c) => self.flatten(&c, sink),
            }
        }
    }

    fn warn_unrecognised(&mut self, span: Span, message: &str) {
        self.diags.push(
            Diagnostic::new(&codes::UNRECOGNISED_TEXT, Some(span), message)
                .hint("the motion profile has no place for this; its text is kept"),
        );
    }
}

/// The `num` child of a numbered element, read by [`Num::from_printed`] as the text reader reads
/// a printed number.
fn num_child(e: &Element, ordinal: usize) -> Num {
    let text = e.child("num").map(|n| n.text()).unwrap_or_default();
    Num::from_printed(&text, ordinal)
}

/// Where a motion keeps the text that has no place: after everything else.
fn trailing(motion: &mut Motion) -> &mut Vec<Para> {
    &mut motion.trailing
}

#[cfg(test)]
mod tests {

    #[test]
    fn arbitrary_bytes_never_panic() {
        let inputs: [&[u8]; 8] = [
            b"",
            b"\xff\xfe\x00<",
            b"<akomaNtoso><statement><mainBody><paragraph><num>",
            b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><statement name='motionForResolution'><preface><p class='authors'><person>x</person></p></preface><mainBody><paragraph eId='para_1'><num>1.</num><content><p><authorialNote><authorialNote>n</authorialNote></authorialNote><noteRef href='#x'/></p></content></paragraph></mainBody></statement></akomaNtoso>",
            b"<a:akomaNtoso xmlns:a='x'/>",
            b"<akomaNtoso>\xc3</akomaNtoso>",
            b"<akomaNtoso><![CDATA[x]]></akomaNtoso>",
            b"<akomaNtoso><doc/><doc/>t</akomaNtoso>",
        ];
        for bytes in inputs {
            let _ = crate::read::read(bytes, crate::read::InputFormat::Akn, &Default::default());
        }
    }
}
