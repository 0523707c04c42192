//! Comparing two versions of a motion (OLD and NEW) by their structure: cover fields and other
//! single parts compared as wholes; citations, recitals, the body's paragraphs and headings, and
//! the points inside each, aligned by content in order, not by number ([`align`]), so that an
//! insertion, a deletion, a move, a rewording and a renumbering are each told as such; a word
//! diff inside each pair ([`words`]). The result is a change list ([`Change`]) that serialises to
//! the JSON of `schemas/compare.schema.json`, and the alignment the redlines render.
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
pub use walk::Aligned;

use crate::model::Motion;
use serde::{Deserialize, Serialize};

/// What changed from OLD to NEW.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
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

/// Compares OLD with NEW.
pub fn compare(old: &Motion, new: &Motion) -> Comparison {
    let work = align::Work::default();
    let mut changes = field_changes(old, new);
    let alignment = Alignment {
        citations: walk::sequence(
            &walk::citations(old),
            &walk::citations(new),
            &mut changes,
            &work,
        ),
        recitals: walk::sequence(
            &walk::recitals(old),
            &walk::recitals(new),
            &mut changes,
            &work,
        ),
        body: walk::sequence(&walk::body(old), &walk::body(new), &mut changes, &work),
    };
    Comparison {
        equal: changes.is_empty(),
        summary: Summary::of(&changes),
        changes,
        alignment,
        work: work.get(),
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
