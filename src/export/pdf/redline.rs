//! The PDF redline of a comparison: NEW's document typeset as the plain PDF is (the same plan,
//! cover, fonts, pages, running header and footer, NEW's footnotes), from blocks that follow the
//! comparison's alignment as the DOCX redline does (the walk of `plan::redline`): what only OLD
//! says set as deleted text, what only NEW says as inserted text, numbers that changed as OLD's
//! struck before NEW's. Each span carries its change, so that line breaking and justification
//! are the plain PDF's; [`marks`](super::marks) draws and tags the changes.

use super::compose::{self, Block, Change, Composition, List, Relabel, Span, SpanKind, Style};
use super::{Goal, Outcome, PdfOptions, HOLD_AT};
use crate::compare::align::Shown;
use crate::compare::tokens::{Mark, Token};
use crate::compare::words::Edit;
use crate::compare::Comparison;
use crate::export::plan::labels::Labels;
use crate::export::plan::notes::{bare, callable};
use crate::export::plan::redline::{self as walk, Parent, Part, Piece, Shape, Sink};
use crate::export::{check_depth, ExportError, Format};
use crate::model::Motion;
use std::borrow::Cow;

/// Writes the redline of `comparison` (of `old` with `new`) as a PDF: NEW's document with the
/// changes marked; the same bytes for the same versions and options.
pub fn redline(
    old: &Motion,
    new: &Motion,
    comparison: &Comparison,
    options: &PdfOptions,
) -> Result<Vec<u8>, ExportError> {
    check_depth(old, Format::Pdf)?;
    let composition = || compose(old, new, comparison);
    match super::run(new, options, HOLD_AT, Goal::File, composition)? {
        Outcome::File(bytes) => Ok(bytes),
        Outcome::Report(_) => unreachable!("a file was asked for"),
    }
}

/// The redline as blocks, in reading order, and NEW's footnotes.
fn compose<'m>(old: &'m Motion, new: &'m Motion, comparison: &Comparison) -> Composition<'m> {
    let mut c = Composer {
        new,
        labels: Labels::of(&new.lang),
        body: Vec::new(),
        cover: Vec::new(),
        group: (None, Vec::new()),
        under_heading: false,
        first_citation: true,
        first_recital: true,
    };
    walk::cover(old, new, &mut c);
    let cover = std::mem::take(&mut c.cover);
    compose::cover_blocks(cover, c.labels.cover(), &mut c.body);
    walk::preamble(old, new, comparison, &mut c);
    walk::body(old, new, comparison, &mut c);
    c.close_group();
    walk::trailing(old, new, &mut c);
    let mut body: Vec<Block<'m>> = c.body;
    let notes = compose::footnotes(new, c.labels.notes(), &mut body);
    body.retain(|b| !b.is_empty());
    Composition { body, notes }
}

/// The blocks of the redline being composed.
struct Composer<'m> {
    new: &'m Motion,
    labels: Labels<'static>,
    body: Vec<Block<'m>>,
    /// The cover's lines with their roles, laid out once all are known.
    cover: Vec<(Block<'m>, crate::export::plan::cover::Role)>,
    /// The first block and the numbers of the paragraphs not under a heading, for their
    /// outline entry.
    group: (Option<usize>, Vec<String>),
    under_heading: bool,
    first_citation: bool,
    first_recital: bool,
}

impl Sink for Composer<'_> {
    fn block<'t>(&mut self, shape: Shape<'_>, old: &[Token<'t>], new: &[Token<'t>]) {
        let (runs, last) = shape.runs(old, new);
        let pieces = walk::pieces(runs, last);
        let words = words(&pieces);
        let blocks: Vec<Block<'static>> = (pieces.iter())
            .map(|p| Block::text(self.spans(p)))
            .collect();
        let before = self.body.len();
        let outline = (shape.shown != Shown::Old).then(|| compose::shorten(&words, 90));
        match shape.part {
            Part::Cover(role) => self.cover.extend(blocks.into_iter().map(|b| (b, role))),
            Part::Title => self.styled(Style::Title, blocks, outline),
            Part::TitleNote => self.styled(Style::TitleNote, blocks, None),
            Part::Formula => self.styled(Style::Formula, blocks, None),
            Part::RecitalsIntro | Part::BodyIntro => self.styled(Style::Intro, blocks, None),
            Part::Heading => {
                self.close_group();
                self.under_heading = true;
                self.styled(Style::Heading, blocks, outline);
            }
            Part::WrapUp => self.styled(Style::WrapUp, blocks, None),
            Part::Trailing => self.body.extend(blocks),
            Part::Citation => {
                self.numbered(&shape, blocks, List::Citations, 0);
                if std::mem::take(&mut self.first_citation) {
                    self.body[before].outline = Some(self.labels.citations().into());
                }
            }
            Part::Recital => {
                self.numbered(&shape, blocks, List::Recitals, 0);
                if std::mem::take(&mut self.first_recital) {
                    self.body[before].outline = Some(self.labels.recitals().into());
                }
            }
            Part::Paragraph => {
                self.numbered(&shape, blocks, List::Paragraphs, 0);
                let num = shape
                    .num
                    .and_then(|(_, n)| n)
                    .filter(|_| !self.under_heading);
                if let (Some(num), true) = (num, shape.shown != Shown::Old) {
                    self.group.0.get_or_insert(before);
                    let value = num.trim().trim_end_matches(['.', ')']);
                    self.group.1.push(value.to_string());
                }
            }
            Part::Point { parent, level } => {
                let list = match parent {
                    Parent::Recital => List::Recitals,
                    Parent::Paragraph => List::Paragraphs,
                };
                self.numbered(&shape, blocks, list, level as u8 + 1);
            }
        }
        if shape.lead_in {
            compose::keep_last(&mut self.body, before);
        }
    }
}

impl<'m> Composer<'m> {
    /// Unnumbered blocks in the part's style, the first with the outline entry.
    fn styled(&mut self, style: Style, blocks: Vec<Block<'m>>, outline: Option<String>) {
        let before = self.body.len();
        self.body.extend(blocks.into_iter().map(|b| style.of(b)));
        if let (Some(first), Some(title)) = (self.body.get_mut(before), outline) {
            first.outline = Some(title);
        }
    }

    /// The blocks of a numbered part at `level` of `list`, under its label (the number at
    /// `level`, the text one step further), marked as the alignment shows it.
    fn numbered(&mut self, shape: &Shape<'_>, blocks: Vec<Block<'m>>, list: List, level: u8) {
        let (label, relabel) = label(shape);
        let before = self.body.len();
        let at = f32::from(level);
        compose::numbered(blocks, &label, (at, at + 1.0), &mut self.body);
        compose::listed(&mut self.body[before..], list, level);
        self.body[before].relabel = relabel.map(Box::new);
    }

    /// The outline entry of the paragraphs not under a heading so far.
    fn close_group(&mut self) {
        let (start, nums) = &mut self.group;
        compose::title_group(&self.labels, &mut self.body, start.take(), nums);
    }

    /// The spans of one paragraph of a block: its words with a space before each unless glued
    /// to what precedes it, footnote calls (a link to NEW's note for NEW's calls, the bare mark
    /// for a call only OLD has), line breaks; each marked as the diff says.
    fn spans(&self, piece: &Piece<'_, '_>) -> Vec<Span<'static>> {
        let mut out: Vec<Span<'static>> = Vec::new();
        let mut start = walk::Start::default();
        for (edit, run) in &piece.runs {
            let change = match edit {
                Edit::Kept => Change::None,
                Edit::Removed => Change::Deleted,
                Edit::Added => Change::Inserted,
            };
            for t in run.iter() {
                let space = start.space_before(*edit, t);
                let (text, bold, italic, kind) = match t.mark {
                    Mark::Word { bold, italic } => (t.text, bold, italic, SpanKind::Text),
                    Mark::Note => {
                        let note = match edit {
                            Edit::Removed => None,
                            _ => callable(&self.new.footnotes, t.text, t.note),
                        };
                        (bare(t.text), false, false, SpanKind::NoteCall { note })
                    }
                    Mark::Break => ("", false, false, SpanKind::Break),
                    Mark::ParaEnd => continue,
                };
                if space {
                    push(&mut out, " ", (bold, italic, SpanKind::Text), change);
                }
                push(&mut out, text, (bold, italic, kind), change);
            }
        }
        out
    }
}

/// Appends text to the last span when it is text of the same emphasis and change, else as a
/// span of its own.
fn push(out: &mut Vec<Span<'static>>, text: &str, how: (bool, bool, SpanKind), change: Change) {
    let (bold, italic, kind) = how;
    if let Some(last) = out.last_mut().filter(|l| {
        kind == SpanKind::Text
            && (l.kind, l.bold, l.italic, l.change) == (SpanKind::Text, bold, italic, change)
    }) {
        last.text.to_mut().push_str(text);
        return;
    }
    out.push(Span {
        text: Cow::Owned(text.to_string()),
        bold,
        italic,
        kind,
        change,
    });
}

/// The label of a numbered block and how it is marked: OLD's number deleted for a block only
/// OLD has, NEW's inserted for one only NEW has, NEW's after OLD's struck when they differ.
fn label(shape: &Shape<'_>) -> (String, Option<Relabel>) {
    let (old, new) = shape.num.unwrap_or((None, None));
    let mark = |change, old: Option<&str>| {
        Some(Relabel {
            change,
            old: old.map(str::to_string),
        })
    };
    match (shape.shown, old, new) {
        (Shown::Old, Some(o), _) => (o.to_string(), mark(Change::Deleted, None)),
        (Shown::New, _, Some(n)) => (n.to_string(), mark(Change::Inserted, None)),
        (Shown::Both, Some(o), Some(n)) if o.trim() != n.trim() => {
            (n.to_string(), mark(Change::Inserted, Some(o)))
        }
        (_, o, n) => (n.or(o).unwrap_or("").to_string(), None),
    }
}

/// The words of a block as the version it ends in says them (NEW's, or OLD's for a block only
/// OLD has), for its outline entry.
fn words(pieces: &[Piece<'_, '_>]) -> String {
    let runs = pieces.iter().flat_map(|p| p.runs.iter());
    let all_removed = runs.clone().all(|(e, _)| *e == Edit::Removed);
    let words: Vec<&str> = runs
        .filter(|(e, _)| all_removed || *e != Edit::Removed)
        .flat_map(|(_, run)| run.iter())
        .filter(|t| matches!(t.mark, Mark::Word { .. }))
        .map(|t| t.text)
        .collect();
    words.join(" ")
}
