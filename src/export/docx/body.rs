//! The motion as WordprocessingML, streamed in reading order: cover, preamble, body, notes never
//! called, trailing text; then the footnotes called from the text; the running header and the
//! footer as docx-rs paragraphs.
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
use super::wordml::{self, Revision, RunProps, Sink};
use crate::export::plan::cover::{self, Role};
use crate::export::plan::notes::{callable, Notes};
use crate::export::plan::ties::Ties;
use crate::model::{BodyItem, Footnote as Note, Inline, Motion, Para, Point};
use docx_rs::{
    AlignmentType, Footer, Header, NumPages, PageNum, Paragraph, Run, Tab, TabValueType,
};
use std::borrow::Cow;

pub use crate::export::plan::CITATION_DASH;

/// How footnote calls are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteMarks {
    /// Word numbers the notes: the motion's marks are the sequence 1, 2, 3... in call order.
    Auto,
    /// Each call is followed by the motion's own mark, and each note starts with its marker.
    Custom,
}

/// What the renderer carries from one part to the next: which notes the text called and under
/// which ids, and the next paragraph id.
pub struct State<'m> {
    marks: NoteMarks,
    footnotes: &'m [Note],
    /// For each footnote of the motion, its Word id once the text has called it.
    note_ids: Vec<Option<usize>>,
    /// Footnote indexes in the order of their first call.
    called: Vec<usize>,
    /// Which notes the text calls, known before rendering, so that the notes the text never
    /// calls can be written before text that calls a note (the trailing text).
    plan: Notes<'m>,
    next_para_id: u32,
    /// The next paragraph starts a new page (the first after the cover).
    page_break: bool,
    /// The next paragraph stays with the one after it (a lead-in to points).
    keep_next: bool,
    /// Where a space must not break a line, in the motion's language.
    ties: Ties<'static>,
}

impl<'m> State<'m> {
    pub fn new(motion: &'m Motion) -> Self {
        let plan = Notes::of(motion);
        // Word numbers the notes itself when the motion's marks are what Word would print.
        let marks = match plan.sequential(&motion.footnotes) {
            true => NoteMarks::Auto,
            false => NoteMarks::Custom,
        };
        State {
            marks,
            footnotes: &motion.footnotes,
            note_ids: vec![None; motion.footnotes.len()],
            called: Vec::new(),
            plan,
            next_para_id: 1,
            page_break: false,
            keep_next: false,
            ties: Ties::for_language(&motion.lang),
        }
    }

    /// Whether the text calls any note, so that the document has a footnotes part.
    pub fn has_notes(&self) -> bool {
        self.plan.any_called()
    }

    /// The next paragraph id (docx-rs would draw it from a counter that lives as long as the
    /// thread, so the same motion would get other ids).
    fn para_id(&mut self) -> u32 {
        let id = self.next_para_id;
        self.next_para_id += 1;
        id
    }

    /// Opens a paragraph of `style` with the next id, the page break and keep-with-next asked
    /// for, and its mark tracked as `mark` says.
    pub(super) fn open(&mut self, out: &mut impl Sink, style: &str, mark: Option<&Revision<'_>>) {
        let id = self.para_id();
        let breaks = wordml::Breaks {
            page_break_before: std::mem::take(&mut self.page_break),
            keep_next: std::mem::take(&mut self.keep_next),
        };
        wordml::open_paragraph(out, id, style, breaks, mark);
    }

    /// The Word id for a call of footnote `index`, if the note exists and is not yet called.
    pub(super) fn call(&mut self, index: usize) -> Option<usize> {
        let slot = self.note_ids.get_mut(index)?;
        if slot.is_some() {
            return None;
        }
        self.called.push(index);
        let id = self.called.len();
        *slot = Some(id);
        Some(id)
    }

    /// An empty docx-rs paragraph of `style` with the next id, for the header and footer.
    fn paragraph(&mut self, style: &str) -> Paragraph {
        Paragraph::new()
            .id(format!("{:08X}", self.para_id()))
            .style(style)
    }
}

/// What the redline asks of the state besides what the plain document does.
#[cfg(feature = "compare")]
impl<'m> State<'m> {
    /// The next paragraph starts a new page.
    pub(super) fn break_page(&mut self, yes: bool) {
        self.page_break = yes;
    }

    /// The next paragraph stays on the page of the one after it.
    pub(super) fn keep_with_next(&mut self) {
        self.keep_next = true;
    }

    /// Where a space must not break a line.
    pub(super) fn ties(&self) -> &Ties<'static> {
        &self.ties
    }

    /// The notes a call can resolve to.
    pub(super) fn footnotes(&self) -> &'m [Note] {
        self.footnotes
    }

    /// Whether each call is followed by the motion's own mark.
    pub(super) fn custom_marks(&self) -> bool {
        self.marks == NoteMarks::Custom
    }
}

/// Writes the paragraphs of the main document in reading order: cover, preamble, body, notes
/// never called, trailing text; returns whether it opened with a cover page.
pub fn document(state: &mut State<'_>, motion: &Motion, out: &mut impl Sink) -> bool {
    let first = state.next_para_id;
    let mut r = Renderer { state, out };
    r.cover(motion);
    let has_cover = r.state.next_para_id > first;
    // The text starts on a new page after the cover.
    r.state.page_break = has_cover;
    r.preamble(motion);
    r.body(motion);
    // Ids in the order the text was once rendered (trailing text, then uncalled notes), so
    // that they do not change with the order the parts are written in.
    let trailing = r.state.next_para_id;
    r.state.next_para_id += u32::try_from(motion.trailing.len()).unwrap_or(u32::MAX);
    r.uncalled_notes();
    let after = r.state.next_para_id;
    r.state.next_para_id = trailing;
    r.paras(id::TRAILING, &motion.trailing);
    r.state.next_para_id = after;
    r.state.page_break = false;
    if r.state.next_para_id == first {
        r.open(id::TRAILING);
        wordml::close_paragraph(r.out);
    }
    has_cover
}

/// Writes the notes the text never calls (after the body, so that nothing is lost); the
/// redline's way to the plain document's.
#[cfg(feature = "compare")]
pub(super) fn uncalled_notes(state: &mut State<'_>, out: &mut impl Sink) {
    Renderer { state, out }.uncalled_notes();
}

/// Writes the footnotes called from the text, in order of their first call, under the ids
/// their references name; call after [`document`].
pub fn called_notes(state: &mut State<'_>, out: &mut impl Sink) {
    debug_assert!(state
        .called
        .iter()
        .eq(state.plan.first_calls.iter().map(|(i, _)| i)));
    let called = std::mem::take(&mut state.called);
    let footnotes = state.footnotes;
    let mut r = Renderer { state, out };
    for i in called {
        if let Some(id) = r.state.note_ids[i] {
            wordml::open_footnote(r.out, id);
            r.note_paragraphs(&footnotes[i], id::FOOTNOTE_TEXT, true);
            wordml::close_footnote(r.out);
        }
    }
}

/// The running header, showing `reference`; after [`called_notes`].
pub fn header(state: &mut State<'_>, reference: &str) -> Header {
    let p = state.paragraph(id::HEADER);
    let text = clean(reference);
    let p = if text.is_empty() {
        p
    } else {
        p.add_run(Run::new().add_text(text))
    };
    Header::new().add_paragraph(p)
}

/// The footer with the page number and the number of pages (`2/7`, PAGE and NUMPAGES fields,
/// as the PDF prints it); after [`header`].
///
/// With the Parliament's furniture (`(PE number, motto line)`), as the PDF prints it: the PE
/// number on the left and the page at a centre tab stop (`centre` twips from the margin), the
/// motto line centred under them.
pub fn footer(state: &mut State<'_>, furniture: Option<(&str, String)>, centre: usize) -> Footer {
    let mut p = state.paragraph(id::FOOTER);
    if let Some((pe, _)) = &furniture {
        p = p
            .align(AlignmentType::Left)
            .add_tab(Tab::new().val(TabValueType::Center).pos(centre))
            .add_run(Run::new().add_text(clean(pe)).add_tab());
    }
    let p = p
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text("/"))
        .add_num_pages(NumPages::new());
    let footer = Footer::new().add_paragraph(p);
    match furniture {
        Some((_, motto)) if !motto.is_empty() => {
            let line = state
                .paragraph(id::FOOTER)
                .add_run(Run::new().add_text(clean(&motto)));
            footer.add_paragraph(line)
        }
        _ => footer,
    }
}

/// What a run opening a paragraph holds before the text, which takes the first plain text of
/// the paragraph so that most paragraphs are one run.
enum Lead<'a> {
    /// A number and the tab into the hanging indent.
    Number(Cow<'a, str>),
    /// The tab of a further paragraph of a numbered part.
    Tab,
    /// The space after a note's mark.
    Space,
}

impl Lead<'_> {
    fn write(&self, out: &mut impl Sink) {
        match self {
            Lead::Number(num) => {
                wordml::text(out, num);
                wordml::tab(out);
            }
            Lead::Tab => wordml::tab(out),
            Lead::Space => wordml::text(out, " "),
        }
    }
}

struct Renderer<'s, 'm, S: Sink> {
    state: &'s mut State<'m>,
    out: &'s mut S,
}

impl<S: Sink> Renderer<'_, '_, S> {
    /// The cover lines in the plan's order, each in the style of its role.
    fn cover(&mut self, motion: &Motion) {
        for line in cover::lines(motion) {
            let style = cover_style(line.role);
            match line.text {
                cover::Text::Para(p) => self.para(style, p),
                cover::Text::Plain(t) => self.line(style, &t),
            }
        }
    }

    fn preamble(&mut self, motion: &Motion) {
        self.paras(id::TITLE, &motion.title);
        self.paras(id::TITLE_NOTE, &motion.title_notes);
        self.paras(id::FORMULA, &motion.formula);
        for citation in &motion.citations {
            self.numbered(id::CITATION, CITATION_DASH, &citation.content, false);
        }
        self.paras(id::FORMULA, &motion.recitals_intro);
        for recital in &motion.recitals {
            let lead_in = !recital.points.is_empty();
            self.numbered(id::RECITAL, &recital.num.text, &recital.content, lead_in);
            self.points(&recital.points, 0);
        }
        self.paras(id::FORMULA, &motion.body_intro);
    }

    fn body(&mut self, motion: &Motion) {
        for item in &motion.body {
            match item {
                BodyItem::Heading(h) => self.para(id::HEADING, &h.text),
                BodyItem::Paragraph(p) => {
                    let lead_in = !p.points.is_empty();
                    self.numbered(id::PARAGRAPH, &p.num.text, &p.content, lead_in);
                    self.points(&p.points, 0);
                    self.paras(id::WRAP_UP, &p.wrap_up);
                }
            }
        }
    }

    fn points(&mut self, points: &[Point], level: usize) {
        let style = id::POINT[level.min(id::POINT.len() - 1)];
        for point in points {
            let lead_in = !point.points.is_empty();
            self.numbered(style, &point.num.text, &point.content, lead_in);
            self.points(&point.points, level + 1);
        }
    }

    /// Notes the text never calls, after the body so that nothing is lost: marker, then text.
    fn uncalled_notes(&mut self) {
        let footnotes = self.state.footnotes;
        for (i, note) in footnotes.iter().enumerate() {
            if !self.state.plan.called[i] {
                self.note_paragraphs(note, id::FOOTNOTE_TEXT, false);
            }
        }
    }

    /// A note's paragraphs: its mark in the footnote-reference style before the first one;
    /// Word's own number stands for the mark of a called note when Word numbers the notes.
    fn note_paragraphs(&mut self, note: &Note, style: &str, called: bool) {
        self.open(style);
        wordml::open_run(
            self.out,
            RunProps {
                style: Some(id::FOOTNOTE_REFERENCE),
                ..RunProps::PLAIN
            },
        );
        if called && self.state.marks == NoteMarks::Auto {
            wordml::footnote_number(self.out);
        } else {
            wordml::text(self.out, &clean(&note.marker));
        }
        wordml::close_run(self.out);
        let mut paras = note.content.iter();
        if let Some(head) = paras.next() {
            self.inlines(Some(Lead::Space), head, false);
        }
        wordml::close_paragraph(self.out);
        for p in paras {
            self.open(style);
            self.inlines(None, p, false);
            wordml::close_paragraph(self.out);
        }
    }

    /// A numbered part: `num`, a tab, the first paragraph; further paragraphs start with a tab,
    /// so they align with the text in the hanging indent. The last paragraph of a `lead_in` (a
    /// part introducing its points) stays on the page of the first point.
    fn numbered(&mut self, style: &str, num: &str, content: &[Para], lead_in: bool) {
        let mut paras = content.iter();
        self.state.keep_next = lead_in && content.len() <= 1;
        self.open(style);
        let lead = Lead::Number(clean(num));
        match paras.next() {
            Some(head) => self.inlines(Some(lead), head, true),
            None => self.lead(lead),
        }
        wordml::close_paragraph(self.out);
        let last = content.len().saturating_sub(2);
        for (i, para) in paras.enumerate() {
            self.state.keep_next = lead_in && i == last;
            self.open(style);
            self.inlines(Some(Lead::Tab), para, true);
            wordml::close_paragraph(self.out);
        }
    }

    fn paras<'p>(&mut self, style: &str, paras: impl IntoIterator<Item = &'p Para>) {
        for para in paras {
            self.para(style, para);
        }
    }

    fn para(&mut self, style: &str, para: &Para) {
        self.open(style);
        self.inlines(None, para, true);
        wordml::close_paragraph(self.out);
    }

    fn line(&mut self, style: &str, text: &str) {
        self.open(style);
        let cleaned = clean(text);
        let text = self.state.ties.apply(&cleaned);
        if !text.is_empty() {
            self.run(RunProps::PLAIN, |out| wordml::text(out, &text));
        }
        wordml::close_paragraph(self.out);
    }

    /// Opens a paragraph of `style` with the next id.
    fn open(&mut self, style: &str) {
        self.state.open(self.out, style, None);
    }

    /// A run of its own.
    fn run(&mut self, props: RunProps<'_>, content: impl FnOnce(&mut S)) {
        wordml::open_run(self.out, props);
        content(self.out);
        wordml::close_run(self.out);
    }

    /// A lead as a run of its own.
    fn lead(&mut self, lead: Lead<'_>) {
        self.run(RunProps::PLAIN, |out| lead.write(out));
    }

    /// Writes a paragraph's inline content: runs with their emphasis, line breaks, and footnote
    /// calls, which become real footnotes when `calls` is set and the note exists and has not
    /// been called before; otherwise the marker stays as text. The `lead` takes the first
    /// run's text when that is plain.
    fn inlines(&mut self, lead: Option<Lead<'_>>, para: &Para, calls: bool) {
        let mut lead = lead;
        for inline in &para.inlines {
            match inline {
                Inline::Text { text, bold, italic } => {
                    let cleaned = clean(text);
                    let text = self.state.ties.apply(&cleaned);
                    if text.is_empty() {
                        continue;
                    }
                    let props = RunProps {
                        bold: *bold,
                        italic: *italic,
                        style: None,
                    };
                    if props == RunProps::PLAIN {
                        if let Some(l) = lead.take() {
                            self.run(props, |out| {
                                l.write(out);
                                wordml::text(out, &text);
                            });
                            continue;
                        }
                    }
                    if let Some(l) = lead.take() {
                        self.lead(l);
                    }
                    self.run(props, |out| wordml::text(out, &text));
                }
                Inline::NoteRef { marker, note } => {
                    let call = callable(self.state.footnotes, marker, *note).filter(|_| calls);
                    let marker = clean(marker);
                    let note_id = call.and_then(|i| self.state.call(i));
                    if note_id.is_none() && marker.is_empty() {
                        continue;
                    }
                    if let Some(l) = lead.take() {
                        self.lead(l);
                    }
                    let custom = self.state.marks == NoteMarks::Custom;
                    let props = match note_id {
                        Some(_) => RunProps {
                            style: Some(id::FOOTNOTE_REFERENCE),
                            ..RunProps::PLAIN
                        },
                        None => RunProps::PLAIN,
                    };
                    self.run(props, |out| match note_id {
                        Some(note_id) => {
                            wordml::footnote_reference(out, note_id, custom);
                            if custom {
                                wordml::text(out, &marker);
                            }
                        }
                        None => wordml::text(out, &marker),
                    });
                }
                Inline::LineBreak => {
                    if let Some(l) = lead.take() {
                        self.lead(l);
                    }
                    self.run(RunProps::PLAIN, wordml::line_break);
                }
            }
        }
        if let Some(l) = lead {
            self.lead(l);
        }
    }
}

/// The style of a cover line.
pub(super) fn cover_style(role: Role) -> &'static str {
    match role {
        Role::Masthead => id::COVER_MASTHEAD,
        Role::Term => id::COVER_TERM,
        Role::Sitting => id::COVER_SITTING,
        Role::Number => id::COVER_NUMBER,
        Role::Date => id::COVER_DATE,
        Role::Kind => id::COVER_KIND,
        Role::Request => id::COVER_REQUEST,
        Role::Rule => id::COVER_RULE,
        Role::ReplacingLabel => id::COVER_REPLACING,
        Role::Replaced => id::COVER_REPLACES,
        Role::Title => id::COVER_TITLE,
        Role::Procedure => id::COVER_PROCEDURE,
        Role::Authors => id::COVER_AUTHORS,
        Role::Group => id::COVER_GROUP,
        Role::PeNumber => id::COVER_PE_NUMBER,
        Role::Other => id::COVER_OTHER,
    }
}
