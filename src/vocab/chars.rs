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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_illegal_characters() {
        assert_eq!(xml_safe("a\u{0}b\u{c}c\td\u{FFFE}"), "a b c\td ");
        assert!(matches!(
            xml_safe("plain ‘text’ – Ελλάδα"),
            Cow::Borrowed(_)
        ));
    }
}
