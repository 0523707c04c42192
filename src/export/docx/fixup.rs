//! docx-rs elements to XML, and the few rewrites its output needs to follow the schema and
//! Word's conventions: for the header and footer, and in tests as the reference `wordml`'s
//! bytes are checked against.
//!
//! docx-rs writes an empty `<w:rPr />` as the first child of every `w:pPr`, where the schema
//! wants it last; it cannot mark a footnote reference as followed by its own mark, nor write the
//! number of a note inside the note (`w:footnoteRef`). Paragraphs here carry only a style (and at
//! most a page break), so the fixes are exact rewrites of known byte sequences; text never
//! contains a raw `<`, so they cannot match inside text.

use super::backend;
use crate::export::ExportError;
use docx_rs::xml::writer::EmitterConfig;
use docx_rs::BuildXML;

/// Appends the XML of `items` to `out`, tidied.
pub fn write<T: BuildXML>(items: &[T], out: &mut Vec<u8>) -> Result<(), ExportError> {
    let mut raw = Vec::with_capacity(items.len() * 256);
    let config = EmitterConfig {
        write_document_declaration: false,
        perform_escaping: false,
        perform_indent: false,
        line_separator: "".into(),
    };
    let mut writer = config.create_writer(&mut raw);
    for item in items {
        writer = item.build_to(writer).map_err(backend)?;
    }
    drop(writer);
    tidy(&raw, out);
    Ok(())
}

/// Rewrites, in order of the pattern list: the first matching pattern at a `<` wins.
const REWRITES: [(&[u8], &[u8]); 4] = [
    // An empty run in the footnote-reference style: the body renders a note's own number so.
    (
        b"<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\" /></w:rPr></w:r>",
        b"<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\" /></w:rPr><w:footnoteRef /></w:r>",
    ),
    // A paragraph property holding nothing but docx-rs's empty run property.
    (b"<w:pPr><w:rPr /></w:pPr>", b""),
    // The empty run property first in a paragraph property: out of the schema's order.
    (b"<w:pPr><w:rPr />", b"<w:pPr>"),
    // Empty run properties: noise.
    (b"<w:rPr />", b""),
];

/// A footnote reference followed by text in its run: the motion's own mark.
const REFERENCE: &[u8] = b"<w:footnoteReference w:id=";
const CUSTOM_REFERENCE: &[u8] = b"<w:footnoteReference w:customMarkFollows=\"1\" w:id=";

/// Copies `xml` to `out` with [`REWRITES`] applied.
pub fn tidy(xml: &[u8], out: &mut Vec<u8>) {
    out.reserve(xml.len());
    let mut rest = xml;
    'scan: while let Some(lt) = rest.iter().position(|&b| b == b'<') {
        out.extend_from_slice(&rest[..lt]);
        rest = &rest[lt..];
        for (from, to) in REWRITES {
            if rest.starts_with(from) {
                out.extend_from_slice(to);
                rest = &rest[from.len()..];
                continue 'scan;
            }
        }
        if let Some((tabs, jc, len)) = jc_before_tabs(rest) {
            out.extend_from_slice(tabs);
            out.extend_from_slice(jc);
            rest = &rest[len..];
            continue 'scan;
        }
        if rest.starts_with(REFERENCE) {
            let end = rest
                .iter()
                .position(|&b| b == b'>')
                .map_or(rest.len(), |e| e + 1);
            let custom = rest[end..].starts_with(b"<w:t");
            out.extend_from_slice(if custom { CUSTOM_REFERENCE } else { REFERENCE });
            out.extend_from_slice(&rest[REFERENCE.len()..end]);
            rest = &rest[end..];
            continue 'scan;
        }
        out.push(b'<');
        rest = &rest[1..];
    }
    out.extend_from_slice(rest);
}

/// docx-rs writes a paragraph's alignment (`w:jc`) before its tab stops (`w:tabs`), where the
/// schema wants it after: the two elements, and how many bytes they take, when `xml` starts so.
fn jc_before_tabs(xml: &[u8]) -> Option<(&[u8], &[u8], usize)> {
    const CLOSE: &[u8] = b"</w:tabs>";
    if !xml.starts_with(b"<w:jc ") {
        return None;
    }
    let jc_len = xml.iter().position(|&b| b == b'>')? + 1;
    let after = &xml[jc_len..];
    if !after.starts_with(b"<w:tabs>") {
        return None;
    }
    let tabs_len = after.windows(CLOSE.len()).position(|w| w == CLOSE)? + CLOSE.len();
    Some((&after[..tabs_len], &xml[..jc_len], jc_len + tabs_len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{Footnote, Paragraph, Run};

    fn xml<T: BuildXML>(items: &[T]) -> String {
        let mut out = Vec::new();
        write(items, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn tab_stops_come_before_the_alignment() {
        let p = Paragraph::new()
            .style("Footer")
            .align(docx_rs::AlignmentType::Left)
            .add_tab(
                docx_rs::Tab::new()
                    .val(docx_rs::TabValueType::Center)
                    .pos(4706),
            );
        let x = xml(&[p]);
        let (tabs, jc) = (x.find("<w:tabs>").unwrap(), x.find("<w:jc ").unwrap());
        assert!(tabs < jc, "{x}");
    }

    #[test]
    fn paragraph_properties_follow_the_schema() {
        let p = Paragraph::new()
            .id("00000001")
            .style("MotionRecital")
            .page_break_before(true)
            .add_run(Run::new().add_text("A.").add_tab());
        assert_eq!(
            xml(&[p]),
            r#"<w:p w14:paraId="00000001"><w:pPr><w:pStyle w:val="MotionRecital" /><w:pageBreakBefore /></w:pPr><w:r><w:t xml:space="preserve">A.</w:t><w:tab /></w:r></w:p>"#
        );
    }

    #[test]
    fn footnote_references_carry_their_mark() {
        let run = Run::new()
            .add_footnote_reference(Footnote {
                id: 3,
                content: vec![],
            })
            .add_text("[1]");
        let out = xml(&[Paragraph::new().id("00000002").add_run(run)]);
        assert!(
            out.contains(r#"<w:footnoteReference w:customMarkFollows="1" w:id="3" /><w:t xml:space="preserve">[1]</w:t>"#),
            "{out}"
        );
        assert!(!out.contains("<w:pPr>"), "{out}");
    }

    #[test]
    fn numbered_references_and_note_numbers() {
        let run = Run::new().add_footnote_reference(Footnote {
            id: 2,
            content: vec![],
        });
        let out = xml(&[Paragraph::new().id("00000004").add_run(run)]);
        assert!(
            out.contains(r#"<w:footnoteReference w:id="2" /></w:r>"#),
            "{out}"
        );
        let mark = Run::new().style("FootnoteReference");
        let out = xml(&[Paragraph::new().id("00000005").add_run(mark)]);
        assert!(
            out.contains(
                r#"<w:rStyle w:val="FootnoteReference" /></w:rPr><w:footnoteRef /></w:r>"#
            ),
            "{out}"
        );
    }

    #[test]
    fn text_that_looks_like_markup_is_left_alone() {
        let p = Paragraph::new()
            .id("00000003")
            .add_run(Run::new().add_text("<w:rPr /> & <w:footnoteReference w:id="));
        let out = xml(&[p]);
        assert!(
            out.contains("&lt;w:rPr /&gt; &amp; &lt;w:footnoteReference w:id="),
            "{out}"
        );
    }
}
