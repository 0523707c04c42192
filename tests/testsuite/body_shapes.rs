//! Issue 13 (body): the same motion written in other shapes reads to the same structure:
//! paragraphs numbered in brackets, no-break spaces after labels, recitals whose letters were
//! flattened or numbered like paragraphs. Each transformation is a small pure `fn(&str) -> String`;
//! the changes every file goes through (line ends, blank lines, other numbering, emphasis marks)
//! are the harness's [`crate::harness::Variant`], checked in `variants.rs`.

use crate::harness::{self, read_as, samples_and_corpus, stem, Reading};

/// A change of a motion's text.
type Transform = fn(&str) -> String;

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

/// Paragraphs numbered `(1)` instead of `1.`.
pub fn bracketed_numbers(s: &str) -> String {
    relabel(s, |l| paragraph_digits(l).map(|d| format!("({d})")))
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

/// Asserts that every sample and corpus file reads the same after `shape`.
fn assert_same_reading(name: &str, shape: Transform) {
    let mut failures = Vec::new();
    for path in samples_and_corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let original = Reading::read(&text, &stem(&path));
        let shaped = Reading::read(&shape(&text), &stem(&path));
        if shaped != original {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            failures.push(format!(
                "{file}: {}",
                original.differences(&shaped).join("; ")
            ));
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
fn paragraphs_numbered_in_brackets_read_the_same() {
    assert_same_reading("bracketed_numbers", bracketed_numbers);
}

#[test]
fn no_break_spaces_read_the_same() {
    assert_same_reading("no_break_spaces", no_break_spaces);
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
        let original = Reading::of(&m, &d);
        let letters: Vec<String> = m.recitals.iter().map(|r| r.num.value.to_string()).collect();
        let (m, d) = read_as(&shape(&text), &stem(&path));
        let shaped = Reading::of(&m, &d);
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if shaped != original {
            failures.push(format!(
                "{file}: {}",
                original.differences(&shaped).join("; ")
            ));
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
    let original = Reading::of(&m, &d);
    for name in [
        "B9-0146-2021_EN_flattened.txt",
        "B9-0146-2021_EN_flattened_web.txt",
    ] {
        let path = harness::fixtures("body_shapes").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("1.\u{a0}whereas"), "{name} is not flattened");
        let (m, d) = read_as(&text, &stem(&seed));
        let got = Reading::of(&m, &d);
        assert_eq!(got, original, "{name}: {:?}", original.differences(&got));
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
    let cases: [(Transform, &str, &str); 4] = [
        (
            bracketed_numbers,
            "  3.\tNotes\n9.2.2021\n",
            "  (3)\tNotes\n9.2.2021\n",
        ),
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
