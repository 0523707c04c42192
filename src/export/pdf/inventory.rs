//! The characters drawn with each face, noted as the lines are set (the fonts embed them before
//! any page is drawn, and the pages' glyphs are not held).

use super::fonts::ParsedFamily;
use super::layout::Glyph;
use std::collections::BTreeSet;

/// The characters drawn with each face of a family.
#[derive(Debug, Clone, Default)]
pub(super) struct Inventory {
    /// A bitmap per face for the BMP (cheaper than a set insert per glyph), a set beyond it.
    seen: Vec<Vec<u64>>,
    pub(super) chars: Vec<BTreeSet<char>>,
}

impl Inventory {
    pub(super) fn new(family: &ParsedFamily) -> Inventory {
        Inventory {
            seen: vec![vec![0u64; 0x10000 / 64]; family.faces.len()],
            chars: vec![BTreeSet::new(); family.faces.len()],
        }
    }

    /// Notes a glyph drawn.
    pub(super) fn note(&mut self, g: &Glyph) {
        let face = g.face as usize;
        let cp = g.ch as usize;
        let (Some(seen), Some(chars)) = (self.seen.get_mut(face), self.chars.get_mut(face)) else {
            return;
        };
        match seen.get_mut(cp / 64) {
            Some(word) if *word & (1 << (cp % 64)) != 0 => {}
            Some(word) => {
                *word |= 1 << (cp % 64);
                chars.insert(g.ch);
            }
            None => {
                chars.insert(g.ch);
            }
        }
    }

    pub(super) fn note_all(&mut self, glyphs: &[Glyph]) {
        for g in glyphs {
            self.note(g);
        }
    }
}
