//! Joining cover lines into items: a cover item hard-wrapped over several lines (by an editor,
//! a mail client, `fold -s`) is read whole, as body lines already are.
//!
//! A line continues the item before it when nothing stands between them (no blank line, page
//! furniture or forced line break), both lines carry the same leaked tag, the line before is not
//! a complete item of its own (a number, a date, a group line, the kind alone), the line does not
//! open an item of its own, and its first word would not have fitted on the line before within
//! the width of the cover's longest line: the mark of a wrap.

use super::super::lines::{self, Kind, Line};
use super::{facts, fields};
use crate::diag::Span;
use crate::lang::Profile;
use crate::vocab::patterns;

/// One cover item: the text of one or more joined lines.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// The text, lines joined by a space, emphasis marks wrapping the whole removed.
    pub text: String,
    pub span: Span,
    /// The leaked tag that wrapped the lines (`Titre`).
    pub tag: Option<&'a str>,
    /// The last line ended in a forced line break.
    pub hard_break: bool,
    /// The line before the item ended in a forced line break.
    pub after_hard_break: bool,
}

/// The cover's lines joined into items, in order. Blank lines and furniture are left out; a
/// lone document or session number, furniture in the body, is a field here. `width` is the
/// length of the document's longest line, in characters: where the text was wrapped, if it was.
pub fn items<'a>(src: &str, lines: &[Line<'a>], width: usize, profile: &Profile) -> Vec<Item<'a>> {
    let mut out: Vec<Item<'a>> = Vec::new();
    let mut prev: Option<&Line<'_>> = None;
    // A leaked tag opened on a line and not closed on it: `<Titre>on setting` ... `consumers</Titre>`.
    let mut open_tag: Option<&str> = None;
    for line in lines {
        if !is_field(line) {
            prev = None;
            continue;
        }
        let continues = match (prev, out.last()) {
            (Some(_), Some(_)) if open_tag.is_some() => true,
            (Some(before), Some(item)) => continues(before, line, item, width, profile),
            _ => false,
        };
        open_tag = match (open_tag, line.tag) {
            (Some(open), Some(tag)) if open == tag => None,
            (Some(open), _) => Some(open),
            (None, Some(tag)) if !raw_line(src, line).contains("</") => Some(tag),
            (None, _) => None,
        };
        let after_hard_break = prev.is_some_and(|p| p.hard_break);
        match out.last_mut() {
            Some(item) if continues => {
                item.text = format!("{} {}", item.text, line.text.trim());
                item.text = patterns::unwrap_emphasis(&item.text).to_string();
                item.span = item.span.to(line.span(src));
                item.hard_break = line.hard_break;
            }
            _ => out.push(Item {
                text: patterns::unwrap_emphasis(&line.text).to_string(),
                span: line.span(src),
                tag: line.tag,
                hard_break: line.hard_break,
                after_hard_break,
            }),
        }
        prev = Some(line);
    }
    out
}

/// The line as written, tags and marks included.
fn raw_line<'s>(src: &'s str, line: &Line<'_>) -> &'s str {
    let rest = &src[line.line_start..];
    rest.split(['\n', '\r']).next().unwrap_or(rest)
}

/// Text lines, and numbers alone on a line (furniture in the body, fields on the cover).
fn is_field(l: &Line<'_>) -> bool {
    l.kind == Kind::Text
        || (l.kind == Kind::Furniture && {
            let t = patterns::unwrap_emphasis(&l.text);
            patterns::doc_number(t).is_some() || patterns::pe_number(t).is_some()
        })
}

fn continues(
    before: &Line<'_>,
    line: &Line<'_>,
    item: &Item<'_>,
    width: usize,
    profile: &Profile,
) -> bool {
    if before.hard_break || line.page_break || before.tag != line.tag {
        return false;
    }
    if line.no != before.no + 1 || before.kind != Kind::Text || line.kind != Kind::Text {
        return false;
    }
    if before.tag.is_some() {
        // Leaked tags close their item: `<Titre>on ...` and `... consumers</Titre>` are one.
        return true;
    }
    let t = patterns::unwrap_emphasis(&line.text);
    if is_whole(&item.text, profile) || opens_item(t, profile) {
        return false;
    }
    // Names under a title that ends in a capitalised word ("... in the UK" / "Mara Bizzotto"):
    // a new item, unless the item is itself a list of names going on.
    let ends_capitalised = item
        .text
        .split_whitespace()
        .last()
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    if ends_capitalised
        && fields::looks_like_names(t.trim_matches('*'))
        && !fields::looks_like_names(item.text.trim_matches('*'))
    {
        return false;
    }
    lines::wrapped_before(&before.text, t, width)
}

/// An item complete in itself: facts (number, date, session number, procedure), a group line,
/// the kind alone.
fn is_whole(t: &str, profile: &Profile) -> bool {
    facts::read(t, profile).is_some()
        || fields::group_line(t, profile).is_some()
        || fields::kind_prefix(t, profile).is_some_and(|(_, len)| t[len..].trim().is_empty())
}

/// A line that starts an item of its own.
fn opens_item(t: &str, profile: &Profile) -> bool {
    let starts = |words: &[String]| {
        words
            .iter()
            .any(|w| crate::vocab::loose::starts_with_loose(t, w).is_some())
    };
    facts::read(t, profile).is_some()
        || patterns::doc_number_prefix(t)
            .is_some_and(|(len, _)| !t[len..].starts_with(char::is_alphanumeric))
        || fields::kind_prefix(t, profile).is_some()
        || fields::group_line(t, profile).is_some()
        || starts(&profile.request)
        || starts(&profile.replacing)
        || (t.starts_with('(') && patterns::find_procedure_like(t).is_some_and(|(s, _)| s == 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;

    fn items_of(text: &str) -> Vec<String> {
        let profile = crate::lang::profile("en").unwrap();
        let lines = lines::split(text, profile, &mut Collector::new());
        items(text, &lines, lines::width(&lines), profile)
            .into_iter()
            .map(|i| i.text)
            .collect()
    }

    #[test]
    fn wrapped_lines_are_joined_and_items_kept_apart() {
        let text = "B9-0542/2021\n9.2.2021\n\npursuant to Rule 143 of the Rules of\nProcedure\n\non setting ambitious labelling\nstandards to provide information to\nconsumers (2021/2544(RSP))\n\nKati Piri, Isabel Santos, Andris\nAmeriks\non behalf of the S&D Group\nMara Bizzotto\n";
        assert_eq!(
            items_of(text),
            [
                "B9-0542/2021",
                "9.2.2021",
                "pursuant to Rule 143 of the Rules of Procedure",
                "on setting ambitious labelling standards to provide information to consumers (2021/2544(RSP))",
                "Kati Piri, Isabel Santos, Andris Ameriks",
                "on behalf of the S&D Group",
                "Mara Bizzotto",
            ]
        );
    }

    #[test]
    fn short_lines_and_forced_breaks_are_not_joined() {
        let text = "MOTION FOR A RESOLUTION\non the situation in Kazakhstan and in the wider region  \n(2021/2544(RSP))\nKati Piri\nsomething long enough to set the width of this cover\n";
        assert_eq!(
            items_of(text),
            [
                "MOTION FOR A RESOLUTION",
                "on the situation in Kazakhstan and in the wider region",
                "(2021/2544(RSP))",
                "Kati Piri",
                "something long enough to set the width of this cover",
            ]
        );
    }

    #[test]
    fn a_tagged_item_wrapped_is_one_item() {
        let text = "<Titre>on setting ambitious\nlabelling\nstandards</Titre>\n\n<Depute>Emmanuel Maurel</Depute>\n";
        assert_eq!(
            items_of(text),
            [
                "on setting ambitious labelling standards",
                "Emmanuel Maurel"
            ]
        );
    }
}
