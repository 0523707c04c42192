//! Removes TrueType hinting from a subset font program: the instructions in every glyph and
//! the `fpgm`, `prep` and `cvt ` tables. Viewers scale PDF fonts without the hints, and in a
//! hinted face like DejaVu they are close to half of every glyph's bytes.
//!
//! Works on the bytes (the sfnt table directory, `loca` and `glyf`); anything it does not
//! recognise leaves the font as it was.

/// Tables that only serve hinting.
const HINTING: [&[u8; 4]; 3] = [b"fpgm", b"prep", b"cvt "];

/// The font without hinting, or `None` when it is not a TrueType font this understands.
pub(super) fn strip_hinting(font: &[u8]) -> Option<Vec<u8>> {
    let tables = directory(font)?;
    let table = |tag: &[u8; 4]| {
        tables
            .iter()
            .find(|(t, _)| t == tag)
            .and_then(|&(_, range)| font.get(range.0..range.0.checked_add(range.1)?))
    };
    let head = table(b"head")?;
    let maxp = table(b"maxp")?;
    let loca = table(b"loca")?;
    let glyf = table(b"glyf")?;
    let long_loca = i16::from_be_bytes(head.get(50..52)?.try_into().ok()?) == 1;
    let glyphs = usize::from(u16::from_be_bytes(maxp.get(4..6)?.try_into().ok()?));

    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity((glyphs + 1) * 4);
    let offset = |i: usize| -> Option<usize> {
        if long_loca {
            Some(u32::from_be_bytes(loca.get(i * 4..i * 4 + 4)?.try_into().ok()?) as usize)
        } else {
            Some(
                usize::from(u16::from_be_bytes(
                    loca.get(i * 2..i * 2 + 2)?.try_into().ok()?,
                )) * 2,
            )
        }
    };
    for i in 0..glyphs {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        let (start, end) = (offset(i)?, offset(i + 1)?);
        if end > start {
            new_glyf.extend(strip_glyph(glyf.get(start..end)?)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());

    let mut new_head = head.to_vec();
    new_head[50..52].copy_from_slice(&1i16.to_be_bytes());
    new_head[8..12].copy_from_slice(&[0; 4]);
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for &(tag, (start, len)) in &tables {
        if HINTING.contains(&&tag) {
            continue;
        }
        let data = match &tag {
            b"head" => new_head.clone(),
            b"loca" => new_loca.clone(),
            b"glyf" => new_glyf.clone(),
            _ => font.get(start..start + len)?.to_vec(),
        };
        out_tables.push((tag, data));
    }
    Some(assemble(font.get(0..4)?, out_tables))
}

/// The table directory: each tag with its offset and length.
/// A table's tag, and its offset and length in the font.
type TableRecord = ([u8; 4], (usize, usize));

fn directory(font: &[u8]) -> Option<Vec<TableRecord>> {
    if font.get(0..4)? != [0, 1, 0, 0] && font.get(0..4)? != b"true" {
        return None;
    }
    let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    (0..count)
        .map(|i| {
            let rec = font.get(12 + i * 16..12 + i * 16 + 16)?;
            let tag: [u8; 4] = rec[0..4].try_into().ok()?;
            let offset = u32::from_be_bytes(rec[8..12].try_into().ok()?) as usize;
            let len = u32::from_be_bytes(rec[12..16].try_into().ok()?) as usize;
            font.get(offset..offset.checked_add(len)?)?;
            Some((tag, (offset, len)))
        })
        .collect()
}

/// A glyph without its instructions.
fn strip_glyph(g: &[u8]) -> Option<Vec<u8>> {
    let contours = i16::from_be_bytes(g.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        // Header and contour end points, then the instructions' length and bytes.
        let at = 10 + 2 * usize::try_from(contours).ok()?;
        let len = usize::from(u16::from_be_bytes(g.get(at..at + 2)?.try_into().ok()?));
        let rest = g.get(at + 2 + len..)?;
        let mut out = Vec::with_capacity(at + 2 + rest.len());
        out.extend_from_slice(&g[..at]);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    // A composite: clear WE_HAVE_INSTRUCTIONS on every component and cut what follows them.
    let mut out = g.to_vec();
    let mut at = 10;
    loop {
        let flags = u16::from_be_bytes(out.get(at..at + 2)?.try_into().ok()?);
        let cleared = flags & !0x0100;
        out[at..at + 2].copy_from_slice(&cleared.to_be_bytes());
        at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        at += match () {
            _ if flags & 0x0008 != 0 => 2,
            _ if flags & 0x0040 != 0 => 4,
            _ if flags & 0x0080 != 0 => 8,
            _ => 0,
        };
        if flags & 0x0020 == 0 {
            break;
        }
    }
    out.truncate(at.min(out.len()));
    Some(out)
}

/// An sfnt from its tables (sorted by tag), with checksums and `head.checkSumAdjustment`.
fn assemble(version: &[u8], mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let pow = if n == 0 {
        0
    } else {
        15 - n.leading_zeros() as u16
    };
    let search = 16u16 << pow;
    let mut out = Vec::new();
    out.extend_from_slice(version);
    for v in [n, search, pow, n * 16 - search] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += (data.len() + 3) & !3;
    }
    let mut head_at = None;
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(h) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::fonts::{FontFaces, FontFamily};

    #[test]
    fn stripped_face_keeps_its_glyphs_and_advances() {
        let original = dejavu::serif::regular();
        let stripped = strip_hinting(original).expect("TrueType");
        assert!(
            stripped.len() + 30_000 < original.len(),
            "{}",
            stripped.len()
        );
        let parse = |bytes: &[u8]| {
            FontFamily::new(
                "t",
                FontFaces {
                    regular: bytes.into(),
                    ..FontFaces::default()
                },
            )
        };
        let (a, b) = (parse(original), parse(&stripped));
        let (a, b) = (&a.parsed().unwrap().faces[0], &b.parsed().unwrap().faces[0]);
        assert_eq!(a.advances, b.advances);
        for c in "Aé€Жλ„".chars() {
            assert_eq!(a.glyph(c), b.glyph(c));
        }
        let tags: Vec<[u8; 4]> = directory(&stripped).unwrap().iter().map(|t| t.0).collect();
        assert!(
            tags.contains(b"glyf") && !tags.contains(b"fpgm"),
            "{tags:?}"
        );
        assert_eq!(checksum(&stripped), 0xB1B0_AFBA);
    }

    #[test]
    fn leaves_other_data_alone() {
        assert_eq!(strip_hinting(b"OTTO and more"), None);
        assert_eq!(strip_hinting(&[]), None);
    }
}
