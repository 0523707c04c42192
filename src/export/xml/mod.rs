//! Akoma Ntoso 3.0 XML exporter: a motion becomes a `statement` with `meta`, `preface`,
//! `preamble`, `mainBody` and, when needed, `conclusions`, valid against the official OASIS schema
//! and the project's profile (`schemas/akn-motion-profile.xsd`).
//!
//! The shape follows the research notes on AKN for motions: identifiers per the Naming
//! Convention ([`crate::vocab::eid`]), FRBR IRIs under `/akn/eu/statement/…` ([`frbr`]), the Parliament, groups,
//! Members, Rule and procedure as metadata references ([`refs`]). Writing is one pass over the
//! model with the quick-xml event writer (`writer`); no step reads the clock or iterates a hash
//! map, so the same motion always gives the same bytes.

mod body;
mod inline;
mod meta;
mod preamble;
mod preface;
pub mod refs;
mod writer;

pub use super::frbr;
use super::{ExportError, Format};
use crate::model::{Date, Motion};
use frbr::Frbr;
use refs::Refs;
use writer::Out;

/// The namespace of the Parliament's own data in `meta/proprietary`.
pub const EP_NS: &str = "urn:x-motion-export:ep:1.0";

/// Options for the XML exporter.
#[derive(Debug, Clone, Default)]
pub struct XmlOptions {
    /// The date for the FRBR identifiers when the text states none (the command line sets it
    /// from `SOURCE_DATE_EPOCH`); without it, 1970-01-01. Either way the FRBR dates are then
    /// named `unknown`.
    pub fallback_date: Option<Date>,
}

/// Exports a motion to Akoma Ntoso XML.
///
/// Fails only when the motion has no operative paragraph: `mainBody` cannot be empty.
pub fn export(motion: &Motion, options: &XmlOptions) -> Result<Vec<u8>, ExportError> {
    super::check_depth(motion, Format::Xml)?;
    if motion.paragraphs().next().is_none() {
        return Err(ExportError::Incomplete {
            format: Format::Xml,
            missing: "operative paragraph",
        });
    }
    let mut doc = Doc::new(motion, options);
    doc.out
        .open("akomaNtoso", &[("xmlns", crate::vocab::AKN_NS)]);
    doc.out.open(
        "statement",
        &[
            ("name", motion.cover.kind.akn_name()),
            ("contains", "originalVersion"),
        ],
    );
    doc.meta();
    doc.preface();
    doc.preamble();
    doc.main_body();
    doc.conclusions();
    doc.out.close("statement");
    doc.out.close("akomaNtoso");
    doc.out.finish().map_err(|e| ExportError::Backend {
        format: Format::Xml,
        message: e.to_string(),
    })
}

/// One export in progress: the motion, what was derived from it, and the output.
struct Doc<'m> {
    motion: &'m Motion,
    frbr: Frbr,
    refs: Refs<'m>,
    /// `#id` of the Rule's reference, when the cover names a Rule.
    rule_ref: Option<String>,
    /// For each footnote, the eId of the `authorialNote` it was written as, once written.
    placed: Vec<Option<String>>,
    out: Out,
}

impl<'m> Doc<'m> {
    fn new(motion: &'m Motion, options: &XmlOptions) -> Doc<'m> {
        let refs = Refs::of(motion);
        Doc {
            motion,
            frbr: Frbr::of(motion, options.fallback_date),
            rule_ref: refs.rule.as_ref().map(|id| format!("#{id}")),
            refs,
            placed: vec![None; motion.footnotes.len()],
            out: Out::new(estimated_size(motion)),
        }
    }
}

/// The value of a cover field, when the text gave one that is not blank.
fn nonblank(field: &Option<crate::model::Located<String>>) -> Option<&str> {
    field
        .as_ref()
        .map(|f| f.value.as_str())
        .filter(|v| !v.trim().is_empty())
}

/// The text plus what the markup adds per paragraph and per Member, plus the fixed metadata:
/// enough that the buffer rarely grows.
fn estimated_size(motion: &Motion) -> usize {
    let paras = motion.text_in_order();
    let text: usize = paras
        .iter()
        .flat_map(|p| &p.inlines)
        .map(|i| match i {
            crate::model::Inline::Text { text, .. } => text.len() + 8,
            crate::model::Inline::NoteRef { marker, .. } => marker.len() + 160,
            crate::model::Inline::LineBreak => 8,
        })
        .sum();
    let members = motion.cover.author_count();
    text + 200 * paras.len() + 400 * members + 6 * 1024
}
