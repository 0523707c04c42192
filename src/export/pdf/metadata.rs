//! The document information dictionary and the document language, from the motion alone: the
//! dates are the motion's date (or a fixed epoch), never the clock.

use crate::export::meta::DocMeta;
use crate::model::Date;
use lopdf::{Dictionary, Object, StringFormat};

/// What the PDF's `/Creator` says.
pub(super) const CREATOR: &str = "motion-export";

/// The `/Info` dictionary: title, author (the groups), subject (the procedure), keywords,
/// creator, producer and dates (the motion's, else `fallback`, else the Unix epoch).
pub(super) fn info(meta: &DocMeta, fallback: Option<Date>) -> Dictionary {
    let date = Object::string_literal(pdf_date(meta.date.or(fallback)));
    let mut d = Dictionary::new();
    d.set("Title", text(&meta.title));
    if !meta.author.is_empty() {
        d.set("Author", text(&meta.author));
    }
    d.set("Subject", text(&meta.subject));
    d.set("Keywords", text(&meta.keywords.join("; ")));
    d.set("Creator", text(CREATOR));
    d.set(
        "Producer",
        text(concat!(
            "motion-export ",
            env!("CARGO_PKG_VERSION"),
            " (printpdf 0.12.8)"
        )),
    );
    d.set("CreationDate", date.clone());
    d.set("ModDate", date);
    d.set("Trapped", Object::Name(b"False".to_vec()));
    d
}

/// A PDF date for the motion's date, midnight UTC; the Unix epoch when the motion has none.
pub(super) fn pdf_date(date: Option<Date>) -> String {
    let (y, m, d) = date.map_or((1970, 1, 1), |d| (d.year, d.month, d.day));
    format!("D:{y:04}{m:02}{d:02}000000Z")
}

/// The `/Lang` value: the motion's language code if it looks like one.
pub(super) fn lang(code: &str) -> Option<Object> {
    let ok = !code.is_empty()
        && code.len() <= 35
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then(|| Object::string_literal(code))
}

/// A text string: literal when it is printable ASCII, UTF-16BE with a byte-order mark otherwise.
pub(super) fn text(s: &str) -> Object {
    if s.chars().all(|c| (' '..='~').contains(&c)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_the_motion() {
        assert_eq!(pdf_date(Date::new(2021, 2, 9)), "D:20210209000000Z");
        assert_eq!(pdf_date(None), "D:19700101000000Z");
    }

    #[test]
    fn text_strings() {
        assert_eq!(
            text("S&D"),
            Object::String(b"S&D".to_vec(), StringFormat::Literal)
        );
        match text("Ελλάδα") {
            Object::String(b, StringFormat::Hexadecimal) => assert_eq!(&b[..2], &[0xFE, 0xFF]),
            other => panic!("{other:?}"),
        }
        assert!(lang("en").is_some());
        assert!(lang("").is_none());
        assert!(lang("e n").is_none());
    }
}
