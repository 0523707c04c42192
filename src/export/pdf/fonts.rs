//! Font families given as bytes (Liberation Serif by default, with DejaVu Serif for the
//! characters it lacks), parsed once per family: the character-to-glyph map and advance widths
//! that line breaking measures with, and the metrics the PDF font descriptor needs.
//!
//! The library never reads font files; the command line reads them and builds a
//! [`FontFamily`] (see [`FontFamily::sibling_stems`] for how to find the bold and italic faces
//! next to a regular one).

use super::subset::SubsetCache;
use crate::export::ExportError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::tables::cmap::Cmap;
use allsorts::tables::os2::Os2;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable, NameTable};
use allsorts::tag;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// The four faces of a family; the index into [`FontFamily`]'s faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub(super) enum Style {
    Regular = 0,
    Bold = 1,
    Italic = 2,
    BoldItalic = 3,
}

impl Style {
    pub(super) const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub(super) fn of(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Style::Regular => "regular",
            Style::Bold => "bold",
            Style::Italic => "italic",
            Style::BoldItalic => "bold italic",
        }
    }
}

/// The font files of a family, as bytes. Only the regular face is required: a missing face
/// falls back on the regular one (bold text is then set upright in the regular weight).
#[derive(Clone, Default)]
pub struct FontFaces {
    /// The regular face (TrueType or OpenType bytes).
    pub regular: Arc<[u8]>,
    /// The bold face, if the family has one.
    pub bold: Option<Arc<[u8]>>,
    /// The italic face, if the family has one.
    pub italic: Option<Arc<[u8]>>,
    /// The bold italic face, if the family has one.
    pub bold_italic: Option<Arc<[u8]>>,
}

impl FontFaces {
    /// The four faces of Liberation Serif 2.1.5, built in (the `fonts/` crate).
    pub fn liberation_serif() -> FontFaces {
        use motion_export_fonts::liberation_serif as face;
        FontFaces {
            regular: face::regular().into(),
            bold: Some(face::bold().into()),
            italic: Some(face::italic().into()),
            bold_italic: Some(face::bold_italic().into()),
        }
    }

    /// The four faces of DejaVu Serif, built in (the `dejavu` crate).
    pub fn dejavu_serif() -> FontFaces {
        FontFaces {
            regular: dejavu::serif::regular().into(),
            bold: Some(dejavu::serif::bold().into()),
            italic: Some(dejavu::serif::italic().into()),
            bold_italic: Some(dejavu::serif::bold_italic().into()),
        }
    }
}

impl fmt::Debug for FontFaces {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let len = |b: &Option<Arc<[u8]>>| b.as_ref().map(|b| b.len());
        f.debug_struct("FontFaces")
            .field("regular", &self.regular.len())
            .field("bold", &len(&self.bold))
            .field("italic", &len(&self.italic))
            .field("bold_italic", &len(&self.bold_italic))
            .finish()
    }
}

/// A font family for the PDF: its name (used in error messages), its faces, and the parsed
/// faces and font subsets it caches. Clones share the caches, so build one family per run and
/// clone it into every export of a batch.
#[derive(Clone)]
pub struct FontFamily {
    inner: Arc<FamilyInner>,
}

struct FamilyInner {
    name: String,
    faces: FontFaces,
    /// The faces that set what `faces` lack.
    fallback: Option<FontFaces>,
    parsed: OnceLock<Result<ParsedFamily, ExportError>>,
    subsets: SubsetCache,
}

/// The most faces a family holds: its four and its fallback's four.
pub(super) const MAX_FACES: usize = 8;

/// The parsed faces of a family and which face sets each [`Style`].
pub(super) struct ParsedFamily {
    /// At most [`MAX_FACES`].
    pub(super) faces: Vec<Face>,
    /// Index into `faces` for each style, in [`Style`] order.
    pub(super) style_face: [usize; 4],
    /// Index into `faces` of the fallback face for each style, if the family has a fallback.
    pub(super) fallback_face: [Option<usize>; 4],
}

impl ParsedFamily {
    /// The face (index into `faces`) and glyph that set `c` in `style`: the style's own face,
    /// else its fallback face; `None` when neither has the character.
    pub(super) fn lookup(&self, c: char, style: Style) -> Option<(usize, u16)> {
        let own = self.style_face[style as usize];
        if let Some(gid) = self.faces[own].glyph(c) {
            return Some((own, gid));
        }
        let fallback = self.fallback_face[style as usize]?;
        self.faces[fallback].glyph(c).map(|gid| (fallback, gid))
    }
}

impl fmt::Debug for FontFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontFamily")
            .field("name", &self.inner.name)
            .field("faces", &self.inner.faces)
            .finish()
    }
}

/// File-name stems to look for next to a regular face, most likely first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiblingStems {
    /// Stems of the bold face (`DejaVuSerif-Bold`).
    pub bold: Vec<String>,
    /// Stems of the italic face.
    pub italic: Vec<String>,
    /// Stems of the bold italic face.
    pub bold_italic: Vec<String>,
}

impl FontFamily {
    /// A family from its faces. Nothing is parsed until the first export (or [`check`]).
    ///
    /// [`check`]: FontFamily::check
    pub fn new(name: impl Into<String>, faces: FontFaces) -> FontFamily {
        FontFamily::build(name.into(), faces, None)
    }

    /// A family whose missing characters are set in `fallback`'s faces (the same style where
    /// it has one), so that one character the family lacks is no error.
    pub fn with_fallback(
        name: impl Into<String>,
        faces: FontFaces,
        fallback: FontFaces,
    ) -> FontFamily {
        FontFamily::build(name.into(), faces, Some(fallback))
    }

    fn build(name: String, faces: FontFaces, fallback: Option<FontFaces>) -> FontFamily {
        FontFamily {
            inner: Arc::new(FamilyInner {
                name,
                faces,
                fallback,
                parsed: OnceLock::new(),
                subsets: SubsetCache::default(),
            }),
        }
    }

    /// Liberation Serif, the default: the metrics of Times New Roman, the face of the
    /// Parliament's documents and of the DOCX, so lines and pages agree between the two; Latin
    /// with every diacritic of the EU's languages, Greek, Cyrillic, typographic quotes and
    /// dashes, €, §. DejaVu Serif sets what it lacks (the no-break hyphen U+2011, rare
    /// symbols). One process-wide instance, so its subsets are shared by every export.
    pub fn liberation_serif() -> FontFamily {
        use motion_export_fonts::liberation_serif as face;
        static LIBERATION: OnceLock<FontFamily> = OnceLock::new();
        LIBERATION
            .get_or_init(|| {
                FontFamily::with_fallback(
                    face::FAMILY,
                    FontFaces::liberation_serif(),
                    FontFaces::dejavu_serif(),
                )
            })
            .clone()
    }

    /// DejaVu Serif alone (the default before Liberation Serif; wider): Latin with every
    /// diacritic, Greek, Cyrillic, typographic quotes and dashes, €, §. One process-wide
    /// instance, so its subsets are shared by every export.
    pub fn dejavu_serif() -> FontFamily {
        static DEJAVU: OnceLock<FontFamily> = OnceLock::new();
        DEJAVU
            .get_or_init(|| FontFamily::new("DejaVu Serif", FontFaces::dejavu_serif()))
            .clone()
    }

    /// The family's name as given.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Parses the faces now, so a command line can reject a bad `--pdf-font` before a batch.
    pub fn check(&self) -> Result<(), ExportError> {
        self.parsed().map(|_| ())
    }

    /// The stems of the bold, italic and bold-italic files that usually sit next to a regular
    /// face named `stem` (without extension): for `DejaVuSerif` or `DejaVuSerif-Regular`,
    /// `DejaVuSerif-Bold`, `DejaVuSerif-Italic`, `DejaVuSerif-BoldItalic` (and the `Oblique`
    /// spellings). The command line tries each with the regular file's extension in its folder.
    pub fn sibling_stems(stem: &str) -> SiblingStems {
        let base = ["-Regular", "-Roman", "-Book", "_Regular", " Regular"]
            .iter()
            .find_map(|suffix| stem.strip_suffix(suffix))
            .unwrap_or(stem);
        let with = |suffixes: &[&str]| suffixes.iter().map(|s| format!("{base}{s}")).collect();
        SiblingStems {
            bold: with(&["-Bold", "_Bold", " Bold", "bd"]),
            italic: with(&["-Italic", "-Oblique", "_Italic", " Italic", "i"]),
            bold_italic: with(&[
                "-BoldItalic",
                "-BoldOblique",
                "_BoldItalic",
                " Bold Italic",
                "bi",
                "z",
            ]),
        }
    }

    pub(super) fn parsed(&self) -> Result<&ParsedFamily, ExportError> {
        self.inner
            .parsed
            .get_or_init(|| {
                let inner = &self.inner;
                parse_family(&inner.name, &inner.faces, inner.fallback.as_ref())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub(super) fn subsets(&self) -> &SubsetCache {
        &self.inner.subsets
    }
}

fn parse_family(
    name: &str,
    faces: &FontFaces,
    fallback: Option<&FontFaces>,
) -> Result<ParsedFamily, ExportError> {
    let mut parsed = Vec::new();
    let style_face = parse_faces(name, faces, &mut parsed)?;
    let fallback_face = match fallback {
        Some(fallback) => parse_faces(name, fallback, &mut parsed)?.map(Some),
        None => [None; 4],
    };
    Ok(ParsedFamily {
        faces: parsed,
        style_face,
        fallback_face,
    })
}

/// Parses the faces of `faces` not yet in `parsed` onto it; the index of the face that sets
/// each style.
fn parse_faces(
    name: &str,
    faces: &FontFaces,
    parsed: &mut Vec<Face>,
) -> Result<[usize; 4], ExportError> {
    let given = [
        None,
        faces.bold.as_ref(),
        faces.italic.as_ref(),
        faces.bold_italic.as_ref(),
    ];
    let mut style_face = [0; 4];
    for style in Style::ALL {
        // Bold italic falls back on bold, then italic, then regular; the others on regular.
        let source = match style {
            Style::BoldItalic => given[3].or(given[1]).or(given[2]),
            other => given[other as usize],
        };
        let bytes = source.unwrap_or(&faces.regular);
        if let Some(i) = parsed
            .iter()
            .position(|f: &Face| Arc::ptr_eq(&f.bytes, bytes))
        {
            style_face[style as usize] = i;
            continue;
        }
        let face = Face::parse(bytes.clone())
            .map_err(|e| ExportError::Font(format!("{name} ({}): {e}", style.describe())))?;
        style_face[style as usize] = parsed.len();
        parsed.push(face);
    }
    Ok(style_face)
}

/// One parsed face: glyph lookup, advances and the descriptor metrics.
pub(super) struct Face {
    pub(super) bytes: Arc<[u8]>,
    /// The PostScript name, used (with a subset tag) as the PDF `/BaseFont`.
    pub(super) postscript_name: String,
    pub(super) units_per_em: u16,
    /// Glyph id for each BMP code point (0 when the face has none).
    bmp: Vec<u16>,
    astral: HashMap<u32, u16>,
    /// Advance width of each glyph, in font units.
    pub(super) advances: Vec<u16>,
    /// Advance width of each glyph in thousandths of an em, truncated to an integer exactly as
    /// printpdf writes it into `/W`, so that the viewer's pen and the line breaker agree.
    widths: Vec<u16>,
    pub(super) metrics: FaceMetrics,
}

/// What the PDF font descriptor says about a face.
#[derive(Debug, Clone, Copy)]
pub(super) struct FaceMetrics {
    pub(super) ascender: i16,
    pub(super) descender: i16,
    pub(super) line_gap: i16,
    pub(super) x_min: i16,
    pub(super) y_min: i16,
    pub(super) x_max: i16,
    pub(super) y_max: i16,
    pub(super) caret_slope_rise: i16,
    pub(super) caret_slope_run: i16,
    pub(super) weight_class: u16,
}

impl Face {
    fn parse(bytes: Arc<[u8]>) -> Result<Face, String> {
        let file = ReadScope::new(&bytes)
            .read::<FontData<'_>>()
            .map_err(|e| format!("not a font file ({e})"))?;
        let provider = file
            .table_provider(0)
            .map_err(|e| format!("unreadable font ({e})"))?;
        let table = |t: u32| {
            provider
                .read_table_data(t)
                .map_err(|e| format!("missing table {} ({e})", tag::DisplayTag(t)))
        };
        let head_data = table(tag::HEAD)?;
        let head = ReadScope::new(&head_data)
            .read::<HeadTable>()
            .map_err(|e| format!("bad head table ({e})"))?;
        let maxp_data = table(tag::MAXP)?;
        let maxp = ReadScope::new(&maxp_data)
            .read::<MaxpTable>()
            .map_err(|e| format!("bad maxp table ({e})"))?;
        let hhea_data = table(tag::HHEA)?;
        let hhea = ReadScope::new(&hhea_data)
            .read::<HheaTable>()
            .map_err(|e| format!("bad hhea table ({e})"))?;
        if head.units_per_em == 0 {
            return Err("units per em is zero".into());
        }

        let cmap_data = table(tag::CMAP)?;
        let (bmp, astral) = char_map(&cmap_data, maxp.num_glyphs)?;

        let hmtx_data = table(tag::HMTX)?;
        let hmtx = ReadScope::new(&hmtx_data)
            .read_dep::<HmtxTable<'_>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .map_err(|e| format!("bad hmtx table ({e})"))?;
        let advances: Vec<u16> = (0..maxp.num_glyphs)
            .map(|gid| hmtx.horizontal_advance(gid).unwrap_or(0))
            .collect();
        let upm = head.units_per_em;
        let widths = advances
            .iter()
            .map(|&a| (a as f32 * 1000.0 / upm as f32) as u16)
            .collect();

        let postscript_name = provider
            .read_table_data(tag::NAME)
            .ok()
            .and_then(|d| {
                ReadScope::new(&d)
                    .read::<NameTable<'_>>()
                    .ok()
                    .and_then(|n| n.string_for_id(NameTable::POSTSCRIPT_NAME))
            })
            .map(|n| pdf_name(&n))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Font".to_string());
        let weight_class = provider
            .read_table_data(tag::OS_2)
            .ok()
            .and_then(|d| ReadScope::new(&d).read_dep::<Os2>(d.len()).ok())
            .map_or(0, |os2| os2.us_weight_class);

        Ok(Face {
            bytes: bytes.clone(),
            postscript_name,
            units_per_em: upm,
            bmp,
            astral,
            advances,
            widths,
            metrics: FaceMetrics {
                ascender: hhea.ascender,
                descender: hhea.descender,
                line_gap: hhea.line_gap,
                x_min: head.x_min,
                y_min: head.y_min,
                x_max: head.x_max,
                y_max: head.y_max,
                caret_slope_rise: hhea.caret_slope_rise,
                caret_slope_run: hhea.caret_slope_run,
                weight_class,
            },
        })
    }

    /// The glyph for a character, if the face has one.
    pub(super) fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        let gid = match self.bmp.get(cp as usize) {
            Some(&g) => g,
            None => self.astral.get(&cp).copied().unwrap_or(0),
        };
        (gid != 0).then_some(gid)
    }

    /// Single line spacing in ems, as word processors compute it from the horizontal header:
    /// ascender, descender and line gap (1.15 for Liberation Serif and Times New Roman).
    pub(super) fn line_height(&self) -> f32 {
        let m = &self.metrics;
        let units = i32::from(m.ascender) - i32::from(m.descender) + i32::from(m.line_gap.max(0));
        units as f32 / f32::from(self.units_per_em)
    }

    /// Advance of a glyph in ems, as the viewer will compute it from `/W`.
    pub(super) fn advance_em(&self, gid: u16) -> f32 {
        self.widths.get(gid as usize).copied().unwrap_or(0) as f32 / 1000.0
    }
}

/// The glyph of each code point the face's Unicode cmap maps to a glyph it has: the Basic
/// Multilingual Plane as a table, the other planes as a map.
fn char_map(cmap_data: &[u8], num_glyphs: u16) -> Result<(Vec<u16>, HashMap<u32, u16>), String> {
    let cmap = ReadScope::new(cmap_data)
        .read::<Cmap<'_>>()
        .map_err(|e| format!("bad cmap table ({e})"))?;
    let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap)
        .ok()
        .flatten()
        .ok_or("no Unicode cmap")?;
    let mut bmp = vec![0u16; 0x10000];
    let mut astral = HashMap::new();
    subtable
        .mappings_fn(|cp, gid| {
            if gid < num_glyphs {
                match usize::try_from(cp) {
                    Ok(i) if i < bmp.len() => bmp[i] = gid,
                    _ => {
                        astral.insert(cp, gid);
                    }
                }
            }
        })
        .map_err(|e| format!("bad cmap subtable ({e})"))?;
    Ok((bmp, astral))
}

/// Keeps only the characters a PDF name may hold without escaping.
fn pdf_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .take(60)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dejavu_serif_covers_the_eu_scripts() {
        let family = FontFamily::dejavu_serif();
        let parsed = family.parsed().unwrap();
        assert_eq!(parsed.faces.len(), 4);
        for face in &parsed.faces {
            for c in "AzĄłŁžčőășțėųΩαЖжЂ€§„“«»‘’–—".chars() {
                assert!(
                    face.glyph(c).is_some(),
                    "{} lacks {c}",
                    face.postscript_name
                );
            }
            assert!(face.postscript_name.starts_with("DejaVuSerif"));
        }
        let regular = &parsed.faces[0];
        let m = regular.advance_em(regular.glyph('m').unwrap());
        let i = regular.advance_em(regular.glyph('i').unwrap());
        assert!(m > i && m < 1.2 && i > 0.2, "m {m}, i {i}");
    }

    #[test]
    fn missing_faces_fall_back_on_regular() {
        let family = FontFamily::new(
            "Only regular",
            FontFaces {
                regular: dejavu::serif::regular().into(),
                ..FontFaces::default()
            },
        );
        let parsed = family.parsed().unwrap();
        assert_eq!(parsed.faces.len(), 1);
        assert_eq!(parsed.style_face, [0, 0, 0, 0]);
    }

    #[test]
    fn rejects_garbage_with_the_family_name() {
        let family = FontFamily::new(
            "Broken",
            FontFaces {
                regular: vec![1u8, 2, 3].into(),
                ..FontFaces::default()
            },
        );
        match family.check() {
            Err(ExportError::Font(msg)) => assert!(msg.contains("Broken"), "{msg}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sibling_stems_strip_regular() {
        let s = FontFamily::sibling_stems("DejaVuSerif-Regular");
        assert_eq!(s.bold[0], "DejaVuSerif-Bold");
        assert_eq!(s.italic[0], "DejaVuSerif-Italic");
        assert_eq!(s.bold_italic[0], "DejaVuSerif-BoldItalic");
        let s = FontFamily::sibling_stems("DejaVuSerif");
        assert_eq!(s.bold[0], "DejaVuSerif-Bold");
    }
}
