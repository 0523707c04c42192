//! Page furniture in context: a furniture-like line is furniture only where furniture stands
//! (at a page break, or between blocks); inside a paragraph it is text. What is removed is
//! counted in one note, so nothing disappears unsaid.

use super::blocks;
use super::lines::{self, FurnitureKind, Kind, Line};
use crate::codes;
use crate::diag::Diagnostic;
use crate::lang::Profile;
use std::collections::BTreeMap;

/// Turns back into text every run of furniture-like lines (and rules) in `lines[from..]` that
/// sits inside a paragraph: a text line right before it and right after it, no page break, and
/// the line after not one that opens a block of its own (a formula, a numbered paragraph).
pub fn settle(lines: &mut [Line<'_>], from: usize, profile: &Profile) {
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

/// One note counting the furniture lines and rules removed, pointing at the first; `None` when
/// there were none.
pub fn note(src: &str, lines: &[Line<'_>], profile: &Profile) -> Option<Diagnostic> {
    let mut counts: BTreeMap<FurnitureKind, usize> = BTreeMap::new();
    let mut first = None;
    for line in lines {
        let kind = match line.kind {
            Kind::Rule => FurnitureKind::Rule,
            Kind::Furniture => {
                lines::furniture_kind(&line.text, profile).unwrap_or(FurnitureKind::SiteMenu)
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
        settle(&mut lines, 0, profile);
        lines.iter().map(|l| l.kind).collect()
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
