//! HTML exporter: one self-contained HTML5 file per motion, readable on a phone and printable in
//! the house style, with no script but a JSON-LD data block and no request for anything outside
//! the file.
//!
//! It renders the presentation plan (`export::plan`) as the PDF and the DOCX do: the
//! cover's lines in the Parliament's order as a `<header>`, the parts labelled in the motion's
//! language, the same ties; citations, recitals and paragraphs are lists whose printed numbers
//! are text in the page (never CSS counters, which could renumber them), with the Akoma Ntoso
//! eIds ([`crate::vocab::part_ids`]) as element ids so that `#para_3` links into the motion, and
//! footnotes as a notes section linked both ways. The head names the motion by its FRBR IRIs
//! ([`crate::export::frbr`]). Writing is one pass into a string (`writer`): the same motion
//! gives the same bytes.

mod body;
mod head;
mod inline;
#[cfg(feature = "compare")]
mod redline;
mod style;
mod writer;

use super::frbr::Frbr;
use super::meta::DocMeta;
use super::plan::labels::Labels;
use super::plan::notes::Notes;
use super::plan::ties::Ties;
use super::{ExportError, Format};
use crate::model::{Date, Inline, Motion};
#[cfg(feature = "compare")]
pub use redline::redline;
use writer::Out;

/// Options for the HTML exporter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// The date for the FRBR identifiers when the text states none, as for the XML (the command
    /// line sets it from `SOURCE_DATE_EPOCH`); without it, 1970-01-01.
    pub fallback_date: Option<Date>,
}

/// Exports a motion to HTML: the bytes of one UTF-8 HTML5 document.
pub fn export(motion: &Motion, options: &HtmlOptions) -> Result<Vec<u8>, ExportError> {
    super::check_depth(motion, Format::Html)?;
    let mut doc = Doc::new(motion);
    doc.page(
        options,
        "",
        |_| {},
        |doc| {
            doc.preamble();
            doc.main_body();
            doc.trailing();
        },
    );
    Ok(doc.out.finish())
}

impl Doc<'_> {
    /// The page around the motion's text: the head (with `css` after the house style), the
    /// cover, what comes before `<main>` (`before`), the main part (`main`), the notes and the
    /// furniture. The plain page and the redline share it.
    fn page(
        &mut self,
        options: &HtmlOptions,
        css: &str,
        before: impl FnOnce(&mut Self),
        main: impl FnOnce(&mut Self),
    ) {
        let motion = self.motion;
        let meta = DocMeta::of(motion);
        let frbr = Frbr::of(motion, options.fallback_date);
        self.out.raw("<!DOCTYPE html>");
        self.out.open("html", &[("lang", lang_attr(&motion.lang))]);
        self.head(&meta, &frbr, css);
        self.out.open("body", &[]);
        let h1_placed = self.cover();
        before(self);
        self.out.open("main", &[]);
        if !h1_placed && motion.title.is_none() {
            // A motion without a title still has its one heading of the first rank.
            self.out.line("h1", &[], &meta.reference);
        }
        main(self);
        self.out.close("main");
        self.notes();
        self.furniture();
        self.out.close("body");
        self.out.close("html");
        self.out.raw("\n");
    }
}

/// One export in progress: the motion, the plan's decisions for it, and the output.
struct Doc<'m> {
    motion: &'m Motion,
    /// Which notes the text calls, in the order of their first call.
    notes: Notes<'m>,
    /// For each footnote, how many calls link to it so far.
    calls: Vec<usize>,
    ties: Ties<'static>,
    labels: Labels<'static>,
    out: Out,
}

impl<'m> Doc<'m> {
    fn new(motion: &'m Motion) -> Doc<'m> {
        Doc {
            motion,
            notes: Notes::of(motion),
            calls: vec![0; motion.footnotes.len()],
            ties: Ties::for_language(&motion.lang),
            labels: Labels::of(&motion.lang),
            out: Out::new(estimated_size(motion)),
        }
    }
}

/// The `lang` attribute: the motion's language code when it is a well-formed tag, else `und`
/// (undetermined), so that no stray text reaches the attribute.
fn lang_attr(code: &str) -> &str {
    let code = code.trim();
    let well_formed = (2..=8).contains(&code.len())
        && (code.split('-')).all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if well_formed {
        code
    } else {
        "und"
    }
}

/// The text plus what the markup adds per paragraph and per note call, plus the style sheet:
/// enough that the buffer rarely grows.
fn estimated_size(motion: &Motion) -> usize {
    let paras = motion.text_in_order();
    let text: usize = (paras.iter().flat_map(|p| &p.inlines))
        .map(|i| match i {
            Inline::Text { text, .. } => text.len() + 8,
            Inline::NoteRef { marker, .. } => marker.len() + 80,
            Inline::LineBreak => 4,
        })
        .sum();
    text + 80 * paras.len() + style::CSS.len() + 2048
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_attribute_is_a_tag_or_und() {
        assert_eq!(lang_attr("el"), "el");
        assert_eq!(lang_attr(" pt-PT "), "pt-PT");
        assert_eq!(lang_attr("e\"n"), "und");
        assert_eq!(lang_attr(""), "und");
    }
}
