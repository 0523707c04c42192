//! What the PDF prints, in reading order: the motion turned into blocks of styled text with
//! their indentation, numbers, spacing, keep-with-next flags and outline titles, laid out the way
//! the Parliament lays out its motions (cover, then the resolution with hanging numbers).

use crate::export::plan;
use crate::export::plan::cover::{self, Role};
use crate::export::plan::labels::Labels;
use crate::export::plan::notes::{bare, Notes};
use crate::model::{BodyItem, Inline, Motion, Para, Point};
use compact_str::CompactString;
use std::borrow::Cow;

/// Type size of a block, relative to the body size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Size {
    Body,
    Small,
    Large,
    Huge,
    /// The running header and the footer.
    Furniture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Justify,
    Left,
    Right,
}

/// Vertical space before a block (dropped at the top of a page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gap {
    None,
    Small,
    Normal,
    Large,
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Span<'a> {
    /// Borrowed from the motion where it can be: a paragraph can hold a hundred thousand spans.
    pub(super) text: Cow<'a, str>,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) kind: SpanKind,
    /// What a redline marks it as; [`Change::None`] in the plain PDF.
    pub(super) change: Change,
}

/// A redline's mark on text: what only NEW says, what only OLD says, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Change {
    #[default]
    None = 0,
    Inserted = 1,
    Deleted = 2,
}

/// How a redline marks a block's label: all of it inserted or deleted, or OLD's number struck
/// before NEW's inserted one.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Relabel {
    pub(super) change: Change,
    /// OLD's number, when it differs from NEW's (the label's text).
    pub(super) old: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SpanKind {
    Text,
    /// A footnote call, printed raised and small; `note` is the footnote it links to.
    NoteCall {
        note: Option<usize>,
    },
    /// A forced line break.
    Break,
}

/// The spans of a block: built for the cover and headings, read from the motion's paragraph
/// one at a time otherwise (a paragraph can hold a hundred thousand of them).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Spans<'a> {
    Built(Vec<Span<'a>>),
    Para(&'a Para),
}

impl Spans<'_> {
    pub(super) fn len(&self) -> usize {
        match self {
            Spans::Built(v) => v.len(),
            Spans::Para(p) => p.inlines.len(),
        }
    }

    /// Span `i`, if there is one (its text borrowed).
    pub(super) fn get(&self, i: usize) -> Option<Span<'_>> {
        match self {
            Spans::Built(v) => v.get(i).map(|s| Span {
                text: Cow::Borrowed(&s.text),
                ..*s
            }),
            Spans::Para(p) => p.inlines.get(i).map(span),
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = Span<'_>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Content<'a> {
    Text(Spans<'a>),
    /// A horizontal rule across the text width.
    Rule,
    /// Start a new page.
    PageBreak,
}

/// A number printed in the hanging indent before the first line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    /// Stored inline when short, as numbers are: a motion can have tens of thousands.
    pub(super) text: CompactString,
    /// Where the label starts, in indent steps from the left margin.
    pub(super) at: f32,
    /// Printed small and raised, as a footnote's number.
    pub(super) raised: bool,
}

/// A standard structure type of the tagged PDF (ISO 32000-1, 14.8.4): the type of a block, and
/// of the lists around the numbered ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    P,
    H1,
    H2,
    Note,
    L,
    LI,
    Lbl,
    LBody,
    /// A footnote call: a reference to its `Note`.
    Reference,
    /// The marked content of a link annotation, and the annotation itself.
    Link,
    /// A redline's insertion and deletion: not standard types, role-mapped to `Span`.
    Ins,
    Del,
}

impl Tag {
    pub(super) fn name(self) -> &'static str {
        match self {
            Tag::P => "P",
            Tag::H1 => "H1",
            Tag::H2 => "H2",
            Tag::Note => "Note",
            Tag::L => "L",
            Tag::LI => "LI",
            Tag::Lbl => "Lbl",
            Tag::LBody => "LBody",
            Tag::Reference => "Reference",
            Tag::Link => "Link",
            Tag::Ins => "Ins",
            Tag::Del => "Del",
        }
    }
}

/// The numbered parts printed as lists: citations, recitals, operative paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    Citations,
    Recitals,
    Paragraphs,
}

/// Where a block stands in a list: `level` 0 for the list's items, 1 for their points and so on;
/// `starts` for the block that starts an item (and prints its label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Item {
    pub(super) list: List,
    pub(super) level: u8,
    pub(super) starts: bool,
}

/// A paragraph of the printed document.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Block<'a> {
    pub(super) content: Content<'a>,
    pub(super) size: Size,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) align: Align,
    /// Where the text starts, in indent steps from the left margin.
    pub(super) text_at: f32,
    pub(super) label: Option<Label>,
    pub(super) gap: Gap,
    /// Never end a page right after this block (headings, introductions to lists).
    pub(super) keep_with_next: bool,
    /// The outline (bookmark) entry that starts here.
    pub(super) outline: Option<String>,
    /// This block starts footnote number `n`: the target of the calls' links.
    pub(super) note: Option<u32>,
    /// Its structure type in the tagged PDF.
    pub(super) tag: Tag,
    /// Its place in a list, when it is part of a numbered item.
    pub(super) item: Option<Item>,
    /// How a redline marks its label; `None` in the plain PDF.
    pub(super) relabel: Option<Box<Relabel>>,
}

impl<'a> Block<'a> {
    fn new(content: Content<'a>) -> Block<'a> {
        Block {
            content,
            size: Size::Body,
            bold: false,
            italic: false,
            align: Align::Justify,
            text_at: 0.0,
            label: None,
            gap: Gap::Normal,
            keep_with_next: false,
            outline: None,
            note: None,
            tag: Tag::P,
            item: None,
            relabel: None,
        }
    }

    pub(super) fn text(spans: Vec<Span<'a>>) -> Block<'a> {
        Block::new(Content::Text(Spans::Built(spans)))
    }

    fn para(p: &'a Para) -> Block<'a> {
        Block::new(Content::Text(Spans::Para(p)))
    }

    pub(super) fn plain(text: impl Into<Cow<'a, str>>) -> Block<'a> {
        Block::text(vec![Span {
            text: text.into(),
            bold: false,
            italic: false,
            kind: SpanKind::Text,
            change: Change::None,
        }])
    }

    fn size(mut self, size: Size) -> Block<'a> {
        self.size = size;
        self
    }
    fn bold(mut self) -> Block<'a> {
        self.bold = true;
        self
    }
    fn italic(mut self) -> Block<'a> {
        self.italic = true;
        self
    }
    fn align(mut self, align: Align) -> Block<'a> {
        self.align = align;
        self
    }
    fn at(mut self, text_at: f32) -> Block<'a> {
        self.text_at = text_at;
        self
    }
    fn label(mut self, text: &str, at: f32) -> Block<'a> {
        self.label = Some(Label {
            text: text.trim().into(),
            at,
            raised: false,
        });
        self
    }
    fn gap(mut self, gap: Gap) -> Block<'a> {
        self.gap = gap;
        self
    }
    fn keep(mut self) -> Block<'a> {
        self.keep_with_next = true;
        self
    }
    fn tag(mut self, tag: Tag) -> Block<'a> {
        self.tag = tag;
        self
    }
    fn outline(mut self, title: impl Into<String>) -> Block<'a> {
        self.outline = Some(title.into());
        self
    }

    pub(super) fn is_empty(&self) -> bool {
        match &self.content {
            Content::Text(spans) => {
                self.label.is_none()
                    && spans.iter().all(|s| match s.kind {
                        SpanKind::Text => s.text.trim().is_empty(),
                        SpanKind::NoteCall { .. } => s.text.trim().is_empty(),
                        SpanKind::Break => true,
                    })
            }
            Content::Rule | Content::PageBreak => false,
        }
    }
}

/// The motion as blocks: the main flow, and the footnotes to set at the foot of the page where
/// they are first called (`notes[i]` is empty for a footnote printed as an endnote instead).
#[derive(Debug, Default)]
pub(super) struct Composition<'a> {
    pub(super) body: Vec<Block<'a>>,
    pub(super) notes: Vec<Vec<Block<'a>>>,
}

/// Lays the motion out as blocks, in reading order.
pub(super) fn compose(motion: &Motion) -> Composition<'_> {
    let mut body = Vec::new();
    let labels = Labels::of(&motion.lang);
    cover(motion, labels.cover(), &mut body);
    preamble(motion, &labels, &mut body);
    main_body(motion, &labels, &mut body);
    for p in &motion.trailing {
        body.push(Block::para(p));
    }
    let notes = footnotes(motion, labels.notes(), &mut body);
    body.retain(|b| !b.is_empty());
    // Held until the pages are drawn: without the spare room.
    body.shrink_to_fit();
    Composition { body, notes }
}

/// An inline run as a span.
fn span(inline: &Inline) -> Span<'_> {
    match inline {
        Inline::Text { text, bold, italic } => Span {
            text: Cow::Borrowed(text),
            bold: *bold,
            italic: *italic,
            kind: SpanKind::Text,
            change: Change::None,
        },
        Inline::NoteRef { marker, note } => Span {
            text: Cow::Borrowed(bare(marker)),
            bold: false,
            italic: false,
            kind: SpanKind::NoteCall { note: *note },
            change: Change::None,
        },
        Inline::LineBreak => Span {
            text: Cow::Borrowed(""),
            bold: false,
            italic: false,
            kind: SpanKind::Break,
            change: Change::None,
        },
    }
}

/// The cover as the plan orders it: the masthead and the plenary-sitting line where the source
/// has them, number and date, a rule, the kind, request and Rule lines,
/// the replaced motions after their label, title and procedure, authors with their group line,
/// unplaced text, a rule and the PE number when there is one; then a new page.
fn cover<'a>(m: &'a Motion, outline: &str, out: &mut Vec<Block<'a>>) {
    let lines = plan::cover::lines(m).into_iter().map(|line| {
        let block = match line.text {
            cover::Text::Para(p) => Block::para(p),
            cover::Text::Plain(t) => Block::plain(t),
        };
        (block, line.role)
    });
    cover_blocks(lines, outline, out);
}

/// The cover from the text of each of its lines and their roles, in the plan's order (see
/// [`cover`]); nothing when it has no line.
pub(super) fn cover_blocks<'a>(
    lines: impl IntoIterator<Item = (Block<'a>, Role)>,
    outline: &str,
    out: &mut Vec<Block<'a>>,
) {
    let start = out.len();
    let mut head = true;
    let mut previous = None;
    for (block, role) in lines {
        // A rule under the number and date, and one above the PE number.
        let heading = matches!(
            role,
            Role::Masthead | Role::Term | Role::Sitting | Role::Other | Role::Number | Role::Date
        );
        if head && !heading {
            head = false;
            out.push(Block::new(Content::Rule).gap(Gap::Small));
        }
        if role == Role::PeNumber {
            out.push(Block::new(Content::Rule).gap(Gap::Large));
        }
        out.push(cover_block(block, role, previous));
        previous = Some(role);
    }
    if out.len() == start {
        return;
    }
    out[start].outline = Some(outline.into());
    out.push(Block::new(Content::PageBreak));
}

/// The block of one cover line: the kind large and bold, the number bold, every line flush
/// left; a line that continues the one before it (the date, a further replaced motion, the
/// procedure, the group line) follows without a gap, and the groups of authors follow each
/// other closer than the parts of the cover.
fn cover_block(block: Block<'_>, role: Role, previous: Option<Role>) -> Block<'_> {
    let block = block.align(Align::Left);
    let follows = matches!(
        (previous, role),
        (Some(Role::Number), Role::Date)
            | (Some(Role::Masthead), Role::Term)
            | (Some(Role::Replaced | Role::ReplacingLabel), Role::Replaced)
            | (Some(Role::Title), Role::Procedure)
            | (Some(Role::Authors), Role::Group)
    );
    let block = match role {
        Role::Masthead => block.size(Size::Large).bold(),
        Role::Sitting => block.bold(),
        Role::Number => block.size(Size::Large).bold(),
        Role::Kind => block.size(Size::Huge).bold().gap(Gap::Large),
        Role::PeNumber => block.size(Size::Small).gap(Gap::Small),
        Role::Authors if previous == Some(Role::Group) => block.gap(Gap::Normal).keep(),
        Role::ReplacingLabel | Role::Title | Role::Authors => block.gap(Gap::Large).keep(),
        _ => block,
    };
    if follows {
        block.gap(Gap::None)
    } else {
        block
    }
}

/// Title, title notes, formula, citations, recitals.
fn preamble<'a>(m: &'a Motion, labels: &Labels<'_>, out: &mut Vec<Block<'a>>) {
    if let Some(title) = &m.title {
        let outline = shorten(&title.plain_text(), 90);
        out.push(Style::Title.of(Block::para(title)).outline(outline));
    }
    for p in &m.title_notes {
        out.push(Style::TitleNote.of(Block::para(p)));
    }
    if let Some(f) = &m.formula {
        out.push(Style::Formula.of(Block::para(f)));
    }
    for (i, cit) in m.citations.iter().enumerate() {
        let before = out.len();
        multi(&cit.content, plan::CITATION_DASH, 0.0, 1.0, out);
        listed(&mut out[before..], List::Citations, 0);
        if i == 0 {
            mark_first_outline(out, cit.content.len(), labels.citations());
        }
    }
    if let Some(p) = &m.recitals_intro {
        out.push(Style::Intro.of(Block::para(p)));
    }
    for (i, rec) in m.recitals.iter().enumerate() {
        let before = out.len();
        multi(&rec.content, &rec.num.text, 0.0, 1.0, out);
        listed(&mut out[before..], List::Recitals, 0);
        if !rec.points.is_empty() {
            keep_last(out, before);
        }
        points(&rec.points, List::Recitals, 1, out);
        if i == 0 {
            if let Some(b) = out.get_mut(before) {
                b.outline = Some(labels.recitals().into());
            }
        }
    }
}

/// Body introduction, headings and numbered paragraphs with their points.
fn main_body<'a>(m: &'a Motion, labels: &Labels<'_>, out: &mut Vec<Block<'a>>) {
    if let Some(p) = &m.body_intro {
        out.push(Style::Intro.of(Block::para(p)));
    }
    let mut group_start: Option<usize> = None;
    let mut group_nums: Vec<String> = Vec::new();
    let close_group = |out: &mut Vec<Block<'a>>, start: Option<usize>, nums: &mut Vec<String>| {
        title_group(labels, out, start, nums);
    };
    let mut under_heading = false;
    for item in &m.body {
        match item {
            BodyItem::Heading(h) => {
                close_group(out, group_start.take(), &mut group_nums);
                under_heading = true;
                let title = shorten(&h.text.plain_text(), 90);
                out.push(Style::Heading.of(Block::para(&h.text)).outline(title));
            }
            BodyItem::Paragraph(p) => {
                let before = out.len();
                multi(&p.content, &p.num.text, 0.0, 1.0, out);
                listed(&mut out[before..], List::Paragraphs, 0);
                if !p.points.is_empty() {
                    keep_last(out, before);
                }
                points(&p.points, List::Paragraphs, 1, out);
                for w in &p.wrap_up {
                    out.push(Style::WrapUp.of(Block::para(w)));
                }
                if !under_heading {
                    group_start.get_or_insert(before);
                    group_nums.push(p.num.value.to_string());
                }
            }
        }
    }
    close_group(out, group_start, &mut group_nums);
}

/// The outline title of a group of paragraphs not under a heading (`Paragraphs 1-4`), given
/// to the first of them, `out[start]`; `nums` emptied.
pub(super) fn title_group(
    labels: &Labels<'_>,
    out: &mut [Block<'_>],
    start: Option<usize>,
    nums: &mut Vec<String>,
) {
    if let (Some(s), Some(first)) = (start, nums.first()) {
        let last = nums.last().filter(|_| nums.len() > 1);
        let title = labels.paragraphs(first, last.map(String::as_str));
        if let Some(b) = out.get_mut(s) {
            b.outline.get_or_insert(title);
        }
    }
    nums.clear();
}

/// The style of a part of the motion that is not numbered, which the redline shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Title,
    TitleNote,
    Formula,
    /// The words before the recitals, and those that open the operative part.
    Intro,
    Heading,
    /// The words after a paragraph's points.
    WrapUp,
}

impl Style {
    pub(super) fn of(self, b: Block<'_>) -> Block<'_> {
        match self {
            Style::Title => (b.size(Size::Large).bold().align(Align::Left))
                .gap(Gap::None)
                .keep()
                .tag(Tag::H1),
            Style::TitleNote => b.align(Align::Left).gap(Gap::Small),
            Style::Formula => b.italic().align(Align::Left).gap(Gap::Large).keep(),
            Style::Intro => b.gap(Gap::Large).keep(),
            Style::Heading => (b.bold().align(Align::Left).gap(Gap::Large))
                .keep()
                .tag(Tag::H2),
            Style::WrapUp => Block {
                item: Some(Item {
                    list: List::Paragraphs,
                    level: 0,
                    starts: false,
                }),
                ..b.at(1.0).gap(Gap::Small)
            },
        }
    }
}

/// Points at `level` of `list`: the number at `level`, the text one step further, sub-points
/// deeper.
fn points<'a>(items: &'a [Point], list: List, level: u8, out: &mut Vec<Block<'a>>) {
    let at = f32::from(level);
    for pt in items {
        let before = out.len();
        multi(&pt.content, &pt.num.text, at, at + 1.0, out);
        listed(&mut out[before..], list, level);
        if !pt.points.is_empty() {
            keep_last(out, before);
        }
        points(&pt.points, list, level + 1, out);
    }
}

/// Marks the blocks of one numbered item as items of `list` at `level`, the first starting it.
pub(super) fn listed(blocks: &mut [Block<'_>], list: List, level: u8) {
    for (i, b) in blocks.iter_mut().enumerate() {
        b.item = Some(Item {
            list,
            level,
            starts: i == 0,
        });
    }
}

/// Paragraphs of one numbered part: the number on the first, the same indent for all.
fn multi<'a>(
    paras: &'a [Para],
    label: &str,
    label_at: f32,
    text_at: f32,
    out: &mut Vec<Block<'a>>,
) {
    numbered(
        paras.iter().map(Block::para),
        label,
        (label_at, text_at),
        out,
    );
}

/// The blocks of one numbered part: the number on the first (on an empty block when there is
/// none), the same indent for all.
pub(super) fn numbered<'a>(
    blocks: impl IntoIterator<Item = Block<'a>>,
    label: &str,
    (label_at, text_at): (f32, f32),
    out: &mut Vec<Block<'a>>,
) {
    let before = out.len();
    for (i, block) in blocks.into_iter().enumerate() {
        let block = block.at(text_at);
        out.push(if i == 0 {
            block.label(label, label_at)
        } else {
            block.gap(Gap::Small)
        });
    }
    if out.len() == before {
        out.push(Block::text(Vec::new()).at(text_at).label(label, label_at));
    }
}

/// Keeps the last block pushed since `before` with what follows (an introduction to points).
pub(super) fn keep_last(out: &mut [Block<'_>], before: usize) {
    if out.len() > before {
        if let Some(b) = out.last_mut() {
            b.keep_with_next = true;
        }
    }
}

fn mark_first_outline(out: &mut [Block<'_>], pushed: usize, title: &str) {
    let start = out.len().saturating_sub(pushed.max(1));
    if let Some(b) = out.get_mut(start) {
        b.outline.get_or_insert_with(|| title.to_string());
    }
}

/// Footnotes called from the main flow go to the foot of their page; the others (never
/// called, or called only from another note) are printed after everything else.
pub(super) fn footnotes<'a>(
    m: &'a Motion,
    title: &str,
    body: &mut Vec<Block<'a>>,
) -> Vec<Vec<Block<'a>>> {
    let called = Notes::of(m).called;
    let note_blocks = |i: usize| {
        let note = &m.footnotes[i];
        let mut blocks = Vec::new();
        multi(&note.content, bare(&note.marker), 0.0, 0.8, &mut blocks);
        for b in &mut blocks {
            b.size = Size::Small;
            // Ragged right, as the Parliament sets its notes: a short note line is never
            // stretched.
            b.align = Align::Left;
            if let Some(label) = &mut b.label {
                label.raised = true;
            }
            b.tag = Tag::Note;
            b.gap = if b.label.is_some() {
                Gap::None
            } else {
                Gap::Small
            };
        }
        if let Some(first) = blocks.first_mut() {
            first.note = u32::try_from(i).ok();
        }
        blocks
    };
    let mut endnotes = Vec::new();
    let notes = (0..m.footnotes.len())
        .map(|i| {
            if called[i] {
                note_blocks(i)
            } else {
                endnotes.extend(note_blocks(i));
                Vec::new()
            }
        })
        .collect();
    if !endnotes.is_empty() {
        body.push(Block::new(Content::Rule).gap(Gap::Large).outline(title));
        body.extend(endnotes);
    }
    notes
}

/// The first `max` characters of a title, cut at a word, with an ellipsis when cut.
pub(super) fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Footnote, Num, Paragraph};

    fn para(text: &str) -> Para {
        Para::plain(text, Default::default())
    }

    #[test]
    fn empty_motion_has_no_blocks() {
        let m = Motion::default();
        let c = compose(&m);
        assert!(c.body.is_empty());
        assert!(c.notes.is_empty());
    }

    #[test]
    fn uncalled_footnotes_become_endnotes() {
        let m = Motion {
            body: vec![BodyItem::Paragraph(Paragraph {
                num: Num {
                    text: "1.".into(),
                    value: "1".into(),
                },
                content: vec![para("Calls on everyone.")],
                points: vec![],
                wrap_up: vec![],
                span: Default::default(),
            })],
            footnotes: vec![Footnote {
                marker: "1".into(),
                content: vec![para("Never called.")],
                span: Default::default(),
            }],
            ..Motion::default()
        };
        let c = compose(&m);
        assert!(c.notes[0].is_empty());
        assert_eq!(c.body.last().unwrap().note, Some(0));
        assert_eq!(c.body[0].outline.as_deref(), Some("Paragraph 1"));
        assert_eq!(c.body[0].label.as_ref().unwrap().text, "1.");
    }

    #[test]
    fn shortens_at_a_word() {
        assert_eq!(shorten("a b c", 10), "a b c");
        assert_eq!(shorten("alpha beta gamma", 12), "alpha beta…");
    }
}
