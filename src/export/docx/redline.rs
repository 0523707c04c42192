//! The DOCX redline of a comparison: NEW's document (the plain document's package, styles,
//! notes, header and footer) whose cover lines, title, formula, citations, recitals, paragraphs,
//! headings, points and trailing text follow the comparison's alignment, with what only OLD says
//! as Word's tracked deletions (`w:del`, its text `w:delText`) and what only NEW says as tracked
//! insertions (`w:ins`), paragraph marks included, so that accepting every change gives NEW's
//! text and rejecting every change OLD's.
//!
//! Every change is NEW's: made by the first group its cover names (else its first Member, else
//! `motion-export`), on its cover's date (else the fallback date, else 1970-01-01), never at the
//! clock's time. The notes' own text is NEW's: a change inside a note is in the change list, not
//! tracked here.

use super::body::{self, cover_style, State};
use super::styles::id;
use super::wordml::{self, Revision, RunProps, Sink as Sink_, Tracked};
use super::{clean, escape, DocxOptions};
use crate::compare::align::Shown;
use crate::compare::tokens::{Mark, Token};
use crate::compare::words::Edit;
use crate::compare::Comparison;
use crate::export::plan::notes::callable;
use crate::export::plan::redline::{self as walk, Part, Shape, Sink};
use crate::export::{check_depth, ExportError, Format};
use crate::model::{Date, Motion};

/// Options for the DOCX redline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RedlineOptions {
    /// Paper, margins, face and size, as for the plain document.
    pub docx: DocxOptions,
    /// The date of the changes when NEW's cover states none (the command line sets it from
    /// `SOURCE_DATE_EPOCH`); without it, 1970-01-01.
    pub fallback_date: Option<Date>,
}

/// Writes the redline of `comparison` (of `old` with `new`) as a DOCX package: the same bytes
/// for the same versions and options.
pub fn redline(
    old: &Motion,
    new: &Motion,
    comparison: &Comparison,
    options: &RedlineOptions,
) -> Result<Vec<u8>, ExportError> {
    check_depth(old, Format::Docx)?;
    check_depth(new, Format::Docx)?;
    let author = escape(&author(new)).into_owned();
    let date = format!("{}T00:00:00Z", date(new, options.fallback_date));
    super::package(new, &options.docx, |state, out| {
        Redline {
            state,
            out,
            old,
            new,
            author: &author,
            date: &date,
            next_id: 1,
            written: false,
            deleting: false,
            text: String::new(),
        }
        .document(comparison)
    })
}

/// Who the changes are by: the first group NEW's cover names, else its first Member.
fn author(new: &Motion) -> String {
    let first = new.cover.authors.first();
    (first.and_then(|g| g.group.clone()))
        .or_else(|| first.and_then(|g| g.members.first().cloned()))
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "motion-export".to_string())
}

/// When the changes were made: NEW's cover date, else `fallback`, else 1970-01-01.
fn date(new: &Motion, fallback: Option<Date>) -> Date {
    (new.cover.date.as_ref().map(|d| d.value))
        .or(fallback)
        .or_else(|| Date::new(1970, 1, 1))
        .expect("1970-01-01 is a date")
}

/// A redline being written: NEW's document state, and OLD for what NEW no longer has.
struct Redline<'w, 's, 'm, S: Sink_> {
    state: &'w mut State<'s>,
    out: &'w mut S,
    old: &'m Motion,
    new: &'m Motion,
    author: &'w str,
    date: &'w str,
    /// The id of the next tracked change.
    next_id: u32,
    /// Whether a paragraph was written.
    written: bool,
    /// Inside a tracked deletion, whose text is `w:delText`.
    deleting: bool,
    /// The text of the run being gathered: one buffer for the whole document.
    text: String,
}

impl<'w, 'm, S: Sink_> Redline<'w, '_, 'm, S> {
    /// The main text, in the plain document's order; whether it opened with a cover page.
    fn document(&mut self, comparison: &Comparison) -> bool {
        let (old, new) = (self.old, self.new);
        let has_cover = walk::cover(old, new, self);
        // The text starts on a new page after the cover.
        self.state.break_page(has_cover);
        walk::preamble(old, new, comparison, self);
        walk::body(old, new, comparison, self);
        body::uncalled_notes(self.state, self.out);
        walk::trailing(old, new, self);
        self.state.break_page(false);
        if !self.written {
            self.state.open(self.out, id::TRAILING, None);
            wordml::close_paragraph(self.out);
        }
        has_cover
    }

    /// A block's paragraphs from the word diff of its tokens. A paragraph break only OLD has
    /// is a deleted paragraph mark (and a space inserted where the text now runs on), one
    /// only NEW has an inserted mark (and a space deleted); the last paragraph of a lead-in
    /// stays with its first point.
    fn write_block<'t>(&mut self, shape: Shape<'_>, old: &[Token<'t>], new: &[Token<'t>]) {
        let Shape {
            shown,
            num,
            lead_in,
            ..
        } = shape;
        let style = style(shape.part);
        let (runs, last) = shape.runs(old, new);
        let pieces = walk::pieces(runs, last);
        let count = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            if lead_in && k + 1 == count {
                self.state.keep_with_next();
            }
            let mark = self.revision(piece.mark);
            self.state.open(self.out, style, mark.as_ref());
            self.written = true;
            if shown == Shown::Both {
                // Where only one version breaks the paragraph, the other runs on after a space.
                match piece.after {
                    Some(Edit::Removed) => self.tracked(Edit::Added, |w| w.plain(" ")),
                    Some(Edit::Added) => self.tracked(Edit::Removed, |w| w.plain(" ")),
                    _ => {}
                }
            }
            match (k, num) {
                (0, Some(num)) => self.number(shown, num),
                // A further paragraph of a numbered block starts with a tab into its indent.
                (_, Some(_)) => {
                    let edit = piece.after.unwrap_or(Edit::Kept);
                    self.tracked(edit, |w| w.run(RunProps::PLAIN, |w| wordml::tab(w.out)));
                }
                _ => {}
            }
            let mut start = walk::Start::default();
            for (edit, run) in &piece.runs {
                self.tracked(*edit, |w| w.tokens(*edit, run, &mut start));
            }
            wordml::close_paragraph(self.out);
        }
    }

    /// The number and the tab after it.
    fn number(&mut self, shown: Shown, (old, new): (Option<&str>, Option<&str>)) {
        let tab = |w: &mut Self| w.run(RunProps::PLAIN, |w| wordml::tab(w.out));
        match (shown, old, new) {
            (Shown::Old, Some(o), _) => self.tracked(Edit::Removed, |w| {
                w.plain(o);
                tab(w);
            }),
            (Shown::New, _, Some(n)) => self.tracked(Edit::Added, |w| {
                w.plain(n);
                tab(w);
            }),
            (Shown::Both, Some(o), Some(n)) if o != n => {
                self.tracked(Edit::Removed, |w| w.plain(o));
                self.tracked(Edit::Added, |w| w.plain(n));
                tab(self);
            }
            (_, o, n) => {
                if let Some(num) = n.or(o) {
                    self.plain(num);
                }
                tab(self);
            }
        }
    }

    /// Tokens as runs of text, a space before each unless it is glued to what precedes it;
    /// consecutive words of one emphasis share a run. A call of NEW's is a footnote reference
    /// as in the plain document, a call only OLD has its mark.
    fn tokens(&mut self, edit: Edit, run: &[Token<'_>], start: &mut walk::Start) {
        let mut text = std::mem::take(&mut self.text);
        let mut props: Option<RunProps<'static>> = None;
        for t in run {
            let space = start.space_before(edit, t);
            match t.mark {
                Mark::Word { bold, italic } => {
                    let p = RunProps {
                        bold,
                        italic,
                        style: None,
                    };
                    if props != Some(p) {
                        self.flush(&mut text, props);
                        props = Some(p);
                    }
                    if space {
                        text.push(' ');
                    }
                    text.push_str(t.text);
                }
                Mark::Note => {
                    if space {
                        props.get_or_insert(RunProps::PLAIN);
                        text.push(' ');
                    }
                    self.flush(&mut text, props);
                    props = None;
                    self.call(edit, t);
                }
                Mark::Break => {
                    self.flush(&mut text, props);
                    props = None;
                    self.run(RunProps::PLAIN, |w| wordml::line_break(w.out));
                }
                Mark::ParaEnd => {}
            }
        }
        self.flush(&mut text, props);
        self.text = text;
    }

    /// A footnote call: a reference to NEW's note the first time NEW's text calls it, else
    /// its mark (in the note-reference style when it named a note of its version).
    fn call(&mut self, edit: Edit, t: &Token<'_>) {
        let marker = clean(t.text);
        let footnotes = match edit {
            Edit::Removed => &self.old.footnotes,
            _ => self.state.footnotes(),
        };
        let note = callable(footnotes, t.text, t.note);
        let id = match edit {
            Edit::Removed => None,
            _ => note.and_then(|i| self.state.call(i)),
        };
        if id.is_none() && marker.is_empty() {
            return;
        }
        let reference = RunProps {
            style: Some(id::FOOTNOTE_REFERENCE),
            ..RunProps::PLAIN
        };
        let custom = self.state.custom_marks();
        match id {
            Some(id) => self.run(reference, |w| {
                wordml::footnote_reference(w.out, id, custom);
                if custom {
                    w.chars(&marker);
                }
            }),
            None if edit == Edit::Removed && note.is_some() => {
                self.run(reference, |w| w.chars(&marker));
            }
            None => self.run(RunProps::PLAIN, |w| w.chars(&marker)),
        }
    }

    /// Writes `text` as a run of `props` and empties it.
    fn flush(&mut self, text: &mut String, props: Option<RunProps<'static>>) {
        if text.is_empty() {
            return;
        }
        let cleaned = clean(text);
        let tied = self.state.ties().apply(&cleaned);
        self.run(props.unwrap_or(RunProps::PLAIN), |w| w.chars(&tied));
        text.clear();
    }

    /// A run of plain text.
    fn plain(&mut self, text: &str) {
        let text = clean(text);
        self.run(RunProps::PLAIN, |w| w.chars(&text));
    }

    fn run(&mut self, props: RunProps<'_>, content: impl FnOnce(&mut Self)) {
        wordml::open_run(self.out, props);
        content(self);
        wordml::close_run(self.out);
    }

    /// Text inside a run: deleted text inside a tracked deletion.
    fn chars(&mut self, text: &str) {
        match self.deleting {
            true => wordml::deleted_text(self.out, text),
            false => wordml::text(self.out, text),
        }
    }

    /// What `content` writes, tracked as `edit` says.
    fn tracked(&mut self, edit: Edit, content: impl FnOnce(&mut Self)) {
        let Some(revision) = self.revision(edit) else {
            return content(self);
        };
        wordml::open_revision(self.out, &revision);
        let before = std::mem::replace(&mut self.deleting, revision.kind == Tracked::Deleted);
        content(self);
        self.deleting = before;
        wordml::close_revision(self.out, revision.kind);
    }

    /// The next tracked change for `edit`; none for what both versions have.
    fn revision(&mut self, edit: Edit) -> Option<Revision<'w>> {
        let kind = match edit {
            Edit::Kept => return None,
            Edit::Removed => Tracked::Deleted,
            Edit::Added => Tracked::Inserted,
        };
        let id = self.next_id;
        self.next_id += 1;
        Some(Revision {
            kind,
            id,
            author: self.author,
            date: self.date,
        })
    }
}

impl<S: Sink_> Sink for Redline<'_, '_, '_, S> {
    fn block<'t>(&mut self, shape: Shape<'_>, old: &[Token<'t>], new: &[Token<'t>]) {
        self.write_block(shape, old, new);
    }
}

/// The paragraph style of a part.
fn style(part: Part) -> &'static str {
    match part {
        Part::Cover(role) => cover_style(role),
        Part::Title => id::TITLE,
        Part::TitleNote => id::TITLE_NOTE,
        Part::Formula | Part::RecitalsIntro | Part::BodyIntro => id::FORMULA,
        Part::Citation => id::CITATION,
        Part::Recital => id::RECITAL,
        Part::Heading => id::HEADING,
        Part::Paragraph => id::PARAGRAPH,
        Part::WrapUp => id::WRAP_UP,
        Part::Point { level, .. } => id::POINT[level.min(id::POINT.len() - 1)],
        Part::Trailing => id::TRAILING,
    }
}
