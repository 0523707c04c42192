//! The reader: plain text -> [`Motion`] plus diagnostics. It never fails and never drops text.

use crate::diag::Diagnostic;
use crate::model::Motion;

/// Options for the reader.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Force the language (ISO 639-1, e.g. `de`) instead of recognising it from the text.
    pub lang: Option<String>,
    /// Name of the source, usually the file stem; used for identifiers when the text states no
    /// document number, and to cross-check the language code in names like `B9-0146-2021_EN`.
    pub source_name: String,
}

/// What the reader found: the motion and what it noticed on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub motion: Motion,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a motion from decoded text.
pub fn parse(_text: &str, options: &ParseOptions) -> Parsed {
    Parsed {
        motion: Motion {
            source_name: options.source_name.clone(),
            lang: "en".into(),
            ..Motion::default()
        },
        diagnostics: Vec::new(),
    }
}
