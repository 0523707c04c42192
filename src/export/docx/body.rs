//! The motion as docx-rs paragraphs, in reading order: cover, preamble, body, notes never called,
//! trailing text; plus the footnotes called from the text, the running header and the footer.
//!
//! Every paragraph names its style and nothing else, so all formatting lives in the style sheet.
//! Numbers are the motion's own (`num.text`, gaps and repeats included), followed by a tab into
//! the style's hanging indent; Word's automatic numbering is never used for them.
//!
//! Footnote calls become Word footnotes. When the motion numbers its notes 1, 2, 3... in the
//! order the text calls them, as Word would, Word numbers them ([`NoteMarks::Auto`]) and they
//! renumber as the user edits; otherwise every call keeps the motion's own mark
//! ([`NoteMarks::Custom`]).

use super::clean;
use super::styles::id;
use crate::model::{BodyItem, Cover, Date, Footnote as Note, Inline, Motion, Para, Point};
use docx_rs::{BreakType, Footer, Footnote, Header, PageNum, Paragraph, Run};

/// The dash printed before each citation (the model does not keep it).
pub const CITATION_DASH: &str = "–";

/// How footnote calls are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteMarks {
    /// Word numbers the notes: the motion's marks are the sequence 1, 2, 3... in call order.
    Auto,
    /// Each call is followed by the motion's own mark, and each note starts with its marker.
    Custom,
}

/// Everything docx-rs renders.
pub struct Rendered {
    /// The main document's paragraphs, in order.
    pub body: Vec<Paragraph>,
    /// Footnotes called from the body, in order of their first call, under the ids their
    /// references name.
    pub notes: Vec<Footnote>,
    pub header: Header,
    pub footer: Footer,
    /// The document opens with a cover page (which then shows no header or footer).
    pub has_cover: bool,
}

/// Renders a motion; `reference` is what the running header shows.
pub fn render(motion: &Motion, reference: &str) -> Rendered {
    let calls = first_calls(motion);
    let mut r = Renderer {
        marks: note_marks(motion, &calls),
        footnotes: &motion.footnotes,
        note_ids: vec![None; motion.footnotes.len()],
        called: Vec::new(),
        next_para_id: 1,
        out: Vec::new(),
    };
    r.cover(&motion.cover);
    let cover_len = r.out.len();
    r.preamble(motion);
    r.body(motion);
    let main = std::mem::take(&mut r.out);
    r.paras(id::TRAILING, &motion.trailing);
    let trailing = std::mem::take(&mut r.out);
    r.uncalled_notes();
    let uncalled = std::mem::take(&mut r.out);
    debug_assert_eq!(r.called, calls.iter().map(|(i, _)| *i).collect::<Vec<_>>());
    let notes = r.called_notes();

    let mut body = main;
    body.extend(uncalled);
    body.extend(trailing);
    if let Some(first) = body.get_mut(cover_len).filter(|_| cover_len > 0) {
        // The text starts on a new page after the cover.
        *first = std::mem::take(first).page_break_before(true);
    }
    if body.is_empty() {
        body.push(r.paragraph(id::TRAILING));
    }
    let header = Header::new().add_paragraph(r.text_paragraph(id::HEADER, reference));
    let footer = Footer::new().add_paragraph(r.paragraph(id::FOOTER).add_page_num(PageNum::new()));
    Rendered {
        body,
        notes,
        header,
        footer,
        has_cover: cover_len > 0,
    }
}

/// Whether a call with this marker of footnote `note` can be a Word footnote: the note exists
/// and the marker shows something.
fn callable_in(footnotes: &[Note], marker: &str, note: Option<usize>) -> Option<usize> {
    note.filter(|&i| i < footnotes.len() && !clean(marker).trim().is_empty())
}

/// The first call of each note the text calls, in document order (outside the notes
/// themselves): note index and marker as printed.
fn first_calls(motion: &Motion) -> Vec<(usize, &str)> {
    let mut in_notes: Vec<*const Para> = motion
        .footnotes
        .iter()
        .flat_map(|n| n.content.iter().map(|p| p as *const Para))
        .collect();
    in_notes.sort_unstable();
    let mut seen = vec![false; motion.footnotes.len()];
    let mut calls = Vec::new();
    for para in motion.text_in_order() {
        if in_notes.binary_search(&(para as *const Para)).is_ok() {
            continue;
        }
        for inline in &para.inlines {
            if let Inline::NoteRef { marker, note } = inline {
                if let Some(i) = callable_in(&motion.footnotes, marker, *note) {
                    if !std::mem::replace(&mut seen[i], true) {
                        calls.push((i, marker.as_str()));
                    }
                }
            }
        }
    }
    calls
}

/// [`NoteMarks::Auto`] when the k-th call and its note are both marked `k` (bare or in brackets
/// or parentheses), so that Word's numbers are the motion's.
fn note_marks(motion: &Motion, calls: &[(usize, &str)]) -> NoteMarks {
    let bare = |m: &str| {
        m.trim()
            .trim_start_matches(['[', '('])
            .trim_end_matches([']', ')'])
            .to_string()
    };
    let sequential = calls.iter().enumerate().all(|(k, (i, marker))| {
        let k = (k + 1).to_string();
        bare(marker) == k && bare(&motion.footnotes[*i].marker) == k
    });
    if sequential {
        NoteMarks::Auto
    } else {
        NoteMarks::Custom
    }
}

struct Renderer<'m> {
    marks: NoteMarks,
    footnotes: &'m [Note],
    /// For each footnote of the motion, its Word id once the text has called it.
    note_ids: Vec<Option<usize>>,
    /// Footnote indexes in the order of their first call.
    called: Vec<usize>,
    next_para_id: u32,
    out: Vec<Paragraph>,
}

impl Renderer<'_> {
    fn cover(&mut self, cover: &Cover) {
        if let Some(n) = &cover.doc_number {
            self.line(id::COVER_NUMBER, &n.value);
        }
        if let Some(pe) = &cover.pe_number {
            self.line(id::COVER_NUMBER, &pe.value);
        }
        if let Some(d) = &cover.date {
            self.line(id::COVER_DATE, &cover_date(d.value));
        }
        if let Some(k) = &cover.kind_text {
            self.line(id::COVER_KIND, &k.value);
        }
        self.paras(id::COVER_REQUEST, &cover.request);
        match (&cover.rule_line, &cover.rule) {
            (Some(line), _) => self.para(id::COVER_RULE, line),
            (None, Some(rule)) => self.line(id::COVER_RULE, &rule.value),
            (None, None) => {}
        }
        self.paras(id::COVER_TITLE, &cover.title);
        if let Some(p) = &cover.procedure {
            self.line(id::COVER_PROCEDURE, &p.value);
        }
        for group in &cover.authors {
            if !group.members.is_empty() {
                self.line(id::COVER_AUTHORS, &group.members.join(", "));
            }
            if let Some(line) = group.group_line.as_ref().or(group.group.as_ref()) {
                self.line(id::COVER_GROUP, line);
            }
        }
        for m in &cover.replaces {
            let text = match &m.group {
                Some(g) => format!("{} ({g})", m.number),
                None => m.number.clone(),
            };
            self.line(id::COVER_REPLACES, &text);
        }
        self.paras(id::COVER_OTHER, &cover.other);
    }

    fn preamble(&mut self, motion: &Motion) {
        self.paras(id::TITLE, &motion.title);
        self.paras(id::TITLE_NOTE, &motion.title_notes);
        self.paras(id::FORMULA, &motion.formula);
        for citation in &motion.citations {
            self.numbered(id::CITATION, CITATION_DASH, &citation.content);
        }
        self.paras(id::FORMULA, &motion.recitals_intro);
        for recital in &motion.recitals {
            self.numbered(id::RECITAL, &recital.num.text, &recital.content);
            self.points(&recital.points, 0);
        }
        self.paras(id::FORMULA, &motion.body_intro);
    }

    fn body(&mut self, motion: &Motion) {
        for item in &motion.body {
            match item {
                BodyItem::Heading(h) => self.para(id::HEADING, &h.text),
                BodyItem::Paragraph(p) => {
                    self.numbered(id::PARAGRAPH, &p.num.text, &p.content);
                    self.points(&p.points, 0);
                    self.paras(id::WRAP_UP, &p.wrap_up);
                }
            }
        }
    }

    fn points(&mut self, points: &[Point], level: usize) {
        let style = id::POINT[level.min(id::POINT.len() - 1)];
        for point in points {
            self.numbered(style, &point.num.text, &point.content);
            self.points(&point.points, level + 1);
        }
    }

    /// Notes the text never calls, after the body so that nothing is lost: marker, then text.
    fn uncalled_notes(&mut self) {
        let footnotes = self.footnotes;
        for (i, note) in footnotes.iter().enumerate() {
            if self.note_ids[i].is_none() {
                for p in self.note_paragraphs(note, id::FOOTNOTE_TEXT, false) {
                    self.push(p);
                }
            }
        }
    }

    /// The footnotes called from the text, rendered for the footnotes part.
    fn called_notes(&mut self) -> Vec<Footnote> {
        let footnotes = self.footnotes;
        let called = std::mem::take(&mut self.called);
        called
            .into_iter()
            .filter_map(|i| {
                let id = self.note_ids[i]?;
                let content = self.note_paragraphs(&footnotes[i], id::FOOTNOTE_TEXT, true);
                Some(Footnote { id, content })
            })
            .collect()
    }

    /// A note's paragraphs: its mark in the footnote-reference style before the first one; an
    /// empty run in that style stands for Word's own number of a called note (see `fixup`).
    fn note_paragraphs(&mut self, note: &Note, style: &str, called: bool) -> Vec<Paragraph> {
        let marker = Run::new().style(id::FOOTNOTE_REFERENCE);
        let marker = if called && self.marks == NoteMarks::Auto {
            marker
        } else {
            marker.add_text(clean(&note.marker))
        };
        let mut out = Vec::with_capacity(note.content.len().max(1));
        let first = self.paragraph(style).add_run(marker);
        match note.content.split_first() {
            None => out.push(first),
            Some((head, rest)) => {
                let space = Run::new().add_text(" ");
                out.push(self.inlines(first, Some(space), head, false));
                for p in rest {
                    let para = self.paragraph(style);
                    out.push(self.inlines(para, None, p, false));
                }
            }
        }
        out
    }

    /// A numbered part: `num`, a tab, the first paragraph; further paragraphs start with a tab,
    /// so they align with the text in the hanging indent.
    fn numbered(&mut self, style: &str, num: &str, content: &[Para]) {
        let lead = Run::new().add_text(clean(num)).add_tab();
        let mut paras = content.iter();
        let first = self.paragraph(style);
        let first = match paras.next() {
            Some(head) => self.inlines(first, Some(lead), head, true),
            None => first.add_run(lead),
        };
        self.push(first);
        for para in paras {
            let p = self.paragraph(style);
            let p = self.inlines(p, Some(Run::new().add_tab()), para, true);
            self.push(p);
        }
    }

    fn paras<'p>(&mut self, style: &str, paras: impl IntoIterator<Item = &'p Para>) {
        for para in paras {
            self.para(style, para);
        }
    }

    fn para(&mut self, style: &str, para: &Para) {
        let p = self.paragraph(style);
        let p = self.inlines(p, None, para, true);
        self.push(p);
    }

    fn line(&mut self, style: &str, text: &str) {
        let p = self.text_paragraph(style, text);
        self.push(p);
    }

    fn push(&mut self, p: Paragraph) {
        self.out.push(p);
    }

    /// An empty paragraph of `style` with the next paragraph id (docx-rs would draw it from a
    /// counter that lives as long as the thread, so the same motion would get other ids).
    fn paragraph(&mut self, style: &str) -> Paragraph {
        let id = format!("{:08X}", self.next_para_id);
        self.next_para_id += 1;
        Paragraph::new().id(id).style(style)
    }

    fn text_paragraph(&mut self, style: &str, text: &str) -> Paragraph {
        let p = self.paragraph(style);
        let text = clean(text);
        if text.is_empty() {
            p
        } else {
            p.add_run(Run::new().add_text(text))
        }
    }

    /// Appends a paragraph's inline content: runs with their emphasis, line breaks, and footnote
    /// calls, which become real footnotes when `calls` is set and the note exists and has not
    /// been called before; otherwise the marker stays as text. A `lead` run (a number and its
    /// tab) takes the first run's text when that is plain, so most paragraphs are one run.
    fn inlines(
        &mut self,
        mut p: Paragraph,
        lead: Option<Run>,
        para: &Para,
        calls: bool,
    ) -> Paragraph {
        let mut lead = lead;
        for inline in &para.inlines {
            let run = match inline {
                Inline::Text { text, bold, italic } => {
                    let text = clean(text);
                    if text.is_empty() {
                        continue;
                    }
                    if !bold && !italic {
                        if let Some(run) = lead.take() {
                            p = p.add_run(run.add_text(text));
                            continue;
                        }
                    }
                    let mut run = Run::new().add_text(text);
                    if *bold {
                        run = run.bold();
                    }
                    if *italic {
                        run = run.italic();
                    }
                    run
                }
                Inline::NoteRef { marker, note } => {
                    let call = callable_in(self.footnotes, marker, *note).filter(|_| calls);
                    let marker = clean(marker);
                    match call.and_then(|i| self.call(i)) {
                        Some(id) => {
                            let run = Run::new().add_footnote_reference(Footnote {
                                id,
                                content: Vec::new(),
                            });
                            match self.marks {
                                NoteMarks::Auto => run,
                                NoteMarks::Custom => run.add_text(marker),
                            }
                        }
                        None if marker.is_empty() => continue,
                        None => Run::new().add_text(marker),
                    }
                }
                Inline::LineBreak => Run::new().add_break(BreakType::TextWrapping),
            };
            if let Some(lead) = lead.take() {
                p = p.add_run(lead);
            }
            p = p.add_run(run);
        }
        if let Some(lead) = lead {
            p = p.add_run(lead);
        }
        p
    }

    /// The Word id for a call of footnote `index`, if the note exists and is not yet called.
    fn call(&mut self, index: usize) -> Option<usize> {
        let slot = self.note_ids.get_mut(index)?;
        if slot.is_some() {
            return None;
        }
        self.called.push(index);
        let id = self.called.len();
        *slot = Some(id);
        Some(id)
    }
}

/// A date as the Parliament prints it on covers: `9.2.2021`.
pub fn cover_date(d: Date) -> String {
    format!("{}.{}.{}", d.day, d.month, d.year)
}
