//! Numbering checks: recital letters, paragraph numbers and point numbers run in order without
//! gaps or repeats.

use crate::codes::{self, Code};
use crate::diag::{Collector, Diagnostic, Span};
use crate::lang;
use crate::model::*;
use crate::parse::label;

/// One numbered thing: its position in its sequence (if its number reads as one), as written,
/// and where.
struct Numbered<'a> {
    index: Option<usize>,
    text: &'a str,
    span: Span,
}

/// The three codes of one kind of numbering.
struct Codes {
    gap: &'static Code,
    duplicate: &'static Code,
    order: &'static Code,
    what: &'static str,
}

/// Walks a sequence, expecting the index to grow by one each step.
fn check(seq: &[Numbered<'_>], codes: &Codes, diags: &mut Collector) {
    let mut seen: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let mut prev: Option<usize> = None;
    for n in seq {
        let Some(index) = n.index else {
            diags.push(
                Diagnostic::new(
                    codes.order,
                    Some(n.span),
                    format!(
                        "{} number `{}` is not part of the numbering",
                        codes.what, n.text
                    ),
                )
                .hint("check the numbering for a typing error"),
            );
            continue;
        };
        let expected = prev.map_or(0, |p| p + 1);
        if seen.contains(&index) {
            diags.push(
                Diagnostic::new(
                    codes.duplicate,
                    Some(n.span),
                    format!("{} `{}` appears twice", codes.what, n.text),
                )
                .hint("renumber the items so that each number appears once"),
            );
        } else if index > expected {
            diags.push(
                Diagnostic::new(
                    codes.gap,
                    Some(n.span),
                    format!(
                        "{} `{}` follows a gap in the numbering ({} missing)",
                        codes.what,
                        n.text,
                        index - expected
                    ),
                )
                .hint("a missing number often means text was lost when the motion was copied"),
            );
        } else if index < expected {
            diags.push(
                Diagnostic::new(
                    codes.order,
                    Some(n.span),
                    format!("{} `{}` is out of order", codes.what, n.text),
                )
                .hint("put the items in order or renumber them"),
            );
        }
        seen.insert(index);
        prev = Some(prev.map_or(index, |p| p.max(index)));
    }
}

pub fn recitals(motion: &Motion, diags: &mut Collector) {
    let profile = lang::profile(&motion.lang).or_else(|| lang::profile("en"));
    let seq: Vec<Numbered<'_>> = motion
        .recitals
        .iter()
        .map(|r| Numbered {
            index: profile.and_then(|p| p.recital_index(&r.num.value)),
            text: &r.num.text,
            span: r.span,
        })
        .collect();
    let codes = Codes {
        gap: &codes::RECITAL_GAP,
        duplicate: &codes::RECITAL_DUPLICATE,
        order: &codes::RECITAL_ORDER,
        what: "recital",
    };
    check(&seq, &codes, diags);
}

pub fn paragraphs(motion: &Motion, diags: &mut Collector) {
    let seq: Vec<Numbered<'_>> = motion
        .paragraphs()
        .map(|p| Numbered {
            index: p
                .num
                .value
                .parse::<usize>()
                .ok()
                .and_then(|v| v.checked_sub(1)),
            text: &p.num.text,
            span: p.span,
        })
        .collect();
    let codes = Codes {
        gap: &codes::PARAGRAPH_GAP,
        duplicate: &codes::PARAGRAPH_DUPLICATE,
        order: &codes::PARAGRAPH_ORDER,
        what: "paragraph",
    };
    check(&seq, &codes, diags);
}

pub fn points(motion: &Motion, diags: &mut Collector) {
    for r in &motion.recitals {
        point_level(&r.points, diags);
    }
    for p in motion.paragraphs() {
        point_level(&p.points, diags);
    }
}

/// Checks one level of points (dashes are not numbered) and the levels below.
fn point_level(points: &[Point], diags: &mut Collector) {
    let codes = Codes {
        gap: &codes::POINT_NUMBERING,
        duplicate: &codes::POINT_NUMBERING,
        order: &codes::POINT_NUMBERING,
        what: "point",
    };
    let numbered: Vec<&Point> = points.iter().filter(|p| p.num.text != "–").collect();
    if !numbered.is_empty() {
        let roman = numbered
            .iter()
            .all(|p| label::roman_value(&p.num.value).is_some())
            && numbered[0].num.value == "i";
        let seq: Vec<Numbered<'_>> = numbered
            .iter()
            .map(|p| Numbered {
                index: point_index(&p.num.value, roman),
                text: &p.num.text,
                span: p.span,
            })
            .collect();
        check(&seq, &codes, diags);
    }
    for p in points {
        point_level(&p.points, diags);
    }
}

/// `a` -> 0, `z` -> 25, `aa` -> 26; `i` -> 0 for Roman numbering; `1` -> 0.
fn point_index(value: &str, roman: bool) -> Option<usize> {
    if let Ok(n) = value.parse::<usize>() {
        return n.checked_sub(1);
    }
    if roman {
        return label::roman_value(value).map(|v| v as usize - 1);
    }
    let b = value.as_bytes();
    match b {
        [c] if c.is_ascii_lowercase() => Some((c - b'a') as usize),
        [c, d] if c == d && c.is_ascii_lowercase() => Some(26 + (c - b'a') as usize),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of(values: &[&str]) -> Vec<&'static str> {
        let seq: Vec<Numbered<'_>> = values
            .iter()
            .map(|v| Numbered {
                index: point_index(v, false),
                text: v,
                span: Span::default(),
            })
            .collect();
        let codes = Codes {
            gap: &codes::RECITAL_GAP,
            duplicate: &codes::RECITAL_DUPLICATE,
            order: &codes::RECITAL_ORDER,
            what: "x",
        };
        let mut d = Collector::new();
        check(&seq, &codes, &mut d);
        d.finish().iter().map(|d| d.code).collect()
    }

    #[test]
    fn finds_gaps_duplicates_and_disorder() {
        assert!(codes_of(&["a", "b", "c"]).is_empty());
        assert_eq!(codes_of(&["a", "b", "d"]), vec!["E-RECITAL-GAP"]);
        assert_eq!(codes_of(&["a", "b", "b"]), vec!["E-RECITAL-DUPLICATE"]);
        assert_eq!(
            codes_of(&["a", "c", "b"]),
            vec!["E-RECITAL-GAP", "E-RECITAL-ORDER"]
        );
        assert_eq!(codes_of(&["b"]), vec!["E-RECITAL-GAP"]);
    }
}
