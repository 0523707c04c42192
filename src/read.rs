//! Turning input bytes into text: byte-order marks, UTF-16, invalid UTF-8, binary data, size.

use crate::diag::Diagnostic;

/// Decodes input bytes to text. Placeholder.
pub fn decode(bytes: &[u8]) -> Result<String, Diagnostic> {
    Ok(String::from_utf8_lossy(bytes).into_owned())
}
