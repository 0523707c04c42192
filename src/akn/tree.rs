//! XML bytes to a small element tree with a source span on every element and text, built with
//! quick-xml's pull reader: well-formedness problems become `E-AKN-XML`, nesting is capped at
//! [`MAX_DEPTH`] levels (`E-AKN-DEPTH`), and no text is dropped.

use super::doctype::{self, Entities};
use crate::codes;
use crate::diag::{Diagnostic, Span};
use crate::export::xml::AKN_NS;
use quick_xml::escape::{resolve_predefined_entity, unescape_with};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;
use std::cell::Cell;
use std::collections::HashSet;

/// The deepest element nesting the reader builds. Deeper elements are not built; their text is
/// kept in the element at the limit. Walking the tree recursively is then bounded too.
pub const MAX_DEPTH: usize = 64;

/// The namespace of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// Akoma Ntoso 3.0.
    Akn,
    /// Another namespace.
    Other,
    /// A prefix not declared (not well-formed; no element is built with it).
    Undeclared,
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
        entities: Entities::new(),
        // Declared entities may add as much text as the document has, and no more.
        expansion_budget: Cell::new(bytes.len().max(1 << 16)),
        diags,
    };
    // The reader reads `bytes[base..]`; it starts again after a DOCTYPE, which is read here.
    let mut base = 0;
    let mut reader = NsReader::from_reader(bytes);
    reader.config_mut().enable_all_checks(true);
    let mut seen_doctype = false;
    loop {
        let start = base + pos(reader.buffer_position());
        if !seen_doctype && b.root.is_none() && b.stack.is_empty() {
            let rest = &bytes[start..];
            let space = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
            if rest[space..].starts_with(b"<!DOCTYPE") {
                seen_doctype = true;
                match doctype::read(&rest[space..]) {
                    Ok((len, entities)) => {
                        b.entities = entities;
                        base = start + space + len;
                        reader = NsReader::from_reader(&bytes[base..]);
                        reader.config_mut().enable_all_checks(true);
                        continue;
                    }
                    Err(e) => {
                        b.malformed(start + space, format!("the XML is not well-formed: {e}"));
                        break;
                    }
                }
            }
        }
        let event = reader
            .read_resolved_event()
            .map(|(ns, event)| (namespace(&ns), event));
        let end = base + pos(reader.buffer_position());
        let (ns, event) = match event {
            Ok(read) => read,
            Err(e) => {
                let at = base + pos(reader.error_position());
                b.malformed(at, format!("the XML is not well-formed: {e}"));
                break;
            }
        };
        let done = match event {
            Event::Start(tag) => b.open(&tag, ns, &reader, start, end),
            Event::Empty(tag) => b.open(&tag, ns, &reader, start, end) && b.close(),
            Event::End(_) => b.close(),
            Event::Text(text) => {
                let raw = String::from_utf8_lossy(&text);
                match b.unescape(&raw, start, "") {
                    Some(t) => b.text(&t, start, end),
                    None => {
                        // Keep the text as written all the same.
                        b.text(&raw, start, end);
                        false
                    }
                }
            }
            Event::CData(data) => {
                let text = String::from_utf8_lossy(&data);
                b.chars_allowed(&text, start) && b.text(&text, start, end)
            }
            Event::Eof => {
                b.eof();
                false
            }
            Event::Decl(_) if start != 0 && bytes[..start] != [0xEF, 0xBB, 0xBF] => {
                b.malformed(
                    start,
                    "the XML is not well-formed: an XML declaration is allowed only at the very start".into(),
                );
                false
            }
            Event::DocType(_) => {
                b.malformed(
                    start,
                    "the XML is not well-formed: a DOCTYPE declaration is allowed only once, before the root element".into(),
                );
                false
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => true,
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

/// Whether `c` matches XML 1.0's `Char` production: the characters a document may hold,
/// written or by reference.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
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
        ResolveResult::Bound(_) => Ns::Other,
        ResolveResult::Unknown(_) => Ns::Undeclared,
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
    /// The general entities the DOCTYPE declares.
    entities: Entities,
    /// How many more bytes the references to declared entities may add.
    expansion_budget: Cell<usize>,
    diags: &'d mut Vec<Diagnostic>,
}

impl Builder<'_, '_> {
    fn malformed(&mut self, at: usize, message: String) {
        let span = self.positions.span(at, at);
        self.well_formed = false;
        self.diags.push(
            Diagnostic::new(&codes::AKN_XML, Some(span), message).hint(
                "fix the XML at this place; `xmllint --noout FILE` also checks well-formedness",
            ),
        );
    }

    /// `raw` with its entity and character references replaced (the predefined entities and
    /// those the DOCTYPE declares, the latter within the expansion budget), or `None` after
    /// reporting what is wrong; `what` names an attribute, or is empty for text.
    fn unescape(&mut self, raw: &str, at: usize, what: &str) -> Option<String> {
        let budget = &self.expansion_budget;
        let exhausted = Cell::new(false);
        let entities = &self.entities;
        let result = unescape_with(raw, |name| {
            if let Some(v) = resolve_predefined_entity(name) {
                return Some(v);
            }
            let v = entities.get(name)?;
            match budget.get().checked_sub(v.len()) {
                Some(left) => {
                    budget.set(left);
                    Some(v.as_str())
                }
                None => {
                    exhausted.set(true);
                    None
                }
            }
        });
        let problem = match result {
            Ok(t) if self.chars_allowed(&t, at) => return Some(t.into_owned()),
            Ok(_) => return None,
            Err(_) if exhausted.get() => {
                "references to declared entities expand to more text than the document holds"
                    .to_string()
            }
            Err(e) => e.to_string(),
        };
        let what = if what.is_empty() {
            String::new()
        } else {
            format!("attribute `{what}`: ")
        };
        self.malformed(at, format!("the XML is not well-formed: {what}{problem}"));
        None
    }

    /// Reports a character that XML does not allow (a control character, U+FFFE...).
    fn chars_allowed(&mut self, text: &str, at: usize) -> bool {
        match text.chars().find(|&c| !is_xml_char(c)) {
            None => true,
            Some(c) => {
                self.malformed(
                    at,
                    format!(
                        "the XML is not well-formed: character U+{:04X} is not allowed in XML",
                        u32::from(c)
                    ),
                );
                false
            }
        }
    }

    /// Opens an element. Returns false when reading must stop.
    fn open(
        &mut self,
        tag: &BytesStart<'_>,
        ns: Ns,
        reader: &NsReader<&[u8]>,
        start: usize,
        end: usize,
    ) -> bool {
        let span = self.positions.span(start, end);
        if self.stack.is_empty() && self.root.is_some() {
            self.malformed(start, "a second root element: XML has exactly one".into());
            return false;
        }
        if ns == Ns::Undeclared {
            let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
            self.malformed(
                start,
                format!(
                    "the XML is not well-formed: the namespace prefix of `{name}` is not declared"
                ),
            );
            return false;
        }
        let Some(attrs) = self.attributes(tag, reader, start) else {
            return false;
        };
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

    /// The attributes of `tag`, checked as XML with namespaces requires: no two with the same
    /// expanded name (found with a hash set: quick-xml's own check compares every pair), every
    /// prefix declared, no prefix undeclared with `xmlns:p=""`. `None` once reported.
    fn attributes(
        &mut self,
        tag: &BytesStart<'_>,
        reader: &NsReader<&[u8]>,
        start: usize,
    ) -> Option<Vec<(String, String)>> {
        let mut attrs = Vec::new();
        // Expanded names: compared pairwise while few, in a hash set beyond.
        let mut names: Vec<(&[u8], &[u8])> = Vec::new();
        let mut many: HashSet<(&[u8], &[u8])> = HashSet::new();
        for attr in tag.attributes().with_checks(false) {
            let attr = match attr {
                Ok(a) => a,
                Err(e) => {
                    self.malformed(start, format!("the XML is not well-formed: {e}"));
                    return None;
                }
            };
            let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
            let qname: QName<'_> = attr.key;
            let declaration = qname.as_namespace_binding();
            let expanded = match (declaration, reader.resolve_attribute(qname)) {
                (Some(_), _) => (&b"xmlns"[..], qname.into_inner()),
                (None, (ResolveResult::Unknown(_), _)) => {
                    self.malformed(
                        start,
                        format!("the XML is not well-formed: the namespace prefix of attribute `{key}` is not declared"),
                    );
                    return None;
                }
                (None, (ResolveResult::Bound(ns), local)) => (ns.into_inner(), local.into_inner()),
                (None, (ResolveResult::Unbound, local)) => (&b""[..], local.into_inner()),
            };
            let repeated = if names.len() < 16 {
                let seen = names.contains(&expanded);
                names.push(expanded);
                seen
            } else {
                if many.is_empty() {
                    many.extend(names.iter().copied());
                }
                !many.insert(expanded)
            };
            if repeated {
                self.malformed(
                    start,
                    format!("the XML is not well-formed: attribute `{key}` appears twice (by name or by namespace)"),
                );
                return None;
            }
            let value = self.unescape(&String::from_utf8_lossy(&attr.value), start, &key)?;
            if value.is_empty() && key.starts_with("xmlns:") {
                self.malformed(
                    start,
                    format!("the XML is not well-formed: `{key}=\"\"` undeclares a prefix, which XML 1.0 namespaces do not allow"),
                );
                return None;
            }
            attrs.push((key, value));
        }
        Some(attrs)
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
