//! Running text: `p` elements and their inline content — `b`, `i`, `eol`, footnotes as
//! `authorialNote` at their call, and an optional marked phrase (the Rule as
//! `inline name="legalBasis"`, the procedure as `docketNumber`).

use super::Doc;
use crate::model::{Inline, Para};
use crate::vocab::eid::Counter;

/// A phrase to wrap in an element the first time it occurs inside one text run.
pub struct Mark<'a> {
    pub phrase: &'a str,
    pub element: &'a str,
    pub attrs: &'a [(&'a str, &'a str)],
}

impl Mark<'_> {
    /// True when the phrase occurs inside one text run of `para`, so marking it will succeed.
    pub fn found_in(&self, para: &Para) -> bool {
        !self.phrase.is_empty()
            && para.inlines.iter().any(|i| match i {
                Inline::Text { text, .. } => text.contains(self.phrase),
                _ => false,
            })
    }
}

/// Where inline content sits: the eId its notes are numbered under, and whether it is itself
/// inside a note (notes are not nested: a call inside a note stays as its marker).
pub struct Owner<'a> {
    pub eid: &'a str,
    pub notes: Counter,
    pub in_note: bool,
}

impl<'a> Owner<'a> {
    pub fn new(eid: &'a str) -> Owner<'a> {
        Owner {
            eid,
            notes: Counter::default(),
            in_note: false,
        }
    }
}

impl Doc<'_> {
    /// A `p` on its own line: `<p eId=… class=…>…</p>`.
    pub(super) fn para(&mut self, eid: &str, class: Option<&str>, para: &Para) {
        self.para_marked(eid, class, para, None);
    }

    /// A `p` on its own line with `mark` applied to its first occurrence.
    pub(super) fn para_marked(
        &mut self,
        eid: &str,
        class: Option<&str>,
        para: &Para,
        mark: Option<&Mark<'_>>,
    ) {
        match class {
            Some(class) => self.out.open_line("p", &[("eId", eid), ("class", class)]),
            None => self.out.open_line("p", &[("eId", eid)]),
        }
        let mut owner = Owner::new(eid);
        self.inlines(&para.inlines, &mut owner, mark);
        self.out.end("p");
    }

    /// Paragraphs under `parent`, numbered `p_1`, `p_2`…; one empty `p` when there are none, so
    /// the enclosing element is never left without a block.
    pub(super) fn paras<'p>(&mut self, parent: &str, paras: impl IntoIterator<Item = &'p Para>) {
        let mut ps = Counter::default();
        for para in paras {
            let eid = ps.next(parent, "p");
            self.para(&eid, None, para);
        }
        if ps.count() == 0 {
            let eid = ps.next(parent, "p");
            self.out.line_empty("p", &[("eId", &eid)]);
        }
    }

    /// Inline content. Each text run is written with its emphasis; `mark` wraps the first
    /// occurrence of its phrase.
    pub(super) fn inlines(
        &mut self,
        inlines: &[Inline],
        owner: &mut Owner<'_>,
        mut mark: Option<&Mark<'_>>,
    ) {
        for inline in inlines {
            match inline {
                Inline::Text { text, bold, italic } => {
                    self.run(text, *bold, *italic, &mut mark);
                }
                Inline::LineBreak => self.out.empty("eol", &[]),
                Inline::NoteRef { marker, note } => self.note_call(marker, *note, owner),
            }
        }
    }

    fn run(&mut self, text: &str, bold: bool, italic: bool, mark: &mut Option<&Mark<'_>>) {
        if bold {
            self.out.start("b", &[]);
        }
        if italic {
            self.out.start("i", &[]);
        }
        let at = mark.and_then(|m| Some((m, text.find(m.phrase)?)));
        match at {
            Some((m, pos)) if !m.phrase.is_empty() => {
                let after = pos + m.phrase.len();
                self.out.text(&text[..pos]);
                self.out.start(m.element, m.attrs);
                self.out.text(m.phrase);
                self.out.end(m.element);
                self.out.text(&text[after..]);
                *mark = None;
            }
            _ => self.out.text(text),
        }
        if italic {
            self.out.end("i");
        }
        if bold {
            self.out.end("b");
        }
    }

    /// A footnote call. The first call of a known note writes the note there as an
    /// `authorialNote`; later calls of the same note become `noteRef`s to it; calls of unknown
    /// notes, and any call inside a note, keep their marker as text.
    fn note_call(&mut self, marker: &str, note: Option<usize>, owner: &mut Owner<'_>) {
        let motion = self.motion;
        let known = note.and_then(|i| Some((i, motion.footnotes.get(i)?)));
        let Some((index, footnote)) = known.filter(|_| !owner.in_note) else {
            self.out.text(marker);
            return;
        };
        let shown = if footnote.marker.trim().is_empty() {
            marker
        } else {
            footnote.marker.as_str()
        };
        if let Some(target) = &self.placed[index] {
            let href = format!("#{target}");
            self.out
                .empty("noteRef", &[("marker", shown), ("href", &href)]);
            return;
        }
        let eid = owner.notes.next(owner.eid, "authorialNote");
        self.placed[index] = Some(eid.clone());
        self.authorial_note(&eid, shown, index);
    }

    /// Writes footnote `index` as an `authorialNote` with id `eid`, its paragraphs inline so
    /// that no whitespace enters the surrounding text.
    pub(super) fn authorial_note(&mut self, eid: &str, marker: &str, index: usize) {
        let motion = self.motion;
        let content = &motion.footnotes[index].content;
        self.out.start(
            "authorialNote",
            &[("eId", eid), ("marker", marker), ("placement", "bottom")],
        );
        let mut ps = Counter::default();
        let empty = [Para::default()];
        let paras = if content.is_empty() {
            &empty[..]
        } else {
            content
        };
        for para in paras {
            let p_eid = ps.next(eid, "p");
            self.out.start("p", &[("eId", &p_eid)]);
            let mut owner = Owner {
                eid: &p_eid,
                notes: Counter::default(),
                in_note: true,
            };
            self.inlines(&para.inlines, &mut owner, None);
            self.out.end("p");
        }
        self.out.end("authorialNote");
    }
}
