//! XML bytes to a compact element tree with a source span on every element and text, built with
//! quick-xml's pull reader: well-formedness problems become `E-AKN-XML`, nesting is capped at
//! [`MAX_DEPTH`] levels (`E-AKN-DEPTH`), and no text is dropped.
//!
//! The tree is flat so that its memory is bounded by the input's size: one 24-byte slot per
//! element or text run in a single `Vec`, linked by `u32` indices (first child, next sibling);
//! names, attribute values and text are ranges of the source where they could be taken as
//! written, and ranges of one side buffer where they had to be decoded or unescaped. An element
//! of `<i>x</i>` (8 bytes) thus costs two slots, 48 bytes, and no allocation of its own.

use super::doctype::{self, Entities};
use crate::diag::codes;
use crate::diag::{Diagnostic, Span};
use crate::vocab::AKN_NS;
use quick_xml::escape::{resolve_predefined_entity, unescape_with};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

/// The deepest element nesting the reader builds. Deeper elements are not built; their text is
/// kept in the element at the limit. Walking the tree recursively is then bounded too.
pub const MAX_DEPTH: usize = 64;

/// The largest input the tree's `u32` offsets can address, with room for the decoded text.
pub const MAX_INPUT: usize = 1 << 30;

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

impl Ns {
    fn bits(self) -> u32 {
        match self {
            Ns::Akn => 0,
            Ns::Other => 1,
            Ns::Undeclared => 2,
            Ns::None => 3,
        }
    }

    fn from_bits(bits: u32) -> Ns {
        match bits & 3 {
            0 => Ns::Akn,
            1 => Ns::Other,
            2 => Ns::Undeclared,
            _ => Ns::None,
        }
    }
}

/// No slot: the end of a list of siblings.
const NONE: u32 = u32::MAX;
/// `Slot::c` of a text slot.
const TEXT: u32 = u32::MAX;
/// Element names are cut to this many bytes (2^29 - 1) so that the length and the namespace
/// fit `Slot::c` beside the text marker.
const NAME_LEN: u32 = (1 << 29) - 1;

/// A string of the tree: `len` bytes at `at` in the source, or at `at - source.len()` in the
/// side buffer of decoded text.
#[derive(Debug, Clone, Copy, Default)]
struct Str {
    at: u32,
    len: u32,
}

/// One element or text run. Its line and column are not kept: [`Lines`] finds them again.
#[derive(Debug, Clone, Copy)]
struct Slot {
    start: u32,
    end: u32,
    /// The next sibling, or [`NONE`].
    next: u32,
    /// Element: the first child, or [`NONE`]. Text: where the text is (as [`Str::at`]).
    a: u32,
    /// Element: where the local name is (as [`Str::at`]). Text: its length.
    b: u32,
    /// Element: the name's length, with the namespace in the top two bits. Text: [`TEXT`].
    c: u32,
}

/// An attribute: its element, qualified name as written, and value unescaped.
#[derive(Debug, Clone, Copy)]
struct Attr {
    element: u32,
    key: Str,
    value: Str,
}

/// What the reader made of the bytes.
pub struct Tree<'s> {
    source: &'s [u8],
    /// The source, when it is all UTF-8 (as it should be): its ranges are then not checked
    /// again on every look-up.
    utf8: Option<&'s str>,
    slots: Vec<Slot>,
    /// In the order of their elements.
    attrs: Vec<Attr>,
    /// Text that is not in the source as written (unescaped, decoded, expanded).
    decoded: String,
    root: Option<u32>,
    lines: Lines,
    /// False when the bytes are not well-formed XML.
    pub well_formed: bool,
}

/// The line and column at every [`Lines::STEP`]th byte, from which those of any offset are
/// found by reading at most that many bytes: 8 bytes of memory per step instead of 8 per slot.
#[derive(Debug, Default)]
struct Lines {
    marks: Vec<(u32, u32)>,
}

impl Lines {
    const STEP: usize = 256;

    /// The marks of `source`, in one pass over it.
    fn of(source: &[u8]) -> Lines {
        let mut marks = Vec::with_capacity(source.len() / Self::STEP + 1);
        let mut at = (1, 1);
        marks.push(at);
        for step in source.chunks_exact(Self::STEP) {
            at = advance_over(at.0, at.1, step);
            marks.push(at);
        }
        Lines { marks }
    }

    /// The 1-based line and column (in characters) of byte `offset` of `source`.
    fn at(&self, source: &[u8], offset: usize) -> (u32, u32) {
        let offset = offset.min(source.len());
        let k = (offset / Self::STEP).min(self.marks.len().saturating_sub(1));
        let Some(&(line, col)) = self.marks.get(k) else {
            return (1, 1);
        };
        advance_over(line, col, &source[k * Self::STEP..offset])
    }
}

/// The line and column after `bytes`, from `line` and `col` before them: a line feed starts a
/// line, every other byte that starts a character (UTF-8 continuation bytes do not) a column;
/// counted in loops the compiler vectorises.
fn advance_over(line: u32, col: u32, bytes: &[u8]) -> (u32, u32) {
    let starts = |b: &[u8]| count(b, |b| b & 0xC0 != 0x80);
    match memchr::memrchr(b'\n', bytes) {
        None => (line, col.saturating_add(starts(bytes))),
        Some(last) => {
            let lines = count(bytes, |b| b == b'\n');
            (
                line.saturating_add(lines),
                1u32.saturating_add(starts(&bytes[last + 1..])),
            )
        }
    }
}

/// How many of `bytes` `pred` holds for, counted in 32 byte-sized lanes (at most 255 blocks of
/// 32 at a time, so that no lane overflows): a loop the compiler turns into vector instructions.
fn count(bytes: &[u8], pred: impl Fn(u8) -> bool) -> u32 {
    let mut n = 0u32;
    let mut blocks = bytes.chunks_exact(32);
    loop {
        let mut lanes = [0u8; 32];
        let mut taken = 0;
        for block in blocks.by_ref().take(255) {
            for (lane, &b) in lanes.iter_mut().zip(block) {
                *lane += u8::from(pred(b));
            }
            taken += 1;
        }
        n += lanes.iter().map(|&k| u32::from(k)).sum::<u32>();
        if taken < 255 {
            break;
        }
    }
    n + blocks.remainder().iter().filter(|&&b| pred(b)).count() as u32
}

impl fmt::Debug for Tree<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tree")
            .field("root", &self.root())
            .field("well_formed", &self.well_formed)
            .finish()
    }
}

impl<'s> Tree<'s> {
    /// The root element, when there was one (possibly cut short by an error).
    pub fn root(&self) -> Option<Element<'_>> {
        self.root.map(|id| Element { tree: self, id })
    }

    fn str(&self, s: Str) -> &str {
        let (at, len) = (s.at as usize, s.len as usize);
        let source = self.source.len();
        // Every range was made from a `&str`, so each lookup succeeds.
        let found = match self.utf8 {
            _ if at >= source => self.decoded.get(at - source..at - source + len),
            Some(text) => text.get(at..at + len),
            None => (self.source.get(at..at + len)).and_then(|b| std::str::from_utf8(b).ok()),
        };
        found.unwrap_or("")
    }

    fn span(&self, id: u32) -> Span {
        let s = &self.slots[id as usize];
        let (line, col) = self.lines.at(self.source, s.start as usize);
        Span {
            start: s.start as usize,
            end: s.end as usize,
            line,
            col,
        }
    }

    /// `bytes` (of the source, or not) as text: borrowed from the source when they lie in it and
    /// are UTF-8 (checked once for the whole source), else with U+FFFD for what is not UTF-8.
    fn text_of(&self, bytes: &[u8]) -> Cow<'s, str> {
        let source = self.source.as_ptr_range();
        let range = bytes.as_ptr_range();
        if source.start <= range.start && range.end <= source.end {
            let at = range.start as usize - source.start as usize;
            let found = match self.utf8 {
                Some(text) => text.get(at..at + bytes.len()),
                None => std::str::from_utf8(&self.source[at..at + bytes.len()]).ok(),
            };
            if let Some(t) = found {
                return Cow::Borrowed(t);
            }
        }
        Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
    }

    /// `s` as a range: of the source when it lies in it, else copied to the side buffer.
    fn keep(&mut self, s: &str) -> Str {
        let source = self.source.as_ptr_range();
        let range = s.as_bytes().as_ptr_range();
        let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
        if source.start <= range.start && range.end <= source.end {
            let at = range.start as usize - source.start as usize;
            return Str { at: at as u32, len };
        }
        let at = self.source.len() + self.decoded.len();
        self.decoded.push_str(s);
        Str {
            at: u32::try_from(at).unwrap_or(u32::MAX),
            len,
        }
    }
}

/// One element of a [`Tree`]: its local name, namespace, attributes (qualified names as written,
/// values unescaped), children, and the span of its start tag.
#[derive(Clone, Copy)]
pub struct Element<'t> {
    tree: &'t Tree<'t>,
    id: u32,
}

impl fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.name())
    }
}

/// A child of an element.
#[derive(Debug, Clone, Copy)]
pub enum Node<'t> {
    Element(Element<'t>),
    /// Text (or CDATA), unescaped, with where it is.
    Text(&'t str, TextAt<'t>),
}

/// Where a text of the tree is: its span is found when asked for (few are).
#[derive(Clone, Copy)]
pub struct TextAt<'t> {
    tree: &'t Tree<'t>,
    id: u32,
}

impl TextAt<'_> {
    /// The span of the text as written.
    pub fn span(&self) -> Span {
        self.tree.span(self.id)
    }
}

impl fmt::Debug for TextAt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.tree.slots[self.id as usize].start)
    }
}

/// The children of an element, in order.
pub struct Children<'t> {
    tree: &'t Tree<'t>,
    next: u32,
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        let id = self.next;
        let slot = self.tree.slots.get(id as usize)?;
        self.next = slot.next;
        Some(if slot.c == TEXT {
            let text = Str {
                at: slot.a,
                len: slot.b,
            };
            let at = TextAt {
                tree: self.tree,
                id,
            };
            Node::Text(self.tree.str(text), at)
        } else {
            Node::Element(Element {
                tree: self.tree,
                id,
            })
        })
    }
}

impl<'t> Element<'t> {
    fn slot(&self) -> &'t Slot {
        &self.tree.slots[self.id as usize]
    }

    /// The local name.
    pub fn name(&self) -> &'t str {
        let s = self.slot();
        self.tree.str(Str {
            at: s.b,
            len: s.c & NAME_LEN,
        })
    }

    /// The namespace.
    pub fn ns(&self) -> Ns {
        Ns::from_bits(self.slot().c >> 30)
    }

    /// The span of the start tag.
    pub fn span(&self) -> Span {
        self.tree.span(self.id)
    }

    /// The children, elements and text, in order.
    pub fn children(&self) -> Children<'t> {
        Children {
            tree: self.tree,
            next: self.slot().a,
        }
    }

    /// True when the element has content (elements or text).
    pub fn has_children(&self) -> bool {
        self.slot().a != NONE
    }

    /// The value of attribute `name` (qualified as written: `eId`, `xmlns:epx`).
    pub fn attr(&self, name: &str) -> Option<&'t str> {
        let tree = self.tree;
        let first = tree.attrs.partition_point(|a| a.element < self.id);
        tree.attrs[first..]
            .iter()
            .take_while(|a| a.element == self.id)
            .find(|a| tree.str(a.key) == name)
            .map(|a| tree.str(a.value))
    }

    /// Every attribute `name` in the element's document (not only below it), with its element,
    /// in document order: one pass over the attributes, no walk of the tree.
    pub fn attrs_in_document(
        &self,
        name: &'t str,
    ) -> impl Iterator<Item = (Element<'t>, &'t str)> + 't {
        let tree = self.tree;
        (tree.attrs.iter())
            .filter(move |a| tree.str(a.key) == name)
            .map(move |a| {
                (
                    Element {
                        tree,
                        id: a.element,
                    },
                    tree.str(a.value),
                )
            })
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = Element<'t>> {
        self.children().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(..) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<Element<'t>> {
        self.elements().find(|e| e.name() == name)
    }

    /// The first element named `name` among the descendants, depth first.
    pub fn descendant(&self, name: &str) -> Option<Element<'t>> {
        self.find(&|e| e.name() == name)
    }

    /// The first descendant for which `pred` holds, depth first. The recursion is bounded by
    /// [`MAX_DEPTH`].
    pub fn find(&self, pred: &dyn Fn(&Element<'t>) -> bool) -> Option<Element<'t>> {
        self.elements()
            .find_map(|e| if pred(&e) { Some(e) } else { e.find(pred) })
    }

    /// All the text below the element, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    fn push_text(&self, out: &mut String) {
        for node in self.children() {
            match node {
                Node::Text(t, _) => out.push_str(t),
                Node::Element(e) => e.push_text(out),
            }
        }
    }
}

/// The span from `start` to `end` of `bytes`, its line and column counted from the start: for
/// what the builder reports, which is rare (the tree's own spans are found with [`Lines`]).
fn span_in(bytes: &[u8], start: usize, end: usize) -> Span {
    let start = start.min(bytes.len());
    let (line, col) = advance_over(1, 1, &bytes[..start]);
    Span {
        start,
        end: end.clamp(start, bytes.len()),
        line,
        col,
    }
}

/// Builds the tree of `bytes`, reporting what is wrong with the XML.
pub fn build<'s>(bytes: &'s [u8], diags: &mut Vec<Diagnostic>) -> Tree<'s> {
    let mut tree = Tree {
        source: bytes,
        utf8: std::str::from_utf8(bytes).ok(),
        slots: Vec::new(),
        attrs: Vec::new(),
        decoded: String::new(),
        root: None,
        lines: Lines::default(),
        well_formed: true,
    };
    if bytes.len() > MAX_INPUT {
        tree.well_formed = false;
        diags.push(Diagnostic::new(
            &codes::INPUT_TOO_LARGE,
            None,
            format!("the XML reader reads files of at most {MAX_INPUT} bytes"),
        ));
        return tree;
    }
    let mut b = Builder {
        clean: !crate::vocab::chars::holds_not_xml(bytes),
        tree,
        stack: Vec::new(),
        overflow: 0,
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
        if !seen_doctype && b.tree.root.is_none() && b.stack.is_empty() {
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
        if !b.event(event, ns, &reader, start, end) {
            break;
        }
    }
    // Reading may stop at an error with elements open: they are closed so that the text read
    // so far stays in the tree.
    b.close_all();
    if b.tree.root.is_none() && b.well_formed {
        let message = if bytes.iter().all(u8::is_ascii_whitespace) {
            "the file is empty: no root element"
        } else {
            "the XML has no root element"
        };
        b.malformed(bytes.len(), message.to_string());
    }
    let mut tree = b.tree;
    tree.well_formed = b.well_formed;
    tree.lines = Lines::of(bytes);
    tree.slots.shrink_to_fit();
    tree.attrs.shrink_to_fit();
    tree.decoded.shrink_to_fit();
    tree
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
    /// True when the input holds no character XML forbids: text taken as written then needs no
    /// checking, only what unescaping made.
    clean: bool,
    tree: Tree<'a>,
    /// The open elements, outermost first, each with its last child so far (or [`NONE`]);
    /// never more than [`MAX_DEPTH`].
    stack: Vec<(u32, u32)>,
    /// Elements open beyond [`MAX_DEPTH`], not built.
    overflow: usize,
    well_formed: bool,
    deep_reported: bool,
    /// The general entities the DOCTYPE declares.
    entities: Entities,
    /// How many more bytes the references to declared entities may add.
    expansion_budget: Cell<usize>,
    diags: &'d mut Vec<Diagnostic>,
}

impl<'a> Builder<'a, '_> {
    /// Takes one event of the reader; false when reading must stop.
    fn event(
        &mut self,
        event: Event<'a>,
        ns: Ns,
        reader: &NsReader<&[u8]>,
        start: usize,
        end: usize,
    ) -> bool {
        match event {
            Event::Start(tag) => self.open(&tag, ns, reader, start, end),
            Event::Empty(tag) => self.open(&tag, ns, reader, start, end) && self.close(),
            Event::End(_) => self.close(),
            Event::Text(text) => {
                let raw = self.tree.text_of(&text);
                match self.unescape(&raw, start, "") {
                    Some(t) => self.text(&t, start, end),
                    None => {
                        // Keep the text as written all the same.
                        self.text(&raw, start, end);
                        false
                    }
                }
            }
            Event::CData(data) => {
                let text = self.tree.text_of(&data);
                (self.clean || self.chars_allowed(&text, start)) && self.text(&text, start, end)
            }
            Event::Eof => {
                self.eof();
                false
            }
            Event::Decl(_) if start != 0 && self.tree.source[..start] != [0xEF, 0xBB, 0xBF] => {
                self.malformed(
                    start,
                    "the XML is not well-formed: an XML declaration is allowed only at the very start".into(),
                );
                false
            }
            Event::DocType(_) => {
                self.malformed(
                    start,
                    "the XML is not well-formed: a DOCTYPE declaration is allowed only once, before the root element".into(),
                );
                false
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => true,
        }
    }

    fn malformed(&mut self, at: usize, message: String) {
        let span = span_in(self.tree.source, at, at);
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
    fn unescape<'r>(&mut self, raw: &'r str, at: usize, what: &str) -> Option<Cow<'r, str>> {
        if !raw.as_bytes().contains(&b'&') {
            // Nothing to replace (quick-xml would say the same, after a longer search).
            return match self.clean || self.chars_allowed(raw, at) {
                true => Some(Cow::Borrowed(raw)),
                false => None,
            };
        }
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
            // Text as written was checked with the whole input.
            Ok(Cow::Borrowed(t)) if self.clean => return Some(Cow::Borrowed(t)),
            Ok(t) if self.chars_allowed(&t, at) => return Some(t),
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
        match crate::vocab::chars::first_not_xml(text) {
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
        if self.stack.is_empty() && self.tree.root.is_some() {
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
        // The attributes go straight into the tree, for the element about to be added.
        let first_attr = self.tree.attrs.len();
        if !self.attributes(tag, reader, start) {
            self.tree.attrs.truncate(first_attr);
            return false;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.tree.attrs.truncate(first_attr);
            self.overflow += 1;
            if !self.deep_reported {
                let span = span_in(self.tree.source, start, end);
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
        let name = self.tree.text_of(tag.local_name().into_inner());
        let name = self.tree.keep(&name);
        let id = self.add(
            Slot {
                start: 0,
                end: 0,
                next: NONE,
                a: NONE,
                b: name.at,
                c: name.len.min(NAME_LEN) | ns.bits() << 30,
            },
            start,
            end,
        );
        for attr in &mut self.tree.attrs[first_attr..] {
            attr.element = id;
        }
        self.stack.push((id, NONE));
        true
    }

    /// Adds `slot`, from byte `start` to `end`, as the last child of the innermost open element
    /// (or as the root); returns its index.
    fn add(&mut self, mut slot: Slot, start: usize, end: usize) -> u32 {
        let start = start.min(self.tree.source.len());
        let end = end.clamp(start, self.tree.source.len());
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (slot.start, slot.end) = (clamp(start), clamp(end));
        let id = clamp(self.tree.slots.len());
        self.tree.slots.push(slot);
        match self.stack.last_mut() {
            Some((parent, last)) => {
                match *last {
                    NONE => self.tree.slots[*parent as usize].a = id,
                    prev => self.tree.slots[prev as usize].next = id,
                }
                *last = id;
            }
            None => self.tree.root = Some(id),
        }
        id
    }

    /// Adds the attributes of `tag` to the tree (for an element not yet added), checked as XML
    /// with namespaces requires: no two with the same expanded name (found with a hash set:
    /// quick-xml's own check compares every pair), every prefix declared, no prefix undeclared
    /// with `xmlns:p=""`. False once reported.
    fn attributes(&mut self, tag: &BytesStart<'_>, reader: &NsReader<&[u8]>, start: usize) -> bool {
        // Expanded names: compared pairwise while few, in a hash set beyond.
        const FEW: usize = 16;
        let mut names: [(&[u8], &[u8]); FEW] = [(&[], &[]); FEW];
        let mut count = 0;
        let mut many: HashSet<(&[u8], &[u8])> = HashSet::new();
        for attr in tag.attributes().with_checks(false) {
            let attr = match attr {
                Ok(a) => a,
                Err(e) => {
                    self.malformed(start, format!("the XML is not well-formed: {e}"));
                    return false;
                }
            };
            let key = self.tree.text_of(attr.key.as_ref());
            let qname: QName<'_> = attr.key;
            let declaration = qname.as_namespace_binding();
            let expanded = match (declaration, reader.resolve_attribute(qname)) {
                (Some(_), _) => (&b"xmlns"[..], qname.into_inner()),
                (None, (ResolveResult::Unknown(_), _)) => {
                    self.malformed(
                        start,
                        format!("the XML is not well-formed: the namespace prefix of attribute `{key}` is not declared"),
                    );
                    return false;
                }
                (None, (ResolveResult::Bound(ns), local)) => (ns.into_inner(), local.into_inner()),
                (None, (ResolveResult::Unbound, local)) => (&b""[..], local.into_inner()),
            };
            let repeated = if count < FEW {
                let seen = names[..count].contains(&expanded);
                names[count] = expanded;
                count += 1;
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
                return false;
            }
            let raw = self.tree.text_of(&attr.value);
            let Some(value) = self.unescape(&raw, start, &key) else {
                return false;
            };
            if value.is_empty() && key.starts_with("xmlns:") {
                self.malformed(
                    start,
                    format!("the XML is not well-formed: `{key}=\"\"` undeclares a prefix, which XML 1.0 namespaces do not allow"),
                );
                return false;
            }
            let key = self.tree.keep(&key);
            let value = self.tree.keep(&value);
            self.tree.attrs.push(Attr {
                element: NONE,
                key,
                value,
            });
        }
        true
    }

    /// Closes the innermost open element. Returns false when reading must stop.
    fn close(&mut self) -> bool {
        if self.overflow > 0 {
            self.overflow -= 1;
            return true;
        }
        self.stack.pop();
        true
    }

    fn text(&mut self, text: &str, start: usize, end: usize) -> bool {
        match self.stack.last() {
            // Whitespace between the blocks of a container is layout: not kept, it would take
            // most of the tree's memory.
            Some(&(parent, _)) if is_block(self.name(parent)) && text.trim().is_empty() => true,
            Some(_) => {
                let text = self.tree.keep(text);
                let slot = Slot {
                    start: 0,
                    end: 0,
                    next: NONE,
                    a: text.at,
                    b: text.len,
                    c: TEXT,
                };
                self.add(slot, start, end);
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
        if let Some(&(open, _)) = self.stack.last() {
            let (name, span) = (self.name(open).to_string(), self.tree.span(open));
            self.malformed(
                span.start,
                format!("the XML is not well-formed: element `{name}` is never closed"),
            );
        }
    }

    fn name(&self, element: u32) -> &str {
        Element {
            tree: &self.tree,
            id: element,
        }
        .name()
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

    #[test]
    fn lines_and_columns_count_characters_and_line_feeds() {
        // Byte by byte: a line feed starts a line, a byte that starts a character a column.
        let by_bytes = |bytes: &[u8]| {
            bytes.iter().fold((1u32, 1u32), |(line, col), &b| match b {
                b'\n' => (line + 1, 1),
                _ if b & 0xC0 != 0x80 => (line, col + 1),
                _ => (line, col),
            })
        };
        let text = "<p>Ελλάδα –\n\n  a\r\n“b” 😀\n</p>".repeat(3);
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let bytes = &text.as_bytes()[..end];
            assert_eq!(advance_over(1, 1, bytes), by_bytes(bytes), "at {end}");
        }
    }

    fn tree(xml: &str) -> (Tree<'_>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let t = build(xml.as_bytes(), &mut d);
        (t, d)
    }

    #[test]
    fn builds_elements_text_and_positions() {
        let (t, d) = tree("<?xml version=\"1.0\"?>\n<a xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n  <é x=\"1&amp;2\">t&lt;u</é><b/></a>");
        assert!(d.is_empty(), "{d:?}");
        let root = t.root().unwrap();
        assert_eq!((root.name(), root.ns()), ("a", Ns::Akn));
        let e = root.child("é").unwrap();
        assert_eq!(e.attr("x"), Some("1&2"));
        assert_eq!(e.text(), "t<u");
        assert_eq!((e.span().line, e.span().col), (3, 3));
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
        assert_eq!(t.root().unwrap().text(), "kept");
        let (t, _) = tree("<a><b>kept</b><c x='1' x='2'>");
        assert_eq!(
            t.root().unwrap().text(),
            "kept",
            "text before an error stays"
        );
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
    fn keeps_text_as_ranges_of_the_source_where_it_can() {
        assert!(
            std::mem::size_of::<Slot>() <= 24,
            "a slot per element and text"
        );
        let (t, d) = tree("<a x='1'><i>plain</i><i>a&amp;b</i><![CDATA[c]]></a>");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.decoded, "a&b", "only unescaped text is copied");
        let root = t.root().unwrap();
        assert_eq!(root.attr("x"), Some("1"));
        assert_eq!(root.text(), "plaina&bc");
        let spans: Vec<_> = root
            .elements()
            .map(|e| (e.span().line, e.span().col))
            .collect();
        assert_eq!(spans, [(1, 10), (1, 22)]);
        let long = format!("<a>{}\n  <b>é</b></a>", "é".repeat(300));
        let (t, _) = tree(&long);
        let b = t.root().unwrap().child("b").unwrap();
        assert_eq!(
            (b.span().line, b.span().col, b.text().as_str()),
            (2, 3, "é")
        );
    }

    #[test]
    fn caps_nesting_and_keeps_the_text() {
        let xml = format!("{}deep{}", "<x>".repeat(1000), "</x>".repeat(1000));
        let (t, d) = tree(&xml);
        assert!(t.well_formed);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "E-AKN-DEPTH");
        assert_eq!(t.root().unwrap().text(), "deep");
    }
}
