//! Text that the reader would take as markup, written so that it reads back as text: the
//! reader's one escape, a backslash before `*`, `[`, `(` or a backslash
//! ([`crate::read::text`]'s inline reader). Only what could be markup is escaped, so that the
//! text stays as people write it: every `*` and backslash, a `[` opening a call's shape (`[12]`),
//! and a `(` opening a note's marker (`(1)` where the motion has a note `1`), which the reader
//! would take for a call. A part written without a label (a further paragraph, the text after
//! the body, the lines under the title) that opens like a label or a mark (`1. `, `A. `, `(a) `,
//! `- `, `## `, `<tag>`, `---`), or that has the shape of page furniture (`1/1`, `EN`), opens
//! with a backslash, which the reader takes off the line and reads what follows as text.

use std::borrow::Cow;

/// A run of text as it stands in the canonical form; `markers` are the motion's footnote
/// markers.
pub(super) fn text<'a>(s: &'a str, markers: &[&str]) -> Cow<'a, str> {
    if !s.contains(['*', '\\', '[', '(']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    for (i, c) in s.char_indices() {
        let escape = match c {
            '*' | '\\' => true,
            '[' => call_shape(&s[i + 1..], ']').is_some(),
            '(' => call_shape(&s[i + 1..], ')').is_some_and(|m| markers.contains(&m)),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// `line`, the text of a part written without a label, with a backslash before it when it opens
/// as the reader would read a label or a mark, as `label::read` and the line reader do, or when
/// it has the shape of page furniture in any language (`1/1`, `EN`, `Plenary sitting`), which
/// the reader removes between blocks.
pub(super) fn line_start(line: String) -> String {
    if opens_like_markup(&line) || is_furniture_anywhere(&line) {
        format!("\\{line}")
    } else {
        line
    }
}

/// Whether the reader would take `line` for page furniture whatever language it reads the
/// motion in (it detects the language of the text it is given).
fn is_furniture_anywhere(line: &str) -> bool {
    crate::lang::profiles().any(|p| crate::lang::furniture::furniture_kind(line, p).is_some())
}

fn opens_like_markup(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let rest = &s[first.len_utf8()..];
    let word_end = |rest: &str| rest.is_empty() || rest.starts_with(char::is_whitespace);
    match first {
        // Markdown heading, rule, leaked tag.
        '#' | '_' => true,
        '<' => rest.starts_with(|c: char| c.is_ascii_alphabetic()),
        // Dashes and bullets (`- `, `– `, `---`).
        '-' | '–' | '—' | '•' | '‒' | '−' | '▪' | '·' => {
            word_end(rest) || first == '-'
        }
        // `1.`, `1)`, `1 .`
        '0'..='9' => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            let after = &s[digits..];
            after.starts_with(['.', ')']) || after.starts_with(" .")
        }
        // `(a)`, `(iv)`, `(12)`
        '(' => rest.find(')').is_some_and(|close| {
            let inner = &rest[..close];
            (1..=5).contains(&inner.chars().count()) && inner.chars().all(char::is_alphanumeric)
        }),
        // `A.`, `AB.`, `ΣΤ.`, `a)`, `iv.`
        c if c.is_alphabetic() => {
            let letters: usize = (s.chars())
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let word = &s[..letters];
            let one_case =
                word.chars().all(char::is_uppercase) || word.chars().all(char::is_lowercase);
            one_case && word.chars().count() <= 4 && s[letters..].starts_with(['.', ')'])
        }
        _ => false,
    }
}

/// The digits of a call (one to three, then `close`) at the start of `rest`, as the reader
/// finds calls.
fn call_shape(rest: &str, close: char) -> Option<&str> {
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=3).contains(&n) && rest[n..].starts_with(close)).then(|| &rest[..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_could_be_markup_is_escaped() {
        let t = |s| text(s, &["1"]).into_owned();
        assert_eq!(t("plain text"), "plain text");
        assert_eq!(t("5 * 3 and a*b*"), r"5 \* 3 and a\*b\*");
        assert_eq!(t(r"C:\dir"), r"C:\\dir");
        assert_eq!(t("[1] and [1234] and [a]"), r"\[1] and [1234] and [a]");
        assert_eq!(t("Article 3(1) and 3(2)"), r"Article 3\(1) and 3(2)");
    }

    #[test]
    fn a_line_opening_like_a_label_or_mark_is_escaped() {
        let l = |s: &str| line_start(s.to_string());
        for marked in [
            "1. x",
            "12) x",
            "3 . x",
            "A. x",
            "ΣΤ. x",
            "iv) x",
            "x.",
            "(a) x",
            "(12) x",
            "- x",
            "– x",
            "---",
            "## x",
            "#x",
            "<b>x",
            "_x",
            "1/1",
            "EN",
            "Plenary sitting",
            "2019-2024",
            "EN United in diversity EN",
            "B9-0146/2021",
        ] {
            assert_eq!(l(marked), format!("\\{marked}"), "{marked}");
        }
        for plain in [
            "Whereas x",
            "2021 was",
            "(2021/2544(RSP))",
            "Mr. X",
            "\\*x",
            "«x»",
            "",
        ] {
            assert_eq!(l(plain), plain, "{plain}");
        }
    }
}
