//! Akoma Ntoso 3.0 XML exporter (quick-xml). Placeholder until the XML exporter lands.

use super::{ExportError, Format};
use crate::model::Motion;

/// Options for the XML exporter.
#[derive(Debug, Clone, Default)]
pub struct XmlOptions {
    /// The date for identifiers when the motion states none (the CLI takes it from
    /// `SOURCE_DATE_EPOCH`).
    pub fallback_date: Option<crate::model::Date>,
}

/// Exports a motion to Akoma Ntoso XML.
pub fn export(_motion: &Motion, _options: &XmlOptions) -> Result<Vec<u8>, ExportError> {
    Err(ExportError::Backend {
        format: Format::Xml,
        message: "the XML exporter is not built yet".into(),
    })
}
