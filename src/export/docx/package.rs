//! The package: content types, relationships, and the zip itself, deflated as the parts stream
//! in, with fixed timestamps and permissions, so the same parts in the same order give the same
//! bytes.
//!
//! Only the parts a document needs are written; docx-rs's own packager would add empty comment,
//! numbering and custom-property parts and store everything uncompressed.

use super::backend;
use super::document::{FOOTER_RID, HEADER_RID};
use super::wordml::Sink;
use super::zip::{Zip, ZipError};
use crate::export::ExportError;

/// Bytes gathered before they go to the deflater: a part's XML is never held whole.
const CHUNK: usize = 64 * 1024;

const WORDML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// A package being written: one part at a time, each streamed through the deflater.
pub struct Package {
    zip: Zip,
    /// The current part's bytes not yet deflated.
    pending: Vec<u8>,
    /// The first failure of the zip writer while streaming, reported by the next `start` or
    /// `finish`.
    error: Option<ZipError>,
}

impl Package {
    pub fn new() -> Result<Self, ExportError> {
        Ok(Package {
            zip: Zip::with_capacity(16 * 1024),
            pending: Vec::with_capacity(CHUNK + 1024),
            error: None,
        })
    }

    /// Starts the part `name`; what is pushed next is its content.
    pub fn start(&mut self, name: &str) -> Result<(), ExportError> {
        self.drain()?;
        self.zip.start(name).map_err(backend)
    }

    /// A whole part.
    pub fn part(&mut self, name: &str, content: &[u8]) -> Result<(), ExportError> {
        self.start(name)?;
        self.push(content);
        Ok(())
    }

    /// A whole part whose content repeats across documents (relationships, content types,
    /// styles, settings): deflated once per thread.
    pub fn repeated(&mut self, name: &str, content: &[u8]) -> Result<(), ExportError> {
        self.drain()?;
        self.zip.repeated(name, content).map_err(backend)
    }

    /// The bytes of the zip.
    pub fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        self.drain()?;
        self.zip.finish().map_err(backend)
    }

    fn drain(&mut self) -> Result<(), ExportError> {
        self.spill();
        match self.error.take() {
            Some(err) => Err(backend(err)),
            None => Ok(()),
        }
    }

    fn spill(&mut self) {
        if self.error.is_none() {
            if let Err(err) = self.zip.write(&self.pending) {
                self.error = Some(err);
            }
        }
        self.pending.clear();
    }
}

impl Sink for Package {
    fn push(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= CHUNK {
            self.spill();
        }
    }
}

/// The package-level relationships: the main document and the core properties.
pub const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

/// `[Content_Types].xml`: every part and its type.
pub fn content_types(footnotes: bool) -> String {
    let mut xml = String::with_capacity(1536);
    xml.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#);
    let mut part = |name: &str, kind: &str| {
        xml.push_str(&format!(
            r#"<Override PartName="/{name}" ContentType="{kind}"/>"#
        ));
    };
    part("word/document.xml", &format!("{WORDML}.document.main+xml"));
    part("word/styles.xml", &format!("{WORDML}.styles+xml"));
    part("word/settings.xml", &format!("{WORDML}.settings+xml"));
    if footnotes {
        part("word/footnotes.xml", &format!("{WORDML}.footnotes+xml"));
    }
    part("word/header1.xml", &format!("{WORDML}.header+xml"));
    part("word/footer1.xml", &format!("{WORDML}.footer+xml"));
    part(
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    xml.push_str("</Types>");
    xml
}

/// `word/_rels/document.xml.rels`: the parts the main document refers to.
pub fn document_rels(footnotes: bool) -> String {
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut xml = String::with_capacity(1024);
    xml.push_str(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut rel = |id: &str, kind: &str, target: &str| {
        xml.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"/>"#
        ));
    };
    rel("rIdStyles", "styles", "styles.xml");
    rel("rIdSettings", "settings", "settings.xml");
    if footnotes {
        rel("rIdFootnotes", "footnotes", "footnotes.xml");
    }
    rel(HEADER_RID, "header", "header1.xml");
    rel(FOOTER_RID, "footer", "footer1.xml");
    xml.push_str("</Relationships>");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    /// A part several chunks long, neither repetitive nor random.
    fn content() -> Vec<u8> {
        (0..40_000u32)
            .flat_map(|i| {
                format!("<w:t>{}</w:t>", i.wrapping_mul(2_654_435_761) % 977).into_bytes()
            })
            .collect()
    }

    fn package(content: &[u8], piece: usize) -> Vec<u8> {
        let mut zip = Package::new().unwrap();
        zip.part("first.xml", b"<a/>").unwrap();
        zip.start("big.xml").unwrap();
        for piece in content.chunks(piece) {
            zip.push(piece);
        }
        zip.part("last.xml", b"<b/>").unwrap();
        zip.finish().unwrap()
    }

    #[test]
    fn parts_stream_through_whole_and_in_order() {
        let content = content();
        assert!(content.len() > 4 * CHUNK);
        let bytes = package(&content, 7);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names: Vec<&str> = archive.file_names().collect();
        assert_eq!(names, ["first.xml", "big.xml", "last.xml"]);
        let mut read = Vec::new();
        archive
            .by_name("big.xml")
            .unwrap()
            .read_to_end(&mut read)
            .unwrap();
        assert!(read == content, "the streamed part differs");
    }

    #[test]
    fn bytes_do_not_depend_on_how_a_part_is_pushed() {
        let content = content();
        let whole = package(&content, content.len());
        for piece in [1, 1000, CHUNK - 1, CHUNK + 1] {
            assert!(
                package(&content, piece) == whole,
                "pushed in pieces of {piece}"
            );
        }
    }
}
