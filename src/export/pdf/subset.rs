//! Font subsetting with allsorts, cached across the documents of a run.
//!
//! A subset holds every glyph of the face for the 32-code-point chunks of Unicode a document
//! uses, not just the document's characters: the subset (and so the output bytes) depends only on
//! that key, so a cached subset made for one document is exactly the one another document would
//! have made, whatever the order or the number of threads. Subsetting one face takes a few
//! milliseconds; after the first documents of a language every lookup is a hit.

use super::fonts::Face;
use super::sfnt::strip_hinting;
use crate::export::ExportError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tag;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Code points per chunk of the subset key.
const CHUNK_BITS: u32 = 5;

/// Subsets kept per family; past this the cache stops growing (subsets are still made, and are
/// the same, they are just not kept).
const CACHE_LIMIT: usize = 1024;

/// The tables a PDF needs from a TrueType face (`glyf` and `loca` come with them). The `name`
/// table is left out (the PDF names the font itself, and DejaVu's carries kilobytes of licence),
/// and so are the hinting tables, which [`strip_hinting`] makes useless.
const TABLES: [u32; 6] = [
    tag::CMAP,
    tag::HEAD,
    tag::HHEA,
    tag::HMTX,
    tag::MAXP,
    tag::POST,
];

/// A subset font program and how the original glyph ids map into it.
pub(super) struct Subset {
    /// `/BaseFont`: a six-letter tag derived from the key, `+`, the PostScript name.
    pub(super) base_font: String,
    /// The subset font file.
    pub(super) program: Vec<u8>,
    /// `program` deflated once (zlib), for the `/FontFile2` stream.
    pub(super) deflated: Vec<u8>,
    /// The subset's glyph id for each glyph id of the face (0 when not in the subset).
    new_gid: Vec<u16>,
    /// For a CID-keyed CFF program, the CID of each subset glyph: what the content stream must
    /// show (and printpdf keys `/W` and `/ToUnicode` by). `None` when codes are glyph ids.
    cids: Option<Vec<u16>>,
}

impl Subset {
    /// The subset's glyph id for a glyph id of the original face.
    pub(super) fn gid(&self, original: u16) -> Option<u16> {
        self.new_gid
            .get(usize::from(original))
            .copied()
            .filter(|&g| g != 0)
    }

    /// The two-byte code that shows a glyph of the original face.
    pub(super) fn code(&self, original: u16) -> Option<u16> {
        let gid = self.gid(original)?;
        Some(match &self.cids {
            Some(cids) => cids.get(usize::from(gid)).copied().unwrap_or(gid),
            None => gid,
        })
    }
}

/// Which chunks of Unicode a set of characters touches: the subset key.
pub(super) fn chunks_of(chars: impl IntoIterator<Item = char>) -> Vec<u32> {
    let set: BTreeSet<u32> = chars.into_iter().map(|c| c as u32 >> CHUNK_BITS).collect();
    set.into_iter().collect()
}

/// Subsets by face index and chunks.
type SubsetMap = BTreeMap<(usize, Vec<u32>), Arc<Subset>>;

/// Subsets of one family, keyed by face and chunks.
#[derive(Default)]
pub(super) struct SubsetCache {
    map: Mutex<SubsetMap>,
}

impl SubsetCache {
    /// The subset of `face` (number `face_index` in its family) for `chunks`, made if needed.
    pub(super) fn get(
        &self,
        face_index: usize,
        face: &Face,
        chunks: &[u32],
    ) -> Result<Arc<Subset>, ExportError> {
        let key = (face_index, chunks.to_vec());
        if let Some(hit) = self.lock().get(&key) {
            return Ok(hit.clone());
        }
        // Made outside the lock: two threads may make the same subset at once, and since a
        // subset depends only on its key, whichever is kept is the same.
        let made = Arc::new(make(face, chunks)?);
        let mut map = self.lock();
        if map.len() >= CACHE_LIMIT {
            return Ok(made);
        }
        Ok(map.entry(key).or_insert(made).clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SubsetMap> {
        // A panic while holding the lock cannot leave the map half-written (insert is the only
        // write), so a poisoned lock is still usable.
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn make(face: &Face, chunks: &[u32]) -> Result<Subset, ExportError> {
    let glyph_ids = glyphs_for(face, chunks);
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        ExportError::Font(format!(
            "cannot subset {}: {what} ({e})",
            face.postscript_name
        ))
    };
    let file = ReadScope::new(&face.bytes)
        .read::<FontData<'_>>()
        .map_err(|e| fail("unreadable", &e))?;
    let provider = file.table_provider(0).map_err(|e| fail("unreadable", &e))?;
    let program = subset(
        &provider,
        &glyph_ids,
        &SubsetProfile::Custom(TABLES.to_vec()),
        CmapTarget::Unrestricted,
    )
    .map_err(|e| fail("allsorts failed", &e))?;
    let program = strip_hinting(&program).unwrap_or(program);
    let mut new_gid = vec![0u16; face.advances.len()];
    for (new, &old) in glyph_ids.iter().enumerate() {
        if let Some(slot) = new_gid.get_mut(usize::from(old)) {
            *slot = new as u16;
        }
    }
    let cids = printpdf::cff_charset_gid_to_cid_map(&program, 0).map(|map| {
        (0..glyph_ids.len() as u16)
            .map(|g| map.get(&g).copied().unwrap_or(g))
            .collect()
    });
    Ok(Subset {
        cids,
        base_font: format!(
            "{}+{}",
            tag_for(&face.postscript_name, chunks),
            face.postscript_name
        ),
        deflated: deflate_best(&program),
        program,
        new_gid,
    })
}

/// `.notdef` then every glyph the face maps from the chunks' code points, in glyph order.
fn glyphs_for(face: &Face, chunks: &[u32]) -> Vec<u16> {
    let mut set = BTreeSet::new();
    for &chunk in chunks {
        let start = chunk << CHUNK_BITS;
        for cp in start..start + (1 << CHUNK_BITS) {
            if let Some(gid) = char::from_u32(cp).and_then(|c| face.glyph(c)) {
                set.insert(gid);
            }
        }
    }
    std::iter::once(0).chain(set).collect()
}

/// Six capital letters from a hash of the face and the key (ISO 32000-1, 9.6.4).
fn tag_for(name: &str, chunks: &[u32]) -> String {
    let mut hash = Sha256::new();
    hash.update(name.as_bytes());
    for c in chunks {
        hash.update(c.to_be_bytes());
    }
    hash.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

fn deflate_best(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::fonts::FontFamily;

    #[test]
    fn key_is_chunks_not_characters() {
        assert_eq!(chunks_of("abc".chars()), chunks_of("xyz".chars()));
        assert_ne!(chunks_of("a".chars()), chunks_of("aé".chars()));
    }

    #[test]
    fn subset_maps_every_glyph_of_its_chunks() {
        let family = FontFamily::dejavu_serif();
        let face = &family.parsed().unwrap().faces[0];
        let chunks = chunks_of("Hello, world – ł".chars());
        let sub = family.subsets().get(0, face, &chunks).unwrap();
        for c in "Hello, world – ł QXZ!".chars() {
            assert!(sub.gid(face.glyph(c).unwrap()).is_some(), "{c}");
        }
        assert!(sub.gid(face.glyph('Ж').unwrap()).is_none());
        assert!(sub.base_font.ends_with("+DejaVuSerif"));
        assert_eq!(sub.base_font.find('+'), Some(6));
        assert!(sub.program.len() < 25_000, "{}", sub.program.len());
        let again = family.subsets().get(0, face, &chunks).unwrap();
        assert!(Arc::ptr_eq(&sub, &again));
    }
}
