//! Page furniture in context: a furniture-like line is furniture only where furniture stands
//! (at a page break, or between blocks); inside a paragraph it is text. What is removed is
//! counted in one note, so nothing disappears unsaid.

use super::blocks;
use super::lines::{self, Kind, Line};
use crate::diag::codes;
use crate::diag::Diagnostic;
use crate::lang::furniture::{self, FurnitureKind};
use crate::lang::Profile;
use std::collections::BTreeMap;

/// Turns back into text every run of furniture-like lines (and rules) in `lines[from..]` that
/// sits inside a paragraph: a text line right before it and right after it, no page break, and
/// the line after not one that opens a block of its own (a formula, a numbered paragraph). `width`
/// is the document's [`lines::width`].
pub fn settle(lines: &mut [Line<'_>], from: usize, width: usize, profile: &Profile) {
    take_wrapped_tails(lines, from, width);
    let removable = |l: &Line<'_>| matches!(l.kind, Kind::Furniture | Kind::Rule);
    let mut i = from;
    while i < lines.len() {
        if !removable(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && removable(&lines[i]) {
            i += 1;
        }
        let before = start.checked_sub(1).map(|b| &lines[b]);
        let after = lines.get(i);
        let inside = before.is_some_and(|b| b.kind == Kind::Text)
            && after.is_some_and(|a| {
                a.kind == Kind::Text
                    && !a.page_break
                    && !blocks::starts_block(a, profile, before.map(|b| b.text.as_ref()))
            })
            && !lines[start..i].iter().any(|l| l.page_break);
        if inside {
            for line in &mut lines[start..i] {
                line.kind = Kind::Text;
            }
        }
    }
}

/// Makes furniture of the tail a hard wrap cut from a furniture line (`Last updated: 17 November
/// 2021Legal` / `notice - Privacy policy`): a text line right after a furniture line that was too
/// full for its first word, with nothing after the tail but a blank line, furniture or the end.
fn take_wrapped_tails(lines: &mut [Line<'_>], from: usize, width: usize) {
    for i in from.max(1)..lines.len() {
        let (head, tail) = (&lines[i - 1], &lines[i]);
        let alone = lines.get(i + 1).is_none_or(|n| n.kind != Kind::Text);
        if head.kind == Kind::Furniture
            && tail.kind == Kind::Text
            && !tail.page_break
            && alone
            && lines::wrapped_before(&head.text, &tail.text, width)
        {
            lines[i].kind = Kind::Furniture;
        }
    }
}

/// One note counting the furniture lines and rules removed, pointing at the first; `None` when
/// there were none.
pub fn note(src: &str, lines: &[Line<'_>], profile: &Profile) -> Option<Diagnostic> {
    let mut counts: BTreeMap<FurnitureKind, usize> = BTreeMap::new();
    let mut first = None;
    for line in lines {
        let kind = match line.kind {
            Kind::Rule => FurnitureKind::Rule,
            Kind::Furniture => {
                furniture::furniture_kind(&line.text, profile).unwrap_or(FurnitureKind::SiteMenu)
            }
            Kind::Blank | Kind::Text => continue,
        };
        first.get_or_insert(line);
        *counts.entry(kind).or_default() += 1;
    }
    let first = first?;
    let total: usize = counts.values().sum();
    let kinds: Vec<String> = counts
        .iter()
        .map(|(kind, n)| format!("{} {n}", kind.plural()))
        .collect();
    let lines_word = if total == 1 { "line" } else { "lines" };
    Some(
        Diagnostic::new(
            &codes::FURNITURE_REMOVED,
            Some(first.span(src)),
            format!(
                "removed {total} {lines_word} of page furniture ({})",
                kinds.join(", ")
            ),
        )
        .hint("a line that looks like furniture inside a paragraph is kept; put a blank line around furniture you want removed"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Kind> {
        let profile = crate::lang::profile("en").unwrap();
        let mut lines = lines::split(src, profile, &mut crate::diag::Collector::new());
        let width = lines::width(&lines);
        settle(&mut lines, 0, width, profile);
        lines.iter().map(|l| l.kind).collect()
    }

    #[test]
    fn the_tail_a_wrap_cut_from_furniture_is_furniture() {
        use Kind::*;
        let body = "1. Calls on the Commission to act;\n\n";
        let wrapped =
            format!("{body}Last updated: 17 November 2021Legal\nnotice - Privacy policy\n");
        assert_eq!(kinds(&wrapped), [Text, Blank, Furniture, Furniture]);
        // A short furniture line is not wrapped, and text going on after the tail is text.
        assert_eq!(
            kinds(&format!("{body}Last updated: 1 May 2021\nnotice\n")),
            [Text, Blank, Furniture, Text]
        );
        let going_on = format!("{body}Last updated: 17 November 2021Legal\nnotice\nmore text\n");
        assert_eq!(kinds(&going_on)[3], Text);
    }

    #[test]
    fn furniture_inside_a_paragraph_is_text() {
        use Kind::*;
        assert_eq!(kinds("a\nEN\nb\n"), [Text, Text, Text]);
        // Before a line that opens a block, the line stands between blocks.
        assert_eq!(
            kinds("a  \nB9-0146/2021\nThe European Parliament,\n"),
            [Text, Furniture, Text]
        );
        assert_eq!(kinds("1. a;\nEN\n2. b;\n"), [Text, Furniture, Text]);
        assert_eq!(kinds("a\nEN\n---\nb\n"), [Text, Text, Text, Text]);
        assert_eq!(kinds("a\n\nEN\nb\n"), [Text, Blank, Furniture, Text]);
        assert_eq!(kinds("a\nEN\n\nb\n"), [Text, Furniture, Blank, Text]);
        assert_eq!(kinds("a\n\u{c}EN\nb\n"), [Text, Furniture, Text]);
        assert_eq!(kinds("a\nEN\n\u{c}b\n"), [Text, Furniture, Text]);
    }
}
