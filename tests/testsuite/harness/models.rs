//! Motions for exporter tests that should not depend on the reader: the fixture models in
//! `tests/fixtures/models/*.json`, and small builders for the pieces a test adds to them.

use motion_export::diag::Span;
use motion_export::model::*;

/// The motion of `tests/fixtures/models/<name>.json`. `rich` has every part the model has: a
/// joint-motion cover with two groups, citations, recitals, headings, paragraphs with points and
/// sub-points, bold and italic runs, a footnote, and text in Greek, Cyrillic and Latin with
/// diacritics.
pub fn model(name: &str) -> Motion {
    let path = super::fixtures("models").join(format!("{name}.json"));
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The rich fixture motion, `model("rich")`.
pub fn rich_motion() -> Motion {
    model("rich")
}

/// The span of text a hand-built part comes from: none.
pub fn span() -> Span {
    Span::default()
}

/// A paragraph of plain text.
pub fn para(text: &str) -> Para {
    Para::plain(text, span())
}

/// A printed number `text` with the value `value`.
pub fn num(text: &str, value: &str) -> Num {
    Num {
        text: text.into(),
        value: value.into(),
    }
}

/// A value read from no text.
pub fn located<T>(value: T) -> Located<T> {
    Located {
        value,
        span: span(),
    }
}

/// A point numbered `printed` (value `value`) with one paragraph of text.
pub fn point(printed: &str, value: &str, text: &str) -> Point {
    Point {
        num: num(printed, value),
        content: vec![para(text)],
        points: vec![],
        span: span(),
    }
}

/// An operative paragraph numbered `n.` with one paragraph of text.
pub fn numbered(n: usize, text: &str) -> Paragraph {
    Paragraph {
        num: num(&format!("{n}."), &n.to_string()),
        content: vec![para(text)],
        points: vec![],
        wrap_up: vec![],
        span: span(),
    }
}

/// [`numbered`] as a body item.
pub fn paragraph(n: usize, text: &str) -> BodyItem {
    BodyItem::Paragraph(numbered(n, text))
}
