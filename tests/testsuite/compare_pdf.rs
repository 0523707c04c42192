//! Issue 17's PDF redline: read back with pdftotext, it holds NEW's words in order and OLD's
//! words in order and no other (for every edit of the harness's generator on every sample, and
//! one edit on each corpus motion, in turn); it passes `qpdf --check`; its changes are drawn
//! (the insertions' and deletions' colours and lines in the content streams, none in a motion
//! compared with itself) and tagged (`Ins` and `Del` elements role-mapped to `Span`, each with an
//! `/Alt` naming the change, in the motion's language, and its words; an inserted footnote call
//! coloured as inserted); the same bytes every time and from two threads, through the library
//! and the command line; `compare --replaced DIR --format pdf` writes a valid PDF per pair.

use crate::compare::{edited, group_motion};
use crate::harness::{self, apply_edit, run, Edit, EDITS};
use crate::pdf::{Pdf, Printed};
use motion_export::compare::{compare, Change};
use motion_export::export::pdf::{self, PdfOptions};
use motion_export::model::Motion;
use std::collections::HashSet;
use std::path::PathBuf;

fn pdf_redline(old: &Motion, new: &Motion) -> Vec<u8> {
    let c = compare(old, new);
    pdf::redline(old, new, &c, &PdfOptions::default()).expect("redline")
}

/// The cases the PDF tests read back: every edit of every sample, and on each corpus motion
/// one edit, the next in the generator's list for each.
fn cases() -> Vec<(String, Motion, Motion, Vec<Change>)> {
    let samples = harness::repo_root().join("samples");
    let mut corpus: Vec<PathBuf> = Vec::new();
    let mut out = Vec::new();
    for (file, edit, old, new, changes) in edited() {
        if !file.starts_with(&samples) {
            if corpus.last() != Some(&file) {
                corpus.push(file.clone());
            }
            if edit != EDITS[(corpus.len() - 1) % EDITS.len()] {
                continue;
            }
        }
        out.push((format!("{} {edit:?}", file.display()), old, new, changes));
    }
    out
}

/// `f` on each case, from two threads (pdftotext and qpdf take most of the time).
fn each_case<T: Send>(
    cases: &[(String, Motion, Motion, Vec<Change>)],
    f: impl Fn(&str, &Motion, &Motion, &[Change]) -> T + Sync,
) -> Vec<T> {
    let half = cases.len().div_ceil(2);
    std::thread::scope(|s| {
        let f = &f;
        let parts: Vec<_> = (cases.chunks(half.max(1)))
            .map(|part| {
                s.spawn(move || {
                    (part.iter())
                        .map(|(what, old, new, changes)| f(what, old, new, changes))
                        .collect::<Vec<T>>()
                })
            })
            .collect();
        parts.into_iter().flat_map(|p| p.join().unwrap()).collect()
    })
}

/// Issue 17: the PDF redline's text, as pdftotext reads it (the hyphens the line breaker added
/// taken out, NEW's footnotes at the foot of their pages), holds NEW's words in order and OLD's
/// words in order, and no word that neither version prints.
#[test]
fn issue_17_the_pdf_redline_holds_both_versions_words() {
    let cases = cases();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let failures: Vec<String> = each_case(&cases, |what, old, new, _| {
        let text = Pdf::from_bytes(pdf_redline(old, new), "redline").text();
        let (p_new, p_old) = (Printed::of(new), Printed::of(old));
        let known: HashSet<&str> = p_new.known().union(&p_old.known()).copied().collect();
        let actual = p_new.read_back(what, new, &text, &known);
        let mut failures = Vec::new();
        for (version, p) in [("NEW", &p_new), ("OLD", &p_old)] {
            let missing = harness::diff_words(&p.main, &actual).missing;
            if !missing.is_empty() {
                failures.push(format!("{what}: {version}'s words missing: {missing:?}"));
            }
        }
        let extra: Vec<&String> = (actual.iter())
            .filter(|w| !known.contains(w.as_str()))
            .filter(|w| !p_new.furniture(w) && !p_old.furniture(w))
            .collect();
        if !extra.is_empty() {
            failures.push(format!("{what}: words of neither version: {extra:?}"));
        }
        failures
    })
    .into_iter()
    .flatten()
    .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n")
    );
}

/// A PDF's objects and page content streams, uncompressed (qpdf's QDF form).
fn content(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, bytes).unwrap();
    let args: [&dyn AsRef<std::ffi::OsStr>; 4] =
        [&"--qdf", &"--object-streams=disable", &path, &"-"];
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    harness::run_tool("qpdf", &args)
}

/// The stroke colour of insertions' lines and of deletions' (`marks.rs`).
const INSERTED: &str = "0 0.25 0.75 RG";
const DELETED: &str = "0.75 0 0 RG";

/// Issue 17: every PDF redline of the samples' edits passes `qpdf --check`; an edit that adds
/// words draws an insertion (blue lines, an `Ins` element with its `/Alt`), one that removes
/// words a deletion (red lines, a `Del` element), each with a change bar; the RoleMap maps both to
/// `Span`. A motion compared with itself has no mark.
#[test]
fn issue_17_pdf_redlines_pass_qpdf_and_draw_and_tag_their_changes() {
    let samples = harness::repo_root().join("samples");
    let cases: Vec<_> = (cases().into_iter())
        .filter(|(what, ..)| what.starts_with(&*samples.to_string_lossy()))
        .collect();
    let failures: Vec<String> = each_case(&cases, |what, old, new, changes| {
        let bytes = pdf_redline(old, new);
        let qdf = content(&bytes);
        Pdf::from_bytes(bytes, "redline").assert_valid();
        let added = changes.iter().any(|c| !c.added.is_empty());
        let removed = changes.iter().any(|c| !c.removed.is_empty());
        let mut failures = Vec::new();
        for (wanted, colour, tag, alt) in [
            (added, INSERTED, "/S /Ins", "/Alt (Inserted: "),
            (removed, DELETED, "/S /Del", "/Alt (Deleted: "),
        ] {
            if wanted && !(qdf.contains(colour) && qdf.contains(tag) && qdf.contains(alt)) {
                failures.push(format!("{what}: no {tag} drawn and tagged"));
            }
        }
        if (added || removed) && !qdf.contains("/RoleMap <<\n    /Del /Span\n    /Ins /Span") {
            failures.push(format!("{what}: no RoleMap"));
        }
        failures
    })
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let (m, _) = harness::read_file(&samples.join("B9-0146-2021_EN.txt"));
    let qdf = content(&pdf_redline(&m, &m));
    for mark in [INSERTED, DELETED, "/Ins", "/Del", "/RoleMap"] {
        assert!(!qdf.contains(mark), "a motion against itself: {mark}");
    }
}

/// Issue 17: the PDF redline is the same bytes twice, from two threads at once, and through
/// `compare -o DIR --format pdf` (twice, and beside the other formats).
#[test]
fn issue_17_pdf_redlines_are_deterministic() {
    let samples = harness::repo_root().join("samples");
    let (old, _) = harness::read_file(&samples.join("B9-0146-2021_EN.txt"));
    let (new, _) = apply_edit(&old, Edit::Move(harness::Target::Recitals)).unwrap();
    let first = pdf_redline(&old, &new);
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| (0..2).map(|_| pdf_redline(&old, &new)).collect::<Vec<_>>());
        let b = s.spawn(|| (0..2).map(|_| pdf_redline(&old, &new)).collect::<Vec<_>>());
        (a.join().unwrap(), b.join().unwrap())
    });
    for bytes in a.iter().chain(&b) {
        assert!(bytes == &first, "a thread wrote other bytes");
    }

    let dir = tempfile::tempdir().unwrap();
    let joint = samples.join("RC-B9-0560-2023_EN.txt");
    let mut outputs = Vec::new();
    for (k, formats) in ["pdf", "json,html,docx,pdf", "pdf"].iter().enumerate() {
        let out_dir = dir.path().join(format!("out{k}"));
        let out = run(&[
            &"compare",
            &samples.join("B9-0146-2021_EN.txt"),
            &joint,
            &"-o",
            &out_dir,
            &"--format",
            formats,
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", harness::stderr(&out));
        outputs.push(std::fs::read(out_dir.join("RC-B9-0560-2023_EN.redline.pdf")).unwrap());
    }
    assert!(outputs.iter().all(|o| o == &outputs[0]), "other bytes");
    Pdf::from_bytes(outputs.remove(0), "cli").assert_valid();
}

/// Issue 17's batch in PDF: `compare --replaced DIR --format pdf` writes a PDF redline for each
/// pair of the joint motion and a group motion it replaces, and each passes `qpdf --check`.
#[test]
fn issue_17_compare_replaced_writes_a_valid_pdf_per_pair() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let joint = harness::repo_root().join("samples/RC-B9-0560-2023_EN.txt");
    std::fs::copy(&joint, input.join("RC-B9-0560-2023_EN.txt")).unwrap();
    let groups = [
        ("B9-0560-2023_EN", "B9-0560/2023"),
        ("B9-0561-2023_EN", "B9-0561/2023"),
    ];
    for (stem, number) in groups {
        let text = group_motion(number, |t| {
            t.replacen("humanitarian", "grave humanitarian", 2)
        });
        std::fs::write(input.join(format!("{stem}.txt")), text).unwrap();
    }
    let out_dir = dir.path().join("out");
    let out = run(&[
        &"compare",
        &"--replaced",
        &input,
        &"-o",
        &out_dir,
        &"--format",
        &"pdf",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", harness::stderr(&out));
    let mut names: Vec<String> = (harness::files_below(&out_dir).iter())
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    names.sort();
    let wanted: Vec<String> = (groups.iter())
        .map(|(stem, _)| format!("RC-B9-0560-2023_EN.{stem}.redline.pdf"))
        .collect();
    assert_eq!(names, wanted);
    for name in &wanted {
        let bytes = std::fs::read(out_dir.join(name)).unwrap();
        Pdf::from_bytes(bytes, name).assert_valid();
    }
}

/// The `/Alt` texts of a PDF's objects (uncompressed by qpdf), literal or UTF-16 in hex.
fn alt_texts(qdf: &str) -> Vec<String> {
    let mut out = Vec::new();
    for rest in qdf.split("/Alt ").skip(1) {
        if let Some(hex) = rest.strip_prefix('<') {
            let hex = &hex[..hex.find('>').unwrap()];
            let bytes: Vec<u8> = (0..hex.len() / 2)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                .collect();
            let units: Vec<u16> = (bytes.chunks(2).skip(1))
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            out.push(String::from_utf16_lossy(&units));
        } else if let Some(literal) = rest.strip_prefix('(') {
            out.push(literal[..literal.find(')').unwrap()].to_string());
        }
    }
    out
}

/// Issue 17: a PDF redline's `/Alt` texts name the change in the motion's language, as its
/// bookmarks are labelled ("Eingefügt: ...", "Gestrichen: ..." in a German motion), and in
/// English in an English one.
#[test]
fn issue_17_pdf_redline_alt_texts_are_in_the_motions_language() {
    let samples = harness::repo_root().join("samples");
    for (file, inserted, deleted) in [
        (
            "languages/B9-0999-2024_DE.txt",
            "Eingefügt: ",
            "Gestrichen: ",
        ),
        ("B9-0146-2021_EN.txt", "Inserted: ", "Deleted: "),
    ] {
        let (old, _) = harness::read_file(&samples.join(file));
        let (new, _) = apply_edit(&old, Edit::Reword(harness::Target::Paragraphs)).unwrap();
        let alts = alt_texts(&content(&pdf_redline(&old, &new)));
        assert!(!alts.is_empty(), "{file}: no /Alt");
        let kinds = |prefix: &str| alts.iter().filter(|a| a.starts_with(prefix)).count();
        assert!(
            kinds(inserted) > 0 && kinds(deleted) > 0,
            "{file}: {alts:?}"
        );
        assert_eq!(
            kinds(inserted) + kinds(deleted),
            alts.len(),
            "{file}: {alts:?}"
        );
    }
}

/// Issue 17: a footnote call only NEW has is drawn as inserted (the insertions' colour on the
/// call's link) and underlined; the calls both versions have are not coloured.
#[test]
fn issue_17_pdf_redline_colours_an_inserted_footnote_call() {
    let path = harness::repo_root().join("samples/B9-0801-2023_EN.txt");
    let (new, _) = harness::read_file(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let without = text.replacen("European Union[2],", "European Union,", 1);
    assert_ne!(text, without, "the sample's second call moved");
    let (old, _) = harness::read_as(&without, "B9-0801-2023_EN");
    let qdf = content(&pdf_redline(&old, &new));
    let calls: Vec<&str> = (qdf.split("\n/Link <</MCID ").skip(1))
        .map(|rest| rest.split_once("BDC\n").map_or("", |(_, after)| after))
        .collect();
    let coloured = |c: &&&str| c.starts_with("0 0.25 0.75 rg");
    assert_eq!(calls.iter().filter(coloured).count(), 1, "{calls:?}");
    assert!(calls.len() > 1, "the kept calls are links too");
    assert!(qdf.contains(INSERTED), "no insertion's line");
}
