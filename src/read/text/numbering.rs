//! Numbering the reader does not take at face value: paragraphs numbered `(1)`, lists of recitals
//! whose printed numbers an export flattened (`1. whereas` for every recital), and numbering styles
//! mixed in one motion.

use super::label::{Label, PointKind};
use super::lines;
use super::structure::Item;
use crate::diag::codes;
use crate::diag::{Diagnostic, Span};
use crate::lang::Profile;
use crate::model::{BodyItem, Motion, Num, Point};

/// In a motion with no paragraph numbered `1.`, `1)` or `1 .`, the points `(1)`, `(2)`, ... that
/// follow each other in order are its paragraphs.
pub(super) fn bracketed_paragraphs(items: &mut [Item]) {
    if items
        .iter()
        .any(|i| matches!(i.label, Some(Label::Number(..))))
    {
        return;
    }
    let mut next = 1;
    for item in items {
        let Some(Label::Point {
            kind: PointKind::Digit,
            num,
            ..
        }) = &item.label
        else {
            continue;
        };
        if num.value.parse::<u32>() == Ok(next) {
            item.label = Some(Label::Number(num.clone(), next));
            next += 1;
        }
    }
}

/// Reads a run of recitals by their openers when their printed numbers cannot be trusted: the
/// labelled items before the first operative paragraph that open with the language's recital
/// opener, when any of them carries a paragraph number. They are lettered in order; the warning
/// names the printed numbers.
pub(super) fn recitals_by_openers(items: &mut [Item], profile: &Profile) -> Option<Diagnostic> {
    let opens = |item: &Item| {
        let t = lines::strip_marks(item.text());
        (profile.recital_list_openers().iter())
            .any(|o| crate::vocab::loose::starts_with_loose(t, o).is_some())
    };
    // Points of a recital (`(a)`) neither join nor end the run.
    let listed = |item: &Item| {
        matches!(
            item.label,
            Some(Label::Number(..) | Label::Letter(_) | Label::TooLarge(_))
        )
    };
    let first = items.iter().position(|i| listed(i) && opens(i))?;
    // The run ends at the first numbered item that is no recital: the operative part.
    let end = (first..items.len())
        .find(|&i| listed(&items[i]) && !opens(&items[i]))
        .unwrap_or(items.len());
    let run: Vec<usize> = (first..end)
        .filter(|&i| listed(&items[i]) && opens(&items[i]))
        .collect();
    if trusted(run.iter().map(|&i| &items[i].label)) {
        return None;
    }
    let printed: Vec<String> = run.iter().map(|&i| printed(&items[i])).collect();
    let span = items[run[0]].block.span;
    let mut last = String::new();
    for (index, &i) in run.iter().enumerate() {
        let Some(letter) = profile.recital_number(index) else {
            break;
        };
        items[i].label = Some(Label::Letter(Num {
            text: format!("{letter}.").into(),
            value: letter.as_str().into(),
        }));
        last = letter;
    }
    let first_letter = profile.recital_number(0).unwrap_or_default();
    Some(
        Diagnostic::new(
            &codes::NUMBERING_REPLACED,
            Some(span),
            format!(
                "{} items open like recitals but are numbered {}: read as recitals {first_letter} to {last}",
                run.len(),
                summary(printed.into_iter())
            ),
        )
        .hint(format!(
            "the printed numbers were replaced; letter the recitals {first_letter}., ... in the source"
        )),
    )
}

/// Lettered, every one: letters are kept as printed, so that a repeated or missing letter is
/// reported by the validator, not hidden.
fn trusted<'a>(mut labels: impl Iterator<Item = &'a Option<Label>>) -> bool {
    labels.all(|l| matches!(l, Some(Label::Letter(_))))
}

fn printed(item: &Item) -> String {
    match &item.label {
        Some(Label::Number(num, _) | Label::Letter(num) | Label::TooLarge(num)) => {
            num.text.to_string()
        }
        _ => String::new(),
    }
}

/// The first few texts, quoted, and how many more.
fn summary(texts: impl Iterator<Item = String>) -> String {
    let mut shown: Vec<String> = Vec::new();
    let mut more = 0;
    for t in texts {
        match shown.len() < 4 {
            true => shown.push(format!("`{t}`")),
            false => more += 1,
        }
    }
    match more {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    }
}

/// The style of a printed number: its letters and digits replaced by `1` (`12)` -> `1)`,
/// `(iv)` -> `(1)`).
fn style(printed: &str) -> String {
    let mut out = String::new();
    for c in printed.chars() {
        if !c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('1') {
            out.push('1');
        }
    }
    out
}

/// One warning for the paragraphs and one per level of points whose numbers are printed in more
/// than one style, naming those outside the style most of them use.
pub(super) fn mixed_styles(motion: &Motion) -> Vec<Diagnostic> {
    // The paragraphs are walked, not collected: a motion of many paragraphs needs no list of them.
    let paragraphs = motion.body.iter().filter_map(|item| match item {
        BodyItem::Paragraph(p) => Some((&p.num, p.span)),
        BodyItem::Heading(_) => None,
    });
    let mut out: Vec<Diagnostic> = mixed("paragraphs", paragraphs).into_iter().collect();
    let mut levels: Vec<Vec<(&Num, Span)>> = Vec::new();
    let tops =
        (motion.recitals.iter().map(|r| &r.points)).chain(motion.paragraphs().map(|p| &p.points));
    for points in tops {
        collect_points(points, 0, &mut levels);
    }
    for (depth, level) in levels.iter().enumerate() {
        let what = match depth {
            0 => "points".to_string(),
            d => format!("points at level {}", d + 1),
        };
        out.extend(mixed(&what, level.iter().copied()));
    }
    out
}

fn collect_points<'m>(points: &'m [Point], depth: usize, levels: &mut Vec<Vec<(&'m Num, Span)>>) {
    for p in points {
        if p.num.value.is_empty() || p.num.text == "–" {
            continue;
        }
        if levels.len() <= depth {
            levels.resize_with(depth + 1, Vec::new);
        }
        levels[depth].push((&p.num, p.span));
        collect_points(&p.points, depth + 1, levels);
    }
}

fn mixed<'m>(
    what: &str,
    nums: impl Iterator<Item = (&'m Num, Span)> + Clone,
) -> Option<Diagnostic> {
    // Styles are few: one count per style, none per number.
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (n, _) in nums.clone() {
        let s = style(&n.text);
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, c)) => *c += 1,
            None => counts.push((s, 1)),
        }
    }
    // The most used style; the first seen on a tie.
    let (main, _) =
        counts
            .iter()
            .fold(None, |best: Option<(&String, usize)>, (k, n)| match best {
                Some((_, b)) if b >= *n => best,
                _ => Some((k, *n)),
            })?;
    let odd = nums.clone().filter(|(n, _)| style(&n.text) != *main);
    let (_, first_span) = odd.clone().next()?;
    let texts = summary(odd.map(|(n, _)| n.text.to_string()));
    let example = nums
        .clone()
        .find(|(n, _)| style(&n.text) == *main)
        .map(|(n, _)| n.text.as_str());
    Some(
        Diagnostic::new(
            &codes::NUMBERING_MIXED,
            Some(first_span),
            format!(
                "{what} are numbered in more than one style: most like `{}`, but {texts}",
                example.unwrap_or(main),
            ),
        )
        .hint("number them all in one style"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{text::parse, ReadOptions};

    fn read(text: &str) -> crate::read::text::Parsed {
        parse(text, &ReadOptions::default())
    }

    const HEAD: &str = "The European Parliament,\n\n– having regard to Rule 132,\n\n";

    fn recital_letters(p: &crate::read::text::Parsed) -> Vec<&str> {
        p.motion
            .recitals
            .iter()
            .map(|r| r.num.value.as_str())
            .collect()
    }

    fn codes_of(p: &crate::read::text::Parsed) -> Vec<&str> {
        p.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn styles() {
        for (printed, want) in [
            ("12.", "1."),
            ("12 .", "1 ."),
            ("(iv)", "(1)"),
            ("b)", "1)"),
        ] {
            assert_eq!(style(printed), want, "{printed:?}");
        }
    }

    #[test]
    fn flattened_recitals_are_lettered_in_order() {
        let p = read(&format!(
            "{HEAD}1. whereas one:\n\n(a) this;\n\n1. whereas two;\n\n1. Whereas three;\n\n1. Calls;\n\n2. Instructs;\n"
        ));
        assert_eq!(p.motion.recitals[0].points.len(), 1);
        let letters = recital_letters(&p);
        assert_eq!(letters, ["A", "B", "C"]);
        assert_eq!(p.motion.paragraphs().count(), 2);
        let warnings: Vec<&Diagnostic> = (p.diagnostics.iter())
            .filter(|d| d.code == "W-NUMBERING-REPLACED")
            .collect();
        assert_eq!(warnings.len(), 1, "{:?}", p.diagnostics);
        assert!(
            warnings[0].message.contains("`1.`, `1.`, `1.`"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn lettered_recitals_are_kept_as_printed() {
        let p = read(&format!(
            "{HEAD}A. whereas one;\n\nC. whereas two;\n\n1. Calls;\n"
        ));
        let letters = recital_letters(&p);
        assert_eq!(letters, ["A", "C"]);
        assert!(!codes_of(&p).contains(&"W-NUMBERING-REPLACED"));
    }

    #[test]
    fn bracketed_paragraphs_are_paragraphs() {
        let p = read(&format!(
            "{HEAD}A. whereas one;\n\n(1) Calls for:\n\n(a) this;\n\n(2) Instructs;\n"
        ));
        let nums: Vec<&str> = p.motion.paragraphs().map(|p| p.num.text.as_str()).collect();
        assert_eq!(nums, ["(1)", "(2)"]);
        assert_eq!(p.motion.paragraphs().next().unwrap().points.len(), 1);
    }

    #[test]
    fn mixed_styles_are_named() {
        let p = read(&format!("{HEAD}A. whereas one;\n\n1. Calls;\n\n2) Notes;\n\n3. Asks for:\n\n(a) this;\n\nb) that;\n\n4. Instructs;\n"));
        assert_eq!(p.motion.paragraphs().count(), 4);
        let mixed: Vec<&str> = (p.diagnostics.iter())
            .filter(|d| d.code == "W-NUMBERING-MIXED")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(mixed.len(), 2, "{:?}", p.diagnostics);
        assert!(
            mixed
                .iter()
                .any(|m| m.starts_with("paragraphs") && m.ends_with("but `2)`")),
            "{mixed:?}"
        );
        assert!(
            mixed
                .iter()
                .any(|m| m.starts_with("points") && m.ends_with("but `b)`")),
            "{mixed:?}"
        );
        let p = read(&format!(
            "{HEAD}A. whereas one;\n\n1) Calls;\n\n2) Notes;\n"
        ));
        assert!(
            !codes_of(&p).contains(&"W-NUMBERING-MIXED"),
            "{:?}",
            p.diagnostics
        );
    }
}
