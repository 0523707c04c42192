//! A thin layer over the quick-xml event writer: block elements on their own indented lines,
//! mixed content written inline without added whitespace, every string made XML-safe.

use crate::vocab::chars::xml_safe;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io;

/// Two spaces per level, written only between block elements.
const INDENT: &[u8] = b"                                                                ";

/// The document being written. Writing into a `Vec` cannot fail, but should the writer report an
/// error all the same, the first one is kept and returned by [`Out::finish`].
pub struct Out {
    w: Writer<Vec<u8>>,
    depth: usize,
    error: Option<io::Error>,
}

impl Out {
    /// A writer with room for `capacity` bytes, the XML declaration written.
    pub fn new(capacity: usize) -> Out {
        let mut out = Out {
            w: Writer::new(Vec::with_capacity(capacity)),
            depth: 0,
            error: None,
        };
        out.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        out
    }

    /// The bytes written, with a final line feed.
    pub fn finish(mut self) -> io::Result<Vec<u8>> {
        self.w.get_mut().push(b'\n');
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.w.into_inner()),
        }
    }

    /// Opens a block element on a new line; its children are indented one level deeper.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.newline();
        self.event(Event::Start(start(name, attrs)));
        self.depth += 1;
    }

    /// Closes a block element opened with [`Out::open`], on a new line.
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.newline();
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// Opens an element with mixed content (`p`, `num`, `heading`) on a new line. What follows
    /// up to its [`Out::end`] is written without added whitespace.
    pub fn open_line(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.newline();
        self.start(name, attrs);
    }

    /// An empty block element on its own line (`<FRBRthis value="…"/>`).
    pub fn line_empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.newline();
        self.empty(name, attrs);
    }

    /// A block element holding only text, on its own line (`<num>1.</num>`).
    pub fn line_text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open_line(name, attrs);
        self.text(text);
        self.end(name);
    }

    /// Opens an inline element, with no whitespace around it.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(start(name, attrs)));
    }

    /// Closes an inline element (or one opened with [`Out::open_line`]).
    pub fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// An empty inline element (`<eol/>`).
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(start(name, attrs)));
    }

    /// Text content: characters XML forbids become spaces, `&`, `<` and `>` are escaped.
    pub fn text(&mut self, text: &str) {
        if !text.is_empty() {
            let escaped = partial_escape(xml_safe(text));
            self.event(Event::Text(BytesText::from_escaped(escaped)));
        }
    }

    fn newline(&mut self) {
        let buf = self.w.get_mut();
        buf.push(b'\n');
        let mut n = self.depth * 2;
        while n > 0 {
            let chunk = n.min(INDENT.len());
            buf.extend_from_slice(&INDENT[..chunk]);
            n -= chunk;
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if let Err(e) = self.w.write_event(event) {
            self.error.get_or_insert(e);
        }
    }
}

/// A start tag with its attributes, values made XML-safe and escaped (quotes included).
fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut tag = BytesStart::new(name);
    for (key, value) in attrs {
        tag.push_attribute((*key, xml_safe(value).as_ref()));
    }
    tag
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Out)) -> String {
        let mut out = Out::new(64);
        f(&mut out);
        String::from_utf8(out.finish().unwrap()).unwrap()
    }

    #[test]
    fn escapes_text_and_attributes_and_drops_illegal_characters() {
        let xml = written(|o| {
            o.open_line("p", &[("title", "a\"b'c<&>\u{1}")]);
            o.text("S&D <x> ]]> \u{c}\u{0}\"q\"");
            o.end("p");
        });
        assert!(xml.ends_with(
            "\n<p title=\"a&quot;b&apos;c&lt;&amp;&gt; \">S&amp;D &lt;x&gt; ]]&gt;   \"q\"</p>\n"
        ));
    }

    #[test]
    fn indents_blocks_only() {
        let xml = written(|o| {
            o.open("a", &[]);
            o.open_line("p", &[]);
            o.text("x");
            o.start("b", &[]);
            o.text("y");
            o.end("b");
            o.empty("eol", &[]);
            o.end("p");
            o.close("a");
        });
        assert!(
            xml.ends_with("\n<a>\n  <p>x<b>y</b><eol/></p>\n</a>\n"),
            "{xml}"
        );
    }
}
