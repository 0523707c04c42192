//! Splitting the source into cleaned lines: line ends, form feeds, control characters, the
//! markdown-ish marks of PDF dumps (`---`, `## `, `- `), leaked tags, and page furniture.

use crate::diag::codes;
use crate::diag::{Collector, Diagnostic, Span};
use crate::lang::furniture::furniture_kind;
use crate::lang::Profile;
use std::borrow::Cow;

/// What a line is, before any structure is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Empty or whitespace only.
    Blank,
    /// A markdown rule (`---`): a visual separator.
    Rule,
    /// Page furniture: site menus, running headers and footers, download links.
    Furniture,
    Text,
}

/// One line of the source, cleaned.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based line number.
    pub no: u32,
    /// Byte offset of the start of the raw line.
    pub line_start: usize,
    /// Byte offset of `text`'s first byte in the source (approximate when characters were replaced).
    pub start: usize,
    /// Byte offset just past `text`'s last byte in the source.
    pub end: usize,
    /// The content: trimmed, marks and leaked tags removed.
    pub text: Cow<'a, str>,
    pub kind: Kind,
    /// The raw line ended in two spaces: a markdown line break.
    pub hard_break: bool,
    /// The line started with a markdown bullet `- ` or `* `.
    pub bullet: bool,
    /// The line was a markdown heading (`## `).
    pub md_heading: bool,
    /// The line opened with a backslash before a character that is no inline escape (`\1. `,
    /// `\- `, `\## `): the backslash is gone, and what follows is text, not a label, a mark, a
    /// leaked tag or furniture. The canonical text form (`export::txt`) writes it.
    pub escaped: bool,
    /// The name of a leaked tag that wrapped the line (`Titre` for `<Titre>...</Titre>`).
    pub tag: Option<&'a str>,
    /// A page break (form feed) came before this line.
    pub page_break: bool,
}

impl Line<'_> {
    /// The span of the line's content.
    pub fn span(&self, src: &str) -> Span {
        Span {
            start: self.start,
            end: self.end,
            line: self.no,
            col: 1 + src[self.line_start..self.start].chars().count() as u32,
        }
    }
}

/// Splits `src` into lines and classifies each. Control characters are replaced by spaces and
/// reported in `diags`.
pub fn split<'a>(src: &'a str, profile: &Profile, diags: &mut Collector) -> Vec<Line<'a>> {
    let mut lines = Vec::with_capacity(src.len() / 80 + 1);
    let mut offset = 0;
    let mut page_break = false;
    for (i, raw_with_end) in with_line_ends(src).enumerate() {
        let line_start = offset;
        offset += raw_with_end.len();
        let raw = raw_with_end.trim_end_matches(['\n', '\r']);
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if raw.contains('\u{c}') {
            page_break = true;
        }
        let line = clean(raw, line_start, no, profile, diags, page_break);
        if line.kind == Kind::Text {
            page_break = false;
        }
        lines.push(line);
    }
    lines
}

/// The lines of `src`, each with its line end: `\n`, `\r\n`, or a lone `\r` (old Mac files).
pub fn with_line_ends(src: &str) -> impl Iterator<Item = &str> {
    let bytes = src.as_bytes();
    let mut rest = 0;
    std::iter::from_fn(move || {
        if rest >= bytes.len() {
            return None;
        }
        let start = rest;
        let end = match bytes[start..]
            .iter()
            .position(|b| matches!(b, b'\n' | b'\r'))
        {
            None => bytes.len(),
            Some(i) if bytes[start + i] == b'\r' && bytes.get(start + i + 1) == Some(&b'\n') => {
                start + i + 2
            }
            Some(i) => start + i + 1,
        };
        rest = end;
        Some(&src[start..end])
    })
}

/// One raw line as the reader sees it: controls replaced, its kind (blank, rule, text,
/// furniture) and its marks (markdown heading or bullet, a leaked tag) taken off its text.
fn clean<'a>(
    raw: &'a str,
    line_start: usize,
    no: u32,
    profile: &Profile,
    diags: &mut Collector,
    page_break: bool,
) -> Line<'a> {
    let hard_break = raw.ends_with("  ") && !raw.trim().is_empty();
    let text = without_controls(raw, line_start, no, diags);
    let trimmed_start = text.len() - text.trim_start().len();
    let mut start = trimmed_start;
    let mut end = text.trim_end().len().max(start);
    let mut line = Line {
        no,
        line_start,
        start: 0,
        end: 0,
        text: Cow::Borrowed(""),
        kind: Kind::Text,
        hard_break,
        bullet: false,
        md_heading: false,
        escaped: false,
        tag: None,
        page_break,
    };
    let t = &text[start..end];
    if t.is_empty() {
        line.kind = Kind::Blank;
    } else if escapes_line(t) {
        line.escaped = true;
        start += 1;
    } else if is_rule(t) {
        line.kind = Kind::Rule;
    } else {
        (start, end) = take_marks(raw, &text, start, end, &mut line);
    }
    let (s, e) = (start, end.max(start));
    line.text = match text {
        Cow::Borrowed(b) => Cow::Borrowed(b[s..e].trim()),
        Cow::Owned(o) => Cow::Owned(o[s..e].trim().to_string()),
    };
    line.start = line_start + s.min(raw.len());
    line.end = (line_start + e).min(line_start + raw.len()).max(line.start);
    if line.kind == Kind::Text && line.text.is_empty() {
        line.kind = Kind::Blank;
    }
    // A markdown heading (`## 0/0`) is the author's, never page furniture.
    if line.kind == Kind::Text
        && !line.md_heading
        && !line.escaped
        && is_furniture(&line.text, profile)
    {
        line.kind = Kind::Furniture;
    }
    line
}

/// The raw line with control characters other than tab replaced by spaces of the same byte
/// length, so offsets into the source stay exact: form feeds are page breaks, the rest are
/// reported.
fn without_controls<'a>(
    raw: &'a str,
    line_start: usize,
    no: u32,
    diags: &mut Collector,
) -> Cow<'a, str> {
    if has_control(raw) {
        let bad: Vec<char> = raw
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\u{c}'))
            .collect();
        if !bad.is_empty() {
            let col = 1 + raw.chars().take_while(|c| !bad.contains(c)).count() as u32;
            let pos = raw.find(|c: char| bad.contains(&c)).unwrap_or(0);
            let names: Vec<String> = bad
                .iter()
                .take(3)
                .map(|c| format!("U+{:04X}", *c as u32))
                .collect();
            diags.push(
                Diagnostic::new(
                    &codes::CONTROL_CHAR,
                    Some(Span {
                        start: line_start + pos,
                        end: line_start + pos + 1,
                        line: no,
                        col,
                    }),
                    format!("control character {} replaced by a space", names.join(", ")),
                )
                .hint("control characters are not allowed in XML; remove them from the source"),
            );
        }
        // Same byte length, so offsets into the source stay exact.
        let mut owned = String::with_capacity(raw.len());
        for c in raw.chars() {
            if c.is_control() && c != '\t' {
                owned.extend(std::iter::repeat_n(' ', c.len_utf8()));
            } else {
                owned.push(c);
            }
        }
        Cow::Owned(owned)
    } else {
        Cow::Borrowed(raw)
    }
}

/// Strips the marks of a text line between `start` and `end` (markdown heading hashes and
/// bullets, a leaked tag around the text), noting them on `line`; the text's new bounds.
fn take_marks<'a>(
    raw: &'a str,
    text: &str,
    mut start: usize,
    mut end: usize,
    line: &mut Line<'a>,
) -> (usize, usize) {
    // Markdown heading marks.
    let t = &text[start..end];
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        line.md_heading = true;
        start += hashes + 1;
    }
    // Markdown bullets; the en dash of citations is a label, handled by the reader.
    let t = &text[start..end];
    if (t.starts_with("- ") || t.starts_with("* ")) && t.len() > 2 {
        line.bullet = true;
        start += 2;
    }
    while text[start..end].starts_with(char::is_whitespace) {
        start += text[start..end].chars().next().map_or(1, char::len_utf8);
    }
    // Leaked tags: <Titre>...</Titre>; a markdown heading (`## <a>`) is the author's text.
    let tag = (!line.md_heading)
        .then(|| leaked_tag(&text[start..end]))
        .flatten();
    if let Some((name, inner_start, inner_end)) = tag {
        line.tag = raw.find(name).map(|i| &raw[i..i + name.len()]);
        end = start + inner_end;
        start += inner_start;
    }
    (start, end)
}

/// Whether a line's text opens with a backslash that makes the rest of the line text: before
/// anything but the characters a backslash escapes inside a line (`*`, `[`, `(`, `\`), which
/// the inline reader unescapes and which open no label once escaped.
fn escapes_line(t: &str) -> bool {
    let mut chars = t.chars();
    chars.next() == Some('\\')
        && chars
            .next()
            .is_some_and(|c| !matches!(c, '*' | '[' | '(' | '\\') && !c.is_whitespace())
}

/// A markdown thematic break: three or more `-`, `*` or `_`, spaces allowed between them.
fn is_rule(t: &str) -> bool {
    let mut marks = t.bytes().filter(|b| *b != b' ');
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, b'-' | b'*' | b'_')
        && t.bytes().filter(|b| *b == first).count() >= 3
        && t.bytes().all(|b| b == first || b == b' ')
}

/// `<Name>inner</Name>`, `<Name>inner` or `inner</Name>` where the line is wrapped in a leaked
/// tag: returns the name and the byte range of the inner text.
fn leaked_tag(t: &str) -> Option<(&str, usize, usize)> {
    let tag_name = |s: &str| -> Option<usize> {
        let n = s
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        (n > 0 && s.as_bytes()[0].is_ascii_alphabetic() && s[n..].starts_with('>')).then_some(n)
    };
    if let Some(open) = t.strip_prefix('<') {
        let n = tag_name(open)?;
        let name = &open[..n];
        let inner_start = n + 2;
        let close = format!("</{name}>");
        let inner_end = if t.ends_with(&close) {
            t.len() - close.len()
        } else {
            t.len()
        };
        return Some((name, inner_start, inner_end.max(inner_start)));
    }
    if t.ends_with('>') {
        let open = t.rfind("</")?;
        let n = tag_name(&t[open + 2..])?;
        if open + 2 + n + 1 == t.len() {
            return Some((&t[open + 2..open + 2 + n], 0, open));
        }
    }
    None
}

/// Whether `s` holds a control character other than tab: C0 and DEL are single bytes; C1
/// (U+0080..U+009F) is encoded as 0xC2 followed by 0x80..0x9F.
fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && c != b'\t')
            || c == 0x7f
            || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
    })
}

/// Strips emphasis marks at either end, paired or not (`**Title  ` opening a bold run that
/// closes on the next line).
pub fn strip_marks(t: &str) -> &str {
    t.trim_matches('*').trim()
}

/// The length of the longest line's content, in characters: the width the text was wrapped at,
/// if it was.
pub fn width(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0)
}

/// Whether the line `before` ends where it does because the first word of `next` would not have
/// fitted on it within `width`: the mark of a hard wrap, not of a new line the author made. No
/// text is taken as wrapped narrower than [`NARROWEST_WRAP`] columns.
pub fn wrapped_before(before: &str, next: &str, width: usize) -> bool {
    let first_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    width >= NARROWEST_WRAP && before.chars().count() + 1 + first_word > width - 1
}

/// The narrowest width, in characters, at which a text counts as hard-wrapped: below it, short
/// lines are the author's own.
pub const NARROWEST_WRAP: usize = 30;

/// Whether a line is page furniture: download links, site menus, running headers and footers.
pub fn is_furniture(t: &str, profile: &Profile) -> bool {
    furniture_kind(t, profile).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::read::text::testing::en;
    use crate::vocab::loose::starts_with_loose;

    #[test]
    fn cleans_marks_and_tags() {
        let mut d = Collector::new();
        let src = "## **MOTION**\n- A. whereas  \n<Titre>on labelling</Titre>\n---\n\u{c}x\u{7}y\n";
        let lines = split(src, en(), &mut d);
        assert!(lines[0].md_heading);
        assert_eq!(lines[0].text, "**MOTION**");
        assert!(lines[1].bullet && lines[1].hard_break);
        assert_eq!(lines[1].text, "A. whereas");
        assert_eq!(
            (lines[2].text.as_ref(), lines[2].tag),
            ("on labelling", Some("Titre"))
        );
        assert_eq!(lines[3].kind, Kind::Rule);
        assert_eq!(lines[4].text, "x y");
        assert!(lines[4].page_break);
        let d = d.finish();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "W-CONTROL-CHAR");
        assert_eq!(&src[lines[2].start..lines[2].end], "on labelling");
    }

    #[test]
    fn line_ends_of_every_platform() {
        let ends = |s| with_line_ends(s).collect::<Vec<_>>();
        assert_eq!(ends("a\nb\r\nc\rd"), ["a\n", "b\r\n", "c\r", "d"]);
        assert_eq!(ends("a\r\r\nb\n\n"), ["a\r", "\r\n", "b\n", "\n"]);
        assert!(ends("").is_empty());
        let mut d = Collector::new();
        let lines = split("The European Parliament,\r\r1. Calls;\r", en(), &mut d);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_ref()).collect();
        assert_eq!(texts, ["The European Parliament,", "", "1. Calls;"]);
        assert_eq!((lines[2].no, lines[2].line_start), (3, 26));
        assert!(d.finish().is_empty());
    }

    #[test]
    fn recognises_furniture() {
        for f in [
            "PDF 155kWORD 46k",
            "Legal notice - Privacy policy",
            "Last updated: 17 November 2021Legal notice - Privacy policy",
            "RE\\1225093EN.docx 2/6 PE662.890v01-00",
            "EN United in diversity EN",
            "*Plenary sitting*",
            "RC-10-2025-0249_EN\u{a0}(PDF\u{a0}-\u{a0}147\u{a0}KB)",
            "Procedure\u{a0}:\u{a0}2025/2691(RSP)",
            "PV\u{a0}08/05/2025\u{a0}-\u{a0}7.2",
        ] {
            assert!(is_furniture(f, en()), "{f}");
        }
        assert!(!is_furniture("The European Parliament,", en()));
    }

    #[test]
    fn loose_prefix() {
        assert_eq!(
            starts_with_loose("Having\u{a0}regard to X", "having regard to"),
            Some(17)
        );
        assert_eq!(starts_with_loose("having", "having regard"), None);
        assert_eq!(starts_with_loose("vulnérable", "vu"), None);
        assert_eq!(starts_with_loose("vu l'article", "vu"), Some(2));
    }

    /// Each language's site furniture and motto footer are recognised as furniture in a text of
    /// that language; its formula, openers and titles never are, in any language.
    #[test]
    fn furniture_of_every_language() {
        for p in crate::lang::profiles() {
            // The masthead's words too: furniture wherever the cover reader does not keep them.
            for line in p
                .furniture_lines
                .iter()
                .chain(&p.masthead)
                .chain(&p.sitting)
            {
                assert!(is_furniture(line, p), "{}: {line}", p.code);
            }
            for prefix in &p.furniture_prefixes {
                let line = format!("{prefix} 7.5.2025");
                assert!(is_furniture(&line, p), "{}: {line}", p.code);
            }
            let code = p.code.to_uppercase();
            let footer = format!("{code} {} {code}", p.motto);
            for other in crate::lang::profiles() {
                assert!(is_furniture(&footer, other), "{} in {}", footer, other.code);
            }
            let own_words = p
                .formula
                .iter()
                .chain(&p.resolution_titles)
                .chain(&p.citation_openers)
                .map(|w| format!("{w} X"));
            for line in own_words.chain(p.formula.iter().cloned()) {
                for other in crate::lang::profiles() {
                    assert!(
                        !is_furniture(&line, other),
                        "{}: {line} is furniture in {}",
                        p.code,
                        other.code
                    );
                }
            }
        }
    }
}
