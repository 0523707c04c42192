//! Text that the reader would take as markup, written so that it reads back as text: the
//! reader's one escape, a backslash before `*`, `[`, `(` or a backslash
//! ([`crate::read::text`]'s inline reader). Only what could be markup is escaped, so that the
//! text stays as people write it: every `*` and backslash, a `[` opening a call's shape (`[12]`),
//! and a `(` opening a note's marker (`(1)` where the motion has a note `1`), which the reader
//! would take for a call.

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
}
