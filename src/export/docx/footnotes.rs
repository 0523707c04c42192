//! The footnotes part (`word/footnotes.xml`): Word's separator notes, then each note called from
//! the text under the id its reference names.
//!
//! Written here because docx-rs fills its footnotes part only from a whole `Docx` and gives notes
//! ids from a process-wide counter; the notes' paragraphs are still docx-rs's.

use super::fixup;
use crate::export::ExportError;
use docx_rs::Footnote;

const ROOT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">"#;

/// The separator line above the notes and its continuation across pages, which Word expects
/// under ids -1 and 0.
const SEPARATORS: &str = r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#;

/// The footnotes part, or `None` when the text calls no note.
pub fn part(notes: &[Footnote]) -> Result<Option<Vec<u8>>, ExportError> {
    if notes.is_empty() {
        return Ok(None);
    }
    let mut xml = Vec::with_capacity(1024 + notes.len() * 512);
    xml.extend_from_slice(ROOT.as_bytes());
    xml.extend_from_slice(SEPARATORS.as_bytes());
    fixup::write(notes, &mut xml)?;
    xml.extend_from_slice(b"</w:footnotes>");
    Ok(Some(xml))
}
