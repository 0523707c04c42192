//! The PDF's line typography on every sample and corpus motion: each line of a justified block
//! but its last ends at the right margin, in the layout plan and in the real file (pdftotext
//! `-bbox-layout`); interword spaces stay under the stretch limit; footnotes are called and
//! numbered with bare superscript numerals, their text set ragged right.

use crate::harness::{self, run_tool};
use motion_export::export::pdf::{self, PageReport, PdfOptions};
use motion_export::model::Motion;
use std::ffi::OsStr;

/// Every sample and corpus motion, with its name.
fn motions() -> Vec<(String, Motion)> {
    harness::samples_and_corpus()
        .iter()
        .map(|p| (harness::stem(p), harness::read_file(p).0))
        .collect()
}

/// The justified lines of `pages` that do not end at the right margin (within `tolerance`),
/// as `page: shortfall: text`.
fn short_lines(pages: &[PageReport], tolerance: f32) -> Vec<String> {
    let mut short = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for line in page.lines.iter().filter(|l| l.justified) {
            let gap = page.right - (line.x + line.width);
            if gap.abs() > tolerance {
                short.push(format!("page {}: {gap:.1} pt: {}", i + 1, line.text));
            }
        }
    }
    short
}

#[test]
fn justified_lines_reach_the_right_margin_in_the_layout() {
    let mut failures = Vec::new();
    let mut justified = 0;
    for (name, m) in motions() {
        let pages = pdf::layout(&m, &PdfOptions::default()).expect("layout");
        justified += pages
            .iter()
            .flat_map(|p| &p.lines)
            .filter(|l| l.justified)
            .count();
        failures.extend(
            short_lines(&pages, 0.1)
                .into_iter()
                .map(|s| format!("{name} {s}")),
        );
    }
    assert!(justified > 300, "only {justified} justified lines");
    assert!(
        failures.is_empty(),
        "{} lines short of the margin:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// One word of `pdftotext -bbox-layout`: page, left, right, top and bottom (from the top of the
/// page).
struct BoxWord {
    page: usize,
    x_max: f32,
    y_min: f32,
    y_max: f32,
}

/// The words of a PDF as `pdftotext -bbox-layout` places them.
fn bbox_words(pdf: &[u8]) -> Vec<BoxWord> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, pdf).unwrap();
    let html = run_tool(
        "pdftotext",
        &[
            OsStr::new("-bbox-layout"),
            path.as_os_str(),
            OsStr::new("-"),
        ],
    );
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        let end = at + tag[at..].find('"').unwrap();
        tag[at..end].parse().unwrap()
    };
    let mut words = Vec::new();
    let mut page = 0;
    for tag in html.split('<').map(str::trim) {
        if tag.starts_with("page ") {
            page += 1;
        } else if tag.starts_with("word ") {
            words.push(BoxWord {
                page,
                x_max: attr(tag, "xMax"),
                y_min: attr(tag, "yMin"),
                y_max: attr(tag, "yMax"),
            });
        }
    }
    words
}

#[test]
fn justified_lines_reach_the_right_margin_in_the_file() {
    let mut checked = 0;
    for path in harness::sample_files() {
        let name = harness::stem(&path);
        let m = harness::read_file(&path).0;
        let options = PdfOptions::default();
        let pages = pdf::layout(&m, &options).expect("layout");
        let words = bbox_words(&pdf::export(&m, &options).expect("export"));
        let before = checked;
        for (i, page) in pages.iter().enumerate() {
            for line in page.lines.iter().filter(|l| l.justified) {
                let y = page.height - line.baseline;
                let end = words
                    .iter()
                    .filter(|w| w.page == i + 1 && w.y_min < y && y < w.y_max)
                    .map(|w| w.x_max)
                    .fold(0.0, f32::max);
                assert!(
                    (end - page.right).abs() < 0.3,
                    "{name} page {}: line ends at {end}, margin at {}: {}",
                    i + 1,
                    page.right,
                    line.text
                );
                checked += 1;
            }
        }
        assert!(checked > before, "{name}: no justified line");
    }
    assert!(checked > 100, "{checked} justified lines");
}

/// Interword spaces of a justified line stay under this multiple of their natural width...
const STRETCH_LIMIT: f32 = 1.6;
/// ...on at least this share of the justified lines of the samples and the corpus.
const WITHIN_LIMIT: f64 = 0.99;

#[test]
fn justified_spaces_stay_under_the_stretch_limit() {
    let (mut lines, mut loose) = (0usize, Vec::new());
    for (name, m) in motions() {
        let pages = pdf::layout(&m, &PdfOptions::default()).expect("layout");
        for (i, page) in pages.iter().enumerate() {
            for line in page.lines.iter().filter(|l| l.justified) {
                lines += 1;
                if line.spacing >= STRETCH_LIMIT {
                    loose.push(format!(
                        "{name} page {}: {:.2}: {}",
                        i + 1,
                        line.spacing,
                        line.text
                    ));
                }
            }
        }
    }
    let within = 1.0 - loose.len() as f64 / lines as f64;
    println!(
        "{:.2} % of {lines} justified lines have spaces under {STRETCH_LIMIT} times their width; \
         the others:\n{}",
        within * 100.0,
        loose.join("\n")
    );
    assert!(within >= WITHIN_LIMIT, "{loose:#?}");
}

#[test]
fn footnotes_are_bare_superscripts_over_ragged_text() {
    let path = harness::repo_root().join("samples/B9-0801-2023_EN.txt");
    let m = harness::read_file(&path).0;
    assert_eq!(m.footnotes.len(), 2);
    let options = PdfOptions::default();
    let text = run_pdftotext(&pdf::export(&m, &options).expect("export"));
    assert!(!text.contains("[1]") && !text.contains("[2]"), "{text}");
    assert!(
        text.contains("thereof1,") && text.contains("Union2,"),
        "{text}"
    );
    let pages = pdf::layout(&m, &options).expect("layout");
    let lines: Vec<_> = pages.iter().flat_map(|p| &p.lines).collect();
    // Each note's number stands alone, raised: its glyphs' bottom above the baseline.
    for n in ["1", "2"] {
        let label = (lines.iter())
            .find(|l| l.text == n)
            .unwrap_or_else(|| panic!("no note number {n}"));
        assert!(
            label.bottom > label.baseline,
            "note {n} not raised: {label:?}"
        );
    }
    // The notes' text is never justified.
    for note in &m.footnotes {
        let start: String = note.content[0].plain_text().chars().take(8).collect();
        let line = (lines.iter()).find(|l| l.text.starts_with(&start)).unwrap();
        assert!(!line.justified, "{line:?}");
    }
}

/// The text of a PDF, as pdftotext reads it.
fn run_pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, pdf).unwrap();
    run_tool("pdftotext", &[path.as_os_str(), OsStr::new("-")])
}
