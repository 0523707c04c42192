//! Numbering checks: recital letters, paragraph numbers and point numbers run in order without
//! gaps or repeats.

use crate::diag::codes::{self, Code};
use crate::diag::{Collector, Diagnostic, Span};
use crate::lang;
use crate::model::*;

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

/// The span of the number alone: the item's span starts at its number (the caret goes under
/// `C.`, not under the whole recital). The number is as printed, so the end falls on a
/// character boundary of the source.
fn number_span(n: &Numbered<'_>) -> Span {
    let end = (n.span.start + n.text.len()).clamp(n.span.start, n.span.end.max(n.span.start));
    Span { end, ..n.span }
}

/// Checks a sequence: each repeated number reported once, then the order walked expecting the
/// index to grow by one each step, two neighbours swapped reported once as a swap.
fn check(seq: &[Numbered<'_>], codes: &Codes, diags: &mut Collector) {
    let repeat = repeats(seq, codes, diags);
    let walk: Vec<&Numbered<'_>> = (seq.iter().zip(&repeat))
        .filter(|(_, &r)| !r)
        .map(|(n, _)| n)
        .collect();
    let mut prev: Option<usize> = None;
    let mut i = 0;
    while i < walk.len() {
        let n = walk[i];
        i += 1;
        let Some(index) = n.index else {
            diags.push(
                Diagnostic::new(
                    codes.order,
                    Some(number_span(n)),
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
        let next = walk.get(i).filter(|m| m.index == Some(expected));
        if let Some(m) = next.filter(|_| index == expected + 1) {
            diags.push(
                Diagnostic::new(
                    codes.order,
                    Some(number_span(n)),
                    format!("{} `{}` and `{}` are swapped", codes.what, n.text, m.text),
                )
                .label(
                    number_span(m),
                    format!("`{}` belongs before `{}`", m.text, n.text),
                )
                .hint("put the items in order or renumber them"),
            );
            i += 1;
        } else if index > expected {
            diags.push(
                Diagnostic::new(
                    codes.gap,
                    Some(number_span(n)),
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
                    Some(number_span(n)),
                    format!("{} `{}` is out of order", codes.what, n.text),
                )
                .hint("put the items in order or renumber them"),
            );
        }
        prev = Some(prev.map_or(index, |p| p.max(index)));
    }
}

/// How many lines of a repeated number's uses its message names.
const SHOWN: usize = 5;

/// Reports each number used more than once in one diagnostic, at its second use, pointing at
/// the first; returns which items repeat an earlier number (left out of the order walk).
fn repeats(seq: &[Numbered<'_>], codes: &Codes, diags: &mut Collector) -> Vec<bool> {
    // Each use as (index, position), sorted: the uses of one number side by side, in order.
    // One flat vector, not a map of vectors: a motion of 100,000 paragraphs checks in a few
    // hundred kilobytes.
    let mut uses: Vec<(usize, usize)> = (seq.iter().enumerate())
        .filter_map(|(at, n)| n.index.map(|index| (index, at)))
        .collect();
    uses.sort_unstable();
    let mut repeat = vec![false; seq.len()];
    let mut repeated: Vec<Vec<usize>> = (uses.chunk_by(|a, b| a.0 == b.0))
        .filter(|g| g.len() > 1)
        .map(|g| g.iter().map(|&(_, at)| at).collect())
        .collect();
    // In the order of their first use.
    repeated.sort_unstable_by_key(|u| u[0]);
    for u in &repeated {
        let (first, again) = (&seq[u[0]], &seq[u[1]]);
        let times = match u.len() {
            2 => "twice".to_string(),
            k => format!("{k} times"),
        };
        // A few lines named, not thousands: a flattened list repeats one number everywhere.
        let mut lines: Vec<String> = (u.iter().take(SHOWN))
            .map(|&at| seq[at].span.line.to_string())
            .collect();
        if u.len() > SHOWN {
            lines.push(format!("{} more", u.len() - SHOWN));
        }
        diags.push(
            Diagnostic::new(
                codes.duplicate,
                Some(number_span(again)),
                format!(
                    "{} `{}` appears {times} (lines {})",
                    codes.what,
                    again.text,
                    and_list(&lines)
                ),
            )
            .label(number_span(first), "first used here")
            .hint("renumber the items so that each number appears once"),
        );
        for &at in &u[1..] {
            repeat[at] = true;
        }
    }
    repeat
}

/// `1`, `1 and 2`, `1, 2 and 3`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
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
    // Sized once: a motion can have a hundred thousand paragraphs.
    let mut seq: Vec<Numbered<'_>> = Vec::with_capacity(motion.paragraphs().count());
    seq.extend(motion.paragraphs().map(|p| {
        Numbered {
            index: p
                .num
                .value
                .parse::<usize>()
                .ok()
                .and_then(|v| v.checked_sub(1)),
            text: &p.num.text,
            span: p.span,
        }
    }));
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
            .all(|p| crate::vocab::number::roman_value(&p.num.value).is_some())
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
        return crate::vocab::number::roman_value(value).map(|v| v as usize - 1);
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

    /// Each value on its own line, the span covering `value. text` from the line's start.
    fn seq<'a>(values: &'a [&'a str]) -> Vec<Numbered<'a>> {
        (values.iter().enumerate())
            .map(|(i, v)| Numbered {
                index: point_index(v, false),
                text: v,
                span: Span {
                    start: i * 100,
                    end: i * 100 + 40,
                    line: i as u32 + 1,
                    col: 1,
                },
            })
            .collect()
    }

    fn diags_of(values: &[&str]) -> Vec<Diagnostic> {
        let codes = Codes {
            gap: &codes::RECITAL_GAP,
            duplicate: &codes::RECITAL_DUPLICATE,
            order: &codes::RECITAL_ORDER,
            what: "x",
        };
        let mut d = Collector::new();
        check(&seq(values), &codes, &mut d);
        d.finish()
    }

    fn codes_of(values: &[&str]) -> Vec<&'static str> {
        diags_of(values).iter().map(|d| d.code).collect()
    }

    #[test]
    fn finds_gaps_duplicates_and_disorder() {
        assert!(codes_of(&["a", "b", "c"]).is_empty());
        assert_eq!(codes_of(&["a", "b", "d"]), vec!["E-RECITAL-GAP"]);
        assert_eq!(codes_of(&["a", "b", "b"]), vec!["E-RECITAL-DUPLICATE"]);
        assert_eq!(codes_of(&["b"]), vec!["E-RECITAL-GAP"]);
        assert_eq!(
            codes_of(&["a", "d", "b", "c"]),
            vec!["E-RECITAL-GAP", "E-RECITAL-ORDER", "E-RECITAL-ORDER"]
        );
    }

    /// Issue 13: four `1.` gave three "appears twice" lines, none pointing at the first.
    #[test]
    fn a_repeated_number_is_one_diagnostic_pointing_at_its_first_use() {
        let d = diags_of(&["a", "a", "a", "a", "b"]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "E-RECITAL-DUPLICATE");
        assert_eq!(d[0].message, "x `a` appears 4 times (lines 1, 2, 3 and 4)");
        assert_eq!(d[0].span.map(|s| (s.line, s.start)), Some((2, 100)));
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(d[0].labels[0].span.line, 1);
        let many = ["a"; 8];
        let d = diags_of(&many);
        assert_eq!(
            d[0].message,
            "x `a` appears 8 times (lines 1, 2, 3, 4, 5 and 3 more)"
        );
        assert_eq!(d[0].labels[0].message, "first used here");
        let d = diags_of(&["a", "b", "a", "b", "c"]);
        assert_eq!(codes_of(&["a", "b", "a", "b", "c"]).len(), 2, "{d:?}");
        assert!(
            d[0].message.ends_with("appears twice (lines 1 and 3)"),
            "{d:?}"
        );
    }

    /// Issue 13: C and D swapped gave a gap as well as the disorder.
    #[test]
    fn a_swap_is_reported_once_as_a_swap() {
        for values in [
            &["a", "b", "d", "c", "e"][..],
            &["a", "c", "b"],
            &["b", "a"],
        ] {
            let d = diags_of(values);
            assert_eq!(d.len(), 1, "{values:?}: {d:?}");
            assert_eq!(d[0].code, "E-RECITAL-ORDER");
            assert!(d[0].message.contains("are swapped"), "{d:?}");
            assert_eq!(d[0].labels.len(), 1);
        }
    }

    /// Through the reader: a repeated recital points at its first use, and both marks sit
    /// exactly on the printed numbers of the source.
    #[test]
    fn a_repeated_recital_in_a_motion_points_at_its_first_use() {
        use crate::read::{text::parse, ReadOptions};
        let src = "The European Parliament,\n\nA. whereas x;\n\nB. whereas y;\n\nA. whereas z;\n\n1. Calls;\n";
        let motion = parse(src, &ReadOptions::default()).motion;
        let mut d = Collector::new();
        recitals(&motion, &mut d);
        let d = d.finish();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "E-RECITAL-DUPLICATE");
        let at = |s: Span| &src[s.start..s.end];
        assert_eq!(at(d[0].labels[0].span), "A.", "{d:?}");
        assert_eq!(d[0].labels[0].span.line, 3);
        assert_eq!(d[0].span.map(|s| s.line), Some(7), "{d:?}");
        let primary = d[0].span.unwrap();
        assert_eq!(at(primary), "A.");
    }

    /// Issue 13: the underline marked the whole line, not the number.
    #[test]
    fn the_caret_is_under_the_number_only() {
        for values in [&["a", "c"][..], &["a", "a"], &["b", "a"], &["a", "b", "a"]] {
            for d in diags_of(values) {
                let s = d.span.unwrap();
                assert_eq!(s.end - s.start, 1, "{values:?}: {d:?}");
                for l in &d.labels {
                    assert_eq!(l.span.end - l.span.start, 1, "{values:?}: {d:?}");
                }
            }
        }
        let n = Numbered {
            index: Some(0),
            text: "(a)",
            span: Span {
                start: 7,
                end: 8,
                line: 1,
                col: 1,
            },
        };
        assert_eq!(number_span(&n).end, 8, "never past the item");
    }
}
