//! The footnotes part (`word/footnotes.xml`): Word's separator notes, then each note called from
//! the text under the id its reference names.
//!
//! Written here because docx-rs fills its footnotes part only from a whole `Docx` and gives notes
//! ids from a process-wide counter.

use super::body::{self, State};
use super::wordml::Sink;

const ROOT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">"#;

/// The separator line above the notes and its continuation across pages, which Word expects
/// under ids -1 and 0.
const SEPARATORS: &str = r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#;

/// Writes the footnotes part; call after the main document, and only when the text calls a
/// note.
pub fn part(state: &mut State<'_>, out: &mut impl Sink) {
    out.push(ROOT.as_bytes());
    out.push(SEPARATORS.as_bytes());
    body::called_notes(state, out);
    out.push(b"</w:footnotes>");
}
