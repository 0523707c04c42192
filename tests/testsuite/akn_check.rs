//! `check` on Akoma Ntoso XML (issue 5): every file the exporter writes reads back to the same
//! text and structure and checks clean; seeded defects give their codes at the right place; a
//! folder of text and XML is checked together; the reference example is read.

use crate::harness::{
    all_motion_files, all_points, assert_exit, fixtures, read_file, repo_root, run, shared_dir,
    stderr,
};
use motion_export::export::xml::{export, XmlOptions};
use motion_export::model::*;
use std::path::{Path, PathBuf};

/// A paragraph's text as the XML keeps it: a call of a known footnote is the note itself
/// (its marker as the note prints it), so only unresolved calls count as text.
fn text_of(p: &Para) -> String {
    p.inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::NoteRef { marker, note: None } => marker.as_str(),
            Inline::NoteRef { note: Some(_), .. } => "",
            Inline::LineBreak => " ",
        })
        .collect()
}

/// Every non-blank paragraph of text, in reading order.
fn texts(m: &Motion) -> Vec<String> {
    m.text_in_order()
        .into_iter()
        .map(text_of)
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// Citations, recitals, paragraphs, points, headings, footnotes.
fn counts(m: &Motion) -> [usize; 6] {
    [
        m.citations.len(),
        m.recitals.len(),
        m.paragraphs().count(),
        all_points(m),
        m.headings().count(),
        m.footnotes.len(),
    ]
}

#[test]
fn exported_xml_reads_back_to_the_same_motion() {
    let mut failures = Vec::new();
    let mut read = 0;
    for path in all_motion_files() {
        let (original, _) = read_file(&path);
        let Ok(xml) = export(&original, &XmlOptions::default()) else {
            continue; // no operative paragraph: nothing is exported
        };
        let parsed = crate::harness::read_akn(&xml);
        let name = path.display();
        let back = &parsed.motion;
        let errors: Vec<String> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.is_error() || d.code.starts_with("E-AKN"))
            .map(|d| format!("{} {:?}: {}", d.code, d.span.map(|s| s.line), d.message))
            .collect();
        if !errors.is_empty() {
            failures.push(format!("{name}: {}", errors.join("; ")));
        }
        if texts(back) != texts(&original) {
            let (a, b) = (texts(&original), texts(back));
            let first = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            failures.push(format!(
                "{name}: text differs at paragraph {first}: {:?} became {:?}",
                a.get(first),
                b.get(first)
            ));
        }
        if counts(back) != counts(&original) {
            failures.push(format!(
                "{name}: counts {:?} became {:?}",
                counts(&original),
                counts(back)
            ));
        }
        let nums = |m: &Motion| -> Vec<String> {
            let recitals = m.recitals.iter().map(|r| r.num.value.to_string());
            recitals
                .chain(m.paragraphs().map(|p| p.num.value.to_string()))
                .collect()
        };
        if nums(back) != nums(&original) || back.lang != original.lang {
            failures.push(format!("{name}: numbers or language differ"));
        }
        if back.cover.doc_number.as_ref().map(|n| &n.value)
            != original.cover.doc_number.as_ref().map(|n| &n.value)
            || back.cover.date.as_ref().map(|d| d.value)
                != original.cover.date.as_ref().map(|d| d.value)
            || back.cover.kind != original.cover.kind
        {
            failures.push(format!("{name}: cover differs"));
        }
        read += 1;
    }
    assert!(read >= 60, "only {read} files exported");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_reference_example_is_read() {
    let path = shared_dir().join("reference/akn30/example-motion.xml");
    let parsed = crate::harness::read_akn(&std::fs::read(&path).unwrap());
    let m = &parsed.motion;
    assert!(
        !parsed.diagnostics.iter().any(|d| d.is_error()),
        "{:?}",
        parsed.diagnostics
    );
    assert_eq!(counts(m), [2, 2, 3, 2, 0, 0]);
    assert_eq!(m.lang, "en");
    assert_eq!(m.cover.doc_number.as_ref().unwrap().value, "B9-0146/2021");
    assert_eq!(m.cover.procedure.as_ref().unwrap().value, "2021/2544(RSP)");
    assert_eq!(
        m.cover.date.as_ref().unwrap().value.to_string(),
        "2021-02-09"
    );
    assert_eq!(
        m.cover.authors[0]
            .group
            .as_deref()
            .map(|g| g.contains("S&D")),
        Some(true)
    );
    let text = texts(m).join(" ");
    assert!(
        text.contains("held in Kazakhstan on 10 January 2021;"),
        "{text}"
    );
    // Valid against the official schema; the profile rejects it for the four reasons
    // schemas/README.md gives, and for nothing else.
    let out = crate::harness::bin()
        .env("AKN_XSD", crate::harness::akn_xsd())
        .args(["check", "--schema", "official"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&[&"check", &path]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("error[").count(), 4, "{err}");
    assert_eq!(err.matches("error[E-AKN-SCHEMA]").count(), 4, "{err}");
    for reason in [
        "'date'",
        "'conversion'",
        "'eventRef', attribute 'eId'",
        "procedure",
    ] {
        assert!(err.contains(reason), "{reason}: {err}");
    }
}

#[test]
fn every_exported_file_checks_clean_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("xml");
    let mut args: Vec<PathBuf> = vec![
        "convert".into(),
        "-q".into(),
        "--format".into(),
        "xml".into(),
        "-o".into(),
        out.clone(),
    ];
    args.push(repo_root().join("samples"));
    args.push(shared_dir().join("corpus/ep"));
    let converted = crate::harness::bin().args(&args).output().unwrap();
    assert!(
        converted.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&converted)
    );
    let report = run(&[&"check", &"--report-format", &"json", &out]);
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert!(files.len() >= 60, "{} files", files.len());
    assert!(files
        .iter()
        .all(|f| f["path"].as_str().unwrap().ends_with(".xml")));
}

/// The exporter's XML of the first sample, with `edit` applied.
fn seeded(edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, PathBuf, String) {
    let golden = fixtures("golden").join("B9-0146-2021_EN.xml");
    let xml = edit(std::fs::read_to_string(golden).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("B9-0146-2021_EN.xml");
    std::fs::write(&path, &xml).unwrap();
    (dir, path, xml)
}

/// 1-based line and column (in characters) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Checks a seeded file: it fails with `code` reported at `file:line:col` of `at`, the XML
/// line is shown, and nothing panics.
fn assert_reports(edit: impl FnOnce(String) -> String, code: &str, at: &str) {
    let (_dir, path, xml) = seeded(edit);
    let out = run(&[&"check", &path]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{code}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(&format!("[{code}]")),
        "expected {code} in\n{err}"
    );
    let offset = xml
        .find(at)
        .unwrap_or_else(|| panic!("{at:?} not in the seeded XML"));
    let (line, col) = line_col(&xml, offset);
    let location = format!("{}:{line}:{col}", path.display());
    assert!(
        err.contains(&location),
        "{code}: expected {location} in\n{err}"
    );
    // The XML line is shown from the place marked (long lines are cut around it).
    let shown = at.lines().next().unwrap_or_default();
    let shown = &shown[..shown.char_indices().nth(20).map_or(shown.len(), |(i, _)| i)];
    assert!(
        err.contains(&format!("{line} | ")) && err.contains(shown),
        "{code}: the XML line {shown:?} is not shown in\n{err}"
    );
}

#[test]
fn seeded_defects_give_their_codes_where_they_are() {
    assert_reports(
        |x| x.replace("eId=\"preamble__cits_1__cit_2\"", "eId=\"preamble__cits_1__cit_1\""),
        "E-AKN-EID-DUPLICATE",
        "<citation eId=\"preamble__cits_1__cit_1\">\n          <p eId=\"preamble__cits_1__cit_2__p_1\"",
    );
    assert_reports(
        |x| x.replace("eId=\"preamble__recs_1__rec_B\"", "eId=\"recital_B\""),
        "E-AKN-EID-NAMING",
        "<recital eId=\"recital_B\">",
    );
    assert_reports(
        |x| x.replace("\n          <FRBRlanguage language=\"eng\"/>", ""),
        "E-AKN-METADATA",
        "<FRBRExpression>",
    );
    assert_reports(
        |x| {
            x.replace(
                "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
                "http://www.akomantoso.org/2.0",
            )
        },
        "E-AKN-NAMESPACE",
        "<akomaNtoso",
    );
    assert_reports(
        |x| x.replacen("<num>B.</num>", "<num>B.</nm>", 1),
        "E-AKN-XML",
        "</nm>",
    );
    assert_reports(
        |x| {
            let start = x.find("<recital eId=\"preamble__recs_1__rec_C\">").unwrap();
            let end = start + x[start..].find("</recital>").unwrap() + "</recital>".len();
            format!("{}{}", &x[..start], &x[end..])
        },
        "E-RECITAL-GAP",
        "<recital eId=\"preamble__recs_1__rec_D\">",
    );
    assert_reports(
        |x| {
            let deep = format!("{}deep{}", "<i>".repeat(100), "</i>".repeat(100));
            x.replacen("Calls on", &format!("{deep}Calls on"), 1)
        },
        "E-AKN-DEPTH",
        // The `p` is the 6th level, so the 59th `i` is the 65th: the first one too deep.
        &format!("{}deep", "<i>".repeat(100 - 59 + 1)),
    );
    assert_reports(
        |x| {
            x.replace(
                "<statement name=\"motionForResolution\" contains=\"originalVersion\">",
                "<doc name=\"motion\">",
            )
            .replace("</statement>", "</doc>")
        },
        "E-AKN-DOCTYPE",
        "<doc name=\"motion\">",
    );
}

#[test]
fn unknown_elements_keep_their_text_with_a_warning() {
    let (_dir, path, _) = seeded(|x| {
        x.replacen(
            "<mainBody>",
            "<mainBody>\n      <blockContainer><p>Stray words kept</p></blockContainer>",
            1,
        )
    });
    let parsed = crate::harness::read_akn(&std::fs::read(&path).unwrap());
    assert!(texts(&parsed.motion)
        .iter()
        .any(|t| t == "Stray words kept"));
    // The official schema has a place for it, the profile none.
    let out = crate::harness::bin()
        .env("AKN_XSD", crate::harness::akn_xsd())
        .args(["check", "--schema", "official"])
        .arg(&path)
        .output()
        .unwrap();
    assert_exit(&out, 0, &["warning[W-UNRECOGNISED-TEXT]", "blockContainer"]);
    let out = run(&[&"check", &path]);
    assert_exit(&out, 1, &["error[E-AKN-SCHEMA]", "'blockContainer'"]);
}

#[test]
fn a_folder_of_text_and_xml_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    let sample = repo_root().join("samples/B9-0146-2021_EN.txt");
    std::fs::copy(&sample, root.join("B9-0146-2021_EN.txt")).unwrap();
    std::fs::copy(
        fixtures("golden").join("B9-0777-2022_EN.xml"),
        root.join("sub/B9-0777-2022_EN.XML"),
    )
    .unwrap();
    std::fs::write(
        root.join("sub/broken.xml"),
        "<akomaNtoso>\n  <statement>\n</akomaNtoso>\n",
    )
    .unwrap();
    let out = run(&[&"check", &"--report-format", &"json", &root]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status: Vec<(String, String)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = Path::new(f["path"].as_str().unwrap());
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, f["status"].as_str().unwrap().to_string())
        })
        .collect();
    let names: Vec<&str> = status.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["B9-0146-2021_EN.txt", "B9-0777-2022_EN.XML", "broken.xml"],
        "{status:?}"
    );
    assert_eq!(status[2].1, "errors");
    assert!(
        err.contains("broken.xml:3:1") && err.contains("[E-AKN-XML]"),
        "{err}"
    );
    // Every report format takes XML inputs as they are.
    for format in ["github", "junit", "sarif"] {
        let out = run(&[
            &"check",
            &"-q",
            &"--report-format",
            &format,
            &root.join("sub/broken.xml"),
        ]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("E-AKN-XML"),
            "{format}"
        );
    }
}

/// The reader is fuzzed elsewhere; here, every prefix of a real file and files with bytes
/// changed at every step are read without a panic, and a cut file is never well-formed.
#[test]
fn cut_and_damaged_files_never_panic() {
    let xml = std::fs::read(fixtures("golden").join("B9-0801-2023_EN.xml")).unwrap();
    for end in (0..xml.len() - "</akomaNtoso>\n".len()).step_by(13) {
        let parsed = crate::harness::read_akn(&xml[..end]);
        assert!(
            parsed.diagnostics.iter().any(|d| d.code == "E-AKN-XML"),
            "cut at {end}"
        );
    }
    for (i, bad) in [b'<', b'>', b'&', b'"', b'/', 0xFF, b'\n']
        .iter()
        .cycle()
        .take(400)
        .enumerate()
    {
        let mut damaged = xml.clone();
        let at = (i * 7919) % damaged.len();
        damaged[at] = *bad;
        let _ = crate::harness::read_akn(&damaged);
    }
}
