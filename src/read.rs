//! Turning input bytes into text: byte-order marks, UTF-16, invalid UTF-8, binary data.

use crate::codes;
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
    fn reports_binary_data() {
        assert_eq!(
            decode(b"%PDF-1.4\n\0\x01").unwrap_err().code,
            "E-INPUT-BINARY"
        );
    }
}
