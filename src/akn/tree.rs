//! XML bytes to a small element tree with a source span on every element and text, built with
//! quick-xml's pull reader: well-formedness problems become `E-AKN-XML`, nesting is capped at
//! [`MAX_DEPTH`] levels (`E-AKN-DEPTH`), and no text is dropped.

use crate::codes;
use crate::diag::{Diagnostic, Span};
use crate::export::xml::AKN_NS;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// The deepest element nesting the reader builds. Deeper elements are not built; their text is
/// kept in the element at the limit. Walking the tree recursively is then bounded too.
pub const MAX_DEPTH: usize = 64;

/// The namespace of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// Akoma Ntoso 3.0.
    Akn,
    /// Another namespace, or a prefix not declared.
    Other,
    /// No namespace.
    None,
}

/// One element: its local name, namespace, attributes (qualified names as written, values
/// unescaped), children, and the span of its start tag.
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub ns: Ns,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub span: Span,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    /// Text (or CDATA), unescaped, with where it starts.
    Text(String, Span),
}

impl Element {
    /// The value of attribute `name` (qualified as written: `eId`, `xmlns:epx`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(..) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element named `name` among the descendants, depth first.
    pub fn descendant(&self, name: &str) -> Option<&Element> {
        self.find(&|e| e.name == name)
    }

    /// The first descendant for which `pred` holds, depth first. The recursion is bounded by
    /// [`MAX_DEPTH`].
    pub fn find(&self, pred: &dyn Fn(&Element) -> bool) -> Option<&Element> {
        self.elements()
            .find_map(|e| if pred(e) { Some(e) } else { e.find(pred) })
    }

    /// All the text below the element, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    fn push_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(t, _) => out.push_str(t),
                Node::Element(e) => e.push_text(out),
            }
        }
    }
}

/// What the reader made of the bytes.
#[derive(Debug)]
pub struct Tree {
    /// The root element, when there was one (possibly cut short by an error).
    pub root: Option<Element>,
    /// False when the bytes are not well-formed XML.
    pub well_formed: bool,
}

/// Turns byte offsets into 1-based lines and columns (in characters), cheaply when the offsets
/// come in increasing order, as a reader's do.
struct Positions<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u32,
    col: u32,
}

impl<'a> Positions<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Positions {
            bytes,
            offset: 0,
            line: 1,
            col: 1,
        }
    }

    /// The span from `start` to `end`.
    fn span(&mut self, start: usize, end: usize) -> Span {
        let start = start.min(self.bytes.len());
        if start < self.offset {
            *self = Positions::new(self.bytes);
        }
        for &b in &self.bytes[self.offset..start] {
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                // A byte that starts a character (UTF-8 continuation bytes do not).
                self.col = self.col.saturating_add(1);
            }
        }
        self.offset = start;
        Span {
            start,
            end: end.clamp(start, self.bytes.len()),
            line: self.line,
            col: self.col,
        }
    }
}

/// Builds the tree of `bytes`, reporting what is wrong with the XML.
pub fn build(bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Tree {
    let mut b = Builder {
        positions: Positions::new(bytes),
        stack: Vec::new(),
        overflow: 0,
        root: None,
        well_formed: true,
        deep_reported: false,
        diags,
    };
    let mut reader = NsReader::from_reader(bytes);
    reader.config_mut().enable_all_checks(true);
    loop {
        let start = pos(reader.buffer_position());
        let event = reader
            .read_resolved_event()
            .map(|(ns, event)| (namespace(&ns), event));
        let end = pos(reader.buffer_position());
        let (ns, event) = match event {
            Ok(read) => read,
            Err(e) => {
                let at = pos(reader.error_position());
                b.malformed(at, format!("the XML is not well-formed: {e}"));
                break;
            }
        };
        let done = match event {
            Event::Start(tag) => b.open(&tag, ns, start, end),
            Event::Empty(tag) => b.open(&tag, ns, start, end) && b.close(),
            Event::End(_) => b.close(),
            Event::Text(text) => match text.unescape() {
                Ok(t) => b.text(&t, start, end),
                Err(e) => {
                    b.malformed(start, format!("the XML is not well-formed: {e}"));
                    // Keep the text as written all the same.
                    b.text(&String::from_utf8_lossy(&text), start, end);
                    false
                }
            },
            Event::CData(data) => b.text(&String::from_utf8_lossy(&data), start, end),
            Event::Eof => {
                b.eof();
                false
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => true,
        };
        if !done {
            break;
        }
    }
    // Reading may stop at an error with elements open: they are closed so that the text read
    // so far stays in the tree.
    b.close_all();
    if b.root.is_none() && b.well_formed {
        let message = if bytes.iter().all(u8::is_ascii_whitespace) {
            "the file is empty: no root element"
        } else {
            "the XML has no root element"
        };
        b.malformed(bytes.len(), message.to_string());
    }
    Tree {
        root: b.root,
        well_formed: b.well_formed,
    }
}

/// Akoma Ntoso containers that hold blocks, never running text: whitespace directly inside them
/// is layout.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "akomaNtoso"
            | "statement"
            | "doc"
            | "meta"
            | "identification"
            | "FRBRWork"
            | "FRBRExpression"
            | "FRBRManifestation"
            | "lifecycle"
            | "references"
            | "proprietary"
            | "preface"
            | "preamble"
            | "mainBody"
            | "conclusions"
            | "longTitle"
            | "formula"
            | "citations"
            | "citation"
            | "recitals"
            | "recital"
            | "blockList"
            | "item"
            | "paragraph"
            | "point"
            | "indent"
            | "intro"
            | "content"
            | "wrapUp"
            | "hcontainer"
            | "container"
    )
}

fn pos(p: u64) -> usize {
    usize::try_from(p).unwrap_or(usize::MAX)
}

fn namespace(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Bound(n) if n.as_ref() == AKN_NS.as_bytes() => Ns::Akn,
        ResolveResult::Bound(_) | ResolveResult::Unknown(_) => Ns::Other,
        ResolveResult::Unbound => Ns::None,
    }
}

struct Builder<'a, 'd> {
    positions: Positions<'a>,
    /// The open elements, outermost first; never more than [`MAX_DEPTH`].
    stack: Vec<Element>,
    /// Elements open beyond [`MAX_DEPTH`], not built.
    overflow: usize,
    root: Option<Element>,
    well_formed: bool,
    deep_reported: bool,
    diags: &'d mut Vec<Diagnostic>,
}

impl Builder<'_, '_> {
    fn malformed(&mut self, at: usize, message: String) {
        let span = self.positions.span(at, at);
        self.well_formed = false;
        self.diags.push(
            Diagnostic::new(&codes::AKN_XML, Some(span), message)
                .hint("fix the XML at this place; `xmllint --noout FILE` shows the same problem"),
        );
    }

    /// Opens an element. Returns false when reading must stop.
    fn open(&mut self, tag: &BytesStart<'_>, ns: Ns, start: usize, end: usize) -> bool {
        let span = self.positions.span(start, end);
        if self.stack.is_empty() && self.root.is_some() {
            self.malformed(start, "a second root element: XML has exactly one".into());
            return false;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
            if !self.deep_reported {
                self.deep_reported = true;
                self.diags.push(
                    Diagnostic::new(
                        &codes::AKN_DEPTH,
                        Some(span),
                        format!("elements are nested more than {MAX_DEPTH} levels deep; the text of deeper elements is kept, their structure is not"),
                    )
                    .hint("motions nest a few levels deep; check how this file was produced"),
                );
            }
            return true;
        }
        let mut attrs = Vec::new();
        for attr in tag.attributes() {
            let attr = match attr {
                Ok(a) => a,
                Err(e) => {
                    self.malformed(start, format!("the XML is not well-formed: {e}"));
                    return false;
                }
            };
            let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
            match attr.unescape_value() {
                Ok(v) => attrs.push((key, v.into_owned())),
                Err(e) => {
                    self.malformed(
                        start,
                        format!("the XML is not well-formed: attribute `{key}`: {e}"),
                    );
                    attrs.push((key, String::from_utf8_lossy(&attr.value).into_owned()));
                }
            }
        }
        let name = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
        self.stack.push(Element {
            name,
            ns,
            attrs,
            children: Vec::new(),
            span,
        });
        true
    }

    /// Closes the innermost open element. Returns false when reading must stop.
    fn close(&mut self) -> bool {
        if self.overflow > 0 {
            self.overflow -= 1;
            return true;
        }
        let Some(element) = self.stack.pop() else {
            return true;
        };
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(element)),
            None => self.root = Some(element),
        }
        true
    }

    fn text(&mut self, text: &str, start: usize, end: usize) -> bool {
        let span = self.positions.span(start, end);
        match self.stack.last_mut() {
            // Whitespace between the blocks of a container is layout: not kept, it would take
            // most of the tree's memory.
            Some(parent) if is_block(&parent.name) && text.trim().is_empty() => true,
            Some(parent) => {
                parent.children.push(Node::Text(text.to_string(), span));
                true
            }
            None if text.trim().is_empty() => true,
            None => {
                self.malformed(start, "text outside the root element".into());
                false
            }
        }
    }

    /// At the end of the input, every element must be closed.
    fn eof(&mut self) {
        if let Some(open) = self.stack.last() {
            let (name, span) = (open.name.clone(), open.span);
            self.malformed(
                span.start,
                format!("the XML is not well-formed: element `{name}` is never closed"),
            );
        }
    }

    fn close_all(&mut self) {
        self.overflow = 0;
        while !self.stack.is_empty() {
            self.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(xml: &str) -> (Tree, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let t = build(xml.as_bytes(), &mut d);
        (t, d)
    }

    #[test]
    fn builds_elements_text_and_positions() {
        let (t, d) = tree("<?xml version=\"1.0\"?>\n<a xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n  <é x=\"1&amp;2\">t&lt;u</é><b/></a>");
        assert!(d.is_empty(), "{d:?}");
        let root = t.root.unwrap();
        assert_eq!((root.name.as_str(), root.ns), ("a", Ns::Akn));
        let e = root.child("é").unwrap();
        assert_eq!(e.attr("x"), Some("1&2"));
        assert_eq!(e.text(), "t<u");
        assert_eq!((e.span.line, e.span.col), (3, 3));
        assert!(root.child("b").is_some());
    }

    #[test]
    fn reports_malformed_xml_where_it_is() {
        let (t, d) = tree("<a>\n  <b>x</c>\n</a>");
        assert!(!t.well_formed);
        assert_eq!(d[0].code, "E-AKN-XML");
        let s = d[0].span.unwrap();
        assert_eq!((s.line, s.col), (2, 7), "at `</c>`: {d:?}");
        let (t, d) = tree("<a><b>kept");
        assert!(!t.well_formed);
        assert!(d[0].message.contains("`b` is never closed"), "{d:?}");
        assert_eq!(t.root.unwrap().text(), "kept");
        let (t, _) = tree("<a><b>kept</b><c x='1' x='2'>");
        assert_eq!(t.root.unwrap().text(), "kept", "text before an error stays");
        for bad in [
            "",
            "  ",
            "text",
            "<a/><b/>",
            "<a x='1' x='2'/>",
            "<a>&bogus;</a>",
            "<a",
        ] {
            let (t, d) = tree(bad);
            assert!(!t.well_formed, "{bad:?}");
            assert!(d.iter().any(|d| d.code == "E-AKN-XML"), "{bad:?}: {d:?}");
        }
    }

    #[test]
    fn caps_nesting_and_keeps_the_text() {
        let xml = format!("{}deep{}", "<x>".repeat(1000), "</x>".repeat(1000));
        let (t, d) = tree(&xml);
        assert!(t.well_formed);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "E-AKN-DEPTH");
        assert_eq!(t.root.unwrap().text(), "deep");
    }
}
