//! Font options of the PDF exporter from the command line: `--font-size`, and `--pdf-font PATH`
//! read from disk with its bold and italic siblings.

use super::Fatal;
use motion_export::export::pdf::{FontFaces, FontFamily};
use motion_export::export::ExportOptions;
use std::path::Path;
use std::sync::Arc;

/// Applies `--font-size` and `--pdf-font` to the export options. Returns a digest of the font
/// files read, so incremental builds notice a changed font.
pub fn apply(
    export: &mut ExportOptions,
    font_size: Option<f32>,
    pdf_font: Option<&Path>,
) -> Result<String, Fatal> {
    if let Some(size) = font_size {
        if !(6.0..=24.0).contains(&size) {
            return Err(Fatal::Usage(format!(
                "--font-size {size}: use a size from 6 to 24 points"
            )));
        }
        export.pdf.font_size = size;
    }
    let Some(path) = pdf_font else {
        return Ok(String::new());
    };
    let read = |p: &Path| {
        std::fs::read(p)
            .map(Arc::from)
            .map_err(|e| Fatal::Io(format!("--pdf-font {}: {e}", p.display())))
    };
    let regular: Arc<[u8]> = read(path)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new("."));
    let siblings = FontFamily::sibling_stems(&stem);
    let find = |stems: &[String]| -> Result<Option<Arc<[u8]>>, Fatal> {
        match stems
            .iter()
            .map(|s| dir.join(format!("{s}.{ext}")))
            .find(|p| p.is_file())
        {
            Some(p) => read(&p).map(Some),
            None => Ok(None),
        }
    };
    let faces = FontFaces {
        bold: find(&siblings.bold)?,
        italic: find(&siblings.italic)?,
        bold_italic: find(&siblings.bold_italic)?,
        regular,
    };
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
    let family = FontFamily::new(stem, faces);
    family
        .check()
        .map_err(|e| Fatal::Usage(format!("--pdf-font {}: {e}", path.display())))?;
    export.pdf.font = Some(family);
    Ok(super::incremental::key(
        &String::from_utf8_lossy(&digest_input),
        "font",
        "",
    ))
}
