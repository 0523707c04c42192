//! DOCX exporter (docx-rs). Placeholder until the DOCX exporter lands: it reports that the format
//! is not available rather than writing anything.

use super::{ExportError, Format};
use crate::model::Motion;

/// Options for the DOCX exporter.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// Paper and margins.
    pub page: crate::export::meta::PageLayout,
}

/// Exports a motion to DOCX.
pub fn export(_motion: &Motion, _options: &DocxOptions) -> Result<Vec<u8>, ExportError> {
    Err(ExportError::Backend {
        format: Format::Docx,
        message: "the DOCX exporter is not built yet".into(),
    })
}
