//! Font options of the PDF exporter from the command line: `--font-size`, and `--pdf-font PATH`
//! read from disk with the bold and italic faces of its family, found beside it by the family
//! and style names inside the font files (not by their file names).

use super::font_names::{self, FaceNames, Style};
use super::{regular, Fatal};
use motion_export::export::pdf::{FontFaces, FontFamily};
use motion_export::export::ExportOptions;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the font options chose.
#[derive(Debug, Clone, Default)]
pub struct FontChoice {
    /// A digest of the `--pdf-font` files, so incremental builds notice a changed font; empty
    /// without `--pdf-font`.
    pub digest: String,
    /// Which faces are used, for one line on standard error: `PDF font: ...`.
    pub note: Option<String>,
}

/// Applies `--font-size` (already in range) and `--pdf-font` to the export options.
pub fn apply(
    export: &mut ExportOptions,
    font_size: f32,
    pdf_font: Option<&Path>,
) -> Result<FontChoice, Fatal> {
    // One size for both paged formats, so their lines and pages agree.
    export.pdf.font_size = font_size;
    export.docx.font_size_pt = font_size;
    let Some(path) = pdf_font else {
        return Ok(FontChoice::default());
    };
    let usage = |p: &Path, e: &dyn std::fmt::Display| {
        Fatal::Usage(format!("--pdf-font {}: {e}", p.display()))
    };
    let read = |p: &Path| -> Result<Arc<[u8]>, Fatal> {
        regular::read(p, regular::FONT_LIMIT)
            .map(Arc::from)
            .map_err(|e| usage(p, &e))
    };
    let regular: Arc<[u8]> = read(path)?;
    let names = font_names::from_bytes(&regular).unwrap_or_default();
    let [bold, italic, bold_italic] = siblings(path, &names);
    let faces = FontFaces {
        bold: bold.as_deref().map(read).transpose()?,
        italic: italic.as_deref().map(read).transpose()?,
        bold_italic: bold_italic.as_deref().map(read).transpose()?,
        regular,
    };
    let name = names.family_name().map_or_else(
        || {
            path.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        },
        str::to_string,
    );
    let note = describe(&name, path, [&bold, &italic, &bold_italic]);
    let mut digest_input = Vec::new();
    for face in [
        Some(&faces.regular),
        faces.bold.as_ref(),
        faces.italic.as_ref(),
        faces.bold_italic.as_ref(),
    ] {
        digest_input.extend_from_slice(face.map_or(&[][..], |f| &f[..]));
        digest_input.push(0);
    }
    let family = FontFamily::new(name, faces);
    family.check().map_err(|e| usage(path, &e))?;
    export.pdf.font = Some(family);
    Ok(FontChoice {
        digest: super::incremental::key(&String::from_utf8_lossy(&digest_input), "font", ""),
        note: Some(note),
    })
}

/// The bold, italic and bold-italic faces of the family of `regular` (whose names are
/// `names`) in its folder: every `*.ttf` and `*.otf` there that is a regular file within the
/// size limit, the first by file name for each style. Files that cannot be read are skipped.
fn siblings(regular: &Path, names: &FaceNames) -> [Option<PathBuf>; 3] {
    let mut found: [Option<PathBuf>; 3] = Default::default();
    if names.family_name().is_none() {
        return found;
    }
    let dir = match regular.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut candidates: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name() != regular.file_name()
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
        })
        .collect();
    candidates.sort();
    for candidate in candidates {
        let Ok(mut file) = regular::open(&candidate, regular::FONT_LIMIT) else {
            continue;
        };
        let slot = match font_names::from_file(&mut file).and_then(|n| n.style_in(names)) {
            Some(Style::Bold) => 0,
            Some(Style::Italic) => 1,
            Some(Style::BoldItalic) => 2,
            Some(Style::Regular) | None => continue,
        };
        found[slot].get_or_insert(candidate);
    }
    found
}

/// `PDF font: FreeSerif: regular FreeSerif.ttf, bold FreeSerifBold.ttf, ...`, and for each
/// face not found, which face its text uses instead (as the PDF exporter falls back).
fn describe(family: &str, regular: &Path, faces: [&Option<PathBuf>; 3]) -> String {
    let [bold, italic, bold_italic] = faces;
    let mut used = vec![format!("regular {}", file_name(regular))];
    let mut missing = Vec::new();
    let bold_italic_fallback = if bold.is_some() {
        Style::Bold
    } else if italic.is_some() {
        Style::Italic
    } else {
        Style::Regular
    };
    for (face, style, fallback) in [
        (bold, Style::Bold, Style::Regular),
        (italic, Style::Italic, Style::Regular),
        (bold_italic, Style::BoldItalic, bold_italic_fallback),
    ] {
        let style = style.describe();
        match face {
            Some(p) => used.push(format!("{style} {}", file_name(p))),
            None => missing.push(format!(
                "no {style} face found: {style} text uses {}",
                fallback.describe()
            )),
        }
    }
    let mut note = format!("PDF font: {family}: {}", used.join(", "));
    for m in missing {
        note.push_str("; ");
        note.push_str(&m);
    }
    note
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_the_faces_and_their_fallbacks() {
        let some = |s: &str| Some(PathBuf::from(s));
        assert_eq!(
            describe("F", Path::new("d/F.ttf"), [&some("d/FB.ttf"), &None, &None]),
            "PDF font: F: regular F.ttf, bold FB.ttf; no italic face found: italic text uses \
             regular; no bold italic face found: bold italic text uses bold"
        );
    }
}
