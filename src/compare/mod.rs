//! Comparing two versions of a motion (OLD and NEW) by their structure: cover fields and other
//! single parts compared as wholes; citations, recitals, the body's paragraphs and headings, and
//! the points inside each, aligned by content in order, not by number ([`align`]), so that an
//! insertion, a deletion, a move, a rewording and a renumbering are each told as such; a word
//! diff inside each pair ([`words`]). The result is a change list ([`Change`]) that serialises to
//! the JSON of `schemas/compare.schema.json`, the alignment the redlines render, and each
//! block's tokens (borrowed from the two motions), which the redlines write without tokenizing
//! the blocks again.
//!
//! ```
//! use motion_export::compare::{compare, ChangeKind};
//! use motion_export::read::{read, InputFormat, ReadOptions};
//!
//! let motion = |recitals: &str| {
//!     let text = format!("The European Parliament,\n\n{recitals}\n1. Calls for more tests;\n");
//!     read(text.as_bytes(), InputFormat::Text, &ReadOptions::default()).unwrap().motion
//! };
//! let old = motion("A. whereas tests matter;\n\nB. whereas reviews matter;\n\nC. whereas time is short;\n");
//! let new = motion("A. whereas tests matter;\n\nB. whereas time is short;\n");
//! let comparison = compare(&old, &new);
//! let kinds: Vec<ChangeKind> = comparison.changes.iter().map(|c| c.kind).collect();
//! assert_eq!(kinds, [ChangeKind::Deleted, ChangeKind::Renumbered]);
//! assert_eq!(comparison.changes[0].removed, ["whereas", "reviews", "matter;"]);
//! ```

pub mod align;
mod changes;
mod fields;
pub mod tokens;
mod walk;
pub mod words;

pub use changes::{Change, ChangeKind, Part, Side, Summary};
pub use walk::{Aligned, BlockTokens};

use crate::model::Motion;
use serde::{Deserialize, Serialize};

/// What changed from OLD to NEW.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison<'m> {
    /// True when no word, number or field differs.
    pub equal: bool,
    /// How many changes of each kind.
    pub summary: Summary,
    /// The changes: fields first, then citations, recitals and the body in reading order, each
    /// block's points after it.
    pub changes: Vec<Change>,
    /// The alignment of the blocks, for the redlines.
    #[serde(skip)]
    pub alignment: Alignment,
    /// The alignment's elementary steps (see [`align`]), for the tests that bound its cost.
    #[serde(skip)]
    pub work: usize,
    /// OLD's blocks' tokens, as the comparison made them (borrowing OLD's text).
    #[serde(skip)]
    pub old_tokens: PartTokens<'m>,
    /// NEW's blocks' tokens.
    #[serde(skip)]
    pub new_tokens: PartTokens<'m>,
}

/// The alignment of each sequence of blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    /// The citations.
    pub citations: Vec<Aligned>,
    /// The recitals, and their points.
    pub recitals: Vec<Aligned>,
    /// The body's paragraphs and headings, and the paragraphs' points.
    pub body: Vec<Aligned>,
}

/// The tokens of each sequence of blocks of one version, in the version's order (the indices
/// of [`Alignment`]'s steps).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartTokens<'m> {
    /// The citations'.
    pub citations: Vec<BlockTokens<'m>>,
    /// The recitals' and their points'.
    pub recitals: Vec<BlockTokens<'m>>,
    /// The body's headings' and paragraphs' (a paragraph's introduction, then its wrap-up) and
    /// their points'.
    pub body: Vec<BlockTokens<'m>>,
}

impl<'m> PartTokens<'m> {
    /// The tokens of one version's nodes, once the alignment is done with them (moved, not
    /// copied).
    fn of(
        citations: Vec<walk::Node<'m>>,
        recitals: Vec<walk::Node<'m>>,
        body: Vec<walk::Node<'m>>,
    ) -> Self {
        let keep =
            |nodes: Vec<walk::Node<'m>>| nodes.into_iter().map(walk::Node::into_tokens).collect();
        PartTokens {
            citations: keep(citations),
            recitals: keep(recitals),
            body: keep(body),
        }
    }
}

/// Compares OLD with NEW.
pub fn compare<'m>(old: &'m Motion, new: &'m Motion) -> Comparison<'m> {
    let work = align::Work::default();
    let mut changes = field_changes(old, new);
    let (old_citations, new_citations) = (walk::citations(old), walk::citations(new));
    let (old_recitals, new_recitals) = (walk::recitals(old), walk::recitals(new));
    let (old_body, new_body) = (walk::body(old), walk::body(new));
    let alignment = Alignment {
        citations: walk::sequence(&old_citations, &new_citations, &mut changes, &work),
        recitals: walk::sequence(&old_recitals, &new_recitals, &mut changes, &work),
        body: walk::sequence(&old_body, &new_body, &mut changes, &work),
    };
    Comparison {
        equal: changes.is_empty(),
        summary: Summary::of(&changes),
        changes,
        alignment,
        work: work.get(),
        old_tokens: PartTokens::of(old_citations, old_recitals, old_body),
        new_tokens: PartTokens::of(new_citations, new_recitals, new_body),
    }
}

/// The fields that differ, in the fields' order.
fn field_changes(old: &Motion, new: &Motion) -> Vec<Change> {
    let mut changes = Vec::new();
    for (a, b) in fields::of(old).iter().zip(fields::of(new).iter()) {
        let (x, y) = (a.tokens(), b.tokens());
        if x == y {
            continue;
        }
        let (removed, added) = words::diff_words(&x, &y);
        changes.push(Change {
            kind: ChangeKind::FieldChanged,
            part: Part::Field,
            field: Some(a.name.to_string()),
            old: None,
            new: None,
            removed,
            added,
            line: b.paras.first().map(|p| p.span.line),
        });
    }
    changes
}
