//! The characters XML 1.0 allows in content, and text made safe for it.

use std::borrow::Cow;

/// True for characters XML 1.0 allows in content: tab, line feed, carriage return, and everything
/// from U+0020 up except the surrogates (which Rust strings cannot hold) and U+FFFE, U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` with every character XML 1.0 forbids replaced by a space. Borrows when nothing changes.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if is_xml_char(c) { c } else { ' ' })
                .collect(),
        )
    }
}

/// True for characters HTML allows in text without a parse error: what XML allows
/// ([`is_xml_char`]) less the C1 controls (U+007F to U+009F) and the noncharacters (U+FDD0 to
/// U+FDEF, and the last two code points of every plane).
pub fn is_html_char(c: char) -> bool {
    let noncharacter = matches!(c, '\u{FDD0}'..='\u{FDEF}') || (c as u32 & 0xFFFE) == 0xFFFE;
    is_xml_char(c) && !matches!(c, '\u{7F}'..='\u{9F}') && !noncharacter
}

/// `s` with every character HTML forbids replaced by a space, as [`xml_safe`] does for XML.
/// Borrows when nothing changes.
pub fn html_safe(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_html_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if is_html_char(c) { c } else { ' ' })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_forbids_what_xml_does_and_c1_controls_and_noncharacters() {
        assert_eq!(
            html_safe("a\u{0}b\u{c}c\td\u{85}e\u{FDD0}f\u{1FFFF}g\u{FFFD}"),
            "a b c\td e f g\u{FFFD}"
        );
        assert!(matches!(html_safe("Ελλάδα – €"), Cow::Borrowed(_)));
    }

    #[test]
    fn replaces_only_illegal_characters() {
        assert_eq!(xml_safe("a\u{0}b\u{c}c\td\u{FFFE}"), "a b c\td ");
        assert!(matches!(
            xml_safe("plain ‘text’ – Ελλάδα"),
            Cow::Borrowed(_)
        ));
    }
}
