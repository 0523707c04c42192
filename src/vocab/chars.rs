//! The characters XML 1.0 allows in content, and text made safe for it.

use std::borrow::Cow;

/// True for characters XML 1.0 allows in content: tab, line feed, carriage return, and everything
/// from U+0020 up except the surrogates (which Rust strings cannot hold) and U+FFFE, U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` with every character XML 1.0 forbids replaced by a space. Borrows when nothing changes.
///
/// A byte scan comes first: in UTF-8 the characters XML forbids are the control bytes other than
/// tab, line feed and carriage return, and U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`); almost all
/// text has none and is borrowed untouched.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    if holds_not_xml(s.as_bytes()) {
        replace_unless(s, is_xml_char)
    } else {
        Cow::Borrowed(s)
    }
}

/// True when the UTF-8 `bytes` hold a character XML 1.0 forbids: a control byte other than tab,
/// line feed and carriage return, or U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`). Blocks of 32 bytes
/// are tested without an early exit, a loop the compiler turns into vector instructions; only a
/// block holding such a byte, or `EF`, is looked at byte by byte.
pub fn holds_not_xml(bytes: &[u8]) -> bool {
    let forbidden = |i: usize| {
        let b = bytes[i];
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || (b == 0xEF && bytes.get(i + 1) == Some(&0xBF) && bytes.get(i + 2) >= Some(&0xBE))
    };
    let mut blocks = bytes.chunks_exact(32);
    for (k, block) in blocks.by_ref().enumerate() {
        let suspect = block.iter().fold(false, |found, &b| {
            found | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF)
        });
        if suspect && (k * 32..k * 32 + 32).any(forbidden) {
            return true;
        }
    }
    (bytes.len() - blocks.remainder().len()..bytes.len()).any(forbidden)
}

/// The first character of `s` that XML 1.0 forbids, if any.
pub fn first_not_xml(s: &str) -> Option<char> {
    // In UTF-8 a forbidden character starts with a control byte or `EF` (U+FFFE, U+FFFF): the
    // characters are decoded only from the first such byte, a character's first.
    let start = s
        .bytes()
        .position(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF)?;
    s[start..].chars().find(|&c| !is_xml_char(c))
}

/// The length of the longest prefix of `bytes`, in whole blocks of 32, that holds only printable
/// ASCII, tab, line feed and carriage return: bytes that neither XML nor HTML forbids and that
/// start no sequence they forbid. Each block is tested without an early exit, a loop the
/// compiler turns into vector instructions; most text in Latin script is mostly such blocks.
fn plain_prefix(bytes: &[u8]) -> usize {
    let mut n = 0;
    for block in bytes.chunks_exact(32) {
        let plain = block.iter().fold(true, |ok, &b| {
            ok & ((0x20..=0x7E).contains(&b) | (b == b'\n') | (b == b'\t') | (b == b'\r'))
        });
        if !plain {
            break;
        }
        n += 32;
    }
    n
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
///
/// A byte scan comes first: in UTF-8 the characters HTML forbids are the C0 controls other than
/// tab, line feed and carriage return, DEL, the C1 controls (`C2 80` to `C2 9F`) and the
/// noncharacters (lead bytes `EF` and `F0`-`F4`); most text has none of these bytes.
pub fn html_safe(s: &str) -> Cow<'_, str> {
    let bytes = &s.as_bytes()[plain_prefix(s.as_bytes())..];
    let suspect = bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        0xEF => bytes.get(i + 1).is_some_and(|n| matches!(n, 0xB7 | 0xBF)),
        0xF0..=0xF4 => true,
        _ => false,
    });
    if suspect {
        replace_unless(s, is_html_char)
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` with every character `allowed` refuses replaced by a space; borrowed when none is.
fn replace_unless(s: &str, allowed: fn(char) -> bool) -> Cow<'_, str> {
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if allowed(c) { c } else { ' ' })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scans_agree_with_the_character_rules() {
        let samples = [
            "plain",
            "Ελλάδα € „q“",
            "\u{fffd}\u{fffe}\u{ffff}\u{10000}",
            "\u{efbf}",
        ];
        for s in samples {
            assert_eq!(xml_safe(s), replace_unless(s, is_xml_char), "{s:?}");
            assert_eq!(html_safe(s), replace_unless(s, is_html_char), "{s:?}");
        }
        // Each character alone, and at every offset around the plain prefix's blocks of 32.
        let plain = "The European Parliament,\tcalls\r\n".repeat(3);
        for (i, c) in (0..0x110000).filter_map(char::from_u32).enumerate() {
            let at = i % 70;
            let s = format!("a{}{c}b{plain}", &plain[..at]);
            assert_eq!(
                first_not_xml(&s),
                s.chars().find(|&c| !is_xml_char(c)),
                "U+{:04X} at {at}",
                c as u32
            );
            assert_eq!(
                holds_not_xml(s.as_bytes()),
                first_not_xml(&s).is_some(),
                "U+{:04X} at {at}",
                c as u32
            );
            assert_eq!(
                xml_safe(&s),
                replace_unless(&s, is_xml_char),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(
                html_safe(&s),
                replace_unless(&s, is_html_char),
                "U+{:04X}",
                c as u32
            );
        }
    }

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
