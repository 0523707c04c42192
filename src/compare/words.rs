//! The word diff inside a pair of blocks (`similar`'s Myers diff over their tokens): pieces
//! kept, removed and added, in reading order, for the change list and the redlines.

use super::tokens::{self, Token};
use similar::{capture_diff_slices, Algorithm, DiffTag};

/// What happened to a run of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// In both versions.
    Kept,
    /// Only in OLD.
    Removed,
    /// Only in NEW.
    Added,
}

/// The diff of `old` and `new` as runs, in reading order: at each place, what was removed before
/// what was added. Kept runs are NEW's tokens. Each run is a slice of `old` or `new`.
pub fn diff<'a, 'm>(old: &'a [Token<'m>], new: &'a [Token<'m>]) -> Vec<(Edit, &'a [Token<'m>])> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (tag, olds, news) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.push((Edit::Kept, &new[news])),
            DiffTag::Delete => out.push((Edit::Removed, &old[olds])),
            DiffTag::Insert => out.push((Edit::Added, &new[news])),
            DiffTag::Replace => {
                out.push((Edit::Removed, &old[olds]));
                out.push((Edit::Added, &new[news]));
            }
        }
    }
    out
}

/// The words removed and the words added, each in order.
pub fn diff_words(old: &[Token<'_>], new: &[Token<'_>]) -> (Vec<String>, Vec<String>) {
    if old == new {
        return (Vec::new(), Vec::new());
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for (edit, run) in diff(old, new) {
        match edit {
            Edit::Kept => {}
            Edit::Removed => removed.extend(tokens::words(run)),
            Edit::Added => added.extend(tokens::words(run)),
        }
    }
    (removed, added)
}
