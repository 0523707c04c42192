//! Recognisers for the fixed shapes of EP documents: document numbers, dates, procedure
//! references, session (PE) numbers, Rule numbers. Hand-written scanners, no regular expressions.

use crate::model::Date;

/// Hyphen-like characters found inside document numbers (ASCII, U+2010, U+2011, en dash).
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

fn digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// A document number at the start of `s` (`B9-0146/2021`, `RC-B10-0249/2025`, `B10‑0249/2025`),
/// loosely: series letter(s), term digits, a hyphen, digits, `/`, digits. Returns the byte length
/// matched and the number with ASCII hyphens.
pub fn doc_number_prefix(s: &str) -> Option<(usize, String)> {
    let mut out = String::new();
    let mut rest = s;
    // Optional "RC-" of joint motions.
    if let Some(r) = rest.strip_prefix("RC") {
        let mut chars = r.chars();
        if let Some(h) = chars.next().filter(|c| is_hyphen(*c)) {
            out.push_str("RC-");
            rest = &r[h.len_utf8()..];
        }
    }
    let series = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(1..=2).contains(&series) {
        return None;
    }
    out.push_str(&rest[..series]);
    rest = &rest[series..];
    let term = digits(rest);
    if !(1..=2).contains(&term) {
        return None;
    }
    out.push_str(&rest[..term]);
    rest = &rest[term..];
    let h = rest.chars().next().filter(|c| is_hyphen(*c))?;
    out.push('-');
    rest = &rest[h.len_utf8()..];
    let number = digits(rest);
    if number == 0 || number > 6 {
        return None;
    }
    out.push_str(&rest[..number]);
    rest = &rest[number..];
    rest = rest.strip_prefix('/')?;
    out.push('/');
    let year = digits(rest);
    if year == 0 || year > 4 {
        return None;
    }
    out.push_str(&rest[..year]);
    rest = &rest[year..];
    Some((s.len() - rest.len(), out))
}

/// `s` is a document number and nothing else.
pub fn doc_number(s: &str) -> Option<String> {
    doc_number_prefix(s)
        .filter(|(len, _)| *len == s.len())
        .map(|(_, n)| n)
}

/// True when a document number is well formed: `B9-0146/2021`, `RC-B10-0249/2025`.
pub fn doc_number_is_well_formed(n: &str) -> bool {
    let n = n.strip_prefix("RC-").unwrap_or(n);
    let Some((head, year)) = n.split_once('/') else {
        return false;
    };
    let Some((series, number)) = head.split_once('-') else {
        return false;
    };
    let letters = series.bytes().take_while(u8::is_ascii_uppercase).count();
    let term = &series[letters..];
    letters == 1
        && !term.is_empty()
        && term.len() <= 2
        && term.bytes().all(|b| b.is_ascii_digit())
        && number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
}

/// The page title of the Parliament's site, with the number glued to the next words:
/// `Motion for a resolution - B8-1426/2016Motion for a resolution`. Returns the number.
pub fn page_title_doc_number(s: &str) -> Option<String> {
    let (before, after) = s.split_once(" - ")?;
    let (len, number) = doc_number_prefix(after.trim_start())?;
    let rest = after.trim_start()[len..].trim();
    (rest.eq_ignore_ascii_case(before.trim()) || rest.is_empty()).then_some(number)
}

/// A date written `9.2.2021` (day, month, year; no-break spaces around are the caller's
/// business). Returns the parsed numbers, valid or not, and the length matched.
pub fn dotted_date_prefix(s: &str) -> Option<(usize, u32, u32, u32)> {
    let d = digits(s);
    if !(1..=2).contains(&d) {
        return None;
    }
    let rest = s[d..].strip_prefix('.')?;
    let m = digits(rest);
    if !(1..=2).contains(&m) {
        return None;
    }
    let rest2 = rest[m..].strip_prefix('.')?;
    let y = digits(rest2);
    if y != 4 {
        return None;
    }
    let len = s.len() - rest2.len() + y;
    if s[len..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((
        len,
        s[..d].parse().ok()?,
        rest[..m].parse().ok()?,
        rest2[..y].parse().ok()?,
    ))
}

/// A valid date from day, month and year numbers.
pub fn make_date(day: u32, month: u32, year: u32) -> Option<Date> {
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// The first procedure reference in `s` (`2021/2544(RSP)`), loosely: digits `/` digits `(` letters
/// `)`. Returns its byte range.
pub fn find_procedure(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(off) = s[i..].find('/') {
        let slash = i + off;
        let start = slash
            - bytes[..slash]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
        let after = &s[slash + 1..];
        let n = digits(after);
        if slash - start >= 4 && n >= 1 {
            let rest = &after[n..];
            if let Some(inner) = rest.strip_prefix('(') {
                let letters = inner.bytes().take_while(u8::is_ascii_alphabetic).count();
                if letters >= 2 && inner[letters..].starts_with(')') {
                    let end = slash + 1 + n + 1 + letters + 1;
                    let before_ok = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
                    if before_ok {
                        return Some((start, end));
                    }
                }
            }
        }
        i = slash + 1;
    }
    None
}

/// True when a procedure reference is well formed: `2021/2544(RSP)`.
pub fn procedure_is_well_formed(p: &str) -> bool {
    let Some((year, rest)) = p.split_once('/') else {
        return false;
    };
    let Some((number, kind)) = rest.split_once('(') else {
        return false;
    };
    let Some(kind) = kind.strip_suffix(')') else {
        return false;
    };
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && (3..=4).contains(&kind.len())
        && kind.bytes().all(|b| b.is_ascii_uppercase())
}

/// A session number (`PE662.890v01-00`, `PE547.510`) that makes up all of `s`.
pub fn pe_number(s: &str) -> Option<String> {
    let rest = s.strip_prefix("PE")?;
    let a = digits(rest);
    let rest2 = rest[a..].strip_prefix('.')?;
    let b = digits(rest2);
    if a != 3 || b != 3 {
        return None;
    }
    let tail = &rest2[b..];
    let ok = tail.is_empty()
        || tail.strip_prefix('v').is_some_and(|t| {
            t.len() == 5
                && t.as_bytes()[2] == b'-'
                && t.bytes().filter(u8::is_ascii_digit).count() == 4
        });
    ok.then(|| s.to_string())
}

/// The Rule reference of a Rule line, from the numbers in it: `Rule 144`,
/// `Rules 150(5) and 136(4)`. Works for any language since only the numbers are read.
pub fn rule_reference(line: &str) -> Option<String> {
    let mut refs: Vec<&str> = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let mut end = i + digits(&line[i..]);
            if line[end..].starts_with('(') {
                let inner = digits(&line[end + 1..]);
                if inner > 0 && line[end + 1 + inner..].starts_with(')') {
                    end += inner + 2;
                }
            }
            refs.push(&line[i..end]);
            i = end;
        } else {
            i += 1;
        }
    }
    match refs.as_slice() {
        [] => None,
        [one] => Some(format!("Rule {one}")),
        [init @ .., last] => Some(format!("Rules {} and {last}", init.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers() {
        assert_eq!(doc_number("B9-0146/2021").as_deref(), Some("B9-0146/2021"));
        assert_eq!(
            doc_number("RC-B10-0249/2025").as_deref(),
            Some("RC-B10-0249/2025")
        );
        assert_eq!(
            doc_number("B10\u{2011}0249/2025").as_deref(),
            Some("B10-0249/2025")
        );
        assert_eq!(doc_number("B9-0146/2021 x"), None);
        assert!(doc_number_is_well_formed("RC-B10-0249/2025"));
        assert!(!doc_number_is_well_formed("B9-146/21"));
        assert_eq!(
            page_title_doc_number(
                "Joint motion for a resolution - RC-B10-0249/2025Joint motion for a resolution"
            )
            .as_deref(),
            Some("RC-B10-0249/2025")
        );
    }

    #[test]
    fn dates_procedures_pe_rules() {
        assert_eq!(dotted_date_prefix("9.2.2021"), Some((8, 9, 2, 2021)));
        assert_eq!(dotted_date_prefix("9.7 million"), None);
        assert_eq!(find_procedure("on X (2021/2544(RSP))"), Some((6, 20)));
        assert!(procedure_is_well_formed("2021/2544(RSP)"));
        assert!(!procedure_is_well_formed("2021/25(rsp)"));
        assert!(pe_number("PE662.890v01-00").is_some());
        assert_eq!(
            rule_reference("pursuant to Rule 144 of the Rules of Procedure").as_deref(),
            Some("Rule 144")
        );
        assert_eq!(
            rule_reference("pursuant to Rules 150(5) and 136(4) of the Rules").as_deref(),
            Some("Rules 150(5) and 136(4)")
        );
        assert_eq!(
            rule_reference("podnesen u skladu s člankom 133. Poslovnika").as_deref(),
            Some("Rule 133")
        );
    }
}
