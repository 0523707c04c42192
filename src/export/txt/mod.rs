//! The canonical text form (`--format txt`): the motion written back as plain text in one
//! documented shape that the text reader (`read::text`) reads back to the same model,
//! so that text -> model -> txt -> model gives the model again and txt -> model -> txt the same
//! bytes. It is what a team keeps in version control and diffs in review.
//!
//! The shape, one block per line, blocks apart by one blank line:
//!
//! - the cover's lines in the plan's order (`export::plan::cover`): the masthead (institution,
//!   term) and the plenary-sitting line where the motion has them, number, date, kind
//!   (as the cover wrote it), request and Rule lines, "replacing the following motions:" and the
//!   motions replaced, title and procedure, each group's Members and its line, other cover text,
//!   the PE number;
//! - the resolution's title and the lines under it, the formula;
//! - citations after the plan's dash (`– having regard to ...`), recitals after their letter
//!   (`A. whereas ...`), operative paragraphs after their number (`1. Calls ...`), points after
//!   theirs (`(a) ...`, `(i) ...`, `– ...`), a further paragraph of an item as a block of its own;
//! - headings between paragraphs as `## Heading`;
//! - emphasis as `**bold**` and `*italic*`, forced line breaks as two spaces at a line's end,
//!   footnote calls as `[1]`, and the notes after the body as `[1] text`;
//! - text the reader could not place after the body, where it stood.
//!
//! Text that would read as markup is escaped the least way the reader reads back (see
//! `escape`); where the reader has no way to hold a character as text, it is written as it is
//! and the module `escape` says which.

mod escape;

use super::plan::{cover, CITATION_DASH};
use super::{ExportError, Format};
use crate::model::{BodyItem, Inline, Motion, Para, Point};

/// A forced line break: two spaces at the end of a line, as in markdown.
const BREAK: &str = "  \n";

/// Options for the text exporter: the shape is fixed, so that one motion has one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxtOptions {}

/// Exports a motion to its canonical text: UTF-8, `\n` line ends, ending with one line end.
pub fn export(motion: &Motion, _options: &TxtOptions) -> Result<Vec<u8>, ExportError> {
    super::check_depth(motion, Format::Txt)?;
    let mut doc = Doc {
        blocks: Vec::new(),
        markers: motion.footnotes.iter().map(|n| n.marker.as_str()).collect(),
    };
    doc.cover(motion);
    doc.preamble(motion);
    doc.main_body(motion);
    doc.notes(motion);
    doc.trailing(motion);
    Ok(doc.finish())
}

/// The blocks written so far.
struct Doc<'m> {
    blocks: Vec<String>,
    /// The motion's footnote markers: a `(1)` in the text is escaped when a note `1` exists.
    markers: Vec<&'m str>,
}

impl Doc<'_> {
    /// The cover's lines in the plan's order. No language profile is given: a kind the cover
    /// does not state is not written (the reader would read it as stated). Values (number,
    /// names, groups) are written as they are: the reader takes them as plain words.
    fn cover(&mut self, motion: &Motion) {
        for line in cover::lines_in(&motion.cover, None) {
            let text = match &line.text {
                // The cover reader finds the Rule and the procedure in the line as written
                // (`Rule 132(2)`) and links no calls there: no `(` is escaped.
                cover::Text::Para(para) => inlines(para, &[]),
                cover::Text::Plain(text) => text.to_string(),
            };
            self.blocks.push(text);
        }
    }

    /// Title, the lines under it, formula, citations, recitals and the words around them.
    fn preamble(&mut self, motion: &Motion) {
        self.paras(motion.title.iter());
        self.unlabelled(motion.title_notes.iter());
        self.paras(motion.formula.iter());
        for citation in &motion.citations {
            self.labelled(CITATION_DASH, &citation.content);
        }
        self.paras(motion.recitals_intro.iter());
        for recital in &motion.recitals {
            self.labelled(&recital.num.text, &recital.content);
            self.points(&recital.points);
        }
        self.paras(motion.body_intro.iter());
    }

    /// The operative paragraphs with their points, and the headings between them.
    fn main_body(&mut self, motion: &Motion) {
        for item in &motion.body {
            match item {
                BodyItem::Heading(h) => {
                    let text = format!("## {}", inlines(&h.text, &self.markers));
                    self.blocks.push(text);
                }
                BodyItem::Paragraph(p) => {
                    self.labelled(&p.num.text, &p.content);
                    self.points(&p.points);
                    self.unlabelled(p.wrap_up.iter());
                }
            }
        }
    }

    /// The footnotes, each after its marker in brackets.
    fn notes(&mut self, motion: &Motion) {
        for note in &motion.footnotes {
            self.labelled(&format!("[{}]", note.marker), &note.content);
        }
    }

    /// Text after the body that the reader could not place.
    fn trailing(&mut self, motion: &Motion) {
        self.unlabelled(motion.trailing.iter());
    }

    /// Points, depth first: each after its number, its own points after it.
    fn points(&mut self, points: &[Point]) {
        for point in points {
            self.labelled(&point.num.text, &point.content);
            self.points(&point.points);
        }
    }

    /// An item's first paragraph after its label, the others as blocks of their own.
    fn labelled(&mut self, label: &str, content: &[Para]) {
        let mut paras = content.iter();
        let first = (paras.next())
            .map(|p| inlines(p, &self.markers))
            .unwrap_or_default();
        self.blocks
            .push(format!("{label} {first}").trim_end().to_string());
        self.unlabelled(paras);
    }

    /// Paragraphs that stand without a label, each escaped where it would open like one.
    fn unlabelled<'a>(&mut self, paras: impl Iterator<Item = &'a Para>) {
        for para in paras {
            let text = escape::line_start(inlines(para, &self.markers));
            self.blocks.push(text);
        }
    }

    fn paras<'a>(&mut self, paras: impl Iterator<Item = &'a Para>) {
        for para in paras {
            let text = inlines(para, &self.markers);
            self.blocks.push(text);
        }
    }

    fn finish(self) -> Vec<u8> {
        let mut out = self.blocks.join("\n\n");
        out.push('\n');
        out.into_bytes()
    }
}

/// A paragraph's runs (`markers`: the notes' markers, see `escape::text`): calls in brackets, line breaks as two spaces at the end of a line,
/// and emphasis marks where the emphasis changes. Marks toggle bold (`**`) and italic (`*`)
/// apart, as the reader pairs them, so that at most one of each stands between two runs
/// (`*a***b**`: never four stars in a row, which would read as two bold marks).
fn inlines(para: &Para, markers: &[&str]) -> String {
    let mut out = String::new();
    let (mut bold, mut italic) = (false, false);
    for inline in &para.inlines {
        match inline {
            Inline::Text {
                text,
                bold: b,
                italic: i,
            } => {
                if *b != bold {
                    out.push_str("**");
                    bold = *b;
                }
                if *i != italic {
                    out.push('*');
                    italic = *i;
                }
                out.push_str(&escape::text(text, markers));
            }
            // A call linked to its note is written in brackets (the reader links `[1]`
            // always); one linked to nothing as it was printed.
            Inline::NoteRef { marker, note } => match note {
                Some(_) => {
                    out.push('[');
                    out.push_str(marker);
                    out.push(']');
                }
                None => out.push_str(marker),
            },
            // Marks close before the break: one after it would follow whitespace, which
            // the reader does not take for a closing mark.
            Inline::LineBreak => {
                close(&mut out, &mut bold, &mut italic);
                out.push_str(BREAK);
            }
        }
    }
    close(&mut out, &mut bold, &mut italic);
    after_breaks(out)
}

/// A line after a forced break that opens like a label or a mark would start a part of its own:
/// escaped as the start of a part is.
fn after_breaks(text: String) -> String {
    if !text.contains(BREAK) {
        return text;
    }
    let mut lines = text.split(BREAK);
    let mut out = lines.next().unwrap_or_default().to_string();
    for line in lines {
        out.push_str(BREAK);
        out.push_str(&escape::line_start(line.to_string()));
    }
    out
}

/// Closes the emphasis open at the end of `out`.
fn close(out: &mut String, bold: &mut bool, italic: &mut bool) {
    if std::mem::take(italic) {
        out.push('*');
    }
    if std::mem::take(bold) {
        out.push_str("**");
    }
}
