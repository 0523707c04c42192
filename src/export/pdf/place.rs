//! Where everything goes on each page, in PDF coordinates: text lines with their baselines,
//! running header and footer, rules, footnote links both ways, and outline targets. Drawing
//! turns this plan into printpdf operations; tests read it to check that nothing leaves the page.

use super::compose::{Block, Size};
use super::fonts::Style;
use super::layout::{Geometry, Glyph, Line, Setter, Spacing};
use super::paginate::{LineRef, Page};
use std::borrow::Cow;

/// A line of glyphs at a position: `x` where the first glyph starts, `baseline` its baseline.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Text<'a> {
    pub(super) x: f32,
    pub(super) baseline: f32,
    pub(super) glyphs: Cow<'a, [Glyph]>,
    /// How its spaces and letters are adjusted.
    pub(super) spacing: Spacing,
    /// The structure element it belongs to; `None` for page furniture (an artifact).
    pub(super) elem: Option<u32>,
    /// A non-final line of a justified block (see [`Line::justified`]).
    pub(super) justified: bool,
    /// The glyphs that are links: `(first, end, link)`, `link` an index into the page's links.
    pub(super) links: Vec<(u32, u32, u32)>,
}

impl<'a> Text<'a> {
    fn new(x: f32, baseline: f32, glyphs: Cow<'a, [Glyph]>, spacing: Spacing) -> Text<'a> {
        Text {
            x,
            baseline,
            glyphs,
            spacing,
            elem: None,
            justified: false,
            links: Vec::new(),
        }
    }

    /// Extra advance after a glyph (justified spaces, spaced letters), in points.
    pub(super) fn extra(&self, g: &Glyph) -> f32 {
        self.spacing.extra(g)
    }

    /// The x where each glyph starts.
    pub(super) fn positions(&self) -> impl Iterator<Item = (f32, &Glyph)> + '_ {
        let mut x = self.x;
        self.glyphs.iter().map(move |g| {
            let at = x;
            x += g.advance + self.extra(g);
            (at, g)
        })
    }

    pub(super) fn width(&self) -> f32 {
        self.spacing.width(&self.glyphs)
    }
}

/// A horizontal rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rule {
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) y: f32,
    pub(super) thickness: f32,
}

/// A link: the clickable rectangle and where it goes (page index, left and top).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Link {
    pub(super) rect: [f32; 4],
    pub(super) page: usize,
    pub(super) left: f32,
    pub(super) top: f32,
    /// The footnote it belongs to: its call goes to it, its number back to the call.
    pub(super) note: u32,
    /// Its `Link` structure element, once drawn; [`NONE`](super::elements::NONE) until then.
    pub(super) elem: u32,
}

/// One outline entry: its title and the page and height it goes to.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Target {
    pub(super) title: String,
    pub(super) page: u32,
    pub(super) top: f32,
}

/// The outline entries, in order: one for each block of `body` that has an outline title, going
/// to its first line. The titles are taken from the blocks, not copied: the blocks are not
/// drawn again.
pub(super) fn targets(
    pages: &[Page],
    lines: &[Line],
    body: &mut [Block<'_>],
    g: &Geometry,
) -> Vec<Target> {
    let mut out = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        for placed in &page.lines {
            let LineRef::Body(i) = placed.line else {
                continue;
            };
            let line = &lines[i as usize];
            let block = body.get_mut(line.block as usize).filter(|_| line.starts);
            if let Some(title) = block.and_then(|b| b.outline.take()) {
                out.push(Target {
                    title,
                    page: index as u32,
                    top: g.top - placed.y,
                });
            }
        }
    }
    out
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct PagePlan<'a> {
    pub(super) texts: Vec<Text<'a>>,
    pub(super) rules: Vec<Rule>,
    pub(super) links: Vec<Link>,
}

/// A place in the document: page index, x, top of the line.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Spot {
    page: usize,
    x: f32,
    top: f32,
}

/// What the running header shows: the document number, on every page but the cover when
/// the cover already prints it in large.
pub(super) struct Header<'a> {
    pub(super) reference: &'a str,
    pub(super) skip_first: bool,
    /// The Parliament's footer, when the source carries its PE number: the number, and the
    /// motto between the language's code (`EN United in diversity EN`).
    pub(super) footer: Option<(&'a str, String)>,
}

/// Places the paginated lines page by page, with the running header and the `page/total`
/// footer; lines that do not hold their glyphs read them again from their blocks.
pub(super) struct Placer<'a> {
    pages: &'a [Page],
    body: &'a [Line],
    notes: &'a [Vec<Line>],
    blocks: (&'a [Block<'a>], &'a [Vec<Block<'a>>]),
    header: Header<'a>,
    g: Geometry,
    note_at: Vec<Option<Spot>>,
    call_at: Vec<Option<Spot>>,
}

impl<'a> Placer<'a> {
    /// The left edge of the text area.
    pub(super) fn left(&self) -> f32 {
        self.g.left
    }

    pub(super) fn new(
        (pages, body, notes): (&'a [Page], &'a [Line], &'a [Vec<Line>]),
        blocks: (&'a [Block<'a>], &'a [Vec<Block<'a>>]),
        header: Header<'a>,
        g: Geometry,
    ) -> Placer<'a> {
        let (note_at, call_at) = spots(pages, body, notes, &g);
        Placer {
            pages,
            body,
            notes,
            blocks,
            header,
            g,
            note_at,
            call_at,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.pages.len()
    }

    fn line(&self, r: LineRef) -> &'a Line {
        match r {
            LineRef::Body(i) => &self.body[i as usize],
            LineRef::Note(n, l) => &self.notes[n as usize][l as usize],
        }
    }

    fn block(&self, r: LineRef, line: &Line) -> Option<&'a Block<'a>> {
        let b = line.block as usize;
        match r {
            LineRef::Body(_) => self.blocks.0.get(b),
            LineRef::Note(n, _) => self.blocks.1.get(n as usize)?.get(b),
        }
    }

    /// The rules of page `index`: under lines that are rules, and above the footnotes.
    pub(super) fn rules(&self, index: usize) -> Vec<Rule> {
        let g = &self.g;
        let page = &self.pages[index];
        let mut rules = Vec::new();
        for placed in &page.lines {
            let line = self.line(placed.line);
            if let Some((x0, x1)) = line.rule() {
                rules.push(Rule {
                    x0,
                    x1,
                    y: g.top - placed.y - line.leading / 2.0,
                    thickness: 0.6,
                });
            }
        }
        if let Some(y) = page.separator {
            rules.push(Rule {
                x0: g.left,
                x1: g.left + g.text_width() / 3.0,
                y: g.top - y,
                thickness: 0.5,
            });
        }
        rules
    }

    /// Page `index`: its text, rules and links.
    pub(super) fn page(&self, index: usize, setter: &mut Setter<'_>) -> PagePlan<'a> {
        let g = self.g;
        let mut pp = PagePlan::default();
        for placed in &self.pages[index].lines {
            let line = self.line(placed.line);
            let top = g.top - placed.y;
            let baseline = top - line.ascent;
            if let Some(x) = line.label_x {
                let glyphs = match self.block(placed.line, line) {
                    Some(b) if line.label_glyphs().is_empty() => Cow::Owned(setter.label(b)),
                    _ => Cow::Borrowed(line.label_glyphs()),
                };
                // A footnote's number links back to its call.
                let back = line.note.and_then(|n| {
                    let call = self.call_at.get(n as usize).copied().flatten()?;
                    Some((n, call))
                });
                let mut links = Vec::new();
                if let Some((n, call)) = back {
                    let w: f32 = glyphs.iter().map(|g| g.advance).sum();
                    let size = glyphs.first().map_or(g.size, |g| g.size);
                    links.push((0, glyphs.len() as u32, pp.links.len() as u32));
                    pp.links.push(link(x, x + w, baseline, size, (n, call)));
                }
                let mut label = Text::new(x, baseline, glyphs, Spacing::default());
                label.elem = line.label_elem;
                label.links = links;
                pp.texts.push(label);
            }
            let glyphs = match (line.at, self.block(placed.line, line)) {
                (Some(at), Some(b)) => Cow::Owned(setter.replay(b, at)),
                _ => Cow::Borrowed(line.glyphs()),
            };
            if !glyphs.is_empty() {
                let mut text = Text::new(line.x, baseline, glyphs, line.spacing);
                text.elem = line.elem;
                text.justified = line.justified;
                text.links = call_links(&text, &self.note_at, &mut pp.links);
                pp.texts.push(text);
            }
        }
        pp.rules = self.rules(index);
        pp.texts.extend(self.furniture(index, setter));
        pp
    }

    /// The running header and footer of page `index`.
    pub(super) fn furniture(&self, index: usize, setter: &mut Setter<'_>) -> Vec<Text<'a>> {
        let reference = if index == 0 && self.header.skip_first {
            ""
        } else {
            self.header.reference
        };
        let footer = self
            .header
            .footer
            .as_ref()
            .map(|(pe, motto)| (*pe, motto.as_str()));
        furniture(setter, (reference, footer), index, self.pages.len())
    }
}

/// Where each footnote starts and where it is first called.
#[allow(clippy::type_complexity)]
fn spots(
    pages: &[Page],
    body: &[Line],
    notes: &[Vec<Line>],
    g: &Geometry,
) -> (Vec<Option<Spot>>, Vec<Option<Spot>>) {
    let mut note_at = vec![None; notes.len()];
    let mut call_at = vec![None; notes.len()];
    for (index, page) in pages.iter().enumerate() {
        for placed in &page.lines {
            let line = match placed.line {
                LineRef::Body(i) => &body[i as usize],
                LineRef::Note(n, l) => &notes[n as usize][l as usize],
            };
            let spot = Spot {
                page: index,
                x: line.label_x.unwrap_or(line.x),
                top: g.top - placed.y,
            };
            if let Some(n) = line.note.map(|n| n as usize).filter(|&n| n < notes.len()) {
                note_at[n].get_or_insert(spot);
            }
            for n in line.calls().filter(|&n| n < notes.len()) {
                call_at[n].get_or_insert(Spot { x: line.x, ..spot });
            }
        }
    }
    (note_at, call_at)
}

/// A link of footnote `note` over the glyphs from `x0` to `x1` on `baseline`, going to `to`.
fn link(x0: f32, x1: f32, baseline: f32, size: f32, (note, to): (u32, Spot)) -> Link {
    Link {
        rect: [x0, baseline - size * 0.25, x1, baseline + size * 1.1],
        page: to.page,
        left: to.x,
        top: to.top,
        note,
        elem: super::elements::NONE,
    }
}

/// A run of glyphs calling one footnote: the note, its first and end glyph, where it starts and
/// ends, its baseline and size.
struct Call {
    note: usize,
    glyphs: (u32, u32),
    x: (f32, f32),
    baseline: f32,
    size: f32,
}

/// Links from footnote calls to their notes; returns the glyphs of each, as [`Text::links`].
fn call_links(
    text: &Text<'_>,
    note_at: &[Option<Spot>],
    links: &mut Vec<Link>,
) -> Vec<(u32, u32, u32)> {
    let mut linked = Vec::new();
    let mut run: Option<Call> = None;
    let mut flush = |run: &mut Option<Call>| {
        if let Some(c) = run.take() {
            if let Some(to) = note_at.get(c.note).copied().flatten() {
                linked.push((c.glyphs.0, c.glyphs.1, links.len() as u32));
                let to = (c.note as u32, to);
                links.push(link(c.x.0, c.x.1, c.baseline, c.size, to));
            }
        }
    };
    for (i, (x, glyph)) in text.positions().enumerate() {
        let i = i as u32;
        match (glyph.link(), run.as_mut()) {
            (Some(n), Some(r)) if r.note == n => {
                r.x.1 = x + glyph.advance;
                r.glyphs.1 = i + 1;
            }
            (Some(n), _) => {
                flush(&mut run);
                run = Some(Call {
                    note: n,
                    glyphs: (i, i + 1),
                    x: (x, x + glyph.advance),
                    baseline: text.baseline + glyph.rise,
                    size: glyph.size,
                });
            }
            (None, _) => flush(&mut run),
        }
    }
    flush(&mut run);
    linked
}

/// The running header (the document number, right) and footer (`page/total`, centred; with
/// the PE number on the left and the motto line under it when the source carries them).
fn furniture(
    setter: &mut Setter<'_>,
    (reference, footer): (&str, Option<(&str, &str)>),
    index: usize,
    total: usize,
) -> Vec<Text<'static>> {
    let mut texts = Vec::new();
    let g = setter.geometry;
    let size = g.type_size(Size::Furniture);
    let mut header = setter.run(reference, Style::Regular, size);
    let ellipsis = setter.run("…", Style::Regular, size);
    let width = |glyphs: &[Glyph]| glyphs.iter().map(|g| g.advance).sum::<f32>();
    if width(&header) > g.text_width() {
        while !header.is_empty() && width(&header) + width(&ellipsis) > g.text_width() {
            header.pop();
        }
        header.extend(ellipsis);
    }
    if !header.is_empty() {
        let x = g.right - width(&header);
        let baseline = g.top + (g.page_height - g.top) / 2.0 - size / 3.0;
        texts.push(Text::new(
            x,
            baseline,
            Cow::Owned(header),
            Spacing::default(),
        ));
    }
    let page = setter.run(&format!("{}/{}", index + 1, total), Style::Regular, size);
    let centred = |glyphs: &[Glyph]| g.left + (g.text_width() - width(glyphs)) / 2.0;
    let mut baseline = g.bottom / 2.0 - size / 3.0;
    if let Some((pe, motto)) = footer {
        // Two lines: the PE number and the page, then the motto, centred on the same spot.
        baseline += size * 0.7;
        let pe = setter.run(pe, Style::Regular, size);
        texts.push(Text::new(
            g.left,
            baseline,
            Cow::Owned(pe),
            Spacing::default(),
        ));
        let motto = setter.run(motto, Style::Regular, size);
        let x = centred(&motto);
        texts.push(Text::new(
            x,
            baseline - size * 1.4,
            Cow::Owned(motto),
            Spacing::default(),
        ));
    }
    texts.push(Text::new(
        centred(&page),
        baseline,
        Cow::Owned(page),
        Spacing::default(),
    ));
    texts
}
