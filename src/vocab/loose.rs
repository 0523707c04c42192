//! Loose matching of words as people type them: case, runs of whitespace (no-break spaces
//! included) and the apostrophe's three forms do not count.
//!
//! `build.rs` compiles this file too (the language tables' keys are made by these functions), so
//! it uses nothing but `std`.

/// Compares case-insensitively, treating any run of whitespace as one space.
pub fn eq_loose(a: &str, b: &str) -> bool {
    let (mut wa, mut wb) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (wa.next(), wb.next()) {
            (None, None) => return true,
            (Some(p), Some(q))
                if p.chars()
                    .flat_map(char::to_lowercase)
                    .eq(q.chars().flat_map(char::to_lowercase)) => {}
            _ => return false,
        }
    }
}

/// `s` starts with `prefix`, ignoring case and treating whitespace runs (no-break spaces
/// included) as equal. A prefix ending in a letter or digit must end a word of `s` (`vu` does not
/// start `vulnérable`). Returns the byte length of `s` matched.
pub fn starts_with_loose(s: &str, prefix: &str) -> Option<usize> {
    // Fast rejection on the first byte, the common case.
    if let (Some(&a), Some(&b)) = (s.as_bytes().first(), prefix.as_bytes().first()) {
        if a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(&b) {
            return None;
        }
    }
    let mut si = s.char_indices().peekable();
    let mut pi = prefix.chars().peekable();
    while let Some(pc) = pi.next() {
        if pc.is_whitespace() {
            while pi.peek().is_some_and(|c| c.is_whitespace()) {
                pi.next();
            }
            if !si.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                return None;
            }
            while si.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                si.next();
            }
            continue;
        }
        let (_, sc) = si.next()?;
        if sc != pc
            && !sc.to_lowercase().eq(pc.to_lowercase())
            && !(is_apostrophe(sc) && is_apostrophe(pc))
        {
            return None;
        }
    }
    let word_goes_on = prefix
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && si.peek().is_some_and(|(_, c)| c.is_alphanumeric());
    if word_goes_on {
        return None;
    }
    Some(si.peek().map_or(s.len(), |(i, _)| *i))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2BC}')
}

/// The first word as a lookup key: lower case, letters and digits only (`The European` ->
/// `the`).
pub fn first_word_key(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A line as a lookup key: lower case, whitespace runs as one space, apostrophes as `'`.
pub fn loose_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            out.push(if is_apostrophe(c) { '\'' } else { c });
        }
    }
    out
}
