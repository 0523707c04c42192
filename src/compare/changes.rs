//! The change list: what changed between two versions of a motion, block by block, in a form
//! that serialises to the JSON of `schemas/compare.schema.json`.

use serde::{Deserialize, Serialize};

/// What happened to a block or a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// A block only NEW has.
    Inserted,
    /// A block only OLD has.
    Deleted,
    /// The same words elsewhere in NEW.
    Moved,
    /// The block's words changed (and perhaps its number).
    Changed,
    /// Only the printed number changed, as it does after an insertion or deletion before it.
    Renumbered,
    /// A field of the cover, or a part of the motion that is not a numbered block (title,
    /// formula, footnotes), changed.
    FieldChanged,
}

impl ChangeKind {
    /// The name as the JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Inserted => "inserted",
            ChangeKind::Deleted => "deleted",
            ChangeKind::Moved => "moved",
            ChangeKind::Changed => "changed",
            ChangeKind::Renumbered => "renumbered",
            ChangeKind::FieldChanged => "fieldChanged",
        }
    }
}

/// Which kind of block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Part {
    /// A citation (`having regard to`).
    Citation,
    /// A recital (`A. whereas`).
    Recital,
    /// An operative paragraph.
    Paragraph,
    /// A heading between paragraphs.
    Heading,
    /// A point (or indent, or item) of a recital, paragraph or point.
    Point,
    /// A field (see [`Change::field`]).
    Field,
}

/// A block in one version: its eId as the XML names it and its printed number.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Side {
    /// The Akoma Ntoso eId (`preamble__recs_1__rec_B`, `para_3__point_a`), also the HTML's id.
    #[serde(rename = "eId")]
    pub eid: String,
    /// The number as printed (`B.`, `3.`, `(a)`); absent for citations and headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// To what kind of block.
    pub part: Part,
    /// For [`ChangeKind::FieldChanged`], the field: `cover.title`, `cover.date`, `title`,
    /// `formula`, `footnotes`... (see the schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The block in OLD, unless inserted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Side>,
    /// The block in NEW, unless deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Side>,
    /// The words OLD has and NEW has not, in order (all the words of a deleted block).
    pub removed: Vec<String>,
    /// The words NEW has and OLD has not, in order (all the words of an inserted block).
    pub added: Vec<String>,
    /// The line of NEW where the block starts (of OLD for a deletion), when the reader knew it.
    #[serde(skip)]
    pub line: Option<u32>,
}

/// How many changes of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Blocks inserted.
    pub inserted: usize,
    /// Blocks deleted.
    pub deleted: usize,
    /// Blocks moved.
    pub moved: usize,
    /// Blocks whose words changed.
    pub changed: usize,
    /// Blocks only renumbered.
    pub renumbered: usize,
    /// Fields changed.
    pub field_changed: usize,
}

impl Summary {
    /// The counts of `changes`.
    pub fn of(changes: &[Change]) -> Summary {
        let mut s = Summary::default();
        for c in changes {
            *match c.kind {
                ChangeKind::Inserted => &mut s.inserted,
                ChangeKind::Deleted => &mut s.deleted,
                ChangeKind::Moved => &mut s.moved,
                ChangeKind::Changed => &mut s.changed,
                ChangeKind::Renumbered => &mut s.renumbered,
                ChangeKind::FieldChanged => &mut s.field_changed,
            } += 1;
        }
        s
    }
}
