//! Running text and footnotes: text runs with their emphasis and ties, line breaks, footnote
//! calls as raised links (`role="doc-noteref"`) to the notes section at the end, whose notes
//! (`role="doc-footnote"`) link back to their first call (`role="doc-backlink"`). A note the
//! text never calls is printed there too, after the called ones, so that no word is lost.

use super::Doc;
use crate::export::plan::notes::{bare, callable};
use crate::model::{Footnote, Inline, Para};

impl Doc<'_> {
    /// Plain text, tied as the paged outputs tie it.
    pub(super) fn plain(&mut self, text: &str) {
        let tied = self.ties.apply(text);
        self.out.text(&tied);
    }

    /// A paragraph's inline content.
    pub(super) fn inlines(&mut self, para: &Para) {
        self.inlines_of(para, false);
    }

    /// Inline content; inside a note (`in_note`), calls stay as their marker, as in the XML.
    fn inlines_of(&mut self, para: &Para, in_note: bool) {
        for inline in &para.inlines {
            match inline {
                Inline::Text { text, bold, italic } => {
                    if *bold {
                        self.out.start("b", &[]);
                    }
                    if *italic {
                        self.out.start("i", &[]);
                    }
                    self.plain(text);
                    if *italic {
                        self.out.end("i");
                    }
                    if *bold {
                        self.out.end("b");
                    }
                }
                Inline::LineBreak => self.out.start("br", &[]),
                Inline::NoteRef { marker, note } => {
                    let footnotes = &self.motion.footnotes;
                    match callable(footnotes, marker, *note).filter(|_| !in_note) {
                        Some(index) => self.call(index, marker),
                        None => self.out.text(marker),
                    }
                }
            }
        }
    }

    /// A call of note `index`: its mark raised, linking to the note; the first call is where
    /// the note links back to.
    pub(super) fn call(&mut self, index: usize, marker: &str) {
        self.calls[index] += 1;
        let target = note_id(index);
        let id = match self.calls[index] {
            1 => call_id(index),
            k => format!("{}-{k}", call_id(index)),
        };
        self.out.start("sup", &[]);
        self.out.start(
            "a",
            &[
                ("href", &format!("#{target}")),
                ("id", &id),
                ("role", "doc-noteref"),
            ],
        );
        self.out.text(shown(marker));
        self.out.end("a");
        self.out.end("sup");
    }

    /// The notes section: the notes the text calls, in the order of their first call, then
    /// those it never calls.
    pub(super) fn notes(&mut self) {
        let motion = self.motion;
        if motion.footnotes.is_empty() {
            return;
        }
        let label = self.labels.notes().to_string();
        self.out
            .open("section", &[("class", "notes"), ("aria-label", &label)]);
        let called: Vec<(usize, &str)> = self.notes.first_calls.clone();
        for (index, marker) in called {
            self.note(index, &motion.footnotes[index], Some(marker));
        }
        for (index, note) in motion.footnotes.iter().enumerate() {
            if !self.notes.called[index] {
                self.note(index, note, None);
            }
        }
        self.out.close("section");
    }

    /// One note: its mark (a link back to the first call, when the text calls it), then its
    /// paragraphs.
    fn note(&mut self, index: usize, note: &Footnote, call: Option<&str>) {
        let id = note_id(index);
        self.out
            .open("div", &[("id", &id), ("role", "doc-footnote")]);
        let mark = match (note.marker.trim().is_empty(), call) {
            (false, _) => shown(&note.marker),
            (true, Some(marker)) => shown(marker),
            (true, None) => "",
        };
        let mut paras = note.content.iter();
        self.out.start("p", &[]);
        if let Some(_call) = call {
            let back = format!("#{}", call_id(index));
            self.out
                .start("a", &[("href", &back), ("role", "doc-backlink")]);
            self.out.text(mark);
            self.out.end("a");
        } else {
            self.out.text(mark);
        }
        if let Some(first) = paras.next() {
            self.out.text(" ");
            self.inlines_of(first, true);
        }
        self.out.end("p");
        for para in paras {
            self.out.start("p", &[]);
            self.inlines_of(para, true);
            self.out.end("p");
        }
        self.out.close("div");
    }
}

/// A mark as the page shows it: without brackets (`[1]` is a raised `1`), or as written when
/// nothing would be left.
pub(super) fn shown(marker: &str) -> &str {
    match bare(marker) {
        "" => marker.trim(),
        b => b,
    }
}

/// The id of note `index`'s element: `fn-1`. The eIds all hold `_`, these ids none.
fn note_id(index: usize) -> String {
    format!("fn-{}", index + 1)
}

/// The id of the first call of note `index`: `fnref-1`.
fn call_id(index: usize) -> String {
    format!("fnref-{}", index + 1)
}
