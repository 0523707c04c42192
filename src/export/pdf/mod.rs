//! PDF exporter: typesets a motion the way the Parliament prints its motions (a cover, then the
//! resolution with hanging numbers, justified text, footnotes at the foot of the page) and writes
//! it with printpdf, fonts subset and embedded, with an outline and document metadata.
//!
//! The steps, each its own module: `compose` the motion into blocks, set them into lines
//! (`layout`, `linebreak`), put the lines on pages (`paginate`), `place` everything on each
//! page, `subset` the faces used (without hinting: `sfnt`), `draw` (printpdf builds the pages,
//! rules, links and fonts; the text operators are written directly), and `finish` the file
//! (outline, `/Lang`, information dictionary, `/ID`), written by `file` with the outline, the
//! structure tree (`tags`) and the `links` kept compact until their bytes are written.
//! printpdf, allsorts and lopdf are used only here.

mod compose;
mod draw;
mod file;
mod finish;
mod fonts;
mod layout;
mod linebreak;
mod links;
mod metadata;
mod missing;
mod outline;
mod paginate;
mod place;
mod sfnt;
mod subset;
mod syntax;
mod tags;

pub use fonts::{FontFaces, FontFamily, SiblingStems};

use super::meta::{DocMeta, PageLayout};
use super::{ExportError, Format};
use crate::model::{Date, Motion};
use compose::{Block, Content, Tag};
use draw::Embedded;
use fonts::ParsedFamily;
use layout::{Geometry, Line, Setter};
use place::Plan;
use std::collections::BTreeSet;

/// Options for the PDF exporter.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Paper and margins (shared with the DOCX exporter).
    pub page: PageLayout,
    /// Body type size in points (kept between 6 and 24).
    pub font_size: f32,
    /// The font family; `None` for DejaVu Serif.
    pub font: Option<FontFamily>,
    /// The creation date when the motion states none (the CLI takes it from
    /// `SOURCE_DATE_EPOCH`); without either, the Unix epoch. Never the clock.
    pub fallback_date: Option<Date>,
}

impl Default for PdfOptions {
    /// A4, 11 pt DejaVu Serif.
    fn default() -> Self {
        PdfOptions {
            page: PageLayout::default(),
            font_size: 11.0,
            font: None,
            fallback_date: None,
        }
    }
}

/// Exports a motion to PDF.
pub fn export(motion: &Motion, options: &PdfOptions) -> Result<Vec<u8>, ExportError> {
    super::check_depth(motion, Format::Pdf)?;
    let family = options
        .font
        .clone()
        .unwrap_or_else(FontFamily::dejavu_serif);
    let parsed = family.parsed()?;
    let meta = DocMeta::of(motion);
    let set = typeset(motion, options, parsed);
    let plan = plan(&set, motion, &meta, &family, parsed)?;
    let embedded = embed(&family, parsed, &plan)?;
    let (doc, mcids) = draw::document(&plan, &embedded, parsed, &set.geometry, &set.tags)?;
    // Once the pages are drawn, the file needs only the outline, the links and the structure
    // types: the lines and their placing go before the file is written.
    let Plan { pages, outline } = plan;
    let links: Vec<Vec<place::Link>> = pages.into_iter().map(|p| p.links).collect();
    let Typeset {
        tags: elements,
        body,
        notes,
        pages,
        ..
    } = set;
    drop((body, notes, pages));
    let structure = tags::Structure {
        tags: &elements,
        pages: mcids,
    };
    finish::finish(
        doc,
        &meta,
        options.fallback_date,
        (&outline, &links),
        &embedded,
        structure,
    )
}

/// The motion set in lines and put on pages.
struct Typeset {
    geometry: Geometry,
    body: Vec<Line>,
    notes: Vec<Vec<Line>>,
    pages: Vec<paginate::Page>,
    /// The structure type of each element the lines belong to (body, then notes).
    tags: Vec<Tag>,
    /// Characters the faces lack.
    missing: BTreeSet<char>,
}

/// Composes, sets and paginates the motion.
fn typeset(motion: &Motion, options: &PdfOptions, parsed: &ParsedFamily) -> Typeset {
    let geometry = Geometry::new(&options.page, options.font_size);
    let composition = compose::compose(motion);
    let mut setter = Setter::new(parsed, geometry);
    let mut tags = Vec::new();
    let body = set_blocks(&mut setter, &composition.body, &mut tags);
    let notes: Vec<Vec<Line>> = composition
        .notes
        .iter()
        .map(|blocks| set_blocks(&mut setter, blocks, &mut tags))
        .collect();
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
        tags,
        missing: setter.missing,
    }
}

/// Places the pages with their header and footer; fails if a character has no glyph.
fn plan<'a>(
    set: &'a Typeset,
    motion: &Motion,
    meta: &DocMeta,
    family: &FontFamily,
    parsed: &ParsedFamily,
) -> Result<Plan<'a>, ExportError> {
    let header = place::Header {
        reference: &meta.reference,
        skip_first: motion.cover.doc_number.is_some(),
    };
    let mut setter = Setter::new(parsed, set.geometry);
    let plan = place::place(&set.pages, &set.body, &set.notes, &mut setter, &header);
    let mut missing = setter.missing;
    missing.extend(&set.missing);
    if !missing.is_empty() {
        return Err(ExportError::MissingGlyphs {
            font: family.name().to_string(),
            chars: missing::locate(motion, &missing),
        });
    }
    Ok(plan)
}

/// The lines of a run of blocks, with page breaks and keep-with-next carried across blocks. Each
/// block of text becomes a structure element of the tagged PDF, its type pushed onto `tags`.
fn set_blocks(setter: &mut Setter<'_>, blocks: &[Block<'_>], tags: &mut Vec<Tag>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut keep_prev = false;
    let mut new_page = false;
    for block in blocks {
        if block.content == Content::PageBreak {
            new_page = !lines.is_empty();
            continue;
        }
        let mut set = setter.block(block, keep_prev);
        if matches!(block.content, Content::Text(_)) {
            for line in &mut set {
                line.elem = Some(tags.len() as u32);
            }
            tags.push(block.tag);
        }
        if let Some(first) = set.first_mut() {
            first.new_page = new_page;
            first.break_before |= new_page;
            new_page = false;
            keep_prev = block.keep_with_next;
        }
        lines.extend(set);
    }
    lines
}

/// The subset of each face drawn with, and the characters drawn with it.
fn embed<'a>(
    family: &FontFamily,
    parsed: &'a ParsedFamily,
    plan: &Plan<'_>,
) -> Result<Vec<Embedded<'a>>, ExportError> {
    // A bitmap per face for the BMP (cheaper than a set insert per glyph), a set beyond it.
    let mut seen = vec![vec![0u64; 0x10000 / 64]; parsed.faces.len()];
    let mut chars = vec![BTreeSet::new(); parsed.faces.len()];
    for text in plan.pages.iter().flat_map(|p| &p.texts) {
        for g in text.glyphs.iter() {
            let face = parsed.style_face[g.style as usize];
            let cp = g.ch as usize;
            match seen[face].get_mut(cp / 64) {
                Some(word) if *word & (1 << (cp % 64)) != 0 => {}
                Some(word) => {
                    *word |= 1 << (cp % 64);
                    chars[face].insert(g.ch);
                }
                None => {
                    chars[face].insert(g.ch);
                }
            }
        }
    }
    chars
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
}

/// Lays a motion out as [`export`] would and reports every line's position.
#[doc(hidden)]
pub fn layout(motion: &Motion, options: &PdfOptions) -> Result<Vec<PageReport>, ExportError> {
    super::check_depth(motion, Format::Pdf)?;
    let family = options
        .font
        .clone()
        .unwrap_or_else(FontFamily::dejavu_serif);
    let parsed = family.parsed()?;
    let meta = DocMeta::of(motion);
    let set = typeset(motion, options, parsed);
    let plan = plan(&set, motion, &meta, &family, parsed)?;
    let geometry = set.geometry;
    Ok(plan
        .pages
        .iter()
        .map(|page| PageReport {
            width: geometry.page_width,
            height: geometry.page_height,
            lines: page
                .texts
                .iter()
                .map(|t| {
                    let extent = |g: &layout::Glyph, up: bool| {
                        let face = &parsed.faces[parsed.style_face[g.style as usize]];
                        let m = if up {
                            face.metrics.ascender
                        } else {
                            face.metrics.descender
                        };
                        t.baseline + g.rise + m as f32 / face.units_per_em as f32 * g.size
                    };
                    LineReport {
                        x: t.x,
                        baseline: t.baseline,
                        width: t.width(),
                        top: t
                            .glyphs
                            .iter()
                            .map(|g| extent(g, true))
                            .fold(t.baseline, f32::max),
                        bottom: t
                            .glyphs
                            .iter()
                            .map(|g| extent(g, false))
                            .fold(t.baseline, f32::min),
                        text: t.glyphs.iter().map(|g| g.ch).collect(),
                    }
                })
                .collect(),
        })
        .collect())
}
