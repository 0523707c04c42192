//! The walk the paged redlines (DOCX and PDF) take over a comparison: NEW's document in the
//! plain export's order (cover lines, title, title notes, formula, citations, recitals, the
//! operative part, the trailing text), each block handed to a [`Sink`] with both versions'
//! tokens, its printed numbers and how the alignment shows it; each format decides only how to
//! write a block. Also what the formats share in writing one: a block's word diff cut at its
//! paragraph breaks ([`pieces`]), where a space goes between its tokens ([`Start`]), and a
//! block's tokens as the comparison made them ([`group`]), which the HTML redline takes too.

use crate::compare::align::{align, Block, Shown, Step, Work};
use crate::compare::tokens::{self, Mark, Token};
use crate::compare::words::{diff, Edit};
use crate::compare::{Aligned, BlockTokens, Comparison};
use crate::export::plan::cover::{self, Role, Text};
use crate::model::{BodyItem, Motion, Para, Paragraph, Point, Recital};

/// What part of the motion a block is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Cover(Role),
    Title,
    TitleNote,
    Formula,
    /// The words before the recitals.
    RecitalsIntro,
    /// The words that open the operative part.
    BodyIntro,
    Citation,
    Recital,
    Heading,
    Paragraph,
    /// The words after a paragraph's points.
    WrapUp,
    /// A point, `level` 0 for a recital's or paragraph's own, under `parent`.
    Point {
        parent: Parent,
        level: usize,
    },
    Trailing,
}

/// The numbered part a point belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parent {
    Recital,
    Paragraph,
}

/// One block of the redline as the walk hands it over.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape<'a> {
    pub(crate) part: Part,
    /// Whose text it shows: OLD's alone (all deleted), NEW's alone (all inserted), or both
    /// diffed.
    pub(crate) shown: Shown,
    /// OLD's and NEW's printed numbers, for a numbered block.
    pub(crate) num: Option<(Option<&'a str>, Option<&'a str>)>,
    /// It introduces points: its last paragraph stays with the first of them.
    pub(crate) lead_in: bool,
}

/// Runs of a block's tokens, each kept, removed or added, each a slice of OLD's or NEW's tokens.
pub(crate) type Runs<'a, 't> = Vec<(Edit, &'a [Token<'t>])>;

impl Shape<'_> {
    /// The block's runs of tokens, each kept, removed or added, and how its last paragraph's
    /// end is: OLD's alone all removed, NEW's alone all added, a pair their word diff.
    pub(crate) fn runs<'a, 't>(
        &self,
        old: &'a [Token<'t>],
        new: &'a [Token<'t>],
    ) -> (Runs<'a, 't>, Edit) {
        match self.shown {
            Shown::Old => (vec![(Edit::Removed, old)], Edit::Removed),
            Shown::New => (vec![(Edit::Added, new)], Edit::Added),
            // Most blocks are unchanged: their diff is one kept run, without a diff.
            Shown::Both if old == new => (vec![(Edit::Kept, new)], Edit::Kept),
            Shown::Both => (diff(old, new), Edit::Kept),
        }
    }
}

/// What a redline does with each block the walk hands it, in reading order.
pub(crate) trait Sink {
    fn block<'t>(&mut self, shape: Shape<'_>, old: &[Token<'t>], new: &[Token<'t>]);
}

/// The cover lines of both versions, aligned as blocks of their role; whether either version
/// has a cover.
pub(crate) fn cover(old: &Motion, new: &Motion, sink: &mut impl Sink) -> bool {
    let (a, b) = (cover::lines(old), cover::lines(new));
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
        let shape = Shape {
            part: Part::Cover(role),
            shown: step.shown(),
            num: None,
            lead_in: false,
        };
        sink.block(shape, old, new);
    }
    !a.is_empty() || !b.is_empty()
}

/// The title, its notes, the formula, citations, recitals and the words that open the
/// operative part.
pub(crate) fn preamble<'m>(
    old: &'m Motion,
    new: &'m Motion,
    comparison: &Comparison,
    sink: &mut impl Sink,
) {
    let mut w = Walk { sink };
    w.paras(
        Part::Title,
        Shown::Both,
        old.title.as_slice(),
        new.title.as_slice(),
    );
    w.paras(
        Part::TitleNote,
        Shown::Both,
        &old.title_notes,
        &new.title_notes,
    );
    w.paras(
        Part::Formula,
        Shown::Both,
        old.formula.as_slice(),
        new.formula.as_slice(),
    );
    let (old_tokens, new_tokens) = (&comparison.old_tokens, &comparison.new_tokens);
    for a in &comparison.alignment.citations {
        let (o, n) = a.step.indices();
        let tokens = (
            o.map(|i| &old_tokens.citations[i]),
            n.map(|i| &new_tokens.citations[i]),
        );
        let dash = Some(super::CITATION_DASH);
        w.numbered(
            Part::Citation,
            a.step.shown(),
            (o.and(dash), n.and(dash)),
            group(tokens, 0),
            false,
        );
    }
    w.paras(
        Part::RecitalsIntro,
        Shown::Both,
        old.recitals_intro.as_slice(),
        new.recitals_intro.as_slice(),
    );
    for a in &comparison.alignment.recitals {
        let (o, n) = a.step.indices();
        let (ro, rn) = (o.map(|i| &old.recitals[i]), n.map(|i| &new.recitals[i]));
        let shown = a.step.shown();
        let tokens = (
            o.map(|i| &old_tokens.recitals[i]),
            n.map(|i| &new_tokens.recitals[i]),
        );
        let num = |r: Option<&'m Recital>| r.map(|r| r.num.text.as_str());
        let points = |r: Option<&'m Recital>| r.map_or(&[][..], |r| &r.points[..]);
        let lead_in = shown_has(shown, points(ro), points(rn));
        w.numbered(
            Part::Recital,
            shown,
            (num(ro), num(rn)),
            group(tokens, 0),
            lead_in,
        );
        w.points(
            Parent::Recital,
            shown,
            (points(ro), points(rn)),
            &a.points,
            tokens,
            0,
        );
    }
    w.paras(
        Part::BodyIntro,
        Shown::Both,
        old.body_intro.as_slice(),
        new.body_intro.as_slice(),
    );
}

/// The operative part: headings and paragraphs with their points and wrap-up, along the
/// comparison's alignment.
pub(crate) fn body<'m>(
    old: &'m Motion,
    new: &'m Motion,
    comparison: &Comparison<'_>,
    sink: &mut impl Sink,
) {
    let mut w = Walk { sink };
    let (old_tokens, new_tokens) = (&comparison.old_tokens, &comparison.new_tokens);
    for a in &comparison.alignment.body {
        let (o, n) = a.step.indices();
        let tokens = (
            o.map(|i| &old_tokens.body[i]),
            n.map(|i| &new_tokens.body[i]),
        );
        let shown = a.step.shown();
        let (bo, bn) = (o.map(|i| &old.body[i]), n.map(|i| &new.body[i]));
        match bn.or(bo) {
            Some(BodyItem::Heading(_)) => {
                let heading = |b: Option<&'m BodyItem>| match b {
                    Some(BodyItem::Heading(h)) => std::slice::from_ref(&h.text),
                    _ => &[][..],
                };
                // Borrowed from the motions, not from `b`.
                let (ho, hn) = (heading(bo), heading(bn));
                w.unnumbered(Part::Heading, shown, (ho, hn), group(tokens, 0));
            }
            Some(BodyItem::Paragraph(_)) => {
                let paragraph = |b: Option<&'m BodyItem>| match b {
                    Some(BodyItem::Paragraph(p)) => Some(p),
                    _ => None,
                };
                let (po, pn) = (paragraph(bo), paragraph(bn));
                let num = |p: Option<&'m Paragraph>| p.map(|p| p.num.text.as_str());
                let points = |p: Option<&'m Paragraph>| p.map_or(&[][..], |p| &p.points[..]);
                let wrap_up = |p: Option<&'m Paragraph>| p.map_or(&[][..], |p| &p.wrap_up[..]);
                let lead_in = shown_has(shown, points(po), points(pn));
                w.numbered(
                    Part::Paragraph,
                    shown,
                    (num(po), num(pn)),
                    group(tokens, 0),
                    lead_in,
                );
                w.points(
                    Parent::Paragraph,
                    shown,
                    (points(po), points(pn)),
                    &a.points,
                    tokens,
                    0,
                );
                let wrap_ups = (wrap_up(po), wrap_up(pn));
                w.unnumbered(Part::WrapUp, shown, wrap_ups, group(tokens, 1));
            }
            None => {}
        }
    }
}

/// The text after the operative part.
pub(crate) fn trailing(old: &Motion, new: &Motion, sink: &mut impl Sink) {
    Walk { sink }.paras(Part::Trailing, Shown::Both, &old.trailing, &new.trailing);
}

/// A walk under way: the sink it hands the blocks to.
struct Walk<'s, S: Sink> {
    sink: &'s mut S,
}

impl<S: Sink> Walk<'_, S> {
    /// The points of a block: those of a pair along their alignment, those of a block gone or
    /// new all struck or all inserted.
    fn points<'m>(
        &mut self,
        parent: Parent,
        shown: Shown,
        (old, new): (&'m [Point], &'m [Point]),
        aligned: &[Aligned],
        (old_tokens, new_tokens): Pair<'_, '_>,
        level: usize,
    ) {
        let steps: Vec<Step> = match shown {
            Shown::Old => (0..old.len()).map(Step::Deleted).collect(),
            Shown::New => (0..new.len()).map(Step::Inserted).collect(),
            Shown::Both => aligned.iter().map(|a| a.step).collect(),
        };
        for (k, step) in steps.into_iter().enumerate() {
            let (o, n) = step.indices();
            // A point of a block shown whole is shown whole too.
            let inner = match shown {
                Shown::Both => step.shown(),
                whole => whole,
            };
            let (po, pn) = (o.map(|i| &old[i]), n.map(|i| &new[i]));
            let tokens = (
                o.and_then(|i| old_tokens.map(|t| &t.points[i])),
                n.and_then(|i| new_tokens.map(|t| &t.points[i])),
            );
            let num = |p: Option<&'m Point>| p.map(|p| p.num.text.as_str());
            let sub = |p: Option<&'m Point>| p.map_or(&[][..], |p| &p.points[..]);
            let lead_in = shown_has(inner, sub(po), sub(pn));
            self.numbered(
                Part::Point { parent, level },
                inner,
                (num(po), num(pn)),
                group(tokens, 0),
                lead_in,
            );
            let children = match shown {
                Shown::Both => aligned.get(k).map_or(&[][..], |a| &a.points[..]),
                _ => &[][..],
            };
            let subs = (sub(po), sub(pn));
            self.points(parent, inner, subs, children, tokens, level + 1);
        }
    }

    /// Unnumbered paragraphs the comparison has no tokens of (a title, a formula), tokenized
    /// here.
    fn paras(&mut self, part: Part, shown: Shown, old: &[Para], new: &[Para]) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        tokens::of_paras(old, &mut a);
        tokens::of_paras(new, &mut b);
        self.unnumbered(part, shown, (old, new), (&a, &b));
    }

    /// Unnumbered paragraphs (`paras`, a heading's, a wrap-up's) of their tokens: nothing when
    /// neither version has any paragraph; all OLD's or all NEW's when only one has.
    fn unnumbered(
        &mut self,
        part: Part,
        shown: Shown,
        (old, new): (&[Para], &[Para]),
        tokens: (&[Token<'_>], &[Token<'_>]),
    ) {
        let shown = match (shown, old.is_empty(), new.is_empty()) {
            (_, true, true) => return,
            (Shown::Both, false, true) => Shown::Old,
            (Shown::Both, true, false) => Shown::New,
            (shown, _, _) => shown,
        };
        let (a, b) = shown_tokens(shown, tokens);
        let shape = Shape {
            part,
            shown,
            num: None,
            lead_in: false,
        };
        self.sink.block(shape, a, b);
    }

    /// A numbered block: its numbers, then its paragraphs (of their tokens).
    fn numbered(
        &mut self,
        part: Part,
        shown: Shown,
        num: (Option<&str>, Option<&str>),
        tokens: (&[Token<'_>], &[Token<'_>]),
        lead_in: bool,
    ) {
        let (a, b) = shown_tokens(shown, tokens);
        let shape = Shape {
            part,
            shown,
            num: Some(num),
            lead_in,
        };
        self.sink.block(shape, a, b);
    }
}

/// One paragraph of a block as the diff splits it: how it starts (after a paragraph break
/// both versions, only OLD or only NEW have), its runs, and how its end is.
pub(crate) struct Piece<'a, 'm> {
    /// The edit of the paragraph break before it; none for a block's first paragraph.
    pub(crate) after: Option<Edit>,
    pub(crate) runs: Runs<'a, 'm>,
    pub(crate) mark: Edit,
}

/// The runs of a block cut at its paragraph breaks; the last paragraph's end is `last`.
pub(crate) fn pieces<'a, 'm>(runs: Runs<'a, 'm>, last: Edit) -> Vec<Piece<'a, 'm>> {
    let mut out = Vec::new();
    let mut piece = Piece {
        after: None,
        runs: Vec::new(),
        mark: last,
    };
    for (edit, run) in runs {
        let mut rest = run;
        while let Some(end) = rest.iter().position(|t| t.mark == Mark::ParaEnd) {
            if end > 0 {
                piece.runs.push((edit, &rest[..end]));
            }
            rest = &rest[end + 1..];
            piece.mark = edit;
            let next = Piece {
                after: Some(edit),
                runs: Vec::new(),
                mark: last,
            };
            out.push(std::mem::replace(&mut piece, next));
        }
        if !rest.is_empty() {
            piece.runs.push((edit, rest));
        }
    }
    out.push(piece);
    out
}

/// Whether each version's text of a paragraph has started: a word only OLD has is not
/// followed by a space in NEW.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Start {
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

    /// Whether a token `t` of `edit` is written after a space, and notes that it is written.
    pub(crate) fn space_before(&mut self, edit: Edit, t: &Token<'_>) -> bool {
        let space = !t.glued && !self.at(edit);
        if edit != Edit::Added {
            self.old = false;
        }
        if edit != Edit::Removed {
            self.new = false;
        }
        space
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

/// The comparison's tokens of a block of OLD and of NEW, each when that version has it.
pub(crate) type Pair<'c, 'm> = (Option<&'c BlockTokens<'m>>, Option<&'c BlockTokens<'m>>);

/// The tokens of group `group` of each block of a pair (none for a version without it).
pub(crate) fn group<'c, 'm>(
    (o, n): Pair<'c, 'm>,
    group: usize,
) -> (&'c [Token<'m>], &'c [Token<'m>]) {
    let of = |b: Option<&'c BlockTokens<'m>>| b.map_or(&[][..], |b| b.group(group));
    (of(o), of(n))
}

/// OLD's and NEW's tokens, each only when shown.
fn shown_tokens<'a, 't>(
    shown: Shown,
    (old, new): (&'a [Token<'t>], &'a [Token<'t>]),
) -> (&'a [Token<'t>], &'a [Token<'t>]) {
    match shown {
        Shown::Old => (old, &[]),
        Shown::New => (&[], new),
        Shown::Both => (old, new),
    }
}
