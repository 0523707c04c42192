//! Grouping lines into blocks: one block per citation, recital, paragraph, point, heading or
//! note, joining hard-wrapped lines and page breaks, and removing hyphens that split a word.

use super::label;
use super::lines::{self, Kind, Line};
use crate::diag::Span;
use crate::lang::Profile;
use crate::vocab::patterns;
use compact_str::CompactString;
use std::collections::HashSet;

/// A run of lines read as one piece of text.
#[derive(Debug, Clone)]
pub struct Block {
    /// The text: lines joined by spaces, `\n` where the source forced a line break. Stored
    /// inline when short, so a motion of many one-line paragraphs allocates nothing per block.
    pub text: CompactString,
    pub span: Span,
    /// A blank line (or the start of the region) came before it.
    pub blank_before: bool,
    pub md_heading: bool,
    pub bullet: bool,
    /// Its first line was escaped ([`Line::escaped`]): no label, no heading.
    pub escaped: bool,
    /// A short line split from finished text before it by its shape alone, no blank line
    /// between, with a numbered line after it: a heading, when the structure has room for one.
    pub set_apart: bool,
}

/// Reads the blocks of `lines[range]`; `width` is the document's [`lines::width`].
pub fn group(
    src: &str,
    lines: &[Line<'_>],
    range: std::ops::Range<usize>,
    width: usize,
    profile: &Profile,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut words: Option<HashSet<String>> = None;
    let mut blank_before = true;
    // Set while furniture or a page break separates this line from the previous text line.
    let mut page_gap = false;
    let mut prev_hard_break = false;
    // The number of the last paragraph that opened a block: a wrap that puts `13.` at a line's
    // start before any paragraph 12 is a date, not a paragraph.
    let mut last_number = 0;
    for i in range {
        let line = &lines[i];
        match line.kind {
            Kind::Blank | Kind::Rule => {
                blank_before = true;
                continue;
            }
            Kind::Furniture => {
                page_gap = true;
                continue;
            }
            Kind::Text => {}
        }
        let span = line.span(src);
        let prev_text = blocks.last().map(|b| b.text.as_str());
        let set_apart = !blank_before
            && prev_text.is_some_and(ends_sentence)
            && looks_like_heading(lines::strip_marks(&line.text))
            && next_is_numbered(&lines[i + 1..], profile);
        let starts = set_apart
            || (starts_block(line, profile, prev_text)
                && !wrapped_onto_label(
                    &lines[..i],
                    line,
                    width,
                    blank_before,
                    last_number,
                    profile,
                ));
        let continues = match prev_text {
            None => false,
            Some(prev) => {
                (prev_hard_break && !starts_strongly(line, profile, Some(prev)))
                    || (!blank_before && !starts && !line.page_break)
                    || (page_gap && !starts && !ends_sentence(prev) && !line.md_heading)
            }
        };
        if continues {
            let prev = blocks.last_mut().expect("checked above");
            join(
                &mut prev.text,
                &line.text,
                prev_hard_break,
                src,
                profile,
                &mut words,
            );
            prev.span = prev.span.to(span);
        } else {
            if let Some(n) = paragraph_number(line, profile) {
                last_number = n;
            }
            blocks.push(Block {
                text: collapse_spaces(&line.text).into(),
                span,
                blank_before,
                md_heading: line.md_heading,
                bullet: line.bullet,
                escaped: line.escaped,
                set_apart,
            });
        }
        prev_hard_break = line.hard_break;
        blank_before = false;
        page_gap = false;
    }
    blocks
}

/// A labelled line that only looks like one because a hard wrap put a number at its start
/// (`... abolished on` / `1. April 2015;`): no blank line, page break or forced break before it,
/// the line before it unfinished (no closing punctuation) and too full for its first word.
fn wrapped_onto_label(
    before: &[Line<'_>],
    line: &Line<'_>,
    width: usize,
    blank_before: bool,
    last_number: u32,
    profile: &Profile,
) -> bool {
    let Some(prev) = before.last().filter(|_| !line.escaped) else {
        return false;
    };
    let Some((label, _)) = label::read(patterns::unwrap_emphasis(&line.text), profile) else {
        return false;
    };
    // After a comma only a number out of sequence (`am Montag,` / `13. Juli`) goes on the text.
    let out_of_sequence = matches!(label, label::Label::Number(_, n) if n != last_number + 1);
    let unfinished = !ends_sentence(&prev.text) && (!prev.text.ends_with(',') || out_of_sequence);
    !blank_before
        && !line.page_break
        && !prev.hard_break
        && prev.kind == Kind::Text
        && !line.md_heading
        && !line.bullet
        && unfinished
        && lines::wrapped_before(&prev.text, &line.text, width)
}

/// The number of a line opening an operative paragraph (`12.`), if it opens one.
fn paragraph_number(line: &Line<'_>, profile: &Profile) -> Option<u32> {
    if line.escaped {
        return None;
    }
    match label::read(patterns::unwrap_emphasis(&line.text), profile)? {
        (label::Label::Number(_, n), _) => Some(n),
        _ => None,
    }
}

/// A line that opens a new block even without a blank line before it. `prev` is the text of the
/// block before, if any.
pub(super) fn starts_block(line: &Line<'_>, profile: &Profile, prev: Option<&str>) -> bool {
    if line.escaped {
        return false;
    }
    let t = lines::strip_marks(&line.text);
    line.bullet
        || line.md_heading
        || starts_strongly(line, profile, prev)
        || (t.starts_with('(') && t.ends_with(')'))
        || profile
            .formula
            .iter()
            .any(|f| crate::vocab::loose::starts_with_loose(t, f).is_some())
        || profile
            .resolution_titles
            .iter()
            .any(|f| crate::vocab::loose::starts_with_loose(t, f).is_some())
        || profile
            .citation_openers
            .iter()
            .any(|f| crate::vocab::loose::starts_with_loose(t, f).is_some())
        || profile
            .recitals_intro
            .iter()
            .chain(&profile.body_intro)
            .any(|f| crate::vocab::loose::eq_loose(t, f))
}

/// A line that opens a new block even after a forced line break: a labelled line or a lone
/// document number. A point lettered `a.` opens one only after finished text (`v. Commission`
/// goes on a case name).
fn starts_strongly(line: &Line<'_>, profile: &Profile, prev: Option<&str>) -> bool {
    if line.escaped {
        return false;
    }
    if patterns::is_doc_number_line(&line.text) {
        return true;
    }
    match label::read(patterns::unwrap_emphasis(&line.text), profile) {
        Some((l, _)) if label::is_dotted_point(&l) => prev.is_none_or(ends_clause),
        Some(_) => true,
        None => false,
    }
}

/// Whether the next line with text (blank lines skipped) opens with a paragraph number or a
/// recital letter.
fn next_is_numbered(rest: &[Line<'_>], profile: &Profile) -> bool {
    let next = rest.iter().find(|l| l.kind != Kind::Blank);
    next.is_some_and(|l| {
        l.kind == Kind::Text
            && !l.escaped
            && matches!(
                label::read(patterns::unwrap_emphasis(&l.text), profile),
                Some((label::Label::Number(..) | label::Label::Letter(_), _))
            )
    })
}

/// Short, capitalised, on one line, without closing punctuation: the shape of a heading between
/// recitals or paragraphs, in every language of the profiles (all of whose scripts have capitals).
pub fn looks_like_heading(t: &str) -> bool {
    t.chars().count() <= 150
        && !t.contains('\n')
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !t.trim_end().ends_with(['.', ';', ',', ':'])
}

/// Text that ends a sentence or a clause of a list (`,` between points).
fn ends_clause(text: &str) -> bool {
    ends_sentence(text) || text.trim_end().ends_with(',')
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', ';', ':', '!', '?'])
}

/// Runs of ASCII spaces and tabs become one space; other whitespace (no-break spaces) is kept.
fn collapse_spaces(s: &str) -> String {
    if !s.contains("  ") && !s.contains('\t') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        let space = c == ' ' || c == '\t';
        if space {
            if !prev_space {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        prev_space = space;
    }
    out
}

/// Appends a wrapped line to a block's text: a line break where the source forced one, otherwise
/// a space, or nothing when a line-end hyphen split a word.
fn join(
    text: &mut CompactString,
    next: &str,
    hard_break: bool,
    src: &str,
    profile: &Profile,
    words: &mut Option<HashSet<String>>,
) {
    let next = collapse_spaces(next);
    if hard_break {
        text.push('\n');
        text.push_str(&next);
        return;
    }
    if text.ends_with('\u{ad}') {
        // A soft hyphen only ever marks a break opportunity.
        text.pop();
        text.push_str(&next);
        return;
    }
    let hyphenated = text.ends_with(['-', '\u{2010}']) && {
        let before = text[..text.len() - 1].chars().next_back();
        before.is_some_and(char::is_alphabetic) && next.starts_with(char::is_alphabetic)
    };
    if hyphenated {
        // After the last whitespace character, whatever its width (a no-break space is two bytes).
        let head_start = (text.char_indices().rev())
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let head = text[head_start..text.len() - 1].to_string();
        let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        if split_word(&head, &tail, src, profile, words) {
            text.pop();
        }
        text.push_str(&next);
        return;
    }
    text.push(' ');
    text.push_str(&next);
}

/// Whether `head-` + `tail` is one word split by a line-end hyphen (remove the hyphen) rather
/// than a hyphenated compound (`non-governmental`: keep it). Keeps the hyphen when unsure: a
/// kept hyphen loses nothing.
fn split_word(
    head: &str,
    tail: &str,
    src: &str,
    profile: &Profile,
    words: &mut Option<HashSet<String>>,
) -> bool {
    let head_lower = head.to_lowercase();
    if tail.starts_with(char::is_uppercase) || profile.hyphen_prefixes.contains(&head_lower) {
        return false;
    }
    let words = words.get_or_insert_with(|| {
        src.split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| w.len() > 3)
            .map(str::to_lowercase)
            .collect()
    });
    let joined = format!("{head}{tail}").to_lowercase();
    let hyphenated = format!("{head}-{tail}").to_lowercase();
    words.contains(&joined) && !words.contains(&hyphenated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(src: &str) -> Vec<String> {
        let profile = crate::lang::profile("en").unwrap();
        let lines = super::super::lines::split(src, profile, &mut crate::diag::Collector::new());
        group(src, &lines, 0..lines.len(), lines::width(&lines), profile)
            .into_iter()
            .map(|b| b.text.to_string())
            .collect()
    }

    #[test]
    fn joins_wrapped_lines_and_keeps_compound_hyphens() {
        let src = "1. Calls on the non-\ngovernmental organisations to sup-\nport the Commis-\nsion;\n2. Notes\nthat the Commission supports it;\n";
        assert_eq!(
            blocks(src),
            vec![
                "1. Calls on the non-governmental organisations to sup-port the Commission;",
                "2. Notes that the Commission supports it;"
            ]
        );
    }

    #[test]
    fn joins_across_page_furniture() {
        let src = "A. whereas the Council and\n\n\u{c}RE\\1225093EN.docx 2/6 PE662.890v01-00\n\nEN United in diversity EN\n\nthe Commission agree;\n\nB. whereas x;\n";
        assert_eq!(
            blocks(src),
            vec![
                "A. whereas the Council and the Commission agree;",
                "B. whereas x;"
            ]
        );
    }

    #[test]
    fn a_no_break_space_before_a_split_word_is_no_char_boundary_problem() {
        let src = "1. Calls on the\u{a0}non-\ngovernmental organisations;\n";
        assert_eq!(
            blocks(src),
            vec!["1. Calls on the\u{a0}non-governmental organisations;"]
        );
    }

    #[test]
    fn single_newline_layout_splits_on_labels() {
        let src = "The European Parliament,\n– having regard to X,\nA. whereas Y;\n1. Calls Z;\n";
        assert_eq!(blocks(src).len(), 4);
    }

    #[test]
    fn a_heading_without_blank_lines_is_a_block_of_its_own() {
        let src = "C. whereas the index reports it;\nGeneral considerations\n1. Stresses that;\nand more text\n2. Calls;\n";
        assert_eq!(
            blocks(src),
            vec![
                "C. whereas the index reports it;",
                "General considerations",
                "1. Stresses that; and more text",
                "2. Calls;"
            ]
        );
        // Not before an unnumbered line, not after an unfinished sentence.
        assert_eq!(blocks("1. Calls;\nGeneral\nText\n").len(), 1);
        assert_eq!(blocks("1. Calls on\nGeneral Motors\n2. Notes;\n").len(), 2);
    }

    #[test]
    fn a_number_a_wrap_put_at_the_start_of_a_line_goes_on_the_text() {
        // Wrapped at 40: `1.` only starts a line because `April` did not fit after `on`.
        let src = "A. whereas the milk quotas were abolished on\n1. April 2015;\n1. Calls on the Commission to act, today;\n";
        assert_eq!(
            blocks(src),
            vec![
                "A. whereas the milk quotas were abolished on 1. April 2015;",
                "1. Calls on the Commission to act, today;"
            ]
        );
        // After a comma, only a number out of sequence goes on.
        let comma = "A. whereas on Monday, the leaders met and,\n13. July, agreed on it in the end;\n1. Calls on the Commission to act, today;\n";
        assert_eq!(blocks(comma).len(), 2);
        let list =
            "1. Calls on the Commission to act at once,\n2. Calls on the Council to act, today;\n";
        assert_eq!(blocks(list).len(), 2);
        // After a short line, or after finished text, a number opens its block as before.
        assert_eq!(
            blocks("A. whereas it is so\n1. Calls on the Commission to act now;\n").len(),
            2
        );
        assert_eq!(
            blocks("A. whereas the milk quotas were abolished;\n1. Calls;\n").len(),
            2
        );
    }

    #[test]
    fn a_dotted_point_letter_opens_a_block_only_after_finished_text() {
        let src = "1. Recalls the ruling in Schrems\nv. Facebook;\na. first,\nb. second;\n";
        assert_eq!(
            blocks(src),
            vec![
                "1. Recalls the ruling in Schrems v. Facebook;",
                "a. first,",
                "b. second;"
            ]
        );
    }

    #[test]
    fn hard_breaks_continue_the_block() {
        let src = "**European Parliament resolution on X  \n(2021/2544(RSP))**\n";
        assert_eq!(
            blocks(src),
            vec!["**European Parliament resolution on X\n(2021/2544(RSP))**"]
        );
    }
}
