//! What the fuzz targets share: the pipeline from text to every format, and the checks each
//! output must pass (no panic, well-formed XML, the same bytes twice, no word lost).

use motion_export::export::{self, ExportError, ExportOptions, Format};
use motion_export::model::Parsed;
use motion_export::model::{Motion, Point};
use motion_export::read::{read_text, InputFormat, ReadOptions};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeSet;

/// Reads decoded text as the command line does, through the library's one pipeline.
pub fn read(text: &str, source_name: &str) -> Parsed {
    let options = ReadOptions {
        source_name: source_name.to_owned(),
        ..ReadOptions::default()
    };
    read_text(text, InputFormat::Text, &options)
}

/// Exports `motion` to `format` and checks the result: errors must be ones the motion can
/// cause (never a backend failure), and XML must be well-formed.
pub fn export_checked(motion: &Motion, format: Format) -> Result<Vec<u8>, ExportError> {
    let result = export::export(motion, format, &ExportOptions::default());
    match &result {
        Ok(bytes) if format == Format::Xml => assert_well_formed(bytes),
        Ok(_) => {}
        Err(ExportError::Backend { .. } | ExportError::Font(_)) => {
            panic!("{format} export failed on its own: {:?}", result)
        }
        Err(_) => {}
    }
    result
}

/// Asserts that `xml` is well-formed: UTF-8, one root element, matching tags, unique attributes,
/// escapes that resolve, and only characters XML 1.0 allows.
pub fn assert_well_formed(xml: &[u8]) {
    let text = std::str::from_utf8(xml).expect("XML is not UTF-8");
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => panic!("XML not well-formed at {}: {e}", reader.buffer_position()),
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                if depth == 0 {
                    roots += 1;
                }
                for attr in e.attributes().with_checks(true) {
                    let attr = attr.expect("bad attribute");
                    let value = attr.unescape_value().expect("bad escape in attribute");
                    assert_xml_chars(&value);
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                let t = t.unescape().expect("bad escape in text");
                assert!(depth > 0 || t.trim().is_empty(), "text outside the root");
                assert_xml_chars(&t);
            }
            Event::CData(c) => assert_xml_chars(&String::from_utf8_lossy(c)),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    assert_eq!(roots, 1, "not exactly one root element");
}

/// XML 1.0 `Char`: tab, line feed, carriage return and everything from space up, except the
/// surrogates (which `char` cannot hold) and U+FFFE, U+FFFF.
fn assert_xml_chars(s: &str) {
    if let Some(c) = s.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }) {
        panic!("character XML forbids: U+{:04X}", c as u32);
    }
}

/// Lower-cased runs of at least three letters: the words a check of "no word lost" compares.
/// Shorter runs, digits and punctuation are left out because the reader turns them into numbers,
/// dates and labels, and a hyphen at a line end may join two runs.
pub fn letter_runs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// Everything of the motion a reader could see: its running text, its numbers and the cover
/// fields kept as data.
pub fn model_texts(m: &Motion) -> Vec<String> {
    fn nums(points: &[Point], out: &mut Vec<String>) {
        for p in points {
            out.push(p.num.text.to_string());
            nums(&p.points, out);
        }
    }
    let mut all: Vec<String> = m.text_in_order().iter().map(|p| p.plain_text()).collect();
    let c = &m.cover;
    for field in [
        &c.doc_number,
        &c.pe_number,
        &c.kind_text,
        &c.rule,
        &c.procedure,
    ] {
        all.extend(field.iter().map(|f| f.value.clone()));
    }
    for g in &c.authors {
        all.extend(g.members.iter().cloned());
        all.extend(g.group.iter().cloned());
        all.extend(g.group_line.iter().cloned());
    }
    for r in &c.replaces {
        all.push(r.number.clone());
        all.extend(r.group.iter().cloned());
    }
    for r in &m.recitals {
        all.push(r.num.text.to_string());
        nums(&r.points, &mut all);
    }
    for p in m.paragraphs() {
        all.push(p.num.text.to_string());
        nums(&p.points, &mut all);
    }
    all.extend(m.footnotes.iter().map(|n| n.marker.clone()));
    all
}

/// The letter runs of `text` that the motion `m` read from it holds nowhere: neither as a run
/// of its own nor inside its letters joined (a word split or joined at a line end).
pub fn lost_words(text: &str, m: &Motion) -> BTreeSet<String> {
    let texts = model_texts(m);
    let runs: BTreeSet<String> = texts.iter().flat_map(|t| letter_runs(t)).collect();
    let letters: String = texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    letter_runs(text)
        .filter(|w| !runs.contains(w) && !letters.contains(w.as_str()))
        .collect()
}

/// The command line's human renderer, included as it is: it depends only on the library's
/// diagnostics and annotate-snippets, and the binary's modules are not a library to link.
#[path = "../../src/cli/render.rs"]
#[allow(dead_code)]
pub mod render;

/// A text, a file name and diagnostics beyond the reader's own, with any span: what the human
/// renderer may be given.
#[derive(arbitrary::Arbitrary, Debug)]
pub struct HumanInput {
    pub text: String,
    pub path: String,
    pub extra: Vec<ExtraDiagnostic>,
    /// `--max-per-code`.
    pub max: u8,
    pub color: bool,
}

#[derive(arbitrary::Arbitrary, Debug)]
pub struct ExtraDiagnostic {
    pub span: Option<motion_export::diag::Span>,
    pub code: u8,
    pub message: String,
    pub hints: Vec<String>,
}

/// Reads `input.text` as the command line does, adds the extra diagnostics (their spans folded
/// into and a little beyond the text, on character boundaries or not) and renders them all for
/// the terminal: no panic, no control or escape character but the renderer's own colours, no line
/// a CI runner would read as a workflow command (`::`).
pub fn render_checked(input: &HumanInput) -> String {
    use motion_export::diag::Diagnostic;
    let mut diagnostics = read(&input.text, "fuzz").diagnostics;
    let len = input.text.len() + 8;
    diagnostics.extend(input.extra.iter().map(|e| {
        let code = &motion_export::diag::codes::ALL
            [e.code as usize % motion_export::diag::codes::ALL.len()];
        Diagnostic {
            code: code.name,
            severity: code.severity,
            span: e.span.map(|mut s| {
                s.start %= len;
                s.end %= len;
                s
            }),
            message: e.message.clone(),
            hints: e.hints.clone(),
            labels: Box::default(),
        }
    }));
    let out = render::capped_to(
        &diagnostics,
        &input.path,
        &input.text,
        input.color,
        input.max as usize,
    );
    assert_terminal_safe(&out);
    out
}

/// Asserts that `text`, once the renderer's colour sequences (`ESC [ digits ; m`) are taken out,
/// holds no control character but newlines, no bidi override or isolate, and no line that starts
/// with `::` after blanks.
pub fn assert_terminal_safe(text: &str) {
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\u{1b}[") {
        plain.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(j) if after[j..].starts_with('m') => rest = &after[j + 1..],
            _ => {
                plain.push('\u{1b}');
                rest = &rest[i + 1..];
            }
        }
    }
    plain.push_str(rest);
    let bad = |c: char| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if let Some(c) = plain.chars().find(|&c| bad(c)) {
        panic!("raw {c:?} in human output: {}", plain.escape_debug());
    }
    for line in plain.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "a line starts with `::`: {}",
            line.escape_debug()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbitrary::{Arbitrary, Unstructured};

    /// The `render_text` target's body on its seeds: the samples with hostile file names and
    /// texts, and inputs built by `arbitrary` from fixed bytes.
    #[test]
    fn render_text_on_its_seeds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut texts: Vec<String> = std::fs::read_dir(root.join("samples"))
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
            .collect();
        texts.push("The European Parliament,\n\n1. Calls \u{93}here\u{94};\n".into());
        texts.push("\u{1b}]0;PWNED\u{7} \u{1b}[2J\u{1b}[41m\n::error::x\n\u{202e}1. x".into());
        let paths = [
            "a.txt",
            "a\n::add-mask::x.txt",
            "::error::x.txt",
            "\u{1b}[31m\u{9b}.txt",
        ];
        for (i, text) in texts.iter().enumerate() {
            let input = HumanInput {
                text: text.clone(),
                path: paths[i % paths.len()].into(),
                extra: vec![ExtraDiagnostic {
                    span: Some(motion_export::diag::Span {
                        start: 10,
                        end: 7,
                        line: 1,
                        col: 1,
                    }),
                    code: 3,
                    message: "\u{1b}[2J::x".into(),
                    hints: vec!["\n::error::h".into()],
                }],
                max: 3,
                color: i % 2 == 0,
            };
            render_checked(&input);
        }
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..300 {
            let bytes: Vec<u8> = (0..512)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect();
            if let Ok(input) = HumanInput::arbitrary(&mut Unstructured::new(&bytes)) {
                render_checked(&input);
            }
        }
    }
}
