//! A string writer for HTML: elements with their attributes, text with every character escaped
//! that must be and every character HTML forbids made a space (as the XML's writer does), and a
//! line feed between block elements so that the file reads in a text editor.

use crate::vocab::chars::html_safe;

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
            escape_into(&mut self.buf, &html_safe(value), true);
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
        escape_into(&mut self.buf, &html_safe(text), false);
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
}
