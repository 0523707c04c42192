//! Issue 13 (body): the same motion written in other shapes reads to the same structure. Line
//! ends, blank lines, numbering styles, no-break spaces and emphasis marks change how a motion is
//! printed, not what it says. Each transformation is a small pure `fn(&str) -> String`.

use crate::harness::{self, all_points, motion_words, read_as, samples_and_corpus, stem};
use motion_export::diag::Diagnostic;
use motion_export::model::Motion;

/// A change of a motion's text.
type Transform = fn(&str) -> String;

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
/// A markdown bullet (`- `, `* `) before the label is kept.
fn relabel(s: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    s.lines()
        .map(|l| {
            let bullet = ["- ", "* "].iter().find(|b| l.starts_with(**b));
            let indent = bullet.map_or(l.len() - l.trim_start().len(), |b| b.len());
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

/// Whether a label is a recital letter: one to three capitals and a full stop (`A.`, `AB.`, `ΣΤ.`).
fn is_recital_letter(label: &str) -> bool {
    let letters = label.strip_suffix('.').unwrap_or("");
    (1..=3).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase)
}

/// Every recital printed `1.`, its letter lost: Word list numbering flattened by a web export.
pub fn flattened_recitals(s: &str) -> String {
    relabel(s, |l| is_recital_letter(l).then(|| "1.".to_string()))
}

/// Recitals numbered `1.`, `2.`, ... like paragraphs: letters turned into an automatic list.
pub fn numbered_recitals(s: &str) -> String {
    let mut n = 0;
    relabel(s, |l| {
        is_recital_letter(l).then(|| {
            n += 1;
            format!("{n}.")
        })
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
        points: all_points(m),
        headings: m.headings().count(),
        errors,
        words,
    }
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
fn assert_same_reading(name: &str, shape: Transform) {
    let mut failures = Vec::new();
    for path in samples_and_corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (m, d) = read_as(&text, &stem(&path));
        let original = reading(&m, &d);
        let (m, d) = read_as(&shape(&text), &stem(&path));
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

/// Asserts that every file with recitals reads the same after `shape` renumbered them, with one
/// warning that their numbers were replaced.
fn assert_recitals_by_openers(name: &str, shape: Transform) {
    let (mut failures, mut checked) = (Vec::new(), 0);
    for path in samples_and_corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (m, d) = read_as(&text, &stem(&path));
        // Only lists of recitals that all open with the opener can be read by it: Swedish
        // recitals have none, and a recital opening otherwise ("E. having regard to ...") is,
        // numbered like a paragraph, one.
        let profile = motion_export::lang::profile(&m.lang).unwrap();
        let opens = |r: &motion_export::model::Recital| {
            let t = r.content[0].plain_text();
            (profile.recital_openers.iter())
                .any(|o| t.to_lowercase().starts_with(&o.to_lowercase()))
        };
        if m.recitals.is_empty() || !m.recitals.iter().all(opens) {
            continue;
        }
        checked += 1;
        let original = reading(&m, &d);
        let letters: Vec<String> = m.recitals.iter().map(|r| r.num.value.to_string()).collect();
        let (m, d) = read_as(&shape(&text), &stem(&path));
        let shaped = reading(&m, &d);
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if shaped != original {
            failures.push(format!("{file}: {}", difference(&original, &shaped)));
        }
        let got: Vec<String> = m.recitals.iter().map(|r| r.num.value.to_string()).collect();
        let warned = d
            .iter()
            .filter(|d| d.code == "W-NUMBERING-REPLACED")
            .count();
        if got != letters || warned != 1 {
            failures.push(format!(
                "{file}: letters {got:?}, {warned} W-NUMBERING-REPLACED"
            ));
        }
    }
    assert!(
        checked >= 30,
        "{name}: only {checked} files with recitals to renumber"
    );
    assert!(
        failures.is_empty(),
        "{name}: {} files:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn flattened_recital_numbers_are_read_by_their_openers() {
    assert_recitals_by_openers("flattened_recitals", flattened_recitals);
}

#[test]
fn recitals_numbered_like_paragraphs_are_read_by_their_openers() {
    assert_recitals_by_openers("numbered_recitals", numbered_recitals);
}

/// Issue 13: the seed motion as a web page made from Word prints every recital `1.`, letters
/// lost (and, in the `_web` fixture, without blank lines and with CRLF line ends). Before, the
/// reader saw 20 duplicated paragraphs (`E-PARAGRAPH-DUPLICATE`) and refused the motion.
#[test]
fn flattened_seed_fixtures_read_as_the_seed() {
    let seed = harness::shared_dir().join("seed/B9-0146-2021_EN.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    let (m, d) = read_as(&text, &stem(&seed));
    let original = reading(&m, &d);
    for name in [
        "B9-0146-2021_EN_flattened.txt",
        "B9-0146-2021_EN_flattened_web.txt",
    ] {
        let path = harness::fixtures("body_shapes").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("1.\u{a0}whereas"), "{name} is not flattened");
        let (m, d) = read_as(&text, &stem(&seed));
        let got = reading(&m, &d);
        assert_eq!(got, original, "{name}: {}", difference(&original, &got));
        let letters: Vec<&str> = m.recitals.iter().map(|r| r.num.value.as_str()).collect();
        assert_eq!(letters.first(), Some(&"A"), "{name}");
        assert_eq!(letters.last(), Some(&"T"), "{name}");
        let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
        assert_eq!(
            codes
                .iter()
                .filter(|c| **c == "W-NUMBERING-REPLACED")
                .count(),
            1,
            "{name}: {codes:?}"
        );
    }
}

#[test]
fn transforms_change_what_they_say() {
    let cases: [(Transform, &str, &str); 10] = [
        (cr_only, "a\r\nb\n", "a\rb\r"),
        (no_blank_lines, "a\n\n \nb\n", "a\nb\n"),
        (doubled_blank_lines, "a\n\nb", "a\n\n\nb\n"),
        (
            paren_numbers,
            "12. Calls\n9.2.2021\n",
            "12) Calls\n9.2.2021\n",
        ),
        (spaced_numbers, "  3.\tNotes", "  3 .\tNotes\n"),
        (bracketed_numbers, "3. Notes", "(3) Notes\n"),
        (half_bracket_points, "(a) one\n(2) two", "a) one\n(2) two\n"),
        (
            flattened_recitals,
            "- A. whereas\nB. whereas\n1. Calls\n",
            "- 1. whereas\n1. whereas\n1. Calls\n",
        ),
        (
            numbered_recitals,
            "A. whereas\nB. whereas\n1. Calls\n",
            "1. whereas\n2. whereas\n1. Calls\n",
        ),
        (
            no_break_spaces,
            "- A. whereas it\n1. Calls on\nText here\n",
            "- A.\u{a0}whereas it\n1.\u{a0}Calls on\nText here\n",
        ),
    ];
    for (shape, text, want) in cases {
        assert_eq!(shape(text), want, "{text:?}");
    }
}
