//! Embedding motion-export in a service: bytes in, bytes out, diagnostics as JSON.
//!
//! `cargo run --release --example embed -- xml B9-0146-2021_EN < motion.txt > motion.xml` reads a
//! motion from standard input, writes the format asked for (`xml` or `pdf`) to standard output
//! and the diagnostics, as a JSON array, to standard error. A service would call [`convert`]
//! from its request handler the same way.

use motion_export::diag::Diagnostic;
use motion_export::export::{export, ExportOptions, Format};
use motion_export::read::{read, InputFormat, ReadOptions};
use std::io::{Read, Write};

/// What a service answers: the output when the motion has no errors, and every diagnostic.
pub struct Answer {
    /// The output file's bytes; `None` when the motion has errors or could not be exported.
    pub output: Option<Vec<u8>>,
    /// The diagnostics as a JSON array.
    pub diagnostics_json: String,
}

/// Converts one motion given as bytes (text or Akoma Ntoso) to `format`.
pub fn convert(bytes: &[u8], input: InputFormat, name: &str, format: Format) -> Answer {
    let options = ReadOptions {
        source_name: name.to_owned(),
        ..ReadOptions::default()
    };
    let (motion, mut diagnostics) = match read(bytes, input, &options) {
        Ok(read) => (Some(read.motion), read.diagnostics),
        // Not text at all (binary, an unknown encoding): one diagnostic says why.
        Err(rejected) => (None, vec![rejected]),
    };
    let mut output = None;
    if let Some(motion) = motion.filter(|_| !diagnostics.iter().any(Diagnostic::is_error)) {
        match export(&motion, format, &ExportOptions::default()) {
            Ok(bytes) => output = Some(bytes),
            Err(e) => diagnostics.push(Diagnostic::new(
                &motion_export::diag::codes::EXPORT,
                None,
                e.to_string(),
            )),
        }
    }
    let diagnostics_json = serde_json::to_string(&diagnostics).expect("diagnostics serialise");
    Answer {
        output,
        diagnostics_json,
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let format = match args.next().as_deref() {
        Some("pdf") => Format::Pdf,
        _ => Format::Xml,
    };
    let name = args.next().unwrap_or_else(|| "stdin".into());
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .expect("standard input");
    let input = match bytes.trim_ascii_start().starts_with(b"<") {
        true => InputFormat::Akn,
        false => InputFormat::Text,
    };
    let answer = convert(&bytes, input, &name, format);
    eprintln!("{}", answer.diagnostics_json);
    if let Some(output) = answer.output {
        std::io::stdout()
            .write_all(&output)
            .expect("standard output");
    } else {
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../samples/B9-0146-2021_EN.txt");

    #[test]
    fn a_sample_converts_to_xml_and_pdf_and_back() {
        let answer = convert(
            SAMPLE.as_bytes(),
            InputFormat::Text,
            "B9-0146-2021_EN",
            Format::Xml,
        );
        let xml = answer.output.expect("the sample has no errors");
        assert!(xml.starts_with(b"<?xml"));
        let parsed: serde_json::Value = serde_json::from_str(&answer.diagnostics_json).unwrap();
        assert!(parsed.is_array());
        // The XML reads back as Akoma Ntoso and converts to PDF.
        let pdf = convert(&xml, InputFormat::Akn, "B9-0146-2021_EN", Format::Pdf);
        assert!(pdf.output.expect("a PDF").starts_with(b"%PDF-"));
    }

    #[test]
    fn errors_come_back_as_json_without_output() {
        let answer = convert(b"\0\x01binary", InputFormat::Text, "x", Format::Xml);
        assert!(answer.output.is_none());
        let parsed: serde_json::Value = serde_json::from_str(&answer.diagnostics_json).unwrap();
        assert_eq!(parsed[0]["code"], "E-INPUT-BINARY");
    }
}
