//! WordprocessingML paragraphs, runs and footnotes written straight as bytes into a [`Sink`], so
//! a document of any size streams into its package instead of being built as a tree first.
//!
//! The bytes are those docx-rs wrote for the same elements, after `fixup`'s tidying: a
//! paragraph carries a style id and at most a page break, a run at most bold, italic or a
//! character style. Text must have gone through [`super::clean`]; it is escaped here as docx-rs
//! escapes it.

/// Where the XML goes: a buffer, or the package streaming it into the zip.
pub trait Sink {
    fn push(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn push(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// How a run's text looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunProps<'a> {
    pub bold: bool,
    pub italic: bool,
    /// A character style id.
    pub style: Option<&'a str>,
}

impl RunProps<'_> {
    /// No properties: the text looks as its paragraph's style says.
    pub const PLAIN: RunProps<'static> = RunProps {
        bold: false,
        italic: false,
        style: None,
    };
}

/// `<w:p>` with its id (eight hex digits), paragraph style and page break, and its mark (the
/// end of the paragraph) tracked as inserted or deleted when `mark` says so: last in the
/// paragraph's properties, as the schema orders them.
pub fn open_paragraph(
    out: &mut impl Sink,
    id: u32,
    style: &str,
    breaks: Breaks,
    mark: Option<&Revision<'_>>,
) {
    out.push(b"<w:p w14:paraId=\"");
    out.push(format!("{id:08X}").as_bytes());
    out.push(b"\"><w:pPr><w:pStyle w:val=\"");
    out.push(style.as_bytes());
    out.push(b"\" />");
    if breaks.keep_next {
        out.push(b"<w:keepNext />");
    }
    if breaks.page_break_before {
        out.push(b"<w:pageBreakBefore />");
    }
    if let Some(mark) = mark {
        out.push(b"<w:rPr>");
        mark.tag(out, true);
        out.push(b"</w:rPr>");
    }
    out.push(b"</w:pPr>");
}

/// What a tracked change did.
#[cfg_attr(not(feature = "compare"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracked {
    /// Inserted (`w:ins`).
    Inserted,
    /// Deleted (`w:del`); its text is `w:delText`.
    Deleted,
}

/// One tracked change: what it did, its id (unique in the document), who made it and when.
/// The author must be escaped for an attribute already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision<'a> {
    pub kind: Tracked,
    pub id: u32,
    pub author: &'a str,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub date: &'a str,
}

impl Revision<'_> {
    fn tag(&self, out: &mut impl Sink, empty: bool) {
        out.push(match self.kind {
            Tracked::Inserted => b"<w:ins w:id=\"",
            Tracked::Deleted => b"<w:del w:id=\"",
        });
        out.push(self.id.to_string().as_bytes());
        out.push(b"\" w:author=\"");
        out.push(self.author.as_bytes());
        out.push(b"\" w:date=\"");
        out.push(self.date.as_bytes());
        out.push(if empty { b"\" />".as_slice() } else { b"\">" });
    }
}

/// Opens a tracked insertion or deletion of the runs that follow.
#[cfg_attr(not(feature = "compare"), allow(dead_code))]
pub fn open_revision(out: &mut impl Sink, revision: &Revision<'_>) {
    revision.tag(out, false);
}

/// Closes what [`open_revision`] opened.
#[cfg_attr(not(feature = "compare"), allow(dead_code))]
pub fn close_revision(out: &mut impl Sink, kind: Tracked) {
    out.push(match kind {
        Tracked::Inserted => b"</w:ins>",
        Tracked::Deleted => b"</w:del>",
    });
}

/// How a paragraph breaks across pages, beyond its style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Breaks {
    /// It starts a new page.
    pub page_break_before: bool,
    /// It stays on the page of the paragraph after it (a lead-in to its points).
    pub keep_next: bool,
}

pub fn close_paragraph(out: &mut impl Sink) {
    out.push(b"</w:p>");
}

/// `<w:r>` with its properties, in the schema's order.
pub fn open_run(out: &mut impl Sink, props: RunProps<'_>) {
    out.push(b"<w:r>");
    if props == RunProps::PLAIN {
        return;
    }
    out.push(b"<w:rPr>");
    if props.bold {
        out.push(b"<w:b /><w:bCs />");
    }
    if props.italic {
        out.push(b"<w:i /><w:iCs />");
    }
    if let Some(style) = props.style {
        out.push(b"<w:rStyle w:val=\"");
        out.push(style.as_bytes());
        out.push(b"\" />");
    }
    out.push(b"</w:rPr>");
}

pub fn close_run(out: &mut impl Sink) {
    out.push(b"</w:r>");
}

/// A text element, space preserved.
pub fn text(out: &mut impl Sink, text: &str) {
    out.push(b"<w:t xml:space=\"preserve\">");
    escaped(out, text);
    out.push(b"</w:t>");
}

/// The text of a tracked deletion, space preserved.
#[cfg_attr(not(feature = "compare"), allow(dead_code))]
pub fn deleted_text(out: &mut impl Sink, text: &str) {
    out.push(b"<w:delText xml:space=\"preserve\">");
    escaped(out, text);
    out.push(b"</w:delText>");
}

/// `text` escaped as docx-rs escapes it. The characters escaped are ASCII, so they are found
/// by their bytes, without decoding the text.
fn escaped(out: &mut impl Sink, text: &str) {
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push(&rest.as_bytes()[..at]);
        out.push(match rest.as_bytes()[at] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => b"&apos;",
        });
        rest = &rest[at + 1..];
    }
    out.push(rest.as_bytes());
}

pub fn tab(out: &mut impl Sink) {
    out.push(b"<w:tab />");
}

/// A line break within the paragraph.
pub fn line_break(out: &mut impl Sink) {
    out.push(b"<w:br w:type=\"textWrapping\" />");
}

/// A call of footnote `id`; `custom` when the run's text that follows is the call's mark, so
/// Word shows that rather than its own number.
pub fn footnote_reference(out: &mut impl Sink, id: usize, custom: bool) {
    out.push(if custom {
        b"<w:footnoteReference w:customMarkFollows=\"1\" w:id=\"".as_slice()
    } else {
        b"<w:footnoteReference w:id=\"".as_slice()
    });
    out.push(id.to_string().as_bytes());
    out.push(b"\" />");
}

/// Word's own number of the note, inside the note.
pub fn footnote_number(out: &mut impl Sink) {
    out.push(b"<w:footnoteRef />");
}

pub fn open_footnote(out: &mut impl Sink, id: usize) {
    out.push(b"<w:footnote w:id=\"");
    out.push(id.to_string().as_bytes());
    out.push(b"\">");
}

pub fn close_footnote(out: &mut impl Sink) {
    out.push(b"</w:footnote>");
}

#[cfg(test)]
mod tests {
    //! The bytes are docx-rs's, tidied: each shape the renderer writes, built both ways.
    use super::super::fixup;
    use super::*;
    use docx_rs::{BreakType, Footnote, Paragraph, Run};

    fn docx_rs(p: Paragraph) -> String {
        let mut out = Vec::new();
        fixup::write(&[p], &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn ours(write: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        write(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn paragraphs_and_runs_are_docx_rs_bytes() {
        let tricky = "S&D <b> \"q\" it's";
        let expected = docx_rs(
            Paragraph::new()
                .id("0000002A")
                .style("MotionRecital")
                .page_break_before(true)
                .add_run(Run::new().add_text("A.").add_tab().add_text(tricky))
                .add_run(Run::new().add_text("bold").bold())
                .add_run(Run::new().add_text("italic").italic())
                .add_run(Run::new().add_text("both").bold().italic())
                .add_run(Run::new().add_break(BreakType::TextWrapping))
                .add_run(Run::new().add_text("")),
        );
        let got = ours(|o| {
            open_paragraph(
                o,
                42,
                "MotionRecital",
                Breaks {
                    page_break_before: true,
                    keep_next: false,
                },
                None,
            );
            open_run(o, RunProps::PLAIN);
            text(o, "A.");
            tab(o);
            text(o, tricky);
            close_run(o);
            for (t, bold, italic) in [("bold", true, false), ("italic", false, true)] {
                open_run(
                    o,
                    RunProps {
                        bold,
                        italic,
                        style: None,
                    },
                );
                text(o, t);
                close_run(o);
            }
            open_run(
                o,
                RunProps {
                    bold: true,
                    italic: true,
                    style: None,
                },
            );
            text(o, "both");
            close_run(o);
            open_run(o, RunProps::PLAIN);
            line_break(o);
            close_run(o);
            open_run(o, RunProps::PLAIN);
            text(o, "");
            close_run(o);
            close_paragraph(o);
        });
        assert_eq!(got, expected);
    }

    #[test]
    fn footnote_shapes_are_docx_rs_bytes() {
        let call = |id| Footnote {
            id,
            content: vec![],
        };
        let note_mark = Run::new().style("FootnoteReference");
        let expected = docx_rs(
            Paragraph::new()
                .id("00000001")
                .style("FootnoteText")
                .add_run(note_mark.clone())
                .add_run(note_mark.add_text("[7]"))
                .add_run(Run::new().add_footnote_reference(call(3)))
                .add_run(Run::new().add_footnote_reference(call(12)).add_text("[1]")),
        );
        let got = ours(|o| {
            let style = RunProps {
                style: Some("FootnoteReference"),
                ..RunProps::PLAIN
            };
            open_paragraph(o, 1, "FootnoteText", Breaks::default(), None);
            open_run(o, style);
            footnote_number(o);
            close_run(o);
            open_run(o, style);
            text(o, "[7]");
            close_run(o);
            open_run(o, style);
            footnote_reference(o, 3, false);
            close_run(o);
            open_run(o, style);
            footnote_reference(o, 12, true);
            text(o, "[1]");
            close_run(o);
            close_paragraph(o);
        });
        assert_eq!(got, expected);
    }

    #[test]
    fn footnotes_are_docx_rs_bytes() {
        let mut expected = Vec::new();
        let note = Footnote {
            id: 5,
            content: vec![Paragraph::new().id("00000009").style("FootnoteText")],
        };
        fixup::write(&[note], &mut expected).unwrap();
        let got = ours(|o| {
            open_footnote(o, 5);
            open_paragraph(o, 9, "FootnoteText", Breaks::default(), None);
            close_paragraph(o);
            close_footnote(o);
        });
        assert_eq!(got, String::from_utf8(expected).unwrap());
    }
}
