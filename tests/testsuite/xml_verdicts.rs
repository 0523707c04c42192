//! `check` on XML (issue 11): its well-formedness verdict agrees with xmllint's on a corpus of
//! tricky documents, declared encodings are decoded, many attributes cost linear work, and the
//! reader's memory stays within a bound of the input's size whatever the shape of the XML.

use crate::harness::{assert_linear, assert_memory_bound, files_in, fixtures, run};
use motion_export::read::InputFormat;
use std::path::{Path, PathBuf};

/// The codes by which `check` rejects a file as XML: not well-formed, or bytes it cannot decode.
const REJECTIONS: [&str; 3] = ["E-AKN-XML", "E-INPUT-ENCODING", "E-INPUT-BINARY"];

fn corpus() -> Vec<PathBuf> {
    files_in(&fixtures("xml-verdicts"), "xml")
}

/// xmllint's verdict: well-formed when it exits 0 and reports no namespace error. (libxml2
/// 2.9 reports an undeclared prefix, a duplicate expanded attribute name and `xmlns:p=""` as
/// "namespace error" yet exits 0; such documents are well-formed XML 1.0 but not
/// namespace-well-formed, which Akoma Ntoso requires.)
fn xmllint_accepts(path: &Path) -> bool {
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet"])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xmllint ({e}); `make test` installs it"));
    out.status.success() && !String::from_utf8_lossy(&out.stderr).contains("namespace error")
}

#[test]
fn well_formedness_verdicts_agree_with_xmllint() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus is there: {files:?}");
    let mut disagreements = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let xmllint = xmllint_accepts(path);
        // The corpus names say what the documents are, so that xmllint is checked too.
        assert_eq!(xmllint, !name.ends_with(".bad.xml"), "xmllint on {name}");
        let out = run(&[&"check", path]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!err.contains("panicked"), "{name}: {err}");
        let ours = !REJECTIONS.iter().any(|c| err.contains(&format!("[{c}]")));
        if ours != xmllint {
            disagreements.push(format!("{name}: xmllint {xmllint}, check {ours}\n{err}"));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn declared_encodings_are_decoded() {
    for (file, text) in [
        ("encoding-iso-8859-1.xml", "café naïve"),
        ("encoding-windows-1252.xml", "€ – “q”"),
        ("encoding-utf-16-bom.xml", "Ελλάδα"),
        ("encoding-utf-8-bom.xml", "é"),
    ] {
        let bytes = std::fs::read(fixtures("xml-verdicts").join(file)).unwrap();
        let decoded = motion_export::read::decode::decode_xml(&bytes).unwrap();
        let options = motion_export::read::ReadOptions {
            validate: false,
            ..Default::default()
        };
        let parsed = motion_export::read::read_text(&decoded, InputFormat::Akn, &options);
        // The `p` has no place in the profile: its text is kept where it stands.
        let kept: Vec<String> = parsed
            .motion
            .trailing
            .iter()
            .map(|p| p.plain_text())
            .collect();
        assert_eq!(kept, [text], "{file}");
    }
}

/// `<i>x</i>` repeated in one paragraph of the exporter's XML of the first sample.
fn italics(n: usize) -> String {
    golden().replacen("Calls on", &format!("{}Calls on", "<i>x</i>".repeat(n)), 1)
}

fn golden() -> String {
    std::fs::read_to_string(fixtures("golden").join("B9-0146-2021_EN.xml")).unwrap()
}

#[test]
fn many_attributes_on_one_element_cost_linear_work() {
    assert_linear("attributes", &["check"], 5_000, |n| {
        let attrs: String = (0..n).map(|k| format!(" a{k}=\"1\"")).collect();
        golden().replacen("<akomaNtoso ", &format!("<akomaNtoso{attrs} "), 1)
    });
}

#[cfg(target_os = "linux")]
#[test]
fn reading_xml_takes_memory_in_proportion_to_its_size() {
    let dir = tempfile::tempdir().unwrap();
    type Shape = (&'static str, fn(usize) -> String);
    let shapes: [Shape; 3] = [
        ("italics", italics),
        ("paragraphs", |n| {
            let ps = "<p>x</p>".repeat(n);
            golden().replacen(
                "<mainBody>",
                &format!("<mainBody><blockContainer>{ps}</blockContainer>"),
                1,
            )
        }),
        ("long text", |n| {
            golden().replacen("Calls on", &format!("{}Calls on", "x ".repeat(4 * n)), 1)
        }),
    ];
    for (what, make) in shapes {
        for mib in [2, 8] {
            let path = dir.path().join(format!("{mib}.xml"));
            std::fs::write(&path, make(mib * 1024 * 1024 / 8)).unwrap();
            assert_memory_bound(&format!("{what}, {mib} MiB"), &["check"], &path, 20, 40);
        }
    }
}
