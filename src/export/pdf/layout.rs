//! From blocks to lines: page geometry, glyphs measured from the parsed faces, words and spaces
//! as boxes and glue, optimal line breaks, and the lines with their indents, numbers, spacing and
//! the page-break rules (widows, orphans, keep-with-next) that pagination obeys.

use super::compose::{Align, Block, Change, Content, Gap, Size, SpanKind, Spans};
use super::fonts::{ParsedFamily, Style, MAX_FACES};
use super::hyphen::Hyphenator;
use super::inventory::Inventory;
use super::items::{Builder, Cut, Dealer, Mode, Pos, Resume};
use super::linebreak::{break_lines, line_start_after, Item, Measure, FORCE};
use crate::export::meta::PageLayout;
use crate::export::plan::measures::{self, Space};
use crate::export::plan::ties::Ties;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::rc::Rc;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;
/// Size and raise of a footnote call, as fractions of the surrounding size.
const CALL_SIZE: f32 = 0.65;
const CALL_RISE: f32 = 0.33;

/// The page and the text area, in points from the bottom-left corner of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Geometry {
    pub(super) page_width: f32,
    pub(super) page_height: f32,
    pub(super) left: f32,
    pub(super) right: f32,
    pub(super) top: f32,
    pub(super) bottom: f32,
    /// Body type size.
    pub(super) size: f32,
    /// Line spacing as a multiple of the type size: single spacing as Word and LibreOffice
    /// compute it from the face (its ascender, descender and line gap), 1.15 for Liberation
    /// Serif and Times New Roman.
    pub(super) leading: f32,
    /// One level of indentation.
    pub(super) step: f32,
}

impl Geometry {
    /// The geometry for a page layout and body size, with the margins and size kept within
    /// bounds that leave a usable text area (at least half the page each way).
    pub(super) fn new(page: &PageLayout, font_size: f32, leading: f32) -> Geometry {
        let size = if font_size.is_finite() {
            font_size.clamp(6.0, 24.0)
        } else {
            measures::BODY_PT
        };
        let (w_mm, h_mm) = page.paper.size_mm();
        let margin = |mm: f32, dim: f32| {
            let mm = if mm.is_finite() { mm } else { 25.0 };
            mm.clamp(10.0, dim / 4.0) * PT_PER_MM
        };
        let (page_width, page_height) = (w_mm * PT_PER_MM, h_mm * PT_PER_MM);
        Geometry {
            page_width,
            page_height,
            left: margin(page.margin_left_mm, w_mm),
            right: page_width - margin(page.margin_right_mm, w_mm),
            top: page_height - margin(page.margin_top_mm, h_mm),
            bottom: margin(page.margin_bottom_mm, h_mm),
            size,
            leading: if leading.is_finite() {
                leading.clamp(1.0, 2.0)
            } else {
                1.15
            },
            step: measures::pt(measures::INDENT_TWIPS),
        }
    }

    pub(super) fn text_width(&self) -> f32 {
        self.right - self.left
    }

    pub(super) fn text_height(&self) -> f32 {
        self.top - self.bottom
    }

    /// Type size of a block size: the house style's sizes, scaled with the body.
    pub(super) fn type_size(&self, size: Size) -> f32 {
        let pt = match size {
            Size::Body => measures::BODY_PT,
            Size::Small => measures::SMALL_PT,
            Size::Large => measures::LARGE_PT,
            Size::Huge => measures::HUGE_PT,
            Size::Furniture => measures::FURNITURE_PT,
        };
        self.size * pt / measures::BODY_PT
    }

    /// The space before a block, the DOCX's in points.
    fn gap(&self, gap: Gap) -> f32 {
        let space = match gap {
            Gap::None => Space::None,
            Gap::Small => Space::Small,
            Gap::Normal => Space::Normal,
            Gap::Large => Space::Large,
        };
        measures::pt(space as u32)
    }

    /// The x of an indent given in steps, never so deep that less than half the text width is
    /// left.
    fn indent(&self, steps: f32) -> f32 {
        self.left + (steps.max(0.0) * self.step).min(self.text_width() / 2.0)
    }
}

/// One glyph as set: the character, its face, size, raise and advance. Kept small (24 bytes):
/// a long motion holds millions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Glyph {
    pub(super) ch: char,
    /// Glyph id in the original face.
    pub(super) gid: u16,
    /// The face that sets it: an index into [`ParsedFamily`]'s faces.
    pub(super) face: u8,
    /// An interword space ([`SPACE`]: justification stretches it), and the redline's
    /// [`Change`] in the bits above.
    flags: u8,
    pub(super) size: f32,
    pub(super) rise: f32,
    pub(super) advance: f32,
    /// The footnote a call links to, or [`NO_NOTE`].
    note: u32,
}

const NO_NOTE: u32 = u32::MAX;
/// The flag of an interword space.
const SPACE: u8 = 1;

/// Glyphs of spare room past which a paragraph's buffer is shrunk while its lines take their
/// glyphs (shrinking a small buffer costs more than it saves).
const SHRINK_AT: usize = 1 << 14;

impl Glyph {
    pub(super) fn new(ch: char, face: usize, gid: u16, size: f32, advance: f32) -> Glyph {
        Glyph {
            ch,
            gid,
            // A family has at most MAX_FACES faces.
            face: face as u8,
            flags: 0,
            size,
            rise: 0.0,
            advance,
            note: NO_NOTE,
        }
    }

    pub(super) fn is_space(&self) -> bool {
        self.flags & SPACE != 0
    }

    /// What the redline marks it as.
    pub(super) fn change(&self) -> Change {
        match self.flags >> 1 {
            1 => Change::Inserted,
            2 => Change::Deleted,
            _ => Change::None,
        }
    }

    pub(super) fn marked(mut self, change: Change) -> Glyph {
        self.flags = (self.flags & SPACE) | (change as u8) << 1;
        self
    }

    /// How much an interword space may stretch (half its width). Spaces never shrink, as in
    /// Word and LibreOffice, so that the PDF breaks its lines where the DOCX does.
    pub(super) fn stretch(&self) -> f32 {
        if self.is_space() {
            self.advance / 2.0
        } else {
            0.0
        }
    }

    /// The footnote this glyph's call links to.
    pub(super) fn link(&self) -> Option<usize> {
        (self.note != NO_NOTE).then_some(self.note as usize)
    }

    pub(super) fn with_link(mut self, note: Option<usize>) -> Glyph {
        self.note = note
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| n != NO_NOTE)
            .unwrap_or(NO_NOTE);
        self
    }
}

/// The hyphen of each face (index into [`ParsedFamily`]'s faces) at a paragraph's size, where
/// the face has one.
pub(super) type Hyphens = [Option<Glyph>; MAX_FACES];

/// The hyphen that ends a line hyphenated after `g`: in its face, at its size and raise.
pub(super) fn hyphen_after(hyphens: &Hyphens, g: &Glyph) -> Option<Glyph> {
    let h = (*hyphens.get(g.face as usize)?)?;
    let hyphen = Glyph {
        size: g.size,
        rise: g.rise,
        advance: h.advance * g.size / h.size,
        ..h
    };
    Some(hyphen.marked(g.change()))
}

/// A line of the document, before it is put on a page: a few numbers, held for the whole
/// motion until its pages are drawn (what few lines have is kept apart, in [`Extras`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Line {
    /// Where the text starts.
    pub(super) x: f32,
    /// How its spaces and letters are adjusted.
    pub(super) spacing: Spacing,
    /// Width of the text as set.
    pub(super) width: f32,
    /// Height of the line box.
    pub(super) leading: f32,
    /// Baseline below the top of the line box.
    pub(super) ascent: f32,
    /// Space above the line, dropped at the top of a page.
    pub(super) gap: f32,
    /// Where the number in the hanging indent starts, on the line that prints it.
    pub(super) label_x: Option<f32>,
    /// The line starts footnote `n`.
    pub(super) note: Option<u32>,
    /// The structure element (index into the tagged PDF's elements) the line belongs to.
    pub(super) elem: Option<u32>,
    /// The structure element of its label.
    pub(super) label_elem: Option<u32>,
    /// The block the line belongs to (in its run of blocks).
    pub(super) block: u32,
    /// Where to read the glyphs again, when they are not held (nor the label's).
    pub(super) at: Option<Resume>,
    /// Its glyphs when it holds them, its calls, its rule; `None` for most lines of a long
    /// motion.
    pub(super) extras: Option<Box<Extras>>,
    /// May a page end before this line?
    pub(super) break_before: bool,
    /// Must a page end before this line?
    pub(super) new_page: bool,
    /// A line of a justified block that is not its last (nor ends at a forced break): it ends
    /// at the right edge of its measure.
    pub(super) justified: bool,
    /// The first line of its block (where the block's outline entry goes).
    pub(super) starts: bool,
}

/// What only some lines have.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Extras {
    /// The glyphs, when the lines hold them.
    pub(super) glyphs: Vec<Glyph>,
    /// The label's glyphs, when the lines hold them.
    pub(super) label: Vec<Glyph>,
    /// Footnotes called from this line, in order, without repeats.
    pub(super) calls: Vec<u32>,
    /// A horizontal rule across the line box's middle, from and to these x.
    pub(super) rule: Option<(f32, f32)>,
}

/// Spaces of a justified line are stretched at most this much (times their stretch: 1.59 times
/// their width) before its letters are spaced too.
const SPACE_CAP: f32 = 1.18;
/// Letters are spaced at most this much (of the type size), in a line that cannot be set
/// otherwise.
const MAX_TRACKING: f32 = 0.05;

/// How a line's glyphs are adjusted to its measure.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Spacing {
    /// Adjustment of the interword spaces, times their stretch (never negative: spaces do not
    /// shrink).
    pub(super) ratio: f32,
    /// Extra advance after each glyph that is not a space (the last one's is not set).
    pub(super) tracking: f32,
}

impl Spacing {
    /// The spacing of a justified line adjusted by `ratio`, with `stretch` points of stretch in
    /// its spaces and `letters` glyphs that are not spaces: spaces up to [`SPACE_CAP`], the rest
    /// between the letters, up to [`MAX_TRACKING`], and what is still left to the spaces.
    fn justified(ratio: f32, stretch: f32, letters: usize, size: f32) -> Spacing {
        if ratio <= SPACE_CAP || stretch <= 0.0 || letters < 2 {
            return Spacing {
                ratio,
                tracking: 0.0,
            };
        }
        let excess = (ratio - SPACE_CAP) * stretch;
        let gaps = (letters - 1) as f32;
        let tracking = (excess / gaps).min(MAX_TRACKING * size);
        Spacing {
            ratio: SPACE_CAP + (excess - tracking * gaps) / stretch,
            tracking,
        }
    }

    /// The extra advance after a glyph.
    pub(super) fn extra(&self, g: &Glyph) -> f32 {
        if g.is_space() {
            self.ratio * g.stretch()
        } else {
            self.tracking
        }
    }

    /// The width of `glyphs` set with this spacing (no tracking after the last).
    pub(super) fn width(&self, glyphs: &[Glyph]) -> f32 {
        let sum: f32 = glyphs.iter().map(|g| g.advance + self.extra(g)).sum();
        match glyphs.last() {
            Some(last) if !last.is_space() => sum - self.tracking,
            _ => sum,
        }
    }
}

impl Line {
    /// The glyphs it holds (none when they are read again from its block).
    pub(super) fn glyphs(&self) -> &[Glyph] {
        self.extras.as_ref().map_or(&[], |e| &e.glyphs)
    }

    /// The glyphs of its label that it holds.
    pub(super) fn label_glyphs(&self) -> &[Glyph] {
        self.extras.as_ref().map_or(&[], |e| &e.label)
    }

    /// Footnotes called from this line, in order, without repeats.
    pub(super) fn calls(&self) -> impl Iterator<Item = usize> + '_ {
        let calls = self.extras.as_ref().map_or(&[][..], |e| &e.calls);
        calls.iter().map(|&n| n as usize)
    }

    /// The rule it draws, from and to these x.
    pub(super) fn rule(&self) -> Option<(f32, f32)> {
        self.extras.as_ref().and_then(|e| e.rule)
    }

    /// Its extras, made empty if it has none.
    pub(super) fn extras_mut(&mut self) -> &mut Extras {
        self.extras.get_or_insert_with(Box::default)
    }
}

/// Sets text in a family's faces, collecting the characters no face has.
pub(super) struct Setter<'a> {
    pub(super) family: &'a ParsedFamily,
    pub(super) geometry: Geometry,
    /// Characters a face lacks.
    pub(super) missing: BTreeSet<char>,
    /// The characters drawn with each face.
    pub(super) inventory: Inventory,
    /// Do the lines hold their glyphs? If not, they are read again page by page.
    pub(super) hold: bool,
    /// How the words of justified paragraphs are hyphenated; `None`: they are not.
    pub(super) hyphenator: Option<Rc<Hyphenator>>,
    /// Where a space must not break a line: those spaces are set as no-break spaces.
    pub(super) ties: Ties<'static>,
}

/// What a character is to the typesetter.
enum Class {
    /// A glyph to draw.
    Glyph(char),
    /// A breakable interword space.
    Space,
    /// A place to break that takes no room (zero-width space).
    Break,
    /// Nothing to draw (format controls, soft hyphens, byte-order marks).
    Skip,
}

fn classify(c: char) -> Class {
    match c {
        '\u{a0}' | '\u{2007}' | '\u{202f}' => Class::Glyph(c),
        '\u{200b}' => Class::Break,
        c if is_format(c) => Class::Skip,
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' | '\u{fffe}' | '\u{ffff}' => {
            Class::Skip
        }
        c if c.is_whitespace() || c.is_control() => Class::Space,
        c => Class::Glyph(c),
    }
}

/// True for the format characters (Unicode general category Cf, Unicode 15.1): invisible
/// controls such as the bidirectional marks, embeddings and isolates (U+200E, U+202A-U+202E,
/// U+2066-U+2069), joiners, the soft hyphen and the byte-order mark. They stay in the model, the
/// XML and the DOCX; the PDF draws nothing for them. (The soft hyphen is dropped, not used as a
/// hyphenation point.)
pub(super) fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

impl<'a> Setter<'a> {
    pub(super) fn new(family: &'a ParsedFamily, geometry: Geometry) -> Setter<'a> {
        Setter {
            family,
            geometry,
            missing: BTreeSet::new(),
            inventory: Inventory::new(family),
            hold: true,
            hyphenator: None,
            ties: Ties::for_language(""),
        }
    }

    /// The hyphen of each face at `size`.
    fn hyphens(&self, size: f32) -> Hyphens {
        let faces = &self.family.faces;
        std::array::from_fn(|i| {
            let face = faces.get(i)?;
            (face.glyph('-')).map(|gid| Glyph::new('-', i, gid, size, face.advance_em(gid) * size))
        })
    }

    /// A glyph for `c`, from the style's face or else its fallback, or `None` (and `c` noted as
    /// missing) when neither has one. No-break spaces fall back on the plain space.
    fn glyph(&mut self, c: char, style: Style, size: f32) -> Option<Glyph> {
        let found = match self.family.lookup(c, style) {
            Some((face, gid)) => Some((c, face, gid)),
            None if matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}') => {
                (self.family.lookup(' ', style)).map(|(face, gid)| (' ', face, gid))
            }
            None => None,
        };
        let Some((ch, face, gid)) = found else {
            self.missing.insert(c);
            return None;
        };
        let advance = self.family.faces[face].advance_em(gid) * size;
        Some(Glyph::new(ch, face, gid, size, advance))
    }

    /// An interword space in `style` at `size`.
    fn space(&mut self, style: Style, size: f32) -> Option<Glyph> {
        self.glyph(' ', style, size).map(|mut g| {
            g.flags |= SPACE;
            g
        })
    }

    /// A single line of text (headers, footers, labels), no breaking; spaces do not stretch.
    pub(super) fn run(&mut self, text: &str, style: Style, size: f32) -> Vec<Glyph> {
        text.chars()
            .filter_map(|c| match classify(c) {
                Class::Glyph(c) => self.glyph(c, style, size),
                Class::Space => self.glyph(' ', style, size),
                Class::Break | Class::Skip => None,
            })
            .collect()
    }

    /// The lines of a block. `keep_prev` says the block before must stay with this one.
    pub(super) fn block(&mut self, block: &Block<'_>, keep_prev: bool) -> Vec<Line> {
        let g = self.geometry;
        let size = g.type_size(block.size);
        let leading = size * g.leading;
        let mut lines = match &block.content {
            Content::PageBreak => return Vec::new(),
            Content::Rule => vec![Line {
                x: g.left,
                leading: size * 0.8,
                ascent: size * 0.4,
                extras: Some(Box::new(Extras {
                    rule: Some((g.left, g.right)),
                    ..Extras::default()
                })),
                ..Line::default()
            }],
            Content::Text(spans) => self.paragraph(block, spans, size),
        };
        let n = lines.len();
        for (i, line) in lines.iter_mut().enumerate() {
            line.leading = line.leading.max(leading);
            if line.ascent == 0.0 {
                line.ascent = (leading - size) / 2.0 + size * 0.8;
            }
            let orphan = i == 1 && n >= 2;
            let widow = i + 1 == n && n >= 2;
            line.break_before = if i == 0 {
                !keep_prev
            } else {
                !orphan && !widow
            };
        }
        if let Some(first) = lines.first_mut() {
            first.gap = g.gap(block.gap);
            first.starts = true;
            first.note = block.note;
        }
        lines
    }

    /// The glyphs of a block's label.
    pub(super) fn label(&mut self, block: &Block<'_>) -> Vec<Glyph> {
        let size = self.geometry.type_size(block.size);
        let base = Style::of(block.bold, block.italic);
        match &block.label {
            Some(l) if l.raised => {
                let mut glyphs = self.run(&l.text, base, size * CALL_SIZE);
                for g in &mut glyphs {
                    g.rise = size * CALL_RISE;
                }
                glyphs
            }
            Some(l) => {
                let glyphs = self.run(&l.text, base, size);
                super::marks::label(self, block, glyphs, (base, size))
            }
            None => Vec::new(),
        }
    }

    /// Breaks a block's text into justified (or ragged) lines under its hanging label.
    fn paragraph(&mut self, block: &Block<'_>, spans: &Spans<'_>, size: f32) -> Vec<Line> {
        let g = self.geometry;
        let text_x = g.indent(block.text_at);
        let width = (g.right - text_x).max(size);
        let label = block.label.as_ref().map(|l| {
            let glyphs = self.label(block);
            self.inventory.note_all(&glyphs);
            (g.indent(l.at), glyphs)
        });
        // A label wider than its indent pushes the first line's text to its right.
        let first_shift = label.as_ref().map_or(0.0, |(x, glyphs)| {
            let end = x + glyphs.iter().map(|g| g.advance).sum::<f32>() + size * 0.4;
            (end - text_x).clamp(0.0, width / 2.0)
        });
        let widths = [width - first_shift, width];
        let narrowest = widths[0].min(widths[1]);
        let mut b = Builder::new(narrowest, if self.hold { Mode::Keep } else { Mode::Count });
        let hyphens = self.hyphens(size);
        if block.align == Align::Justify {
            b.hyphenation = self.hyphenator.clone().map(|h| (h, hyphens));
        }
        if self.hold {
            // Room for every glyph at once: a long paragraph would otherwise grow its buffer to
            // twice what it needs.
            b.glyphs
                .reserve_exact(spans.iter().map(|s| s.text.chars().count()).sum());
        }
        self.walk(spans, block, size, Pos::default(), &mut b);
        let (items, ends, glyphs) = (b.items, b.ends, b.glyphs);
        let measure = Measure {
            first: widths[0],
            rest: widths[1],
        };
        let breaks = break_lines(&items, measure);

        // Each line's glyphs (as indices into the paragraph's) and ratio; then the item list is
        // dropped.
        let start_of = |k: usize| k.checked_sub(1).map_or(0, |k| ends[k] as usize);
        let mut cuts = Vec::with_capacity(breaks.len());
        let mut justified = Vec::with_capacity(breaks.len());
        let mut start = 0;
        for brk in &breaks {
            let from = start_of(start);
            let to = if brk.at > start {
                start_of(brk.at)
            } else {
                from
            };
            let forced_end = matches!(items[brk.at], Item::Penalty { cost } if cost <= FORCE);
            let justify = block.align == Align::Justify && !forced_end;
            let hyphen = matches!(items[brk.at], Item::Hyphen { .. });
            // Never clamped: a justified line ends at the margin however loose it is; the
            // breaker's badness keeps such lines rare, and the loosest space their letters.
            let spacing = if justify {
                let (spaces, stretch) = (items[start..brk.at.max(start)].iter())
                    .filter_map(|i| match i {
                        Item::Glue { stretch, .. } => Some(*stretch),
                        _ => None,
                    })
                    .fold((0, 0.0), |(n, s), x| (n + 1, s + x));
                let letters = (to - from).saturating_sub(spaces) + usize::from(hyphen);
                // An overfull line (a word longer than the measure) is set as it is.
                Spacing::justified(brk.ratio.max(0.0), stretch, letters, size)
            } else {
                Spacing::default()
            };
            cuts.push((from..to, spacing, hyphen));
            justified.push(justify);
            start = line_start_after(&items, brk.at);
        }
        drop((items, ends, breaks));
        let mut lines = if self.hold {
            self.take_lines(glyphs, cuts, &hyphens)
        } else {
            self.deal_lines(spans, block, (size, narrowest), cuts, hyphens)
        };
        for (i, line) in lines.iter_mut().enumerate() {
            line.justified = justified[i];
            line.x = text_x + if i == 0 { first_shift } else { 0.0 };
            if block.align == Align::Right {
                line.x += (widths[i.min(1)] - line.width).max(0.0);
            }
        }
        if lines.is_empty() {
            lines.push(Line {
                x: text_x,
                ..Line::default()
            });
        }
        if let Some((x, glyphs)) = label {
            lines[0].label_x = Some(x);
            if self.hold && !glyphs.is_empty() {
                lines[0].extras_mut().label = glyphs;
            }
        }
        lines
    }

    /// The lines, each taking its glyphs from the paragraph's: from the last, the paragraph's
    /// buffer giving back what they took, so that a long paragraph is not held twice.
    fn take_lines(
        &mut self,
        mut glyphs: Vec<Glyph>,
        cuts: Vec<Cut>,
        hyphens: &Hyphens,
    ) -> Vec<Line> {
        let mut lines = Vec::with_capacity(cuts.len());
        for (range, spacing, hyphen) in cuts.into_iter().rev() {
            let mut held = glyphs
                .get(range.clone())
                .map_or_else(Vec::new, <[Glyph]>::to_vec);
            if let Some(h) = (held.last())
                .filter(|_| hyphen)
                .and_then(|g| hyphen_after(hyphens, g))
            {
                held.push(h);
            }
            glyphs.truncate(range.start);
            if glyphs.capacity() > 2 * glyphs.len() + SHRINK_AT {
                glyphs.shrink_to_fit();
            }
            self.inventory.note_all(&held);
            let mut calls = Vec::new();
            for n in held.iter().filter_map(Glyph::link) {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                if !calls.contains(&n) {
                    calls.push(n);
                }
            }
            let line = Line {
                spacing,
                width: spacing.width(&held),
                extras: Some(Box::new(Extras {
                    glyphs: held,
                    calls,
                    ..Extras::default()
                })),
                ..Line::default()
            };
            lines.push(line);
        }
        lines.reverse();
        lines
    }

    /// The lines, told where their glyphs start, what they call and how wide they are by a
    /// second reading of the paragraph; they do not hold their glyphs.
    fn deal_lines(
        &mut self,
        spans: &Spans<'_>,
        block: &Block<'_>,
        (size, narrowest): (f32, f32),
        cuts: Vec<Cut>,
        hyphens: Hyphens,
    ) -> Vec<Line> {
        let counts: Vec<(u32, Spacing, bool)> = cuts
            .iter()
            .map(|(r, spacing, h)| (u32::try_from(r.len()).unwrap_or(u32::MAX), *spacing, *h))
            .collect();
        let mut inventory = std::mem::take(&mut self.inventory);
        let dealer = Dealer::new(cuts, hyphens, &mut inventory);
        let mut b = Builder::new(narrowest, Mode::Deal(dealer));
        self.walk(spans, block, size, Pos::default(), &mut b);
        let dealt = match b.mode {
            Mode::Deal(d) => d.lines,
            _ => Vec::new(),
        };
        self.inventory = inventory;
        dealt
            .into_iter()
            .zip(counts)
            .map(|(d, (count, spacing, hyphen))| Line {
                spacing,
                at: (count > 0).then_some(Resume {
                    at: d.at,
                    count,
                    hyphen,
                }),
                width: d.width,
                extras: (!d.calls.is_empty()).then(|| {
                    Box::new(Extras {
                        calls: d.calls,
                        ..Extras::default()
                    })
                }),
                ..Line::default()
            })
            .collect()
    }

    /// The glyphs of a line that does not hold them, read again from its block.
    pub(super) fn replay(&mut self, block: &Block<'_>, at: Resume) -> Vec<Glyph> {
        let Content::Text(spans) = &block.content else {
            return Vec::new();
        };
        let size = self.geometry.type_size(block.size);
        let mut b = Builder::new(f32::INFINITY, Mode::Replay(at.count as usize));
        self.walk(spans, block, size, at.at, &mut b);
        b.end_word();
        let mut glyphs = b.glyphs;
        glyphs.truncate(at.count as usize);
        let hyphens = self.hyphens(size);
        if let Some(h) = (glyphs.last())
            .filter(|_| at.hyphen)
            .and_then(|g| hyphen_after(&hyphens, g))
        {
            glyphs.push(h);
        }
        glyphs
    }

    /// Feeds the paragraph to `b` glyph by glyph from `from`, until its end or until a replay
    /// has all its glyphs.
    fn walk(
        &mut self,
        spans: &Spans<'_>,
        block: &Block<'_>,
        size: f32,
        from: Pos,
        b: &mut Builder<'_>,
    ) {
        let ties = self.ties.clone();
        for (i, span) in spans.iter().enumerate().skip(from.span as usize) {
            let skip = if i == from.span as usize {
                from.byte as usize
            } else {
                0
            };
            let tied = match span.kind {
                SpanKind::Text => ties.apply(&span.text),
                _ => Cow::Borrowed(&*span.text),
            };
            let text = tied.get(skip..).unwrap_or("");
            let at = |k: usize| Pos {
                span: i as u32,
                byte: (skip + k) as u32,
            };
            let style = Style::of(block.bold || span.bold, block.italic || span.italic);
            let change = span.change;
            match span.kind {
                SpanKind::Break => b.forced_break(),
                SpanKind::NoteCall { note } => {
                    for (k, c) in text.char_indices() {
                        if let Class::Glyph(c) = classify(c) {
                            if let Some(mut g) = self.glyph(c, style, size * CALL_SIZE) {
                                g.rise = size * CALL_RISE;
                                b.letter(g.with_link(note).marked(change), at(k));
                            }
                        }
                        if b.full {
                            return;
                        }
                    }
                }
                SpanKind::Text => {
                    for (k, c) in text.char_indices() {
                        match classify(c) {
                            Class::Glyph(c) => {
                                if let Some(g) = self.glyph(c, style, size) {
                                    b.letter(g.marked(change), at(k));
                                }
                            }
                            Class::Space => {
                                if let Some(g) = self.space(style, size) {
                                    b.space(g.marked(change), at(k));
                                }
                            }
                            Class::Break => b.zero_width_break(),
                            Class::Skip => {}
                        }
                        if b.full {
                            return;
                        }
                    }
                }
            }
            if b.full {
                return;
            }
        }
        b.forced_break();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::fonts::FontFamily;

    fn text_block(text: &str) -> Block<'_> {
        let mut b = Block::plain(text);
        b.text_at = 1.0;
        b
    }

    #[test]
    fn justified_lines_fill_the_measure() {
        let family = FontFamily::dejavu_serif();
        let g = Geometry::new(&PageLayout::default(), 11.0, 1.35);
        let mut setter = Setter::new(family.parsed().unwrap(), g);
        let text = "whereas on 21 December 2015 the European Union and Kazakhstan signed an Enhanced Partnership and Cooperation Agreement (EPCA) aimed at providing a broad framework for reinforced political dialogue and cooperation in justice and home affairs and many other areas; whereas this agreement puts a strong emphasis on democracy, rule of law, human rights, fundamental freedoms, sustainable development and civil society cooperation; whereas EPCA entered into full force on 1 March 2020 following the ratification by all Member States; ".repeat(3);
        let lines = setter.block(&text_block(&text), false);
        assert!(lines.len() > 5);
        for (i, line) in lines.iter().enumerate() {
            let end = line.x + line.spacing.width(line.glyphs());
            assert!(
                end <= g.right + 0.01,
                "line {i} ends at {end} > {}",
                g.right
            );
            if i + 1 < lines.len() {
                assert!(
                    (end - g.right).abs() < 0.05,
                    "line {i} not justified: {end}"
                );
            }
        }
        assert!(!lines[1].break_before && !lines.last().unwrap().break_before);
        assert!(lines[2].break_before);
    }

    #[test]
    fn long_words_are_split_within_the_line() {
        let family = FontFamily::dejavu_serif();
        let g = Geometry::new(&PageLayout::default(), 11.0, 1.35);
        let mut setter = Setter::new(family.parsed().unwrap(), g);
        let word = "x".repeat(300);
        let lines = setter.block(&text_block(&format!("a {word} b")), false);
        let total: usize = lines
            .iter()
            .map(|l| l.glyphs().iter().filter(|g| g.ch == 'x').count())
            .sum();
        assert_eq!(total, 300);
        for line in &lines {
            assert!(line.x + line.spacing.width(line.glyphs()) <= g.right + 0.01);
        }
    }

    /// Seed paragraph 10: no line can be set within tolerance, and the second pass used to
    /// leave "Encourages" alone on the first line because it capped badness.
    #[test]
    fn impossible_paragraphs_still_fill_their_lines() {
        let family = FontFamily::dejavu_serif();
        let g = Geometry::new(&PageLayout::default(), 11.0, 1.35);
        let mut setter = Setter::new(family.parsed().unwrap(), g);
        let mut b = text_block("Encourages the government of Kazakhstan to fully implement the recommendations made by OSCE/ODIHR for ensuring that election related legislation and practice are consistent with Kazakhstan's international obligations;");
        b.label = Some(super::super::compose::Label {
            text: "10.".into(),
            at: 0.0,
            raised: false,
        });
        let lines = setter.block(&b, false);
        for line in &lines[..lines.len() - 1] {
            assert!(
                (line.x + line.spacing.width(line.glyphs()) - g.right).abs() < 0.05,
                "{line:?}"
            );
        }
    }

    #[test]
    fn glyphs_stay_small() {
        assert!(std::mem::size_of::<Glyph>() <= 24);
    }

    /// A long motion holds a line for each of its lines until its pages are drawn.
    #[test]
    fn lines_stay_small() {
        assert!(
            std::mem::size_of::<Line>() <= 96,
            "{}",
            std::mem::size_of::<Line>()
        );
    }

    #[test]
    fn reports_missing_glyphs() {
        let family = FontFamily::dejavu_serif();
        let g = Geometry::new(&PageLayout::default(), 11.0, 1.35);
        let mut setter = Setter::new(family.parsed().unwrap(), g);
        setter.block(&text_block("Tokyo 東京 \u{1}\u{feff}"), false);
        assert_eq!(setter.missing.iter().collect::<String>(), "京東");
    }
}
