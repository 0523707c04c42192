//! PDF object syntax, written byte for byte as lopdf writes it (lopdf keeps its writer private):
//! so that the objects this exporter generates itself, one at a time, read exactly like the ones
//! lopdf would have written from a whole document held in memory.

use lopdf::{Dictionary, Object, StringFormat};

/// Does `object` need a space before it (after a name or another object)?
pub(super) fn needs_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// Does an indirect object holding `object` need a space before `endobj`'s line break?
pub(super) fn needs_end_separator(object: &Object) -> bool {
    needs_separator(object) || matches!(object, Object::Name(_) | Object::Stream(_))
}

/// Appends `object`.
pub(super) fn object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(value) => integer(out, *value),
        Object::Real(value) => out.extend_from_slice(value.to_string().as_bytes()),
        Object::Name(name) => self::name(out, name),
        Object::String(text, format) => string(out, text, format),
        Object::Array(items) => array(out, items),
        Object::Dictionary(dict) => dictionary(out, dict),
        Object::Stream(stream) => {
            dictionary(out, &stream.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference(id) => reference(out, *id),
    }
}

/// Appends an integer in decimal.
pub(super) fn integer(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    digits(out, value.unsigned_abs(), 0);
}

/// Appends `n` in decimal, with leading zeros to at least `width` digits.
pub(super) fn digits(out: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let at = at.min(buf.len() - width.min(buf.len()));
    out.extend_from_slice(&buf[at..]);
}

/// Appends a reference to object `id`: `12 0 R`.
pub(super) fn reference(out: &mut Vec<u8>, (id, generation): lopdf::ObjectId) {
    integer(out, i64::from(id));
    out.push(b' ');
    integer(out, i64::from(generation));
    out.extend_from_slice(b" R");
}

/// Appends a name, white space, delimiters and bytes outside `!`..`~` as `#xx`.
pub(super) fn name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.extend_from_slice(format!("#{byte:02X}").as_bytes());
        } else {
            out.push(byte);
        }
    }
}

/// Appends a string: a literal escapes `\`, carriage returns and unbalanced parentheses.
fn string(out: &mut Vec<u8>, text: &[u8], format: &StringFormat) {
    match format {
        StringFormat::Literal => {
            let mut escaped = Vec::new();
            let mut open = Vec::new();
            for (i, &byte) in text.iter().enumerate() {
                match byte {
                    b'(' => open.push(i),
                    b')' if open.pop().is_none() => escaped.push(i),
                    b'\\' | b'\r' => escaped.push(i),
                    _ => {}
                }
            }
            escaped.append(&mut open);
            out.push(b'(');
            for (i, &byte) in text.iter().enumerate() {
                if escaped.contains(&i) {
                    out.push(b'\\');
                    out.push(if byte == b'\r' { b'r' } else { byte });
                } else {
                    out.push(byte);
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            out.push(b'<');
            for byte in text {
                out.extend_from_slice(format!("{byte:02X}").as_bytes());
            }
            out.push(b'>');
        }
    }
}

fn array(out: &mut Vec<u8>, items: &[Object]) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 && needs_separator(item) {
            out.push(b' ');
        }
        object(out, item);
    }
    out.push(b']');
}

/// Appends a dictionary.
pub(super) fn dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    dictionary_with(out, dict, |_, _| false);
}

/// Appends a dictionary, letting `replace` write the value of any key it takes (it returns
/// whether it wrote the value).
pub(super) fn dictionary_with(
    out: &mut Vec<u8>,
    dict: &Dictionary,
    mut replace: impl FnMut(&[u8], &mut Vec<u8>) -> bool,
) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        name(out, key);
        if !replace(key, out) {
            value_after_key(out, value);
        }
    }
    out.extend_from_slice(b">>");
}

/// Appends a dictionary's value after its key.
pub(super) fn value_after_key(out: &mut Vec<u8>, value: &Object) {
    if needs_separator(value) {
        out.push(b' ');
    }
    object(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What lopdf writes for a document of one object.
    fn lopdf_bytes(o: &Object) -> Vec<u8> {
        let mut doc = lopdf::Document::with_version("1.5");
        doc.objects.insert((1, 0), o.clone());
        doc.max_id = 1;
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        let start = out.windows(8).position(|w| w == b"1 0 obj\n").unwrap() + 8;
        let end = out.windows(6).position(|w| w == b"endobj").unwrap();
        out[start..end].to_vec()
    }

    #[test]
    fn objects_read_as_lopdf_writes_them() {
        let mut dict = Dictionary::new();
        dict.set("A", Object::Null);
        dict.set("B b", Object::Boolean(false));
        dict.set("C", Object::Name(b"n#(\xe9".to_vec()));
        dict.set("D", Object::Real(595.28));
        dict.set("E", Object::Real(-0.5));
        dict.set("F", Object::Integer(-12));
        dict.set("G", Object::Reference((3, 0)));
        dict.set(
            "H",
            Object::Array(vec![
                Object::Integer(1),
                Object::Real(2.25),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Array(vec![]),
                Object::string_literal("a(b\\c)d)(\r"),
                Object::String(vec![0xfe, 0xff, 0, 65], StringFormat::Hexadecimal),
            ]),
        );
        let cases = [
            Object::Dictionary(dict),
            Object::Real(1e-7),
            Object::Real(1e9),
            Object::Name(b"Link".to_vec()),
        ];
        for case in cases {
            let mut ours = Vec::new();
            let lead = needs_separator(&case);
            if lead {
                ours.push(b' ');
            }
            object(&mut ours, &case);
            if needs_end_separator(&case) {
                ours.push(b' ');
            }
            ours.push(b'\n');
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&lopdf_bytes(&case)),
                "{case:?}"
            );
        }
    }
}
