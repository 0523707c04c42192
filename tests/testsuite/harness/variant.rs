//! The variants of issue 13, the small changes a real motion goes through on its way to us, and
//! the reading every variant must keep.

use super::{all_points, diff_words, motion_words, words};
use motion_export::diag::Diagnostic;
use motion_export::model::*;

/// The small changes a real motion goes through on its way to us (issue 13): each turns a motion
/// text into another that must read to the same model, apart from printed numbers and spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Hard-wrapped at this many columns, like `fold -s -w N` (a word longer than the width is
    /// left whole rather than cut, as mail clients do).
    Wrapped(usize),
    /// Windows line ends.
    Crlf,
    /// Old Mac line ends: CR only.
    CrOnly,
    /// Every blank line removed.
    NoBlankLines,
    /// Every blank line doubled.
    DoubledBlankLines,
    /// Paragraphs numbered `1)` instead of `1.`.
    ParenNumbers,
    /// Paragraphs numbered `1 .` instead of `1.`.
    SpacedNumbers,
    /// Points lettered `a)` instead of `(a)`.
    HalfParenPoints,
    /// The cover date written `2021-02-09` instead of `9.2.2021`.
    IsoDate,
    /// The cover date written `09/02/2021` instead of `9.2.2021`.
    SlashDate,
    /// Every third space a no-break space.
    NoBreakSpaces,
    /// The markdown bold marks `**` removed.
    NoBold,
}

impl Variant {
    /// `text` changed in this way. Line ends of `text` may be LF or CRLF.
    pub fn apply(self, text: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let joined = |lines: Vec<String>| lines.join("\n") + "\n";
        let each = |f: &dyn Fn(&str) -> String| joined(lines.iter().map(|l| f(l)).collect());
        match self {
            Variant::Wrapped(width) => joined(lines.iter().flat_map(|l| fold(l, width)).collect()),
            Variant::Crlf => each(&str::to_owned).replace('\n', "\r\n"),
            Variant::CrOnly => each(&str::to_owned).replace('\n', "\r"),
            Variant::NoBlankLines => joined(
                (lines.iter())
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| l.to_string())
                    .collect(),
            ),
            Variant::DoubledBlankLines => joined(
                (lines.iter())
                    .flat_map(|l| {
                        let n = if l.trim().is_empty() { 2 } else { 1 };
                        std::iter::repeat_n(l.to_string(), n)
                    })
                    .collect(),
            ),
            Variant::ParenNumbers => each(&|l| renumber(l, ")")),
            Variant::SpacedNumbers => each(&|l| renumber(l, " .")),
            Variant::HalfParenPoints => each(&half_paren_point),
            Variant::IsoDate => redate(&lines, |d, m, y| format!("{y}-{m:02}-{d:02}")),
            Variant::SlashDate => redate(&lines, |d, m, y| format!("{d:02}/{m:02}/{y}")),
            Variant::NoBreakSpaces => each(&|l| {
                let mut n = 0;
                l.chars()
                    .map(|c| match c {
                        ' ' => {
                            n += 1;
                            if n % 3 == 0 {
                                '\u{a0}'
                            } else {
                                ' '
                            }
                        }
                        c => c,
                    })
                    .collect()
            }),
            Variant::NoBold => each(&|l| l.replace("**", "")),
        }
    }
}

/// One line folded at `width` characters after the last space that fits, the space kept at the
/// end of the first part (as `fold -s` does).
fn fold(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while rest.chars().count() > width {
        let limit = rest
            .char_indices()
            .nth(width)
            .map_or(rest.len(), |(i, _)| i);
        let cut = match rest[..limit].rfind(' ') {
            Some(i) if i > 0 => i + 1,
            // No space within the width: the word is left whole, cut after it.
            _ => match rest[limit..].find(' ') {
                Some(i) => limit + i + 1,
                None => break,
            },
        };
        out.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    out.push(rest.to_string());
    out
}

/// The leading spaces and markdown marks of a line, and the rest.
fn lead(line: &str) -> (&str, &str) {
    let body = line.trim_start_matches([' ', '\t', '*']);
    line.split_at(line.len() - body.len())
}

/// A line opening with a paragraph number `12.` and a space, its `.` replaced by `mark`.
fn renumber(line: &str, mark: &str) -> String {
    let (lead, body) = lead(line);
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = &body[digits..];
    let after_dot = after.strip_prefix('.').map(|a| a.trim_start_matches('*'));
    match after_dot {
        Some(a) if (1..=3).contains(&digits) && a.starts_with([' ', '\t', '\u{a0}']) => {
            let marks = &after[1..after.len() - a.len()];
            format!("{lead}{}{mark}{marks}{a}", &body[..digits])
        }
        _ => line.to_string(),
    }
}

/// A line opening with a point letter `(a)` or `(iv)` and a space, written `a)` instead.
fn half_paren_point(line: &str) -> String {
    let (lead, body) = lead(line);
    let Some(inner) = body.strip_prefix('(') else {
        return line.to_string();
    };
    let Some(close) = inner.find(')') else {
        return line.to_string();
    };
    let letters = &inner[..close];
    let rest = &inner[close + 1..];
    let is_label = (1..=4).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_lowercase())
        && rest.starts_with([' ', '\t', '\u{a0}']);
    if is_label {
        format!("{lead}{letters}){rest}")
    } else {
        line.to_string()
    }
}

/// The first line that is a date `d.m.yyyy` alone (the cover date), rewritten by `write`.
fn redate(lines: &[&str], write: impl Fn(u32, u32, u32) -> String) -> String {
    let date = |l: &str| -> Option<(u32, u32, u32)> {
        let mut parts = l.trim().split('.');
        let d = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let y: u32 = parts.next()?.parse().ok()?;
        (parts.next().is_none() && y > 1950 && (1..=31).contains(&d) && (1..=12).contains(&m))
            .then_some((d, m, y))
    };
    let mut done = false;
    let out: Vec<String> = (lines.iter())
        .map(|l| match date(l).filter(|_| !done) {
            Some((d, m, y)) => {
                done = true;
                l.replace(l.trim(), &write(d, m, y))
            }
            None => l.to_string(),
        })
        .collect();
    out.join("\n") + "\n"
}

/// What a reading of a motion must keep whatever the variant: counts, cover fields, the codes of
/// its errors and its words, not printed numbers or spans.
#[derive(Debug, PartialEq, Eq)]
pub struct Reading {
    pub counts: [usize; 7],
    pub cover: Vec<(&'static str, String)>,
    pub errors: Vec<&'static str>,
    pub words: Vec<String>,
}

impl Reading {
    /// The reading of `text` through the whole pipeline, for a file named `stem`.
    pub fn read(text: &str, stem: &str) -> Reading {
        let (m, diagnostics) = super::read_as(text, stem);
        Reading::of(&m, &diagnostics)
    }

    /// What `m` and its diagnostics say.
    pub fn of(m: &Motion, diagnostics: &[Diagnostic]) -> Reading {
        let mut errors: Vec<&str> = (diagnostics.iter())
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        errors.dedup();
        let counts = [
            m.citations.len(),
            m.recitals.len(),
            m.paragraphs().count(),
            all_points(m),
            m.footnotes.len(),
            m.headings().count(),
            m.cover.authors.len(),
        ];
        let c = &m.cover;
        let text = |p: Option<&Para>| p.map_or(String::new(), |p| words(&p.plain_text()).join(" "));
        let cover = vec![
            (
                "doc number",
                format!("{:?}", c.doc_number.as_ref().map(|n| &n.value)),
            ),
            ("date", format!("{:?}", c.date.as_ref().map(|d| d.value))),
            ("kind", format!("{:?}", c.kind)),
            ("rule", format!("{:?}", c.rule.as_ref().map(|n| &n.value))),
            ("rule line", text(c.rule_line.as_ref())),
            ("request", text(c.request.as_ref())),
            ("title", text(c.title.as_ref())),
            (
                "procedure",
                format!("{:?}", c.procedure.as_ref().map(|n| &n.value)),
            ),
            (
                "authors",
                // Names as words: `Van\u{a0}Leeuwen` is the name `Van Leeuwen`.
                format!(
                    "{:?}",
                    (c.authors.iter())
                        .map(|a| {
                            let names: Vec<String> =
                                a.members.iter().map(|n| words(n).join(" ")).collect();
                            (names, &a.group)
                        })
                        .collect::<Vec<_>>()
                ),
            ),
            ("motion title", text(m.title.as_ref())),
        ];
        Reading {
            counts,
            cover,
            errors,
            words: motion_words(m),
        }
    }

    /// What differs from `other`, in a few lines; empty when nothing does.
    pub fn differences(&self, other: &Reading) -> Vec<String> {
        const COUNTS: [&str; 7] = [
            "citations",
            "recitals",
            "paragraphs",
            "points",
            "footnotes",
            "headings",
            "author groups",
        ];
        let mut out = Vec::new();
        for (i, name) in COUNTS.iter().enumerate() {
            if self.counts[i] != other.counts[i] {
                out.push(format!(
                    "{name}: {} became {}",
                    self.counts[i], other.counts[i]
                ));
            }
        }
        for ((name, a), (_, b)) in self.cover.iter().zip(&other.cover) {
            if a != b {
                out.push(format!("{name}: {a:?} became {b:?}"));
            }
        }
        if self.errors != other.errors {
            out.push(format!(
                "errors: {:?} became {:?}",
                self.errors, other.errors
            ));
        }
        let diff = diff_words(&self.words, &other.words);
        if !diff.missing.is_empty() || !diff.extra.is_empty() {
            out.push(format!(
                "words: missing {:?}, extra {:?}",
                &diff.missing[..diff.missing.len().min(12)],
                &diff.extra[..diff.extra.len().min(12)]
            ));
        }
        out
    }
}
