//! Font options of the PDF exporter from the command line: reading `--pdf-font` files.

use super::Fatal;
use motion_export::export::ExportOptions;
use std::path::Path;

/// Applies `--font-size` and `--pdf-font` to the export options.
pub fn apply(
    _export: &mut ExportOptions,
    font_size: Option<f32>,
    pdf_font: Option<&Path>,
) -> Result<(), Fatal> {
    if font_size.is_some() || pdf_font.is_some() {
        return Err(Fatal::Usage(
            "--font-size and --pdf-font need the PDF exporter, which this build lacks".into(),
        ));
    }
    Ok(())
}
