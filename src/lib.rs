//! motion-export: European Parliament motions for a resolution, as people have them (PDF text
//! dumps, web page text, `pdftotext` output) or as Akoma Ntoso XML, to Akoma Ntoso 3.0 XML, PDF
//! and DOCX, checked against the project's Akoma Ntoso profile on the way.
//!
//! ```
//! use motion_export::export::{export, ExportOptions, Format};
//! use motion_export::read::{read, InputFormat, ReadOptions};
//!
//! let text = "B9-0146/2021\n\nEuropean Parliament resolution on testing\n\n\
//!             The European Parliament,\n\n- having regard to its Rules of Procedure,\n\n\
//!             A. whereas tests matter;\n\n1. Calls for more tests;\n\n\
//!             2. Instructs its President to forward this resolution to the Council.\n";
//! let options = ReadOptions { source_name: "B9-0146-2021_EN".into(), ..Default::default() };
//! let read = read(text.as_bytes(), InputFormat::Text, &options).expect("text, not binary data");
//! assert!(read.diagnostics.iter().all(|d| !d.is_error()));
//! assert_eq!(read.motion.paragraphs().count(), 2);
//!
//! let xml = export(&read.motion, Format::Xml, &ExportOptions::default()).unwrap();
//! let xml = String::from_utf8(xml).unwrap();
//! assert!(xml.contains("<akomaNtoso"));
//! # #[cfg(feature = "pdf")]
//! # {
//! let pdf = export(&read.motion, Format::Pdf, &ExportOptions::default()).unwrap();
//! assert!(pdf.starts_with(b"%PDF-"));
//! # }
//! ```
//!
//! The layers, each using only those below it (a test holds them to it):
//! - [`diag`]: diagnostics as data and the catalogue of their codes;
//! - [`model`]: the one document model, in Akoma Ntoso's vocabulary; [`lang`]: the language
//!   profiles; [`vocab`]: the rules they share (number patterns, the eId naming convention);
//! - [`validate`]: the profile's rules over a motion;
//! - [`read`]: the one way in, bytes of any input format to a motion and its diagnostics;
//! - [`compare`] (feature `compare`): two versions of a motion aligned block by block, and the
//!   change list;
//! - [`export`]: a motion to each format, pure functions from model to bytes (and, with
//!   `compare`, the HTML redline of a comparison).
//!
//! The command line (with the `cli` feature) only collects files, calls [`read::read`] and
//! [`export::export`], and writes each output atomically. Reading never fails on content:
//! problems become [`diag::Diagnostic`]s and no text is dropped.

#![warn(missing_docs)]

#[cfg(feature = "compare")]
pub mod compare;
pub mod diag;
pub mod export;
pub mod lang;
pub mod model;
pub mod read;
pub mod validate;
pub mod vocab;
