//! Issue 13 (body): the same motion written in other shapes reads to the same structure. Line
//! ends, blank lines, numbering styles, no-break spaces and emphasis marks change how a motion is
//! printed, not what it says. Each transformation is a small pure `fn(&str) -> String`.

use crate::harness::{self, corpus_files, motion_words, sample_files};
use motion_export::diag::Diagnostic;
use motion_export::model::{Motion, Point};
use motion_export::parse::{parse, ParseOptions};
use std::path::{Path, PathBuf};

/// Old Mac line ends: every line end a lone CR.
pub fn cr_only(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\n', "\r")
}

/// Windows line ends.
pub fn crlf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Every blank (whitespace-only) line removed.
pub fn no_blank_lines(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Every blank line doubled.
pub fn doubled_blank_lines(s: &str) -> String {
    s.lines()
        .map(|l| match l.trim().is_empty() {
            true => format!("{l}\n{l}\n"),
            false => format!("{l}\n"),
        })
        .collect()
}

/// Rewrites the label at the start of each line with `f`, given the label's text (`12.`, `(a)`)
/// without the space after it; lines without a label stay as they are.
fn relabel(s: &str, f: impl Fn(&str) -> Option<String>) -> String {
    s.lines()
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            let rest = &l[indent..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            match f(&rest[..end]) {
                Some(new) if end < rest.len() => format!("{}{new}{}\n", &l[..indent], &rest[end..]),
                _ => format!("{l}\n"),
            }
        })
        .collect()
}

/// The digits of a paragraph label `12.`.
fn paragraph_digits(label: &str) -> Option<&str> {
    let d = label.strip_suffix('.')?;
    (!d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit())).then_some(d)
}

/// Paragraphs numbered `1)` instead of `1.`.
pub fn paren_numbers(s: &str) -> String {
    relabel(s, |l| paragraph_digits(l).map(|d| format!("{d})")))
}

/// Paragraphs numbered `1 .` instead of `1.`.
pub fn spaced_numbers(s: &str) -> String {
    relabel(s, |l| paragraph_digits(l).map(|d| format!("{d} .")))
}

/// Paragraphs numbered `(1)` instead of `1.`.
pub fn bracketed_numbers(s: &str) -> String {
    relabel(s, |l| paragraph_digits(l).map(|d| format!("({d})")))
}

/// Points lettered `a)` instead of `(a)`.
pub fn half_bracket_points(s: &str) -> String {
    relabel(s, |l| {
        let inner = l.strip_prefix('(')?.strip_suffix(')')?;
        let letters = !inner.is_empty() && inner.len() <= 4;
        (letters && inner.bytes().all(|b| b.is_ascii_lowercase())).then(|| format!("{inner})"))
    })
}

/// A no-break space after every label (`1.`, `A.`, `(a)`, `–`), as word processors set them.
pub fn no_break_spaces(s: &str) -> String {
    s.lines()
        .map(|l| {
            let bullet = ["- ", "* "]
                .iter()
                .find(|b| l.starts_with(**b))
                .map_or(0, |b| b.len());
            let rest = &l[bullet..];
            match rest.split_once(' ') {
                Some((label, text)) if is_label_shape(label) => {
                    format!("{}{label}\u{a0}{text}\n", &l[..bullet])
                }
                _ => format!("{l}\n"),
            }
        })
        .collect()
}

/// A short token ending like a label: `12.`, `AB.`, `(iv)`, `b)`, or a dash.
fn is_label_shape(token: &str) -> bool {
    let short = !token.is_empty() && token.chars().count() <= 5;
    short && (token.ends_with(['.', ')']) || token == "–" || token == "-")
}

/// Bold marks `**` removed.
pub fn no_bold_marks(s: &str) -> String {
    s.replace("**", "")
}

/// What must not change between shapes: the counts of each part, the error codes and the words
/// of the text in order (numbers are not words of the text).
#[derive(Debug, PartialEq, Eq)]
pub struct Reading {
    pub citations: usize,
    pub recitals: usize,
    pub paragraphs: usize,
    pub points: usize,
    pub headings: usize,
    pub errors: Vec<String>,
    pub words: Vec<String>,
}

fn count_points(points: &[Point]) -> usize {
    points.iter().map(|p| 1 + count_points(&p.points)).sum()
}

fn reading(m: &Motion, diags: &[Diagnostic]) -> Reading {
    let mut errors: Vec<String> = (diags.iter())
        .filter(|d| d.is_error())
        .map(|d| d.code.to_string())
        .collect();
    errors.dedup();
    let words = (motion_words(m).into_iter())
        .map(|w| w.replace('*', ""))
        .filter(|w| !w.is_empty())
        .collect();
    Reading {
        citations: m.citations.len(),
        recitals: m.recitals.len(),
        paragraphs: m.paragraphs().count(),
        points: (m.recitals.iter().map(|r| count_points(&r.points)))
            .chain(m.paragraphs().map(|p| count_points(&p.points)))
            .sum(),
        headings: m.headings().count(),
        errors,
        words,
    }
}

/// Reads a text as the file `path` would be read (its name gives the language).
pub fn read_as(path: &Path, text: &str) -> (Motion, Vec<Diagnostic>) {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let parsed = parse(
        text,
        &ParseOptions {
            source_name: stem,
            ..ParseOptions::default()
        },
    );
    let mut diags = parsed.diagnostics;
    diags.extend(motion_export::validate::validate(&parsed.motion));
    (parsed.motion, diags)
}

fn all_files() -> Vec<PathBuf> {
    let mut files = sample_files();
    files.extend(corpus_files());
    files
}

/// Where two readings differ, in a line.
fn difference(a: &Reading, b: &Reading) -> String {
    let diff = harness::diff_words(&a.words, &b.words);
    let counts = |r: &Reading| {
        (
            r.citations,
            r.recitals,
            r.paragraphs,
            r.points,
            r.headings,
            r.errors.clone(),
        )
    };
    format!(
        "(cit, rec, par, pts, head, errors) {:?} -> {:?}; missing {:?} extra {:?}",
        counts(a),
        counts(b),
        &diff.missing[..diff.missing.len().min(12)],
        &diff.extra[..diff.extra.len().min(12)]
    )
}

/// Asserts that every sample and corpus file reads the same after `shape`.
fn assert_same_reading(name: &str, shape: fn(&str) -> String) {
    let mut failures = Vec::new();
    for path in all_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (m, d) = read_as(&path, &text);
        let original = reading(&m, &d);
        let (m, d) = read_as(&path, &shape(&text));
        let shaped = reading(&m, &d);
        if shaped != original {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            failures.push(format!("{file}: {}", difference(&original, &shaped)));
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: {} files read differently:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn crlf_line_ends_read_the_same() {
    assert_same_reading("crlf", crlf);
}

#[test]
fn cr_only_line_ends_read_the_same() {
    assert_same_reading("cr_only", cr_only);
}

#[test]
fn without_blank_lines_reads_the_same() {
    assert_same_reading("no_blank_lines", no_blank_lines);
}

#[test]
fn doubled_blank_lines_read_the_same() {
    assert_same_reading("doubled_blank_lines", doubled_blank_lines);
}

#[test]
fn paragraphs_numbered_with_a_parenthesis_read_the_same() {
    assert_same_reading("paren_numbers", paren_numbers);
}

#[test]
fn paragraphs_numbered_with_a_spaced_full_stop_read_the_same() {
    assert_same_reading("spaced_numbers", spaced_numbers);
}

#[test]
fn paragraphs_numbered_in_brackets_read_the_same() {
    assert_same_reading("bracketed_numbers", bracketed_numbers);
}

#[test]
fn points_with_a_closing_parenthesis_read_the_same() {
    assert_same_reading("half_bracket_points", half_bracket_points);
}

#[test]
fn no_break_spaces_read_the_same() {
    assert_same_reading("no_break_spaces", no_break_spaces);
}

#[test]
fn without_bold_marks_reads_the_same() {
    assert_same_reading("no_bold_marks", no_bold_marks);
}

#[test]
fn transforms_change_what_they_say() {
    assert_eq!(cr_only("a\r\nb\n"), "a\rb\r");
    assert_eq!(no_blank_lines("a\n\n \nb\n"), "a\nb\n");
    assert_eq!(doubled_blank_lines("a\n\nb"), "a\n\n\nb\n");
    assert_eq!(
        paren_numbers("12. Calls\n9.2.2021\n"),
        "12) Calls\n9.2.2021\n"
    );
    assert_eq!(spaced_numbers("  3.\tNotes"), "  3 .\tNotes\n");
    assert_eq!(bracketed_numbers("3. Notes"), "(3) Notes\n");
    assert_eq!(half_bracket_points("(a) one\n(2) two"), "a) one\n(2) two\n");
    assert_eq!(
        no_break_spaces("- A. whereas it\n1. Calls on\nText here\n"),
        "- A.\u{a0}whereas it\n1.\u{a0}Calls on\nText here\n"
    );
}
