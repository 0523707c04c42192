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
use super::wordml::{self, Revision, RunProps, Sink, Tracked};
use super::{clean, escape, DocxOptions};
use crate::compare::align::{align, Block, Shown, Step, Work};
use crate::compare::tokens::{self, Mark, Token};
use crate::compare::words::{diff, Edit};
use crate::compare::{Aligned, Comparison};
use crate::export::plan::cover::{self, Text};
use crate::export::plan::notes::callable;
use crate::export::plan::CITATION_DASH;
use crate::export::{check_depth, ExportError, Format};
use crate::model::{BodyItem, Date, Motion, Para, Paragraph, Point, Recital};

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

/// One paragraph of a block as the diff splits it: how it starts (after a paragraph break
/// both versions, only OLD or only NEW have), its runs, and how its mark is tracked.
struct Piece<'m> {
    /// The edit of the paragraph break before it; none for a block's first paragraph.
    after: Option<Edit>,
    runs: Vec<(Edit, Vec<Token<'m>>)>,
    mark: Edit,
}

/// The runs of a block cut at its paragraph breaks; the last paragraph's mark is `last`.
fn pieces<'m>(runs: Vec<(Edit, Vec<Token<'m>>)>, last: Edit) -> Vec<Piece<'m>> {
    let mut out = Vec::new();
    let mut piece = Piece {
        after: None,
        runs: Vec::new(),
        mark: last,
    };
    for (edit, run) in runs {
        let mut part = Vec::new();
        for t in run {
            if t.mark != Mark::ParaEnd {
                part.push(t);
                continue;
            }
            if !part.is_empty() {
                piece.runs.push((edit, std::mem::take(&mut part)));
            }
            piece.mark = edit;
            let next = Piece {
                after: Some(edit),
                runs: Vec::new(),
                mark: last,
            };
            out.push(std::mem::replace(&mut piece, next));
        }
        if !part.is_empty() {
            piece.runs.push((edit, part));
        }
    }
    out.push(piece);
    out
}

/// Whether each version's text of a paragraph has started: a word only OLD has is not
/// followed by a space in NEW.
#[derive(Debug, Clone, Copy)]
struct Start {
    old: bool,
    new: bool,
}

impl Default for Start {
    fn default() -> Self {
        Start {
            old: true,
            new: true,
        }
    }
}

impl Start {
    /// Whether a token of `edit` starts the text of its version(s).
    fn at(self, edit: Edit) -> bool {
        match edit {
            Edit::Removed => self.old,
            Edit::Added => self.new,
            Edit::Kept => self.old && self.new,
        }
    }

    /// A token of `edit` was written.
    fn pass(&mut self, edit: Edit) {
        if edit != Edit::Added {
            self.old = false;
        }
        if edit != Edit::Removed {
            self.new = false;
        }
    }
}

/// A redline being written: NEW's document state, and OLD for what NEW no longer has.
struct Redline<'w, 's, 'm, S: Sink> {
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
}

impl<'w, 'm, S: Sink> Redline<'w, '_, 'm, S> {
    /// The main text, in the plain document's order; whether it opened with a cover page.
    fn document(&mut self, comparison: &Comparison) -> bool {
        let has_cover = self.cover();
        // The text starts on a new page after the cover.
        self.state.break_page(has_cover);
        self.preamble(comparison);
        self.body(&comparison.alignment.body);
        body::uncalled_notes(self.state, self.out);
        let (old, new) = (self.old, self.new);
        self.paras(id::TRAILING, Shown::Both, &old.trailing, &new.trailing);
        self.state.break_page(false);
        if !self.written {
            self.state.open(self.out, id::TRAILING, None);
            wordml::close_paragraph(self.out);
        }
        has_cover
    }

    /// The cover lines of both versions, aligned as blocks of their role.
    fn cover(&mut self) -> bool {
        let (a, b) = (cover::lines(self.old), cover::lines(self.new));
        let (ta, tb) = (line_tokens(&a), line_tokens(&b));
        let blocks = |lines: &[cover::Line<'_>], words: &[Vec<Token<'_>>]| -> Vec<Block> {
            (lines.iter().zip(words))
                .map(|(l, t)| Block {
                    kind: l.role as u8,
                    key: tokens::key(t),
                    bag: tokens::bag(t),
                })
                .collect()
        };
        let steps = align(&blocks(&a, &ta), &blocks(&b, &tb), &Work::default());
        for step in steps {
            let (o, n) = step.indices();
            let role = n.map(|n| b[n].role).or(o.map(|o| a[o].role));
            let Some(role) = role else { continue };
            let none = Vec::new();
            let old = o.map_or(&none, |o| &ta[o]);
            let new = n.map_or(&none, |n| &tb[n]);
            self.block(cover_style(role), step.shown(), None, old, new, false);
        }
        !a.is_empty() || !b.is_empty()
    }

    /// The title, its notes, the formula, citations, recitals and the words that open the
    /// operative part.
    fn preamble(&mut self, comparison: &Comparison) {
        let (old, new) = (self.old, self.new);
        let single = |p: &'m Option<Para>| p.as_slice();
        self.paras(
            id::TITLE,
            Shown::Both,
            single(&old.title),
            single(&new.title),
        );
        self.paras(
            id::TITLE_NOTE,
            Shown::Both,
            &old.title_notes,
            &new.title_notes,
        );
        self.paras(
            id::FORMULA,
            Shown::Both,
            single(&old.formula),
            single(&new.formula),
        );
        for a in &comparison.alignment.citations {
            let (o, n) = a.step.indices();
            let content = |m: &'m Motion, i: Option<usize>| {
                i.map_or(&[][..], |i| &m.citations[i].content[..])
            };
            let dash = Some(CITATION_DASH);
            self.numbered(
                id::CITATION,
                a.step.shown(),
                (o.and(dash), n.and(dash)),
                (content(old, o), content(new, n)),
                false,
            );
        }
        self.paras(
            id::FORMULA,
            Shown::Both,
            single(&old.recitals_intro),
            single(&new.recitals_intro),
        );
        for a in &comparison.alignment.recitals {
            let (o, n) = a.step.indices();
            let (ro, rn) = (o.map(|i| &old.recitals[i]), n.map(|i| &new.recitals[i]));
            let shown = a.step.shown();
            let num = |r: Option<&'m Recital>| r.map(|r| r.num.text.as_str());
            let content = |r: Option<&'m Recital>| r.map_or(&[][..], |r| &r.content[..]);
            let points = |r: Option<&'m Recital>| r.map_or(&[][..], |r| &r.points[..]);
            let lead_in = shown_has(shown, points(ro), points(rn));
            self.numbered(
                id::RECITAL,
                shown,
                (num(ro), num(rn)),
                (content(ro), content(rn)),
                lead_in,
            );
            self.points(shown, (points(ro), points(rn)), &a.points, 0);
        }
        self.paras(
            id::FORMULA,
            Shown::Both,
            single(&old.body_intro),
            single(&new.body_intro),
        );
    }

    /// The operative part: headings and paragraphs with their points and wrap-up.
    fn body(&mut self, steps: &[Aligned]) {
        let (old, new) = (self.old, self.new);
        for a in steps {
            let (o, n) = a.step.indices();
            let shown = a.step.shown();
            let (bo, bn) = (o.map(|i| &old.body[i]), n.map(|i| &new.body[i]));
            match bn.or(bo) {
                Some(BodyItem::Heading(_)) => {
                    let heading = |b: Option<&'m BodyItem>| match b {
                        Some(BodyItem::Heading(h)) => std::slice::from_ref(&h.text),
                        _ => &[][..],
                    };
                    self.paras(id::HEADING, shown, heading(bo), heading(bn));
                }
                Some(BodyItem::Paragraph(_)) => {
                    let paragraph = |b: Option<&'m BodyItem>| match b {
                        Some(BodyItem::Paragraph(p)) => Some(p),
                        _ => None,
                    };
                    let (po, pn) = (paragraph(bo), paragraph(bn));
                    let num = |p: Option<&'m Paragraph>| p.map(|p| p.num.text.as_str());
                    let content = |p: Option<&'m Paragraph>| p.map_or(&[][..], |p| &p.content[..]);
                    let points = |p: Option<&'m Paragraph>| p.map_or(&[][..], |p| &p.points[..]);
                    let wrap_up = |p: Option<&'m Paragraph>| p.map_or(&[][..], |p| &p.wrap_up[..]);
                    let lead_in = shown_has(shown, points(po), points(pn));
                    self.numbered(
                        id::PARAGRAPH,
                        shown,
                        (num(po), num(pn)),
                        (content(po), content(pn)),
                        lead_in,
                    );
                    self.points(shown, (points(po), points(pn)), &a.points, 0);
                    self.paras(id::WRAP_UP, shown, wrap_up(po), wrap_up(pn));
                }
                None => {}
            }
        }
    }

    /// The points of a block: those of a pair along their alignment, those of a block gone or
    /// new all struck or all inserted.
    fn points(
        &mut self,
        shown: Shown,
        (old, new): (&'m [Point], &'m [Point]),
        aligned: &[Aligned],
        level: usize,
    ) {
        let steps: Vec<Step> = match shown {
            Shown::Old => (0..old.len()).map(Step::Deleted).collect(),
            Shown::New => (0..new.len()).map(Step::Inserted).collect(),
            Shown::Both => aligned.iter().map(|a| a.step).collect(),
        };
        let style = id::POINT[level.min(id::POINT.len() - 1)];
        for (k, step) in steps.into_iter().enumerate() {
            let (o, n) = step.indices();
            // A point of a block shown whole is shown whole too.
            let inner = match shown {
                Shown::Both => step.shown(),
                whole => whole,
            };
            let (po, pn) = (o.map(|i| &old[i]), n.map(|i| &new[i]));
            let num = |p: Option<&'m Point>| p.map(|p| p.num.text.as_str());
            let content = |p: Option<&'m Point>| p.map_or(&[][..], |p| &p.content[..]);
            let sub = |p: Option<&'m Point>| p.map_or(&[][..], |p| &p.points[..]);
            let lead_in = shown_has(inner, sub(po), sub(pn));
            self.numbered(
                style,
                inner,
                (num(po), num(pn)),
                (content(po), content(pn)),
                lead_in,
            );
            let children = match shown {
                Shown::Both => aligned.get(k).map_or(&[][..], |a| &a.points[..]),
                _ => &[][..],
            };
            self.points(inner, (sub(po), sub(pn)), children, level + 1);
        }
    }

    /// Unnumbered paragraphs (a title, a heading, a formula): nothing when neither version has
    /// any; all OLD's or all NEW's when only one has.
    fn paras(&mut self, style: &str, shown: Shown, old: &'m [Para], new: &'m [Para]) {
        let shown = match (shown, old.is_empty(), new.is_empty()) {
            (_, true, true) => return,
            (Shown::Both, false, true) => Shown::Old,
            (Shown::Both, true, false) => Shown::New,
            (shown, _, _) => shown,
        };
        let (a, b) = both_tokens(shown, old, new);
        self.block(style, shown, None, &a, &b, false);
    }

    /// A numbered block's own text: its number (OLD's struck and NEW's inserted when they
    /// differ), a tab, then its paragraphs.
    fn numbered(
        &mut self,
        style: &str,
        shown: Shown,
        num: (Option<&str>, Option<&str>),
        (old, new): (&'m [Para], &'m [Para]),
        lead_in: bool,
    ) {
        let (a, b) = both_tokens(shown, old, new);
        self.block(style, shown, Some(num), &a, &b, lead_in);
    }

    /// A block's paragraphs from the word diff of its tokens. A paragraph break only OLD has
    /// is a deleted paragraph mark (and a space inserted where the text now runs on), one
    /// only NEW has an inserted mark (and a space deleted); the last paragraph of a lead-in
    /// stays with its first point.
    fn block<'t>(
        &mut self,
        style: &str,
        shown: Shown,
        num: Option<(Option<&str>, Option<&str>)>,
        old: &[Token<'t>],
        new: &[Token<'t>],
        lead_in: bool,
    ) {
        let (runs, last) = match shown {
            Shown::Old => (vec![(Edit::Removed, old.to_vec())], Edit::Removed),
            Shown::New => (vec![(Edit::Added, new.to_vec())], Edit::Added),
            Shown::Both => (diff(old, new), Edit::Kept),
        };
        let pieces = pieces(runs, last);
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
            let mut start = Start::default();
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
    fn tokens(&mut self, edit: Edit, run: &[Token<'_>], start: &mut Start) {
        let mut text = String::new();
        let mut props: Option<RunProps<'static>> = None;
        for t in run {
            let space = !t.glued && !start.at(edit);
            start.pass(edit);
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
        let tied = self.state.ties().apply(&cleaned).into_owned();
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

/// The tokens of each cover line.
fn line_tokens<'a>(lines: &'a [cover::Line<'_>]) -> Vec<Vec<Token<'a>>> {
    (lines.iter())
        .map(|l| {
            let mut out = Vec::new();
            match &l.text {
                Text::Para(p) => tokens::of_para(p, &mut out),
                Text::Plain(t) => tokens::of_text(t, &mut out),
            }
            out
        })
        .collect()
}

/// Whether the version(s) a step shows have any of these points.
fn shown_has(shown: Shown, old: &[Point], new: &[Point]) -> bool {
    match shown {
        Shown::Old => !old.is_empty(),
        Shown::New | Shown::Both => !new.is_empty(),
    }
}

/// The tokens of OLD's and NEW's paragraphs, each only when shown.
fn both_tokens<'m>(
    shown: Shown,
    old: &'m [Para],
    new: &'m [Para],
) -> (Vec<Token<'m>>, Vec<Token<'m>>) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    if shown != Shown::New {
        tokens::of_paras(old, &mut a);
    }
    if shown != Shown::Old {
        tokens::of_paras(new, &mut b);
    }
    (a, b)
}
