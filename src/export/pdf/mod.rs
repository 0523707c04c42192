//! PDF exporter: typesets a motion the way the Parliament prints its motions (a cover, then the
//! resolution with hanging numbers, justified text, footnotes at the foot of the page) and writes
//! it with printpdf, fonts subset and embedded, with an outline and document metadata.
//!
//! The steps, each its own module: `compose` the motion into blocks, set them into lines
//! (`layout`, `linebreak`, `items`; the characters used noted in the `inventory`), put the lines
//! on pages (`paginate`), `subset` the faces used (without hinting: `sfnt`), `place` and `draw`
//! one page at a time (a long motion's lines do not hold their glyphs: each page reads its lines
//! again from their blocks, so that only one page's glyphs are held; each page's content stream
//! is written and deflated directly; printpdf builds only the frame: catalog, page tree, fonts),
//! and `finish` the file (outline, `/Lang`, information dictionary, `/ID`), written by `file`
//! with the `pages`, the outline, the structure tree (`tags`) and the `links` kept compact until
//! their bytes are written.
//! printpdf, allsorts and lopdf are used only here.

mod compose;
mod deflate;
mod draw;
mod elements;
mod file;
mod finish;
mod fonts;
mod hyphen;
mod inventory;
mod items;
mod layout;
mod linebreak;
mod links;
mod marked;
mod marks;
mod metadata;
mod missing;
mod outline;
mod pages;
mod paginate;
mod place;
#[cfg(feature = "compare")]
mod redline;
mod sfnt;
mod subset;
mod syntax;
mod tags;

pub use fonts::{FontFaces, FontFamily, SiblingStems};
#[cfg(feature = "compare")]
pub use redline::redline;

use super::meta::{DocMeta, PageLayout};
use super::plan::ties::Ties;
use super::{ExportError, Format};
use crate::model::{Date, Motion};
use compose::{Block, Composition, Content};
use draw::Embedded;
use fonts::ParsedFamily;
use inventory::Inventory;
use layout::{Geometry, Line, Setter};
use place::Placer;
use std::collections::BTreeSet;

/// Options for the PDF exporter.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Paper and margins (shared with the DOCX exporter).
    pub page: PageLayout,
    /// Body type size in points (kept between 6 and 24).
    pub font_size: f32,
    /// The font family; `None` for Liberation Serif (with DejaVu Serif for what it lacks).
    pub font: Option<FontFamily>,
    /// The creation date when the motion states none (the CLI takes it from
    /// `SOURCE_DATE_EPOCH`); without either, the Unix epoch. Never the clock.
    pub fallback_date: Option<Date>,
}

impl Default for PdfOptions {
    /// A4, 12 pt Liberation Serif (the metrics of the Parliament's Times New Roman).
    fn default() -> Self {
        PdfOptions {
            page: PageLayout::default(),
            font_size: crate::export::plan::measures::BODY_PT,
            font: None,
            fallback_date: None,
        }
    }
}

/// Exports a motion to PDF.
pub fn export(motion: &Motion, options: &PdfOptions) -> Result<Vec<u8>, ExportError> {
    export_holding(motion, options, HOLD_AT)
}

/// Exports a motion to PDF, its lines holding their glyphs if it has at most `hold_at` bytes
/// of text.
fn export_holding(
    motion: &Motion,
    options: &PdfOptions,
    hold_at: usize,
) -> Result<Vec<u8>, ExportError> {
    match run(motion, options, hold_at, Goal::File, || {
        compose::compose(motion)
    })? {
        Outcome::File(bytes) => Ok(bytes),
        Outcome::Report(_) => unreachable!("a file was asked for"),
    }
}

/// What a run of the PDF pipeline ends in: the file, or the report of its lines.
enum Goal {
    File,
    Report,
}

/// What a run of the PDF pipeline gives, by its [`Goal`].
enum Outcome {
    File(Vec<u8>),
    Report(Vec<PageReport>),
}

/// The one PDF pipeline: typeset the blocks `compose` lays out (once the motion's depth is
/// checked), place them on pages, check every glyph is in the face, then draw and finish the
/// file, or report where every line stands.
fn run<'m>(
    motion: &'m Motion,
    options: &PdfOptions,
    hold_at: usize,
    goal: Goal,
    compose: impl FnOnce() -> Composition<'m>,
) -> Result<Outcome, ExportError> {
    super::check_depth(motion, Format::Pdf)?;
    let family = options
        .font
        .clone()
        .unwrap_or_else(FontFamily::liberation_serif);
    let parsed = family.parsed()?;
    let meta = DocMeta::of(motion);
    let mut set = typeset(motion, compose(), options, parsed, hold_at);
    let elements = std::mem::take(&mut set.elements);
    let mut setter = set.setter(parsed);
    let placer = placer(&set, motion);
    let inventory = check_glyphs(&set, &placer, &mut setter, motion, &family)?;
    if let Goal::Report = goal {
        let pages = (0..placer.len()).map(|index| placer.page(index, &mut setter));
        return Ok(Outcome::Report(report(pages, parsed, &set.geometry)));
    }
    let embedded = embed(&family, parsed, inventory)?;
    let mut elements = elements;
    let drawn = draw::pages((&placer, &mut setter), &embedded, parsed, &mut elements);
    // Once the pages are drawn, the file needs only the outline, the links and the structure
    // types: the lines, their blocks and their placing go before the file is written.
    drop(placer);
    let outline = place::targets(
        &set.pages,
        &set.body,
        &mut set.composition.body,
        &set.geometry,
    );
    let Typeset {
        body,
        notes,
        pages,
        composition,
        geometry,
        ..
    } = set;
    drop((body, notes, pages, composition));
    let frame = draw::frame(&embedded, &geometry)?;
    finish::finish(
        frame,
        drawn,
        &elements,
        &meta,
        options.fallback_date,
        &outline,
        &embedded,
    )
    .map(Outcome::File)
}

/// Bytes of text past which the lines do not hold their glyphs: they are read again, page by
/// page, as the pages are drawn, so that a long motion's glyphs are never all held at once.
const HOLD_AT: usize = 1 << 17;

/// The motion set in lines and put on pages.
struct Typeset<'m> {
    geometry: Geometry,
    composition: compose::Composition<'m>,
    body: Vec<Line>,
    notes: Vec<Vec<Line>>,
    pages: Vec<paginate::Page>,
    /// The structure elements of the blocks (body, then notes).
    elements: elements::Elements,
    /// Characters the faces lack.
    missing: BTreeSet<char>,
    /// The characters drawn with each face.
    inventory: Inventory,
    /// Do the lines hold their glyphs?
    hold: bool,
    /// Where a space must not break a line, in the motion's language.
    ties: Ties<'static>,
}

impl Typeset<'_> {
    /// A setter for the pages, reading glyphs again where the lines do not hold them.
    fn setter<'f>(&self, parsed: &'f ParsedFamily) -> Setter<'f> {
        let mut setter = Setter::new(parsed, self.geometry);
        setter.hold = self.hold;
        setter.ties = self.ties.clone();
        setter
    }
}

/// Sets and paginates the motion's `composition`.
fn typeset<'m>(
    motion: &'m Motion,
    composition: Composition<'m>,
    options: &PdfOptions,
    parsed: &ParsedFamily,
    hold_at: usize,
) -> Typeset<'m> {
    let regular = &parsed.faces[parsed.style_face[0]];
    let geometry = Geometry::new(&options.page, options.font_size, regular.line_height());
    let text: usize = (composition.body.iter())
        .chain(composition.notes.iter().flatten())
        .map(|b| match &b.content {
            Content::Text(spans) => spans.iter().map(|s| s.text.len()).sum(),
            _ => 0,
        })
        .sum();
    let mut setter = Setter::new(parsed, geometry);
    setter.hold = text <= hold_at;
    setter.hyphenator = hyphen::Hyphenator::for_motion(motion).map(std::rc::Rc::new);
    setter.ties = Ties::for_language(&motion.lang);
    let mut elements = elements::Elements::default();
    let body = set_blocks(&mut setter, &composition.body, &mut elements);
    let notes: Vec<Vec<Line>> = composition
        .notes
        .iter()
        .map(|blocks| set_blocks(&mut setter, blocks, &mut elements))
        .collect();
    // Held until the file is written: without the spare room.
    elements.elems.shrink_to_fit();
    let pages = paginate::paginate(
        &body,
        &notes,
        geometry.text_height(),
        paginate::separator_height(geometry.size),
    );
    Typeset {
        geometry,
        body,
        notes,
        pages,
        elements,
        hold: setter.hold,
        ties: setter.ties,
        missing: setter.missing,
        inventory: setter.inventory,
        composition,
    }
}

/// Places the pages with their header and footer: the running header shows the document
/// number (never the file name standing in for it), and not on the cover; the footer the PE
/// number and the motto when the source states the PE number.
fn placer<'a>(set: &'a Typeset<'a>, motion: &'a Motion) -> Placer<'a> {
    let cover = &motion.cover;
    let footer = crate::export::plan::furniture::footer(motion);
    let header = place::Header {
        reference: cover.doc_number.as_ref().map_or("", |n| &n.value),
        skip_first: crate::export::plan::cover::has_cover(cover),
        footer,
    };
    Placer::new(
        (&set.pages, &set.body, &set.notes),
        (&set.composition.body, &set.composition.notes),
        header,
        set.geometry,
    )
}

/// The characters drawn with each face, the running header and footer's included; fails if a
/// character has no glyph.
fn check_glyphs(
    set: &Typeset<'_>,
    placer: &Placer<'_>,
    setter: &mut Setter<'_>,
    motion: &Motion,
    family: &FontFamily,
) -> Result<Inventory, ExportError> {
    let mut inventory = set.inventory.clone();
    for index in 0..placer.len() {
        for text in placer.furniture(index, setter) {
            inventory.note_all(&text.glyphs);
        }
    }
    let mut missing = std::mem::take(&mut setter.missing);
    missing.extend(&set.missing);
    if !missing.is_empty() {
        return Err(ExportError::MissingGlyphs {
            font: family.name().to_string(),
            chars: missing::locate(motion, &missing),
        });
    }
    Ok(inventory)
}

/// The lines of a run of blocks, with page breaks and keep-with-next carried across blocks. Each
/// block of text becomes a structure element of the tagged PDF (its label one of its own when it
/// starts an item of a list), pushed onto `elements`.
fn set_blocks(
    setter: &mut Setter<'_>,
    blocks: &[Block<'_>],
    elements: &mut elements::Elements,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut keep_prev = false;
    let mut new_page = false;
    for (index, block) in blocks.iter().enumerate() {
        if block.content == Content::PageBreak {
            new_page = !lines.is_empty();
            continue;
        }
        let mut set = setter.block(block, keep_prev);
        for line in &mut set {
            line.block = index as u32;
        }
        if matches!(block.content, Content::Text(_)) {
            let (label, text) = elements.block(block);
            for line in &mut set {
                line.elem = Some(text);
            }
            if let Some(first) = set.first_mut() {
                first.label_elem = Some(label);
            }
        }
        if let Some(first) = set.first_mut() {
            first.new_page = new_page;
            first.break_before |= new_page;
            new_page = false;
            keep_prev = block.keep_with_next;
        }
        lines.extend(set);
    }
    // Held until the pages are drawn: without the spare room.
    lines.shrink_to_fit();
    lines
}

/// The subset of each face drawn with, and the characters drawn with it.
fn embed<'a>(
    family: &FontFamily,
    parsed: &'a ParsedFamily,
    inventory: Inventory,
) -> Result<Vec<Embedded<'a>>, ExportError> {
    inventory
        .chars
        .into_iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, chars)| {
            let face = &parsed.faces[i];
            let key = subset::chunks_of(chars.iter().copied());
            Ok(Embedded {
                face_index: i,
                face,
                subset: family.subsets().get(i, face, &key)?,
                chars,
            })
        })
        .collect()
}

/// Where the exporter puts text on one page (for tests of the layout).
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq)]
pub struct PageReport {
    pub width: f32,
    pub height: f32,
    /// The right edge of the text area.
    pub right: f32,
    pub lines: Vec<LineReport>,
}

/// One line of text as placed: its start, baseline, width, and the top and bottom of its
/// glyphs' boxes (from the face's ascender and descender), all in points from the bottom left.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq)]
pub struct LineReport {
    pub x: f32,
    pub baseline: f32,
    pub width: f32,
    pub top: f32,
    pub bottom: f32,
    pub text: String,
    /// A line of a justified block other than its last: it ends at the right edge of the text
    /// area.
    pub justified: bool,
    /// The width of its interword spaces as a multiple of their natural width (1 when it has
    /// none).
    pub spacing: f32,
}

/// Lays a motion out as [`export`] would and reports every line's position.
#[doc(hidden)]
pub fn layout(motion: &Motion, options: &PdfOptions) -> Result<Vec<PageReport>, ExportError> {
    match run(motion, options, HOLD_AT, Goal::Report, || {
        compose::compose(motion)
    })? {
        Outcome::Report(pages) => Ok(pages),
        Outcome::File(_) => unreachable!("a report was asked for"),
    }
}

/// Where every line of `pages` stands, and how high and deep its glyphs reach.
fn report<'a>(
    pages: impl Iterator<Item = place::PagePlan<'a>>,
    parsed: &ParsedFamily,
    geometry: &Geometry,
) -> Vec<PageReport> {
    pages
        .map(|page| PageReport {
            width: geometry.page_width,
            height: geometry.page_height,
            right: geometry.right,
            lines: page
                .texts
                .iter()
                .map(|t| {
                    let extent = |g: &layout::Glyph, up: bool| {
                        let face = &parsed.faces[g.face as usize];
                        let m = if up {
                            face.metrics.ascender
                        } else {
                            face.metrics.descender
                        };
                        t.baseline + g.rise + m as f32 / face.units_per_em as f32 * g.size
                    };
                    // How high (or deep) the line's glyphs reach; the baseline when it has none.
                    let reach = |up: bool, most: fn(f32, f32) -> f32| {
                        (t.glyphs.iter().map(|g| extent(g, up)))
                            .reduce(most)
                            .unwrap_or(t.baseline)
                    };
                    LineReport {
                        x: t.x,
                        baseline: t.baseline,
                        width: t.width(),
                        top: reach(true, f32::max),
                        bottom: reach(false, f32::min),
                        text: t.glyphs.iter().map(|g| g.ch).collect(),
                        justified: t.justified,
                        spacing: (t.glyphs.iter().find(|g| g.is_space()))
                            .map_or(1.0, |g| (g.advance + t.extra(g)) / g.advance),
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_text, InputFormat, ReadOptions};

    /// Lines that do not hold their glyphs read them again as they were set: the same file
    /// either way, for motions with footnotes, a cover, headings, long words, no-break and
    /// zero-width spaces, line breaks and emphasis.
    #[test]
    fn lines_read_again_give_the_same_file() {
        let odd = format!(
            "**B9-0146/2021**\n\n**European Parliament resolution on testing**\n\n\
             *The European Parliament,*\n\n- having regard to its resolutions[1];\n\n\
             - A. whereas {} x\u{a0}y a\u{200b}b **bold** *it*[2] -{}- z;  \nnext line\n\n\
             ## A heading\n\n1. Calls {} on everyone[1] to act;\n\n[1] A note {}.\n\n[2] Two.\n",
            "w".repeat(300),
            "v".repeat(120),
            "word[2] ".repeat(400),
            "long note text ".repeat(200),
        );
        let samples = [
            include_str!("../../../samples/B9-0801-2023_EN.txt"),
            include_str!("../../../samples/RC-B9-0560-2023_EN.txt"),
            &odd,
        ];
        for text in samples {
            let motion = read_text(text, InputFormat::Text, &ReadOptions::default()).motion;
            let options = PdfOptions::default();
            let held = export_holding(&motion, &options, usize::MAX).unwrap();
            let read_again = export_holding(&motion, &options, 0).unwrap();
            assert!(held.len() > 1000);
            assert!(held == read_again, "{}", &text[..60]);
        }
    }
}
