//! Words: splitting text into them, the words of a motion, and comparing word sequences in order.

use motion_export::model::*;
use std::collections::HashSet;

/// Splits text into words on any whitespace (no-break spaces included).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `words` with the hyphens a line breaker added taken out: a word ending in a hyphen is
/// joined to the next word that `furniture` does not accept (a page footer or header may come
/// between, when the hyphen ends a page) when together, without the hyphen, they make a word of
/// `known` and the two apart are not both known. Every other word stays as it is.
pub fn join_hyphenated(
    words: Vec<String>,
    known: &HashSet<&str>,
    furniture: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let head = &words[i];
        let next = (i + 1..words.len()).find(|&j| !furniture(&words[j]));
        if let (true, Some(j)) = (head.len() > 1 && head.ends_with('-'), next) {
            let tail = &words[j];
            let joined = format!("{}{tail}", &head[..head.len() - 1]);
            if known.contains(joined.as_str())
                && !(known.contains(head.as_str()) && known.contains(tail.as_str()))
            {
                out.push(joined);
                out.extend(words[i + 1..j].iter().cloned());
                i = j + 1;
                continue;
            }
        }
        out.push(head.clone());
        i += 1;
    }
    out
}

/// The motion's paragraphs outside its footnotes, in reading order.
pub fn main_text(m: &Motion) -> Vec<&Para> {
    without_notes(m, m.text_in_order())
}

/// `paras` without the paragraphs of `m`'s footnotes.
pub fn without_notes<'m>(m: &'m Motion, mut paras: Vec<&'m Para>) -> Vec<&'m Para> {
    let notes: Vec<*const Para> = (m.footnotes.iter())
        .flat_map(|n| n.content.iter().map(|p| p as *const Para))
        .collect();
    paras.retain(|p| !notes.contains(&(*p as *const Para)));
    paras
}

/// The words of every paragraph of the motion's text, in reading order.
pub fn motion_words(motion: &Motion) -> Vec<String> {
    motion
        .text_in_order()
        .iter()
        .flat_map(|p| words(&p.plain_text()))
        .collect()
}

/// Texts an export may print beyond the motion's running text: the numbers of recitals,
/// paragraphs and points, the citation dash, footnote markers, and the cover fields that are data
/// rather than text (masthead, term and plenary-sitting line, document number, session number,
/// date, kind, Rule, procedure, authors and groups, replaced motions), in the spellings the
/// exporters use. Each format's word test allows
/// the words of these (after its own character cleaning) as extras.
pub fn label_and_cover_texts(m: &Motion) -> Vec<String> {
    fn nums(points: &[Point], out: &mut Vec<String>) {
        for p in points {
            out.push(p.num.text.to_string());
            nums(&p.points, out);
        }
    }
    let c = &m.cover;
    let mut texts: Vec<String> = vec!["–".into(), m.source_name.clone()];
    for field in [&c.institution, &c.term, &c.sitting] {
        texts.extend(field.iter().map(|f| f.value.clone()));
    }
    texts.extend(c.doc_number.iter().map(|n| n.value.clone()));
    texts.extend(c.pe_number.iter().map(|n| n.value.clone()));
    // The footer's motto line, printed with the PE number.
    if let (Some(_), Some(p)) = (&c.pe_number, motion_export::lang::profile(&m.lang)) {
        let code = m.lang.to_uppercase();
        texts.push(format!("{code} {} {code}", p.motto));
    }
    texts.extend(c.kind_text.iter().map(|n| n.value.clone()));
    // The kind in the language's words, printed when the cover does not state it.
    if let Some(p) = motion_export::lang::profile(&m.lang) {
        texts.extend([&p.kind_motion, &p.kind_joint, &p.kind_adopted].map(|k| k.join(" ")));
    }
    texts.extend(c.rule.iter().map(|n| n.value.clone()));
    texts.extend(c.procedure.iter().map(|p| format!("{0} ({0})", p.value)));
    texts.extend(
        c.date
            .iter()
            .map(|d| format!("{}.{}.{}", d.value.day, d.value.month, d.value.year)),
    );
    for g in &c.authors {
        let members: Vec<&str> = g.members.iter().map(|s| s.trim()).collect();
        texts.push(members.join(", "));
        texts.extend(g.group.iter().cloned());
        texts.extend(g.group_line.iter().cloned());
    }
    for r in &c.replaces {
        texts.push(r.number.clone());
        texts.extend(r.group.iter().map(|g| format!("({g})")));
    }
    for r in &m.recitals {
        texts.push(r.num.text.to_string());
        nums(&r.points, &mut texts);
    }
    for p in m.paragraphs() {
        texts.push(p.num.text.to_string());
        nums(&p.points, &mut texts);
    }
    texts.extend(m.footnotes.iter().map(|n| n.marker.clone()));
    texts
}

/// How two word sequences differ: words of `expected` missing from `actual`, and words of
/// `actual` not in `expected`, by a minimal diff that respects order.
#[derive(Debug, Default)]
pub struct WordDiff {
    pub missing: Vec<String>,
    pub extra: Vec<String>,
}

pub fn diff_words(expected: &[String], actual: &[String]) -> WordDiff {
    use similar::{capture_diff_slices, Algorithm, DiffOp};
    let mut diff = WordDiff::default();
    for op in capture_diff_slices(Algorithm::Myers, expected, actual) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => diff
                .missing
                .extend_from_slice(&expected[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => diff
                .extra
                .extend_from_slice(&actual[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                diff.missing
                    .extend_from_slice(&expected[old_index..old_index + old_len]);
                diff.extra
                    .extend_from_slice(&actual[new_index..new_index + new_len]);
            }
        }
    }
    diff
}

/// Asserts that every word of `expected` appears in `actual`, in order. Extra words in `actual`
/// are allowed only if `allow_extra` accepts each of them (page headers, numbers, labels).
pub fn assert_words_in_order(
    what: &str,
    expected: &[String],
    actual: &[String],
    allow_extra: impl Fn(&str) -> bool,
) {
    let diff = diff_words(expected, actual);
    let extra: Vec<&String> = diff.extra.iter().filter(|w| !allow_extra(w)).collect();
    assert!(
        diff.missing.is_empty() && extra.is_empty(),
        "{what}: {} words missing {:?}, {} unexpected words {:?}",
        diff.missing.len(),
        &diff.missing[..diff.missing.len().min(40)],
        extra.len(),
        &extra[..extra.len().min(40)]
    );
}
