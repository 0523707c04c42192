//! The family and style names a font file states in its `name` table, read without loading the
//! whole file: `--pdf-font` finds the bold and italic faces beside a regular one by these names,
//! whatever the files are called.

use std::io::{Read, Seek, SeekFrom};

/// Name tables are a few kilobytes; a larger one is not read.
const NAME_TABLE_LIMIT: usize = 1 << 20;

/// One of the four faces of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub fn describe(self) -> &'static str {
        match self {
            Style::Regular => "regular",
            Style::Bold => "bold",
            Style::Italic => "italic",
            Style::BoldItalic => "bold italic",
        }
    }

    /// The style a subfamily name such as `Bold`, `Bold Oblique` or `Book` states; `None` for
    /// others (`Condensed Bold`, `Light`), which belong to another width or weight.
    fn of_subfamily(name: &str) -> Option<Style> {
        let lower = name.to_lowercase();
        let mut words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty() && !["regular", "book", "roman", "normal"].contains(w))
            .collect();
        words.sort_unstable();
        match words.as_slice() {
            [] => Some(Style::Regular),
            ["bold"] => Some(Style::Bold),
            ["italic"] | ["oblique"] => Some(Style::Italic),
            ["bolditalic"] | ["boldoblique"] | ["bold", "italic"] | ["bold", "oblique"] => {
                Some(Style::BoldItalic)
            }
            _ => None,
        }
    }
}

/// A face's names: the family and subfamily (name IDs 1 and 2) and, when the font states them,
/// the typographic family and subfamily (IDs 16 and 17), which group more than four styles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaceNames {
    pub family: Option<String>,
    pub subfamily: Option<String>,
    pub typographic_family: Option<String>,
    pub typographic_subfamily: Option<String>,
}

impl FaceNames {
    /// The family's name as people know it: the typographic family, else the family.
    pub fn family_name(&self) -> Option<&str> {
        self.typographic_family
            .as_deref()
            .or(self.family.as_deref())
    }

    /// The style of this face within the family of `regular`, if it is one of its four faces:
    /// by the typographic names first, then by the legacy ones.
    pub fn style_in(&self, regular: &FaceNames) -> Option<Style> {
        let same = |a: Option<&str>, b: Option<&str>| {
            a.zip(b)
                .is_some_and(|(a, b)| a.trim().eq_ignore_ascii_case(b.trim()))
        };
        let typographic = (self.typographic_subfamily.as_deref()).or(self.subfamily.as_deref());
        if same(self.family_name(), regular.family_name()) {
            if let Some(style) = typographic.and_then(Style::of_subfamily) {
                return Some(style);
            }
        }
        if same(self.family.as_deref(), regular.family.as_deref()) {
            return self.subfamily.as_deref().and_then(Style::of_subfamily);
        }
        None
    }
}

/// The names of the font in `data`; `None` when it has no readable name table.
pub fn from_bytes(data: &[u8]) -> Option<FaceNames> {
    read_names(&mut |offset, len| {
        let start = usize::try_from(offset).ok()?;
        data.get(start..start.checked_add(len)?).map(<[u8]>::to_vec)
    })
}

/// The names of the font in `file`, reading only its table directory and name table.
pub fn from_file<R: Read + Seek>(file: &mut R) -> Option<FaceNames> {
    read_names(&mut |offset, len| {
        file.seek(SeekFrom::Start(offset)).ok()?;
        let mut buf = vec![0; len];
        file.read_exact(&mut buf).ok()?;
        Some(buf)
    })
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// Parses the table directory (of the first font of a collection) and the name table, reading
/// through `read_at(offset, length)`.
fn read_names(read_at: &mut dyn FnMut(u64, usize) -> Option<Vec<u8>>) -> Option<FaceNames> {
    let mut start = 0u64;
    let mut header = read_at(0, 12)?;
    if header.starts_with(b"ttcf") {
        start = u64::from(u32_at(&read_at(12, 4)?, 0)?);
        header = read_at(start, 12)?;
    }
    let tables = usize::from(u16_at(&header, 4)?);
    let directory = read_at(start + 12, tables * 16)?;
    let record = directory
        .chunks_exact(16)
        .find(|r| r.starts_with(b"name"))?;
    let (offset, length) = (
        u32_at(record, 8)?,
        usize::try_from(u32_at(record, 12)?).ok()?,
    );
    if length > NAME_TABLE_LIMIT {
        return None;
    }
    let table = read_at(u64::from(offset), length)?;
    let count = usize::from(u16_at(&table, 2)?);
    let strings = usize::from(u16_at(&table, 4)?);
    let mut names = FaceNames::default();
    let mut best = [u8::MAX; 4];
    for i in 0..count {
        let r = 6 + i * 12;
        let (platform, encoding, language, id) = (
            u16_at(&table, r)?,
            u16_at(&table, r + 2)?,
            u16_at(&table, r + 4)?,
            u16_at(&table, r + 6)?,
        );
        let (len, at) = (
            usize::from(u16_at(&table, r + 8)?),
            usize::from(u16_at(&table, r + 10)?),
        );
        let slot = match id {
            1 => 0,
            2 => 1,
            16 => 2,
            17 => 3,
            _ => continue,
        };
        // Windows English first, then any Windows or Unicode record, then Macintosh Roman.
        let rank = match (platform, encoding, language) {
            (3, 0 | 1 | 10, 0x409) => 0,
            (3, 0 | 1 | 10, _) => 1,
            (0, _, _) => 2,
            (1, 0, 0) => 3,
            _ => continue,
        };
        if rank >= best[slot] {
            continue;
        }
        let Some(bytes) = table.get(strings + at..strings + at + len) else {
            continue;
        };
        let text = if platform == 1 {
            bytes.iter().map(|&b| char::from(b)).collect()
        } else {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        };
        best[slot] = rank;
        let field = match slot {
            0 => &mut names.family,
            1 => &mut names.subfamily,
            2 => &mut names.typographic_family,
            _ => &mut names.typographic_subfamily,
        };
        *field = Some(text);
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dejavu_names_and_styles() {
        let regular = from_bytes(dejavu::serif::regular()).unwrap();
        assert_eq!(regular.family_name(), Some("DejaVu Serif"));
        for (bytes, style) in [
            (dejavu::serif::regular(), Style::Regular),
            (dejavu::serif::bold(), Style::Bold),
            (dejavu::serif::italic(), Style::Italic),
            (dejavu::serif::bold_italic(), Style::BoldItalic),
        ] {
            let names = from_file(&mut std::io::Cursor::new(bytes)).unwrap();
            assert_eq!(names.style_in(&regular), Some(style), "{names:?}");
        }
        let sans = from_bytes(dejavu::sans::bold()).unwrap();
        assert_eq!(sans.style_in(&regular), None);
        assert_eq!(from_bytes(b"not a font"), None);
    }

    #[test]
    fn subfamily_names() {
        assert_eq!(Style::of_subfamily("Book"), Some(Style::Regular));
        assert_eq!(Style::of_subfamily("Bold Oblique"), Some(Style::BoldItalic));
        assert_eq!(Style::of_subfamily("BoldItalic"), Some(Style::BoldItalic));
        assert_eq!(Style::of_subfamily("Italic Bold"), Some(Style::BoldItalic));
        assert_eq!(Style::of_subfamily("Condensed Bold"), None);
        assert_eq!(Style::of_subfamily("Light"), None);
    }
}
