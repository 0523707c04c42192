//! Turning input bytes into text: byte-order marks, UTF-16, invalid UTF-8, binary data.

use crate::diag::codes;
use crate::diag::{Diagnostic, Span};

/// Decodes input bytes to text.
///
/// UTF-8 is expected; a UTF-8 byte-order mark is skipped and UTF-16 with a byte-order mark is
/// decoded. Binary data (NUL bytes) and invalid UTF-8 are errors whose span points at the first
/// offending byte.
pub fn decode(bytes: &[u8]) -> Result<String, Diagnostic> {
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => decode_utf8(rest, 3),
        [0xFF, 0xFE, rest @ ..] => decode_utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => decode_utf16(rest, u16::from_be_bytes),
        _ => decode_utf8(bytes, 0),
    }
}

/// Decodes the bytes of an XML document to text, by its byte-order mark or else the encoding its
/// XML declaration names (XML 1.0 §4.3.3, appendix F): UTF-8 (the default), UTF-16 (with a
/// byte-order mark), ISO-8859-1 (Latin-1), windows-1252 and US-ASCII. Another encoding, or a
/// declaration that contradicts the byte-order mark, is `E-INPUT-ENCODING`. The declaration
/// itself is left as written: the text is then UTF-8 whatever it says.
pub fn decode_xml(bytes: &[u8]) -> Result<String, Diagnostic> {
    let declared = declared_encoding(bytes).map(|e| e.to_ascii_lowercase());
    let Some(declared) = declared else {
        return decode(bytes);
    };
    let utf16_bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let single_byte = |table: fn(u8) -> char| -> Result<String, Diagnostic> {
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) || utf16_bom {
            return Err(mismatch(&declared));
        }
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            return Err(Diagnostic::new(
                &codes::INPUT_BINARY,
                Some(position(bytes, nul, 0)),
                format!("binary data: a NUL byte at byte offset {nul}"),
            ));
        }
        Ok(bytes.iter().map(|&b| table(b)).collect())
    };
    match declared.as_str() {
        "utf-8" | "utf8" => {
            if utf16_bom {
                return Err(mismatch(&declared));
            }
            decode(bytes)
        }
        "utf-16" | "utf16" | "utf-16le" | "utf-16be" if utf16_bom => decode(bytes),
        "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" | "iso_8859-1" => {
            single_byte(char::from)
        }
        "windows-1252" | "cp1252" => single_byte(windows_1252),
        "us-ascii" | "ascii" => {
            if let Some(bad) = bytes.iter().position(|&b| b >= 0x80) {
                return Err(encoding_error(bad, "a byte above 0x7F in US-ASCII text"));
            }
            decode(bytes)
        }
        _ => Err(Diagnostic::new(
            &codes::INPUT_ENCODING,
            None,
            format!("the XML declaration names the encoding `{declared}`, which is not read"),
        )
        .hint("save the file as UTF-8 (and say encoding=\"UTF-8\" or nothing)")),
    }
}

/// The `encoding` of the XML declaration at the start of `bytes`, if any. UTF-16 text (with its
/// byte-order mark) is looked at through its ASCII bytes.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let ascii: Vec<u8> = match bytes {
        [0xFF, 0xFE, rest @ ..] => rest.iter().step_by(2).take(200).copied().collect(),
        [0xFE, 0xFF, rest @ ..] => rest.iter().skip(1).step_by(2).take(200).copied().collect(),
        [0xEF, 0xBB, 0xBF, rest @ ..] => rest.iter().take(200).copied().collect(),
        _ => bytes.iter().take(200).copied().collect(),
    };
    let decl = ascii.strip_prefix(b"<?xml")?;
    if !decl.first().is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let decl = &decl[..decl.windows(2).position(|w| w == b"?>")?];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = decl[at + 8..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let quote = *rest.first().filter(|q| **q == b'"' || **q == b'\'')?;
    let value = &rest[1..];
    let end = value.iter().position(|&b| b == quote)?;
    Some(String::from_utf8_lossy(&value[..end]).into_owned())
}

fn mismatch(declared: &str) -> Diagnostic {
    Diagnostic::new(
        &codes::INPUT_ENCODING,
        None,
        format!("the XML declaration says `{declared}` but the byte-order mark says otherwise"),
    )
    .hint("make the declaration and the byte-order mark agree, or save the file as UTF-8")
}

/// Windows-1252: Latin-1 with printable characters in 0x80–0x9F (its five unassigned bytes
/// read as the C1 controls of the same value, as browsers read them).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

fn decode_utf8(bytes: &[u8], bom: usize) -> Result<String, Diagnostic> {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let at = position(bytes, nul, bom);
        return Err(Diagnostic::new(&codes::INPUT_BINARY, Some(at), format!("binary data: a NUL byte at byte offset {}", nul + bom))
            .hint("motion-export reads plain text; extract the text of a PDF or Word file first (pdftotext, or Save As plain text)"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let bad = e.valid_up_to();
            let at = position(bytes, bad, bom);
            let shown: Vec<String> = bytes[bad..]
                .iter()
                .take(4)
                .map(|b| format!("{b:#04x}"))
                .collect();
            Err(Diagnostic::new(
                &codes::INPUT_ENCODING,
                Some(at),
                format!(
                    "invalid UTF-8 at byte offset {} (bytes {})",
                    bad + bom,
                    shown.join(" ")
                ),
            )
            .hint("save the file as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`"))
        }
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Diagnostic> {
    let units = bytes.chunks(2).map(|c| {
        if c.len() == 2 {
            Ok(unit([c[0], c[1]]))
        } else {
            Err(())
        }
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut pending: Vec<u16> = Vec::new();
    for (i, u) in units.enumerate() {
        let offset = 2 + 2 * i;
        let u =
            u.map_err(|()| encoding_error(offset, "UTF-16 text with an odd number of bytes"))?;
        pending.push(u);
        if (0xD800..0xDC00).contains(&u) {
            continue; // a high surrogate waits for its pair
        }
        for c in char::decode_utf16(pending.drain(..)) {
            let c = c.map_err(|_| encoding_error(offset, "unpaired surrogate in UTF-16 text"))?;
            if c == '\0' {
                return Err(Diagnostic::new(
                    &codes::INPUT_BINARY,
                    None,
                    format!("binary data: a NUL character at byte offset {offset}"),
                ));
            }
            out.push(c);
        }
    }
    if !pending.is_empty() {
        return Err(encoding_error(
            bytes.len(),
            "unpaired surrogate at the end of UTF-16 text",
        ));
    }
    Ok(out)
}

fn encoding_error(offset: usize, what: &str) -> Diagnostic {
    Diagnostic::new(
        &codes::INPUT_ENCODING,
        None,
        format!("{what} at byte offset {offset}"),
    )
    .hint("save the file as UTF-8 or as UTF-16 with a byte-order mark")
}

/// The span of one byte at `offset` in `bytes` (after a BOM of `bom` bytes), with the line and
/// column counted over the valid text before it.
fn position(bytes: &[u8], offset: usize, bom: usize) -> Span {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u32;
    let col = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u32;
    Span {
        start: offset + bom,
        end: offset + bom + 1,
        line,
        col,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utf8_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Ελλάδα 𝄞".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "Ελλάδα 𝄞");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("ab".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "ab");
    }

    #[test]
    fn reports_invalid_utf8_with_offset_line_and_column() {
        let d = decode(b"line one\nab\xE9c").unwrap_err();
        assert_eq!(d.code, "E-INPUT-ENCODING");
        assert!(d.message.contains("byte offset 11"), "{}", d.message);
        let span = d.span.unwrap();
        assert_eq!((span.line, span.col, span.start), (2, 3, 11));
    }

    #[test]
    fn decodes_xml_by_its_declaration() {
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\xe9 \x80</a>";
        assert_eq!(
            decode_xml(latin1).unwrap(),
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>café \u{80}</a>"
        );
        let cp1252 = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x80\x96</a>";
        assert!(decode_xml(cp1252).unwrap().ends_with("<a>€–</a>"));
        assert_eq!(decode_xml(b"<a>\xc3\xa9</a>").unwrap(), "<a>é</a>");
        let utf8_says_latin = b"\xEF\xBB\xBF<?xml version='1.0' encoding='latin1'?><a/>";
        assert_eq!(
            decode_xml(utf8_says_latin).unwrap_err().code,
            "E-INPUT-ENCODING"
        );
        let unknown = b"<?xml version='1.0' encoding='KOI8-R'?><a/>";
        assert_eq!(decode_xml(unknown).unwrap_err().code, "E-INPUT-ENCODING");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "<?xml version='1.0' encoding='UTF-16'?><a>é</a>"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert!(decode_xml(&utf16).unwrap().ends_with("<a>é</a>"));
    }

    #[test]
    fn reports_binary_data() {
        assert_eq!(
            decode(b"%PDF-1.4\n\0\x01").unwrap_err().code,
            "E-INPUT-BINARY"
        );
    }
}
