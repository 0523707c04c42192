//! Inline content of a block: `**bold**` and `*italic*` marks, forced line breaks, and footnote
//! calls (`[1]` always; `(1)` glued to a word when a note `(1)` exists). A backslash before `*`,
//! `[`, `(` or another backslash makes that character text (`\*`, `\[1]`, `\\`): the escape the
//! canonical text form writes (`export::txt`); a backslash before anything else is text.

use crate::model::Inline;

/// Reads the inline content of `text`. `note_markers` are the markers (without brackets) of the
/// note texts found in the document, used to tell `(1)` calls from `3(1)`-style references.
pub fn parse(text: &str, note_markers: &[String]) -> Vec<Inline> {
    let pairs = emphasis_pairs(text);
    let mut pairs = pairs.iter().peekable();
    // Most paragraphs are one run: room for one spares a reallocation and its leftover.
    let mut out: Vec<Inline> = Vec::with_capacity(1);
    let (mut bold, mut italic) = (false, false);
    let mut buf = String::new();
    let bytes = text.as_bytes();
    // Every byte that can start markup is ASCII, so byte offsets are char boundaries.
    let (mut i, mut seg) = (0, 0);
    let has_pairs = pairs.peek().is_some();
    let has_escapes = memchr::memchr(b'\\', bytes).is_some();
    while i < bytes.len() {
        // Jump to the next byte that can start markup; `*` matters only when marks pair up.
        let next = if has_pairs || has_escapes {
            bytes[i..]
                .iter()
                .position(|b| matches!(b, b'*' | b'\n' | b'[' | b'(' | b'\\'))
        } else {
            memchr::memchr3(b'\n', b'[', b'(', &bytes[i..])
        };
        match next {
            Some(offset) => i += offset,
            None => break,
        }
        let b = bytes[i];
        if b == b'\\' {
            if escapes(bytes, i) {
                // The backslash goes; the character after it is text.
                buf.push_str(&text[seg..i]);
                seg = i + 1;
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        if b == b'*' {
            match pairs.peek() {
                Some(&&(len, at)) if at == i => {
                    pairs.next();
                    buf.push_str(&text[seg..i]);
                    flush(&mut out, &mut buf, bold, italic);
                    if len == 2 {
                        bold = !bold;
                    } else {
                        italic = !italic;
                    }
                    i += len;
                    seg = i;
                }
                _ => i += 1,
            }
            continue;
        }
        if b == b'\n' {
            buf.push_str(&text[seg..i]);
            flush(&mut out, &mut buf, bold, italic);
            out.push(Inline::LineBreak);
            i += 1;
            seg = i;
            continue;
        }
        if let Some(len) = note_call(text, i, note_markers) {
            buf.push_str(&text[seg..i]);
            flush(&mut out, &mut buf, bold, italic);
            out.push(Inline::NoteRef {
                marker: text[i..i + len].into(),
                note: None,
            });
            i += len;
            seg = i;
            continue;
        }
        i += 1;
    }
    buf.push_str(&text[seg..]);
    flush(&mut out, &mut buf, bold, italic);
    // A paragraph of a million footnote calls should not keep half as much again in spare room.
    out.shrink_to_fit();
    out
}

fn flush(out: &mut Vec<Inline>, buf: &mut String, bold: bool, italic: bool) {
    if buf.is_empty() {
        return;
    }
    if let Some(Inline::Text {
        text,
        bold: b,
        italic: it,
    }) = out.last_mut()
    {
        if *b == bold && *it == italic {
            text.push_str(buf);
            buf.clear();
            return;
        }
    }
    out.push(Inline::Text {
        text: std::mem::take(buf).into(),
        bold,
        italic,
    });
}

/// Whether the backslash at byte `i` escapes the character after it.
fn escapes(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i + 1), Some(b'*' | b'[' | b'(' | b'\\'))
}

/// The length of a footnote call at byte `i`, if there is one.
fn note_call(text: &str, i: usize, note_markers: &[String]) -> Option<usize> {
    let open = text.as_bytes()[i];
    let close = if open == b'[' { b']' } else { b')' };
    let rest = &text.as_bytes()[i + 1..];
    let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 || n > 3 || rest.get(n) != Some(&close) {
        return None;
    }
    if open == b'[' {
        return Some(n + 2);
    }
    // "(1)" counts only glued to the preceding word and when the note exists.
    let glued = text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace() && c != '(');
    let marker = &text[i + 1..i + 1 + n];
    (glued && note_markers.iter().any(|m| m == marker)).then_some(n + 2)
}

/// Byte positions and lengths of the emphasis marks that pair up: an opening mark is followed by
/// a non-space, a closing one preceded by a non-space. Unpaired marks stay literal text.
fn emphasis_pairs(text: &str) -> Vec<(usize, usize)> {
    if !text.contains('*') {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut marks: Vec<(usize, usize)> = Vec::new(); // (len, pos)
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && escapes(bytes, i) {
            // An escaped character is no mark.
            i += 2;
        } else if bytes[i] == b'*' {
            let len = if bytes.get(i + 1) == Some(&b'*') {
                2
            } else {
                1
            };
            marks.push((len, i));
            i += len;
        } else {
            i += 1;
        }
    }
    let mut result = Vec::new();
    for len in [2usize, 1] {
        let mut open: Option<usize> = None;
        for &(l, pos) in marks.iter().filter(|(l, _)| *l == len) {
            let next_is_text = text[pos + l..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace());
            let prev_is_text = text[..pos]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace());
            match open {
                Some(o) if prev_is_text => {
                    result.push((l, o));
                    result.push((l, pos));
                    open = None;
                }
                _ if next_is_text => open = Some(pos),
                _ => {}
            }
        }
    }
    result.sort_by_key(|(_, pos)| *pos);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }

    #[test]
    fn emphasis() {
        assert_eq!(
            parse("**B9-0146/2021** and *The European Parliament,*", &[]),
            vec![
                Inline::Text {
                    text: "B9-0146/2021".into(),
                    bold: true,
                    italic: false
                },
                t(" and "),
                Inline::Text {
                    text: "The European Parliament,".into(),
                    bold: false,
                    italic: true
                },
            ]
        );
        assert_eq!(parse("5 * 3 = 15", &[]), vec![t("5 * 3 = 15")]);
    }

    #[test]
    fn notes_and_breaks() {
        let notes = vec!["2".to_string()];
        assert_eq!(
            parse("of 2020[1]; Article 3(2) and 2004(2)\nx", &notes),
            vec![
                t("of 2020"),
                Inline::NoteRef {
                    marker: "[1]".into(),
                    note: None
                },
                t("; Article 3"),
                Inline::NoteRef {
                    marker: "(2)".into(),
                    note: None
                },
                t(" and 2004"),
                Inline::NoteRef {
                    marker: "(2)".into(),
                    note: None
                },
                Inline::LineBreak,
                t("x"),
            ]
        );
        assert_eq!(parse("Article 3(5)", &[]), vec![t("Article 3(5)")]);
    }

    #[test]
    fn a_backslash_makes_markup_text() {
        let notes = vec!["1".to_string()];
        assert_eq!(
            parse(r"\*a\* \[1] 3\(1) \\ \x", &notes),
            vec![t(r"*a* [1] 3(1) \ \x")]
        );
        // An escaped backslash escapes nothing after it.
        assert_eq!(
            parse(r"a\\*b*", &notes),
            vec![
                t(r"a\"),
                Inline::Text {
                    text: "b".into(),
                    bold: false,
                    italic: true
                }
            ]
        );
        assert_eq!(parse(r"RE\1290001EN", &[]), vec![t(r"RE\1290001EN")]);
    }
}
