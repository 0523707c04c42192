//! The elements of the tagged PDF's structure tree as compact records: the blocks' elements in
//! reading order and the lists around the numbered parts (`L` of `LI`, each a `Lbl` and an
//! `LBody`), made as the blocks are set, and the references and links of footnote calls, made as
//! the pages are drawn. A record is a few numbers, and the tree is built from
//! them only as the file is written: a motion can have tens of thousands of elements.

use super::compose::{Block, Change, List, Tag};
use super::marks::TAGGED_CHANGES;

/// No element (a parent: the `Document`), no footnote, no annotation.
pub(super) const NONE: u32 = u32::MAX;

/// One structure element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Elem {
    pub(super) tag: Tag,
    /// The element it is a kid of, always an earlier one; [`NONE`] for the `Document`.
    pub(super) parent: u32,
    /// For a `Note`, the footnote it starts; for a `Reference`, the footnote it calls; for a
    /// `Link`, its annotation (an index over the whole document's); for an `Ins` or `Del`, its
    /// `/Alt` in [`Elements::alts`]; else [`NONE`].
    pub(super) extra: u32,
}

/// The elements, and the lists open at the block being set.
#[derive(Debug, Default)]
pub(super) struct Elements {
    pub(super) elems: Vec<Elem>,
    /// The words of each redline change's element, which its `/Alt` says (see `marks::alts`).
    pub(super) alts: Vec<String>,
    list: Option<List>,
    /// For each level of the lists open: its `L`, and the `LBody` of its last item.
    open: Vec<(u32, u32)>,
}

impl Elements {
    fn push(&mut self, tag: Tag, parent: u32, extra: u32) -> u32 {
        self.elems.push(Elem { tag, parent, extra });
        (self.elems.len() - 1) as u32
    }

    /// The elements of the next block of text: that of its label, then that of its text (the
    /// same one unless the block starts an item of a list).
    pub(super) fn block(&mut self, block: &Block<'_>) -> (u32, u32) {
        let note = block.note.unwrap_or(NONE);
        let Some(item) = block.item else {
            self.open.clear();
            let elem = self.push(block.tag, NONE, note);
            return (elem, elem);
        };
        if self.list != Some(item.list) {
            self.open.clear();
            self.list = Some(item.list);
        }
        let level = usize::from(item.level).min(self.open.len());
        self.open.truncate(level + 1);
        let mut label = None;
        if item.starts || level == self.open.len() {
            if level == self.open.len() {
                let parent = level.checked_sub(1).map_or(NONE, |up| self.open[up].1);
                let list = self.push(Tag::L, parent, NONE);
                self.open.push((list, NONE));
            }
            let li = self.push(Tag::LI, self.open[level].0, NONE);
            label = Some(self.push(Tag::Lbl, li, NONE));
            self.open[level].1 = self.push(Tag::LBody, li, NONE);
        }
        let elem = self.push(block.tag, self.open[level].1, note);
        (label.unwrap_or(elem), elem)
    }

    /// The elements of a call of footnote `note` in element `parent`, found as the pages are
    /// drawn: a `Reference` holding the `Link` its glyphs are drawn in; returns the `Link`.
    pub(super) fn call(&mut self, parent: u32, note: u32) -> u32 {
        let reference = self.push(Tag::Reference, parent, note);
        self.push(Tag::Link, reference, NONE)
    }

    /// The element of a redline's change drawn in element `parent`, its `/Alt` from `alt`;
    /// `None` for text that is not changed, and past [`TAGGED_CHANGES`].
    pub(super) fn change(
        &mut self,
        parent: u32,
        change: Change,
        alt: impl FnOnce() -> String,
    ) -> Option<u32> {
        let tag = match change {
            Change::None => return None,
            Change::Inserted => Tag::Ins,
            Change::Deleted => Tag::Del,
        };
        if self.alts.len() >= TAGGED_CHANGES {
            return None;
        }
        self.alts.push(alt());
        Some(self.push(tag, parent, (self.alts.len() - 1) as u32))
    }

    /// The element of a link drawn in element `parent` (a note's number, back to its call).
    pub(super) fn link(&mut self, parent: u32) -> u32 {
        self.push(Tag::Link, parent, NONE)
    }
}

#[cfg(test)]
mod tests {
    use super::super::compose::Item;
    use super::*;

    fn block(item: Option<(u8, bool)>) -> Block<'static> {
        let mut b = Block::plain("text");
        b.item = item.map(|(level, starts)| Item {
            list: List::Recitals,
            level,
            starts,
        });
        b
    }

    /// Two items, the first with a point and a paragraph after it, then a block out of lists.
    #[test]
    fn items_nest_in_lists() {
        let mut e = Elements::default();
        let blocks = [
            block(Some((0, true))),
            block(Some((1, true))),
            block(Some((0, false))),
            block(Some((0, true))),
            block(None),
        ];
        let got: Vec<(u32, u32)> = blocks.iter().map(|b| e.block(b)).collect();
        let tags: Vec<&str> = e.elems.iter().map(|x| x.tag.name()).collect();
        assert_eq!(
            tags,
            [
                "L", "LI", "Lbl", "LBody", "P", "L", "LI", "Lbl", "LBody", "P", "P", "LI", "Lbl",
                "LBody", "P", "P"
            ]
        );
        assert_eq!(got, [(2, 4), (7, 9), (10, 10), (12, 14), (15, 15)]);
        let parents: Vec<u32> = e.elems.iter().map(|x| x.parent).collect();
        assert_eq!(
            parents,
            [NONE, 0, 1, 1, 3, 3, 5, 6, 6, 8, 3, 0, 11, 11, 13, NONE]
        );
    }
}
