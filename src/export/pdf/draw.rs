//! Drawing: each page's content stream (its rules and its text) is written here, and printpdf
//! builds the document's frame (the catalog, the page tree and the embedded subset fonts with
//! their widths and ToUnicode maps, under fixed resource names rather than printpdf's random
//! ids). The pages' objects (`pages`) and link annotations (`links`) are not printpdf's: they are
//! written into the file when their turn comes.
//!
//! Why the text is not drawn through printpdf's `ShowText`: printpdf and lopdf encode every
//! glyph id as a hex string one formatted byte at a time, which alone takes longer than the
//! whole export may (about 1.6 ms for a five-page motion). printpdf still decides what each font
//! embeds: it learns the glyphs of each face from an inventory page that shows each character
//! drawn once, and that page is removed once printpdf has written the fonts.

use super::deflate::{self, Deflater};
use super::elements::Elements;
use super::fonts::{Face, ParsedFamily};
use super::layout::{Geometry, Glyph, Setter};
use super::marked::Marker;
use super::marks;
use super::pages::Content;
use super::place::{Link, PagePlan, Placer, Rule, Text};
use super::subset::Subset;
use super::syntax::digits;
use crate::export::{ExportError, Format};
use lopdf::{Document, Object, ObjectId};
use printpdf::{
    FontId, FontMetrics, FontType, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfFontMetricsStub, PdfPage, PdfSaveOptions, Pt, TextItem,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A face as embedded: its subset and the characters drawn with it.
pub(super) struct Embedded<'a> {
    pub(super) face_index: usize,
    pub(super) face: &'a Face,
    pub(super) subset: Arc<Subset>,
    pub(super) chars: BTreeSet<char>,
}

/// The font resource name of a face: fixed, so the output does not depend on printpdf's ids.
fn resource(face_index: usize) -> String {
    format!("F{}", face_index + 1)
}

/// The pages drawn: each page's content stream (deflated as it is drawn: a long motion's pages
/// are all held until the file is written), and for each page the element of each
/// marked-content id (MCID) drawn on it, and its links.
pub(super) struct Drawn {
    pub(super) contents: Vec<Content>,
    pub(super) mcids: Vec<Vec<u32>>,
    pub(super) links: Vec<Vec<Link>>,
}

/// Draws the pages `placer` places, one page at a time (only one page's glyphs are held): its
/// rules, then its text in marked content for the structure `elements`.
pub(super) fn pages(
    (placer, setter): (&Placer<'_>, &mut Setter<'_>),
    embedded: &[Embedded<'_>],
    family: &ParsedFamily,
    elements: &mut Elements,
) -> Drawn {
    let mut drawn = Drawn {
        contents: Vec::with_capacity(placer.len()),
        mcids: Vec::with_capacity(placer.len()),
        links: Vec::with_capacity(placer.len()),
    };
    let mut marker = Marker::new(elements);
    let mut deflater = Deflater::new(deflate::STREAMS);
    let mut content = Vec::new();
    let mut links_before = 0;
    for index in 0..placer.len() {
        let mut page = placer.page(index, setter);
        content.clear();
        rules(&mut content, &page.rules);
        let faces = (family, embedded);
        text_stream(&mut content, &mut page, faces, &mut marker, links_before);
        marks::draw(&mut content, &page.texts, placer.left());
        links_before += page.links.len() as u32;
        drawn.contents.push(match deflater.pack(&content) {
            Some(bytes) => Content {
                bytes,
                deflated: true,
            },
            None => Content {
                bytes: content.clone(),
                deflated: false,
            },
        });
        drawn.mcids.push(marker.end_page());
        let mut links = page.links;
        // Held until the file is written: without the spare room.
        links.shrink_to_fit();
        drawn.links.push(links);
    }
    drawn
}

/// Links past this many (in reading order) are not elements of the structure tree: each costs
/// the file about a hundred bytes of references that do not compress (a `Reference`, a `Link`,
/// its annotation and its key in the parent tree), and a hostile motion of a hundred thousand
/// calls would hold a file of many times its size. Their text is drawn in their element's, and
/// their annotations are still written. No motion of the Parliament comes near it.
pub(super) const TAGGED_LINKS: u32 = 10_000;

/// The document's frame, printpdf's: the catalog, the embedded subset fonts, an empty page tree
/// and the resources every page shares (the fonts, under fixed names).
pub(super) struct Frame {
    pub(super) doc: Document,
    pub(super) page_tree: ObjectId,
    pub(super) resources: ObjectId,
    /// Every page's width and height, in points.
    pub(super) size: [f32; 2],
}

/// Builds the frame: printpdf writes the fonts of a page that shows each character drawn once,
/// and that page is then removed, its resources kept for every page.
pub(super) fn frame(embedded: &[Embedded<'_>], g: &Geometry) -> Result<Frame, ExportError> {
    let mut doc = PdfDocument::new("");
    for e in embedded {
        doc.resources.fonts.map.insert(
            FontId(resource(e.face_index)),
            PdfFont::new(parsed_font(e)?),
        );
    }
    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), inventory(embedded));
    let size = printpdf::Rect::from_wh(Pt(g.page_width), Pt(g.page_height));
    page.media_box = size;
    doc.pages.push(page);
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    drop(doc);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
    {
        return Err(backend(format!("printpdf: {}", w.msg)));
    }
    let (page_tree, resources) = remove_inventory_page(&mut lo)?;
    Ok(Frame {
        doc: lo,
        page_tree,
        resources,
        size: [g.page_width, g.page_height],
    })
}

/// A page's rules: decoration, so artifacts, outside the structure.
fn rules(out: &mut Vec<u8>, rules: &[Rule]) {
    if rules.is_empty() {
        return;
    }
    out.extend_from_slice(b"/Artifact BMC\n");
    for rule in rules {
        num(out, rule.thickness, 2);
        out.extend_from_slice(b" w\n");
        for (x, op) in [(rule.x0, &b" m\n"[..]), (rule.x1, b" l\n")] {
            num(out, x, 2);
            out.push(b' ');
            num(out, rule.y, 2);
            out.extend_from_slice(op);
        }
        out.extend_from_slice(b"S\n");
    }
    out.extend_from_slice(b"EMC\n");
}

fn backend(message: impl Into<String>) -> ExportError {
    ExportError::Backend {
        format: Format::Pdf,
        message: message.into(),
    }
}

/// The subset face as printpdf's font: the program, the characters drawn mapped to subset glyph
/// ids, their advances for `/W`, and the descriptor metrics.
fn parsed_font(e: &Embedded<'_>) -> Result<ParsedFont, ExportError> {
    let mut codepoint_to_glyph = BTreeMap::new();
    let mut glyph_widths = BTreeMap::new();
    for &c in &e.chars {
        let new = e
            .face
            .glyph(c)
            .and_then(|gid| e.subset.gid(gid).map(|new| (gid, new)));
        let Some((gid, new)) = new else {
            return Err(backend(format!(
                "subset of {} lacks {c:?}",
                e.face.postscript_name
            )));
        };
        codepoint_to_glyph.insert(c as u32, new);
        glyph_widths.insert(new, e.face.advances[gid as usize]);
    }
    let m = e.face.metrics;
    let font_type = if e.subset.program.starts_with(b"OTTO") {
        FontType::OpenTypeCFF(())
    } else {
        FontType::TrueType
    };
    Ok(ParsedFont {
        original_bytes: e.subset.program.clone(),
        font_index: 0,
        font_name: Some(e.subset.base_font.clone()),
        codepoint_to_glyph,
        glyph_widths,
        units_per_em: e.face.units_per_em,
        font_metrics: FontMetrics {
            ascent: m.ascender,
            descent: m.descender,
        },
        font_type,
        pdf_font_metrics: PdfFontMetricsStub {
            units_per_em: e.face.units_per_em,
            x_min: m.x_min,
            y_min: m.y_min,
            x_max: m.x_max,
            y_max: m.y_max,
            caret_slope_rise: m.caret_slope_rise,
            caret_slope_run: m.caret_slope_run,
            us_weight_class: m.weight_class,
        },
    })
}

/// Each face showing each of its characters once: what printpdf reads to decide which glyphs
/// each font's widths and ToUnicode map list.
fn inventory(embedded: &[Embedded<'_>]) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for e in embedded {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(resource(e.face_index))),
            size: Pt(10.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(e.chars.iter().collect())],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Removes the inventory page, the page tree's only page, with its contents; returns the page
/// tree and the page's resources, pared down to the fonts.
fn remove_inventory_page(doc: &mut Document) -> Result<(ObjectId, ObjectId), ExportError> {
    let bad = |what: &str| backend(format!("printpdf wrote no {what}"));
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| bad("catalog"))?;
    let pages_id = doc
        .get_dictionary(root)
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|_| bad("page tree"))?;
    let pages = doc
        .get_object_mut(pages_id)
        .and_then(Object::as_dict_mut)
        .map_err(|_| bad("page tree"))?;
    let kids = pages
        .get_mut(b"Kids")
        .and_then(Object::as_array_mut)
        .map_err(|_| bad("page list"))?;
    let last = kids
        .pop()
        .and_then(|k| k.as_reference().ok())
        .ok_or_else(|| bad("inventory page"))?;
    let Some(Object::Dictionary(page)) = doc.objects.remove(&last) else {
        return Err(bad("inventory page"));
    };
    if let Ok(id) = page.get(b"Contents").and_then(Object::as_reference) {
        doc.objects.remove(&id);
    }
    let resources = page
        .get(b"Resources")
        .and_then(Object::as_reference)
        .map_err(|_| bad("resources"))?;
    let dict = doc
        .get_object_mut(resources)
        .and_then(Object::as_dict_mut)
        .map_err(|_| bad("resources"))?;
    let unused: Vec<Vec<u8>> = (dict.iter())
        .map(|(key, _)| key.clone())
        .filter(|key| key != b"Font")
        .collect();
    let mut orphans = Vec::new();
    for key in unused {
        if let Some(Object::Reference(id)) = dict.remove(&key) {
            orphans.push(id);
        }
    }
    for id in orphans {
        doc.objects.remove(&id);
    }
    Ok((pages_id, resources))
}

/// One text object for the page: each line placed with a text matrix, then shown run by run
/// (a run is a stretch of one face, size and raise) as `TJ` arrays of two-byte glyph codes, with
/// justification as offsets after the spaces. The lines are drawn in marked content for their
/// elements (see [`Marker`]), the page furniture as artifacts.
fn text_stream(
    out: &mut Vec<u8>,
    page: &mut PagePlan<'_>,
    (family, embedded): (&ParsedFamily, &[Embedded<'_>]),
    marker: &mut Marker<'_>,
    links_before: u32,
) {
    let PagePlan { texts, links, .. } = page;
    if texts.is_empty() {
        return;
    }
    // Subset of each face index.
    let mut subsets: Vec<Option<&Subset>> = vec![None; family.faces.len()];
    for e in embedded {
        subsets[e.face_index] = Some(&e.subset);
    }
    out.extend_from_slice(b"BT\n");
    let mut state = Shown {
        font: None,
        rise: 0.0,
        tracking: 0.0,
        subsets,
    };
    for text in texts.iter() {
        state.track(out, text.spacing.tracking);
        out.extend_from_slice(b"1 0 0 1 ");
        num(out, text.x, 2);
        out.push(b' ');
        num(out, text.baseline, 2);
        out.extend_from_slice(b" Tm\n");
        let glyphs = &text.glyphs[..];
        let mut from = 0;
        if let Some(parent) = text.elem {
            // Each link its own sequence, in a `Link` element: a call's inside a `Reference`.
            let tagged = text
                .links
                .iter()
                .filter(|l| links_before + l.2 < TAGGED_LINKS);
            for &(first, end, link) in tagged {
                let (first, end) = (first as usize, end as usize);
                if first > from {
                    state.show_in(out, marker, text, &glyphs[from..first], Some(parent));
                }
                let elements = &mut *marker.elements;
                let elem = match glyphs[first].link() {
                    Some(note) => elements.call(parent, note as u32),
                    None => elements.link(parent),
                };
                elements.elems[elem as usize].extra = links_before + link;
                links[link as usize].elem = elem;
                marker.start(out, Some(elem));
                let change = glyphs[first].change();
                marks::fill(out, change, false);
                state.show(out, text, &glyphs[first..end]);
                marks::fill(out, change, true);
                from = end;
            }
        }
        if from == 0 || from < glyphs.len() {
            state.show_in(out, marker, text, &glyphs[from..], text.elem);
        }
    }
    marker.close(out);
    if state.rise != 0.0 {
        out.extend_from_slice(b"0 Ts\n");
    }
    if state.tracking != 0.0 {
        out.extend_from_slice(b"0 Tc\n");
    }
    out.extend_from_slice(b"ET");
}

/// The text state of the page being drawn: the face and size set, the raise, the character
/// spacing, and the subset of each face.
struct Shown<'s> {
    font: Option<(usize, f32)>,
    rise: f32,
    /// The character spacing (`Tc`) set, in points, as written.
    tracking: f32,
    subsets: Vec<Option<&'s Subset>>,
}

impl Shown<'_> {
    /// Shows `glyphs` of `text` in marked content for `elem`, each run of a redline's change
    /// in its colour and, inside an element, in an element of its own (see [`marks`]).
    fn show_in(
        &mut self,
        out: &mut Vec<u8>,
        marker: &mut Marker<'_>,
        text: &Text<'_>,
        glyphs: &[Glyph],
        elem: Option<u32>,
    ) {
        for (run, change) in marks::runs(glyphs) {
            let own = elem.map(|parent| {
                (marker.elements)
                    .change(parent, change, || marks::words(run))
                    .unwrap_or(parent)
            });
            marker.start(out, own);
            marks::fill(out, change, false);
            self.show(out, text, run);
            marks::fill(out, change, true);
        }
    }

    /// Sets the character spacing to a line's tracking (to [`TRACKING_DECIMALS`]), so that
    /// the letters of a loosely spaced line need no offset of their own.
    fn track(&mut self, out: &mut Vec<u8>, tracking: f32) {
        let scale = 10f32.powi(TRACKING_DECIMALS as i32);
        let tracking = (tracking * scale).round() / scale;
        if tracking != self.tracking {
            num(out, tracking, TRACKING_DECIMALS);
            out.extend_from_slice(b" Tc\n");
            self.tracking = tracking;
        }
    }

    /// Shows `glyphs` of `text`, run by run.
    fn show(&mut self, out: &mut Vec<u8>, text: &Text<'_>, glyphs: &[Glyph]) {
        let mut glyphs = glyphs.iter().peekable();
        while let Some(first) = glyphs.peek().copied() {
            let face = first.face as usize;
            if self.font != Some((face, first.size)) {
                out.extend_from_slice(b"/F");
                digits(out, face as u64 + 1, 0);
                out.push(b' ');
                num(out, first.size, 2);
                out.extend_from_slice(b" Tf\n");
                self.font = Some((face, first.size));
            }
            if self.rise != first.rise {
                num(out, first.rise, 2);
                out.extend_from_slice(b" Ts\n");
                self.rise = first.rise;
            }
            let key = (face, first.size, first.rise);
            out.extend_from_slice(b"[<");
            let subset = self.subsets[face];
            while let Some(g) = glyphs.next_if(|g| (g.face as usize, g.size, g.rise) == key) {
                let code = subset.and_then(|s| s.code(g.gid)).unwrap_or(0);
                hex(out, code);
                // The character spacing moves every glyph; spaces move by their own offset.
                let extra = text.extra(g) - self.tracking;
                if extra.abs() >= 0.0005 {
                    // Thousandths of an em; negative moves right.
                    out.push(b'>');
                    num(out, -(extra * 1000.0 / g.size), 1);
                    out.push(b'<');
                }
            }
            out.extend_from_slice(b">]TJ\n");
        }
    }
}

/// Decimals of the character spacing: a line of a hundred letters is then off by less than a
/// hundredth of a point.
const TRACKING_DECIMALS: u32 = 4;

fn hex(out: &mut Vec<u8>, code: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(DIGITS[usize::from((code >> shift) & 0xF)]);
    }
}

/// Writes `v` with at most `decimals` decimals, without trailing zeros.
pub(super) fn num(out: &mut Vec<u8>, v: f32, decimals: u32) {
    let scale = 10i64.pow(decimals);
    let mut n = (f64::from(v) * scale as f64).round() as i64;
    if n < 0 {
        out.push(b'-');
        n = -n;
    }
    digits(out, (n / scale) as u64, 0);
    let mut frac = n % scale;
    if frac != 0 {
        out.push(b'.');
        let mut places = decimals as usize;
        while frac % 10 == 0 {
            frac /= 10;
            places -= 1;
        }
        digits(out, frac as u64, places);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact() {
        let cases = [
            (0.0, 2, "0"),
            (12.5, 2, "12.5"),
            (-3.456, 2, "-3.46"),
            (0.05, 2, "0.05"),
            (595.276, 2, "595.28"),
            (-0.004, 2, "0"),
            (-250.04, 1, "-250"),
            (0.0324, 4, "0.0324"),
            (1.0005, 4, "1.0005"),
            (-0.0501, 4, "-0.0501"),
            (100.0, 1, "100"),
        ];
        for (v, d, want) in cases {
            let mut out = Vec::new();
            num(&mut out, v, d);
            assert_eq!(String::from_utf8(out).unwrap(), want, "{v}");
        }
        let mut out = Vec::new();
        hex(&mut out, 0x01AF);
        assert_eq!(out, b"01AF");
    }
}
