//! Issue 11: the reader's memory is bounded by its input. Diagnostics are kept at most
//! `Collector::LIMIT` per code (the rest counted in one line), so hostile inputs (a million
//! footnote calls without notes, a million lines it cannot place) cannot blow up `check`.

use crate::harness::assert_memory_bound;
use motion_export::diag::Collector;

const HEAD: &str = "MOTION FOR A RESOLUTION\n\nThe European Parliament,\n\n– having regard to Rule 132,\n\nA. whereas it matters;\n\n";

/// Footnote calls without notes: `word[1] ` repeated to about `size` bytes.
fn unresolved_calls(size: usize) -> String {
    format!("{HEAD}1. Calls {};\n", "word[1] ".repeat(size / 8))
}

/// Unnumbered blocks after the last paragraph, each a W-UNRECOGNISED-TEXT.
fn unrecognised_lines(size: usize) -> String {
    format!(
        "{HEAD}1. Calls;\n\n{}",
        "Unnumbered text here.\n\n".repeat(size / 23)
    )
}

/// Paragraphs: 1 to 9000 numbered in order, then the largest number repeated.
fn many_paragraphs(size: usize) -> String {
    let mut text = HEAD.to_string();
    for i in 1..9000 {
        text.push_str(&format!("{i}. Calls;\n"));
    }
    text.push_str(&"9999. Calls;\n".repeat(size.saturating_sub(text.len()) / 13));
    text
}

/// Peak RSS of `check -q` at 1 MB and 4 MB, within `factor` times the input plus 16 MiB.
#[cfg(target_os = "linux")]
fn bounded(what: &str, make: fn(usize) -> String, factor: u64) {
    let dir = tempfile::tempdir().unwrap();
    for mib in [1, 4] {
        let path = dir.path().join(format!("{what}-{mib}.txt"));
        std::fs::write(&path, make(mib << 20)).unwrap();
        assert_memory_bound(
            &format!("{what} {mib} MiB"),
            &["check", "-q"],
            &path,
            factor,
            16,
        );
    }
}

#[test]
#[cfg(target_os = "linux")]
fn unrecognised_lines_stay_within_20x_the_input() {
    bounded("unrecognised", unrecognised_lines, 20);
}

/// Each `word[1] ` (8 bytes) is two inline runs of 40 bytes, their texts (` word`, `[1]`) stored
/// inline in the run: about 15x at 4 MiB (134x before the diagnostics were capped, 21x while
/// each run allocated its own small string).
#[test]
#[cfg(target_os = "linux")]
fn unresolved_footnote_calls_stay_within_20x_the_input() {
    bounded("footnote calls", unresolved_calls, 20);
}

/// Each paragraph (13 bytes here) costs the model about 256 bytes: the paragraph (144), its one
/// content paragraph (64) and its one run (48), number and text stored inline; the reader frees
/// each item, and gives back the items' vector as it empties, once read. The validator's
/// sequence of numbers (56 bytes a paragraph) comes on top: about 26.5x at 4 MiB (52x before).
/// 20x needs a smaller paragraph in the model and a leaner numbering check.
#[test]
#[cfg(target_os = "linux")]
fn many_paragraphs_stay_within_30x_the_input() {
    bounded("paragraphs", many_paragraphs, 30);
}

#[test]
fn diagnostics_beyond_the_limit_are_counted_in_one_line() {
    let calls = Collector::LIMIT + 250;
    let text = format!("{HEAD}1. Calls {};\n", "word[1] ".repeat(calls));
    let parsed = crate::harness::reader_only(&text, "");
    let unresolved: Vec<_> = (parsed.diagnostics.iter())
        .filter(|d| d.code == "W-FOOTNOTE-UNRESOLVED")
        .collect();
    assert_eq!(unresolved.len(), Collector::LIMIT + 1);
    let more: Vec<_> = unresolved.iter().filter(|d| d.span.is_none()).collect();
    assert_eq!(more.len(), 1, "{more:?}");
    assert_eq!(
        more[0].message,
        "250 more W-FOOTNOTE-UNRESOLVED in this file not listed"
    );
}
