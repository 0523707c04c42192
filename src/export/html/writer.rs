//! A string writer for HTML: elements with their attributes, text with every character escaped
//! that must be and every character HTML forbids made a space (as the XML's writer does), and a
//! line feed between block elements so that the file reads in a text editor.

use crate::vocab::chars::html_safe;
use std::borrow::Cow;

/// The document being written.
pub struct Out {
    buf: String,
}

impl Out {
    /// A writer with room for `capacity` bytes.
    pub fn new(capacity: usize) -> Out {
        Out {
            buf: String::with_capacity(capacity),
        }
    }

    /// The bytes written.
    pub fn finish(self) -> Vec<u8> {
        self.buf.into_bytes()
    }

    /// Markup written as it is: only for the exporter's own constant strings.
    pub fn raw(&mut self, markup: &str) {
        self.buf.push_str(markup);
    }

    /// A start tag on a new line: `<name key="value">`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.buf.push('\n');
        self.start(name, attrs);
    }

    /// A start tag where the writing stands, with no whitespace before it.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.buf.push('<');
        self.buf.push_str(name);
        for (key, value) in attrs {
            self.buf.push(' ');
            self.buf.push_str(key);
            self.buf.push_str("=\"");
            escape_into(&mut self.buf, &html_safe_fast(value), true);
            self.buf.push('"');
        }
        self.buf.push('>');
    }

    /// An end tag where the writing stands.
    pub fn end(&mut self, name: &str) {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    /// An end tag on a new line, closing a block element.
    pub fn close(&mut self, name: &str) {
        self.buf.push('\n');
        self.end(name);
    }

    /// A whole element holding only text, on a new line.
    pub fn line(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.end(name);
    }

    /// Text content: characters HTML forbids become spaces; `&`, `<` and `>` are escaped.
    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.buf, &html_safe_fast(text), false);
    }
}

/// Appends `text` with `&`, `<`, `>` (and, in an attribute, `"`) escaped.
fn escape_into(buf: &mut String, text: &str, attribute: bool) {
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            _ => continue,
        };
        buf.push_str(&text[from..i]);
        buf.push_str(entity);
        from = i + 1;
    }
    buf.push_str(&text[from..]);
}

/// [`html_safe`], with a fast byte scan first: in UTF-8 the characters HTML forbids are the C0
/// controls other than tab, line feed and carriage return, DEL, the C1 controls (`C2 80` to
/// `C2 9F`) and the noncharacters (lead bytes `EF` and `F0`-`F4`); most text has none of these
/// bytes and is borrowed untouched.
fn html_safe_fast(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let suspect = bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        0xEF => bytes.get(i + 1).is_some_and(|n| matches!(n, 0xB7 | 0xBF)),
        0xF0..=0xF4 => true,
        _ => false,
    });
    if suspect {
        html_safe(text)
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes_and_drops_illegal_characters() {
        let mut out = Out::new(64);
        out.start("p", &[("title", "a\"b'c<&>\u{1}")]);
        out.text("S&D <x> \u{c}\u{85}\"q\" </script>");
        out.end("p");
        assert_eq!(
            String::from_utf8(out.finish()).unwrap(),
            "<p title=\"a&quot;b'c&lt;&amp;&gt; \">S&amp;D &lt;x&gt;   \"q\" &lt;/script&gt;</p>"
        );
    }

    #[test]
    fn the_fast_scan_agrees_with_html_safe() {
        for c in (0..0x110000).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(html_safe_fast(&s), html_safe(&s), "U+{:04X}", c as u32);
        }
    }
}
