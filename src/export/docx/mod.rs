//! DOCX exporter: an editable Word document with one named paragraph style per part of a motion,
//! numbers as printed in the motion, real Word footnotes, a running header and a page-number
//! footer.
//!
//! The steps: the motion's paragraphs and footnotes are written as WordprocessingML (`body`,
//! through `wordml`) straight into the zip (`package`), so memory does not grow with a tree of
//! the document; the header and footer are docx-rs paragraphs, written as XML and tidied where
//! docx-rs breaks the schema's element order (`fixup`); the parts docx-rs gets wrong or cannot
//! express are written here: the document frame and settings (`document`), the style sheet
//! (`styles`), the footnotes part (`footnotes`), the core properties (`props`). Every docx-rs
//! and zip call stays inside this folder.
//!
//! With the `compare` feature, [`redline`] writes the comparison of two versions in the same
//! package and house style, the differences as Word's own tracked changes.

mod body;
mod document;
mod fixup;
mod footnotes;
mod package;
mod props;
#[cfg(feature = "compare")]
mod redline;
mod styles;
mod wordml;
mod zip;

pub use body::CITATION_DASH;
#[cfg(feature = "compare")]
pub use redline::{redline, RedlineOptions};
pub use styles::{StyleDef, StyleKind, STYLES};

use super::meta::{DocMeta, PageLayout};
use super::{ExportError, Format};
use crate::model::Motion;
use package::Package;
use std::borrow::Cow;

/// Options for the DOCX exporter.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxOptions {
    /// Paper and margins, shared with the PDF.
    pub page: PageLayout,
    /// The font family of every style (Word substitutes a metric-compatible font when it is not
    /// installed).
    pub font_family: String,
    /// The body text size in points.
    pub font_size_pt: f32,
}

impl Default for DocxOptions {
    /// A4, Times New Roman 12 pt, as the Parliament prints its motions.
    fn default() -> Self {
        DocxOptions {
            page: PageLayout::default(),
            font_family: "Times New Roman".into(),
            font_size_pt: crate::export::plan::measures::BODY_PT,
        }
    }
}

/// Exports a motion to DOCX: the bytes of a zip package, the same for the same motion and options.
/// The parts are written in a fixed order, the main document and the footnotes streamed into
/// the zip as they are rendered.
pub fn export(motion: &Motion, options: &DocxOptions) -> Result<Vec<u8>, ExportError> {
    super::check_depth(motion, Format::Docx)?;
    package(motion, options, |state, out| {
        body::document(state, motion, out)
    })
}

/// The package of a document about `motion` (its properties, header, footer, notes, style
/// sheet and settings), whose main text `text` writes, returning whether it opened with a cover
/// page: the plain document and the redline share everything else.
fn package(
    motion: &Motion,
    options: &DocxOptions,
    text: impl FnOnce(&mut body::State<'_>, &mut Package) -> bool,
) -> Result<Vec<u8>, ExportError> {
    let meta = DocMeta::of(motion);
    let lang = lang_tag(&motion.lang);
    let lang = lang.as_deref();
    let mut state = body::State::new(motion);
    let has_notes = state.has_notes();
    let mut zip = Package::new()?;
    zip.repeated(
        "[Content_Types].xml",
        package::content_types(has_notes).as_bytes(),
    )?;
    zip.repeated("_rels/.rels", package::PACKAGE_RELS.as_bytes())?;
    zip.part("docProps/core.xml", &props::core(&meta, lang))?;
    zip.start("word/document.xml")?;
    document::document(&mut state, &options.page, &mut zip, text);
    zip.repeated(
        "word/_rels/document.xml.rels",
        package::document_rels(has_notes).as_bytes(),
    )?;
    zip.repeated("word/styles.xml", &styles::part(options, lang))?;
    zip.repeated("word/settings.xml", &document::settings(has_notes, lang))?;
    if has_notes {
        zip.start("word/footnotes.xml")?;
        footnotes::part(&mut state, &mut zip);
    }
    // The document number, never the file name standing in for it.
    let number = motion
        .cover
        .doc_number
        .as_ref()
        .map_or("", |n| n.value.as_str());
    let header = body::header(&mut state, number);
    zip.part("word/header1.xml", &document::header(&header)?)?;
    let furniture = crate::export::plan::furniture::footer(motion);
    let centre = document::text_width_twips(&options.page) as usize / 2;
    let footer = body::footer(&mut state, furniture, centre);
    zip.part("word/footer1.xml", &document::footer(&footer)?)?;
    zip.finish()
}

/// A failure of docx-rs or the zip writer, as an export error.
fn backend(err: impl std::fmt::Display) -> ExportError {
    ExportError::Backend {
        format: Format::Docx,
        message: err.to_string(),
    }
}

/// Text as docx-rs can take it: characters XML forbids, and the tab, line feed and carriage
/// return (which docx-rs writes as a literal tab, an `&#xA;` or drops, gluing words together),
/// become spaces.
fn clean(text: &str) -> Cow<'_, str> {
    let bad = |c: char| matches!(c, '\t' | '\n' | '\r') || !crate::vocab::chars::is_xml_char(c);
    // In UTF-8 the characters replaced are the control bytes and U+FFFE/U+FFFF: a byte scan
    // finds them without decoding the text, which almost never holds one.
    let bytes = text.as_bytes();
    if bytes.iter().any(|&b| b < 0x20) || crate::vocab::chars::holds_not_xml(bytes) {
        Cow::Owned(text.chars().map(|c| if bad(c) { ' ' } else { c }).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` cleaned and escaped for XML content or a double-quoted attribute, for the parts written
/// here rather than by docx-rs.
fn escape(text: &str) -> Cow<'_, str> {
    let text = clean(text);
    if !text.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"')) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The language tag Word expects (`el-GR`) for a motion's ISO 639-1 code; the EU languages get
/// their usual region, any other well-formed code is passed through, anything else gives `None`.
fn lang_tag(code: &str) -> Option<String> {
    const REGIONS: [(&str, &str); 24] = [
        ("bg", "bg-BG"),
        ("cs", "cs-CZ"),
        ("da", "da-DK"),
        ("de", "de-DE"),
        ("el", "el-GR"),
        ("en", "en-GB"),
        ("es", "es-ES"),
        ("et", "et-EE"),
        ("fi", "fi-FI"),
        ("fr", "fr-FR"),
        ("ga", "ga-IE"),
        ("hr", "hr-HR"),
        ("hu", "hu-HU"),
        ("it", "it-IT"),
        ("lt", "lt-LT"),
        ("lv", "lv-LV"),
        ("mt", "mt-MT"),
        ("nl", "nl-NL"),
        ("pl", "pl-PL"),
        ("pt", "pt-PT"),
        ("ro", "ro-RO"),
        ("sk", "sk-SK"),
        ("sl", "sl-SI"),
        ("sv", "sv-SE"),
    ];
    let code = code.trim();
    if let Some((_, tag)) = REGIONS.iter().find(|(c, _)| c.eq_ignore_ascii_case(code)) {
        return Some((*tag).to_string());
    }
    let well_formed = (2..=8).contains(&code.len())
        && code
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    well_formed.then(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_controls_and_whitespace_controls() {
        assert_eq!(clean("a\tb\nc\rd\u{0}e\u{FFFF}"), "a b c d e ");
        assert!(matches!(clean("Ελλάδα – ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("S&D <x> \"q\"\u{1}"),
            "S&amp;D &lt;x&gt; &quot;q&quot; "
        );
    }

    #[test]
    fn language_tags() {
        assert_eq!(lang_tag("el").as_deref(), Some("el-GR"));
        assert_eq!(lang_tag("EN").as_deref(), Some("en-GB"));
        assert_eq!(lang_tag("ja").as_deref(), Some("ja"));
        assert_eq!(lang_tag("").as_deref(), None);
        assert_eq!(lang_tag("e\"n").as_deref(), None);
    }
}
