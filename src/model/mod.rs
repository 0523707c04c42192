//! The one document model between the reader and the exporters, in Akoma Ntoso vocabulary.
//!
//! A [`Motion`] is a `preface` ([`Cover`]), a `preamble` (title, formula, citations, recitals), a
//! `mainBody` of numbered paragraphs with points and headings, and authorial notes. It depends on
//! nothing but [`crate::diag`], so readers and exporters meet only here.

pub mod cover;
pub mod inline;

pub use compact_str::CompactString;
pub use cover::{AuthorGroup, Cover, Date, DocKind, Located, ReplacedMotion};
pub use inline::{Inline, Para};

use crate::diag::{Diagnostic, Span};
use serde::{Deserialize, Serialize};

/// The deepest nesting of points the exporters write: a point inside a point, and so on, this many
/// levels below its recital or paragraph. The reader nests at most 4 deep, and the tests export
/// 200 levels; the limit keeps the exporters, which recurse once per level, from overflowing the
/// stack on a model built by other means (every exporter writes this many levels on a test
/// thread's 2 MiB stack).
pub const MAX_POINT_DEPTH: usize = 256;

/// A number as printed before a recital, paragraph or point (`A.`, `1.`, `(a)`, `–`), and its
/// value with punctuation removed (`A`, `1`, `a`; for dashes, the ordinal among siblings).
/// Both are short and stored inline, so a motion of many paragraphs allocates no string for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Num {
    /// As written, trimmed: `A.`, `1.`, `(a)`, `–`.
    pub text: CompactString,
    /// Punctuation stripped: `A`, `1`, `a`, `ii`; the AKN eId number.
    pub value: CompactString,
}

/// What a reader found: the motion and what it noticed on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The motion, whole: no text the input holds is dropped.
    pub motion: Motion,
    /// What is wrong with the input, or worth knowing, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Num {
    /// A number as printed, read by the one rule every reader follows: the value is the text
    /// without the punctuation and spaces around it (`(a)` -> `a`, `1 .` -> `1`, `ΣΤ.` -> `ΣΤ`);
    /// empty for a dash, whose value is its place ([`Num::from_printed`]).
    pub fn printed(text: &str) -> Num {
        let text = text.trim();
        Num {
            text: text.into(),
            value: text.trim_matches(|c: char| !c.is_alphanumeric()).into(),
        }
    }

    /// [`Num::printed`], with `ordinal` (the place among its siblings, from 1) as the value of a
    /// number that holds no letter or digit (`–`).
    pub fn from_printed(text: &str, ordinal: usize) -> Num {
        let mut num = Num::printed(text);
        if num.value.is_empty() {
            num.value = ordinal.to_string().into();
        }
        num
    }
}

/// A citation (`having regard to ...`). The leading dash is presentation and is not kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Citation {
    /// The text; more than one when a citation runs over several paragraphs.
    pub content: Vec<Para>,
    /// Where it was read in the source.
    pub span: Span,
}

/// A recital (`A. whereas ...`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Recital {
    /// Its number, as printed and as a value.
    pub num: Num,
    /// The text; more than one paragraph when it runs over several.
    pub content: Vec<Para>,
    /// Sub-points of the recital (`(a)`, `(i)`, dashes), rare but real.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<Point>,
    /// Where it was read in the source.
    pub span: Span,
}

/// An operative paragraph (`1. Calls on ...`).
///
/// Without points, `content` is the paragraph's text. With points, `content` is the introduction
/// before them and `wrap_up` the text after them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Paragraph {
    /// Its number, as printed and as a value.
    pub num: Num,
    /// The text, or the introduction when it has points.
    pub content: Vec<Para>,
    /// Its points (`(a)`, `(i)`, dashes), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<Point>,
    /// The text after its points, when there is any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wrap_up: Vec<Para>,
    /// Where it was read in the source.
    pub span: Span,
}

/// A sub-point (`(a)`, `(i)`, `–`) of a paragraph or of another point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Point {
    /// Its number, as printed and as a value.
    pub num: Num,
    /// The text, or the introduction when the point has points of its own.
    pub content: Vec<Para>,
    /// Its own points, one level down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<Point>,
    /// Where it was read in the source.
    pub span: Span,
}

/// A heading between groups of operative paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Heading {
    /// The heading's text.
    pub text: Para,
}

/// What the main body holds, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum BodyItem {
    /// A heading between paragraphs.
    Heading(Heading),
    /// An operative paragraph.
    Paragraph(Paragraph),
}

/// A footnote (AKN `authorialNote`): its marker as printed (`1`) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Footnote {
    /// The marker without brackets: `1` for `[1]` or `(1)`.
    pub marker: String,
    /// The note's text, one or more paragraphs.
    pub content: Vec<Para>,
    /// Where it was read in the source.
    pub span: Span,
}

/// A motion for a resolution (or a text adopted), everything it says.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Motion {
    /// ISO 639-1 code of the text's language, lower case (`en`).
    pub lang: String,
    /// A name for the document taken from its source (the file stem, `stdin` for standard
    /// input). Identifiers fall back on it when the text states no document number.
    pub source_name: String,
    /// What the cover page says.
    pub cover: Cover,
    /// The resolution's own title ("European Parliament resolution on ..."), before the formula.
    pub title: Option<Para>,
    /// Lines between the title and the formula ("(Consultation procedure)").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_notes: Vec<Para>,
    /// The enacting formula ("The European Parliament,").
    pub formula: Option<Para>,
    /// The citations (`having regard to ...`), in order.
    pub citations: Vec<Citation>,
    /// The words that close the citations and open the recitals in some languages
    /// (Swedish "och av följande skäl:"), when they stand on their own line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recitals_intro: Option<Para>,
    /// The recitals (`A. whereas ...`), in order.
    pub recitals: Vec<Recital>,
    /// The formula that opens the operative part in some languages
    /// (none of the 24 profiles has one yet; Swedish puts "Europaparlamentet utfärdar denna resolution" where the formula stands), when it stands on its own line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_intro: Option<Para>,
    /// The operative paragraphs and the headings between them, in order.
    pub body: Vec<BodyItem>,
    /// The footnotes, which the calls in the text point to.
    pub footnotes: Vec<Footnote>,
    /// Text after the body that the reader could not place, kept in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trailing: Vec<Para>,
}

impl Motion {
    /// The operative paragraphs, skipping headings.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.body.iter().filter_map(|item| match item {
            BodyItem::Paragraph(p) => Some(p),
            BodyItem::Heading(_) => None,
        })
    }

    /// The headings of the main body.
    pub fn headings(&self) -> impl Iterator<Item = &Heading> {
        self.body.iter().filter_map(|item| match item {
            BodyItem::Heading(h) => Some(h),
            BodyItem::Paragraph(_) => None,
        })
    }

    /// How deep points nest: 0 without points, 1 for points of a recital or paragraph, 2 for
    /// points of those, and so on. Walks the tree without recursion, so any depth is safe.
    pub fn point_depth(&self) -> usize {
        let recitals = self.recitals.iter().map(|r| &r.points);
        let paragraphs = self.paragraphs().map(|p| &p.points);
        let mut stack: Vec<(&[Point], usize)> = recitals
            .chain(paragraphs)
            .map(|points| (points.as_slice(), 1))
            .collect();
        let mut deepest = 0;
        while let Some((points, depth)) = stack.pop() {
            if !points.is_empty() {
                deepest = deepest.max(depth);
            }
            stack.extend(points.iter().map(|p| (p.points.as_slice(), depth + 1)));
        }
        deepest
    }

    /// Every paragraph of text in reading order: cover, title, preamble, body, notes, trailing
    /// text. Numbers are not included. Exporters and tests use it to check that no word is lost.
    pub fn text_in_order(&self) -> Vec<&Para> {
        let mut out = Vec::new();
        let c = &self.cover;
        out.extend(c.request.iter());
        out.extend(c.rule_line.iter());
        out.extend(c.title.iter());
        out.extend(c.other.iter());
        out.extend(self.title.iter());
        out.extend(self.title_notes.iter());
        out.extend(self.formula.iter());
        for cit in &self.citations {
            out.extend(cit.content.iter());
        }
        out.extend(self.recitals_intro.iter());
        for rec in &self.recitals {
            out.extend(rec.content.iter());
            push_points(&rec.points, &mut out);
        }
        out.extend(self.body_intro.iter());
        for item in &self.body {
            match item {
                BodyItem::Heading(h) => out.push(&h.text),
                BodyItem::Paragraph(p) => {
                    out.extend(p.content.iter());
                    push_points(&p.points, &mut out);
                    out.extend(p.wrap_up.iter());
                }
            }
        }
        for note in &self.footnotes {
            out.extend(note.content.iter());
        }
        out.extend(self.trailing.iter());
        out
    }
}

fn push_points<'a>(points: &'a [Point], out: &mut Vec<&'a Para>) {
    for p in points {
        out.extend(p.content.iter());
        push_points(&p.points, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_numbers_read_by_one_rule() {
        assert_eq!(Num::from_printed("A.", 1).value, "A");
        assert_eq!(Num::from_printed(" (iv) ", 1).value, "iv");
        assert_eq!(Num::from_printed("12.", 1).value, "12");
        assert_eq!(Num::from_printed("–", 3).value, "3");
        assert_eq!(Num::from_printed("ΣΤ.", 1).value, "ΣΤ");
        assert_eq!(Num::printed("1 .").value, "1");
        assert_eq!(Num::printed("–").value, "");
    }
}
