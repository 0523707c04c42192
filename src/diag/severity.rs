//! How serious a diagnostic is: the one scale the catalogue and every finding share.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is. Errors make a file fail; warnings do not unless denied; notes
/// only inform (what the reader did on the user's behalf, e.g. page furniture it removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Only informs: what the reader did on the user's behalf.
    Note,
    /// Worth fixing; fails the file only when denied.
    Warning,
    /// The file fails: no output is written of it.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}
