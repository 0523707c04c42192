//! The printpdf side: the plan as page operations, each used face as an embedded subset font
//! (with fixed resource names, not printpdf's random ids), and the result as printpdf's lopdf
//! document, which `finish` completes and writes.

use super::fonts::{Face, ParsedFamily};
use super::layout::Geometry;
use super::place::{Plan, Text};
use super::subset::Subset;
use crate::export::{ExportError, Format};
use printpdf::{
    Actions, BorderArray, ColorArray, Destination, FontId, FontMetrics, FontType, HighlightingMode,
    LinkAnnotation, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfFontMetricsStub,
    PdfPage, PdfSaveOptions, Pt, TextItem, TextMatrix,
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
fn resource(face_index: usize) -> FontId {
    FontId(format!("F{}", face_index + 1))
}

/// Builds the printpdf document for `plan` and converts it to lopdf.
pub(super) fn document(
    plan: &Plan,
    embedded: &[Embedded<'_>],
    family: &ParsedFamily,
    g: &Geometry,
) -> Result<lopdf::Document, ExportError> {
    let mut doc = PdfDocument::new("");
    for e in embedded {
        doc.resources
            .fonts
            .map
            .insert(resource(e.face_index), PdfFont::new(parsed_font(e)?));
    }
    doc.pages = plan
        .pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            text_ops(&page.texts, family, &mut ops);
            for rule in &page.rules {
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(rule.thickness),
                });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![point(rule.x0, rule.y), point(rule.x1, rule.y)],
                        is_closed: false,
                    },
                });
            }
            for link in &page.links {
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        printpdf::Rect::from_xywh(
                            Pt(round(link.rect[0])),
                            Pt(round(link.rect[1])),
                            Pt(round(link.rect[2] - link.rect[0])),
                            Pt(round(link.rect[3] - link.rect[1])),
                        ),
                        Actions::Goto(Destination::Xyz {
                            page: link.page + 1,
                            left: Some(round(link.left)),
                            top: Some(round(link.top)),
                            zoom: None,
                        }),
                        // No visible border: the default is a one-point box.
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        Some(HighlightingMode::Invert),
                    ),
                });
            }
            let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
            let size = printpdf::Rect::from_wh(Pt(g.page_width), Pt(g.page_height));
            p.media_box = size.clone();
            p.trim_box = size.clone();
            p.crop_box = size;
            p
        })
        .collect();
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let lo = doc.to_lopdf_document(&options, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
    {
        return Err(ExportError::Backend {
            format: Format::Pdf,
            message: format!("printpdf: {}", w.msg),
        });
    }
    Ok(lo)
}

fn point(x: f32, y: f32) -> printpdf::LinePoint {
    printpdf::LinePoint {
        p: printpdf::Point {
            x: Pt(round(x)),
            y: Pt(round(y)),
        },
        bezier: false,
    }
}

/// Rounds a coordinate to a hundredth of a point, which keeps content streams short.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
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
            return Err(ExportError::Backend {
                format: Format::Pdf,
                message: format!("subset of {} lacks {c:?}", e.face.postscript_name),
            });
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

/// One text object per page: each line placed with a text matrix, then shown run by run
/// (a run is a stretch of one face, size and raise), with justification as `TJ` offsets after
/// the spaces.
fn text_ops(texts: &[Text], family: &ParsedFamily, ops: &mut Vec<Op>) {
    if texts.is_empty() {
        return;
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(usize, f32)> = None;
    let mut rise = 0.0f32;
    for text in texts {
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(round(text.x)), Pt(round(text.baseline))),
        });
        let mut i = 0;
        while i < text.glyphs.len() {
            let first = &text.glyphs[i];
            let face = family.style_face[first.style as usize];
            let key = (face, first.size, first.rise);
            if font != Some((face, first.size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(resource(face)),
                    size: Pt(round(first.size)),
                });
                font = Some((face, first.size));
            }
            if rise != first.rise {
                ops.push(Op::SetLineOffset {
                    multiplier: round(first.rise),
                });
                rise = first.rise;
            }
            let mut items = Vec::new();
            let mut buf = String::new();
            while i < text.glyphs.len() {
                let g = &text.glyphs[i];
                if (family.style_face[g.style as usize], g.size, g.rise) != key {
                    break;
                }
                buf.push(g.ch);
                let extra = text.extras[i];
                if extra.abs() >= 0.0005 {
                    items.push(TextItem::Text(std::mem::take(&mut buf)));
                    // Thousandths of an em; negative moves right.
                    let offset = -(extra * 1000.0 / g.size);
                    items.push(TextItem::Offset((offset * 10.0).round() / 10.0));
                }
                i += 1;
            }
            if !buf.is_empty() {
                items.push(TextItem::Text(buf));
            }
            ops.push(Op::ShowText { items });
        }
    }
    if rise != 0.0 {
        ops.push(Op::SetLineOffset { multiplier: 0.0 });
    }
    ops.push(Op::EndTextSection);
}
