//! Exporters: pure functions from a [`Motion`] and options to the bytes of one output format.
//!
//! Each format lives in its own module and keeps its library's calls inside it (quick-xml in
//! `xml`, printpdf in `pdf/`, docx-rs in `docx/`), so upgrading one touches one folder. The PDF
//! and DOCX exporters are the `pdf` and `docx` features (the HTML and the canonical text, string
//! writers like the XML's, need no feature); without them, [`export`] refuses those
//! formats with [`ExportError::NotBuilt`].

#[cfg(feature = "docx")]
pub mod docx;
pub mod frbr;
pub mod html;
pub mod meta;
#[cfg(feature = "pdf")]
pub mod pdf;
pub(crate) mod plan;
pub mod txt;
pub mod xml;

use crate::model::{Motion, MAX_POINT_DEPTH};
use std::fmt;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Akoma Ntoso 3.0 XML.
    Xml,
    /// PDF (tagged, with the fonts embedded).
    Pdf,
    /// Office Open XML, for Word and LibreOffice.
    Docx,
    /// One self-contained HTML5 file, for the web and print.
    Html,
    /// The canonical text form: plain text the reader reads back to the same motion.
    Txt,
}

impl Format {
    /// Every format, in the order the command line writes them.
    pub const ALL: [Format; 5] = [
        Format::Xml,
        Format::Pdf,
        Format::Docx,
        Format::Html,
        Format::Txt,
    ];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Txt => "txt",
        }
    }

    /// Parses a format name as given on the command line (`xml`, `pdf`, `docx`, `html`, `txt`).
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
    /// Options of the Akoma Ntoso exporter.
    pub xml: xml::XmlOptions,
    #[cfg(feature = "pdf")]
    /// Options of the PDF exporter.
    pub pdf: pdf::PdfOptions,
    #[cfg(feature = "docx")]
    /// Options of the DOCX exporter.
    pub docx: docx::DocxOptions,
    /// Options of the HTML exporter.
    pub html: html::HtmlOptions,
    /// Options of the canonical text exporter.
    pub txt: txt::TxtOptions,
}

/// Why an exporter could not produce its output. Problems with the motion's content are
/// diagnostics, found before export; these are failures of the export itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The chosen font has no glyph for these characters.
    MissingGlyphs {
        /// The font's name.
        font: String,
        /// The characters it lacks, with where each stands.
        chars: Vec<MissingGlyph>,
    },
    /// A font file could not be read or parsed.
    Font(String),
    /// The motion lacks a part the format cannot do without (e.g. no operative paragraph); the
    /// validator reports these as errors before export.
    Incomplete {
        /// The format asked for.
        format: Format,
        /// The Cargo feature that builds it.
        missing: &'static str,
    },
    /// Points nest deeper than [`MAX_POINT_DEPTH`]; the reader never produces such a motion.
    TooDeep {
        /// The format being written.
        format: Format,
        /// How deep the points nest.
        depth: usize,
    },
    /// The output library failed.
    Backend {
        /// The format being written.
        format: Format,
        /// What the backend said.
        message: String,
    },
    /// The library was built without this format's feature (`pdf`, `docx`).
    NotBuilt(Format),
}

/// A character the PDF font has no glyph for, and the first part of the motion that holds it
/// (`recital C (line 42)`); `None` for text the exporter adds (page headers and footers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    /// The character.
    pub ch: char,
    /// Where it stands in the motion (an eId or a cover field), when known.
    pub place: Option<String>,
}

/// How many missing characters the error names, with their places; it counts the others.
const MISSING_SHOWN: usize = 10;

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::MissingGlyphs { font, chars } => {
                write!(f, "font {font} has no glyph for ")?;
                for (i, m) in chars.iter().take(MISSING_SHOWN).enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}'{}' (U+{:04X})", m.ch, m.ch as u32)?;
                    if let Some(place) = &m.place {
                        write!(f, " first in {place}")?;
                    }
                }
                if chars.len() > MISSING_SHOWN {
                    write!(f, " and {} more characters", chars.len() - MISSING_SHOWN)?;
                }
                Ok(())
            }
            ExportError::Font(msg) => write!(f, "cannot use font: {msg}"),
            ExportError::Incomplete { format, missing } => {
                write!(f, "cannot write {format}: the motion has no {missing}")
            }
            ExportError::TooDeep { format, depth } => write!(
                f,
                "cannot write {format}: points nest {depth} deep, more than {MAX_POINT_DEPTH}"
            ),
            ExportError::Backend { format, message } => {
                write!(f, "{format} export failed: {message}")
            }
            ExportError::NotBuilt(format) => {
                write!(
                    f,
                    "cannot write {format}: built without the `{format}` feature"
                )
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// Refuses a motion whose points nest deeper than [`MAX_POINT_DEPTH`]. Each exporter calls it
/// first, because each recurses once per level of points.
fn check_depth(motion: &Motion, format: Format) -> Result<(), ExportError> {
    let depth = motion.point_depth();
    if depth > MAX_POINT_DEPTH {
        return Err(ExportError::TooDeep { format, depth });
    }
    Ok(())
}

/// Exports `motion` to `format`.
pub fn export(
    motion: &Motion,
    format: Format,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    // However the diagnostics were tuned, no format is written of a motion without its body.
    if motion.paragraphs().next().is_none() {
        return Err(ExportError::Incomplete {
            format,
            missing: "operative paragraph",
        });
    }
    match format {
        Format::Xml => xml::export(motion, &options.xml),
        Format::Html => html::export(motion, &options.html),
        Format::Txt => txt::export(motion, &options.txt),
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::export(motion, &options.pdf),
        #[cfg(feature = "docx")]
        Format::Docx => docx::export(motion, &options.docx),
        #[allow(unreachable_patterns)]
        other => Err(ExportError::NotBuilt(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::model::{BodyItem, Num, Para, Paragraph, Point};

    /// A motion with one paragraph whose points nest `depth` deep.
    fn nested(depth: usize) -> Motion {
        let num = |v: &str| Num {
            text: format!("({v})").into(),
            value: v.into(),
        };
        let mut points = Vec::new();
        for level in (0..depth).rev() {
            points = vec![Point {
                num: num("a"),
                content: vec![Para::plain(format!("level {level}"), Span::default())],
                points,
                span: Span::default(),
            }];
        }
        Motion {
            lang: "en".into(),
            body: vec![BodyItem::Paragraph(Paragraph {
                num: Num {
                    text: "1.".into(),
                    value: "1".into(),
                },
                content: vec![Para::plain("Calls on", Span::default())],
                points,
                wrap_up: Vec::new(),
                span: Span::default(),
            })],
            ..Motion::default()
        }
    }

    /// Whether this build has the format's exporter.
    fn built(format: Format) -> bool {
        export(&nested(0), format, &ExportOptions::default()) != Err(ExportError::NotBuilt(format))
    }

    #[test]
    fn formats_not_built_are_refused_by_name() {
        for format in Format::ALL {
            let built = built(format);
            match format {
                Format::Xml | Format::Html | Format::Txt => assert!(built),
                Format::Pdf => assert_eq!(built, cfg!(feature = "pdf")),
                Format::Docx => assert_eq!(built, cfg!(feature = "docx")),
            }
        }
    }

    #[test]
    fn point_depth_counts_levels_below_the_paragraph() {
        assert_eq!(nested(0).point_depth(), 0);
        assert_eq!(nested(3).point_depth(), 3);
        assert_eq!(nested(1000).point_depth(), 1000);
    }

    /// fuzz `export_model`: arbitrary motions nest points as deep as the input allows, and
    /// every exporter recurses once per level, so past the limit they refuse instead.
    #[test]
    fn fuzz_every_format_refuses_points_nested_deeper_than_the_limit() {
        let options = ExportOptions::default();
        let deep = nested(1000);
        for format in Format::ALL.into_iter().filter(|&f| built(f)) {
            assert_eq!(
                export(&deep, format, &options),
                Err(ExportError::TooDeep {
                    format,
                    depth: 1000
                })
            );
            assert!(
                export(&nested(MAX_POINT_DEPTH), format, &options).is_ok(),
                "{format} fails at the limit"
            );
        }
    }
}
