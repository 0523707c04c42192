//! A paragraph as line-breaking items built glyph by glyph, with its glyphs kept, only counted,
//! dealt to the lines it was broken into (where each line starts, what it calls, how wide it
//! is), or replayed for one line from where it starts: a long document holds no glyphs but
//! those of the page being drawn.

use super::hyphen::Hyphenator;
use super::inventory::Inventory;
use super::layout::{hyphen_after, Glyph, Hyphens, Spacing};
use super::linebreak::{Item, FILL, FORCE};
use std::ops::Range;
use std::rc::Rc;

/// A line's glyphs (as indices into its paragraph's), the adjustment of its spaces, and whether
/// it ends hyphenated.
pub(super) type Cut = (Range<usize>, Spacing, bool);

/// Cost of breaking between the letters of a word too long for any line.
const SPLIT_COST: f32 = 100.0;

/// Where a glyph comes from: its span in the block and the byte in the span's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Pos {
    pub(super) span: u32,
    pub(super) byte: u32,
}

/// Where a line's glyphs start in its block, and how many it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Resume {
    pub(super) at: Pos,
    pub(super) count: u32,
    /// The line ends with a hyphen, after its glyphs.
    pub(super) hyphen: bool,
}

/// What a line learns when the glyphs are dealt.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Dealt {
    pub(super) at: Pos,
    /// Footnotes called, in order, without repeats.
    pub(super) calls: Vec<u32>,
    /// Width of the text as set.
    pub(super) width: f32,
}

/// The glyphs of a paragraph dealt to its lines, by their index in the paragraph.
pub(super) struct Dealer<'i> {
    cuts: Vec<Cut>,
    hyphens: Hyphens,
    pub(super) lines: Vec<Dealt>,
    /// The line being filled.
    line: usize,
    /// Glyphs dealt so far.
    dealt: usize,
    inventory: &'i mut Inventory,
}

impl<'i> Dealer<'i> {
    /// A dealer for lines of these glyph ranges and ratios, ending with these hyphens where
    /// they are hyphenated, noting the characters drawn.
    pub(super) fn new(cuts: Vec<Cut>, hyphens: Hyphens, inventory: &'i mut Inventory) -> Self {
        Dealer {
            lines: vec![Dealt::default(); cuts.len()],
            cuts,
            hyphens,
            line: 0,
            dealt: 0,
            inventory,
        }
    }

    fn deal(&mut self, glyphs: &[Glyph], poss: &[Pos]) {
        for (g, pos) in glyphs.iter().zip(poss) {
            let i = self.dealt;
            self.dealt += 1;
            while self.cuts.get(self.line).is_some_and(|(r, _, _)| i >= r.end) {
                self.line += 1;
            }
            let (Some((r, spacing, hyphen)), Some(line)) =
                (self.cuts.get(self.line), self.lines.get_mut(self.line))
            else {
                continue;
            };
            if i < r.start {
                continue;
            }
            if i == r.start {
                line.at = *pos;
            }
            line.width += g.advance + spacing.extra(g);
            if let Some(n) = g.link().and_then(|n| u32::try_from(n).ok()) {
                if !line.calls.contains(&n) {
                    line.calls.push(n);
                }
            }
            self.inventory.note(g);
            if i + 1 == r.end {
                // No tracking after the last glyph (the hyphen it takes is the last).
                match hyphen_after(&self.hyphens, g).filter(|_| *hyphen) {
                    Some(h) => {
                        line.width += h.advance;
                        self.inventory.note(&h);
                    }
                    None if !g.is_space() => line.width -= spacing.tracking,
                    None => {}
                }
            }
        }
    }
}

/// Items a dealing builder keeps at most.
const DEAL_EVERY: usize = 1024;

/// What the builder does with the glyphs. One lives per paragraph being built, so the dealer's
/// size costs nothing that boxing it (an allocation per paragraph) would save.
#[allow(clippy::large_enum_variant)]
pub(super) enum Mode<'i> {
    /// Keeps them all, in one buffer.
    Keep,
    /// Only counts them.
    Count,
    /// Deals them to the lines.
    Deal(Dealer<'i>),
    /// Keeps the first `n` glyphs and stops.
    Replay(usize),
}

/// Builds the item list of a paragraph glyph by glyph.
pub(super) struct Builder<'i> {
    pub(super) items: Vec<Item>,
    /// How many glyphs the paragraph has up to the end of each item.
    pub(super) ends: Vec<u32>,
    /// The glyphs kept: all of them, or (when dealing) the trailing glue's, which a forced
    /// break may still take back.
    pub(super) glyphs: Vec<Glyph>,
    poss: Vec<Pos>,
    /// Glyphs of the word being read, and where they come from.
    word: Vec<Glyph>,
    word_at: Vec<Pos>,
    narrowest: f32,
    /// How words may be hyphenated, and the hyphens drawn: none in ragged paragraphs.
    pub(super) hyphenation: Option<(Rc<Hyphenator>, Hyphens)>,
    /// Buffers for hyphenating a word: its characters, and where it may break.
    chars: Vec<char>,
    text: String,
    points: Vec<usize>,
    pub(super) mode: Mode<'i>,
    /// A replay has all its glyphs.
    pub(super) full: bool,
}

impl<'i> Builder<'i> {
    pub(super) fn new(narrowest: f32, mode: Mode<'i>) -> Builder<'i> {
        Builder {
            items: Vec::new(),
            ends: Vec::new(),
            glyphs: Vec::new(),
            poss: Vec::new(),
            word: Vec::new(),
            word_at: Vec::new(),
            narrowest,
            hyphenation: None,
            chars: Vec::new(),
            text: String::new(),
            points: Vec::new(),
            mode,
            full: false,
        }
    }

    /// Glyphs so far.
    fn end(&self) -> usize {
        self.ends.last().map_or(0, |&e| e as usize)
    }

    fn push(&mut self, item: Item, glyphs: &[Glyph], poss: &[Pos]) {
        let end = self.end() + glyphs.len();
        let glue = matches!(item, Item::Glue { .. });
        match &mut self.mode {
            Mode::Count => {}
            Mode::Keep | Mode::Replay(_) => self.glyphs.extend_from_slice(glyphs),
            Mode::Deal(dealer) => {
                if !glue {
                    // The glue before is final once something else follows it.
                    dealer.deal(&self.glyphs, &self.poss);
                    self.glyphs.clear();
                    self.poss.clear();
                    dealer.deal(glyphs, poss);
                } else {
                    self.glyphs.extend_from_slice(glyphs);
                    self.poss.extend_from_slice(poss);
                }
            }
        }
        if let Mode::Replay(n) = self.mode {
            self.full |= !glue && self.glyphs.len() >= n;
        }
        if !glue && matches!(self.mode, Mode::Deal(_)) && self.items.len() >= DEAL_EVERY {
            // What came before is dealt: only the last item's end is still needed.
            let keep = self.items.len() - 1;
            self.items.drain(..keep);
            self.ends.drain(..keep);
        }
        self.items.push(item);
        self.ends.push(u32::try_from(end).unwrap_or(u32::MAX));
    }

    pub(super) fn letter(&mut self, g: Glyph, at: Pos) {
        self.word.push(g);
        self.word_at.push(at);
        if let Mode::Replay(n) = self.mode {
            // Letters are final: a replay inside a long word need not read to its end.
            self.full |= self.glyphs.len() + self.word.len() >= n;
        }
    }

    /// Ends the current word: one box, or single letters when the word is wider than a line.
    /// Words never break after their hyphens: text extraction (pdftotext) would take the hyphen
    /// for a hyphenation and drop it.
    pub(super) fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let word = std::mem::take(&mut self.word);
        let at = std::mem::take(&mut self.word_at);
        let width: f32 = word.iter().map(|g| g.advance).sum();
        if width > self.narrowest {
            for (i, g) in word.iter().enumerate() {
                // Not after a hyphen, which text extraction would drop as a hyphenation.
                if i > 0 && !matches!(word[i - 1].ch, '-' | '\u{2010}' | '\u{2011}') {
                    self.push(Item::Penalty { cost: SPLIT_COST }, &[], &[]);
                }
                self.push(
                    Item::Box { width: g.advance },
                    std::slice::from_ref(g),
                    &at[i..=i],
                );
            }
        } else {
            self.push_hyphenated(&word, &at);
        }
        // The buffers are reused.
        self.word = word;
        self.word.clear();
        self.word_at = at;
        self.word_at.clear();
    }

    /// A word that fits a line: one box, or boxes between the places it may be hyphenated.
    fn push_hyphenated(&mut self, word: &[Glyph], at: &[Pos]) {
        let mut points = std::mem::take(&mut self.points);
        points.clear();
        if let Some((rules, _)) = &self.hyphenation {
            self.chars.clear();
            self.chars.extend(word.iter().map(|g| g.ch));
            rules.points(&self.chars, &mut self.text, &mut points);
        }
        let mut from = 0;
        for &p in points.iter().chain(std::iter::once(&word.len())) {
            let part = &word[from..p];
            let width = part.iter().map(|g| g.advance).sum();
            self.push(Item::Box { width }, part, &at[from..p]);
            let hyphen = (self.hyphenation.as_ref())
                .filter(|_| p < word.len())
                .and_then(|(_, hyphens)| hyphen_after(hyphens, &word[p - 1]));
            if let Some(h) = hyphen {
                self.push(Item::Hyphen { width: h.advance }, &[], &[]);
            }
            from = p;
        }
        self.points = points;
    }

    pub(super) fn space(&mut self, g: Glyph, at: Pos) {
        self.end_word();
        // Spaces at the start of a line, or after another space, take no room.
        if matches!(self.items.last(), Some(Item::Box { .. })) {
            self.push(
                Item::Glue {
                    width: g.advance,
                    stretch: g.stretch(),
                    shrink: 0.0,
                },
                &[g],
                &[at],
            );
        }
    }

    pub(super) fn zero_width_break(&mut self) {
        self.end_word();
        if matches!(self.items.last(), Some(Item::Box { .. })) {
            self.push(Item::Penalty { cost: 0.0 }, &[], &[]);
        }
    }

    pub(super) fn forced_break(&mut self) {
        self.end_word();
        while matches!(self.items.last(), Some(Item::Glue { .. })) {
            self.items.pop();
            let before = self.end();
            self.ends.pop();
            let drop = before - self.end();
            let keep = self.glyphs.len().saturating_sub(drop);
            self.glyphs.truncate(keep);
            self.poss.truncate(keep.min(self.poss.len()));
        }
        self.push(
            Item::Glue {
                width: 0.0,
                stretch: FILL,
                shrink: 0.0,
            },
            &[],
            &[],
        );
        self.push(Item::Penalty { cost: FORCE }, &[], &[]);
    }
}
