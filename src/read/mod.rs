//! Reading: input bytes in any supported format -> the one [`Motion`] and its diagnostics.
//!
//! [`read`] is the one way in, for the command line, tests, benchmarks, fuzzing and embedding
//! alike: decode the bytes ([`decode`]), hand the text to the reader registered for its
//! [`InputFormat`] (plain text: `text`; Akoma Ntoso: `akn`), then check the motion against
//! the profile ([`crate::validate::validate`]) unless the input was not a motion at all. A second
//! input format is one more variant here and one more reader beside the others. With the
//! feature `schema`, well-formed Akoma Ntoso is also validated against an XML Schema
//! ([`ReadOptions::schema`]).

pub(crate) mod akn;
pub mod decode;
pub(crate) mod text;

use crate::diag::{self, codes, Diagnostic};
use crate::model::{Motion, Parsed};
use std::path::Path;

#[cfg(feature = "schema")]
pub use akn::schema::Schema;

/// The formats a motion can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Plain text as people have it: PDF text dumps, web page text, `pdftotext` output.
    Text,
    /// Akoma Ntoso 3.0 XML, as the XML exporter writes it or written by hand to the same profile.
    Akn,
}

impl InputFormat {
    /// The format a file's name implies: `*.xml` is Akoma Ntoso, anything else is text.
    pub fn of_path(path: &Path) -> InputFormat {
        match path.extension() {
            Some(ext) if ext.eq_ignore_ascii_case("xml") => InputFormat::Akn,
            _ => InputFormat::Text,
        }
    }
}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force the language (ISO 639-1, e.g. `de`) instead of recognising it from the text.
    pub lang: Option<String>,
    /// Name of the source, usually the file stem; used for identifiers when the text states no
    /// document number, and to cross-check the language code in names like `B9-0146-2021_EN`.
    pub source_name: String,
    /// Check the motion against the profile's rules after reading it (the default). Off, only
    /// what the reader itself finds is reported.
    pub validate: bool,
    /// Validate Akoma Ntoso input against this XML Schema too (`E-AKN-SCHEMA`); `None`, the
    /// default, validates against none. Well-formed input only: ill-formed XML is `E-AKN-XML`.
    #[cfg(feature = "schema")]
    pub schema: Option<Schema>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            lang: None,
            source_name: String::new(),
            validate: true,
            #[cfg(feature = "schema")]
            schema: None,
        }
    }
}

/// A read input: its decoded text (which the diagnostics' spans point into), the motion and
/// the diagnostics, sorted by position.
#[derive(Debug, Clone)]
pub struct Read {
    /// The input decoded to UTF-8.
    pub text: String,
    /// The motion, whole.
    pub motion: Motion,
    /// What the reader and the validator found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one input: decodes it, reads it by its format, validates the motion.
///
/// Never panics and never drops text. `Err` only when the bytes are not text the readers can take
/// (binary data, invalid UTF-8, an unsupported encoding): one `E-INPUT-*` diagnostic.
pub fn read(bytes: &[u8], format: InputFormat, options: &ReadOptions) -> Result<Read, Diagnostic> {
    let text = match format {
        InputFormat::Text => decode::decode(bytes)?,
        // By the byte-order mark or the encoding the XML declaration names, so that the spans
        // point into the text the diagnostics show.
        InputFormat::Akn => decode::decode_xml(bytes)?,
    };
    let parsed = read_text(&text, format, options);
    Ok(Read {
        text,
        motion: parsed.motion,
        diagnostics: parsed.diagnostics,
    })
}

/// [`read`] for text already decoded.
pub fn read_text(text: &str, format: InputFormat, options: &ReadOptions) -> Parsed {
    let (mut parsed, is_motion) = match format {
        InputFormat::Text => {
            let parsed = text::parse(text, options);
            // An empty input has nothing to validate; saying so once is enough.
            let empty = parsed
                .diagnostics
                .iter()
                .any(|d| d.code == codes::INPUT_EMPTY.name);
            (parsed, !empty)
        }
        InputFormat::Akn => akn::read(text.as_bytes()),
    };
    #[cfg(feature = "schema")]
    if let (InputFormat::Akn, Some(schema)) = (format, &options.schema) {
        let well_formed = !parsed
            .diagnostics
            .iter()
            .any(|d| d.code == codes::AKN_XML.name);
        if well_formed {
            let found = akn::schema::validate(text, schema);
            parsed.diagnostics.extend(found);
        }
    }
    if options.validate && is_motion {
        let more = crate::validate::validate(&parsed.motion);
        parsed.diagnostics.extend(more);
    }
    if parsed.motion.source_name.is_empty() {
        parsed.motion.source_name = options.source_name.clone();
    }
    diag::sort(&mut parsed.diagnostics);
    parsed
}
