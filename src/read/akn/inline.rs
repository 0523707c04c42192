//! Running text: `p` elements and their inline content back to [`Inline`] runs — `b` and `i` as
//! emphasis, `eol` as a line break, `authorialNote` as a footnote called where it stands,
//! `noteRef` as a further call; every other inline element (`docTitle`, `inline`, `date`...) is
//! read through, its text kept.

use super::tree::{Element, Node};
use super::Doc;
use crate::model::{Footnote, Inline, Para};
use crate::vocab::eid::Counter;

/// Akoma Ntoso's inline elements that motions use (and a few common others): an element made
/// only of these and text is one paragraph of running text.
pub fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "b" | "i"
            | "u"
            | "sup"
            | "sub"
            | "span"
            | "eol"
            | "br"
            | "authorialNote"
            | "noteRef"
            | "inline"
            | "docketNumber"
            | "docAuthority"
            | "docNumber"
            | "docDate"
            | "docStage"
            | "docType"
            | "docTitle"
            | "docProponent"
            | "docPurpose"
            | "legislature"
            | "session"
            | "person"
            | "organization"
            | "date"
            | "ref"
            | "mref"
            | "term"
            | "entity"
            | "location"
            | "quantity"
            | "role"
            | "shortTitle"
            | "def"
            | "abbr"
    )
}

/// How the text being read is shown, and whether its eIds are checked.
#[derive(Debug, Clone, Copy, Default)]
struct Style {
    bold: bool,
    italic: bool,
    /// Inside a footnote: notes are not nested, a nested one is read through.
    in_note: bool,
    /// False for text with no place in the profile, whose notes have no expected eId.
    unchecked: bool,
}

impl Doc<'_> {
    /// A paragraph of running text from `e` (a `p`, `heading`, `docTitle`...), its footnotes
    /// named under `owner` (the eId of the `p`, or of the heading's container).
    pub(super) fn para(&mut self, e: &Element, owner: &str) -> Para {
        self.para_styled(e, owner, Style::default())
    }

    /// A paragraph from text that has no place in the profile: its notes' eIds are not checked.
    pub(super) fn para_unchecked(&mut self, e: &Element) -> Para {
        let style = Style {
            unchecked: true,
            ..Style::default()
        };
        self.para_styled(e, "", style)
    }

    fn para_styled(&mut self, e: &Element, owner: &str, style: Style) -> Para {
        let mut notes = Counter::default();
        let mut inlines = Vec::new();
        self.inlines(e, owner, &mut notes, style, &mut inlines);
        Para {
            // Most paragraphs hold one run or a few: an exact copy keeps no spare capacity,
            // and unlike shrinking in place leaves no hole too small for the next paragraph's
            // runs (which made a paragraph of `<p>x</p>` cost twice as much).
            inlines: inlines.as_slice().to_vec(),
            span: e.span(),
        }
    }

    /// The `p` children of `e`, each checked to be `{parent}__p_N`, into `out`. Empty `p`s (the
    /// exporter writes one where a block has no text) give no paragraph; anything else in `e` is
    /// kept as unplaced text.
    pub(super) fn paras(&mut self, e: &Element, parent: &str, out: &mut Vec<Para>) {
        let mut ps = Counter::default();
        for node in e.children() {
            match node {
                Node::Element(p) if p.name() == "p" => {
                    let expected = ps.next(parent, "p");
                    let eid = self.eid(&p, &expected);
                    if p.has_children() {
                        let para = self.para(&p, &eid);
                        out.push(para);
                    }
                }
                _ => self.unplaced(&node, out),
            }
        }
    }

    fn inlines(
        &mut self,
        e: &Element,
        owner: &str,
        notes: &mut Counter,
        style: Style,
        out: &mut Vec<Inline>,
    ) {
        for node in e.children() {
            let c = match node {
                Node::Text(t, _) => {
                    push_text(out, t, style);
                    continue;
                }
                Node::Element(c) => c,
            };
            match c.name() {
                "b" => self.inlines(
                    &c,
                    owner,
                    notes,
                    Style {
                        bold: true,
                        ..style
                    },
                    out,
                ),
                "i" => self.inlines(
                    &c,
                    owner,
                    notes,
                    Style {
                        italic: true,
                        ..style
                    },
                    out,
                ),
                "eol" | "br" => out.push(Inline::LineBreak),
                "authorialNote" if !style.in_note => {
                    let expected = notes.next(owner, "authorialNote");
                    let eid = if style.unchecked {
                        c.attr("eId").unwrap_or(&expected).to_string()
                    } else {
                        self.eid(&c, &expected)
                    };
                    let note = self.footnote(&c, &eid, style.unchecked);
                    let marker = c.attr("marker").unwrap_or_default().into();
                    out.push(Inline::NoteRef {
                        marker,
                        note: Some(note),
                    });
                }
                "noteRef" => {
                    let target = c.attr("href").map(|h| h.trim_start_matches('#'));
                    let note = target.and_then(|t| self.note_ids.get(t)).copied();
                    let marker = c.attr("marker").unwrap_or_default().into();
                    out.push(Inline::NoteRef { marker, note });
                    self.inlines(&c, owner, notes, style, out);
                }
                _ => self.inlines(&c, owner, notes, style, out),
            }
        }
    }

    /// Reads an `authorialNote` with eId `eid` into the footnotes; returns its index.
    pub(super) fn footnote(&mut self, note: &Element, eid: &str, unchecked: bool) -> usize {
        let style = Style {
            in_note: true,
            unchecked,
            ..Style::default()
        };
        let mut content = Vec::new();
        let mut ps = Counter::default();
        for node in note.children() {
            match node {
                Node::Element(p) if p.name() == "p" => {
                    let expected = ps.next(eid, "p");
                    let p_eid = if unchecked {
                        expected
                    } else {
                        self.eid(&p, &expected)
                    };
                    if p.has_children() {
                        content.push(self.para_styled(&p, &p_eid, style));
                    }
                }
                _ => self.unplaced(&node, &mut content),
            }
        }
        let index = self.footnotes.len();
        self.footnotes.push(Footnote {
            marker: note.attr("marker").unwrap_or_default().to_string(),
            content,
            span: note.span(),
        });
        self.note_ids.insert(eid.to_string(), index);
        index
    }
}

/// Appends text, joining it to the previous run when that has the same emphasis.
fn push_text(out: &mut Vec<Inline>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text {
        text: last,
        bold,
        italic,
    }) = out.last_mut()
    {
        if *bold == style.bold && *italic == style.italic {
            last.push_str(text);
            return;
        }
    }
    out.push(Inline::Text {
        text: text.into(),
        bold: style.bold,
        italic: style.italic,
    });
}
