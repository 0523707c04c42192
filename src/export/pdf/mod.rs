//! PDF exporter (printpdf). Placeholder until the PDF exporter lands: it reports that the format
//! is not available rather than writing anything.

use super::{ExportError, Format};
use crate::model::Motion;

/// Options for the PDF exporter.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Paper and margins.
    pub page: crate::export::meta::PageLayout,
}

/// Exports a motion to PDF.
pub fn export(_motion: &Motion, _options: &PdfOptions) -> Result<Vec<u8>, ExportError> {
    Err(ExportError::Backend {
        format: Format::Pdf,
        message: "the PDF exporter is not built yet".into(),
    })
}
