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
    // The first dash with white space (of any kind: pasted titles hold no-break spaces) around.
    let dash = s.char_indices().find(|&(i, c)| {
        c == '-'
            && s[..i].ends_with(char::is_whitespace)
            && s[i + 1..].starts_with(char::is_whitespace)
    })?;
    let (before, after) = (&s[..dash.0], s[dash.0 + 1..].trim_start());
    let (len, number) = doc_number_prefix(after)?;
    let rest = &after[len..];
    let words = |t: &str| {
        t.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    (rest.trim().is_empty() || words(rest) == words(before)).then_some(number)
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

/// A date written with numbers: `9.2.2021`, `09/02/2021` (day first) or ISO `2021-02-09`, the
/// whole of `s` (a final `.` or `,` aside). `Some(Err(()))` when `s` has the shape of a date but
/// names no day of the calendar (`31.02.2021`, `2021-13-01`).
pub fn numeric_date(s: &str) -> Option<Result<Date, ()>> {
    let s = s.strip_suffix([',', ';']).unwrap_or(s);
    let parts = |sep: char| -> Option<[&str; 3]> {
        let mut it = s.split(sep);
        let p = [it.next()?, it.next()?, it.next()?];
        (it.next().is_none() && p.iter().all(|x| !x.is_empty() && digits(x) == x.len()))
            .then_some(p)
    };
    let (d, m, y) = if let Some([y, m, d]) = parts('-').filter(|[y, ..]| y.len() == 4) {
        (d, m, y)
    } else {
        let [d, m, y] = parts('.').or_else(|| parts('/'))?;
        (d, m, y)
    };
    if d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let n = |x: &str| x.parse::<u32>().ok();
    Some(make_date(n(d)?, n(m)?, n(y)?).ok_or(()))
}

/// Words that stand between the day, month and year of a written date in the Parliament's
/// languages: Spanish `de`, Latvian `gada`, Lithuanian `m.` and `d.`, Bulgarian `г.`, Polish `r.`.
const DATE_FILLERS: &[&str] = &[
    "de", "del", "gada", "m", "d", "г", "r", "roku", "ta'", "an", "den",
];

/// A date written in words with one of `months` (the profile's, January first): `9 February
/// 2021`, `9. Februar 2021`, `9 de febrero de 2021`, `2021. február 9.`. The whole of `s` must be
/// the date. `Some(Err(()))` when it names no day of the calendar (`31 February 2021`).
pub fn written_date(s: &str, months: &[String]) -> Option<Result<Date, ()>> {
    let mut rest = format!(" {} ", s.to_lowercase());
    let mut month = None;
    let mut by_length: Vec<(usize, &String)> = months.iter().enumerate().collect();
    by_length.sort_by_key(|(_, m)| std::cmp::Reverse(m.len()));
    for (i, name) in by_length {
        let needle = format!(" {} ", name.to_lowercase());
        if let Some(at) = rest.find(&needle) {
            rest.replace_range(at..at + needle.len(), " ");
            month = Some(i as u32 + 1);
            break;
        }
    }
    let month = month?;
    let (mut day, mut year) = (None, None);
    for token in rest.split_whitespace() {
        let t = token.trim_end_matches(['.', ',']);
        match digits(t) {
            n if n == t.len() && (1..=2).contains(&n) && day.is_none() => {
                day = t.parse::<u32>().ok()
            }
            4 if t.len() == 4 && year.is_none() => year = t.parse::<u32>().ok(),
            _ if DATE_FILLERS.contains(&t) => {}
            _ => return None,
        }
    }
    Some(make_date(day?, month, year?).ok_or(()))
}

/// A valid date from day, month and year numbers.
pub fn make_date(day: u32, month: u32, year: u32) -> Option<Date> {
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// The first procedure reference in `s` (`2021/2544(RSP)`), loosely: at least four digits `/`
/// digits `(` two letters or more `)`, not glued to a word before it. Returns its byte range.
pub fn find_procedure(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    procedure_shapes(s)
        .find(|p| {
            p.slash - p.start >= 4
                && p.letters >= 2
                && (p.start == 0 || !bytes[p.start - 1].is_ascii_alphanumeric())
        })
        .map(|p| (p.start, p.end))
}

/// A procedure reference in brackets and nothing else (`(2021/2544(RSP))`): the reference.
pub fn bracketed_procedure(t: &str) -> Option<&str> {
    let inner = t.strip_prefix('(')?.strip_suffix(')')?;
    (find_procedure(inner) == Some((0, inner.len()))).then_some(inner)
}

/// Where digits `/` digits `(` letters `)` stand in `s`, each found from its slash.
struct ProcedureShape {
    start: usize,
    slash: usize,
    letters: usize,
    end: usize,
}

fn procedure_shapes(s: &str) -> impl Iterator<Item = ProcedureShape> + '_ {
    let bytes = s.as_bytes();
    s.match_indices('/').filter_map(move |(slash, _)| {
        let start = slash
            - bytes[..slash]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
        let n = digits(&s[slash + 1..]);
        let inner = s[slash + 1 + n..].strip_prefix('(')?;
        let letters = inner.bytes().take_while(u8::is_ascii_alphabetic).count();
        (n > 0 && letters > 0 && inner[letters..].starts_with(')')).then_some(ProcedureShape {
            start,
            slash,
            letters,
            end: slash + 1 + n + letters + 2,
        })
    })
}

/// The procedure types of the Parliament's Legislative Observatory (OEIL, "Type of procedure"
/// in its search form, <https://oeil.secure.europarl.europa.eu/oeil/en/search>): legislative COD
/// (ordinary), CNS (consultation), APP (consent), NLE (non-legislative enactments), SYN
/// (cooperation) and AVC (assent) of earlier treaties; non-legislative INI (own initiative), INL
/// (legislative initiative), RSP (resolutions on topical subjects), RPS (implementing acts,
/// regulatory procedure with scrutiny), DEA (delegated acts), BUD and BUI (budget), DEC
/// (discharge), IMM (immunity), REG (Rules of Procedure), RSO (internal organisation), ACI
/// (interinstitutional agreements), INS (institutional), DCE (written declarations), COS (own-
/// initiative opinions of earlier terms).
pub const PROCEDURE_TYPES: &[&str] = &[
    "COD", "CNS", "APP", "NLE", "SYN", "AVC", "INI", "INL", "RSP", "RPS", "DEA", "BUD", "BUI",
    "DEC", "IMM", "REG", "RSO", "ACI", "INS", "DCE", "COS",
];

/// Something shaped like a procedure reference, loosely: digits `/` digits `(` letters `)`, at
/// any length (`21/2544(RSP)`). Returns its byte range. [`find_procedure`] is the strict form.
pub fn find_procedure_like(s: &str) -> Option<(usize, usize)> {
    procedure_shapes(s)
        .find(|p| p.start < p.slash)
        .map(|p| (p.start, p.end))
}

/// The document number a file name states: `B9-0146-2021_EN` -> `B9-0146/2021`,
/// `RC-B10-0249-2025_EN` -> `RC-B10-0249/2025`. `None` for names without one.
pub fn doc_number_from_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = base.split_once('_').map_or(base, |(b, _)| b);
    let (head, year) = base.rsplit_once('-')?;
    if year.len() != 4 || digits(year) != 4 {
        return None;
    }
    doc_number(&format!("{head}/{year}"))
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
        && PROCEDURE_TYPES.contains(&kind)
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

/// Strips emphasis marks wrapping a whole line (`**B9-0146/2021**`, `*Plenary sitting*`).
pub fn unwrap_emphasis(t: &str) -> &str {
    let mut t = t.trim();
    loop {
        let inner = t
            .strip_prefix("**")
            .and_then(|s| s.strip_suffix("**"))
            .or_else(|| t.strip_prefix('*').and_then(|s| s.strip_suffix('*')));
        match inner {
            Some(i) if !i.is_empty() => t = i.trim(),
            _ => return t,
        }
    }
}

/// True when a line holds a document number and nothing else (ignoring emphasis).
pub fn is_doc_number_line(t: &str) -> bool {
    doc_number(unwrap_emphasis(t)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_titles_are_read_with_any_white_space() {
        let title = "Motion for a resolution - B8-1426/2016Motion for a resolution";
        assert_eq!(
            page_title_doc_number(title).as_deref(),
            Some("B8-1426/2016")
        );
        let pasted = title.replace(' ', "\u{a0}");
        assert_eq!(
            page_title_doc_number(&pasted).as_deref(),
            Some("B8-1426/2016")
        );
        assert_eq!(page_title_doc_number("Motion - B8-1426/2016 on fish"), None);
        assert_eq!(page_title_doc_number("Motion-B8-1426/2016"), None);
    }

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
    fn numeric_and_written_dates() {
        let feb9 = Date::new(2021, 2, 9).ok_or(());
        for s in [
            "9.2.2021",
            "09.02.2021",
            "09/02/2021",
            "2021-02-09",
            "9.2.2021,",
        ] {
            assert_eq!(numeric_date(s), Some(feb9), "{s}");
        }
        assert_eq!(numeric_date("31.02.2021"), Some(Err(())));
        assert_eq!(numeric_date("2021-13-01"), Some(Err(())));
        assert_eq!(numeric_date("9.7 million"), None);
        assert_eq!(numeric_date("2021/2544"), None);
        let en: Vec<String> = ["January", "February"].map(String::from).to_vec();
        assert_eq!(written_date("9 February 2021", &en), Some(feb9));
        assert_eq!(
            written_date("9. februar 2021", &["x".into(), "Februar".into()]),
            Some(feb9)
        );
        assert_eq!(
            written_date("2021. február 9.", &["x".into(), "február".into()]),
            Some(feb9)
        );
        assert_eq!(written_date("31 February 2021", &en), Some(Err(())));
        assert_eq!(written_date("on 9 February 2021 the", &en), None);
        assert_eq!(written_date("9 2021", &en), None);
    }

    #[test]
    fn procedure_types_and_file_names() {
        assert!(procedure_is_well_formed("2021/2544(COD)"));
        assert!(!procedure_is_well_formed("2021/2544(XYZ)"));
        assert_eq!(find_procedure("(21/2544(RSP))"), None);
        assert_eq!(find_procedure_like("(21/2544(RSP))"), Some((1, 13)));
        assert_eq!(
            doc_number_from_file_name("B9-0146-2021_EN").as_deref(),
            Some("B9-0146/2021")
        );
        assert_eq!(
            doc_number_from_file_name("RC-B10-0249-2025_EN").as_deref(),
            Some("RC-B10-0249/2025")
        );
        assert_eq!(doc_number_from_file_name("motion"), None);
        assert_eq!(doc_number_from_file_name("TA-5-2004-0278_EN"), None);
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
