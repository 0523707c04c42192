//! Exporters: pure functions from a [`Motion`] and options to the bytes of one output format.
//!
//! Each format lives in its own module and keeps its library's calls inside it (quick-xml in
//! `xml`, printpdf in `pdf/`, docx-rs in `docx/`), so upgrading one touches one folder.

pub mod docx;
pub mod meta;
pub mod pdf;
pub mod xml;

use crate::model::Motion;
use std::fmt;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Xml,
    Pdf,
    Docx,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Xml, Format::Pdf, Format::Docx];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// Parses a format name as given on the command line (`xml`, `pdf`, `docx`).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// Options for every exporter, with defaults that suit the Parliament's documents.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub xml: xml::XmlOptions,
    pub pdf: pdf::PdfOptions,
    pub docx: docx::DocxOptions,
}

/// Why an exporter could not produce its output. Problems with the motion's content are
/// diagnostics, found before export; these are failures of the export itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The chosen font has no glyph for these characters.
    MissingGlyphs { font: String, chars: Vec<char> },
    /// A font file could not be read or parsed.
    Font(String),
    /// The motion lacks a part the format cannot do without (e.g. no operative paragraph); the
    /// validator reports these as errors before export.
    Incomplete {
        format: Format,
        missing: &'static str,
    },
    /// The output library failed.
    Backend { format: Format, message: String },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::MissingGlyphs { font, chars } => {
                let list: Vec<String> = chars
                    .iter()
                    .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
                    .collect();
                write!(f, "font {font} has no glyph for {}", list.join(", "))
            }
            ExportError::Font(msg) => write!(f, "cannot use font: {msg}"),
            ExportError::Incomplete { format, missing } => {
                write!(f, "cannot write {format}: the motion has no {missing}")
            }
            ExportError::Backend { format, message } => {
                write!(f, "{format} export failed: {message}")
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// Exports `motion` to `format`.
pub fn export(
    motion: &Motion,
    format: Format,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Xml => xml::export(motion, &options.xml),
        Format::Pdf => pdf::export(motion, &options.pdf),
        Format::Docx => docx::export(motion, &options.docx),
    }
}
